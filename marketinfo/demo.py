"""Demo weekly summaries (manage.py seed_demo): four weeks for NAV Risør and NAV Harstad, one
for region Agder, every item kind, some of it expired. Dates are relative to today, so the demo
always looks current. Idempotent: summaries are keyed by scope and week, items by position."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from employers.models import Employer
from marketinfo.models import (
    Item,
    ItemKind,
    MarketContactProfile,
    RoleDescription,
    Summary,
    SummaryStatus,
)
from marketinfo.services import _prepare_item
from portal.demo import DemoContext

# Short name → (organisation number, name, municipality, industry). Used when the employers
# demo has not put its own into context.objects["employers"].
EMPLOYERS = {
    "bronnboring": ("974760673", "Brønnboring AS", "Risør", "Brønnboring"),
    "risor_hotell": ("923456783", "Risør Hotell og Konferanse AS", "Risør", "Overnatting"),
    "sorlandsbygg": ("934567897", "Sørlandsbygg AS", "Risør", "Bygg og anlegg"),
    "skipsindustri": ("987654325", "Harstad Skipsindustri AS", "Harstad", "Skipsbygging"),
    "nordlys_omsorg": ("911223341", "Nordlys Omsorg AS", "Harstad", "Helse og omsorg"),
    "fiskemottak": ("922334455", "Arktisk Fiskemottak AS", "Harstad", "Fiskeindustri"),
}

ROLE_TEXT = """## Hva en markedskontakt gjør

Markedskontakten er kontorets faste bindeledd til arbeidsgiverne i området. Rollen har tre deler:

1. **Holde kontakten med arbeidsgivere** – besøk, telefon og oppfølging, og å samle det vi vet om
   hver bedrift i kontaktloggen slik at ikke tre kolleger ringer samme daglige leder samme uke.
2. **Dele kunnskap med kollegene** – én ukesoppsummering hver uke: ledige stillinger, hvem som
   ansetter eller nedbemanner, tiltaksplasser, arrangementer og hva tallene betyr hos oss.
3. **Bygge nettverk** – med markedskontakter i regionen og i andre regioner, slik at
   jobbsøkere kan flytte dit jobbene er.

## Hva kollegene kan forvente

- Ukesoppsummeringen er publisert innen mandag kl. 12.
- Tavlemøtet har oppdaterte stillinger og tiltaksplasser hver morgen.
- Spørsmål om en arbeidsgiver besvares innen to arbeidsdager.

## Tid og opplæring

Rollen bør ha avsatt tid i arbeidsplanen, og nye markedskontakter følger læringsstien for
markedskontakter og går minst ett arbeidsgiverbesøk sammen med en erfaren kollega.
"""


def _employers(context: DemoContext) -> dict[str, Employer]:
    theirs = context.objects.get("employers") or {}
    # The employers demo's own register, where it is there: their pages then list mentions.
    result = {key: theirs[key] for key in ("baatbyggeri", "verft") if key in theirs}
    for key, (number, name, municipality, industry) in EMPLOYERS.items():
        if key in theirs:
            result[key] = theirs[key]
            continue
        result[key], _created = Employer.objects.get_or_create(
            organisation_number=number,
            defaults={"name": name, "municipality": municipality, "industry_text": industry},
        )
    return result


# The week (weeks ago) whose summaries came out on Tuesday.
LATE_WEEK_AGO = 2


def _weeks(today) -> list[tuple[int, int, int]]:
    """(weeks ago, ISO year, ISO week) for this week and the three before it."""
    weeks = []
    for ago in range(5):
        iso = (today - timedelta(weeks=ago)).isocalendar()
        weeks.append((ago, iso.year, iso.week))
    return weeks


def _risor_items(emp: dict, today, ago: int) -> list[dict]:
    d = lambda days: today + timedelta(days=days)  # noqa: E731 - short date helper
    if ago == 1:
        return [
            dict(kind=ItemKind.VACANCY, title="Kantinemedarbeider", employer=emp["bronnboring"],
                 quantity=4, occupation="Kokk / kantinearbeider", municipality="Risør",
                 on_date=d(9), text="Må kunne starte raskt. Fagbrev er en fordel, ikke et krav.",
                 link="https://arbeidsplassen.nav.no/"),
            dict(kind=ItemKind.EMPLOYER, title="Ny boreavtale gir behov for flere folk",
                 employer=emp["bronnboring"], direction="hiring", quantity=10,
                 when_text="Fra februar", text="Søker fagarbeidere og ufaglærte."),
            dict(kind=ItemKind.PROGRAMME, title="Arbeidstrening i reiseliv", quantity=3,
                 provider="Risør Arbeidssenter", municipality="Risør", on_date=d(12),
                 text="Passer for kandidater som vil prøve seg i hotell og servering."),
            dict(kind=ItemKind.EVENT, title="Jobbmesse for reiseliv og bygg", event_kind="job_fair",
                 on_date=d(2), place="Risør kulturhus", link="https://www.nav.no/"),
            dict(kind=ItemKind.TREND, title="Byggebransjen går saktere", industry="Bygg og anlegg",
                 text="Færre igangsatte boliger gir mindre behov for tømrere fram mot våren, "
                 "men vedlikehold og rehabilitering holder seg godt."),
            *([dict(kind=ItemKind.EMPLOYER, title="Flere ordrer på fritidsbåter",
                    employer=emp["baatbyggeri"], direction="hiring", quantity=3,
                    when_text="Før påske", text="Ønsker folk med snekkererfaring.")]
              if "baatbyggeri" in emp else []),
            dict(kind=ItemKind.KEY_FIGURE, title="Helt ledige i Risør", value="2,1 %",
                 period="Forrige måned", source="NAV, statistikk over helt ledige",
                 text="Lavere enn landet, men mange av de ledige mangler fagbrev. Se etter "
                 "arbeidsgivere som tilbyr opplæring i jobben."),
        ]  # fmt: skip
    if ago == 2:
        return [
            dict(kind=ItemKind.VACANCY, title="Resepsjonist, sommer", employer=emp["risor_hotell"],
                 quantity=2, occupation="Resepsjonist", municipality="Risør", on_date=d(20),
                 text="Engelsk muntlig. Helgearbeid."),
            dict(kind=ItemKind.EVENT, title="Frokostmøte med byggenæringen",
                 event_kind="breakfast", on_date=d(-3), place="NAV Risør"),
            dict(kind=ItemKind.EMPLOYER, title="Nedbemanning i produksjonen",
                 employer=emp["sorlandsbygg"], direction="downsizing", quantity=6,
                 when_text="Innen mars", text="Tilbyr omstillingsmidler; vi har avtalt "
                 "informasjonsmøte for de ansatte."),
        ]  # fmt: skip
    if ago == 3:
        return [
            dict(kind=ItemKind.VACANCY, title="Tømrer", employer=emp["sorlandsbygg"], quantity=1,
                 occupation="Tømrer", municipality="Risør", on_date=d(-6),
                 text="Fagbrev som tømrer."),
            dict(kind=ItemKind.TREND, title="Flere sesongjobber annonseres tidlig",
                 industry="Reiseliv", text="Hotellene rekrutterer til sommeren allerede nå."),
        ]  # fmt: skip
    return [
        dict(kind=ItemKind.KEY_FIGURE, title="Ledige stillinger i Agder", value="1 240",
             period="Sist uke", source="arbeidsplassen.nav.no",
             text="Halvparten er i helse og omsorg: snakk med kandidatene om kortere kurs der."),
        dict(kind=ItemKind.PROGRAMME, title="Grunnleggende ferdigheter – norsk og data",
             quantity=8, provider="Voksenopplæringen i Risør", on_date=d(-10)),
    ]  # fmt: skip


def _harstad_items(emp: dict, today, ago: int) -> list[dict]:
    d = lambda days: today + timedelta(days=days)  # noqa: E731 - short date helper
    items = [
        dict(kind=ItemKind.VACANCY, title="Sveiser", employer=emp["skipsindustri"],
             quantity=3 + ago, occupation="Sveiser", municipality="Harstad",
             on_date=d(14 - 7 * ago),
             text="Sertifikat etter NS-EN ISO 9606 er ønsket.", link="https://arbeidsplassen.nav.no/"),
        dict(kind=ItemKind.VACANCY, title="Helsefagarbeider, natt", employer=emp["nordlys_omsorg"],
             quantity=2, occupation="Helsefagarbeider", municipality="Harstad",
             on_date=d(21 - 7 * ago),
             text="Autorisasjon som helsefagarbeider."),
    ]  # fmt: skip
    if ago == 0:
        items += [
            dict(kind=ItemKind.EMPLOYER, title="Sesongtopp på fiskemottaket",
                 employer=emp["fiskemottak"], direction="hiring", quantity=15,
                 when_text="Januar til april", text="Ingen krav til erfaring; opplæring gis."),
            dict(kind=ItemKind.EVENT, title="Karrieredag på Harstad-campus",
                 event_kind="conference", on_date=d(1), place="UiT, Harstad",
                 link="https://www.nav.no/"),
            dict(kind=ItemKind.PROGRAMME, title="Opplæring i fiskeindustri", quantity=6,
                 provider="Arktisk Fiskemottak AS", municipality="Harstad", on_date=d(10)),
            dict(kind=ItemKind.TREND, title="Forsvaret trekker folk til regionen",
                 industry="Offentlig sektor", text="Flere familier flytter hit, og partnere "
                 "søker jobb i helse og skole."),
            *([dict(kind=ItemKind.EMPLOYER, title="Nytt vedlikeholdsoppdrag for Forsvaret",
                    employer=emp["verft"], direction="hiring", quantity=8,
                    when_text="Fra mars", text="Trenger mekanikere og elektrikere.")]
              if "verft" in emp else []),
            dict(kind=ItemKind.KEY_FIGURE, title="Helt ledige i Harstad", value="1,6 %",
                 period="Forrige måned", source="NAV",
                 text="Stramt marked: arbeidsgiverne er mer villige til å lære opp selv."),
        ]  # fmt: skip
    return items


def _agder_items(emp: dict, today) -> list[dict]:
    d = lambda days: today + timedelta(days=days)  # noqa: E731 - short date helper
    return [
        dict(kind=ItemKind.TREND, title="Batteriindustrien ansetter i Arendal",
             industry="Industri", text="Pendling fra Risør er realistisk for mange; sjekk "
             "bussrutene før du foreslår jobben."),
        dict(kind=ItemKind.EVENT, title="Regional markedskontaktsamling",
             event_kind="conference", on_date=d(5), place="Kristiansand"),
        dict(kind=ItemKind.KEY_FIGURE, title="Varslede permitteringer i Agder", value="212",
             period="Siste fire uker", source="NAV Agder",
             text="Mest i bygg; lite hos oss i Risør så langt."),
    ]  # fmt: skip


def _summary(*, scope: dict, year: int, week: int, author, texts: tuple, published_at) -> Summary:
    summary, _created = Summary.objects.update_or_create(
        year=year,
        week=week,
        **scope,
        defaults={
            "headline": texts[0],
            "highlight_1": texts[1],
            "highlight_2": texts[2],
            "highlight_3": texts[3] if len(texts) > 3 else "",
            "status": SummaryStatus.PUBLISHED,
            "published_at": published_at,
            "created_by": author,
        },
    )
    return summary


def _items(summary: Summary, rows: list[dict], author, written_at) -> None:
    keep = []
    for position, row in enumerate(rows):
        item = Item.objects.filter(summary=summary, position=position).first() or Item(
            summary=summary, position=position
        )
        for field in ("employer", "quantity", "direction", "occupation", "industry"):
            setattr(item, field, None if field in ("employer", "quantity") else "")
        for field in ("municipality", "on_date", "when_text", "event_kind", "place"):
            setattr(item, field, None if field == "on_date" else "")
        item.text = item.link = item.value = item.period = item.source = item.provider = ""
        for field, value in row.items():
            setattr(item, field, value)
        item.created_at = written_at
        item.owner = author
        _prepare_item(item, user=author, now=written_at)
        item.save()
        keep.append(item.pk)
    Item.objects.filter(summary=summary).exclude(pk__in=keep).delete()


def seed(context: DemoContext) -> None:
    emp = _employers(context)
    today = timezone.localdate()
    risor = context.offices["NAV Risør"]
    harstad = context.offices["NAV Harstad"]
    author = context.users["markedskontakt"]
    harstad_author = context.users.get("leder2")
    weeks = _weeks(today)
    summaries = {}
    # Each office's weekly summaries, for the weeks its texts cover.
    offices = [
        ("risor", risor, author, RISOR_TEXTS, _risor_items),
        ("harstad", harstad, harstad_author, HARSTAD_TEXTS, _harstad_items),
    ]
    for ago, year, week in weeks:
        monday = today - timedelta(days=today.weekday(), weeks=ago)
        # Monday morning, but one week on Tuesday: late in the figure «published by Monday».
        late = timedelta(days=1) if ago == LATE_WEEK_AGO else timedelta()
        published = timezone.make_aware(datetime.combine(monday + late, time(9, 0)))
        written = min(published, timezone.now())
        for key, office, by, texts, items in offices:
            if ago in texts:
                summary = _summary(
                    scope={"office": office},
                    year=year,
                    week=week,
                    author=by,
                    texts=texts[ago],
                    published_at=written,
                )
                _items(summary, items(emp, today, ago), by, written)
                summaries[f"{key}-{ago}"] = summary
    ago, year, week = weeks[1]
    monday = today - timedelta(days=today.weekday(), weeks=1)
    written = timezone.make_aware(datetime.combine(monday, time(10, 0)))
    agder = _summary(
        scope={"region": context.regions["Agder"]},
        year=year,
        week=week,
        author=author,
        texts=(
            "Agder: industrien vokser øst i fylket",
            "Batterifabrikken ansetter operatører med kort opplæring.",
            "Samling for markedskontaktene i Kristiansand.",
            "Permitteringene er fortsatt få.",
        ),
        published_at=written,
    )
    _items(agder, _agder_items(emp, today), author, written)
    summaries["agder"] = agder
    MarketContactProfile.objects.update_or_create(
        user=author,
        defaults={"industries": "Reiseliv, bygg og anlegg, brønnboring", "phone": "370 00 000"},
    )
    description = RoleDescription.objects.order_by("pk").first() or RoleDescription()
    description.text = ROLE_TEXT
    description.updated_by = context.users.get("redaktor")
    description.save()
    # Items written weeks ago whose date has passed since: expired now, in the archive.
    Item.objects.filter(summary__in=summaries.values()).refresh_freshness()
    context.objects["summaries"] = summaries


RISOR_TEXTS = {
    1: (
        "Brønnboring AS trenger fire i kantina nå",
        "Brønnboring AS har fått ny kontrakt og trenger fire kantinemedarbeidere straks.",
        "Jobbmesse i kulturhuset: meld på kandidater innen torsdag.",
        "Tre plasser i arbeidstrening i reiseliv er ledige.",
    ),
    2: (
        "Hotellet rekrutterer til sommeren",
        "Risør Hotell ansetter resepsjonister for sesongen.",
        "Sørlandsbygg nedbemanner seks i produksjonen.",
    ),
    3: (
        "Stille uke i bygg",
        "Én tømrerstilling, frist snart.",
        "Sesongjobbene i reiseliv lyses ut tidligere enn før.",
    ),
    4: (
        "Helse og omsorg dominerer stillingsbildet",
        "Halvparten av stillingene i Agder er i helse og omsorg.",
        "Kurs i norsk og data starter snart.",
    ),
}
HARSTAD_TEXTS = {
    0: (
        "Fiskemottaket trenger femten til sesongen",
        "Arktisk Fiskemottak ansetter femten uten krav til erfaring.",
        "Karrieredag på campus i morgen.",
        "Seks opplæringsplasser i fiskeindustri.",
    ),
    1: (
        "Verftet trenger sveisere",
        "Harstad Skipsindustri har fire ledige sveiserstillinger.",
        "Nordlys Omsorg mangler nattevakter.",
    ),
    2: (
        "Omsorg og verft trekker",
        "Fortsatt behov for sveisere.",
        "Helsefagarbeidere på natt er etterspurt.",
    ),
    3: (
        "Rolig start på måneden",
        "Verftet har fått nye oppdrag.",
        "Omsorgssektoren ansetter fortløpende.",
    ),
}
