"""The portal's part of the national data set (driven by `devtools/scale/driver.py`).

Regions, offices and staff come first, since every app's rows hang on them; notifications,
feedback on what the apps built, the digests already sent and the typo word list come last.
The 60-person bench office and its four bench users exist at every factor.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from devtools.scale import columns
from portal.models import (
    Feedback,
    Notification,
    NotificationKind,
    Office,
    OfficeSize,
    Region,
    Role,
    SearchEntry,
    SearchWord,
    User,
)
from portal.text import norwegian_slug

if TYPE_CHECKING:
    from devtools.scale.driver import ScaleContext

BENCH_PASSWORD = "bench"
BENCH_OFFICE = "NAV Bench"
BENCH_OFFICE_STAFF = 60
# The people `make bench` signs in as, all in the bench office (the administrator too).
BENCH_USERS = {
    "bench_advisor": [Role.ADVISOR],
    "bench_manager": [Role.MANAGER],
    "bench_market": [Role.ADVISOR, Role.MARKET_CONTACT],
    "bench_editor": [Role.EDITOR],
    "bench_all": [Role.ADVISOR, Role.MANAGER, Role.MARKET_CONTACT, Role.EDITOR],
}

REGIONS = [
    "Oslo",
    "Øst-Viken",
    "Vest-Viken",
    "Innlandet",
    "Vestfold og Telemark",
    "Agder",
    "Rogaland",
    "Vestland",
    "Møre og Romsdal",
    "Trøndelag",
    "Nordland",
    "Troms og Finnmark",
]
PLACES = [
    "Alta",
    "Arendal",
    "Asker",
    "Askøy",
    "Bamble",
    "Bardu",
    "Bergen",
    "Bodø",
    "Bømlo",
    "Drammen",
    "Eidsvoll",
    "Elverum",
    "Fauske",
    "Fredrikstad",
    "Førde",
    "Gjøvik",
    "Grimstad",
    "Halden",
    "Hamar",
    "Harstad",
    "Haugesund",
    "Hammerfest",
    "Horten",
    "Hurum",
    "Jessheim",
    "Kongsberg",
    "Kongsvinger",
    "Kristiansand",
    "Kristiansund",
    "Karmøy",
    "Larvik",
    "Levanger",
    "Lillehammer",
    "Lillestrøm",
    "Lyngdal",
    "Mandal",
    "Molde",
    "Mosjøen",
    "Moss",
    "Namsos",
    "Narvik",
    "Notodden",
    "Orkland",
    "Porsgrunn",
    "Risør",
    "Ringerike",
    "Sandefjord",
    "Sandnes",
    "Sarpsborg",
    "Skien",
    "Sogndal",
    "Stavanger",
    "Steinkjer",
    "Stjørdal",
    "Stord",
    "Sortland",
    "Tromsø",
    "Trondheim",
    "Tønsberg",
    "Ullensaker",
    "Vadsø",
    "Vennesla",
    "Verdal",
    "Voss",
    "Ålesund",
    "Ørsta",
    "Øygarden",
    "Årdal",
    "Oppdal",
    "Røros",
    "Tynset",
    "Valdres",
    "Hadeland",
    "Lofoten",
    "Vesterålen",
    "Sunndal",
    "Ulstein",
]
PLACE_PARTS = ["", " Nord", " Sør", " Øst", " Vest"]
FIRST_NAMES = [
    "Anne",
    "Inger",
    "Kari",
    "Marit",
    "Ingrid",
    "Liv",
    "Eva",
    "Berit",
    "Astrid",
    "Bjørg",
    "Hilde",
    "Nina",
    "Ida",
    "Nora",
    "Emma",
    "Sara",
    "Jan",
    "Per",
    "Bjørn",
    "Ole",
    "Lars",
    "Kjell",
    "Knut",
    "Arne",
    "Svein",
    "Hans",
    "Geir",
    "Tor",
    "Jonas",
    "Magnus",
    "Emil",
    "Henrik",
    "Aisha",
    "Fatima",
    "Mohammed",
    "Ali",
    "Olena",
    "Piotr",
    "Agnieszka",
    "Tomasz",
    "Sigrid",
    "Solveig",
    "Åse",
    "Øystein",
    "Ørjan",
]
LAST_NAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Halvorsen",
    "Henriksen",
    "Lund",
    "Sørensen",
    "Jakobsen",
    "Moen",
    "Gundersen",
    "Iversen",
    "Strand",
    "Solberg",
    "Svendsen",
    "Eide",
    "Knutsen",
    "Martinsen",
    "Paulsen",
    "Bakken",
    "Kristoffersen",
    "Mathisen",
    "Lie",
    "Amundsen",
    "Nguyen",
    "Rasmussen",
    "Ali",
    "Lunde",
    "Kowalski",
    "Solheim",
    "Berge",
    "Moe",
    "Nygård",
    "Bakke",
    "Kristensen",
    "Fredriksen",
    "Holm",
    "Lien",
    "Hauge",
    "Christensen",
]
WORDS = [
    "arbeidsgiver",
    "arbeidsgivere",
    "rekruttering",
    "kandidat",
    "kandidater",
    "tiltak",
    "lønnstilskudd",
    "arbeidstrening",
    "oppfølging",
    "kompetanse",
    "bransje",
    "bygg",
    "anlegg",
    "helse",
    "omsorg",
    "sykepleier",
    "renhold",
    "kantine",
    "reiseliv",
    "hotell",
    "butikk",
    "varehandel",
    "industri",
    "verksted",
    "sveiser",
    "elektriker",
    "sjåfør",
    "lager",
    "logistikk",
    "havbruk",
    "fiskeindustri",
    "landbruk",
    "barnehage",
    "skole",
    "kommune",
    "vikar",
    "sommerjobb",
    "deltid",
    "heltid",
    "fagbrev",
    "lærling",
    "norskkurs",
    "språk",
    "mentor",
    "inkludering",
    "permittering",
    "nedbemanning",
    "oppsigelse",
    "ledighet",
    "etterspørsel",
    "mangel",
    "behov",
    "samarbeid",
    "møte",
    "avtale",
    "jobbmesse",
    "intervju",
    "praksisplass",
    "veiledning",
    "kartlegging",
    "aktivitet",
    "plan",
    "mål",
    "frist",
]


@dataclass(frozen=True)
class StaffMember:
    id: int
    office_id: int
    region_id: int
    roles: tuple[str, ...]


def _office_plan(ctx: ScaleContext) -> Iterator[tuple[str, str, int]]:
    """(place, size band, staff) for ~260 offices: many small, fewer medium and large."""
    offices = ctx.n(260, minimum=3)
    staff_total = ctx.n(19_000, minimum=BENCH_OFFICE_STAFF + 30)
    names = [place + part for part in PLACE_PARTS for place in PLACES]
    small, medium = round(offices * 0.38), round(offices * 0.27)
    large = offices - small - medium
    sizes = [15] * small + [32] * medium
    remaining = staff_total - BENCH_OFFICE_STAFF - sum(sizes)
    per_large = max(40, remaining // max(large - 1, 1))
    sizes += [per_large] * (large - 1)
    for index, staff in enumerate(sizes):
        band = OfficeSize.SMALL if staff < 25 else OfficeSize.MEDIUM
        if staff >= 40:
            band = OfficeSize.LARGE
        yield (
            names[index % len(names)]
            + (f" {index // len(names) + 1}" if index >= len(names) else ""),
            band,
            staff,
        )


def build_offices_and_staff(ctx: ScaleContext) -> None:
    region_id = ctx.next_id(Region)
    ctx.copy(
        Region,
        columns(Region, leave_out=("unit_number",)),
        (
            (region_id + i, f"NAV {name}", f"nav-{i + 1}-{norwegian_slug(name)}")
            for i, name in enumerate(REGIONS)
        ),
    )
    ctx.regions = [region_id + i for i in range(len(REGIONS))]

    plan = [(BENCH_OFFICE.removeprefix("NAV "), OfficeSize.LARGE, BENCH_OFFICE_STAFF)]
    plan += list(_office_plan(ctx))
    office_id = ctx.next_id(Office)
    rows = []
    for i, (place, band, _staff) in enumerate(plan):
        rows.append(
            (
                office_id + i,
                f"NAV {place}",
                f"nav-{i + 1}",
                ctx.regions[i % len(ctx.regions)],
                place,
                band,
            )
        )
        ctx.office_region[office_id + i] = ctx.regions[i % len(ctx.regions)]
    ctx.copy(Office, columns(Office), rows)
    ctx.bench_office_id = office_id

    # A salt from the seed, so the same seed writes the same rows.
    password = make_password(BENCH_PASSWORD, salt=f"scale{ctx.seed}salt")
    user_id = ctx.next_id(User)
    editors_per_region = max(1, ctx.n(60) // len(ctx.regions))
    editor_slots = {region: editors_per_region for region in ctx.regions}
    users = []
    for i, (_place, _band, staff) in enumerate(plan):
        office = office_id + i
        region = ctx.office_region[office]
        for seat in range(staff):
            if i == 0 and seat < len(BENCH_USERS):
                username = list(BENCH_USERS)[seat]
                roles = tuple(BENCH_USERS[username])
            else:
                username = f"u{user_id + len(users):06d}"
                roles = _roles_for(ctx, seat, staff, region, editor_slots)
            users.append((username, office, region, roles))
    rows = []
    for offset, (username, office, region, roles) in enumerate(users):
        first, last = ctx.person_name()
        started = ctx.today - timedelta(days=ctx.rng.randint(20, 30 * 365))
        ctx.staff.append(StaffMember(user_id + offset, office, region, roles))
        rows.append(
            (
                user_id + offset,
                password,
                username == "bench_all",
                username,
                first,
                last,
                f"{username}@nav.example",
                username == "bench_all",
                True,
                ctx.now - timedelta(days=30),
                office,
                list(roles),
                region if Role.EDITOR in roles and offset % 3 else None,
                f"Team {offset % 4 + 1}",
                started,
                "",
                "nb",
                {},
            )
        )
    ctx.copy(User, columns(User, leave_out=("last_login",)), rows)
    ctx.index_staff()
    ctx.bench_users = {m_name: user_id + i for i, m_name in enumerate(BENCH_USERS)}


def _roles_for(ctx, seat: int, staff: int, region: int, editor_slots: dict[int, int]) -> tuple:
    """About 2.5 managers and market contacts per office, 60 editors, the rest advisors."""
    if seat in (0, 1) or (seat == 2 and staff >= 40):
        return (Role.MANAGER,)
    if seat in (3, 4) or (seat == 5 and staff >= 40):
        return (Role.ADVISOR, Role.MARKET_CONTACT)
    if seat == 6 and editor_slots[region] > 0 and ctx.rng.random() < 0.5:
        editor_slots[region] -= 1
        return (Role.ADVISOR, Role.EDITOR)
    return (Role.ADVISOR,)


def build_notifications_and_feedback(ctx: ScaleContext, feedback_targets: list) -> None:
    """About ten notifications per person (most read) and feedback on the content apps made."""
    kinds = [NotificationKind.DUE_SOON, NotificationKind.OVERDUE, NotificationKind.ASSIGNMENT_GIVEN]
    per_person = 10 if ctx.factor >= 0.01 else 3

    def notifications():
        for member in ctx.staff:
            for k in range(per_person):
                created = ctx.moment_within(180)
                kind = kinds[k % len(kinds)]
                yield (
                    member.id,
                    kind,
                    ctx.sentence(4, 8),
                    ctx.sentence(),
                    "/",
                    f"scale:{member.id}:{k}",
                    created,
                    None if k < 2 else created + timedelta(hours=3),
                    None,
                )

    ctx.copy(Notification, columns(Notification, leave_out=("id",)), notifications())
    if not feedback_targets:
        return
    people = [m.id for m in ctx.staff]
    # Looked up before the COPY starts: a query inside the generator would wait on the
    # connection the COPY holds.
    content_types = {model: ctx.content_type_id(model) for model, _id in feedback_targets}

    def feedback():
        seen = set()
        for _ in range(ctx.n(50_000)):
            model, object_id = ctx.rng.choice(feedback_targets)
            user = ctx.rng.choice(people)
            if (model, object_id, user) in seen:
                continue
            seen.add((model, object_id, user))
            useful = ctx.rng.random() < 0.7
            created = ctx.moment_within(365)
            yield (
                content_types[model],
                object_id,
                user,
                useful,
                "" if useful else ctx.sentence(),
                created,
                created,
            )

    ctx.copy(Feedback, columns(Feedback, leave_out=("id",)), feedback())


def mark_past_digests_sent(ctx: ScaleContext) -> None:
    """Yesterday's and older notifications went out in the digests of their days; only
    today's wait for tonight's digest, as in a portal that has been running for years."""
    start_of_today = timezone.make_aware(datetime.combine(ctx.today, datetime.min.time()))
    ctx.counts["notifications mailed in past digests"] = ctx.execute(
        f"""
        UPDATE {Notification._meta.db_table}
        SET emailed_at = created_at + interval '12 hours'
        WHERE emailed_at IS NULL AND read_at IS NULL AND created_at < %s
        """,  # noqa: S608 - our own table name
        [start_of_today],
    )


def build_search_words(ctx: ScaleContext) -> None:
    ctx.counts["search words"] = ctx.execute(
        f"""
        INSERT INTO {SearchWord._meta.db_table} (word)
        SELECT word FROM ts_stat(
            'SELECT to_tsvector(''simple'', title || '' '' || body)
             FROM {SearchEntry._meta.db_table}'
        )
        WHERE length(word) BETWEEN 3 AND 100
        ON CONFLICT (word) DO NOTHING
        """  # noqa: S608 - our own table names
    )
