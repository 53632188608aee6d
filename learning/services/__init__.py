"""Writes of the learning app that span models or have side effects (keyword-only, atomic),
a module per feature."""
