"""The commands: parse options, call the build or lint, print."""
