"""Writes to the shared vendor catalog. Views and commands call these, never `save()`."""
