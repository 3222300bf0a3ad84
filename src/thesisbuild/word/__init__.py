"""The Word copy: pandoc to .docx with a reference DOCX made from thesis.yaml."""
