"""A local stand-in for the register's open API, answering in its documented format.

Serves `oppdateringer/{enheter,underenheter}` (HAL JSON: `_embedded.oppdaterteEnheter[]`,
`page`, no `_embedded` on an empty page) and the search by organisation numbers
(`/{enheter,underenheter}?organisasjonsnummer=a,b`), on 127.0.0.1 in a thread. Used by the
tests of the update feed and by `make bench` for one day's updates. A dev tool.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

EMBEDDED = {"enheter": "oppdaterteEnheter", "underenheter": "oppdaterteUnderenheter"}


@dataclass
class FakeRegister:
    # kind -> the changes, each {"oppdateringsid", "dato", "organisasjonsnummer", "endringstype"}
    updates: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in EMBEDDED})
    # kind -> organisation number -> the unit as the API gives it
    units: dict[str, dict[str, dict]] = field(default_factory=lambda: {k: {} for k in EMBEDDED})
    # Answer 500 to every request whose path and query contain this text.
    fail_on: str | None = None
    requests: list[str] = field(default_factory=list)
    # When the register says its changes were made: by default now, since the portal asks for
    # the changes from yesterday on.
    changed_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def add_change(self, kind: str, number: str, change_type: str, unit: dict | None = None):
        next_id = 1000 + sum(len(changes) for changes in self.updates.values()) + 1
        self.updates[kind].append(
            {
                "oppdateringsid": next_id,
                # The register's own form: «2026-12-06T04:01:22.299Z».
                "dato": self.changed_at.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
                "organisasjonsnummer": number,
                "endringstype": change_type,
                "_links": {"enhet": {"href": f"/{kind}/{number}"}},
            }
        )
        if unit is not None:
            self.units[kind][number] = unit
        return next_id

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, dict]:
        parts = [part for part in path.split("/") if part]
        one = {key: values[0] for key, values in query.items()}
        if len(parts) >= 2 and parts[-2] == "oppdateringer" and parts[-1] in EMBEDDED:
            kind = parts[-1]
            size = int(one.get("size", 20))
            changes = sorted(self.updates[kind], key=lambda c: c["oppdateringsid"])
            if "oppdateringsid" in one:
                changes = [c for c in changes if c["oppdateringsid"] >= int(one["oppdateringsid"])]
            elif "dato" in one:
                changes = [c for c in changes if c["dato"] >= one["dato"]]
            body: dict = {
                "page": {
                    "size": size,
                    "totalElements": len(changes),
                    "totalPages": -(-len(changes) // size),
                    "number": 0,
                }
            }
            if changes:
                body["_embedded"] = {EMBEDDED[kind]: changes[:size]}
            return 200, body
        if parts and parts[-1] in EMBEDDED:
            kind = parts[-1]
            numbers = [n for n in one.get("organisasjonsnummer", "").split(",") if n]
            found = [self.units[kind][n] for n in numbers if n in self.units[kind]]
            body = {"page": {"size": len(numbers), "totalElements": len(found), "number": 0}}
            if found:
                body["_embedded"] = {kind: found}
            return 200, body
        return 404, {"feilmelding": "Ikke funnet"}


class _Handler(BaseHTTPRequestHandler):
    register: FakeRegister

    def do_GET(self):
        split = urlsplit(self.path)
        self.register.requests.append(self.path)
        if self.register.fail_on and self.register.fail_on in self.path:
            status, body = 500, {"feilmelding": "Intern feil"}
        else:
            status, body = self.register.answer(split.path, parse_qs(split.query))
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/haljson;charset=UTF-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):
        pass


class FakeRegisterServer:
    """`with FakeRegisterServer(register) as base_url:` serves `register` until the block ends."""

    def __init__(self, register: FakeRegister):
        handler = type("Handler", (_Handler,), {"register": register})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/enhetsregisteret/api"

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def api_unit(number: str, name: str, **extra) -> dict:
    """A unit as the API answers it (the shape of the bulk JSON)."""
    return {
        "organisasjonsnummer": number,
        "navn": name,
        "organisasjonsform": {"kode": "AS", "beskrivelse": "Aksjeselskap"},
        "naeringskode1": {"kode": "43.210", "beskrivelse": "Elektrisk installasjonsarbeid"},
        "harRegistrertAntallAnsatte": True,
        "antallAnsatte": 12,
        "forretningsadresse": {
            "land": "Norge",
            "landkode": "NO",
            "postnummer": "4950",
            "poststed": "RISØR",
            "adresse": ["Storgata 1"],
            "kommune": "RISØR",
            "kommunenummer": "4201",
        },
        "konkurs": False,
        "underAvvikling": False,
        "underTvangsavviklingEllerTvangsopplosning": False,
        **extra,
    }
