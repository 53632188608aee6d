"""The weekly rhythm: one per week, start from last week, publish, schedule, history, order."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from marketinfo import services
from marketinfo.models import Item, ItemKind, Summary, SummaryStatus
from marketinfo.tasks import publish_due_summaries
from portal.freshness import Freshness
from portal.models import NotificationKind, Role
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import (
    EmployerFactory,
    ItemFactory,
    PublishedSummaryFactory,
    SummaryFactory,
)

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Risør", slug="risor")


@pytest.fixture
def market_contact(office):
    return UserFactory(username="mk", office=office, roles=[Role.MARKET_CONTACT.value])


def test_a_second_attempt_at_the_same_week_opens_the_existing_summary(client, market_contact):
    client.force_login(market_contact)
    data = {"scope": "office", "year": 2026, "week": 48}
    first = client.post(reverse("marketinfo:summary_start"), data)
    second = client.post(reverse("marketinfo:summary_start"), data, follow=True)
    assert Summary.objects.count() == 1
    summary = Summary.objects.get()
    assert first.url == reverse("marketinfo:summary_edit", args=[summary.pk])
    assert "Denne uka har allerede en oppsummering" in second.content.decode()


def test_a_week_that_does_not_exist_is_refused_beside_the_field(client, market_contact):
    client.force_login(market_contact)
    response = client.post(
        reverse("marketinfo:summary_start"), {"scope": "office", "year": 2027, "week": 53}
    )
    assert response.status_code == 200
    assert "År 2027 har ingen uke 53" in response.content.decode()
    assert not Summary.objects.exists()


@time_machine.travel(datetime(2026, 11, 25, 12, tzinfo=OSLO))
def test_start_from_last_week_copies_only_current_items(client, market_contact, office):
    last = PublishedSummaryFactory(office=office, year=2026, week=47, headline="Forrige uke")
    ItemFactory(summary=last, title="Fortsatt aktuell", on_date=date(2026, 12, 10))
    ItemFactory(
        summary=last,
        title="Utløpt",
        on_date=date(2026, 11, 20),
        expires_on=date(2026, 11, 20),
        freshness=Freshness.EXPIRED,
    )
    this = SummaryFactory(office=office, year=2026, week=48, headline="", highlight_1="")
    client.force_login(market_contact)
    client.post(reverse("marketinfo:summary_copy", args=[this.pk]))
    titles = list(this.items.values_list("title", flat=True))
    assert titles == ["Fortsatt aktuell"]
    this.refresh_from_db()
    assert this.headline == "Forrige uke"
    assert this.items.get().published_at is None  # a copy in a draft is not published
    assert last.items.count() == 2  # last week keeps its own


def test_publishing_makes_the_items_visible_in_the_feed(client, market_contact, office):
    summary = SummaryFactory(office=office)
    item = ItemFactory(summary=summary, title="Kantinemedarbeider")
    reader = UserFactory(username="veil", office=office)
    client.force_login(reader)
    assert "Kantinemedarbeider" not in client.get(reverse("marketinfo:index")).content.decode()
    client.force_login(market_contact)
    client.post(reverse("marketinfo:summary_publish", args=[summary.pk]))
    item.refresh_from_db()
    assert item.published_at is not None
    client.force_login(reader)
    assert "Kantinemedarbeider" in client.get(reverse("marketinfo:index")).content.decode()


def test_scheduled_summary_publishes_itself_at_the_chosen_time(market_contact, office):
    summary = SummaryFactory(office=office)
    ItemFactory(summary=summary)
    with time_machine.travel(datetime(2026, 11, 23, 7, 0, tzinfo=OSLO)):
        services.summary_schedule(
            summary=summary,
            user=market_contact,
            publish_at=datetime(2026, 11, 23, 8, 0, tzinfo=OSLO),
        )
        publish_due_summaries.delay()
        summary.refresh_from_db()
        assert summary.status == SummaryStatus.SCHEDULED
    with time_machine.travel(datetime(2026, 11, 23, 8, 1, tzinfo=OSLO)):
        assert publish_due_summaries.delay().get() == [summary.pk]
        assert publish_due_summaries.delay().get() == []  # running twice changes nothing
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.PUBLISHED
    assert summary.published_at == datetime(2026, 11, 23, 8, 0, tzinfo=OSLO)
    assert summary.items.get().published_at == summary.published_at


@pytest.mark.parametrize("way", ["button", "schedule"])
def test_the_button_and_the_schedule_publish_alike(
    way, client, market_contact, office, django_capture_on_commit_callbacks
):
    """«Publiser nå» and the scheduled job go through one service: readers find the same."""
    summary = SummaryFactory(office=office, highlight_1="Fire i kantina")
    ItemFactory(summary=summary, title="Kantinemedarbeider")
    reader = UserFactory(username="veil", office=office)
    client.force_login(reader)
    assert "Fire i kantina" not in client.get(reverse("portal:dashboard")).text  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        if way == "button":
            client.force_login(market_contact)
            client.post(reverse("marketinfo:summary_publish", args=[summary.pk]))
        else:
            Summary.objects.filter(pk=summary.pk).update(
                status=SummaryStatus.SCHEDULED, publish_at=timezone.now()
            )
            assert publish_due_summaries.delay().get() == [summary.pk]
    client.force_login(reader)
    assert "Fire i kantina" in client.get(reverse("portal:dashboard")).text
    assert "Kantinemedarbeider" in client.get(reverse("marketinfo:index")).text
    assert "Kantinemedarbeider" in client.get(summary.get_absolute_url()).text
    found = client.get(reverse("portal:search"), {"q": "Kantinemedarbeider"}).text
    assert summary.get_absolute_url() in found
    assert reader.notifications.filter(kind=NotificationKind.SUMMARY_PUBLISHED).count() == 1
    assert [reader.email] in [message.to for message in mail.outbox]
    summary.refresh_from_db()
    assert summary.items.get().published_at == summary.published_at


def test_schedule_in_the_past_is_refused(client, market_contact, office):
    summary = SummaryFactory(office=office)
    client.force_login(market_contact)
    response = client.post(
        reverse("marketinfo:summary_schedule", args=[summary.pk]),
        {"publish_at": "2020-01-01T08:00"},
    )
    assert response.status_code == 400
    assert "Velg et tidspunkt fram i tid" in response.content.decode()
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.DRAFT


def test_editing_a_published_summary_keeps_history_and_says_updated(client, market_contact, office):
    summary = PublishedSummaryFactory(office=office, headline="Gammel overskrift")
    client.force_login(market_contact)
    client.post(
        reverse("marketinfo:summary_edit", args=[summary.pk]),
        {"headline": "Ny overskrift", "highlight_1": summary.highlight_1},
    )
    summary.refresh_from_db()
    assert summary.revised_at is not None
    revision = summary.revisions.get()
    assert revision.before["headline"] == "Gammel overskrift"
    page = client.get(reverse("marketinfo:summary_detail", args=[summary.pk])).content.decode()
    assert "Oppdatert" in page
    assert "Endret: overskrift" in page


def test_editing_a_draft_keeps_no_history(client, market_contact, office):
    summary = SummaryFactory(office=office)
    client.force_login(market_contact)
    client.post(reverse("marketinfo:summary_edit", args=[summary.pk]), {"headline": "Ny"})
    summary.refresh_from_db()
    assert summary.headline == "Ny"
    assert summary.revised_at is None
    assert not summary.revisions.exists()


def test_identity_number_in_a_highlight_is_refused_and_nothing_saved(
    client, market_contact, office
):
    summary = SummaryFactory(office=office, highlight_1="")
    client.force_login(market_contact)
    response = client.post(
        reverse("marketinfo:summary_edit", args=[summary.pk]),
        {"headline": "Ny", "highlight_1": "Ring 01019900041 i dag"},
    )
    text = response.content.decode()
    assert "fødselsnummer" in text
    assert "Ring 01019900041 i dag" in text  # what was typed is kept
    summary.refresh_from_db()
    assert summary.headline == "Mye skjer i bygg"


def test_item_order_is_set_by_the_author(client, market_contact, office):
    summary = SummaryFactory(office=office)
    first = ItemFactory(summary=summary, title="Først", position=0)
    second = ItemFactory(summary=summary, title="Så", position=1)
    client.force_login(market_contact)
    client.post(reverse("marketinfo:item_move", args=[second.pk]), {"direction": "up"})
    assert list(summary.items.values_list("title", flat=True)) == ["Så", "Først"]
    client.post(reverse("marketinfo:item_move", args=[second.pk]), {"direction": "up"})
    assert list(summary.items.values_list("title", flat=True)) == ["Så", "Først"]
    assert first.pk


def test_the_editing_page_lists_items_with_their_buttons_in_few_queries(
    client, market_contact, office, django_assert_max_num_queries
):
    summary = SummaryFactory(office=office)
    employer = EmployerFactory(name="Brønnboring AS")
    first = ItemFactory(summary=summary, title="Kokk <søkes>", position=0, employer=employer)
    last = ItemFactory(summary=summary, title="Snekker", position=1)
    for position in range(2, 30):
        ItemFactory(summary=summary, title=f"Punkt {position}", position=position)
    client.force_login(market_contact)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("marketinfo:summary_edit", args=[summary.pk])).content.decode()
    assert "Kokk &lt;søkes&gt;</strong> – Brønnboring AS" in page
    assert reverse("marketinfo:item_edit", args=[last.pk]) in page
    assert reverse("marketinfo:item_delete", args=[first.pk]) in page
    first_row = page[page.index(f'id="item-{first.pk}"') : page.index(f'id="item-{last.pk}"')]
    assert 'value="down"' in first_row and 'value="up"' not in first_row
    assert page.count('name="csrfmiddlewaretoken"') >= 60


def test_adding_a_vacancy_links_the_employer_and_sets_expiry(client, market_contact, office):
    summary = SummaryFactory(office=office)
    employer = EmployerFactory(name="Brønnboring AS")
    client.force_login(market_contact)
    deadline = date.today() + timedelta(days=10)
    response = client.post(
        reverse("marketinfo:item_create", args=[summary.pk, ItemKind.VACANCY]),
        {
            "organisation_number": employer.organisation_number,
            "title": "Kantinemedarbeider",
            "quantity": "4",
            "on_date": deadline.isoformat(),
        },
    )
    assert response.status_code == 302
    item = Item.objects.get()
    assert item.employer == employer
    assert item.expires_on == deadline
    assert item.region_id == office.region_id
    page = client.get(reverse("marketinfo:summary_detail", args=[summary.pk])).content.decode()
    assert employer.get_absolute_url() in page


def test_unknown_organisation_number_is_explained_and_nothing_saved(client, market_contact, office):
    summary = SummaryFactory(office=office)
    client.force_login(market_contact)
    response = client.post(
        reverse("marketinfo:item_create", args=[summary.pk, ItemKind.VACANCY]),
        {"organisation_number": "974760673", "title": "Kokk", "on_date": "2099-01-01"},
    )
    assert "Ingen arbeidsgiver med dette organisasjonsnummeret" in response.content.decode()
    assert not Item.objects.exists()


def test_adding_an_item_to_a_published_summary_is_in_its_history(client, market_contact, office):
    summary = PublishedSummaryFactory(office=office)
    client.force_login(market_contact)
    client.post(
        reverse("marketinfo:item_create", args=[summary.pk, ItemKind.TREND]),
        {"title": "Flere sesongjobber", "text": "Hotellene ansetter tidlig."},
    )
    item = Item.objects.get()
    assert item.published_at == summary.published_at
    assert "Lagt til: Flere sesongjobber" in summary.revisions.get().changes[0]


def test_a_market_contact_of_harstad_cannot_change_risors_summary(client, office):
    harstad = OfficeFactory(name="NAV Harstad", slug="harstad")
    other = UserFactory(username="mk2", office=harstad, roles=[Role.MARKET_CONTACT.value])
    published = PublishedSummaryFactory(office=office, headline="Risørs egen")
    draft = SummaryFactory(office=office, week=1, headline="Risørs utkast")
    client.force_login(other)
    edit = reverse("marketinfo:summary_edit", args=[published.pk])
    assert client.post(edit, {"headline": "Kapret"}).status_code == 403
    assert client.get(reverse("marketinfo:summary_detail", args=[draft.pk])).status_code == 404
    publish = reverse("marketinfo:summary_publish", args=[draft.pk])
    assert client.post(publish).status_code == 404
    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.headline == "Risørs egen"
    assert draft.status == SummaryStatus.DRAFT


def test_a_market_contact_writes_the_region_summary(client, market_contact, office):
    client.force_login(market_contact)
    client.post(reverse("marketinfo:summary_start"), {"scope": "region", "year": 2026, "week": 48})
    summary = Summary.objects.get()
    assert summary.region == office.region and summary.office is None
    neighbour = OfficeFactory(name="NAV Gjerstad", region=office.region)
    colleague = UserFactory(username="mk3", office=neighbour, roles=[Role.MARKET_CONTACT.value])
    client.force_login(colleague)
    assert client.get(reverse("marketinfo:summary_edit", args=[summary.pk])).status_code == 200
