"""Demo content for the learning app, written in Norwegian bokmål. Idempotent: stable slugs."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from learning import services
from learning.models import (
    Assignment,
    AssignmentSource,
    AssignmentStatus,
    Audience,
    BestPractice,
    Choice,
    CompetenceArea,
    CompetencePlan,
    LearningPath,
    Level,
    Module,
    ModuleForm,
    PathStep,
    Phase,
    PlanActivity,
    PlanStatus,
    Progress,
    ProgressStatus,
    Question,
    QuestionKind,
    SelfAssessment,
    Share,
    ShareComment,
    Status,
)
from learning.structure import ensure

ARBEIDSLIV, VIRKEMIDLER, INKLUDERING = (
    "arbeidsliv-og-arbeidsmarked",
    "navs-virkemidler",
    "ferdigheter-for-inkludering",
)
V, L, M = "veileder", "leder", "markedskontakt"

# slug, title, area, phase, form, level, roles, minutes, summary, body
MODULES = [
    (
        "velkommen-til-nav-kontoret",
        "Velkommen til NAV-kontoret",
        ARBEIDSLIV,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [V, M, L],
        20,
        "Hvordan kontoret er organisert, hvem som gjør hva, og hvor du finner hjelp i starten.",
        "## Kontoret ditt\n\nNAV-kontoret er et partnerskap mellom stat og kommune. "
        "Du jobber sammen med kolleger som har ulike fagområder.\n\n"
        "## De første ukene\n\n- Bli kjent med teamet ditt\n- Sett opp fadderavtale\n"
        "- Les kontorets virksomhetsplan\n\n| Hvem | Spør om |\n| --- | --- |\n"
        "| Fadder | Det meste i hverdagen |\n| Markedskontakt | Arbeidsgivere og ledige jobber |\n"
        "| Leder | Kompetanseplan og prioriteringer |\n",
    ),
    (
        "arbeidsmarkedet-i-norge",
        "Arbeidsmarkedet i Norge – en innføring",
        ARBEIDSLIV,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [V, M],
        25,
        "Tilbud og etterspørsel etter arbeidskraft, ledighet og hvorfor bransjer svinger ulikt.",
        "## Grunnbegreper\n\nArbeidsstyrken er de som er i jobb eller aktivt søker jobb. "
        "Ledigheten måles både av NAV (registrerte) og SSB (AKU).\n\n"
        "## Hvorfor det er viktig for deg\n\nNår du vet hvilke bransjer som trenger folk, "
        "kan du gi brukeren realistiske råd om veien til jobb.\n",
    ),
    (
        "les-det-lokale-arbeidsmarkedet",
        "Les det lokale arbeidsmarkedet",
        ARBEIDSLIV,
        "hverdagen",
        ModuleForm.THEORY,
        Level.DEEP,
        [V, M],
        30,
        "Bruk ukesoppsummeringen, stillingstall og kontakter til å forstå hva som skjer lokalt.",
        "## Ferskvare\n\nKunnskap om det lokale arbeidsmarkedet går fort ut på dato. "
        "Sjekk ukesoppsummeringen fra markedskontakten hver uke.\n\n"
        "## Tre kilder\n\n1. Ledige stillinger og hvem som ansetter\n"
        "2. Nøkkeltall med lokal kommentar\n3. Det kollegene hører fra arbeidsgivere\n\n"
        "## Øvelse\n\nFinn tre virksomheter i kommunen din som har ansatt det siste kvartalet.\n",
    ),
    (
        "trender-og-bransjer",
        "Trender og bransjer i endring",
        ARBEIDSLIV,
        "pafyll",
        ModuleForm.REFLECTION,
        Level.DEEP,
        [V, M, L],
        45,
        "Grønn omstilling, digitalisering og eldrebølgen: hva betyr det for brukerne dine?",
        "## Refleksjon\n\nDrøft i gruppen hvilke yrker som vokser og hvilke som krymper "
        "i regionen deres.\n\n- Hvilke kompetansekrav stilles?\n"
        "- Hvem av brukerne kan nå disse jobbene med kort opplæring?\n",
    ),
    (
        "navs-virkemidler-oversikt",
        "NAVs virkemidler – oversikt",
        VIRKEMIDLER,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [V, M, L],
        30,
        "Arbeidsrettede tiltak, lønnstilskudd og oppfølging: hva finnes, og hvem passer de for?",
        "## Tiltak for personer\n\nArbeidstrening, opplæring og oppfølging i jobb.\n\n"
        "## Tiltak for arbeidsgivere\n\nLønnstilskudd, mentor og inkluderingstilskudd "
        "gjør det lettere å ansette.\n\n"
        "## Tommelfingerregel\n\nVelg det minst inngripende tiltaket som gir brukeren en reell "
        "vei til jobb.\n",
    ),
    (
        "lonnstilskudd-i-praksis",
        "Lønnstilskudd i praksis",
        VIRKEMIDLER,
        "hverdagen",
        ModuleForm.THEORY,
        Level.DEEP,
        [V, M],
        25,
        "Hvordan du bruker lønnstilskudd for å åpne døren hos en arbeidsgiver.",
        "## Før avtalen\n\nAvklar behovet hos arbeidsgiveren og hva brukeren trenger.\n\n"
        "## Under perioden\n\nFølg opp begge parter tett de første ukene.\n",
    ),
    (
        "virkemidler-for-arbeidsgivere",
        "Virkemidler arbeidsgiveren etterspør",
        VIRKEMIDLER,
        "pafyll",
        ModuleForm.REFLECTION,
        Level.DEEP,
        [V, M, L],
        40,
        "Erfaringsutveksling om hvilke tjenester arbeidsgivere faktisk verdsetter.",
        "## Del erfaringer\n\nHva har arbeidsgivere sagt at de trenger fra NAV? "
        "Oppfølging, rask respons og én fast kontakt går igjen.\n",
    ),
    (
        "dialog-med-arbeidsgivere",
        "Dialog med arbeidsgivere",
        INKLUDERING,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [V, M],
        30,
        "Slik forbereder og gjennomfører du en god første samtale med en arbeidsgiver.",
        "## Forberedelse\n\n- Les deg opp på virksomheten\n- Sjekk kontaktloggen: har en "
        "kollega ringt nylig?\n\n## I samtalen\n\nLytt mer enn du snakker. Spør om behov før "
        "du presenterer kandidater eller tiltak.\n",
    ),
    (
        "forhandling-og-tilrettelegging",
        "Forhandling og tilrettelegging",
        INKLUDERING,
        "hverdagen",
        ModuleForm.REFLECTION,
        Level.DEEP,
        [V, M],
        40,
        "Når arbeidsgiver er i tvil: finn løsninger som begge parter kan leve med.",
        "## Interesser, ikke posisjoner\n\nFinn ut hva arbeidsgiveren egentlig er bekymret for: "
        "kostnad, risiko eller tid.\n\n## Tilrettelegging\n\nSmå justeringer av arbeidstid og "
        "oppgaver gjør ofte stor forskjell.\n",
    ),
    (
        "motiverende-samtale",
        "Motiverende samtale",
        INKLUDERING,
        "hverdagen",
        ModuleForm.PRACTICE,
        Level.BASIC,
        [V],
        60,
        "Øv på åpne spørsmål og refleksjoner sammen med en kollega.",
        "## Øvelse\n\nGjennomfør en rollespill-samtale med en kollega. Kollegaen bekrefter "
        "at øvelsen er gjort.\n",
    ),
    (
        "bli-med-pa-bedriftsbesok",
        "Bli med markedskontakten på bedriftsbesøk",
        INKLUDERING,
        "ny-i-nav",
        ModuleForm.PRACTICE,
        Level.BASIC,
        [V],
        90,
        "Følg markedskontakten på et besøk hos en arbeidsgiver, og lær av hvordan samtalen føres.",
        "## Før besøket\n\nAvtal med markedskontakten hva du skal se etter.\n\n"
        "## Etter besøket\n\nSkriv ned tre ting du lærte. Markedskontakten bekrefter at du var "
        "med, og modulen blir fullført.\n",
    ),
    (
        "markedskontaktrollen",
        "Markedskontaktrollen",
        ARBEIDSLIV,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [M],
        35,
        "Hva som forventes av en markedskontakt, og hvordan du bygger nettverket ditt.",
        "## Rollebeskrivelse\n\nMarkedskontakten holder kontakten med arbeidsgiverne og "
        "holder kollegene oppdatert om det lokale arbeidsmarkedet.\n\n"
        "## Ukentlig rytme\n\n1. Samle stillinger og nyheter\n2. Skriv ukesoppsummeringen\n"
        "3. Legg fram på tavlemøtet\n",
    ),
    (
        "lede-kompetanseutvikling",
        "Lede kompetanseutvikling på kontoret",
        INKLUDERING,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [L],
        30,
        "Kompetanseplaner, egenvurdering og avsatt tid: lederens verktøy.",
        "## Planen eies av leder\n\nAvtal mål med hver medarbeider, sett av tid i "
        "kalenderen og følg opp.\n\n## Matrisen\n\nBruk kompetansematrisen for å se hvor "
        "kontoret står.\n",
    ),
    (
        "personvern-i-kontaktloggen",
        "Personvern i kontaktloggen",
        VIRKEMIDLER,
        "hverdagen",
        ModuleForm.THEORY,
        Level.BASIC,
        [V, M, L],
        15,
        "Hva du kan og ikke kan skrive om brukere når du logger kontakt med arbeidsgivere.",
        "## Hovedregel\n\nKontaktloggen handler om arbeidsgiveren. Skriv aldri "
        "fødselsnummer eller helseopplysninger om brukere.\n",
    ),
]

QUIZZES = {
    "arbeidsmarkedet-i-norge": [
        (
            "Hvem regnes med i arbeidsstyrken?",
            QuestionKind.SINGLE,
            [
                ("De som er i jobb eller aktivt søker jobb", True, "Riktig: begge grupper teller."),
                ("Bare de som er i jobb", False, "Nei, også de som søker aktivt er med."),
                ("Alle mellom 16 og 74 år", False, "Nei, det er befolkningen i yrkesaktiv alder."),
            ],
        ),
        (
            "Hvilke kilder måler ledighet i Norge?",
            QuestionKind.MULTIPLE,
            [
                ("NAVs registrerte ledighet", True, "Ja."),
                ("SSBs arbeidskraftundersøkelse (AKU)", True, "Ja."),
                ("Skatteetatens ligning", False, "Nei, den måler ikke ledighet."),
            ],
        ),
    ],
    "navs-virkemidler-oversikt": [
        (
            "Hvilke virkemidler er rettet mot arbeidsgivere?",
            QuestionKind.MULTIPLE,
            [
                ("Lønnstilskudd", True, "Riktig."),
                ("Mentor", True, "Riktig."),
                ("Dagpenger", False, "Dagpenger er en ytelse til personen."),
            ],
        ),
        (
            "Hvilket tiltak bør du velge først?",
            QuestionKind.SINGLE,
            [
                ("Det minst inngripende som gir en reell vei til jobb", True, "Riktig."),
                ("Det dyreste", False, "Pris er ikke målet."),
                ("Det brukeren hadde sist", False, "Behovet kan ha endret seg."),
            ],
        ),
    ],
    "dialog-med-arbeidsgivere": [
        (
            "Hva bør du gjøre før du ringer en arbeidsgiver?",
            QuestionKind.SINGLE,
            [
                (
                    "Sjekke kontaktloggen for nylige kontakter",
                    True,
                    "Riktig: unngå dobbeltkontakt.",
                ),
                ("Sende over en liste med kandidater", False, "Spør om behov først."),
            ],
        ),
        (
            "Hva kjennetegner en god første samtale?",
            QuestionKind.MULTIPLE,
            [
                ("Du lytter mer enn du snakker", True, "Riktig."),
                ("Du spør om behov", True, "Riktig."),
                ("Du presenterer alle tiltak med en gang", False, "Det blir for mye for tidlig."),
            ],
        ),
    ],
    "markedskontaktrollen": [
        (
            "Hva er markedskontaktens ukentlige leveranse til kollegene?",
            QuestionKind.SINGLE,
            [
                ("Ukesoppsummeringen", True, "Riktig."),
                ("Månedsrapporten til direktoratet", False, "Nei."),
            ],
        ),
    ],
}

PATHS = [
    (
        "ny-i-nav-veileder",
        "Ny i NAV – veileder",
        V,
        "Det du trenger de første månedene som veileder.",
        [
            "velkommen-til-nav-kontoret",
            "arbeidsmarkedet-i-norge",
            "navs-virkemidler-oversikt",
            "dialog-med-arbeidsgivere",
            "bli-med-pa-bedriftsbesok",
        ],
    ),
    (
        "ny-i-nav-markedskontakt",
        "Ny i NAV – markedskontakt",
        M,
        "Rollen, nettverket og arbeidsgiverdialogen.",
        [
            "velkommen-til-nav-kontoret",
            "markedskontaktrollen",
            "arbeidsmarkedet-i-norge",
            "dialog-med-arbeidsgivere",
        ],
    ),
    (
        "ny-i-nav-leder",
        "Ny i NAV – leder",
        L,
        "Kompetanseledelse og oversikt over kontorets arbeid.",
        ["velkommen-til-nav-kontoret", "lede-kompetanseutvikling", "navs-virkemidler-oversikt"],
    ),
]


def seed(context) -> None:
    ensure(CompetenceArea, Phase)
    areas = {a.slug: a for a in CompetenceArea.objects.all()}
    phases = {p.slug: p for p in Phase.objects.all()}
    editor = context.users["redaktor"]
    now = timezone.now()
    modules = {}
    for slug, title, area, phase, form, level, roles, minutes, summary, body in MODULES:
        modules[slug], _ = Module.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": summary,
                "body": body,
                "area": areas[area],
                "phase": phases[phase],
                "form": form,
                "level": level,
                "audience_roles": roles,
                "minutes": minutes,
                "status": Status.PUBLISHED,
                "published_at": now,
                "owner": editor,
                "last_reviewed_by": editor,
                "renewal_months": 12 if slug == "personvern-i-kontaktloggen" else None,
                "discussion_cases": "1. En arbeidsgiver vil ikke ansette noen med hull i CV-en. "
                "Hvordan går dere fram?\n2. Brukeren ønsker en jobb som ikke finnes lokalt."
                if form == ModuleForm.REFLECTION
                else "",
            },
        )
    # An unpublished regional draft, for editors to see.
    Module.objects.update_or_create(
        slug="agder-naeringsliv-utkast",
        defaults={
            "title": "Næringslivet i Agder (utkast)",
            "summary": "Regionalt utkast om de største arbeidsgiverne i Agder.",
            "body": "## Under arbeid\n\nRedaktøren skriver fortsatt.",
            "area": areas[ARBEIDSLIV],
            "phase": phases["hverdagen"],
            "region": context.regions["Agder"],
            "status": Status.DRAFT,
            "owner": editor,
            "audience_roles": [V, M],
        },
    )
    for slug, questions in QUIZZES.items():
        module = modules[slug]
        if module.questions.exists():
            continue
        for order, (text, kind, choices) in enumerate(questions):
            question = Question.objects.create(module=module, text=text, kind=kind, order=order)
            Choice.objects.bulk_create(
                Choice(question=question, text=t, correct=c, feedback=f, order=i)
                for i, (t, c, f) in enumerate(choices)
            )
    for slug, title, role, description, steps in PATHS:
        path, _ = LearningPath.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "role": role,
                "description": description,
                "phase": phases["ny-i-nav"],
                "status": Status.PUBLISHED,
            },
        )
        for order, module_slug in enumerate(steps):
            PathStep.objects.update_or_create(
                path=path,
                module=modules[module_slug],
                defaults={"order": order, "due_after_days": 14 * (order + 1)},
            )
    _seed_people(context, modules)


def _assign(user, module, *, by, due, status=AssignmentStatus.OPEN, minutes=None, slot=None):
    Assignment.objects.update_or_create(
        user=user,
        module=module,
        source=AssignmentSource.MANAGER,
        defaults={
            "assigned_by": by,
            "due_on": due,
            "reserved_minutes": minutes or module.minutes,
            "reserved_start": slot,
            "reserved_end": slot + timedelta(minutes=minutes or module.minutes) if slot else None,
            "status": status,
            "completed_at": timezone.now() if status == AssignmentStatus.COMPLETED else None,
        },
    )


def _seed_people(context, modules) -> None:
    users = context.users
    today = timezone.localdate()
    leder, veileder, marked = users["leder"], users["veileder"], users["markedskontakt"]
    tomorrow_slot = timezone.make_aware(datetime.combine(today + timedelta(days=1), time(13, 0)))
    # Several states: open with reserved time, due soon, overdue, completed.
    _assign(
        veileder,
        modules["les-det-lokale-arbeidsmarkedet"],
        by=leder,
        due=today + timedelta(days=10),
        minutes=30,
        slot=tomorrow_slot,
    )
    _assign(
        veileder, modules["personvern-i-kontaktloggen"], by=leder, due=today + timedelta(days=1)
    )
    _assign(veileder, modules["lonnstilskudd-i-praksis"], by=leder, due=today - timedelta(days=9))
    _assign(
        marked, modules["forhandling-og-tilrettelegging"], by=leder, due=today + timedelta(days=20)
    )
    _assign(
        marked,
        modules["markedskontaktrollen"],
        by=leder,
        due=today - timedelta(days=30),
        status=AssignmentStatus.COMPLETED,
    )
    Progress.objects.update_or_create(
        user=marked,
        module=modules["markedskontaktrollen"],
        defaults={
            "status": ProgressStatus.COMPLETED,
            "percent": 100,
            "best_score": 100,
            "attempts": 1,
            "completed_at": timezone.now(),
            "completed_version": 1,
        },
    )
    Progress.objects.update_or_create(
        user=veileder,
        module=modules["velkommen-til-nav-kontoret"],
        defaults={"status": ProgressStatus.IN_PROGRESS, "percent": 40},
    )
    _assign(
        users["veileder2"],
        modules["dialog-med-arbeidsgivere"],
        by=users["leder2"],
        due=today + timedelta(days=5),
    )
    services.onboarding_assign(user=veileder)
    year = today.year
    plan, _ = CompetencePlan.objects.update_or_create(
        user=veileder,
        year=year,
        defaults={
            "goals": "Bli trygg i samtaler med arbeidsgivere, og kjenne de ti største "
            "arbeidsgiverne i Risør.",
            "status": PlanStatus.AGREED,
            "agreed_on": today.replace(day=1),
            "manager_comment": "Vi setter av en time hver fredag.",
            "employee_comment": "Jeg vil gjerne være med på flere bedriftsbesøk.",
        },
    )
    PlanActivity.objects.update_or_create(
        plan=plan,
        kind="module",
        module=modules["dialog-med-arbeidsgivere"],
        defaults={"when": today + timedelta(days=30)},
    )
    PlanActivity.objects.update_or_create(
        plan=plan,
        kind="job_fair",
        title="Jobbmessa i Risør",
        defaults={"when": today + timedelta(days=45)},
    )
    for area, level in zip(CompetenceArea.objects.all(), (2, 2, 3), strict=False):
        SelfAssessment.objects.update_or_create(
            user=veileder, area=area, year=year, defaults={"level": level}
        )
    shares = [
        (
            marked,
            modules["dialog-med-arbeidsgivere"],
            "",
            "At arbeidsgivere svarer bedre når vi spør hva de trenger, enn når vi tilbyr noe.",
            "Jeg starter hver telefon med ett åpent spørsmål om behovet deres.",
            Audience.REGION,
        ),
        (
            veileder,
            None,
            "Fagdag om inkludering i Kristiansand",
            "Små tilpasninger i arbeidstid gjorde at to brukere kom i full jobb.",
            "Jeg tar opp arbeidstid tidlig i samtalen med arbeidsgiveren.",
            Audience.OFFICE,
        ),
        (
            users["veileder2"],
            modules["navs-virkemidler-oversikt"],
            "",
            "Mentor er mindre kjent enn lønnstilskudd, men arbeidsgivere liker det.",
            "Jeg nevner mentor i alle samtaler om nyansatte.",
            Audience.EVERYONE,
        ),
    ]
    for author, module, activity, learnt, will_use, audience in shares:
        share, _ = Share.objects.update_or_create(
            author=author,
            learnt=learnt,
            defaults={
                "office": author.office,
                "module": module,
                "activity": activity,
                "will_use": will_use,
                "audience": audience,
            },
        )
        if author == marked:
            ShareComment.objects.get_or_create(
                share=share,
                author=veileder,
                defaults={"text": "Takk! Det prøver jeg i morgen."},
            )
    BestPractice.objects.update_or_create(
        slug="tavlemote-med-arbeidsgiver",
        defaults={
            "title": "Tavlemøte med fast arbeidsgiverinnslag",
            "office": context.offices["NAV Risør"],
            "area": CompetenceArea.objects.get(slug=ARBEIDSLIV),
            "body": "Hver tirsdag forteller markedskontakten om én arbeidsgiver i fem "
            "minutter på tavlemøtet. Veilederne stiller spørsmål, og vi noterer hvem som "
            "kan passe.\n\n- Kort og fast\n- Én arbeidsgiver om gangen\n- Oppfølging neste uke",
            "owner": users["redaktor"],
            "last_reviewed_by": users["redaktor"],
        },
    )
    BestPractice.objects.update_or_create(
        slug="faddere-for-nye-veiledere",
        defaults={
            "title": "Faddere for nye veiledere",
            "office": context.offices["NAV Harstad"],
            "area": CompetenceArea.objects.get(slug=INKLUDERING),
            "body": "Alle nye veiledere får en fadder de første tre månedene, og er med på "
            "minst to bedriftsbesøk før jul.",
            "owner": users["redaktor"],
            "last_reviewed_by": users["redaktor"],
        },
    )
