"""The terminal, for every layer: the consoles (stored text never drives it), the little
markup exercise texts use, a progress bar for long work, and secrets typed unseen."""
