"""Reads of the shared vendor catalog (browsing, detail, duplicates, matching)."""
