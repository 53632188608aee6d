"""Norwegian text helpers shared by every app."""

from django.utils.text import slugify

# slugify() drops what it cannot fold to ASCII, so «Risør» became «risr». Norwegians write
# æ, ø and å as ae, o and a where only ASCII will do (web addresses, e-mail names).
_ASCII_SPELLING = str.maketrans(
    {"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A", "ä": "ae", "ö": "o"}
)


def norwegian_slug(text: str) -> str:
    """The slug of every page address: «Risør» → «risor», «Lønnstilskudd» → «lonnstilskudd»."""
    return slugify(str(text).translate(_ASCII_SPELLING))
