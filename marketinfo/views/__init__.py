"""The market information pages (/marked/), one module per feature."""
