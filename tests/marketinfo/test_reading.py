"""Reading: the feed's scopes and filters, «nytt siden sist», dashboard panels, the employer
page's mentions, the network and the role description."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from marketinfo import dashboard
from marketinfo.forms import KIND_FIELDS
from marketinfo.models import Item, ItemKind, MarketContactProfile, ReadingVisit, RoleDescription
from portal.models import Role
from tests.factories import OfficeFactory, RegionFactory, UserFactory
from tests.marketinfo.factories import (
    EmployerFactory,
    ItemFactory,
    PublishedSummaryFactory,
    SummaryFactory,
)

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def offices():
    agder = RegionFactory(name="Agder", slug="agder")
    risor = OfficeFactory(name="NAV Risør", slug="risor", region=agder)
    gjerstad = OfficeFactory(name="NAV Gjerstad", slug="gjerstad", region=agder)
    harstad = OfficeFactory(name="NAV Harstad", slug="harstad")
    return risor, gjerstad, harstad


@pytest.fixture
def feed_items(offices):
    risor, gjerstad, harstad = offices
    ItemFactory(summary=PublishedSummaryFactory(office=risor), title="Kokk i Risør")
    ItemFactory(summary=PublishedSummaryFactory(office=gjerstad), title="Snekker i Gjerstad")
    ItemFactory(
        summary=PublishedSummaryFactory(office=harstad),
        title="Sveiser i Harstad",
        municipality="Harstad",
        employer=EmployerFactory(industry_text="Skipsbygging"),
    )
    ItemFactory(summary=SummaryFactory(office=risor, week=1), title="Utkast i Risør")


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("", {"Kokk i Risør"}, {"Snekker i Gjerstad", "Sveiser i Harstad"}),
        ("?scope=region", {"Kokk i Risør", "Snekker i Gjerstad"}, {"Sveiser i Harstad"}),
        ("?scope=country", {"Kokk i Risør", "Sveiser i Harstad"}, set()),
        ("?scope=country&industry=skip", {"Sveiser i Harstad"}, {"Kokk i Risør"}),
        ("?scope=country&municipality=harstad", {"Sveiser i Harstad"}, {"Kokk i Risør"}),
        ("?scope=country&kind=event", set(), {"Kokk i Risør", "Sveiser i Harstad"}),
    ],
)
def test_feed_scopes_and_filters(client, offices, feed_items, query, shown, hidden):
    client.force_login(UserFactory(office=offices[0]))
    page = client.get(reverse("marketinfo:index") + query).content.decode()
    assert all(title in page for title in shown)
    assert not any(title in page for title in hidden)
    assert "Utkast i Risør" not in page


def test_the_municipality_filter_also_finds_items_by_their_employers_municipality(client, offices):
    risor, _gjerstad, harstad = offices
    ItemFactory(
        summary=PublishedSummaryFactory(office=harstad),
        title="Kranfører hos verftet",
        employer=EmployerFactory(municipality="Harstad"),
    )
    ItemFactory(summary=PublishedSummaryFactory(office=risor), title="Kokk i Risør")
    client.force_login(UserFactory(office=risor))
    page = client.get(reverse("marketinfo:index") + "?scope=country&municipality=HARSTAD")
    assert "Kranfører hos verftet" in page.content.decode()
    assert "Kokk i Risør" not in page.content.decode()


def test_the_htmx_filter_returns_only_the_results(client, offices, feed_items):
    client.force_login(UserFactory(office=offices[0]))
    response = client.get(reverse("marketinfo:index") + "?scope=country", HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert text.lstrip().startswith('<div id="feed-results">')
    assert "Sveiser i Harstad" in text


def test_new_since_last_visit(client, offices):
    reader = UserFactory(office=offices[0])
    url = reverse("marketinfo:index")
    with time_machine.travel(datetime(2026, 11, 23, 8, tzinfo=OSLO)):
        client.force_login(reader)
        ItemFactory(summary=PublishedSummaryFactory(office=offices[0], week=47), title="Gammel")
        page = client.get(url).content.decode()
        # Opening the feed writes nothing; the page, once loaded, posts the visit.
        assert 'hx-post="/marked/lest/" hx-trigger="load"' in page
        assert not ReadingVisit.objects.exists()
        client.post(reverse("marketinfo:reading_visit"), HTTP_HX_REQUEST="true")
    with time_machine.travel(datetime(2026, 11, 30, 8, tzinfo=OSLO)):
        client.force_login(reader)
        ItemFactory(summary=PublishedSummaryFactory(office=offices[0], week=49), title="Fersk")
        page = client.get(url).content.decode()
    assert "1 nytt punkt siden forrige besøk" in page
    fresh = page.index("Fersk")
    assert "Nytt siden sist" in page[fresh - 900 : fresh]


def test_dashboard_panels(offices, django_assert_max_num_queries):
    risor = offices[0]
    contact = UserFactory(office=risor, roles=[Role.MARKET_CONTACT.value])
    summary = PublishedSummaryFactory(office=risor, highlight_1="Fire i kantina")
    ItemFactory(
        summary=summary,
        title="Går ut snart",
        on_date=datetime.now().date() + timedelta(days=1),
        expires_on=datetime.now().date() + timedelta(days=1),
    )
    request = RequestFactory().get("/")
    request.user = contact
    with django_assert_max_num_queries(2):
        panels = dashboard.panels(request)
    html = "".join(render_to_string(p.template, {"panel": p.context}) for p in panels)
    assert "Fire i kantina" in html
    # The week's own summary and what expires load after the page, in two queries.
    lazy = [p.url_name for p in dashboard.LAZY_PANELS if p.allowed(contact)]
    assert lazy == ["marketinfo:panel_rhythm"]
    with django_assert_max_num_queries(2):
        rhythm = render_to_string(
            "marketinfo/panels/rhythm.html", {"panel": dashboard.rhythm_context(contact)}
        )
    assert "Publisert" in rhythm
    assert "Går ut snart" in rhythm


@pytest.mark.parametrize("kind", list(KIND_FIELDS))
def test_every_item_kind_has_a_form(client, offices, kind):
    contact = UserFactory(office=offices[0], roles=[Role.MARKET_CONTACT.value])
    summary = SummaryFactory(office=offices[0])
    client.force_login(contact)
    url = reverse("marketinfo:item_create", args=[summary.pk, kind])
    assert client.get(url).status_code == 200
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Feltet er påkrevet" in response.content.decode()
    assert not Item.objects.exists()


def test_a_key_figure_carries_its_local_reading(client, offices):
    contact = UserFactory(office=offices[0], roles=[Role.MARKET_CONTACT.value])
    summary = PublishedSummaryFactory(office=offices[0])
    client.force_login(contact)
    client.post(
        reverse("marketinfo:item_create", args=[summary.pk, ItemKind.KEY_FIGURE]),
        {
            "title": "Helt ledige",
            "value": "2,1 %",
            "period": "Oktober",
            "source": "NAV",
            "text": "Lavere enn landet.",
        },
    )
    page = client.get(reverse("marketinfo:summary_detail", args=[summary.pk])).content.decode()
    assert "2,1 % – Helt ledige" in page
    assert "Hva det betyr her:" in page


def test_network_lists_market_contacts_by_region_with_industries(client, offices):
    contact = UserFactory(office=offices[0], first_name="Ingrid", roles=[Role.MARKET_CONTACT.value])
    MarketContactProfile.objects.create(user=contact, industries="Reiseliv, bygg")
    UserFactory(office=offices[2], first_name="Advisor", roles=[Role.ADVISOR.value])
    client.force_login(contact)
    page = client.get(reverse("marketinfo:network")).content.decode()
    assert "Agder" in page and "Reiseliv, bygg" in page and "Ingrid" in page
    assert "Advisor" not in page


def test_network_shows_one_region_at_a_time_the_readers_own_first(client, offices):
    risor, _gjerstad, harstad = offices
    UserFactory(
        office=risor, first_name="Sølvi", last_name="Agdersen", roles=[Role.MARKET_CONTACT.value]
    )
    UserFactory(
        office=harstad,
        first_name="Tarje",
        last_name="Nordlending",
        roles=[Role.MARKET_CONTACT.value],
    )
    client.force_login(UserFactory(office=risor, first_name="Leser", last_name="Leser"))
    own = client.get(reverse("marketinfo:network")).content.decode()
    assert "Agdersen" in own and "Nordlending" not in own
    assert f'href="?fylke={harstad.region.slug}"' in own
    other = client.get(reverse("marketinfo:network"), {"fylke": harstad.region.slug})
    assert "Nordlending" in other.content.decode() and "Agdersen" not in other.content.decode()


def test_a_national_editor_writes_the_role_description(client, offices):
    editor = UserFactory(office=offices[0], roles=[Role.EDITOR.value], editor_region=None)
    client.force_login(editor)
    client.post(reverse("marketinfo:role_edit"), {"text": "## Oppgaver\n\n<script>x</script>Ring"})
    assert RoleDescription.objects.get().updated_by == editor
    page = client.get(reverse("marketinfo:role")).content.decode()
    assert "<h2>Oppgaver</h2>" in page
    assert "<script>x</script>" not in page
