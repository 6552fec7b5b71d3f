"""Exports of chosen entries, one module per format: Markdown and HTML to read, PDF to print,
CSV for spreadsheets, JSON to move a journal (see `cbt import`) and FHIR for a clinic's
system (the PHQ-9, GAD-7 and mood check-ins as a FHIR R4 Bundle)."""

FORMATS = ("md", "html", "pdf", "csv", "json", "fhir")
EXTENSIONS = {
    "md": "md",
    "html": "html",
    "pdf": "pdf",
    "csv": "csv",
    "json": "json",
    "fhir": "fhir.json",
}
