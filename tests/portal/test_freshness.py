from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from portal.freshness import Freshness
from portal.models import FreshnessRun, GlossaryTerm, Notification, NotificationKind
from portal.services import freshness_refresh
from tests.factories import GlossaryTermFactory, UserFactory

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
REVIEWED = datetime(2026, 1, 1, 12, 0, tzinfo=OSLO)
INTERVAL = timedelta(days=10)


@pytest.fixture
def term():
    return GlossaryTermFactory(last_reviewed_at=REVIEWED, review_interval=INTERVAL)


def state_at(moment: datetime) -> str:
    GlossaryTerm.objects.refresh_freshness(now=moment)
    return GlossaryTerm.objects.get().freshness


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (REVIEWED + INTERVAL - timedelta(seconds=1), Freshness.FRESH),
        (REVIEWED + INTERVAL, Freshness.REVIEW_DUE),
        (REVIEWED + 2 * INTERVAL - timedelta(seconds=1), Freshness.REVIEW_DUE),
        (REVIEWED + 2 * INTERVAL, Freshness.STALE),
    ],
    ids=["just before due", "due", "just before stale", "stale"],
)
def test_review_state_on_both_sides_of_each_boundary(term, moment, expected):
    assert state_at(moment) == expected


def test_a_reviewed_item_turns_fresh_again(term):
    assert state_at(REVIEWED + 3 * INTERVAL) == Freshness.STALE
    term.refresh_from_db()
    term.mark_reviewed(by=None, now=REVIEWED + 3 * INTERVAL)
    term.save()
    assert state_at(REVIEWED + 3 * INTERVAL + timedelta(days=1)) == Freshness.FRESH


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2026, 3, 10), Freshness.FRESH), (date(2026, 3, 11), Freshness.EXPIRED)],
    ids=["on the expiry date", "the day after"],
)
def test_expiry_date_is_the_last_day_shown(today, expected):
    GlossaryTermFactory(
        expires_on=date(2026, 3, 10),
        last_reviewed_at=datetime(2026, 3, 9, tzinfo=OSLO),
        review_interval=timedelta(days=365),
    )
    # A minute before midnight in Oslo is still that day, even though UTC is already past it.
    moment = datetime.combine(today, datetime.min.time(), tzinfo=OSLO) + timedelta(
        hours=23, minutes=59
    )
    assert state_at(moment) == expected


def test_expired_items_leave_current_views(term):
    GlossaryTermFactory(expires_on=date(2026, 1, 1), last_reviewed_at=REVIEWED)
    GlossaryTerm.objects.refresh_freshness(now=REVIEWED + timedelta(days=2))
    assert list(GlossaryTerm.objects.current()) == [term]


def test_refresh_is_one_update_per_state_whatever_the_number_of_rows():
    for _ in range(25):
        GlossaryTermFactory(last_reviewed_at=REVIEWED, review_interval=INTERVAL)
    with CaptureQueriesContext(connection) as captured:
        GlossaryTerm.objects.refresh_freshness(now=REVIEWED + INTERVAL)
    updates = [q for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == len(Freshness.choices)
    assert GlossaryTerm.objects.filter(freshness=Freshness.REVIEW_DUE).count() == 25


def test_the_task_records_changes_and_tells_each_owner_once():
    owner = UserFactory()
    for _ in range(3):
        GlossaryTermFactory(owner=owner, last_reviewed_at=REVIEWED, review_interval=INTERVAL)

    first = freshness_refresh(now=REVIEWED + INTERVAL)
    second = freshness_refresh(now=REVIEWED + INTERVAL + timedelta(hours=1))

    assert first.changes == {"portal.GlossaryTerm": {"review_due": 3}}
    assert second.changes == {}
    assert FreshnessRun.objects.count() == 2
    notification = Notification.objects.get(recipient=owner)
    assert notification.kind == NotificationKind.REVIEW_DUE
    assert notification.title == "3 innholdselementer du eier bør gjennomgås"


def test_the_page_says_when_and_by_whom_an_item_was_updated():
    editor = UserFactory(first_name="Per", last_name="Haugen")
    with time_machine.travel(REVIEWED + timedelta(days=3), tick=False):
        term = GlossaryTermFactory(last_reviewed_at=REVIEWED, last_reviewed_by=editor)
        html = render_to_string("portal/includes/freshness.html", {"item": term})
    assert "Oppdatert for 3\xa0dager siden av Per Haugen" in html
    assert 'data-color="success"' in html
    assert "Fersk" in html
