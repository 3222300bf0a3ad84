"""Changes between two revisions of the thesis: the pandoc documents compared block by block
and word by word, marked as insertions and deletions, and counted per chapter."""
