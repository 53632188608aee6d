"""The editor's review queue (issue 14, item 7): one definition of "due for review", counted
the same on the dashboard, the editor's desk and the queue; each row can be acted on."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from marketinfo.models import Item, current_iso_week
from portal import cache as portal_cache
from portal.freshness import Freshness
from portal.models import Role
from tests.factories import GlossaryTermFactory, RegionFactory, UserFactory
from tests.learning.factories import ModuleFactory
from tests.marketinfo.factories import ItemFactory, PublishedSummaryFactory

pytestmark = pytest.mark.django_db
LONG_AGO = timedelta(days=400)


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    cache.clear()
    monkeypatch.setattr(portal_cache, "_unavailable_until", 0.0)


@pytest.fixture
def editor():
    return UserFactory(roles=[Role.EDITOR], first_name="Rita", last_name="Redaktør")


def due(factory, **values):
    """Content last reviewed long ago, in the state the hourly beat task gives it."""
    return factory(
        last_reviewed_at=timezone.now() - LONG_AGO, freshness=Freshness.REVIEW_DUE, **values
    )


def last_week():
    monday = timezone.localdate() - timedelta(days=7)
    iso = monday.isocalendar()
    return iso.year, iso.week


@pytest.fixture
def content():
    """Four items of review work, and one item of last week's summary that is archive."""
    owner = UserFactory(roles=[Role.EDITOR])
    year, week = current_iso_week()
    this_week = PublishedSummaryFactory(year=year, week=week)
    old_year, old_week = last_week()
    previous = PublishedSummaryFactory(office=this_week.office, year=old_year, week=old_week)
    return {
        "modules": [due(ModuleFactory, title="Gammel modul 1", owner=owner), due(ModuleFactory)],
        "term": due(GlossaryTermFactory, term="Utdatert begrep"),
        "current_item": due(ItemFactory, summary=this_week, title="Ledig stilling denne uka"),
        "archive_item": due(ItemFactory, summary=previous, title="Forrige ukes stilling"),
    }


def shown_count(html: str, element_id: str) -> int:
    match = re.search(rf'id="{element_id}"[^>]*>\s*(\d+)', html)
    assert match, f"no count in #{element_id}"
    return int(match.group(1))


def test_the_three_review_counts_agree_and_leave_out_the_archive(client, editor, content):
    client.force_login(editor)
    panel = client.get(reverse("portal:panel_editor"), HTTP_HX_REQUEST="true").text
    desk = client.get(reverse("learning:editor")).text
    queue = client.get(reverse("portal:report_review")).text
    counts = {
        "dashboard": shown_count(panel, "panel-review-count"),
        "editor's desk": shown_count(desk, "desk-review-count"),
        "review queue": shown_count(queue, "review-count"),
    }
    assert counts == {"dashboard": 4, "editor's desk": 4, "review queue": 4}
    assert "Ledig stilling denne uka" in queue
    assert "Forrige ukes stilling" not in queue


def test_marking_reviewed_from_the_queue_takes_the_row_out_everywhere(client, editor, content):
    module = content["modules"][0]
    client.force_login(editor)
    assert "Gammel modul 1" in client.get(reverse("portal:report_review")).text
    response = client.post(reverse("portal:review_mark", args=["learning.module", module.pk]))
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.freshness == Freshness.FRESH and module.last_reviewed_by == editor
    queue = client.get(reverse("portal:report_review")).text
    assert "«Gammel modul 1» er merket som gjennomgått" in queue
    assert f'id="review-learning.module-{module.pk}"' not in queue
    assert shown_count(queue, "review-count") == 3
    panel = client.get(reverse("portal:panel_editor"), HTTP_HX_REQUEST="true").text
    assert shown_count(panel, "panel-review-count") == 3


def test_each_row_has_open_mark_reviewed_and_change_owner(client, editor, content):
    client.force_login(editor)
    html = client.get(reverse("portal:report_review")).text
    item = content["current_item"]
    row = re.search(
        rf'<li class="review-row" id="review-marketinfo.item-{item.pk}">.*?</li>', html, re.S
    )
    assert row, "the current week's item has no row"
    row = row.group(0)
    assert f'href="{item.get_absolute_url()}"' in row
    assert reverse("portal:review_mark", args=["marketinfo.item", item.pk]) in row
    assert reverse("portal:review_owner", args=["marketinfo.item", item.pk]) in row
    assert "Merk som gjennomgått" in row and "Bytt eier" in row and "Åpne" in row


def test_a_regional_editor_acts_only_on_their_region(client, content):
    other_region = RegionFactory()
    editor = UserFactory(roles=[Role.EDITOR], editor_region=other_region)
    client.force_login(editor)
    module = content["modules"][0]  # national content
    html = client.get(reverse("portal:report_review")).text
    assert reverse("portal:review_mark", args=["learning.module", module.pk]) not in html
    response = client.post(reverse("portal:review_mark", args=["learning.module", module.pk]))
    assert response.status_code == 404
    module.refresh_from_db()
    assert module.freshness == Freshness.REVIEW_DUE


def test_advisors_cannot_mark_content_reviewed(client, content):
    client.force_login(UserFactory(roles=[Role.ADVISOR]))
    term = content["term"]
    response = client.post(reverse("portal:review_mark", args=["portal.glossaryterm", term.pk]))
    assert response.status_code == 403
    term.refresh_from_db()
    assert term.freshness == Freshness.REVIEW_DUE


def test_marking_reviewed_is_post_only_and_unknown_kinds_are_404(client, editor, content):
    client.force_login(editor)
    term = content["term"]
    url = reverse("portal:review_mark", args=["portal.glossaryterm", term.pk])
    assert client.get(url).status_code == 405
    assert client.post(reverse("portal:review_mark", args=["portal.user", 1])).status_code == 404


def test_changing_the_owner(client, editor, content):
    successor = UserFactory(roles=[Role.EDITOR], first_name="Siri", last_name="Etterfølger")
    term = content["term"]
    url = reverse("portal:review_owner", args=["portal.glossaryterm", term.pk])
    client.force_login(editor)
    refused = client.post(url, {"owner": ""})
    assert 'id="id_owner_error"' in refused.text
    advisor = UserFactory(roles=[Role.ADVISOR])
    refused = client.post(url, {"owner": advisor.pk})
    assert 'id="id_owner_error"' in refused.text
    term.refresh_from_db()
    assert term.owner is None
    response = client.post(url, {"owner": successor.pk})
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.owner == successor


def test_the_queue_reads_a_fixed_number_of_queries(
    client, editor, content, django_assert_max_num_queries
):
    for _ in range(10):
        due(ModuleFactory)
        due(GlossaryTermFactory)
    client.force_login(editor)
    with django_assert_max_num_queries(16):
        client.get(reverse("portal:report_review"))


def test_readers_see_no_review_badge_on_last_weeks_news(client, content):
    archive = content["archive_item"]
    current = content["current_item"]
    reader = UserFactory(roles=[Role.ADVISOR], office=current.summary.office)
    client.force_login(reader)
    old_page = client.get(reverse("marketinfo:summary_detail", args=[archive.summary_id])).text
    assert "Forrige ukes stilling" in old_page
    assert "Bør gjennomgås" not in old_page
    new_page = client.get(reverse("marketinfo:summary_detail", args=[current.summary_id])).text
    assert "Bør gjennomgås" in new_page  # this week's item is still review work
    assert Item.objects.due_for_review().count() == 1
