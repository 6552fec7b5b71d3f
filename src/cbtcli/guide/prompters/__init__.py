"""Ways of putting an exercise's steps to a person: interactive, plain lines, or a file."""
