"""cbtcli: guided CBT self-help exercises in the terminal, kept in a private local journal."""

__version__ = "0.1.0"
