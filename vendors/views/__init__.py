"""Catalog pages: browsing (every signed-in user), curation and files (curators), and the
vendor shortlist on a function's page (workspace members)."""
