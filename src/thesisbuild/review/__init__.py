"""The supervisor's review read back: a PDF's annotations and a Word file's comments and
tracked changes, each placed at the chapter line it is on."""
