"""The office's monthly figures (issue #17, item 4): the working-day calendar, each figure's
definition on a small data set worked out by hand, and the refresh that writes MonthFigure."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.test import override_settings

from employers.figures import callbacks_on_time, contacts_by_topic, duplicates_avoided
from employers.models import CallbackStatus, DuplicateWarning
from learning.figures import learning_minutes, mandatory_on_time
from learning.models import AssignmentStatus, Progress, ProgressStatus
from learning.services import timeuse
from marketinfo.figures import summary_on_time
from marketinfo.models import SummaryStatus
from portal import tasks
from portal.beat import SCHEDULE
from portal.dates import is_working_day, public_holidays, working_days_after, working_days_before
from portal.figures_refresh import figures_refresh
from portal.models import Figure, MonthFigure
from tests.employers.factories import CallbackFactory, ContactEntryFactory, EmployerFactory
from tests.factories import MonthFigureFactory, OfficeFactory, RegionFactory, UserFactory
from tests.learning.factories import AssignmentFactory, ModuleFactory
from tests.marketinfo.factories import PublishedSummaryFactory, SummaryFactory

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")
APRIL, MAY, MARCH = date(2026, 4, 1), date(2026, 5, 1), date(2026, 3, 1)


def oslo(*args) -> datetime:
    return datetime(*args, tzinfo=OSLO)


# --- working days ----------------------------------------------------------------------------


def test_the_public_holidays_of_2026_follow_easter():
    movable = {
        date(2026, 4, 2),  # Maundy Thursday
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 5),  # Easter Sunday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 14),  # Ascension Day
        date(2026, 5, 24),  # Whit Sunday
        date(2026, 5, 25),  # Whit Monday
    }
    fixed = {date(2026, 1, 1), date(2026, 5, 1), date(2026, 5, 17)}
    assert public_holidays(2026) == movable | fixed | {date(2026, 12, 25), date(2026, 12, 26)}


def test_a_holiday_on_a_weekday_is_no_working_day():
    assert not is_working_day(date(2027, 5, 17))  # a Monday in 2027
    assert is_working_day(date(2027, 5, 18))
    assert not is_working_day(date(2026, 5, 14))  # Ascension Day, a Thursday
    assert not is_working_day(date(2026, 4, 11))  # an ordinary Saturday
    assert is_working_day(date(2026, 4, 7))


def test_two_working_days_over_easter():
    wednesday = oslo(2026, 4, 1, 15)
    assert working_days_after(wednesday, 2) == oslo(2026, 4, 8, 15)
    assert working_days_before(oslo(2026, 4, 8, 15), 2) == wednesday


def test_the_time_of_day_stays_across_summer_time():
    # Summer time begins on Sunday 29 March 2026: still 16:00 in Norway on the Tuesday.
    due = working_days_after(oslo(2026, 3, 27, 16), 2)
    assert due == oslo(2026, 3, 31, 16)
    assert due.utcoffset().total_seconds() == 2 * 3600


# --- the data sets ---------------------------------------------------------------------------


@pytest.fixture
def region():
    return RegionFactory(name="Agder")


@pytest.fixture
def risor(region):
    return OfficeFactory(name="NAV Risør", region=region)


@pytest.fixture
def arendal(region):
    return OfficeFactory(name="NAV Arendal", region=region)


@pytest.fixture
def kari(risor):
    return UserFactory(office=risor)


def rows(found) -> set:
    return {tuple(row) for row in found}


# --- callbacks answered within two working days ----------------------------------------------


def test_callbacks_answered_within_two_working_days(region, risor, kari):
    now = oslo(2026, 4, 16, 11)  # Thursday

    def received(at, **values):
        return CallbackFactory(taken_by=kari, created_at=at, **values)

    done = {"status": CallbackStatus.DONE}
    # Wednesday before Easter at 15:00 is due on Wednesday after at 15:00: on the minute is
    # in time, a minute later is not.
    received(oslo(2026, 4, 1, 15), answered_at=oslo(2026, 4, 8, 15), **done)
    received(oslo(2026, 4, 1, 15), answered_at=oslo(2026, 4, 8, 15, 1), **done)
    # Good Friday 16:00: a holiday, then Easter Monday; due Wednesday 16:00, answered then at 10.
    received(oslo(2026, 4, 3, 16), answered_at=oslo(2026, 4, 8, 10), **done)
    # Still new: Tuesday's is past its two days (late), Wednesday's is not yet due.
    received(oslo(2026, 4, 14, 10))
    received(oslo(2026, 4, 15, 10))
    # In progress since before answered_at was recorded: the time is not known, not counted.
    received(oslo(2026, 4, 2, 9), status=CallbackStatus.IN_PROGRESS)
    # Outside April in Norwegian time.
    received(oslo(2026, 3, 31, 23, 30), answered_at=oslo(2026, 4, 1, 8), **done)
    received(oslo(2026, 5, 1, 0, 10))
    # Waiting in the region's queue since Monday: past its two days.
    CallbackFactory(
        taken_by=None,
        source="employer_form",
        office=None,
        region=region,
        created_at=oslo(2026, 4, 13, 9),
    )

    assert rows(callbacks_on_time(APRIL, MAY, now)) == {
        (region.pk, risor.pk, Figure.CALLBACKS_ON_TIME, "", 2, 4),
        (region.pk, None, Figure.CALLBACKS_ON_TIME, "", 0, 1),
    }


def test_a_callback_that_came_on_a_saturday_is_due_on_tuesday(region, risor, kari):
    saturday = oslo(2026, 4, 18, 10)
    done = {"taken_by": kari, "created_at": saturday, "status": CallbackStatus.DONE}
    CallbackFactory(answered_at=oslo(2026, 4, 21, 10), **done)  # Tuesday at the same time
    CallbackFactory(answered_at=oslo(2026, 4, 21, 10, 30), **done)

    found = callbacks_on_time(APRIL, MAY, oslo(2026, 4, 30, 12))
    assert rows(found) == {(region.pk, risor.pk, Figure.CALLBACKS_ON_TIME, "", 1, 2)}


# --- duplicate contacts avoided --------------------------------------------------------------


def test_duplicates_avoided_are_the_cancelled_and_the_changed_topics(region, risor, kari):
    employer = EmployerFactory()

    def shown(at, user=kari, **answer):
        DuplicateWarning.objects.create(
            employer=employer, user=user, context="log", shown_at=at, matches=1, **answer
        )

    shown(oslo(2026, 4, 2, 10), proceeded=False)
    shown(oslo(2026, 4, 9, 10), proceeded=True, topic_changed=True)
    shown(oslo(2026, 4, 20, 10), proceeded=True)
    shown(oslo(2026, 4, 30, 23, 59), proceeded=False)
    shown(oslo(2026, 5, 1, 0, 1), proceeded=False)  # May in Norway
    shown(oslo(2026, 4, 9, 10), user=UserFactory(office=None), proceeded=False)

    assert rows(duplicates_avoided(APRIL, MAY, oslo(2026, 5, 2))) == {
        (region.pk, risor.pk, Figure.DUPLICATES_AVOIDED, "", 3, 4)
    }


# --- contacts by topic -----------------------------------------------------------------------


def test_contacts_by_topic_count_an_entry_under_each_of_its_topics(region, risor, arendal, kari):
    ola = UserFactory(office=arendal)
    ContactEntryFactory(
        author=kari, contacted_on=date(2026, 4, 3), topics=["recruitment", "sick_leave"]
    )
    ContactEntryFactory(author=kari, contacted_on=date(2026, 4, 30), topics=["recruitment"])
    ContactEntryFactory(author=ola, contacted_on=date(2026, 4, 1), topics=["recruitment"])
    ContactEntryFactory(
        author=kari,
        contacted_on=date(2026, 4, 10),
        topics=["recruitment"],
        deleted_at=oslo(2026, 4, 11),
    )
    ContactEntryFactory(author=kari, contacted_on=date(2026, 3, 31), topics=["sick_leave"])

    assert rows(contacts_by_topic(APRIL, MAY, oslo(2026, 5, 2))) == {
        (region.pk, risor.pk, Figure.CONTACTS_BY_TOPIC, "recruitment", 2, 0),
        (region.pk, risor.pk, Figure.CONTACTS_BY_TOPIC, "sick_leave", 1, 0),
        (region.pk, arendal.pk, Figure.CONTACTS_BY_TOPIC, "recruitment", 1, 0),
    }


# --- mandatory modules finished by their due date --------------------------------------------


def test_mandatory_modules_finished_by_their_due_date(region, risor, kari):
    now = oslo(2026, 4, 16, 11)
    completed = AssignmentStatus.COMPLETED

    def due(day, **values):
        return AssignmentFactory(user=kari, module=ModuleFactory(), due_on=day, **values)

    due(date(2026, 4, 10), status=completed, completed_at=oslo(2026, 4, 10, 23, 30))  # in time
    # Half past midnight in Norway is still the 10th in UTC: late all the same.
    due(date(2026, 4, 10), status=completed, completed_at=oslo(2026, 4, 11, 0, 30))
    due(date(2026, 4, 12))  # open past its due date: late
    due(date(2026, 4, 12), status=AssignmentStatus.CANCELLED)  # withdrawn: left out
    due(date(2026, 4, 20))  # not due yet: not counted either way
    due(date(2026, 4, 25), status=completed, completed_at=oslo(2026, 4, 14, 9))  # early
    due(date(2026, 4, 10), mandatory=False)  # not mandatory
    due(date(2026, 3, 31))  # March

    assert rows(mandatory_on_time(APRIL, MAY, now)) == {
        (region.pk, risor.pk, Figure.MANDATORY_ON_TIME, "", 2, 4)
    }


def test_learning_minutes_are_the_persons_time_tables_summed_by_office(region, risor, kari):
    ola = UserFactory(office=risor)
    april = oslo(2026, 4, 5, 10)
    AssignmentFactory(user=kari, reserved_minutes=60, reserved_start=april, due_on=MAY)
    AssignmentFactory(user=ola, reserved_minutes=30, due_on=date(2026, 4, 20))
    AssignmentFactory(
        user=ola, reserved_minutes=45, due_on=date(2026, 4, 20), status=AssignmentStatus.CANCELLED
    )
    # The reserved time starts in March: March's, although due in April.
    AssignmentFactory(
        user=kari, reserved_minutes=90, reserved_start=oslo(2026, 3, 30, 9), due_on=APRIL
    )
    for minutes, at in [(20, oslo(2026, 4, 3, 12)), (40, oslo(2026, 3, 20, 12))]:
        Progress.objects.create(
            user=kari,
            module=ModuleFactory(minutes=minutes),
            status=ProgressStatus.COMPLETED,
            completed_at=at,
        )

    assert rows(learning_minutes(APRIL, MAY, oslo(2026, 4, 16))) == {
        (region.pk, risor.pk, Figure.LEARNING_MINUTES, "", 20, 90)
    }
    # The same numbers as the people's own tables.
    tables = dict(timeuse.office_months([kari, ola], date(2026, 4, 16)))
    assert sum(person[0].used for person in tables.values()) == 20
    assert sum(person[0].reserved for person in tables.values()) == 90


# --- weeks with the summary published by Monday ----------------------------------------------


def test_weeks_with_the_summary_published_by_monday_noon(region, risor, arendal):
    now = oslo(2026, 4, 21, 10)  # Tuesday of the week of Monday 20 April
    harstad = OfficeFactory(name="NAV Harstad", region=RegionFactory(name="Troms"))

    def week(day: date) -> dict:
        iso = day.isocalendar()
        return {"year": iso.year, "week": iso.week}

    # Mondays of April up to now: the 6th, 13th and 20th.
    PublishedSummaryFactory(
        office=risor, published_at=oslo(2026, 4, 6, 12), **week(date(2026, 4, 6))
    )
    PublishedSummaryFactory(
        office=risor, published_at=oslo(2026, 4, 13, 12, 1), **week(date(2026, 4, 13))
    )
    PublishedSummaryFactory(
        office=risor, published_at=oslo(2026, 4, 17, 15), **week(date(2026, 4, 20))
    )
    # Arendal published once, in March: its April weeks count, none on time.
    PublishedSummaryFactory(
        office=arendal, published_at=oslo(2026, 3, 2, 9), **week(date(2026, 3, 2))
    )
    # Harstad has only a draft: not a writer of summaries, no row.
    SummaryFactory(office=harstad, status=SummaryStatus.DRAFT, **week(date(2026, 4, 6)))
    # The region's own, its first, for the week of the 13th, published that Monday morning:
    # the week of the 6th, before it started, is not a week it missed.
    PublishedSummaryFactory(
        office=None,
        region=region,
        published_at=oslo(2026, 4, 13, 11),
        **week(date(2026, 4, 13)),
    )

    assert rows(summary_on_time(APRIL, MAY, now)) == {
        (region.pk, risor.pk, Figure.SUMMARY_ON_TIME, "", 2, 3),
        (region.pk, arendal.pk, Figure.SUMMARY_ON_TIME, "", 0, 3),
        (region.pk, None, Figure.SUMMARY_ON_TIME, "", 1, 2),
    }
    # Monday 27 April before noon: that week is not counted yet, unless already on time.
    early = oslo(2026, 4, 27, 11)
    PublishedSummaryFactory(
        office=risor, published_at=oslo(2026, 4, 27, 8), **week(date(2026, 4, 27))
    )
    found = {row[1]: row[4:] for row in summary_on_time(APRIL, MAY, early)}
    assert found == {risor.pk: (3, 4), arendal.pk: (0, 3), None: (1, 2)}


# --- the refresh -----------------------------------------------------------------------------


@pytest.fixture
def april_activity(region, risor, arendal, kari):
    """Something for every figure in April 2026, in two offices and the region."""
    for office in (risor, arendal):
        person = kari if office == risor else UserFactory(office=office)
        AssignmentFactory(user=person, due_on=date(2026, 4, 10), reserved_minutes=30)
        ContactEntryFactory(author=person, contacted_on=date(2026, 4, 8))
        DuplicateWarning.objects.create(
            employer=EmployerFactory(), user=person, context="log", shown_at=oslo(2026, 4, 9, 9)
        )
        CallbackFactory(taken_by=person, created_at=oslo(2026, 4, 7, 9))
        PublishedSummaryFactory(office=office, year=2026, week=15, published_at=oslo(2026, 4, 6))


def stored() -> set:
    return set(
        MonthFigure.objects.values_list(
            "region", "office", "month", "figure", "part", "count", "total", "computed_at"
        )
    )


NOW = oslo(2026, 4, 20, 3)


def test_the_refresh_writes_every_figure_for_offices_and_region(region, april_activity):
    written = figures_refresh(months_back=1, now=NOW)
    assert written == MonthFigure.objects.count()
    april = MonthFigure.objects.filter(month=APRIL)
    assert set(april.values_list("figure", flat=True)) == set(Figure.values)
    assert set(april.values_list("region", flat=True)) == {region.pk}
    assert april.filter(office=None).exists() is False  # no region queue, no region summary
    assert set(MonthFigure.objects.values_list("computed_at", flat=True)) == {NOW}


def test_the_refresh_replaces_its_months_and_a_second_run_changes_nothing(
    risor, kari, april_activity
):
    older = MonthFigureFactory(office=risor, month=date(2025, 12, 1))
    figures_refresh(months_back=1, now=NOW)
    first = stored()
    figures_refresh(months_back=1, now=NOW)
    assert stored() == first

    # Two more contacts in April: the April row is replaced, not added to.
    ContactEntryFactory.create_batch(2, author=kari, contacted_on=date(2026, 4, 9))
    figures_refresh(months_back=0, now=NOW)
    contacts = MonthFigure.objects.get(office=risor, figure=Figure.CONTACTS_BY_TOPIC)
    assert contacts.count == 3
    assert MonthFigure.objects.filter(pk=older.pk).exists()  # outside the months refreshed


def test_the_refresh_costs_the_same_queries_for_one_office_or_many(
    region, april_activity, django_assert_max_num_queries
):
    # Seven figure queries a month (learning three, employers three, marketinfo one), plus the
    # lock, the delete and the insert: whatever the number of offices.
    with django_assert_max_num_queries(3 * 7 + 5):
        figures_refresh(months_back=2, now=NOW)
    for n in range(5):
        office = OfficeFactory(name=f"NAV Kontor ekstra {n}", region=region)
        person = UserFactory(office=office)
        ContactEntryFactory(author=person, contacted_on=date(2026, 4, 8))
        CallbackFactory(taken_by=person, created_at=oslo(2026, 4, 7, 9))
    with django_assert_max_num_queries(3 * 7 + 5):
        figures_refresh(months_back=2, now=NOW)


def test_the_task_refreshes_and_beat_runs_it_nightly_and_hourly(april_activity, time_machine):
    time_machine.move_to(NOW, tick=False)
    assert tasks.figures_refresh(months_back=0) == MonthFigure.objects.count() > 0
    runs = {
        entry["kwargs"]["months_back"]
        for entry in SCHEDULE.values()
        if entry["task"] == "portal.tasks.figures_refresh"
    }
    assert runs == {0, 12}


@override_settings(DEBUG=True)
def test_the_demo_gives_nav_risor_something_in_every_figure(time_machine):
    time_machine.move_to(oslo(2026, 11, 18, 12), tick=False)
    call_command("seed_demo", stdout=io.StringIO())
    risor = MonthFigure.objects.filter(office__name="NAV Risør")
    totals = {
        row["figure"]: (row["count"], row["total"])
        for row in risor.values("figure").annotate(count=Sum("count"), total=Sum("total"))
    }
    assert set(totals) == set(Figure.values)
    # Some answered late, some on time; some summaries late; some duplicates avoided, not all.
    for figure in (Figure.CALLBACKS_ON_TIME, Figure.SUMMARY_ON_TIME, Figure.DUPLICATES_AVOIDED):
        count, total = totals[figure]
        assert 0 < count < total, figure
