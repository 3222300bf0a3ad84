"""thesis.yaml → Config: one declaration per key, the reader, the JSON Schema."""
