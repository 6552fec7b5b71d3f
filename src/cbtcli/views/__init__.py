"""How things look: entries and their fields, summaries, measures, patterns, the prep
page, safety panels and charts, drawn for a terminal (and, as fields and sections, for
every export)."""
