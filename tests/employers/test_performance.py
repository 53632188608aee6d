"""Query budgets: pages stay within 10 queries whatever the data size; keyset pagination."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from employers.models import Callback, ContactEntry, PlannedContact
from employers.queries import TimelineFilter, timeline_page
from tests.employers.factories import EmployerFactory
from tests.factories import OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db
BUDGET = 10


def bulk_entries(employer, authors, count: int, start: date = date(2026, 3, 1)) -> None:
    ContactEntry.objects.bulk_create(
        ContactEntry(
            employer=employer,
            author=authors[i % len(authors)],
            office_id=authors[i % len(authors)].office_id,
            contacted_on=start - timedelta(days=i % 700),
            channel="phone",
            topics=["recruitment"] if i % 2 else ["sick_leave", "other"],
            summary=f"Kontakt nummer {i}",
        )
        for i in range(count)
    )


@pytest.fixture
def world(client):
    offices = [OfficeFactory(), OfficeFactory()]
    authors = [UserFactory(office=offices[i % 2]) for i in range(6)]
    viewer = authors[0]
    client.force_login(viewer)
    main = EmployerFactory()
    employer = EmployerFactory(main_unit=main)
    EmployerFactory.create_batch(3, main_unit=main)
    return {"authors": authors, "employer": employer, "viewer": viewer}


def test_the_employer_page_with_5000_entries_renders_within_budget(
    client, world, django_assert_max_num_queries
):
    employer = world["employer"]
    bulk_entries(employer, world["authors"], 5000)
    for i in range(30):
        PlannedContact.objects.create(
            employer=employer,
            author=world["viewer"],
            office_id=world["viewer"].office_id,
            planned_on=date(2026, 4, 1) + timedelta(days=i),
            channel="visit",
            topics=["recruitment"],
        )
        Callback.objects.create(
            employer=employer,
            contact_name="A",
            phone="1",
            topic="recruitment",
            office_id=world["viewer"].office_id,
            taken_by=world["viewer"],
        )
    with django_assert_max_num_queries(BUDGET):
        response = client.get(employer.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="timeline__item') == 25


def test_the_employer_page_query_count_does_not_grow(client, world, django_assert_num_queries_same):
    employer = world["employer"]
    bulk_entries(employer, world["authors"], 3)
    count = django_assert_num_queries_same(
        lambda: client.get(employer.get_absolute_url()),
        lambda: bulk_entries(employer, world["authors"], 2000),
    )
    assert count <= BUDGET


def test_the_log_list_renders_within_budget_and_does_not_grow(
    client, world, django_assert_max_num_queries, django_assert_num_queries_same
):
    others = EmployerFactory.create_batch(5)
    for employer in others:
        bulk_entries(employer, world["authors"], 1000)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("employers:log"), {"tema": "recruitment"})
    assert (
        response.content.decode().count('<tr class="aksel-table__row">') == 27
    )  # header, 25 rows, "show older"
    django_assert_num_queries_same(
        lambda: client.get(reverse("employers:log")),
        lambda: bulk_entries(others[0], world["authors"], 500),
    )


def test_the_timeline_pages_through_everything_once_newest_first(world):
    employer = world["employer"]
    bulk_entries(employer, world["authors"], 60)
    for day in (date(2026, 3, 1), date(2026, 2, 27)):  # ties on a day with entries
        PlannedContact.objects.create(
            employer=employer,
            author=world["viewer"],
            office_id=world["viewer"].office_id,
            planned_on=day,
            channel="visit",
            topics=["other"],
        )
        Callback.objects.create(
            employer=employer,
            contact_name="A",
            phone="1",
            topic="recruitment",
            office_id=world["viewer"].office_id,
            taken_by=world["viewer"],
            received_on=day,
        )
    seen, cursor = [], None
    while True:
        page = timeline_page(employer, cursor=cursor, limit=7)
        seen.extend(page.items)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    keys = [(i.day, i.rank, i.pk) for i in seen]
    assert len(keys) == len(set(keys)) == 64
    assert keys == sorted(keys, reverse=True)


def test_the_timeline_filters_by_topic_and_office(client, world):
    employer = world["employer"]
    bulk_entries(employer, world["authors"], 20)
    office = world["authors"][1].office
    page = timeline_page(employer, flt=TimelineFilter(topic="recruitment", office_id=office.pk))
    assert page.items
    assert all("recruitment" in i.topics and i.office_name == office.name for i in page.items)
    response = client.get(
        employer.get_absolute_url(), {"tema": "sick_leave"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<h1" not in html
    assert "Forebygge sykefravær" in html
    assert "Rekruttering<" not in html


def test_dashboard_panels_cost_one_query_each(rf, world, django_assert_max_num_queries):
    from employers.dashboard import LAZY_PANELS, panels
    from portal.models import Role

    user = world["viewer"]
    user.roles = [Role.MARKET_CONTACT]
    request = rf.get("/")
    request.user = user
    with django_assert_max_num_queries(2):
        result = panels(request) + [lazy for lazy in LAZY_PANELS if lazy.allowed(user)]
    # Log a contact (no query: a form), my follow-ups and the callbacks (loaded after the page).
    assert [p.template.rsplit("/", 1)[1] for p in result] == [
        "quick_log.html",
        "follow_ups.html",
        "callbacks.html",
    ]


def test_another_app_can_add_a_timeline_source_without_extra_queries(client, world, monkeypatch):
    """How an app hooks in (as market-info's mentions do): one more source, declared with
    employers.timeline.source in its timeline.py, read in the same UNION ALL by column name."""
    from employers import timeline
    from portal.registry import declared

    employer = world["employer"]
    bulk_entries(employer, world["authors"], 3)
    # The columns in another order than the employers' own sources: matched by name.
    mentions = timeline.source(
        kind="mention",
        rank=5,
        sql=f"""
            SELECT id AS link_id, 'Nevnt i ukesoppsummeringen' AS text, '' AS state,
                %s AS author_name, '' AS office_name, contacted_on AS day, id AS pk,
                employer_id, office_id, '' AS channel, ARRAY[]::varchar(30)[] AS topics
            FROM {ContactEntry._meta.db_table}
        """,
        params=["Ingrid Solberg"],
        url_name="employers:entry",
    )
    with CaptureQueriesContext(connection) as without:
        first = client.get(employer.get_absolute_url())
    monkeypatch.setattr(timeline, "TIMELINE_SOURCES", (*timeline.TIMELINE_SOURCES, mentions))
    declared.cache_clear()
    try:
        with CaptureQueriesContext(connection) as with_mentions:
            html = client.get(employer.get_absolute_url()).content.decode()
    finally:
        monkeypatch.undo()
        declared.cache_clear()
    assert len(with_mentions.captured_queries) == len(without.captured_queries)
    entry = ContactEntry.objects.filter(employer=employer).first()
    assert "Ukesoppsummering" in html and "Ingrid Solberg" in html
    assert f'href="{reverse("employers:entry", args=[entry.pk])}">Les mer' in html
    assert "Ukesoppsummering" not in first.content.decode()
