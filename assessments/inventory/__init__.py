"""A workspace's function inventory as a spreadsheet: the columns, the import and the export.

One column list serves the template people download, the importer that checks their file,
and the export, so an export always imports back.
"""
