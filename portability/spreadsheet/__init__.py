"""The spreadsheet import: upload a CSV or XLSX, map its columns, preview, import."""
