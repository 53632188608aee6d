"""Views of the learning app, a module per feature: short functions, one permission line at
the top."""
