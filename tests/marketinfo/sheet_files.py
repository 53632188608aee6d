"""Spreadsheets written by hand, as an attacker would: zipfile and literal XML, so that nothing
in the test process ever parses them with the native sheet reader."""

import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET = RELATIONSHIPS + "/worksheet"


def worksheet_xml(cells: str, *, dimension: str = "", before: str = "") -> str:
    """A worksheet around `cells` (literal <row> elements)."""
    dimension_element = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{before}'
        f'<worksheet xmlns="{MAIN}">{dimension_element}<sheetData>{cells}</sheetData></worksheet>'
    )


def workbook(sheets: dict[str, str], *, paths: dict[str, str] | None = None) -> bytes:
    """An xlsx of the given tabs (name → worksheet XML). `paths` may put a tab's part
    somewhere other than xl/worksheets/sheetN.xml, as the format allows."""
    paths = paths or {}
    buffer = io.BytesIO()
    entries, relations, overrides = [], [], []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, xml) in enumerate(sheets.items(), start=1):
            path = paths.get(name, f"xl/worksheets/sheet{number}.xml")
            archive.writestr(path, xml)
            entries.append(f'<sheet name="{name}" sheetId="{number}" r:id="rId{number}"/>')
            relations.append(
                f'<Relationship Id="rId{number}" Type="{WORKSHEET}" Target="/{path}"/>'
            )
            overrides.append(
                f'<Override PartName="/{path}" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            )
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(overrides)
            + "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
            f'xmlns:r="{RELATIONSHIPS}"><sheets>{"".join(entries)}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(relations)
            + "</Relationships>",
        )
    return buffer.getvalue()


def text_cell(address: str, text: str) -> str:
    return f'<c r="{address}" t="inlineStr"><is><t>{text}</t></is></c>'


def far_cell_sheet(address: str) -> bytes:
    """The attack of issue #16: a header, one row, and one cell at a far `address`
    (Z1048576: 2.7 s and +850 MB in the sheet reader; XFD1048576: it asks for 512 GiB and
    aborts the process). 5 KB at most."""
    row = address.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    cells = (
        f'<row r="1">{text_cell("A1", "Stillingstittel")}</row>'
        f'<row r="2">{text_cell("A2", "Kokk")}</row>'
        f'<row r="{row}"><c r="{address}"><v>1</v></c></row>'
    )
    return workbook({"Ukesark": worksheet_xml(cells)})
