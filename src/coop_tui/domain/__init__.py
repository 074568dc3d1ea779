"""The pure core: the model and what is derived from it. No UI, no storage."""
