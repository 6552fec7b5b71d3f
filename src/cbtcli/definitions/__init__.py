"""Exercise definitions: YAML files read and checked into the exercise model, and the
catalogue of built-in and personal exercises."""
