"""The contact log: logging, the identity guard, the duplicate warning, history, deletion."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from employers import services
from employers.figures import duplicates_avoided
from employers.models import ContactEntry, DuplicateWarning
from employers.queries import duplicate_matches
from portal.models import Notification, NotificationKind, Role
from tests.employers.factories import (
    ContactEntryFactory,
    EmployerFactory,
    PlannedContactFactory,
)
from tests.factories import OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 18)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-03-18 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def risor():
    return OfficeFactory(name="NAV Risør", slug="risor")


@pytest.fixture
def harstad():
    return OfficeFactory(name="NAV Harstad", slug="harstad")


@pytest.fixture
def kari(risor):
    return UserFactory(first_name="Kari", last_name="Nordmann", office=risor)


@pytest.fixture
def jonas(client, harstad):
    user = UserFactory(first_name="Jonas", last_name="Eriksen", office=harstad)
    client.force_login(user)
    return user


def entry_data(**overrides):
    data = {
        "contacted_on": TODAY.isoformat(),
        "channel": "visit",
        "topics": ["work_training"],
        "summary": "Besøk om arbeidstrening i pakkeriet.",
        "outcome": "",
    }
    data.update(overrides)
    return data


def test_a_contact_is_logged_with_user_and_office(client, jonas):
    employer = EmployerFactory()
    response = client.post(
        reverse("employers:entry_create", args=[employer.organisation_number]), entry_data()
    )
    assert response.status_code == 302
    entry = ContactEntry.objects.get()
    assert (entry.author, entry.office, entry.topics) == (jonas, jonas.office, ["work_training"])


def test_an_identity_number_is_refused_beside_the_field_and_the_text_kept(client, jonas):
    employer = EmployerFactory()
    text = "Kandidaten 15076500565 starter mandag"
    response = client.post(
        reverse("employers:entry_create", args=[employer.organisation_number]),
        entry_data(summary=text),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_summary_error"' in html
    assert "fødselsnummer" in html
    assert text in html
    assert not ContactEntry.objects.exists()


def test_a_summary_over_1000_characters_is_refused(client, jonas):
    employer = EmployerFactory()
    response = client.post(
        reverse("employers:entry_create", args=[employer.organisation_number]),
        entry_data(summary="x" * 1001),
    )
    assert 'id="id_summary_error"' in response.content.decode()
    assert not ContactEntry.objects.exists()


def test_the_form_reminds_that_the_log_is_about_the_employer(client, jonas):
    employer = EmployerFactory()
    html = client.get(
        reverse("employers:entry_create", args=[employer.organisation_number])
    ).content.decode()
    assert "ikke om arbeidssøkere" in html


def test_the_warning_names_colleague_office_topic_and_age_across_main_and_sub_units(
    client, jonas, kari
):
    main = EmployerFactory(name="Sørkyst AS")
    risor_unit = EmployerFactory(name="Sørkyst AS avd. Risør", main_unit=main)
    gjerstad_unit = EmployerFactory(name="Sørkyst AS avd. Gjerstad", main_unit=main)
    unrelated = EmployerFactory(name="Annen AS")
    ContactEntryFactory(
        employer=risor_unit,
        author=kari,
        channel="phone",
        topics=["recruitment"],
        contacted_on=TODAY - timedelta(days=3),
    )
    ContactEntryFactory(employer=unrelated, author=kari, topics=["recruitment"])
    for employer in (main, risor_unit, gjerstad_unit):
        html = client.get(
            reverse("employers:entry_create", args=[employer.organisation_number])
        ).content.decode()
        assert "Kari Nordmann (NAV Risør) ringte om rekruttering for 3 dager siden" in html
    html = client.get(
        reverse("employers:entry_create", args=[unrelated.organisation_number])
    ).content.decode()
    assert "Kari Nordmann (NAV Risør) ringte om rekruttering for 0" not in html


def test_the_same_topic_is_highlighted(client, jonas, kari):
    employer = EmployerFactory()
    ContactEntryFactory(employer=employer, author=kari, topics=["recruitment"])
    url = reverse("employers:duplicate_warning", args=[employer.organisation_number])
    same = client.get(url, {"topics": ["recruitment"]}, HTTP_HX_REQUEST="true")
    other = client.get(url, {"topics": ["sick_leave"]}, HTTP_HX_REQUEST="true")
    assert "Samme tema" in same.content.decode()
    assert "Samme tema" not in other.content.decode()


@pytest.mark.parametrize(("days_ago", "shown"), [(0, True), (30, True), (31, False)])
def test_the_window_is_30_days_inclusive(kari, days_ago, shown):
    employer = EmployerFactory()
    ContactEntryFactory(employer=employer, author=kari, contacted_on=TODAY - timedelta(days_ago))
    assert bool(duplicate_matches(employer)) is shown


def test_the_window_is_configurable(kari, settings):
    settings.EMPLOYERS_DUPLICATE_WINDOW_DAYS = 7
    employer = EmployerFactory()
    ContactEntryFactory(employer=employer, author=kari, contacted_on=TODAY - timedelta(8))
    assert duplicate_matches(employer) == []


def test_planned_contacts_warn_too_and_deleted_entries_do_not(kari):
    employer = EmployerFactory()
    PlannedContactFactory(employer=employer, author=kari, planned_on=TODAY + timedelta(days=9))
    ContactEntryFactory(employer=employer, author=kari, deleted_at=timezone.now())
    matches = duplicate_matches(employer)
    assert [m.kind for m in matches] == ["plan"]
    assert "uke 13" in matches[0].sentence


def test_the_warning_is_one_query(kari, django_assert_max_num_queries):
    main = EmployerFactory()
    subs = EmployerFactory.create_batch(3, main_unit=main)
    for sub in subs:
        ContactEntryFactory.create_batch(2, employer=sub, author=kari)
    with django_assert_max_num_queries(1):
        matches = duplicate_matches(subs[0])
    assert len(matches) == 6


@pytest.fixture
def warned(kari):
    """An employer with a colleague's recent contact, so both forms show the warning."""
    employer = EmployerFactory()
    entry = ContactEntryFactory(employer=employer, author=kari, topics=["recruitment"])
    return employer, f"entry:{entry.pk}"


@pytest.mark.parametrize("form", ["employers:entry_create", "employers:plan_create"])
def test_showing_the_warning_writes_nothing_and_names_what_it_showed(client, jonas, warned, form):
    employer, shown = warned
    html = client.get(reverse(form, args=[employer.organisation_number])).content.decode()
    assert "Kolleger har vært i kontakt nylig" in html
    assert f'name="warnings" value="{shown}"' in html
    assert DuplicateWarning.objects.count() == 0


def plan_data(**overrides):
    return {
        "planned_on": (TODAY + timedelta(days=7)).isoformat(),
        "channel": "visit",
        "topics": ["recruitment"],
        "note": "",
        **overrides,
    }


@pytest.mark.parametrize(
    ("form", "data", "context"),
    [
        ("employers:entry_create", entry_data, DuplicateWarning.Context.LOG),
        ("employers:plan_create", plan_data, DuplicateWarning.Context.PLAN),
    ],
)
def test_going_on_after_the_warning_is_recorded_with_the_entry(
    client, jonas, warned, form, data, context
):
    employer, shown = warned
    response = client.post(reverse(form, args=[employer.organisation_number]), data(warnings=shown))
    assert response.status_code == 302
    warning = DuplicateWarning.objects.get()
    assert (warning.employer, warning.user, warning.context) == (employer, jonas, context)
    assert (warning.matches, warning.proceeded) == (1, True)


@pytest.mark.parametrize(
    ("topics", "avoided"),
    [(["sick_leave"], True), (["recruitment"], False), (["recruitment", "sick_leave"], False)],
)
@pytest.mark.parametrize(
    ("form", "data"),
    [("employers:entry_create", entry_data), ("employers:plan_create", plan_data)],
)
def test_going_on_with_another_topic_than_the_warned_contacts_counts_as_avoided(
    client, jonas, warned, form, data, topics, avoided
):
    employer, shown = warned  # a colleague's contact about recruitment
    url = reverse(form, args=[employer.organisation_number])
    client.post(url, data(warnings=shown, topics=topics))
    assert DuplicateWarning.objects.get().topic_changed is avoided
    [row] = duplicates_avoided(TODAY.replace(day=1), date(2026, 4, 1), timezone.now())
    assert row[4:] == (int(avoided), 1)


def test_a_refused_form_records_nothing_until_it_is_sent_right(client, jonas, warned):
    employer, shown = warned
    url = reverse("employers:entry_create", args=[employer.organisation_number])
    refused = client.post(url, entry_data(summary="", warnings=shown))
    assert f'name="warnings" value="{shown}"' in refused.content.decode()
    assert DuplicateWarning.objects.count() == 0
    client.post(url, entry_data(warnings=shown))
    assert DuplicateWarning.objects.get().proceeded


def test_cancel_after_the_warning_is_recorded_and_goes_back_to_the_employer(client, jonas, warned):
    employer, shown = warned
    html = client.get(
        reverse("employers:plan_create", args=[employer.organisation_number])
    ).content.decode()
    cancel = reverse("employers:duplicate_warning_cancel", args=[employer.organisation_number])
    assert f'action="{cancel}"' in html and 'form="duplicate-warning-cancel"' in html
    response = client.post(cancel, {"context": "plan", "warnings": shown})
    assert response.status_code == 302
    assert response.url == employer.get_absolute_url()
    warning = DuplicateWarning.objects.get()
    assert (warning.context, warning.matches, warning.proceeded) == ("plan", 1, False)


def test_without_a_warning_cancel_is_a_link(client, jonas):
    employer = EmployerFactory()
    html = client.get(
        reverse("employers:entry_create", args=[employer.organisation_number])
    ).content.decode()
    assert "duplicate-warning-cancel" not in html
    assert f'href="{employer.get_absolute_url()}"' in html


@pytest.mark.parametrize(
    "tampered",
    [
        "entry:999999999",  # never shown
        "other",  # another employer's contact (filled in below)
        "entry:abc plan: :: " + "entry:1 " * 5000,  # garbage, and a great deal of it
    ],
)
def test_a_tampered_field_records_nothing_and_breaks_nothing(client, jonas, kari, warned, tampered):
    employer, shown = warned
    if tampered == "other":
        tampered = f"entry:{ContactEntryFactory(author=kari).pk}"
    url = reverse("employers:entry_create", args=[employer.organisation_number])
    assert client.post(url, entry_data(warnings=tampered)).status_code == 302
    assert ContactEntry.objects.filter(employer=employer, author=jonas).exists()
    cancel = reverse("employers:duplicate_warning_cancel", args=[employer.organisation_number])
    assert client.post(cancel, {"context": "log", "warnings": tampered}).status_code == 302
    assert client.post(cancel, {"context": "nonsense", "warnings": shown}).status_code == 302
    assert DuplicateWarning.objects.count() == 0


def test_a_correction_keeps_the_history_and_shows_it(client, kari):
    client.force_login(kari)
    entry = ContactEntryFactory(author=kari, summary="Første versjon")
    response = client.post(
        reverse("employers:entry_edit", args=[entry.pk]),
        entry_data(summary="Rettet versjon", channel="phone", topics=["recruitment"]),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.summary == "Rettet versjon"
    revision = entry.revisions.get()
    assert revision.changed_by == kari
    assert revision.changes["summary"] == ["Første versjon", "Rettet versjon"]
    html = client.get(reverse("employers:entry", args=[entry.pk])).content.decode()
    assert "Første versjon" in html
    assert "Rettet versjon" in html


def test_a_colleague_in_another_office_sees_the_entry_but_cannot_edit_it(client, jonas, kari):
    entry = ContactEntryFactory(author=kari, summary="Originalen")
    assert client.get(reverse("employers:entry", args=[entry.pk])).status_code == 200
    response = client.post(
        reverse("employers:entry_edit", args=[entry.pk]), entry_data(summary="Overskrevet")
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.summary == "Originalen"
    assert not entry.revisions.exists()


def test_only_administrators_delete_and_deletion_is_soft(client, kari):
    entry = ContactEntryFactory(author=kari)
    client.force_login(kari)
    assert client.post(reverse("employers:entry_delete", args=[entry.pk])).status_code == 403
    admin = UserFactory(is_superuser=True, is_staff=True, office=kari.office)
    client.force_login(admin)
    assert client.post(reverse("employers:entry_delete", args=[entry.pk])).status_code == 302
    entry.refresh_from_db()
    assert entry.deleted_at is not None and entry.deleted_by == admin
    assert client.get(reverse("employers:entry", args=[entry.pk])).status_code == 404
    assert entry.employer.name not in client.get(reverse("employers:log")).content.decode()


def test_a_follow_up_lands_on_the_colleague_s_list_with_a_reminder(client, kari):
    colleague = UserFactory(office=kari.office, roles=[Role.MARKET_CONTACT])
    client.force_login(kari)
    employer = EmployerFactory(name="Kystlys Omsorg AS")
    client.post(
        reverse("employers:entry_create", args=[employer.organisation_number]),
        entry_data(follow_up_on="2026-03-20", follow_up_assignee=colleague.pk),
    )
    client.force_login(colleague)
    assert "Kystlys Omsorg AS" in client.get(reverse("employers:follow_ups")).content.decode()
    services.follow_ups_remind(today=date(2026, 3, 19))
    assert not Notification.objects.filter(recipient=colleague).exists()
    services.follow_ups_remind(today=date(2026, 3, 20))
    services.follow_ups_remind(today=date(2026, 3, 21))  # once only
    notification = Notification.objects.get(recipient=colleague)
    assert notification.kind == NotificationKind.FOLLOW_UP_DUE
    entry = ContactEntry.objects.get()
    client.post(reverse("employers:follow_up_done", args=[entry.pk]))
    assert "Kystlys Omsorg AS" not in client.get(reverse("employers:follow_ups")).content.decode()


def test_a_future_contact_date_is_refused(client, jonas):
    employer = EmployerFactory()
    response = client.post(
        reverse("employers:entry_create", args=[employer.organisation_number]),
        entry_data(contacted_on="2026-03-19"),
    )
    assert 'id="id_contacted_on_error"' in response.content.decode()
    assert not ContactEntry.objects.exists()
