from tests.factories import GlossaryTermFactory
from tests.permissions.matrix import Row, expect


def build(world):
    world.objects["term"] = GlossaryTermFactory(term="Tiltak", slug="tiltak")


ROWS = [
    Row("portal:dashboard", expect(200)),
    Row("portal:login", expect(302, anonymous=200), note="signed-in users are sent on"),
    Row("portal:logout", expect(302, anonymous=302), method="post"),
    Row("portal:logout", expect(405, anonymous=405), note="only by POST"),
    Row("portal:account_settings", expect(200)),
    Row("portal:glossary", expect(200)),
    Row("portal:search", expect(200), query="q=tiltak"),
    Row(
        "portal:feedback",
        expect(404),
        args=lambda w: ["portal.glossaryterm", w.term.pk],
        method="post",
        data=lambda w: {"useful": "yes"},
        note="a model that takes no feedback",
    ),
    Row("isalive", expect(200, anonymous=200)),
    Row("isready", expect(200, anonymous=200)),
]
