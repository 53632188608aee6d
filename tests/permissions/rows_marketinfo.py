"""Permission rows of the market information (/marked/).

Drafts and scheduled summaries: only the market contacts of their office (or region) and
administrators; everyone else gets 404. Published summaries: every signed-in user may read;
editing one of another office is 403 (it is visible, but not theirs to change).
"""

from marketinfo.models import BoardKioskLink, FeedToken, ImportBatch
from marketinfo.services import board_kiosk_link_renew
from tests.marketinfo.factories import ItemFactory, PublishedSummaryFactory, SummaryFactory
from tests.permissions.matrix import Row, expect, only

WRITERS = ("market_contact", "admin")
ALL_MARKET_CONTACTS = ("market_contact", "market_contact_other", "admin")
# The feed's filter form and its cursor to older items.
FEED_FILTERS = ("scope", "kind", "industry", "municipality", "etter")


def build(world):
    home = world.offices["home"]
    world.objects["draft"] = SummaryFactory(office=home, week=10, year=2026)
    world.objects["region_draft"] = SummaryFactory(
        office=None, region=world.regions["home"], week=10, year=2026
    )
    world.objects["published"] = PublishedSummaryFactory(office=home, week=9, year=2026)
    world.objects["draft_item"] = ItemFactory(summary=world.objects["draft"])
    world.objects["published_item"] = ItemFactory(summary=world.objects["published"])
    world.objects["published_item_2"] = ItemFactory(summary=world.objects["published"])
    world.objects["batch"] = ImportBatch.objects.create(
        summary=world.objects["draft"],
        user=world.users["market_contact"],
        filename="ark.csv",
        rows=[],
    )
    world.objects["feed_token"] = FeedToken.objects.create(user=world.users["advisor"]).token
    # A screen link that has been renewed: the old token must open nothing.
    world.objects["old_screen_token"] = BoardKioskLink.objects.create(office=home).token
    board_kiosk_link_renew(office=home, user=world.users["manager"])


def screen_token(world) -> str:
    """The office's current screen link (read at request time: a renew row changes it)."""
    return BoardKioskLink.objects.get(office=world.offices["home"]).token


ROWS = [
    Row("marketinfo:index", expect(200), params=FEED_FILTERS),
    Row(
        "marketinfo:index",
        expect(200),
        htmx=True,
        query="scope=country&kind=vacancy",
        params=FEED_FILTERS,
    ),
    Row("marketinfo:reading_visit", expect(204), method="post", htmx=True),
    # Where the vacancies are: each user's own office and region, chosen by the user's office.
    Row("marketinfo:vacancy_map", expect(200), params=("omrade", "uker")),
    Row(
        "marketinfo:vacancy_map",
        expect(200),
        htmx=True,
        query="omrade=region&uker=52",
        params=("omrade", "uker"),
    ),
    Row("marketinfo:summary_start", only(200, ALL_MARKET_CONTACTS)),
    Row("marketinfo:panel_rhythm", only(200, ALL_MARKET_CONTACTS), htmx=True),
    Row(
        "marketinfo:summary_detail",
        only(200, WRITERS, refused=404),
        args=lambda w: [w.draft.pk],
        note="draft",
    ),
    Row(
        "marketinfo:summary_detail",
        only(200, WRITERS, refused=404),
        args=lambda w: [w.region_draft.pk],
        note="region draft",
    ),
    Row(
        "marketinfo:summary_detail", expect(200), args=lambda w: [w.published.pk], note="published"
    ),
    Row(
        "marketinfo:summary_edit",
        only(200, WRITERS, refused=404),
        args=lambda w: [w.draft.pk],
        note="draft",
    ),
    Row(
        "marketinfo:summary_edit",
        only(200, WRITERS),
        args=lambda w: [w.published.pk],
        note="published: visible, so 403",
    ),
    Row(
        "marketinfo:summary_copy",
        only(302, WRITERS, refused=404),
        args=lambda w: [w.draft.pk],
        method="post",
    ),
    Row(
        "marketinfo:summary_publish",
        only(302, WRITERS),
        args=lambda w: [w.published.pk],
        method="post",
        note="already published",
    ),
    Row(
        "marketinfo:summary_schedule",
        only(302, WRITERS, refused=404),
        args=lambda w: [w.draft.pk],
        method="post",
        data=lambda w: {"publish_at": "2099-01-04T08:00"},
    ),
    Row(
        "marketinfo:summary_unschedule",
        only(302, WRITERS, refused=404),
        args=lambda w: [w.draft.pk],
        method="post",
    ),
    Row(
        "marketinfo:item_create",
        only(200, WRITERS, refused=404),
        args=lambda w: [w.draft.pk, "vacancy"],
    ),
    Row(
        "marketinfo:item_create",
        only(200, WRITERS),
        args=lambda w: [w.published.pk, "event"],
        note="published",
    ),
    Row("marketinfo:import_upload", only(200, WRITERS, refused=404), args=lambda w: [w.draft.pk]),
    Row(
        "marketinfo:item_edit",
        only(200, WRITERS, refused=404),
        args=lambda w: [w.draft_item.pk],
        note="draft",
    ),
    Row(
        "marketinfo:item_edit",
        only(200, WRITERS),
        args=lambda w: [w.published_item.pk],
        note="published",
    ),
    Row(
        "marketinfo:item_move",
        only(302, WRITERS),
        args=lambda w: [w.published_item.pk],
        method="post",
        data=lambda w: {"direction": "down"},
    ),
    Row(
        "marketinfo:item_confirm",
        only(302, WRITERS),
        args=lambda w: [w.published_item.pk],
        method="post",
    ),
    Row(
        "marketinfo:item_confirm",
        only(302, WRITERS, refused=404),
        args=lambda w: [w.draft_item.pk],
        method="post",
        note="in a draft",
    ),
    Row(
        "marketinfo:summary_confirm_items",
        only(302, WRITERS),
        args=lambda w: [w.published.pk],
        method="post",
    ),
    Row(
        "marketinfo:summary_confirm_items",
        only(302, WRITERS, refused=404),
        args=lambda w: [w.draft.pk],
        method="post",
        note="draft",
    ),
    Row(
        "marketinfo:item_delete",
        only(302, ("market_contact",), refused=404),
        args=lambda w: [w.draft_item.pk],
        method="post",
        note="the market contact deletes it, so the admin then finds nothing",
    ),
    Row("marketinfo:import_template", only(200, ALL_MARKET_CONTACTS), params=("format",)),
    Row(
        "marketinfo:import_preview",
        only(200, ("market_contact",), refused=404),
        args=lambda w: [w.batch.token],
        note="only the uploader's own batch",
    ),
    Row("marketinfo:board", expect(200), args=lambda w: [w.offices["home"].slug]),
    Row("marketinfo:board", expect(200), args=lambda w: [w.offices["home"].slug], htmx=True),
    Row("marketinfo:board_screen", expect(200), args=lambda w: [w.offices["home"].slug]),
    Row(
        "marketinfo:board_kiosk",
        expect(200, anonymous=200),
        args=lambda w: [w.offices["home"].slug, screen_token(w)],
        note="the office's secret screen link, no session needed",
    ),
    Row(
        "marketinfo:board_kiosk",
        expect(200, anonymous=200),
        args=lambda w: [w.offices["home"].slug, screen_token(w)],
        htmx=True,
        note="the screen's refresh",
    ),
    Row(
        "marketinfo:board_kiosk",
        expect(404, anonymous=404),
        args=lambda w: [w.offices["home"].slug, w.old_screen_token],
        note="a renewed (old) screen link",
    ),
    Row(
        "marketinfo:board_kiosk",
        expect(404, anonymous=404),
        args=lambda w: [w.offices["home"].slug, "wrong-token"],
        note="wrong token",
    ),
    Row(
        "marketinfo:board_kiosk_renew",
        only(302, ("manager", "market_contact", "admin")),
        args=lambda w: [w.offices["home"].slug],
        method="post",
        note="the office's managers and market contacts; another office's are refused",
    ),
    Row("marketinfo:subscriptions", expect(200)),
    Row("marketinfo:subscriptions_renew", expect(302), method="post"),
    Row(
        "marketinfo:atom_feed",
        expect(200, anonymous=200),
        args=lambda w: [w.feed_token, "kontor", w.offices["home"].slug],
        note="valid secret link, no session needed",
    ),
    Row(
        "marketinfo:atom_feed",
        expect(404, anonymous=404),
        args=lambda w: ["wrong-token", "region", w.regions["home"].slug],
        note="wrong token",
    ),
    Row(
        "marketinfo:calendar",
        expect(200, anonymous=200),
        args=lambda w: [w.feed_token, "region", w.regions["home"].slug],
        note="valid secret link",
    ),
    Row(
        "marketinfo:calendar",
        expect(404, anonymous=404),
        args=lambda w: ["wrong-token", "kontor", w.offices["home"].slug],
        note="wrong token",
    ),
    Row("marketinfo:network", expect(200), params=("fylke",)),
    Row("marketinfo:profile_edit", only(200, ("market_contact", "market_contact_other"))),
    Row("marketinfo:role", expect(200)),
    Row(
        "marketinfo:role_edit",
        only(200, ("admin",)),
        note="national content: national editors and admins; the world's editors are regional",
    ),
]
