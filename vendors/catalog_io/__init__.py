"""Catalog files in and out: the format (schema), reading uploads (files), deciding what an
import would do (plan). The write itself is `vendors.services.catalog_import`; the export
rows come from `vendors.selectors.export`."""
