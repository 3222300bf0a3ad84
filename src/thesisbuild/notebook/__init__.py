"""A chapter notebook → executed, exported markdown and figures."""
