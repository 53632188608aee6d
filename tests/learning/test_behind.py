"""The manager's "who is behind" list: names, how late in words, a reminder and a new date."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from learning.models import Assignment
from learning.services.reminders import reminders_send
from learning.views.behind import lateness
from portal.models import AuditEvent, Notification, NotificationKind, Role, User
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import AssignmentFactory, ModuleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Testby", slug="testby")


@pytest.fixture
def manager(office):
    return UserFactory(office=office, roles=[Role.MANAGER], first_name="Leder", last_name="A")


@pytest.fixture
def today():
    return timezone.localdate()


def url(office, *parts):
    return reverse(f"learning:behind{parts[0] if parts else ''}", args=[office.slug, *parts[1:]])


def test_lateness_reads_as_words(today):
    assert lateness(today - timedelta(days=3), today) == "3 dager over fristen"
    assert lateness(today - timedelta(days=1), today) == "1 dag over fristen"
    assert lateness(today, today) == "forfaller i dag"
    assert lateness(today + timedelta(days=1), today) == "forfaller i morgen"
    assert lateness(today + timedelta(days=2), today) == "forfaller om 2 dager"


def test_the_list_shows_who_is_late_and_who_is_due_soon_most_overdue_first(
    client, office, manager, today
):
    kari = UserFactory(office=office, first_name="Kari", last_name="Late")
    ola = UserFactory(office=office, first_name="Ola", last_name="Soon")
    per = UserFactory(office=office, first_name="Per", last_name="Later")
    AssignmentFactory(user=ola, module__title="Snart", due_on=today + timedelta(days=2))
    AssignmentFactory(user=kari, module__title="Sent", due_on=today - timedelta(days=3))
    AssignmentFactory(user=per, module__title="Langt fram", due_on=today + timedelta(days=40))
    AssignmentFactory(
        user=UserFactory(first_name="Ane", last_name="Annetsted"), due_on=today - timedelta(days=9)
    )
    done = AssignmentFactory(user=per, due_on=today - timedelta(days=5))
    Assignment.objects.filter(pk=done.pk).update(status="completed")
    client.force_login(manager)

    page = client.get(url(office)).content.decode()

    assert page.index("Kari Late") < page.index("3 dager over fristen") < page.index("Ola Soon")
    assert "forfaller om 2 dager" in page
    # Not yet due soon, completed, and another office's people are not the manager's worry.
    assert "Langt fram" not in page and "Per Later" not in page and "Annetsted" not in page


def test_the_list_keeps_its_queries_whatever_its_length(
    client, office, manager, today, django_assert_max_num_queries
):
    people = User.objects.bulk_create(
        User(username=f"p{i}", first_name=f"P{i}", office=office, roles=["veileder"])
        for i in range(60)
    )
    module = ModuleFactory()
    Assignment.objects.bulk_create(
        Assignment(user=p, module=module, due_on=today - timedelta(days=i % 9))
        for i, p in enumerate(people)
    )
    client.force_login(manager)
    with django_assert_max_num_queries(8):
        response = client.get(url(office))
    assert response.content.decode().count('<li class="behind-item') == 50  # the first page


def test_the_dashboard_count_links_to_the_list(client, office, manager, today):
    AssignmentFactory(user=UserFactory(office=office), due_on=today - timedelta(days=1))
    client.force_login(manager)
    panel = client.get(reverse("learning:panel_office"), HTTP_HX_REQUEST="true").content.decode()
    assert f'href="{url(office)}"' in panel
    assert "1 forsinket oppgave" in panel
    # A third of the page is too narrow for the table by area: its counts are in the labels.
    assert "<table" not in panel and "(0 av 1)" in panel


def test_a_reminder_is_a_notification_once_a_day(client, office, manager, today):
    kari = UserFactory(office=office, first_name="Kari", last_name="Nordmann")
    assignment = AssignmentFactory(user=kari, module__title="Lønnstilskudd", due_on=today)
    client.force_login(manager)

    response = client.post(url(office, "_remind", assignment.pk), follow=True)
    again = client.post(url(office, "_remind", assignment.pk), follow=True)

    sent = Notification.objects.filter(recipient=kari, kind=NotificationKind.DUE_SOON)
    with override("nb"):
        due = date_format(today, "j. F Y")
    assert [n.title for n in sent] == [f"Påminnelse fra Leder A: Lønnstilskudd har frist {due}"]
    assert due.split()[1].islower()
    assert "Påminnelse sendt til Kari Nordmann om Lønnstilskudd." in response.content.decode()
    assert "har allerede fått en påminnelse" in again.content.decode()
    assert "Påminnet i dag" in again.content.decode()
    assert AuditEvent.objects.filter(action="assignment.reminded").count() == 1


def test_a_new_date_is_kept_with_its_history_and_the_reminders_start_over(
    client, office, manager, today
):
    kari = UserFactory(office=office)
    assignment = AssignmentFactory(user=kari, due_on=today - timedelta(days=10))
    reminders_send(today=today)
    assert Notification.objects.filter(recipient=kari, dedup_key=f"overdue:{assignment.pk}")
    client.force_login(manager)
    new = today + timedelta(days=14)

    response = client.post(url(office, "_new_date", assignment.pk), {"due_on": new.isoformat()})

    assert response.status_code == 302
    assert Assignment.objects.get(pk=assignment.pk).due_on == new
    event = AuditEvent.objects.get(action="assignment.rescheduled")
    assert (event.before, event.after) == (
        {"due_on": (today - timedelta(days=10)).isoformat()},
        {"due_on": new.isoformat()},
    )
    assert Notification.objects.filter(recipient=kari, title__startswith="Ny frist").exists()
    # When the new date passes too, the person is told again.
    reminders_send(today=new + timedelta(days=1))
    assert Notification.objects.filter(recipient=kari, dedup_key=f"overdue:{assignment.pk}")


def test_a_date_in_the_past_is_refused_beside_the_field_and_nothing_changes(
    client, office, manager, today
):
    assignment = AssignmentFactory(user=UserFactory(office=office), due_on=today)
    client.force_login(manager)

    response = client.post(
        url(office, "_new_date", assignment.pk), {"due_on": (today - timedelta(days=1)).isoformat()}
    )

    assert response.status_code == 400
    html = response.content.decode()
    field = f'id="due-{assignment.pk}-due_on"'
    assert field in html
    assert html.index(field) < html.index("Fristen kan ikke være tilbake i tid")
    assert Assignment.objects.get(pk=assignment.pk).due_on == today
    assert not AuditEvent.objects.filter(action="assignment.rescheduled").exists()


def test_a_manager_cannot_act_on_another_offices_assignment(client, office, manager, today):
    elsewhere = AssignmentFactory(user=UserFactory(), due_on=today)
    client.force_login(manager)
    assert client.post(url(office, "_remind", elsewhere.pk)).status_code == 404
    assert (
        client.post(url(office, "_new_date", elsewhere.pk), {"due_on": today.isoformat()})
    ).status_code == 404
    assert not Notification.objects.filter(recipient=elsewhere.user).exists()


def test_reading_the_list_writes_nothing(client, office, manager, today):
    AssignmentFactory(user=UserFactory(office=office), due_on=today - timedelta(days=2))
    client.force_login(manager)
    before = (Notification.objects.count(), AuditEvent.objects.count())
    client.get(url(office))
    assert (Notification.objects.count(), AuditEvent.objects.count()) == before
