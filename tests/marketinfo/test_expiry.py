"""Every item expires; expired items leave the feed and the board but stay in the archive."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from marketinfo import services
from marketinfo.models import Item, ItemKind
from portal.freshness import Freshness
from portal.services import freshness_refresh
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import PublishedSummaryFactory

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def summary():
    return PublishedSummaryFactory(office=OfficeFactory(name="NAV Risør", slug="risor"))


def _save(summary, **fields):
    fields.setdefault("title", "Punkt")
    item = Item(summary=summary, **fields)
    return services.item_save(item=item, user=UserFactory())


@time_machine.travel(datetime(2026, 11, 2, 9, tzinfo=OSLO))
def test_expiry_follows_the_deadline_event_date_or_start(summary):
    deadline = date(2026, 11, 20)
    assert _save(summary, kind=ItemKind.VACANCY, on_date=deadline).expires_on == deadline
    assert _save(summary, kind=ItemKind.EVENT, on_date=deadline).expires_on == deadline
    assert _save(summary, kind=ItemKind.PROGRAMME, on_date=deadline).expires_on == deadline


@time_machine.travel(datetime(2026, 11, 2, 9, tzinfo=OSLO))
def test_other_kinds_expire_after_four_weeks_unless_the_author_sets_a_date(summary):
    assert _save(summary, kind=ItemKind.TREND).expires_on == date(2026, 11, 30)
    assert _save(summary, kind=ItemKind.KEY_FIGURE).expires_on == date(2026, 11, 30)
    own = _save(summary, kind=ItemKind.TREND, keep_until=date(2026, 12, 24))
    assert own.expires_on == date(2026, 12, 24)


def test_a_vacancy_is_current_on_its_deadline_and_expired_the_day_after(summary, client):
    with time_machine.travel(datetime(2026, 11, 2, 9, tzinfo=OSLO)):
        item = _save(summary, kind=ItemKind.VACANCY, title="Sveiser", on_date=date(2026, 11, 20))
    reader = UserFactory(office=summary.office)
    client.force_login(reader)
    board = reverse("marketinfo:board", args=[summary.office.slug])
    with time_machine.travel(datetime(2026, 11, 20, 23, 59, tzinfo=OSLO)):
        freshness_refresh()
        item.refresh_from_db()
        assert item.freshness != Freshness.EXPIRED
        assert "Sveiser" in client.get(board).content.decode()
    with time_machine.travel(datetime(2026, 11, 21, 0, 1, tzinfo=OSLO)):
        freshness_refresh()
        item.refresh_from_db()
        assert item.freshness == Freshness.EXPIRED
        assert "Sveiser" not in client.get(board).content.decode()
        assert "Sveiser" not in client.get(reverse("marketinfo:index")).content.decode()
        archive = client.get(reverse("marketinfo:summary_detail", args=[summary.pk]))
        assert "Utløpt (arkiv)" in archive.content.decode()
        assert "Sveiser" in archive.content.decode()


@time_machine.travel(datetime(2026, 11, 2, 9, tzinfo=OSLO))
def test_an_item_saved_with_a_past_date_is_expired_at_once(summary):
    item = _save(summary, kind=ItemKind.EVENT, on_date=date(2026, 11, 1))
    assert item.freshness == Freshness.EXPIRED
    assert not Item.objects.feed().exists()
    assert Item.objects.current().count() == 0
