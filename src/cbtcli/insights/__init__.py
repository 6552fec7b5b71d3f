"""What the journal says over time: summaries and the home screen's facts, measures and
their change, patterns, and the relapse-prevention blueprint's draft."""
