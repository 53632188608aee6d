"""Nothing typed is lost: the editing page's other buttons save the text first, and items copied
from last week wait for the author to confirm that they still hold."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from marketinfo.models import Item, SummaryStatus
from portal.freshness import Freshness
from portal.models import Role
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import ItemFactory, PublishedSummaryFactory, SummaryFactory

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")
TEXT = {
    "headline": "Ny overskrift",
    "highlight_1": "Ny første",
    "highlight_2": "",
    "highlight_3": "",
}


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Risør", slug="risor")


@pytest.fixture
def market_contact(office):
    return UserFactory(username="mk", office=office, roles=[Role.MARKET_CONTACT.value])


def test_publish_now_publishes_the_headline_just_typed(client, market_contact, office):
    summary = SummaryFactory(office=office, headline="Forrige ukes overskrift")
    client.force_login(market_contact)
    client.post(reverse("marketinfo:summary_publish", args=[summary.pk]), TEXT)
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.PUBLISHED
    assert summary.headline == "Ny overskrift"
    assert summary.highlight_1 == "Ny første"


def test_a_text_that_does_not_validate_is_not_published(client, market_contact, office):
    summary = SummaryFactory(office=office, headline="Gammel")
    client.force_login(market_contact)
    response = client.post(
        reverse("marketinfo:summary_publish", args=[summary.pk]),
        {**TEXT, "highlight_1": "Ring 01019900041 i dag"},  # a national identity number
    )
    assert response.status_code == 400
    assert "Ring 01019900041 i dag" in response.text  # kept in the field, with its error
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.DRAFT
    assert summary.headline == "Gammel"


def test_scheduling_and_starting_from_last_week_keep_the_text(client, market_contact, office):
    PublishedSummaryFactory(office=office, year=2026, week=47, headline="Forrige uke")
    summary = SummaryFactory(office=office, year=2026, week=48, headline="")
    client.force_login(market_contact)
    client.post(reverse("marketinfo:summary_copy", args=[summary.pk]), TEXT)
    summary.refresh_from_db()
    assert summary.headline == "Ny overskrift"  # not replaced by last week's
    later = timezone.localtime() + timedelta(days=1)
    client.post(
        reverse("marketinfo:summary_schedule", args=[summary.pk]),
        {**TEXT, "headline": "Planlagt overskrift", "publish_at": f"{later:%Y-%m-%dT%H:%M}"},
    )
    summary.refresh_from_db()
    assert (summary.status, summary.headline) == (SummaryStatus.SCHEDULED, "Planlagt overskrift")


def test_every_action_button_on_the_editing_page_sends_the_text(client, market_contact, office):
    PublishedSummaryFactory(office=office, year=2026, week=47)
    summary = SummaryFactory(office=office, year=2026, week=48)
    client.force_login(market_contact)
    page = client.get(reverse("marketinfo:summary_edit", args=[summary.pk])).text
    for name in ("summary_publish", "summary_schedule", "summary_copy"):
        action = reverse(f"marketinfo:{name}", args=[summary.pk])
        assert f'form="summary-text" formaction="{action}"' in page
    assert 'id="summary-text"' in page and "data-warn-unsaved" in page
    assert 'src="/static/js/unsaved.js" nonce="' in page


@time_machine.travel(datetime(2026, 11, 25, 12, tzinfo=OSLO))
def test_copied_items_wait_for_confirmation_and_keep_last_weeks_review(
    client, market_contact, office
):
    last = PublishedSummaryFactory(office=office, year=2026, week=47)
    reviewed = datetime(2026, 11, 18, 9, tzinfo=OSLO)
    ItemFactory(summary=last, title="Kokk", on_date=date(2026, 12, 10), last_reviewed_at=reviewed)
    this = SummaryFactory(office=office, year=2026, week=48)
    client.force_login(market_contact)
    client.post(reverse("marketinfo:summary_copy", args=[this.pk]))
    copy = this.items.get()
    assert copy.needs_confirmation
    assert copy.last_reviewed_at == reviewed  # not «updated 0 minutes ago»
    page = client.get(reverse("marketinfo:summary_edit", args=[this.pk])).text
    assert "Bekreft at dette fortsatt gjelder" in page
    assert reverse("marketinfo:item_confirm", args=[copy.pk]) in page


@time_machine.travel(datetime(2026, 11, 25, 12, tzinfo=OSLO), tick=False)
def test_confirming_one_item_is_one_click(client, market_contact, office):
    summary = SummaryFactory(office=office, year=2026, week=48)
    first = ItemFactory(summary=summary, needs_confirmation=True, freshness=Freshness.REVIEW_DUE)
    second = ItemFactory(summary=summary, needs_confirmation=True)
    client.force_login(market_contact)
    response = client.post(reverse("marketinfo:item_confirm", args=[first.pk]), TEXT)
    assert response.status_code == 302
    first.refresh_from_db()
    assert not first.needs_confirmation
    assert first.freshness == Freshness.FRESH
    assert first.last_reviewed_by == market_contact
    assert first.last_reviewed_at == timezone.now()
    assert Item.objects.get(pk=second.pk).needs_confirmation  # only the one clicked
    summary.refresh_from_db()
    assert summary.headline == "Ny overskrift"  # the text went along and was saved


def test_confirming_all_is_one_click_and_leaves_expired_items_expired(
    client, market_contact, office
):
    summary = SummaryFactory(office=office)
    ItemFactory.create_batch(3, summary=summary, needs_confirmation=True)
    expired = ItemFactory(summary=summary, needs_confirmation=True, freshness=Freshness.EXPIRED)
    other = ItemFactory(needs_confirmation=True)  # another summary's
    client.force_login(market_contact)
    response = client.post(
        reverse("marketinfo:summary_confirm_items", args=[summary.pk]), follow=True
    )
    assert "4 punkter er bekreftet som fortsatt aktuelle" in response.text
    assert not summary.items.filter(needs_confirmation=True).exists()
    assert Item.objects.get(pk=expired.pk).freshness == Freshness.EXPIRED
    assert Item.objects.get(pk=other.pk).needs_confirmation


def test_editing_a_copied_item_confirms_it(client, market_contact, office):
    summary = SummaryFactory(office=office)
    item = ItemFactory(summary=summary, needs_confirmation=True, title="Kokk")
    client.force_login(market_contact)
    form = client.get(reverse("marketinfo:item_edit", args=[item.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["organisation_number"] = item.employer.organisation_number
    data["on_date"] = item.on_date.isoformat()
    data["title"] = "Kokk, fast"
    response = client.post(reverse("marketinfo:item_edit", args=[item.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert not Item.objects.get(pk=item.pk).needs_confirmation


def test_a_market_contact_of_another_office_cannot_confirm(client, office):
    item = ItemFactory(summary=SummaryFactory(office=office), needs_confirmation=True)
    stranger = UserFactory(office=OfficeFactory(), roles=[Role.MARKET_CONTACT.value])
    client.force_login(stranger)
    assert client.post(reverse("marketinfo:item_confirm", args=[item.pk])).status_code == 404
    assert Item.objects.get(pk=item.pk).needs_confirmation


def test_a_refused_schedule_saves_nothing_and_keeps_what_was_typed(client, market_contact, office):
    summary = SummaryFactory(office=office, headline="Gammel")
    client.force_login(market_contact)
    response = client.post(
        reverse("marketinfo:summary_schedule", args=[summary.pk]),
        {**TEXT, "publish_at": "2020-01-01T09:00"},
    )
    assert response.status_code == 400
    assert "Velg et tidspunkt fram i tid" in response.text
    assert 'value="Ny overskrift"' in response.text  # still in the field, not lost
    summary.refresh_from_db()
    assert (summary.headline, summary.status) == ("Gammel", SummaryStatus.DRAFT)
