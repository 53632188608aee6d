"""The fixed structure: the three competence areas and the three journey phases.

Used by the data migration and by the demo seeder (which must recreate them after a
transactional test has flushed the database). Slugs are stable: code and URLs rely on them.
"""

AREAS = [
    (
        "arbeidsliv-og-arbeidsmarked",
        "Arbeidslivet og arbeidsmarkedet",
        "Hvordan arbeidslivet fungerer, og hva som skjer i arbeidsmarkedet lokalt og nasjonalt.",
        1,
    ),
    (
        "navs-virkemidler",
        "NAVs virkemidler for personer og arbeidsgivere",
        "Tiltak, ytelser og tjenester, og når de passer for den enkelte og for arbeidsgiveren.",
        2,
    ),
    (
        "ferdigheter-for-inkludering",
        "Ferdigheter som støtter inkludering",
        "Samtale, motivasjon, forhandling og oppfølging som får folk i jobb og i jobben.",
        3,
    ),
]

PHASES = [
    ("ny-i-nav", "Ny i NAV", 1),
    ("hverdagen", "Hverdagen", 2),
    ("pafyll", "Påfyll", 3),
]


def ensure(area_model, phase_model) -> None:
    for slug, name, description, order in AREAS:
        area_model.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
    for slug, name, order in PHASES:
        phase_model.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})
