"""Exports of chosen entries, one module per format: Markdown and HTML to read, PDF to print,
CSV for spreadsheets and JSON to move a journal (see `cbt import`)."""

FORMATS = ("md", "html", "pdf", "csv", "json")
EXTENSIONS = {"md": "md", "html": "html", "pdf": "pdf", "csv": "csv", "json": "json"}
