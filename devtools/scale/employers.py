"""The employer register at national scale, for `manage.py seed_scale` (see driver.py).

At factor 1.0: 200,000 employers (80,000 main units, 120,000 sub-units, a few soft-deleted),
60,000 contact persons, 1,000,000 contact-log entries over five years and two months (the
oldest two months already cleared by the retention rule, as `contact_entries_clear_old_text`
would have done), 100,000 planned contacts, 50,000 callbacks, 20,000 duplicate warnings and
28 conversation guides. Log entries of done planned contacts and closed callbacks are derived
from them set-based, the way `planned_contact_complete` and `callback_update` write them.

Bench fixtures, at every factor (organisation numbers fixed, MOD11-valid):

- 910000004 «Bench Industri AS» (main unit; sub-units 910000012 «… avd. Nord» and 910000020
  «… avd. Sør»): 5,000 log entries over five years, plans and callbacks (timeline bench).
- 910000039 «Bench Handel AS» (main unit; sub-units 910000047 «… avd. Sentrum» and 910000055
  «… avd. Kjøpesenteret»): 500 log entries within the last 30 days and open plans in the
  window (duplicate-warning bench).
- The bench office (`ctx.bench_office_id`): ~40 open callbacks (a dozen late) and 300 done,
  a contact log of its own; the bench users have open follow-ups and planned contacts.

The tables are loaded by COPY with their plain indexes and foreign keys dropped and put back
afterwards (`BulkLoad`). Free text comes from small pools built once and checked to hold no
digits and no «@», so no identity number, e-mail address or phone number can appear in it.
"""

from __future__ import annotations

import bisect
from array import array
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from devtools.scale import columns, url_around
from employers.models import (
    CALLBACK_TOPICS,
    Callback,
    CallbackStatus,
    Channel,
    ContactEntry,
    ContactEntryRevision,
    ContactPerson,
    ConversationGuide,
    DuplicateWarning,
    Employer,
    EmployerSize,
    GuideKind,
    PlannedContact,
    PlanStatus,
    Topic,
)
from portal.dates import working_days_after, working_days_before
from portal.freshness import Freshness
from portal.models import Notification, NotificationKind, Office, Region, Role, User
from portal.validators import _control_digit, contains_identity_number

LOCAL = ZoneInfo(settings.TIME_ZONE)
NO_CONTACT_REASONS = [
    "Ikke svar etter tre forsøk.",
    "Arbeidsgiveren hadde allerede fått hjelp av en kollega.",
    "Arbeidsgiveren trakk henvendelsen.",
]
ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
# Log entries reach a little past the retention period, so some already have their text cleared.
LOG_SPAN_DAYS = 5 * 365 + 1 + 63

BENCH_EMPLOYERS = {
    # key: (organisation number, name, main unit key)
    "industri": ("910000004", "Bench Industri AS", None),
    "industri_nord": ("910000012", "Bench Industri AS avd. Nord", "industri"),
    "industri_sor": ("910000020", "Bench Industri AS avd. Sør", "industri"),
    "handel": ("910000039", "Bench Handel AS", None),
    "handel_sentrum": ("910000047", "Bench Handel AS avd. Sentrum", "handel"),
    "handel_senter": ("910000055", "Bench Handel AS avd. Kjøpesenteret", "handel"),
}
BENCH_TIMELINE_ENTRIES = 5_000
BENCH_DUPLICATE_ENTRIES = 500
BENCH_OPEN_CALLBACKS = 40
BENCH_DONE_CALLBACKS = 300

INDUSTRIES = [
    ("41.200", "Oppføring av bygninger", ["Bygg", "Byggservice", "Entreprenør"]),
    ("43.210", "Elektrisk installasjonsarbeid", ["Elektro", "Elektroinstallasjon"]),
    ("43.220", "VVS-arbeid", ["Rørlegger", "VVS"]),
    ("10.201", "Bearbeiding av fisk", ["Fiskeforedling", "Sjømat"]),
    ("03.211", "Produksjon av matfisk og skalldyr i hav- og kystbasert akvakultur", ["Havbruk"]),
    ("25.110", "Produksjon av metallkonstruksjoner", ["Mekaniske", "Stålservice", "Sveis"]),
    ("33.150", "Reparasjon og vedlikehold av skip", ["Verft", "Skipsservice"]),
    (
        "47.111",
        "Butikkhandel med bredt vareutvalg med hovedvekt på nærings- og nytelsesmidler",
        ["Matsenter", "Nærbutikk"],
    ),
    ("47.710", "Butikkhandel med klær", ["Mote", "Klær"]),
    ("49.410", "Godstransport på vei", ["Transport", "Logistikk"]),
    ("52.100", "Lagring", ["Lager", "Terminal"]),
    ("55.101", "Drift av hoteller, pensjonater og moteller med restaurant", ["Hotell"]),
    ("56.101", "Drift av restauranter og kafeer", ["Kafé", "Restaurant", "Bistro"]),
    ("62.010", "Programmeringstjenester", ["Data", "IT", "Digital"]),
    ("69.201", "Regnskap og bokføring", ["Regnskap", "Økonomi"]),
    ("78.200", "Utleie av arbeidskraft", ["Bemanning", "Vikar"]),
    ("81.210", "Rengjøring av bygninger", ["Renhold", "Rengjøring"]),
    ("85.201", "Ordinær grunnskoleundervisning", ["Skole"]),
    ("88.911", "Barnehager", ["Barnehage", "Naturbarnehage"]),
    ("87.301", "Omsorgsinstitusjoner for eldre", ["Omsorg", "Omsorgssenter"]),
    ("86.901", "Hjemmesykepleie", ["Hjemmetjenester", "Helse"]),
    ("01.410", "Melkeproduksjon på storfe", ["Gård", "Landbruk"]),
    ("45.200", "Vedlikehold og reparasjon av motorvogner", ["Bilverksted", "Bilservice"]),
    ("16.100", "Saging, høvling og impregnering av tre", ["Sag", "Trelast"]),
    ("96.021", "Frisering og annen skjønnhetspleie", ["Frisør", "Hårstudio"]),
]
NAME_FIRST = [
    "Nord",
    "Sør",
    "Øst",
    "Vest",
    "Fjell",
    "Fjord",
    "Vik",
    "Berg",
    "Dal",
    "Strand",
    "Sjø",
    "Skog",
    "Elv",
    "Haug",
    "Kyst",
    "Lys",
    "Stein",
    "Eik",
    "Bjørk",
    "Furu",
    "Hav",
    "Vind",
    "Sol",
    "Blå",
    "Grønn",
    "Rød",
    "Lia",
    "Mo",
    "Ås",
    "Holm",
]
NAME_SECOND = [
    "vik",
    "heim",
    "dal",
    "berg",
    "lund",
    "strand",
    "nes",
    "øy",
    "haug",
    "li",
    "stad",
    "voll",
    "bakken",
    "sund",
    "fjord",
    "land",
    "tun",
    "gard",
    "bu",
    "mark",
]
LEGAL_FORMS = [("AS", 72), ("", 14), ("ANS", 4), ("DA", 3), ("SA", 3), ("ASA", 1), ("& Sønn AS", 3)]
STREETS = [
    "Storgata",
    "Industriveien",
    "Havnegata",
    "Kirkegata",
    "Strandveien",
    "Fjordveien",
    "Sentrumsgata",
    "Nedre gate",
    "Øvre vei",
    "Parkveien",
    "Torget",
    "Brugata",
    "Verftsgata",
    "Jernbanegata",
    "Skoleveien",
    "Sjøgata",
    "Bakkeveien",
    "Næringsveien",
]
SIZE_BANDS = [
    (EmployerSize.UNKNOWN, 10),
    (EmployerSize.MICRO, 45),
    (EmployerSize.SMALL, 28),
    (EmployerSize.MEDIUM, 13),
    (EmployerSize.LARGE, 4),
]
# Municipality-number prefixes, one per region in the order of devtools.scale.portal.REGIONS.
REGION_NUMBER_PREFIX = ["03", "31", "33", "34", "40", "42", "11", "46", "15", "50", "18", "55"]
PERSON_ROLES = [
    "Daglig leder",
    "HR-sjef",
    "Personalansvarlig",
    "Produksjonsleder",
    "Driftsleder",
    "Avdelingsleder",
    "Butikksjef",
    "Verkstedsjef",
    "Styrer",
    "Rekrutteringsansvarlig",
    "Teamleder",
    "Innehaver",
]

CHANNEL_WEIGHTS = [
    (Channel.PHONE, 40),
    (Channel.VISIT, 20),
    (Channel.EMAIL, 20),
    (Channel.VIDEO, 8),
    (Channel.NAV_OFFICE, 7),
    (Channel.JOB_FAIR, 5),
]
TOPIC_WEIGHTS = [
    (Topic.RECRUITMENT, 30),
    (Topic.RECRUITMENT_ADAPTED, 14),
    (Topic.WORK_TRAINING, 14),
    (Topic.SICK_LEAVE, 8),
    (Topic.NAV_SERVICES, 10),
    (Topic.CANDIDATE_FOLLOW_UP, 14),
    (Topic.DOWNSIZING, 4),
    (Topic.OTHER, 6),
]

OPENERS = [
    "Ringte daglig leder",
    "Besøk hos arbeidsgiver",
    "Møte med HR-ansvarlig",
    "Samtale med produksjonslederen",
    "Videomøte med avdelingslederen",
    "Traff innehaveren på bransjetreff",
    "E-post fra personalsjefen",
    "Telefon fra verkstedsjefen",
    "Oppfølgingsmøte med teamleder",
    "Kort prat med driftslederen",
    "Møte på NAV-kontoret med styreren",
]
SUBJECTS = [
    "om behovet for {role} til sommeren",
    "om rekruttering av {role}",
    "om mulighetene for arbeidstrening i {dept}",
    "om lønnstilskudd ved ansettelse av {role}",
    "om IA-avtalen og forebygging av sykefravær",
    "om permittering og regelverket",
    "om en kandidat i arbeidstrening i {dept}",
    "om NAVs tjenester for arbeidsgivere",
    "om mentor og tilrettelegging i {dept}",
    "om praksisplass for en kandidat som lærer norsk",
    "om nedbemanning i {dept}",
]
DETAILS = [
    "De er åpne for kandidater uten erfaring.",
    "Bedriften vokser og trenger folk raskt.",
    "De vil vente til etter sesongtoppen.",
    "Arbeidsgiver er fornøyd med samarbeidet.",
    "Stillingene krever fagbrev.",
    "Norskkunnskaper er viktig i jobben.",
    "De har god erfaring med NAV fra før.",
    "Kjente lite til tiltakene våre.",
    "Turnus og noe helgearbeid.",
    "Ønsker kandidater som kan begynne neste måned.",
    "Usikker ordresituasjon gjør dem forsiktige.",
    "",
]
ROLES = [
    "sveisere",
    "sykepleiere",
    "helsefagarbeidere",
    "lagermedarbeidere",
    "sjåfører",
    "renholdere",
    "kokker",
    "butikkmedarbeidere",
    "elektrikere",
    "tømrere",
    "barnehageassistenter",
    "servitører",
    "mekanikere",
    "operatører",
    "selgere",
    "lærlinger",
]
DEPARTMENTS = [
    "pakkeriet",
    "kantina",
    "lageret",
    "butikken",
    "verkstedet",
    "produksjonen",
    "resepsjonen",
    "kjøkkenet",
    "avdelingen",
]
OUTCOMES = [
    "Sender kandidatforslag innen fredag.",
    "Avtalt nytt møte om to uker.",
    "De tar kontakt når de vet mer.",
    "Stillingsannonse sendes til NAV.",
    "Kandidatliste sendt.",
    "Ingen behov nå, ny kontakt i høst.",
    "Avtalt besøk neste uke.",
    "Informasjon om tiltakene sendt på e-post.",
    "Henviser til arbeidslivssenteret.",
    "Oppstart av arbeidstrening er avtalt.",
    "Kandidaten fortsetter, ny oppfølging om fire uker.",
]
PLAN_NOTES = [
    "Besøk for å kartlegge behovet for {role}.",
    "Første besøk på {dept}.",
    "Følge opp kandidat i arbeidstrening i {dept}.",
    "Høre om de kan ta inn en kandidat med tilrettelegging.",
    "Informere om lønnstilskudd og mentor.",
    "Presentere kandidater som {role}.",
    "Snakke om IA og sykefravær.",
    "Ringe om sommerjobber for {role}.",
]
CALLBACK_NOTES = [
    "Ønsker å snakke om rekruttering av {role}.",
    "Lurer på hvordan lønnstilskudd fungerer.",
    "Vil ha råd om oppfølging av sykmeldte.",
    "Trenger {role} raskt.",
    "Spør om arbeidstrening i {dept}.",
    "Har ledige stillinger for {role}.",
]
CALLBACK_LOG = [
    "Ringte tilbake. Behov for {role}, sender kandidatforslag.",
    "Ringte tilbake og forklarte lønnstilskudd. Sender informasjon.",
    "Ringte tilbake. Avtalt møte med arbeidslivssenteret.",
    "Ringte tilbake om arbeidstrening i {dept}. Avtalt besøk.",
    "Ringte tilbake. Arbeidsgiver hadde allerede løst saken.",
]
PREFERRED_TIMES = [
    "",
    "",
    "Formiddag",
    "Ettermiddag",
    "Etter lunsj",
    "Mandag",
    "Tirsdag formiddag",
    "Helst før klokka ti",
    "Når som helst",
]
EMPLOYER_NOTES = [
    "Sesongbasert bemanning, størst behov om sommeren.",
    "Fast kontaktperson hos oss er markedskontakten.",
    "Har hatt flere kandidater i arbeidstrening.",
    "Ønsker kontakt på e-post fremfor telefon.",
]

GUIDE_TEXT = {
    GuideKind.FIRST_VISIT: (
        "Første besøk hos en arbeidsgiver",
        "Målet med første besøk er å bli kjent, ikke å selge. Lytt mer enn du snakker.",
        "- Hva lager eller leverer dere?\n- Hvordan ser bemanningen ut det neste året?\n"
        "- Hvilke stillinger er vanskelige å fylle?",
        "- Hjelp til rekruttering\n- Arbeidstrening og lønnstilskudd\n- Mentor",
        "Sjekk kontaktloggen før du ringer\nAvtal neste kontakt før du går\nLogg besøket",
    ),
    GuideKind.RECRUITMENT: (
        "Når arbeidsgiveren trenger folk",
        "Forstå behovet så godt at du kan foreslå riktige kandidater.",
        "- Hvilke oppgaver skal personen gjøre?\n- Hvilke krav er absolutte?\n"
        "- Når må personen begynne?",
        "- Utlysning på arbeidsplassen\n- Kandidatforslag fra NAV\n- Opplæring før oppstart",
        "Noter antall stillinger\nAvtal frist for kandidatforslag\nSett oppfølging i loggen",
    ),
    GuideKind.CANDIDATE_FOLLOW_UP: (
        "Oppfølging av kandidat i arbeidstrening",
        "Oppfølgingen handler om arbeidsplassen og oppgavene, ikke om helse.",
        "- Hvordan fungerer oppgavene?\n- Trenger arbeidsplassen mer støtte?\n"
        "- Er det aktuelt med ansettelse etter perioden?",
        "- Tettere oppfølging\n- Mentor på arbeidsplassen\n- Lønnstilskudd ved ansettelse",
        "Avtal neste oppfølging\nSkriv ikke helseopplysninger i loggen",
    ),
    GuideKind.SICK_LEAVE: (
        "Forebygge sykefravær",
        "Mange arbeidsgivere vet lite om hva arbeidslivssenteret kan bidra med.",
        "- Hvordan har sykefraværet utviklet seg?\n- Har dere rutiner for oppfølging?",
        "- Veiledning fra arbeidslivssenteret\n- IA-avtalen og bransjeprogrammene",
        "Ta med kontaktinformasjon til arbeidslivssenteret\nLogg kontakten",
    ),
}
# Regional variants: titles of guides written for a region's own market.
REGIONAL_GUIDES = [
    (GuideKind.RECRUITMENT, "Sesongrekruttering i {region}"),
    (GuideKind.FIRST_VISIT, "Første besøk hos små bedrifter i {region}"),
]


# --- small helpers -------------------------------------------------------------------------


class Weighted:
    """Draws from (item, weight) pairs with one random number and a bisect."""

    def __init__(self, rng, pairs):
        self.rng = rng
        self.items = [item for item, _weight in pairs]
        self.cumulative = []
        total = 0
        for _item, weight in pairs:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def __call__(self):
        return self.items[bisect.bisect_right(self.cumulative, self.rng.random() * self.total)]


def orgnr(prefix: int) -> str | None:
    digits = f"{prefix:08d}"
    control = _control_digit(digits, ORGNR_WEIGHTS)
    return None if control is None else digits + str(control)


def local_moment(day: date, minutes: int) -> datetime:
    """`minutes` after midnight on `day`, Norwegian time."""
    return datetime.combine(day, time(minutes // 60 % 24, minutes % 60), tzinfo=LOCAL)


def retention_cutoff(today: date) -> date:
    years = settings.CONTACT_LOG_TEXT_RETENTION_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def spread(total: int, weights: list[float]) -> list[int]:
    """`total` split over the buckets in proportion to the weights; every bucket gets at least
    one when there is enough to go round (so every week has new rows)."""
    base = 1 if total >= len(weights) else 0
    rest = total - base * len(weights)
    counts, cumulative, previous = [], 0.0, 0
    weight_sum = sum(weights)
    for weight in weights:
        cumulative += weight
        target = round(rest * cumulative / weight_sum)
        counts.append(base + target - previous)
        previous = target
    return counts


def _checked_pool(texts: list[str]) -> list[str]:
    for text in texts:
        digits = sum(ch.isdigit() for ch in text)
        if "@" in text or digits or contains_identity_number(text):
            raise ValueError(f"Pool text looks personal: {text!r}")
    return texts


class Pools:
    """Free text built once; rows pick from it."""

    def __init__(self, ctx):
        rng = ctx.rng

        def fill(template: str) -> str:
            return template.format(role=rng.choice(ROLES), dept=rng.choice(DEPARTMENTS))

        summaries = []
        for _ in range(400):
            text = f"{rng.choice(OPENERS)} {fill(rng.choice(SUBJECTS))}. {rng.choice(DETAILS)}"
            summaries.append(text.strip())
        self.summaries = _checked_pool(summaries)
        self.outcomes = _checked_pool(OUTCOMES)
        self.plan_notes = _checked_pool([fill(rng.choice(PLAN_NOTES)) for _ in range(150)])
        self.callback_notes = _checked_pool([fill(rng.choice(CALLBACK_NOTES)) for _ in range(120)])
        self.callback_log = _checked_pool([fill(rng.choice(CALLBACK_LOG)) for _ in range(100)])
        self.employer_notes = _checked_pool(EMPLOYER_NOTES)


# --- loading without per-row index upkeep --------------------------------------------------


class BulkLoad:
    """Loads the tables without per-row upkeep: their plain (non-unique) indexes and their
    foreign keys are dropped first and put back afterwards, so each index is built by one sort
    and each foreign key is validated by one join instead of a million single-row checks.
    The definitions are read from the catalogue, so what comes back is exactly what the
    migrations made."""

    def __init__(self, models):
        self.tables = [model._meta.db_table for model in models]
        self.indexes: list[str] = []
        self.foreign_keys: list[tuple[str, str, str]] = []

    def __enter__(self):
        with connection.cursor() as cursor:
            # Checks still pending from earlier rows would block the ALTER TABLEs below.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in self.tables:
                cursor.execute(
                    """
                    SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                    WHERE conrelid = %s::regclass AND contype = 'f'
                    """,
                    [table],
                )
                for name, definition in cursor.fetchall():
                    self.foreign_keys.append((table, name, definition))
                    cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
                cursor.execute(
                    """
                    SELECT i.relname, pg_get_indexdef(i.oid)
                    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                    WHERE x.indrelid = %s::regclass AND NOT x.indisprimary
                      AND NOT x.indisunique
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
                    """,
                    [table],
                )
                for name, definition in cursor.fetchall():
                    self.indexes.append(definition)
                    cursor.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            return False
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for definition in self.indexes:
                cursor.execute(definition)
            for table, name, definition in self.foreign_keys:
                cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        return False


# --- the register ---------------------------------------------------------------------------


class Register:
    """What later steps need to know about the employers, in compact arrays."""

    def __init__(self):
        self.home_office: dict[int, int] = {}
        self.by_office: dict[int, array] = {}
        self.by_region: dict[int, array] = {}
        self.everyone = array("l")
        self.bench: dict[str, int] = {}
        # employer id -> [(contact person id, name, phone, created_at)]
        self.persons: dict[int, list[tuple[int, str, str, datetime]]] = {}


def build_employers(ctx, offices: dict[int, str], pools: Pools) -> Register:
    rng = ctx.rng
    register = Register()
    mains = ctx.n(80_000)
    subs = max(ctx.n(200_000) - mains, 0)
    # Every office's municipality, weighted by its staff: big offices serve more employers.
    office_ids = list(offices)
    office_pick = Weighted(rng, [(o, len(ctx.staff_by_office[o])) for o in office_ids])
    region_index = {region: i for i, region in enumerate(ctx.regions)}
    municipality_number = {
        office: REGION_NUMBER_PREFIX[region_index[ctx.office_region[office]] % 12]
        + f"{i % 100:02d}"
        for i, office in enumerate(office_ids)
    }
    postal_base = {office: 1000 + (i * 37) % 8900 for i, office in enumerate(office_ids)}
    legal_form = Weighted(rng, LEGAL_FORMS)
    size_band = Weighted(rng, SIZE_BANDS)

    # Sub-units per main unit: most have one workplace, some none, a few chains have dozens.
    children = array("l", [0]) * mains
    with_one = min(mains * 85 // 100, subs)
    for i in range(with_one):
        children[i] = 1
    chains = max(1, mains // 100)
    for _ in range(subs - with_one):
        if rng.random() < 0.3:
            children[int(chains * rng.random() ** 2)] += 1
        else:
            children[rng.randrange(mains)] += 1
    # Shuffle which main units are chains, so their ids are spread out.
    order = list(range(mains))
    rng.shuffle(order)

    reserved = {int(number[:8]) for number, _name, _main in BENCH_EMPLOYERS.values()}
    # A bijection on the 20 million prefixes 80000000-99999999 gives unique numbers.
    multiplier, offset = 7_368_787, rng.randrange(20_000_000)

    def numbers():
        k = 0
        while True:
            prefix = 80_000_000 + (multiplier * k + offset) % 20_000_000
            k += 1
            if prefix in reserved:
                continue
            number = orgnr(prefix)
            if number:
                yield number

    number_source = numbers()
    first_id = ctx.next_id(Employer)
    deleted_share = 0.005

    def add(employer_id, office, deleted):
        register.home_office[employer_id] = office
        if deleted:
            return
        register.by_office.setdefault(office, array("l")).append(employer_id)
        register.by_region.setdefault(ctx.office_region[office], array("l")).append(employer_id)
        register.everyone.append(employer_id)

    def employer_row(employer_id, name, main_id, industry, office, size, created, deleted):
        code, text, _nouns = industry
        place = offices[office]
        postal_place = place.split(" ")[0]
        return (
            employer_id,
            next(number_source),
            name[:200],
            main_id,
            code,
            text,
            place,
            municipality_number[office],
            f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            f"{postal_base[office] + rng.randint(0, 9):04d}",
            postal_place,
            size,
            rng.choice(pools.employer_notes) if rng.random() < 0.03 else "",
            created,
            created + timedelta(days=rng.randint(0, 400))
            if created < ctx.now - timedelta(days=400)
            else created,
            min(ctx.now, created + timedelta(days=rng.randint(1, 300))) if deleted else None,
        )

    span = 5 * 365 + 180

    def rows():
        employer_id = first_id
        for rank in order:
            office = office_pick()
            industry = rng.choice(INDUSTRIES)
            form = legal_form()
            base = f"{rng.choice(NAME_FIRST)}{rng.choice(NAME_SECOND)} {rng.choice(industry[2])}"
            name = f"{base} {form}".strip()
            is_chain = rank < chains and children[rank] > 3
            size = EmployerSize.LARGE if is_chain else size_band()
            created = ctx.moment_within(span)
            main_id = employer_id
            add(main_id, office, False)
            yield employer_row(main_id, name, None, industry, office, size, created, False)
            employer_id += 1
            for _ in range(children[rank]):
                sub_office = office_pick() if is_chain else office
                sub_name = f"{name} avd. {offices[sub_office]}" if children[rank] > 1 else name
                deleted = rng.random() < deleted_share
                add(employer_id, sub_office, deleted)
                yield employer_row(
                    employer_id,
                    sub_name,
                    main_id,
                    industry,
                    sub_office,
                    size_band(),
                    created + timedelta(days=rng.randint(0, 200)),
                    deleted,
                )
                employer_id += 1
        # The bench employers, in the bench office's municipality.
        bench_office = ctx.bench_office_id
        keys = {}
        for key, (number, name, main_key) in BENCH_EMPLOYERS.items():
            keys[key] = employer_id
            register.bench[key] = employer_id
            add(employer_id, bench_office, False)
            industry = INDUSTRIES[5] if key.startswith("industri") else INDUSTRIES[7]
            row = list(
                employer_row(
                    employer_id,
                    name,
                    keys[main_key] if main_key else None,
                    industry,
                    bench_office,
                    EmployerSize.LARGE,
                    ctx.now - timedelta(days=6 * 365),
                    False,
                )
            )
            row[1] = number
            row[12] = ""
            yield tuple(row)
            employer_id += 1

    ctx.copy(
        Employer,
        [
            "id",
            "organisation_number",
            "name",
            "main_unit",
            "industry_code",
            "industry_text",
            "municipality",
            "municipality_number",
            "address",
            "postal_code",
            "postal_place",
            "size_band",
            "notes",
            "created_at",
            "updated_at",
            "deleted_at",
        ],
        rows(),
    )
    return register


def _ascii(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", " ": "."})
    return "".join(ch for ch in text.lower().translate(table) if ch.isalnum() or ch == ".")


def build_contact_persons(ctx, register: Register, people: People) -> None:
    rng = ctx.rng
    first_id = ctx.next_id(ContactPerson)
    count = ctx.n(60_000)
    employers = register.everyone

    def rows():
        person_id = first_id
        wanted = [*register.bench.values()]
        for _ in range(count):
            wanted.append(employers[int(len(employers) * rng.random() ** 1.5)])
        for employer_id in wanted:
            first, last = ctx.person_name()
            name = f"{first} {last}"
            phone = (
                f"{rng.choice('49')}{rng.randint(0, 99):02d} {rng.randint(0, 99):02d} "
                f"{rng.randint(0, 999):03d}"
            )
            email = f"{_ascii(first)}.{_ascii(last)}@firma{employer_id}.example"
            deleted = rng.random() < 0.02 and employer_id not in register.bench.values()
            created = ctx.moment_within(5 * 365)
            office = register.home_office[employer_id]
            if not deleted:
                register.persons.setdefault(employer_id, []).append(
                    (person_id, name, phone, created)
                )
            yield (
                person_id,
                employer_id,
                name,
                rng.choice(PERSON_ROLES),
                phone,
                email,
                people.pick(ctx.staff_by_office[office], created.date()),
                created,
                min(ctx.now, created + timedelta(days=rng.randint(1, 200))) if deleted else None,
            )
            person_id += 1

    ctx.copy(ContactPerson, columns(ContactPerson), rows())


# --- the contact log -----------------------------------------------------------------------


class People:
    """Staff by role with their start dates: nobody logs a contact before they started."""

    def __init__(self, ctx):
        rng = ctx.rng
        self.start = {}
        self.editor_region = {}
        for pk, start, region in User.objects.order_by("id").values_list(
            "id", "start_date", "editor_region_id"
        ):
            self.start[pk] = start
            self.editor_region[pk] = region
        market = ctx.by_role[Role.MARKET_CONTACT]
        managers = ctx.by_role[Role.MANAGER]
        advisors = ctx.by_role[Role.ADVISOR]
        self.logger = Weighted(rng, [(market, 45), (managers, 10), (advisors, 45)])
        self.rng = rng
        self.market_by_office = {office: [] for office in ctx.office_region}
        for pk in market:
            self.market_by_office[ctx.member(pk).office_id].append(pk)
        self.administrator = ctx.bench_users["bench_all"]
        self.by_start = sorted(self.start, key=self.start.__getitem__)
        self.start_days = [self.start[pk] for pk in self.by_start]

    def author_on(self, day: date) -> int:
        random = self.rng.random
        for _ in range(8):
            group = self.logger()
            pk = group[int(random() * len(group))]
            if self.start[pk] <= day:
                return pk
        return self.veteran(day)

    def veteran(self, day: date) -> int:
        """Anyone who had started by `day` (the longest-serving if nobody had)."""
        known = bisect.bisect_right(self.start_days, day)
        return self.by_start[self.rng.randrange(known)] if known else self.by_start[0]

    def pick(self, candidates: list[int], day: date, anyone: bool = False) -> int:
        """One of the candidates who had started by `day`; when none had, the longest-serving
        candidate, or with `anyone` somebody else who had."""
        for _ in range(8):
            pk = self.rng.choice(candidates)
            if self.start[pk] <= day:
                return pk
        started = [pk for pk in candidates if self.start[pk] <= day]
        if started:
            return self.rng.choice(started)
        return self.veteran(day) if anyone else min(candidates, key=self.start.get)


class EntryWriter:
    """Builds log-entry rows the way `contact_entry_create` and later edits leave them."""

    def __init__(self, ctx, register, people, pools):
        self.ctx = ctx
        self.rng = ctx.rng
        self.register = register
        self.people = people
        self.pools = pools
        self.today = ctx.today
        self.cutoff = retention_cutoff(self.today)
        self.channel = Weighted(self.rng, CHANNEL_WEIGHTS)
        self.topic = Weighted(self.rng, TOPIC_WEIGHTS)
        self.revisions: list[tuple] = []
        self.revision_id = ctx.next_id(ContactEntryRevision)
        self.next_id = ctx.next_id(ContactEntry)

    def topics(self) -> list[str]:
        chosen = [self.topic()]
        if self.rng.random() < 0.35:
            other = self.topic()
            if other not in chosen:
                chosen.append(other)
        return chosen

    def employer_for(self, member) -> int:
        rng, register = self.rng, self.register
        x = rng.random()
        if x < 0.55:
            pool = register.by_office.get(member.office_id)
        elif x < 0.85:
            pool = register.by_region.get(member.region_id)
        else:
            pool = register.everyone
        if not pool:
            pool = register.everyone
        return pool[int(len(pool) * rng.random() ** 2)]

    def row(self, *, day: date, author: int, employer: int, follow_up_share=0.12, deletable=True):
        ctx, rng = self.ctx, self.rng
        # A million rows: random() and indexing are much cheaper than randint() and choice().
        random = rng.random
        entry_id = self.next_id
        self.next_id += 1
        member = ctx.member(author)
        created = local_moment(day, 450 + int(random() * 510))
        if random() < 0.3:
            created += timedelta(days=1 + int(random() * 4))
        if created > ctx.now:
            created = ctx.now
        persons = self.register.persons.get(employer)
        person = None
        if persons and random() < 0.35:
            person = persons[int(random() * len(persons))]
            # Only someone already registered as a contact person can be named.
            person = person[0] if person[3] <= created else None
        channel = self.channel()
        topics = self.topics()
        summaries, outcomes = self.pools.summaries, self.pools.outcomes
        summary = summaries[int(random() * len(summaries))]
        outcome = outcomes[int(random() * len(outcomes))] if random() < 0.6 else ""
        follow_up_on = assignee = done_at = None
        if random() < follow_up_share:
            follow_up_on = day + timedelta(days=rng.randint(3, 45))
            colleagues = ctx.staff_by_office[member.office_id]
            assignee = author if rng.random() < 0.8 else rng.choice(colleagues)
            overdue_days = (self.today - follow_up_on).days
            done_share = 0.95 if overdue_days > 14 else (0.5 if overdue_days > 0 else 0.15)
            if rng.random() < done_share:
                done_at = min(
                    ctx.now,
                    local_moment(follow_up_on, 9 * 60)
                    + timedelta(days=rng.randint(-3, 5), minutes=rng.randint(0, 400)),
                )
                done_at = max(done_at, created)
        updated = created
        if random() < 0.02:
            updated = self._revise(
                entry_id, author, created, day, channel, topics, summary, outcome
            )
        deleted_at = deleted_by = None
        if deletable and random() < 0.003:
            deleted_at = min(ctx.now, created + timedelta(days=rng.randint(0, 60)))
            deleted_by = self.people.administrator
        if day < self.cutoff:
            summary = outcome = ""
        return (
            entry_id,
            employer,
            author,
            member.office_id,
            person,
            day,
            channel,
            topics,
            summary,
            outcome,
            follow_up_on,
            assignee,
            done_at,
            created,
            updated,
            deleted_at,
            deleted_by,
        )

    def _revise(self, entry_id, author, created, day, channel, topics, summary, outcome):
        rng = self.rng
        changed_at = min(self.ctx.now, created + timedelta(minutes=rng.randint(10, 14 * 1440)))
        kind = rng.random()
        if kind < 0.4 and outcome:
            changes = {"outcome": ["", outcome]}
        elif kind < 0.7:
            changes = {"summary": [rng.choice(self.pools.summaries), summary]}
        elif kind < 0.85:
            before = [t for t in Topic.values if t not in topics][:1]
            changes = {"topics": [before, topics]}
        else:
            before = Channel.EMAIL if channel != Channel.EMAIL else Channel.PHONE
            changes = {"channel": [str(before), str(channel)]}
        if day < self.cutoff:
            changes = {}
        self.revisions.append((self.revision_id, entry_id, author, changed_at, changes))
        self.revision_id += 1
        return changed_at


def build_entries(ctx, writer: EntryWriter, regular: int) -> None:
    """Regular entries week by week, oldest first (ids grow with time, as in real life), then
    the bench employers' entries."""
    rng = ctx.rng
    today = ctx.today
    start = today - timedelta(days=LOG_SPAN_DAYS)
    weeks = LOG_SPAN_DAYS // 7 + 1
    # Use grows a little year by year.
    counts = spread(regular, [1 + 0.6 * i / weeks for i in range(weeks)])
    people = writer.people
    bench_staff = ctx.staff_by_office[ctx.bench_office_id]
    bench_loggers = [
        ctx.bench_users[name] for name in ("bench_advisor", "bench_market", "bench_all")
    ]

    def regular_rows():
        for week, count in enumerate(counts):
            monday = start + timedelta(days=7 * week)
            days = []
            for _ in range(count):
                offset = rng.randrange(5) if rng.random() < 0.97 else rng.randrange(5, 7)
                days.append(min(monday + timedelta(days=offset), today))
            days.sort()
            for day in days:
                author = people.author_on(day)
                yield writer.row(
                    day=day, author=author, employer=writer.employer_for(ctx.member(author))
                )

    def bench_rows():
        industri = writer.register.bench["industri"]
        family = [writer.register.bench[k] for k in ("industri_nord", "industri_sor")]
        days = sorted(
            today - timedelta(days=int(5 * 365 * rng.random() ** 1.6))
            for _ in range(BENCH_TIMELINE_ENTRIES)
        )
        for i, day in enumerate(days):
            if i % 10 == 0:
                author = people.pick(bench_loggers, day, anyone=True)
            elif rng.random() < 0.3:
                author = people.pick(bench_staff, day, anyone=True)
            else:
                author = people.author_on(day)
            yield writer.row(
                day=day, author=author, employer=industri, follow_up_share=0.05, deletable=False
            )
        for i in range(60):
            day = today - timedelta(days=rng.randint(0, 400))
            yield writer.row(day=day, author=people.author_on(day), employer=family[i % 2])
        handel = writer.register.bench["handel"]
        days = sorted(
            today - timedelta(days=rng.randint(0, 29)) for _ in range(BENCH_DUPLICATE_ENTRIES)
        )
        for day in days:
            author = (
                people.pick(bench_staff, day, anyone=True)
                if rng.random() < 0.3
                else people.author_on(day)
            )
            yield writer.row(
                day=day, author=author, employer=handel, follow_up_share=0.05, deletable=False
            )
        # Open follow-ups on the bench users' lists, some overdue, most in the coming weeks.
        for name in bench_loggers:
            for k in range(12):
                day = today - timedelta(days=rng.randint(0, 20))
                row = list(writer.row(day=day, author=name, employer=industri, follow_up_share=0))
                row[10] = today + timedelta(days=k * 3 - 6)
                row[11], row[12], row[15], row[16] = name, None, None, None
                yield tuple(row)

    def all_rows():
        yield from regular_rows()
        yield from bench_rows()

    ctx.copy(ContactEntry, columns(ContactEntry), all_rows())
    ctx.copy(ContactEntryRevision, columns(ContactEntryRevision), writer.revisions)
    writer.revisions = []


# --- planned contacts and callbacks --------------------------------------------------------


def build_plans(ctx, writer: EntryWriter, count: int, entry_base: int) -> int:
    """Planned contacts in every status; done ones get their log entry set-based afterwards,
    as `planned_contact_complete` writes it. Returns the number of entries derived."""
    rng = ctx.rng
    today = ctx.today
    people = writer.people
    first_id = ctx.next_id(PlannedContact)
    done_count = round(count * 0.58)
    cancelled_count = round(count * 0.14)
    open_count = count - done_count - cancelled_count
    past_days = sorted(rng.randint(1, LOG_SPAN_DAYS) for _ in range(done_count + cancelled_count))[
        ::-1
    ]
    statuses = [PlanStatus.DONE] * done_count + [PlanStatus.CANCELLED] * cancelled_count
    rng.shuffle(statuses)
    derived = [0]

    def plan(plan_id, *, author, employer, planned_on, status, created, flagged=None):
        member = ctx.member(author)
        entry = None
        if status == PlanStatus.DONE:
            entry = entry_base + derived[0]
            derived[0] += 1
        note = rng.choice(writer.pools.plan_notes) if rng.random() < 0.8 else ""
        created = min(created, ctx.now)
        deleted = None
        if rng.random() < 0.002:
            deleted = min(ctx.now, created + timedelta(days=rng.randint(0, 20)))
        return (
            plan_id,
            employer,
            author,
            member.office_id,
            planned_on,
            writer.channel(),
            writer.topics(),
            note,
            status,
            flagged,
            entry,
            created,
            deleted,
        )

    def flagged_at(planned_on: date) -> datetime:
        # The hourly beat task flags a plan in the first hour after its day has passed.
        return local_moment(planned_on + timedelta(days=1), rng.randint(0, 59))

    def rows():
        plan_id = first_id
        for days_ago, status in zip(past_days, statuses, strict=True):
            planned_on = today - timedelta(days=days_ago)
            created = local_moment(
                planned_on - timedelta(days=rng.randint(1, 40)), rng.randint(480, 960)
            )
            author = people.author_on(created.date())
            yield plan(
                plan_id,
                author=author,
                employer=writer.employer_for(ctx.member(author)),
                planned_on=planned_on,
                status=status,
                created=created,
            )
            plan_id += 1
        for _ in range(open_count):
            if rng.random() < 0.75:
                planned_on = today + timedelta(days=int(56 * rng.random() ** 1.5))
                created = ctx.now - timedelta(minutes=rng.randint(0, 30 * 1440))
                flagged = None
            else:
                planned_on = today - timedelta(days=rng.randint(1, 120))
                created = local_moment(
                    planned_on - timedelta(days=rng.randint(1, 30)), rng.randint(480, 960)
                )
                flagged = flagged_at(planned_on)
            created = min(created, local_moment(planned_on, 16 * 60), ctx.now)
            author = people.author_on(created.date())
            yield plan(
                plan_id,
                author=author,
                employer=writer.employer_for(ctx.member(author)),
                planned_on=planned_on,
                status=PlanStatus.PLANNED,
                created=created,
                flagged=flagged,
            )
            plan_id += 1
        # Bench: every bench user has plans ahead (and one passed); the bench employers
        # have plans from all over the country.
        industri, handel = writer.register.bench["industri"], writer.register.bench["handel"]
        for user in ctx.bench_users.values():
            for k in range(15):
                planned_on = today + timedelta(days=k * 2 - 1)
                flagged = flagged_at(planned_on) if planned_on < today else None
                employer = (
                    (industri, handel)[k % 2] if k < 4 else writer.employer_for(ctx.member(user))
                )
                yield plan(
                    plan_id,
                    author=user,
                    employer=employer,
                    planned_on=planned_on,
                    status=PlanStatus.PLANNED,
                    created=ctx.now - timedelta(days=rng.randint(2, 10)),
                    flagged=flagged,
                )
                plan_id += 1
            for status in (PlanStatus.DONE, PlanStatus.CANCELLED):
                planned_on = today - timedelta(days=rng.randint(3, 12))
                yield plan(
                    plan_id,
                    author=user,
                    employer=industri,
                    planned_on=planned_on,
                    status=status,
                    created=local_moment(planned_on - timedelta(days=7), 600),
                )
                plan_id += 1
        for k in range(100):
            status = (PlanStatus.DONE, PlanStatus.CANCELLED, PlanStatus.PLANNED)[k % 3]
            shift = rng.randint(1, 5 * 365) if status != PlanStatus.PLANNED else -rng.randint(0, 40)
            planned_on = today - timedelta(days=shift)
            author = people.author_on(planned_on - timedelta(days=5))
            yield plan(
                plan_id,
                author=author,
                employer=industri,
                planned_on=planned_on,
                status=status,
                created=local_moment(planned_on - timedelta(days=5), 600),
            )
            plan_id += 1
        for _ in range(20):
            planned_on = today + timedelta(days=rng.randint(0, 28))
            author = people.author_on(today - timedelta(days=5))
            yield plan(
                plan_id,
                author=author,
                employer=handel,
                planned_on=planned_on,
                status=PlanStatus.PLANNED,
                created=ctx.now - timedelta(days=rng.randint(0, 5)),
            )
            plan_id += 1

    ctx.copy(PlannedContact, columns(PlannedContact), rows())
    with translation.override(settings.LANGUAGE_CODE):
        carried_out = gettext("Planned contact carried out.")
    ctx.execute(
        f"""
        INSERT INTO {ContactEntry._meta.db_table}
            (id, employer_id, author_id, office_id, contact_person_id, contacted_on, channel,
             topics, summary, outcome, follow_up_on, follow_up_assignee_id, follow_up_done_at,
             created_at, updated_at, deleted_at, deleted_by_id)
        SELECT p.entry_id, p.employer_id, p.author_id, p.office_id, NULL, p.planned_on,
               p.channel, p.topics,
               CASE WHEN p.planned_on < %(cutoff)s THEN ''
                    ELSE COALESCE(NULLIF(p.note, ''), %(carried_out)s) END,
               '', NULL, NULL, NULL, t.at, t.at, NULL, NULL
        FROM {PlannedContact._meta.db_table} p
        CROSS JOIN LATERAL (
            SELECT LEAST(%(now)s, (p.planned_on + time '08:00'
                   + ((p.id * 7919) %% 480) * interval '1 minute') AT TIME ZONE %(zone)s) AS at
        ) t
        WHERE p.id >= %(first)s AND p.entry_id IS NOT NULL
        """,  # noqa: S608 - our own table names
        {
            "cutoff": writer.cutoff,
            "carried_out": carried_out,
            "now": ctx.now,
            "zone": settings.TIME_ZONE,
            "first": first_id,
        },
    )
    ctx.counts[ContactEntry._meta.label] += derived[0]
    return derived[0]


def build_callbacks(ctx, writer: EntryWriter, count: int, entry_base: int) -> int:
    """The callback queues: most requests done long ago, open ones recent, some late. Closed
    calls that were logged get their entry set-based, as `callback_update` writes it."""
    rng = ctx.rng
    today = ctx.today
    people = writer.people
    register = writer.register
    first_id = ctx.next_id(Callback)
    bench = ctx.bench_office_id
    offices = [o for o in ctx.office_region if o != bench]
    office_pick = Weighted(rng, [(o, len(ctx.staff_by_office[o])) for o in offices])
    open_count = max(1, count // 10)
    done_days = sorted(rng.randint(0, LOG_SPAN_DAYS - 70) for _ in range(count - open_count))
    done_days.reverse()
    late_cutoff = working_days_before(ctx.now, 2)
    derived = [0]

    def callback(callback_id, *, office, employer, status, created):
        persons = register.persons.get(employer)
        person = rng.choice(persons) if persons and rng.random() < 0.5 else None
        if person and person[3] <= created:
            person_id, name, phone, _registered = person
        else:
            first, last = ctx.person_name()
            person_id, name = None, f"{first} {last}"
            phone = f"{rng.choice('4937')}{rng.randint(0, 9999999):07d}"
        market = people.market_by_office[office] or ctx.staff_by_office[office][:1]
        day = created.astimezone(LOCAL).date()
        assigned = people.pick(market, day)
        if status == CallbackStatus.NEW and rng.random() < 0.5:
            assigned = None
        done_at = done_by = entry = None
        reason = ""
        answered_at = None
        if status != CallbackStatus.NEW:
            # Most answered within their two working days, some days later.
            due = working_days_after(created, 2)
            if rng.random() < 0.85:
                answered_at = created + (due - created) * rng.random()
            else:
                answered_at = due + timedelta(minutes=rng.randint(10, 5 * 1440))
            answered_at = min(answered_at, ctx.now)
        if status == CallbackStatus.DONE:
            # Closed by the one it was given to, as `callback_update` records it.
            done_at = min(ctx.now, created + timedelta(minutes=rng.randint(30, 5 * 1440)))
            done_at = max(done_at, answered_at)
            done_by = assigned
            if rng.random() < 0.7:
                entry = entry_base + derived[0]
                derived[0] += 1
            else:  # a callback is never closed silently: without an entry it has a reason
                reason = rng.choice(NO_CONTACT_REASONS)
        return (
            callback_id,
            employer,
            person_id,
            name,
            phone,
            rng.choice(CALLBACK_TOPICS),
            rng.choice(PREFERRED_TIMES),
            rng.choice(writer.pools.callback_notes) if rng.random() < 0.6 else "",
            office,
            people.pick(ctx.staff_by_office[office], day),
            assigned,
            status,
            day,
            created,
            answered_at,
            done_at,
            done_by,
            entry,
            reason,
        )

    def employer_near(office):
        pool = register.by_office.get(office) if rng.random() < 0.8 else None
        pool = pool or register.by_region.get(ctx.office_region[office]) or register.everyone
        return pool[int(len(pool) * rng.random() ** 2)]

    def open_moment(late: bool) -> datetime:
        if late:
            return late_cutoff - timedelta(minutes=rng.randint(10, 20 * 1440))
        return ctx.now - timedelta(
            minutes=rng.randint(0, int((ctx.now - late_cutoff).total_seconds() // 60))
        )

    def rows():
        callback_id = first_id
        for days_ago in done_days:
            office = office_pick() if rng.random() > 0.006 else bench
            created = local_moment(today - timedelta(days=days_ago), rng.randint(480, 960))
            created = min(created, ctx.now - timedelta(hours=1))
            yield callback(
                callback_id,
                office=office,
                employer=employer_near(office),
                status=CallbackStatus.DONE,
                created=created,
            )
            callback_id += 1
        for _ in range(open_count):
            office = office_pick()
            status = CallbackStatus.NEW if rng.random() < 0.65 else CallbackStatus.IN_PROGRESS
            yield callback(
                callback_id,
                office=office,
                employer=employer_near(office),
                status=status,
                created=open_moment(rng.random() < 0.3),
            )
            callback_id += 1
        industri = register.bench["industri"]
        for k in range(BENCH_DONE_CALLBACKS):
            created = ctx.now - timedelta(minutes=rng.randint(3 * 1440, 3 * 365 * 1440))
            employer = industri if k % 5 == 0 else employer_near(bench)
            yield callback(
                callback_id,
                office=bench,
                employer=employer,
                status=CallbackStatus.DONE,
                created=created,
            )
            callback_id += 1
        for k in range(BENCH_OPEN_CALLBACKS):
            status = CallbackStatus.NEW if k % 10 < 7 else CallbackStatus.IN_PROGRESS
            employer = industri if k % 8 == 0 else employer_near(bench)
            yield callback(
                callback_id,
                office=bench,
                employer=employer,
                status=status,
                created=open_moment(k % 10 in (0, 8, 9)),
            )
            callback_id += 1

    ctx.copy(
        Callback,
        [
            "id",
            "employer",
            "contact_person",
            "contact_name",
            "phone",
            "topic",
            "preferred_time",
            "note",
            "office",
            "taken_by",
            "assigned_to",
            "status",
            "received_on",
            "created_at",
            "answered_at",
            "done_at",
            "done_by",
            "entry",
            "no_contact_reason",
        ],
        rows(),
    )
    ctx.execute(
        f"""
        INSERT INTO {ContactEntry._meta.db_table}
            (id, employer_id, author_id, office_id, contact_person_id, contacted_on, channel,
             topics, summary, outcome, follow_up_on, follow_up_assignee_id, follow_up_done_at,
             created_at, updated_at, deleted_at, deleted_by_id)
        SELECT c.entry_id, c.employer_id, c.assigned_to_id, c.office_id, c.contact_person_id,
               d.day, %(phone)s, ARRAY[c.topic]::varchar(30)[],
               CASE WHEN d.day < %(cutoff)s THEN ''
                    ELSE (%(texts)s::text[])[1 + c.id %% cardinality(%(texts)s::text[])] END,
               '', NULL, NULL, NULL, c.done_at, c.done_at, NULL, NULL
        FROM {Callback._meta.db_table} c
        CROSS JOIN LATERAL (SELECT (c.done_at AT TIME ZONE %(zone)s)::date AS day) d
        WHERE c.id >= %(first)s AND c.entry_id IS NOT NULL
        """,  # noqa: S608 - our own table names
        {
            "phone": Channel.PHONE.value,
            "cutoff": writer.cutoff,
            "texts": writer.pools.callback_log,
            "zone": settings.TIME_ZONE,
            "first": first_id,
        },
    )
    ctx.counts[ContactEntry._meta.label] += derived[0]
    return derived[0]


def build_duplicate_warnings(ctx, writer: EntryWriter) -> None:
    rng = ctx.rng
    staff = [m.id for m in ctx.staff]
    people = writer.people
    handel = writer.register.bench["handel"]

    def rows():
        for _ in range(ctx.n(20_000)):
            shown = ctx.moment_within(365)
            user = people.pick(staff, shown.date())
            context = DuplicateWarning.Context.LOG
            if rng.random() < 0.3:
                context = DuplicateWarning.Context.PLAN
            matches = rng.randint(1, 12)
            proceeded = rng.random() < 0.55
            yield (
                writer.employer_for(ctx.member(user)),
                user,
                context,
                shown,
                matches,
                proceeded,
                # Some who went on chose another topic than the contacts listed.
                proceeded and rng.random() < 0.2,
            )
        for _ in range(40):
            shown = ctx.moment_within(30)
            user = people.pick(staff, shown.date())
            proceeded = rng.random() < 0.5
            yield (handel, user, DuplicateWarning.Context.LOG, shown, 50, proceeded, False)

    ctx.copy(DuplicateWarning, columns(DuplicateWarning, leave_out=("id",)), rows())


# --- guides and search ---------------------------------------------------------------------


def build_guides(ctx, people: People) -> list[int]:
    """Four national guides and regional variants, in every freshness state."""
    rng = ctx.rng
    editors = ctx.by_role[Role.EDITOR]
    national = [e for e in editors if people.editor_region.get(e) is None] or editors
    regional = {}
    for e in editors:
        if people.editor_region.get(e):
            regional.setdefault(people.editor_region[e], []).append(e)
    region_names = dict(Region.objects.values_list("id", "name"))
    first_id = ctx.next_id(ConversationGuide)
    specs = []
    for kind, text in GUIDE_TEXT.items():
        specs.append((kind, text[0], None, rng.choice(national)))
    for region in ctx.regions:
        owner_pool = regional.get(region) or national
        name = region_names[region].removeprefix("NAV ")
        for kind, title in REGIONAL_GUIDES:
            specs.append((kind, title.format(region=name), region, rng.choice(owner_pool)))
    states = [Freshness.FRESH] * 18 + [Freshness.REVIEW_DUE] * 4 + [Freshness.STALE] * 2
    states += [Freshness.EXPIRED] * 2
    rows, published = [], []
    interval = timedelta(days=365)
    for i, (kind, title, region, owner) in enumerate(specs):
        state = states[i % len(states)] if i >= 4 else Freshness.FRESH
        expires_on = None
        if state == Freshness.FRESH:
            reviewed = ctx.now - timedelta(days=rng.randint(5, 300))
            changed = reviewed
        elif state == Freshness.REVIEW_DUE:
            reviewed = ctx.now - timedelta(days=rng.randint(380, 700))
            changed = reviewed + interval
        elif state == Freshness.STALE:
            reviewed = ctx.now - timedelta(days=rng.randint(760, 1000))
            changed = reviewed + 2 * interval
        else:
            reviewed = ctx.now - timedelta(days=rng.randint(100, 300))
            expires_on = ctx.today - timedelta(days=rng.randint(5, 60))
            changed = local_moment(expires_on + timedelta(days=1), 5)
        is_published = i % 13 != 12
        _title, intro, questions, offers, checklist = GUIDE_TEXT[kind]
        guide_id = first_id + i
        if is_published and state != Freshness.EXPIRED:
            published.append(guide_id)
        rows.append(
            (
                guide_id,
                owner,
                "static",
                interval,
                expires_on,
                reviewed,
                owner,
                state,
                changed,
                kind,
                title,
                f"samtaleguide-{i + 1}",
                region,
                intro,
                questions,
                offers,
                checklist,
                is_published,
            )
        )
    ctx.copy(ConversationGuide, columns(ConversationGuide), rows)
    return published


def build_follow_up_reminders(ctx) -> None:
    """The follow-up reminders `follow_ups_remind` sent on earlier days: one on the follow-up's
    day to its assignee, unless it was done before then, so today's are left for the job."""
    prefix, suffix = url_around("employers:entry")
    with translation.override(settings.LANGUAGE_CODE):
        before, after = gettext("Follow up %(employer)s").split("%(employer)s")
    sent = "(e.follow_up_on + time '06:00') AT TIME ZONE %(tz)s"
    ctx.counts["follow-up reminders sent"] = ctx.execute(
        f"""
        INSERT INTO {Notification._meta.db_table}
            (recipient_id, kind, title, body, url, dedup_key, created_at, read_at, emailed_at)
        SELECT e.follow_up_assignee_id, %(kind)s, left(%(before)s || r.name || %(after)s, 200),
               '', %(prefix)s || e.id || %(suffix)s, 'follow-up-due:' || e.id, {sent},
               {sent} + interval '5 hours', {sent} + interval '12 hours'
        FROM {ContactEntry._meta.db_table} e
        JOIN {Employer._meta.db_table} r ON r.id = e.employer_id
        WHERE e.follow_up_on < %(today)s AND e.follow_up_assignee_id IS NOT NULL
          AND e.deleted_at IS NULL
          AND (e.follow_up_done_at IS NULL
               OR (e.follow_up_done_at AT TIME ZONE %(tz)s)::date > e.follow_up_on)
        """,  # noqa: S608 - our own table names
        {
            "kind": NotificationKind.FOLLOW_UP_DUE,
            "before": before,
            "after": after,
            "prefix": prefix,
            "suffix": suffix,
            "today": ctx.today,
            "tz": settings.TIME_ZONE,
        },
    )


def index_search(ctx) -> None:
    """As employers/search.py describes them: active employers, published unexpired guides."""
    prefix, suffix = url_around("employers:detail")
    ctx.index_for_search(
        Employer,
        f"""
        SELECT e.id, 'employer', e.name,
               concat_ws(' ', NULLIF(e.organisation_number, ''), NULLIF(e.industry_text, ''),
                         NULLIF(e.municipality, ''), NULLIF(e.address, ''),
                         NULLIF(e.postal_place, '')),
               %s || e.organisation_number || %s, NULL::bigint, NULL::bigint
        FROM {Employer._meta.db_table} e
        WHERE e.deleted_at IS NULL
        """,  # noqa: S608 - our own table name
        [prefix, suffix],
    )
    prefix, suffix = url_around("employers:guide")
    ctx.index_for_search(
        ConversationGuide,
        f"""
        SELECT g.id, 'guide', g.title,
               g.introduction || E'\\n' || g.questions || E'\\n' || g.offers || E'\\n'
               || g.checklist,
               %s || g.slug || %s, NULL::bigint, NULL::bigint
        FROM {ConversationGuide._meta.db_table} g
        WHERE g.is_published AND g.freshness <> %s
        """,  # noqa: S608 - our own table name
        [prefix, suffix, Freshness.EXPIRED.value],
    )


# --- the whole app --------------------------------------------------------------------------


def build(ctx):
    offices = dict(Office.objects.values_list("id", "municipality"))
    pools = Pools(ctx)
    loaded = [
        Employer,
        ContactPerson,
        ContactEntry,
        ContactEntryRevision,
        PlannedContact,
        Callback,
        DuplicateWarning,
    ]
    with BulkLoad(loaded):
        register = build_employers(ctx, offices, pools)
        people = People(ctx)
        build_contact_persons(ctx, register, people)
        writer = EntryWriter(ctx, register, people, pools)
        plans = ctx.n(100_000)
        callbacks = ctx.n(50_000)
        # Done plans (58 %) and logged calls (70 % of the 90 % done) carry their own entries.
        derived = round(plans * 0.58) + round(callbacks * 0.9 * 0.7)
        regular = max(ctx.n(1_000_000) - derived, 1)
        build_entries(ctx, writer, regular)
        # Derived entries take ids after the regular ones; the bench ids already follow those.
        entry_base = writer.next_id
        entry_base += build_plans(ctx, writer, plans, entry_base)
        build_callbacks(ctx, writer, callbacks, entry_base)
        build_duplicate_warnings(ctx, writer)
    # The derived entries were written by INSERT, past the sequence that COPY moved.
    table = ContactEntry._meta.db_table
    move_sequence = "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM {}))"
    ctx.execute(move_sequence.format(table), [table])
    build_follow_up_reminders(ctx)
    published = build_guides(ctx, people)
    index_search(ctx)
    return [(ConversationGuide, guide_id) for guide_id in published]
