"""What `thesisbuild init` writes into a new thesis repository."""
