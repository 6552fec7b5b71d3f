"""Care when someone may be at risk: the risk check, the watch over a sitting, and crisis
lines by region."""
