"""Page numbers and ids read from the query string, so that no value there is a server error.

A page beyond bigint once reached PostgreSQL as an OFFSET and gave 500; "²" passes
str.isdigit() but not int(). Anything but plain ASCII digits is no number here.
"""

# Beyond the last page of every list in the portal; an offset made from it stays in bigint.
MOST_PAGES = 1_000_000
BIGINT_MAX = 2**63 - 1


def _digits(value: str | None) -> bool:
    return bool(value) and value.isascii() and value.isdigit()


def page_number(value: str | None) -> int:
    """1 unless `value` is plain digits; at most MOST_PAGES."""
    if not _digits(value):
        return 1
    if len(value) > len(str(MOST_PAGES)):
        return MOST_PAGES
    return max(1, min(int(value), MOST_PAGES))


def id_number(value: str | None) -> int | None:
    """The id `value` names, or None when it names none (not digits, or beyond any row's)."""
    if not _digits(value) or len(value) > len(str(BIGINT_MAX)):
        return None
    number = int(value)
    return number if number <= BIGINT_MAX else None
