"""Demo offices and users (SPEC: stable contract). Used by `manage.py seed_demo`."""

from dataclasses import dataclass, field
from datetime import date

from portal.models import (
    GlossaryTerm,
    Office,
    OfficeMunicipality,
    OfficeSize,
    Region,
    Role,
    User,
)
from portal.text import norwegian_slug

DEMO_PASSWORD = "demo"

# The seven offices visited in the evaluation, in their regions (fylker), plus Agder's and
# Troms' neighbours used by the demo.
OFFICES = [
    ("NAV St. Hanshaugen", "Oslo", "Oslo", OfficeSize.LARGE),
    ("NAV Gjerstad", "Agder", "Gjerstad", OfficeSize.SMALL),
    ("NAV Risør", "Agder", "Risør", OfficeSize.SMALL),
    ("NAV Haugesund", "Rogaland", "Haugesund", OfficeSize.LARGE),
    ("NAV Karmøy", "Rogaland", "Karmøy", OfficeSize.LARGE),
    ("NAV Narvik", "Nordland", "Narvik", OfficeSize.MEDIUM),
    ("NAV Harstad", "Troms", "Harstad", OfficeSize.MEDIUM),
]

# NAV's county unit numbers (fylkesenhetsnr) of the demo regions, and the municipalities the
# demo offices cover (2024 numbers; Oslo's offices cover city districts: St. Hanshaugen is
# bydel 030104, so a form giving only Oslo, 0301, waits in Oslo's regional queue).
REGION_UNIT_NUMBERS = {
    "Oslo": "0300",
    "Agder": "1000",
    "Rogaland": "1100",
    "Nordland": "1800",
    "Troms": "1900",
}
OFFICE_MUNICIPALITIES = {
    "NAV St. Hanshaugen": [("030104", "Oslo, bydel St. Hanshaugen")],
    "NAV Gjerstad": [("4211", "Gjerstad")],
    "NAV Risør": [("4201", "Risør")],
    "NAV Haugesund": [("1106", "Haugesund")],
    "NAV Karmøy": [("1149", "Karmøy")],
    "NAV Narvik": [("1806", "Narvik")],
    "NAV Harstad": [("5503", "Harstad")],
}

# username, first name, last name, office, roles, started in NAV
USERS = [
    ("veileder", "Kari", "Nordmann", "NAV Risør", [Role.ADVISOR], date(2026, 9, 1)),
    ("leder", "Ola", "Berg", "NAV Risør", [Role.MANAGER], date(2012, 3, 1)),
    ("markedskontakt", "Ingrid", "Solberg", "NAV Risør", [Role.MARKET_CONTACT], date(2018, 8, 15)),
    ("redaktor", "Per", "Haugen", "NAV Risør", [Role.EDITOR], date(2010, 1, 4)),
    ("admin", "Anne", "Lie", "NAV Risør", [], date(2015, 5, 1)),
    ("veileder2", "Jonas", "Eriksen", "NAV Harstad", [Role.ADVISOR], date(2021, 2, 1)),
    ("leder2", "Sigrid", "Johansen", "NAV Harstad", [Role.MANAGER], date(2009, 6, 1)),
]

# term, definition, English names (synonyms for the search)
GLOSSARY = [
    (
        "Arbeidsmarkedskompetanse",
        "Kunnskap om arbeidslivet og arbeidsmarkedet lokalt og nasjonalt, om NAVs "
        "virkemidler for personer og arbeidsgivere, og ferdighetene som trengs for å bruke "
        "kunnskapen til å få folk i jobb.",
        "labour-market competence, labour market knowledge",
    ),
    (
        "Markedskontakt",
        "Ansatt på NAV-kontoret med særlig ansvar for kontakten med arbeidsgivere og for å "
        "holde kollegene oppdatert om det lokale arbeidsmarkedet.",
        "market contact, employer liaison",
    ),
    (
        "Rekrutteringskontakt",
        "Kontakt med en arbeidsgiver som skal ansette: NAV kartlegger behovet og foreslår "
        "kandidater, gjerne flere enn én.",
        "recruitment contact",
    ),
    (
        "Tiltak",
        "Arbeidsmarkedstiltak: tjenester som arbeidstrening, lønnstilskudd og kurs som skal "
        "hjelpe en person nærmere jobb. Hvilke tiltak som passer, avhenger av personen og "
        "markedet.",
        "labour-market measure, employment measure, employment programme",
    ),
    (
        "Virkemidler",
        "Samlebegrep for det NAV kan tilby personer og arbeidsgivere: tiltak, tilskudd, "
        "hjelpemidler, oppfølging og veiledning.",
        "policy instruments, instruments",
    ),
    (
        "IA-avtalen",
        "Avtalen om et inkluderende arbeidsliv mellom partene i arbeidslivet og staten. "
        "Målet er lavere sykefravær og at færre faller ut av arbeidslivet.",
        "inclusive working life agreement, IA agreement",
    ),
    (
        "Arbeidstrening",
        "Et tiltak der en person prøver seg i en vanlig virksomhet for å få erfaring, "
        "referanser og avklart hva hen kan jobbe med.",
        "work training, work practice, job training",
    ),
    (
        "Lønnstilskudd",
        "Tilskudd til arbeidsgiveren som ansetter en person som trenger tid for å nå full "
        "produktivitet. Tilskuddet trappes ned over tid.",
        "wage subsidy, salary subsidy",
    ),
    (
        "Inkluderingstilskudd",
        "Dekker arbeidsgiverens ekstra kostnader når en ansatt trenger tilrettelegging, "
        "for eksempel utstyr eller opplæring.",
        "inclusion grant, inclusion subsidy",
    ),
    (
        "Mentor",
        "En kollega på arbeidsplassen som får frikjøpt tid til å følge opp en ny ansatt "
        "som trenger ekstra støtte i starten.",
        "",
    ),
    (
        "Jobbmatch",
        "Det å koble en arbeidsgivers konkrete behov med en jobbsøker som passer, basert på "
        "kompetanse, ønsker og muligheter for tilrettelegging.",
        "job match, job matching",
    ),
    (
        "Inkluderingskompetanse",
        "Ferdighetene som skal til for å få folk med ulike utfordringer inn i arbeid: "
        "kartlegging, motivasjon, tilrettelegging og oppfølging.",
        "inclusion competence, inclusion skills",
    ),
    (
        "Ferskvare",
        "Kunnskap som raskt går ut på dato, som ledige stillinger og hvem som ansetter. "
        "Må holdes ved like hver uke for å være nyttig.",
        "perishable knowledge",
    ),
    (
        "Tavlemøte",
        "Kort stående møte på kontoret, ofte daglig, der teamet går gjennom ledige "
        "stillinger, tiltaksplasser og hendelser denne uka.",
        "stand-up meeting, board meeting",
    ),
    (
        "Hovedenhet",
        "Den juridiske enheten i Enhetsregisteret, for eksempel et aksjeselskap. Den kan ha "
        "flere underenheter.",
        "main unit, legal entity",
    ),
    (
        "Underenhet",
        "En virksomhet eller et arbeidssted som hører til en hovedenhet, med eget "
        "organisasjonsnummer. Ansatte er knyttet til underenheten.",
        "sub-unit, business unit",
    ),
    (
        "Kompetanseplan",
        "Den enkeltes plan for det kommende året: mål avtalt med leder, moduler og andre "
        "aktiviteter som skal gi kompetansen kontoret trenger.",
        "competence plan, development plan",
    ),
    (
        "Hospitering",
        "Å være en tid hos en arbeidsgiver eller en kollega for å lære av hvordan de "
        "jobber, for eksempel å følge markedskontakten på bedriftsbesøk.",
        "job shadowing, shadowing",
    ),
    (
        "Sykefravær",
        "Fravær fra jobben på grunn av sykdom, med egenmelding eller sykmelding. "
        "Arbeidsgiveren følger opp den sykmeldte, og NAV kan hjelpe med tilrettelegging "
        "og tiltak.",
        "sick leave, sickness absence",
    ),
]


@dataclass
class DemoContext:
    """What the portal's demo gives the apps' demo seeders."""

    offices: dict[str, Office] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    # What one app's seeder leaves for the next (e.g. employers for the weekly summaries).
    objects: dict[str, object] = field(default_factory=dict)


def seed(context: DemoContext | None = None) -> DemoContext:
    context = context or DemoContext()
    for name, region_name, municipality, size in OFFICES:
        region, _ = Region.objects.get_or_create(
            slug=norwegian_slug(region_name), defaults={"name": region_name}
        )
        office, _ = Office.objects.update_or_create(
            slug=norwegian_slug(name.removeprefix("NAV ")),
            defaults={
                "name": name,
                "region": region,
                "municipality": municipality,
                "size_band": size,
            },
        )
        context.regions[region_name] = region
        context.offices[name] = office
        if region.unit_number != REGION_UNIT_NUMBERS[region_name]:
            region.unit_number = REGION_UNIT_NUMBERS[region_name]
            region.save(update_fields=["unit_number"])
        for number, municipality_name in OFFICE_MUNICIPALITIES[name]:
            OfficeMunicipality.objects.update_or_create(
                number=number, defaults={"office": office, "name": municipality_name}
            )
    for username, first, last, office_name, roles, started in USERS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.nav.no",
                "office": context.offices[office_name],
                "roles": [str(r) for r in roles],
                "start_date": started,
                "is_staff": username == "admin",
                "is_superuser": username == "admin",
            },
        )
        # Hashing is slow on purpose (about a second per password): only for new accounts.
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        context.users[username] = user
    for term, definition, english in GLOSSARY:
        GlossaryTerm.objects.update_or_create(
            slug=norwegian_slug(term),
            defaults={
                "term": term,
                "definition": definition,
                "english": english,
                "owner": context.users["redaktor"],
                "last_reviewed_by": context.users["redaktor"],
            },
        )
    return context
