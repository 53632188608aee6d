"""The office's and the region's monthly figures: what the page and its XLSX show from
MonthFigure's rows, who may open them, and what they cost in queries."""

import io
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from portal.figures import last_months
from portal.models import AuditEvent, Figure, Role
from tests.factories import MonthFigureFactory, OfficeFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 16)
MONTHS = last_months(TODAY)  # April 2025 … March 2026


@pytest.fixture(autouse=True)
def march_2026():
    with time_machine.travel(datetime(2026, 3, 16, 10, tzinfo=timezone.get_default_timezone())):
        yield


@pytest.fixture
def region():
    return RegionFactory(name="Agder", slug="agder")


@pytest.fixture
def office(region):
    return OfficeFactory(name="NAV Risør", slug="risor", region=region)


@pytest.fixture
def neighbour(region):
    return OfficeFactory(name="NAV Arendal", slug="arendal", region=region)


@pytest.fixture
def manager(office):
    return UserFactory(username="leder", office=office, roles=[Role.MANAGER])


def series_of(response, figure):
    return next(s for s in response.context["figures"].series if s.figure == figure)


def office_page(client, office):
    return client.get(reverse("portal:figures_office", args=[office.pk]))


def region_page(client, region):
    return client.get(reverse("portal:figures_region", args=[region.pk]))


def test_the_window_is_the_last_twelve_months_with_the_current_one():
    assert (MONTHS[0], MONTHS[-1], len(MONTHS)) == (date(2025, 4, 1), date(2026, 3, 1), 12)


def test_an_office_page_shows_each_months_share_and_a_dash_for_months_without_figures(
    client, office, manager
):
    MonthFigureFactory(office=office, month=date(2026, 2, 1), count=3, total=4)
    MonthFigureFactory(office=office, month=date(2026, 3, 1), count=0, total=5)
    client.force_login(manager)
    response = office_page(client, office)
    assert response.status_code == 200
    series = series_of(response, Figure.MANDATORY_ON_TIME)
    shown = {m.month: (m.count_text, m.total_text, m.percent_text) for m in series.months}
    assert shown[date(2026, 2, 1)] == ("3", "4", "75 %")
    assert shown[date(2026, 3, 1)] == ("0", "5", "0 %")  # counted, and none on time
    assert shown[date(2026, 1, 1)] == ("–", "–", "–")  # nothing counted
    assert [bar.text for bar in series.bars][-3:] == ["–", "75", "0"]
    html = response.text
    assert '<td class="aksel-table__data-cell">75 %</td>' in html
    assert 'role="img"' in html and "<caption" in html


def test_a_figure_with_no_total_has_no_share(client, office, manager):
    MonthFigureFactory(
        office=office, month=date(2026, 3, 1), figure=Figure.CALLBACKS_ON_TIME, count=0, total=0
    )
    client.force_login(manager)
    [march] = series_of(office_page(client, office), Figure.CALLBACKS_ON_TIME).months[-1:]
    assert (march.count_text, march.total_text, march.percent_text) == ("0", "0", "–")


def test_learning_time_is_shown_in_hours_and_minutes_and_may_pass_a_hundred_percent(
    client, office, manager
):
    MonthFigureFactory(
        office=office, month=date(2026, 3, 1), figure=Figure.LEARNING_MINUTES, count=90, total=60
    )
    client.force_login(manager)
    series = series_of(office_page(client, office), Figure.LEARNING_MINUTES)
    march = series.months[-1]
    assert (march.count_text, march.total_text, march.percent_text) == ("1:30", "1:00", "150 %")
    assert series.scale == 150  # the chart grows to hold the bar
    assert series.bars[-1].y == 16  # the top of the plot


def test_rows_outside_the_twelve_months_are_left_out(client, office, manager):
    MonthFigureFactory(office=office, month=date(2025, 3, 1), count=1, total=1)  # 12 months back
    MonthFigureFactory(office=office, month=date(2025, 4, 1), count=2, total=2)
    client.force_login(manager)
    response = office_page(client, office)
    series = series_of(response, Figure.MANDATORY_ON_TIME)
    assert [m.count for m in series.months if m.count is not None] == [2]
    assert series.months[0].month == date(2025, 4, 1)


def test_contacts_by_topic_per_month_with_each_topics_total(client, office, manager):
    contacts = {"figure": Figure.CONTACTS_BY_TOPIC, "office": office, "total": 0}
    MonthFigureFactory(month=date(2026, 2, 1), part="recruitment", count=4, **contacts)
    MonthFigureFactory(month=date(2026, 3, 1), part="recruitment", count=1, **contacts)
    MonthFigureFactory(month=date(2026, 3, 1), part="sick_leave", count=2, **contacts)
    client.force_login(manager)
    response = office_page(client, office)
    series = series_of(response, Figure.CONTACTS_BY_TOPIC)
    assert [(t.label, t.count) for t in series.topics] == [
        ("Rekruttering", 5),
        ("Forebygge sykefravær / IA", 2),
    ]
    february, march = series.months[-2:]
    assert (february.cells, february.total_text) == (["4", "0"], "4")
    assert (march.cells, march.total_text) == (["1", "2"], "3")
    assert (series.months[0].cells, series.months[0].total_text) == (["–", "–"], "–")
    assert series.topics[0].width > series.topics[1].width


def test_the_region_page_sums_its_offices_and_its_own_rows(
    client, region, office, neighbour, manager
):
    march = date(2026, 3, 1)
    MonthFigureFactory(office=office, month=march, figure=Figure.SUMMARY_ON_TIME, count=3, total=4)
    MonthFigureFactory(
        office=neighbour, month=march, figure=Figure.SUMMARY_ON_TIME, count=1, total=4
    )
    MonthFigureFactory(
        office=None, region=region, month=march, figure=Figure.SUMMARY_ON_TIME, count=4, total=4
    )
    MonthFigureFactory(month=march, figure=Figure.SUMMARY_ON_TIME, count=9, total=9)  # elsewhere
    client.force_login(manager)
    summed = series_of(region_page(client, region), Figure.SUMMARY_ON_TIME).months[-1]
    assert (summed.count, summed.total, summed.percent) == (8, 12, 67)
    own = series_of(office_page(client, office), Figure.SUMMARY_ON_TIME).months[-1]
    assert (own.count, own.total) == (3, 4)


def test_the_page_says_when_the_figures_were_computed(client, office, manager):
    newest = timezone.make_aware(datetime(2026, 3, 16, 9, 5))
    MonthFigureFactory(office=office, month=date(2026, 2, 1), computed_at=newest.replace(hour=2))
    MonthFigureFactory(office=office, month=date(2026, 3, 1), computed_at=newest)
    client.force_login(manager)
    response = office_page(client, office)
    assert response.context["figures"].computed_at == newest
    assert "16. mars 2026" in response.text


def test_without_rows_the_page_says_the_figures_are_not_computed(client, office, manager):
    client.force_login(manager)
    response = office_page(client, office)
    assert response.context["figures"].computed_at is None
    assert "Tallene er ikke beregnet ennå." in response.text
    assert "Ingen kontakter med arbeidsgivere ble logget i perioden." in response.text


def test_the_office_page_links_to_its_regions_page_and_the_excel_file(client, office, manager):
    client.force_login(manager)
    html = office_page(client, office).text
    assert reverse("portal:figures_region", args=[office.region_id]) in html
    assert reverse("portal:figures_office_xlsx", args=[office.pk]) in html


def test_the_office_learning_overview_and_the_dashboard_panel_link_to_the_page(
    client, office, manager
):
    client.force_login(manager)
    url = reverse("portal:figures_office", args=[office.pk])
    assert url in client.get(reverse("learning:office", args=[office.slug])).text
    panel = client.get(reverse("learning:panel_office"), HTTP_HX_REQUEST="true")
    assert url in panel.text


def test_the_xlsx_holds_a_row_per_figure_month_and_topic_and_is_audited(client, office, manager):
    MonthFigureFactory(office=office, month=date(2026, 3, 1), count=3, total=4)
    MonthFigureFactory(
        office=office,
        month=date(2026, 3, 1),
        figure=Figure.CONTACTS_BY_TOPIC,
        part="recruitment",
        count=7,
        total=0,
    )
    client.force_login(manager)
    response = client.get(reverse("portal:figures_office_xlsx", args=[office.pk]))
    assert response.status_code == 200
    assert 'filename="tall-risor.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Tall", "Måned", "Tema", "Antall", "Av", "Andel (%)"]
    on_time = Figure.MANDATORY_ON_TIME.label
    assert [on_time, datetime(2026, 3, 1), None, 3, 4, 75] in rows
    assert [
        Figure.CONTACTS_BY_TOPIC.label,
        datetime(2026, 3, 1),
        "Rekruttering",
        7,
        None,
        None,
    ] in (rows)
    assert len(rows) == 3
    event = AuditEvent.objects.get(action="export")
    assert (event.actor, event.after) == (manager, {"file": "tall-risor", "format": "xlsx"})


def test_the_xlsx_gives_learning_time_in_minutes(client, office, manager):
    MonthFigureFactory(
        office=office, month=date(2026, 3, 1), figure=Figure.LEARNING_MINUTES, count=90, total=60
    )
    client.force_login(manager)
    response = client.get(reverse("portal:figures_office_xlsx", args=[office.pk]))
    [_, row] = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    assert row == (
        "Brukt læringstid av avsatt tid (minutter)",
        datetime(2026, 3, 1),
        None,
        90,
        60,
        150,
    )


def test_the_regions_xlsx_sums_like_its_page(client, region, office, neighbour, manager):
    MonthFigureFactory(office=office, month=date(2026, 3, 1), count=3, total=4)
    MonthFigureFactory(office=neighbour, month=date(2026, 3, 1), count=1, total=4)
    client.force_login(manager)
    response = client.get(reverse("portal:figures_region_xlsx", args=[region.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    [_, row] = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert row[3:] == [4, 8, 50]


@pytest.mark.parametrize(
    ("who", "office_status", "region_status"),
    [
        ("manager", 200, 200),
        ("manager_same_region", 404, 200),
        ("manager_other_region", 404, 404),
        ("admin", 200, 200),
        ("advisor", 404, 404),
        ("market_contact", 404, 404),
    ],
)
def test_who_may_open_the_pages_and_files(
    client, office, neighbour, manager, who, office_status, region_status
):
    away = OfficeFactory(name="NAV Harstad", slug="harstad", region=RegionFactory(name="Troms"))
    people = {
        "manager": manager,
        "manager_same_region": UserFactory(office=neighbour, roles=[Role.MANAGER]),
        "manager_other_region": UserFactory(office=away, roles=[Role.MANAGER]),
        "admin": UserFactory(office=away, is_superuser=True, is_staff=True),
        "advisor": UserFactory(office=office, roles=[Role.ADVISOR]),
        "market_contact": UserFactory(office=office, roles=[Role.ADVISOR, Role.MARKET_CONTACT]),
    }
    client.force_login(people[who])
    assert office_page(client, office).status_code == office_status
    assert region_page(client, office.region).status_code == region_status
    office_file = client.get(reverse("portal:figures_office_xlsx", args=[office.pk]))
    region_file = client.get(reverse("portal:figures_region_xlsx", args=[office.region_id]))
    assert (office_file.status_code, region_file.status_code) == (office_status, region_status)


def test_an_unknown_office_or_region_is_404(client, manager):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("portal:figures_office", args=[99999])).status_code == 404
    assert client.get(reverse("portal:figures_region", args=[99999])).status_code == 404


def _a_year_of_every_figure(office):
    for month in MONTHS:
        for figure in Figure:
            parts = ["recruitment", "other"] if figure == Figure.CONTACTS_BY_TOPIC else [""]
            for part in parts:
                MonthFigureFactory(
                    office=office, month=month, figure=figure, part=part, count=2, total=3
                )


def test_the_pages_queries_stay_the_same_as_the_figures_grow(
    client,
    office,
    neighbour,
    manager,
    django_assert_max_num_queries,
    django_assert_num_queries_same,
):
    client.force_login(manager)

    def both_pages():
        assert office_page(client, office).status_code == 200
        assert region_page(client, office.region).status_code == 200

    def grow():
        _a_year_of_every_figure(office)
        _a_year_of_every_figure(neighbour)

    django_assert_num_queries_same(both_pages, grow)
    # The session, the user, the office (or the region and the manager's office), the figures.
    with django_assert_max_num_queries(4):
        office_page(client, office)
    with django_assert_max_num_queries(5):
        region_page(client, office.region)


def test_an_administrator_goes_on_from_a_region_to_its_offices_and_the_other_regions(
    client, office, neighbour, manager, django_assert_max_num_queries
):
    away = RegionFactory(name="Troms", slug="troms")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    usage = client.get(reverse("portal:report_usage")).text
    assert f'href="{reverse("portal:figures_region", args=[office.region_id])}"' in usage
    assert f'href="{reverse("portal:figures_region", args=[away.pk])}"' in usage

    with django_assert_max_num_queries(7):
        page = region_page(client, office.region).text
    for other in (office, neighbour):
        assert f'href="{reverse("portal:figures_office", args=[other.pk])}"' in page
    assert f'href="{reverse("portal:figures_region", args=[away.pk])}"' in page

    # A manager sees the own office's and region's figures only: no list of the others.
    client.force_login(manager)
    page = region_page(client, office.region).text
    assert reverse("portal:figures_office", args=[neighbour.pk]) not in page
    assert reverse("portal:figures_region", args=[away.pk]) not in page
