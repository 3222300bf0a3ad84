"""The chapters' text as written: prose and code spans, references, the source map."""
