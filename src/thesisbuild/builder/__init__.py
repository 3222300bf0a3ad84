"""The pipeline and its targets (full PDF, preview, markdown), the no-op check, watch, doctor."""
