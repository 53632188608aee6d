from portal.models import Notification, NotificationKind
from tests.factories import GlossaryTermFactory
from tests.learning.factories import ModuleFactory
from tests.permissions.matrix import Row, expect, only


def build(world):
    world.objects["term"] = GlossaryTermFactory(term="Tiltak", slug="tiltak")
    world.objects["home_module"] = ModuleFactory(
        slug="modul-gjennomgang", title="Modul i Agder", region=world.regions["home"]
    )
    world.objects["notification"] = Notification.objects.create(
        recipient=world.users["advisor"],
        kind=NotificationKind.ASSIGNMENT_GIVEN,
        title="Ny oppgave",
        dedup_key="matrix",
        url="/laering/",
    )


ROWS = [
    Row("portal:dashboard", expect(200)),
    Row(
        "portal:login",
        expect(302, anonymous=200),
        note="signed-in users are sent on",
        params=("next",),
    ),
    Row(
        "portal:admin_login",
        expect(200, anonymous=200, admin=302),
        note="Django admin's login, behind the portal's limits; staff are sent on",
        params=("next",),
    ),
    Row("portal:logout", expect(302, anonymous=302), method="post", params=("next",)),
    Row("portal:logout", expect(405, anonymous=405), note="only by POST"),
    Row("portal:account_settings", expect(200)),
    Row("portal:glossary", expect(200)),
    Row("portal:search", expect(200), query="q=tiltak", params=("q", "type", "page")),
    Row(
        "portal:feedback",
        expect(404),
        args=lambda w: ["portal.glossaryterm", w.term.pk],
        method="post",
        data=lambda w: {"useful": "yes"},
        note="a model that takes no feedback",
    ),
    Row("portal:notifications", expect(200), params=("for",)),
    Row("portal:notification_count", expect(200), htmx=True),
    Row("portal:notifications_read_all", expect(302), method="post"),
    Row(
        "portal:notification_open",
        expect(404, advisor=302),
        args=lambda w: [w.notification.pk],
        note="only the recipient",
    ),
    Row(
        "portal:notification_open",
        expect(404, advisor=302),
        args=lambda w: [w.notification.pk],
        method="post",
        note="only the recipient; marks it read",
    ),
    Row("portal:panel_notifications", expect(200), htmx=True),
    Row("portal:panel_editor", only(200, ("editor", "editor_other", "admin")), htmx=True),
    Row("portal:report_usage", only(200, ("editor", "editor_other", "admin"))),
    Row("portal:report_review", only(200, ("editor", "editor_other", "admin"))),
    Row(
        "portal:review_mark",
        only(302, ("editor", "admin")) | {"editor_other": 404},
        args=lambda w: ["learning.module", w.home_module.pk],
        method="post",
        note="content of the editor's region; another region's editor gets 404",
    ),
    Row(
        "portal:review_mark",
        only(302, ("admin",)) | {"editor": 404, "editor_other": 404},
        args=lambda w: ["portal.glossaryterm", w.term.pk],
        method="post",
        note="national content: national editors only (both world editors are regional)",
    ),
    Row(
        "portal:review_owner",
        only(200, ("editor", "admin")) | {"editor_other": 404},
        args=lambda w: ["learning.module", w.home_module.pk],
    ),
    Row(
        "portal:review_owner",
        only(302, ("editor", "admin")) | {"editor_other": 404},
        args=lambda w: ["learning.module", w.home_module.pk],
        method="post",
        data=lambda w: {"owner": w.users["editor"].pk},
    ),
    Row(
        "portal:review_owner",
        only(200, ("admin",)) | {"editor": 404, "editor_other": 404},
        args=lambda w: ["portal.glossaryterm", w.term.pk],
        note="national content: national editors only (both world editors are regional)",
    ),
    Row(
        "portal:report_export",
        only(200, ("editor", "editor_other", "admin")),
        args=lambda w: ["csv"],
    ),
    Row(
        "portal:figures_office",
        only(200, ("manager", "admin"), refused=404),
        args=lambda w: [w.offices["home"].pk],
        note="the office's managers and administrators",
    ),
    Row(
        "portal:figures_office",
        only(200, ("manager_other", "admin"), refused=404),
        args=lambda w: [w.offices["other"].pk],
        note="another office: its own managers",
    ),
    Row(
        "portal:figures_office_xlsx",
        only(200, ("manager", "admin"), refused=404),
        args=lambda w: [w.offices["home"].pk],
    ),
    Row(
        "portal:figures_region",
        only(200, ("manager", "admin"), refused=404),
        args=lambda w: [w.regions["home"].pk],
        note="managers of the region's offices and administrators",
    ),
    Row(
        "portal:figures_region",
        only(200, ("manager_other", "admin"), refused=404),
        args=lambda w: [w.regions["other"].pk],
        note="another region: its offices' managers",
    ),
    Row(
        "portal:figures_region_xlsx",
        only(200, ("manager", "admin"), refused=404),
        args=lambda w: [w.regions["home"].pk],
    ),
    Row("portal:accessibility", expect(200, anonymous=200)),
    Row("isalive", expect(200, anonymous=200)),
    Row("isready", expect(200, anonymous=200)),
]
