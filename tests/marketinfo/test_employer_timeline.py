"""The employer page lists the weekly summaries' mentions beside the contacts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from employers.queries import timeline_page
from marketinfo.models import Item
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mention():
    from tests.marketinfo.factories import ItemFactory

    return ItemFactory(title="Fire kantinemedarbeidere nå")


def published(item):
    Item.objects.filter(pk=item.pk).update(published_at=timezone.now())
    item.refresh_from_db()
    return item


def test_a_published_mention_is_on_the_employer_timeline(mention):
    item = published(mention)
    page = timeline_page(item.employer)
    mentions = [i for i in page.items if i.kind == "mention"]
    assert [m.text for m in mentions] == ["Fire kantinemedarbeidere nå"]
    assert mentions[0].url == reverse("marketinfo:summary_detail", args=[item.summary_id])


def test_an_unpublished_mention_is_not(mention):
    Item.objects.filter(pk=mention.pk).update(published_at=None)
    assert all(i.kind != "mention" for i in timeline_page(mention.employer).items)


def test_the_employer_page_links_to_the_summary(client, mention):
    item = published(mention)
    client.force_login(UserFactory())
    response = client.get(reverse("employers:detail", args=[item.employer.organisation_number]))
    assert "Fire kantinemedarbeidere nå" in response.text
    assert reverse("marketinfo:summary_detail", args=[item.summary_id]) in response.text


def test_paging_through_many_mentions_shows_each_once_newest_first(mention):
    from datetime import timedelta

    from employers.queries import TimelineFilter
    from tests.marketinfo.factories import ItemFactory

    employer = mention.employer
    now = timezone.now()
    items = [ItemFactory(employer=employer, summary=mention.summary) for _ in range(11)]
    # Three share a day, so the page breaks inside a day as well as between days.
    for n, item in enumerate([mention, *items]):
        Item.objects.filter(pk=item.pk).update(published_at=now - timedelta(days=n // 3))
    expected = list(
        Item.objects.filter(employer=employer)
        .order_by("-published_at", "-pk")
        .values_list("title", flat=True)
    )
    seen, cursor = [], None
    while True:
        page = timeline_page(employer, cursor=cursor, limit=5)
        seen += [i.text for i in page.items if i.kind == "mention"]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == expected
    assert timeline_page(employer, flt=TimelineFilter(topic="rekruttering")).items == []
    other_office = TimelineFilter(office_id=mention.office_id + 10_000)
    assert timeline_page(employer, flt=other_office).items == []


def test_a_timeline_filtered_by_topic_leaves_the_mentions_out_without_asking_for_them(mention):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from employers.models import Topic
    from employers.queries import TimelineFilter

    item = published(mention)
    with CaptureQueriesContext(connection) as queries:
        page = timeline_page(item.employer, flt=TimelineFilter(topic=Topic.RECRUITMENT))
    assert all(i.kind != "mention" for i in page.items)
    assert Item._meta.db_table not in queries[0]["sql"]
    assert any(i.kind == "mention" for i in timeline_page(item.employer).items)
