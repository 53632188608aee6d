"""National-scale rows for this app (see portal/scale.py)."""


def build(ctx):
    return []
