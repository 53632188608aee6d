"""Demo employers around Risør and Harstad, with contacts, plans, callbacks and guides.

Idempotent: every object is found by a stable key and updated. Dates are relative to today,
so «for 3 dager siden» stays true whenever the demo is loaded. The organisation numbers carry
valid MOD11 check digits but start with 1: the register gives out numbers starting with 8 or 9
only (brreg.no, «Organisasjonsnummeret»), so none of them can be a real unit's.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from employers.models import (
    Callback,
    CallbackSource,
    CallbackStatus,
    Channel,
    ContactEntry,
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

# short name: (orgnr, name, main unit short name, NACE, industry, municipality, number, size)
EMPLOYERS = {
    "fisk": (
        "100042002",
        "Sørkyst Fiskeforedling AS",
        None,
        "10.201",
        "Bearbeiding av fisk",
        "Risør",
        "4201",
        EmployerSize.LARGE,
    ),
    "fisk_risor": (
        "100042371",
        "Sørkyst Fiskeforedling AS avd. Risør",
        "fisk",
        "10.201",
        "Bearbeiding av fisk",
        "Risør",
        "4201",
        EmployerSize.MEDIUM,
    ),
    "fisk_tvedestrand": (
        "100042746",
        "Sørkyst Fiskeforedling AS avd. Tvedestrand",
        "fisk",
        "10.201",
        "Bearbeiding av fisk",
        "Tvedestrand",
        "4213",
        EmployerSize.SMALL,
    ),
    "fisk_gjerstad": (
        "100043114",
        "Sørkyst Fiskeforedling AS avd. Gjerstad",
        "fisk",
        "10.201",
        "Bearbeiding av fisk",
        "Gjerstad",
        "4211",
        EmployerSize.SMALL,
    ),
    "baatbyggeri": (
        "100043483",
        "Randvik Båtbyggeri AS",
        None,
        "30.120",
        "Bygging av fritidsbåter",
        "Risør",
        "4201",
        EmployerSize.SMALL,
    ),
    "omsorg": (
        "100043858",
        "Kystlys Omsorg AS",
        None,
        "87.301",
        "Omsorgsinstitusjoner for eldre",
        "Risør",
        "4201",
        EmployerSize.MEDIUM,
    ),
    "kafe": (
        "100044226",
        "Strandgata Kafé Risør",
        None,
        "56.101",
        "Drift av restauranter og kafeer",
        "Risør",
        "4201",
        EmployerSize.MICRO,
    ),
    "verft": (
        "100044595",
        "Vågsfjord Verft AS",
        None,
        "33.150",
        "Reparasjon og vedlikehold av skip",
        "Harstad",
        "5503",
        EmployerSize.LARGE,
    ),
    "verft_stornes": (
        "100045338",
        "Vågsfjord Verft AS avd. Stornes",
        "verft",
        "33.150",
        "Reparasjon og vedlikehold av skip",
        "Harstad",
        "5503",
        EmployerSize.MEDIUM,
    ),
    "havn": (
        "100045702",
        "Harstad Havnelogistikk AS",
        None,
        "52.220",
        "Tjenester tilknyttet sjøtransport",
        "Harstad",
        "5503",
        EmployerSize.SMALL,
    ),
    "renhold": (
        "100046075",
        "Nordlys Renhold AS",
        None,
        "81.210",
        "Rengjøring av bygninger",
        "Harstad",
        "5503",
        EmployerSize.MEDIUM,
    ),
}

CONTACT_PERSONS = [
    ("fisk_risor", "Hilde Aasen", "Produksjonsleder", "370 00 111", "hilde.aasen@sorkyst.example"),
    ("fisk", "Terje Moen", "HR-sjef", "370 00 100", "terje.moen@sorkyst.example"),
    ("omsorg", "Berit Fjeld", "Daglig leder", "370 00 222", "berit@kystlys.example"),
    ("verft", "Rune Pettersen", "Verkstedsjef", "770 00 333", "rune@vagsfjordverft.example"),
    ("renhold", "Lise Nilsen", "Driftsleder", "770 00 444", "lise@nordlysrenhold.example"),
]

# employer, author, days ago, channel, topics, summary, outcome
ENTRIES = [
    (
        "fisk_risor",
        "markedskontakt",
        3,
        Channel.PHONE,
        [Topic.RECRUITMENT],
        "Ringte produksjonslederen. De trenger fire filetarbeidere til sesongen som starter om "
        "en måned, og er åpne for kandidater uten erfaring.",
        "Sender stillingsannonse til NAV. Vi foreslår kandidater innen fredag.",
    ),
    (
        "fisk_tvedestrand",
        "veileder",
        12,
        Channel.VISIT,
        [Topic.WORK_TRAINING],
        "Besøk på avdelingen for å se på muligheter for arbeidstrening i pakkeriet.",
        "Positive, men ønsker å vente til etter sesongtoppen.",
    ),
    (
        "fisk",
        "leder",
        40,
        Channel.NAV_OFFICE,
        [Topic.SICK_LEAVE, Topic.NAV_SERVICES],
        "Møte med HR om IA-avtalen og hvordan NAV kan bistå med å forebygge sykefravær.",
        "Avtalt oppfølgingsmøte med arbeidslivssenteret.",
    ),
    (
        "omsorg",
        "veileder",
        8,
        Channel.EMAIL,
        [Topic.RECRUITMENT_ADAPTED],
        "Sendte informasjon om lønnstilskudd og mentor ved ansettelse med tilrettelegging.",
        "",
    ),
    (
        "omsorg",
        "markedskontakt",
        20,
        Channel.VISIT,
        [Topic.RECRUITMENT],
        "Besøk hos daglig leder. Behov for helsefagarbeidere i helgestillinger.",
        "Kandidatliste sendt.",
    ),
    (
        "baatbyggeri",
        "markedskontakt",
        5,
        Channel.VIDEO,
        [Topic.DOWNSIZING],
        "Bedriften vurderer permitteringer på grunn av færre ordre. Informerte om regelverket.",
        "De tar kontakt igjen når de vet mer.",
    ),
    (
        "verft",
        "veileder2",
        6,
        Channel.PHONE,
        [Topic.RECRUITMENT, Topic.WORK_TRAINING],
        "Verkstedsjefen ønsker lærlinger og to platearbeidere. Snakket om arbeidstrening først.",
        "Avtalt besøk neste uke.",
    ),
    (
        "havn",
        "leder2",
        15,
        Channel.JOB_FAIR,
        [Topic.NAV_SERVICES],
        "Traff daglig leder på bransjetreff i Harstad. Kjente lite til NAVs tjenester.",
        "",
    ),
    (
        "renhold",
        "veileder2",
        2,
        Channel.VISIT,
        [Topic.CANDIDATE_FOLLOW_UP],
        "Oppfølgingsbesøk for en kandidat i arbeidstrening. Arbeidsgiver er fornøyd.",
        "Nytt møte om fire uker.",
    ),
]

# employer, author, days from today, channel, topics, note
PLANS = [
    (
        "verft",
        "veileder2",
        8,
        Channel.VISIT,
        [Topic.RECRUITMENT],
        "Besøk for å kartlegge behovet for platearbeidere og lærlinger.",
    ),
    (
        "fisk_gjerstad",
        "veileder",
        10,
        Channel.VISIT,
        [Topic.RECRUITMENT],
        "Første besøk på avdelingen i Gjerstad.",
    ),
    (
        "kafe",
        "markedskontakt",
        4,
        Channel.PHONE,
        [Topic.RECRUITMENT_ADAPTED],
        "Høre om de kan ta inn en kandidat med tilrettelegging i sommersesongen.",
    ),
]

# employer, contact name, phone, topic, preferred time, office, taken by, hours ago, status
CALLBACKS = [
    (
        "kafe",
        "Mona Strand",
        "370 00 555",
        Topic.RECRUITMENT,
        "Formiddag",
        "NAV Risør",
        "veileder",
        2,
        CallbackStatus.NEW,
    ),
    (
        "omsorg",
        "Berit Fjeld",
        "370 00 222",
        Topic.SICK_LEAVE,
        "Etter klokka 13",
        "NAV Risør",
        "leder",
        24 * 5,
        CallbackStatus.NEW,
    ),
    (
        "baatbyggeri",
        "Knut Randvik",
        "370 00 666",
        Topic.WORK_TRAINING,
        "",
        "NAV Risør",
        "markedskontakt",
        26,
        CallbackStatus.IN_PROGRESS,
    ),
    (
        "renhold",
        "Lise Nilsen",
        "770 00 444",
        Topic.RECRUITMENT_ADAPTED,
        "Mandag",
        "NAV Harstad",
        "veileder2",
        5,
        CallbackStatus.NEW,
    ),
]

# Callbacks of the last months, answered and closed at NAV Risør, for the office's figure
# «answered within two working days»: most in time, two six and eight days later.
# employer, contact name, phone, topic, days ago, hours until answered
ANSWERED_CALLBACKS = [
    ("kafe", "Jonas Berg", "370 00 701", Topic.RECRUITMENT, 12, 3),
    ("omsorg", "Siri Holm", "370 00 702", Topic.SICK_LEAVE, 26, 20),
    ("baatbyggeri", "Per Aas", "370 00 703", Topic.WORK_TRAINING, 33, 24 * 6),
    ("fisk", "Anne Lie", "370 00 704", Topic.RECRUITMENT_ADAPTED, 47, 5),
    ("kafe", "Tor Vik", "370 00 705", Topic.RECRUITMENT, 61, 24 * 8),
    ("omsorg", "Eva Dahl", "370 00 706", Topic.SICK_LEAVE, 75, 2),
]

# Duplicate-contact warnings answered at NAV Risør, for the figure «duplicate contacts
# avoided»: two cancelled, one gone on with another topic, one gone on with the same.
# employer, user, context, days ago, proceeded, topic changed
DUPLICATE_WARNINGS = [
    ("fisk", "veileder", DuplicateWarning.Context.LOG, 9, False, False),
    ("kafe", "markedskontakt", DuplicateWarning.Context.PLAN, 23, False, False),
    ("omsorg", "veileder", DuplicateWarning.Context.LOG, 40, True, True),
    ("baatbyggeri", "markedskontakt", DuplicateWarning.Context.LOG, 55, True, False),
]

# From employers' own contact form: employer, contact, e-mail, phone, topic, office (None: no
# demo office covers the municipality, so it waits in the region's queue), region,
# municipality and its number, the sender's Idempotency-Key, hours ago.
FORM_CALLBACKS = [
    (
        "fisk",
        "Terje Moen",
        "terje.moen@sorkyst.example",
        "37000100",
        Topic.RECRUITMENT,
        "NAV Risør",
        "Agder",
        "Risør",
        "4201",
        "demo-kontaktskjema-1",
        3,
    ),
    (
        "omsorg",
        "Berit Fjeld",
        "berit@kystlys.example",
        "37000222",
        Topic.SICK_LEAVE,
        None,
        "Agder",
        "Tvedestrand",
        "4213",
        "demo-kontaktskjema-2",
        20,
    ),
]

GUIDES = [
    (
        "forste-besok",
        GuideKind.FIRST_VISIT,
        "Første besøk hos en arbeidsgiver",
        "Målet med første besøk er å bli kjent, ikke å selge. Lytt mer enn du snakker.",
        "- Hva lager eller leverer dere, og hvem er kundene?\n"
        "- Hvordan ser bemanningen ut det neste året?\n"
        "- Hvilke stillinger er vanskelige å fylle?\n"
        "- Hvordan rekrutterer dere i dag?\n"
        "- Har dere erfaring med NAV fra før – hva fungerte, og hva gjorde ikke det?",
        "- Hjelp til rekruttering: vi finner og forhåndsvurderer kandidater\n"
        "- Arbeidstrening og lønnstilskudd\n"
        "- Mentor og tilrettelegging på arbeidsplassen\n"
        "- Én fast kontaktperson på NAV-kontoret",
        "Sjekk kontaktloggen før du ringer\n"
        "Ha med visittkort og brosjyre om tjenestene for arbeidsgivere\n"
        "Avtal neste kontakt før du går\n"
        "Logg besøket samme dag",
    ),
    (
        "rekrutteringsbehov",
        GuideKind.RECRUITMENT,
        "Når arbeidsgiveren trenger folk",
        "Bruk samtalen til å forstå behovet så godt at du kan foreslå riktige kandidater.",
        "- Hvilke oppgaver skal personen gjøre en vanlig dag?\n"
        "- Hvilke krav er absolutte, og hva kan læres på jobben?\n"
        "- Når må personen begynne, og hvor lenge varer jobben?\n"
        "- Kan dere tenke dere en kandidat som trenger litt tilrettelegging?",
        "- Utlysning på arbeidsplassen.no\n"
        "- Kandidatforslag fra NAV\n"
        "- Opplæring før oppstart (for eksempel AMO-kurs)\n"
        "- Lønnstilskudd når kandidaten trenger tid til å komme opp i full produksjon",
        "Noter antall stillinger og oppstartsdato\n"
        "Avklar hvem hos arbeidsgiveren som tar imot kandidater\n"
        "Avtal frist for kandidatforslag\n"
        "Sett oppfølging i kontaktloggen",
    ),
    (
        "oppfolging-arbeidstrening",
        GuideKind.CANDIDATE_FOLLOW_UP,
        "Oppfølging av kandidat i arbeidstrening",
        "Oppfølgingen handler om arbeidsplassen og oppgavene. Personopplysninger om kandidaten "
        "hører hjemme i fagsystemet, ikke i kontaktloggen.",
        "- Hvordan fungerer oppgavene kandidaten har fått?\n"
        "- Trenger arbeidsplassen mer støtte fra NAV?\n"
        "- Er det aktuelt med ansettelse etter perioden?",
        "- Tettere oppfølging fra NAV i en periode\n"
        "- Mentor på arbeidsplassen\n"
        "- Lønnstilskudd ved overgang til ansettelse",
        "Avtal tidspunkt for neste oppfølging\n"
        "Skriv ikke helseopplysninger i loggen\n"
        "Gi arbeidsgiveren ett telefonnummer å ringe",
    ),
    (
        "forebygge-sykefravaer",
        GuideKind.SICK_LEAVE,
        "Forebygge sykefravær",
        "Mange arbeidsgivere vet lite om hva NAV og arbeidslivssenteret kan bidra med før "
        "fraværet har blitt høyt.",
        "- Hvordan har sykefraværet utviklet seg det siste året?\n"
        "- Har dere rutiner for oppfølging av sykmeldte?\n"
        "- Hva er de vanligste årsakene til fravær hos dere, slik dere ser det?",
        "- Veiledning fra NAV Arbeidslivssenter\n"
        "- Informasjon om IA-avtalen og bransjeprogrammene\n"
        "- Tilretteleggingstilskudd og hjelpemidler",
        "Ta med kontaktinformasjon til arbeidslivssenteret\n"
        "Avklar om arbeidsgiveren ønsker et nytt møte\n"
        "Logg kontakten med temaet forebygge sykefravær",
    ),
]


def seed(context) -> None:
    today = timezone.localdate()
    now = timezone.now()
    users = context.users
    offices = context.offices
    employers: dict[str, Employer] = {}
    for short, (
        number,
        name,
        main,
        nace,
        industry,
        municipality,
        muni_no,
        size,
    ) in EMPLOYERS.items():
        employers[short], _ = Employer.objects.update_or_create(
            organisation_number=number,
            defaults={
                "name": name,
                "main_unit": employers[main] if main else None,
                "industry_code": nace,
                "industry_text": industry,
                "municipality": municipality,
                "municipality_number": muni_no,
                "size_band": size,
                "deleted_at": None,
            },
        )
    context.objects["employers"] = employers

    persons = {}
    for short, name, role, phone, email in CONTACT_PERSONS:
        persons[name], _ = ContactPerson.objects.update_or_create(
            employer=employers[short],
            name=name,
            defaults={"role": role, "phone": phone, "email": email, "deleted_at": None},
        )

    for short, author, days_ago, channel, topics, summary, outcome in ENTRIES:
        user = users[author]
        ContactEntry.objects.update_or_create(
            employer=employers[short],
            author=user,
            summary=summary,
            defaults={
                "office": user.office,
                "contacted_on": today - timedelta(days=days_ago),
                "channel": channel,
                "topics": [str(t) for t in topics],
                "outcome": outcome,
                "deleted_at": None,
            },
        )
    # A follow-up due tomorrow on Kari's list.
    ContactEntry.objects.filter(
        employer=employers["omsorg"], author=users["veileder"], channel=Channel.EMAIL
    ).update(
        follow_up_on=today + timedelta(days=1),
        follow_up_assignee=users["veileder"],
        follow_up_done_at=None,
    )

    for short, author, days_ahead, channel, topics, note in PLANS:
        user = users[author]
        PlannedContact.objects.update_or_create(
            employer=employers[short],
            author=user,
            note=note,
            defaults={
                "office": user.office,
                "planned_on": today + timedelta(days=days_ahead),
                "channel": channel,
                "topics": [str(t) for t in topics],
                "status": PlanStatus.PLANNED,
                "passed_flagged_at": None,
                "deleted_at": None,
            },
        )

    for short, name, phone, topic, preferred, office, taken_by, hours, status in CALLBACKS:
        created = now - timedelta(hours=hours)
        answered = created + timedelta(hours=2)
        Callback.objects.update_or_create(
            employer=employers[short],
            contact_name=name,
            office=offices[office],
            defaults={
                "contact_person": persons.get(name),
                "phone": phone,
                "topic": topic,
                "preferred_time": preferred,
                "taken_by": users[taken_by],
                "assigned_to": users["markedskontakt"] if office == "NAV Risør" else None,
                "status": status,
                "created_at": created,
                "received_on": timezone.localdate(created),
                "answered_at": None if status == CallbackStatus.NEW else answered,
                "done_at": None,
                "entry": None,
            },
        )

    risor = offices["NAV Risør"]
    for short, name, phone, topic, days_ago, hours in ANSWERED_CALLBACKS:
        created = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(10)))
        answered = created + timedelta(hours=hours)
        Callback.objects.update_or_create(
            employer=employers[short],
            contact_name=name,
            office=risor,
            defaults={
                "phone": phone,
                "topic": topic,
                "taken_by": users["veileder"],
                "assigned_to": users["markedskontakt"],
                "status": CallbackStatus.DONE,
                "created_at": created,
                "received_on": timezone.localdate(created),
                "answered_at": answered,
                "done_at": answered + timedelta(hours=1),
                "done_by": users["markedskontakt"],
                "no_contact_reason": "Fikk svar på det de lurte på i telefonen, ikke noe å logge.",
                "entry": None,
            },
        )

    for short, user, context_name, days_ago, proceeded, topic_changed in DUPLICATE_WARNINGS:
        DuplicateWarning.objects.update_or_create(
            employer=employers[short],
            user=users[user],
            context=context_name,
            defaults={
                "shown_at": now - timedelta(days=days_ago),
                "matches": 1,
                "proceeded": proceeded,
                "topic_changed": topic_changed,
            },
        )

    for (
        short,
        name,
        email,
        phone,
        topic,
        office,
        region,
        place,
        number,
        key,
        hours,
    ) in FORM_CALLBACKS:
        created = now - timedelta(hours=hours)
        Callback.objects.update_or_create(
            inbound_client="demo",
            idempotency_key=key,
            defaults={
                "employer": employers[short],
                "source": CallbackSource.EMPLOYER_FORM,
                "office": offices[office] if office else None,
                "region": context.regions[region],
                "contact_name": name,
                "email": email,
                "phone": phone,
                "topic": topic,
                "note": "Ønsker en prat om hva NAV kan hjelpe med.",
                "company_name": employers[short].name,
                "municipality": place,
                "municipality_number": number,
                "employee_representative_consulted": True if topic == Topic.SICK_LEAVE else None,
                "status": CallbackStatus.NEW,
                "created_at": created,
                "received_on": timezone.localdate(created),
                "done_at": None,
                "entry": None,
            },
        )

    editor = users["redaktor"]
    for slug, kind, title, intro, questions, offers, checklist in GUIDES:
        ConversationGuide.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "title": title,
                "introduction": intro,
                "questions": questions,
                "offers": offers,
                "checklist": checklist,
                "owner": editor,
                "last_reviewed_by": editor,
                "last_reviewed_at": now - timedelta(days=20),
                "review_interval": timedelta(days=365),
                "is_published": True,
            },
        )
