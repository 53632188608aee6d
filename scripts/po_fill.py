"""Fill a gettext catalogue from a Python dict of translations, and list what is missing.

    .venv/bin/python scripts/po_fill.py locale/nb/LC_MESSAGES/django.po translations.py

`translations.py` defines T = {msgid: msgstr, ...}; a plural entry maps to a list of forms.
Without a second argument it prints the untranslated msgids. Fuzzy marks are removed from
entries it fills.
"""

import runpy
import sys

import polib


def main() -> None:
    po = polib.pofile(sys.argv[1], wrapwidth=100)
    translations = runpy.run_path(sys.argv[2])["T"] if len(sys.argv) > 2 else {}
    for entry in po:
        if entry.msgid in translations:
            value = translations[entry.msgid]
            if entry.msgid_plural:
                forms = value if isinstance(value, list) else [value, value]
                entry.msgstr_plural = dict(enumerate(forms))
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    missing = [
        e.msgid
        for e in po
        if not e.obsolete
        and ("fuzzy" in e.flags or not (e.msgstr or any(e.msgstr_plural.values())))
    ]
    for msgid in missing:
        print(repr(msgid))
    print(f"{len(missing)} untranslated in {sys.argv[1]}", file=sys.stderr)


if __name__ == "__main__":
    main()
