"""Copy the front-end assets from node_modules into static/vendor.

NAV's design-system CSS loads its font from NAV's CDN; an intranet page must call no third
party, so we drop those @font-face rules and serve Source Sans 3 ourselves (fontsource).
"""

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"
FONT_WEIGHTS = ("400", "600", "700")


def main() -> None:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    (VENDOR / "fonts").mkdir(parents=True)

    design_css = (MODULES / "@navikt/ds-css/dist/index.min.css").read_text()
    without_remote_fonts = re.sub(r"@font-face\s*\{[^}]*\}", "", design_css)
    assert "cdn.nav.no" not in without_remote_fonts, "the design system still calls NAV's CDN"
    (VENDOR / "aksel.css").write_text(without_remote_fonts)

    font_faces = []
    source = MODULES / "@fontsource/source-sans-3/files"
    # The latin subset holds æ, ø and å; the other subsets are for scripts we do not show.
    for weight in FONT_WEIGHTS:
        for style in ("normal", "italic"):
            name = f"source-sans-3-latin-{weight}-{style}.woff2"
            shutil.copy(source / name, VENDOR / "fonts" / name)
            font_faces.append(
                "@font-face{font-family:'Source Sans 3';font-display:swap;"
                f"font-style:{style};font-weight:{weight};"
                f"src:url(fonts/{name}) format('woff2');}}"
            )
    (VENDOR / "fonts.css").write_text("\n".join(font_faces) + "\n")
    (VENDOR / ".built").touch()


if __name__ == "__main__":
    main()
