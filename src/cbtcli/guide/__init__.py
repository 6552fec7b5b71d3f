"""Guiding a person through an exercise: the engine walks the steps, a prompter asks them,
and the answers are checked and kept in the journal."""
