"""The register's update feed (oppdateringer), applied to the employer table.

`GET {BRREG_BASE_URL}/oppdateringer/enheter?oppdateringsid=N&size=S` lists the changes with an
update id of at least N, oldest first, as HAL JSON: `_embedded.oppdaterteEnheter[]` with
`oppdateringsid`, `dato`, `organisasjonsnummer` and `endringstype` (Ny, Endring, Sletting,
Fjernet, Ukjent), and a `page` block; a page with no changes has no `_embedded` at all. The
sub-units have the same at `oppdateringer/underenheter` (`oppdaterteUnderenheter`).

New and changed units are then fetched in pages from the search endpoint
(`/enheter?organisasjonsnummer=a,b,c`), which answers with the units as the bulk JSON has them,
and merged like a file import. Deleted and removed units are tagged as deleted: the feed says
enough for that.

A run is one transaction, cursor included: a failure half-way applies nothing and leaves the
cursor where it was, so the next run starts again from the same update.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from employers.models import RegisterCursor
from employers.register.merge import register_units_merge
from employers.register.readers import SkipRow, Unit, unit_from

KINDS = {
    "enheter": "oppdaterteEnheter",
    "underenheter": "oppdaterteUnderenheter",
}
GONE = {"Sletting", "Fjernet"}
# Changes asked for per request, and units per fetch: a fetch's URL holds ten characters a
# number, and stays well under the 8 KB many servers accept.
PAGE_SIZE = 1000
FETCH_SIZE = 500
# A run stops after this many changes; the next run goes on from there.
MAX_CHANGES = 200_000


class FeedError(Exception):
    """The register's API did not answer as documented; nothing of the run was applied."""


@dataclass
class FeedReport:
    kind: str
    changes: int = 0
    created: int = 0
    updated: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    last_update_id: int | None = None


class RegisterClient:
    """A small client of the register's open API; `base_url` is BRREG_BASE_URL by default."""

    def __init__(self, base_url: str | None = None, timeout: float = 30.0):
        self.base_url = (base_url or settings.BRREG_BASE_URL).rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["Accept"] = "application/json"

    def _get(self, path: str, params: dict) -> dict:
        try:
            response = self.session.get(
                f"{self.base_url}/{path}", params=params, timeout=self.timeout
            )
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as error:
            raise FeedError(f"{path}: {error}") from error

    def updates(self, kind: str, *, from_id: int | None, since: date, size: int) -> list[dict]:
        """Changes with an update id of at least `from_id` (or from `since`), oldest first."""
        params: dict = {"size": size}
        if from_id is None:
            params["dato"] = f"{since.isoformat()}T00:00:00.000Z"
        else:
            params["oppdateringsid"] = from_id
        body = self._get(f"oppdateringer/{kind}", params)
        return (body.get("_embedded") or {}).get(KINDS[kind], [])

    def units(self, kind: str, numbers: list[str]) -> list[dict]:
        body = self._get(kind, {"organisasjonsnummer": ",".join(numbers), "size": len(numbers)})
        return (body.get("_embedded") or {}).get(kind, [])


def _unit(data: dict) -> Unit:
    def get(name: str):
        value = data
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    return unit_from(get)


def register_updates_apply(
    *, kind: str, client: RegisterClient | None = None, today: date | None = None
) -> FeedReport:
    """Apply the feed's changes of one kind since the cursor, in one transaction."""
    if kind not in KINDS:
        raise ValueError(kind)
    client = client or RegisterClient()
    today = today or timezone.localdate()
    report = FeedReport(kind=kind)
    with transaction.atomic():
        cursor = RegisterCursor.objects.select_for_update().filter(kind=kind).first()
        last_id = cursor.last_update_id if cursor else None
        # The latest change per unit decides: a unit changed and then deleted is deleted.
        latest: dict[str, dict] = {}
        while report.changes < MAX_CHANGES:
            page = client.updates(
                kind,
                from_id=None if last_id is None else last_id + 1,
                since=today - timedelta(days=1),
                size=PAGE_SIZE,
            )
            for change in page:
                latest[change["organisasjonsnummer"]] = change
                last_id = max(last_id or 0, int(change["oppdateringsid"]))
            report.changes += len(page)
            if len(page) < PAGE_SIZE:
                break
        if last_id is None:
            return report
        deleted = [
            (number, _change_day(change))
            for number, change in latest.items()
            if change.get("endringstype") in GONE
        ]
        wanted = sorted(n for n, c in latest.items() if c.get("endringstype") not in GONE)
        units = []
        for start in range(0, len(wanted), FETCH_SIZE):
            for data in client.units(kind, wanted[start : start + FETCH_SIZE]):
                try:
                    units.append(_unit(data))
                except SkipRow as skip:
                    report.skipped.append((str(data.get("organisasjonsnummer")), str(skip)))
        report.created, report.updated = register_units_merge(units, deleted=deleted)
        RegisterCursor.objects.update_or_create(kind=kind, defaults={"last_update_id": last_id})
        report.last_update_id = last_id
    return report


def _change_day(change: dict) -> date | None:
    text = change.get("dato") or ""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
