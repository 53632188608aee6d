"""Reserved learning time in people's own calendars: giving, changing and withdrawing an
assignment mails each person an iTIP invitation (RFC 5546) whose UID is the one the calendar
file gives the event, with a higher SEQUENCE at each change, so Outlook moves or removes the
event rather than add a second one."""

from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning.models import Assignment, AssignmentStatus
from learning.services.assignments import (
    assignment_create,
    assignment_reschedule,
    assignment_withdraw,
)
from portal.models import EmailChoice, NotificationKind, Role
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import ModuleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Testby", slug="testby")


@pytest.fixture
def manager(office):
    return UserFactory(office=office, roles=[Role.MANAGER], first_name="Leder", last_name="A")


@pytest.fixture
def start():
    return (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)


def invitation(message) -> tuple[str, icalendar.Event, str]:
    """The method of the mail's calendar part, its one event, and its attached file."""
    [(ics, mimetype)] = [a for a in message.alternatives if a[1].startswith("text/calendar")]
    [(name, attached, attached_type)] = message.attachments
    assert (name, attached_type) == ("invitation.ics", "application/ics")
    assert attached == ics
    cal = icalendar.Calendar.from_ical(ics)
    [event] = cal.walk("VEVENT")
    assert mimetype == f"text/calendar; method={cal['METHOD']}; charset=UTF-8"
    return str(cal["METHOD"]), event, ics


def feed_event(client, user) -> icalendar.Event:
    client.force_login(user)
    [event] = icalendar.Calendar.from_ical(client.get(reverse("learning:calendar")).content).walk(
        "VEVENT"
    )
    return event


def give(manager, people, start, **kwargs):
    return assignment_create(
        assigned_by=manager,
        users=people,
        module=kwargs.pop("module", None) or ModuleFactory(title="Dialog med arbeidsgivere"),
        due_on=timezone.localdate() + timedelta(days=14),
        reserved_minutes=45,
        reserved_start=start,
        reserved_end=start + timedelta(minutes=45),
        **kwargs,
    )


def test_each_person_gets_one_request_with_the_feeds_uid_and_sequence_0(
    client, office, manager, start, django_capture_on_commit_callbacks
):
    kari, ola = UserFactory(office=office), UserFactory(office=office)
    with django_capture_on_commit_callbacks(execute=True):
        created = give(manager, [kari, ola], start)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([kari.email, ola.email])
    message = next(m for m in mail.outbox if m.to == [kari.email])
    assert message.subject == "Avsatt tid: Dialog med arbeidsgivere"
    assert "Det er avsatt tid til Dialog med arbeidsgivere" in message.body
    method, event, ics = invitation(message)
    assert method == "REQUEST"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + timedelta(minutes=45)
    assert str(event["SUMMARY"]) == "Avsatt tid: Dialog med arbeidsgivere"
    assert str(event["ATTENDEE"]) == f"mailto:{kari.email}"
    assert event["ATTENDEE"].params["RSVP"] == "FALSE"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert "DTSTAMP" in event
    mine = next(a for a in created if a.user_id == kari.pk)
    assert mine.module.get_absolute_url() in str(event["DESCRIPTION"])

    in_feed = feed_event(client, kari)
    assert str(event["UID"]) == str(in_feed["UID"])
    assert in_feed["SEQUENCE"] == 0
    assert "\r\nMETHOD:REQUEST\r\n" in ics


def test_a_new_due_date_updates_the_same_event_and_withdrawing_cancels_it(
    client, office, manager, start, django_capture_on_commit_callbacks
):
    kari = UserFactory(office=office)
    with django_capture_on_commit_callbacks(execute=True):
        [assignment] = give(manager, [kari], start)
    _, first, _ = invitation(mail.outbox[0])

    with django_capture_on_commit_callbacks(execute=True):
        assignment_reschedule(
            assignment=assignment, by=manager, due_on=timezone.localdate() + timedelta(days=30)
        )
    method, update, _ = invitation(mail.outbox[1])
    assert (method, str(update["UID"]), update["SEQUENCE"]) == ("REQUEST", str(first["UID"]), 1)
    assert feed_event(client, kari)["SEQUENCE"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        assignment_withdraw(assignment=assignment, by=manager)
    assert len(mail.outbox) == 3
    message = mail.outbox[2]
    assert message.subject == "Avlyst: avsatt tid til Dialog med arbeidsgivere"
    method, cancel, _ = invitation(message)
    assert (method, str(cancel["UID"]), cancel["SEQUENCE"]) == ("CANCEL", str(first["UID"]), 2)
    assert str(cancel["STATUS"]) == "CANCELLED"
    assert Assignment.objects.get().status == AssignmentStatus.CANCELLED

    with django_capture_on_commit_callbacks(execute=True):  # a second click sends nothing
        assignment_withdraw(assignment=assignment, by=manager)
    assert len(mail.outbox) == 3


def test_no_reserved_time_no_mail_and_none_for_those_who_turned_assignment_mail_off(
    office, manager, start, django_capture_on_commit_callbacks
):
    kari = UserFactory(office=office)
    quiet = UserFactory(
        office=office, email_preferences={NotificationKind.ASSIGNMENT_GIVEN: EmailChoice.OFF}
    )
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(
            assigned_by=manager,
            users=[kari],
            module=ModuleFactory(),
            due_on=timezone.localdate() + timedelta(days=14),
            reserved_minutes=30,
        )
        give(manager, [quiet], start)
    assert mail.outbox == []


def test_who_wants_mail_right_away_gets_the_invitation_once_not_also_the_notice(
    office, manager, start, django_capture_on_commit_callbacks
):
    eager = UserFactory(
        office=office, email_preferences={NotificationKind.ASSIGNMENT_GIVEN: EmailChoice.IMMEDIATE}
    )
    with django_capture_on_commit_callbacks(execute=True):
        give(manager, [eager], start)
    [message] = mail.outbox
    assert invitation(message)[0] == "REQUEST"
    # The notice is still in the portal, and the digest does not mail it again.
    [notice] = eager.notifications.all()
    assert notice.kind == NotificationKind.ASSIGNMENT_GIVEN
    assert notice.emailed_at is not None

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(
            assigned_by=manager,
            users=[eager],
            module=ModuleFactory(title="Uten avsatt tid"),
            due_on=timezone.localdate() + timedelta(days=14),
            reserved_minutes=30,
        )
    [notice_mail] = mail.outbox
    assert "Uten avsatt tid" in notice_mail.subject


def test_the_assign_page_mails_its_office_only(
    client, office, manager, django_capture_on_commit_callbacks
):
    kari, ola = UserFactory(office=office), UserFactory(office=office)
    elsewhere = UserFactory(office=OfficeFactory(name="NAV Annet", slug="annet"))
    day = timezone.localdate() + timedelta(days=3)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("learning:assign"),
            {
                "module": ModuleFactory().pk,
                "target": "office",
                "due_on": day.isoformat(),
                "mandatory": "on",
                "reserved_minutes": 30,
                "reserved_day": day.isoformat(),
                "reserved_from": "10:00",
            },
        )
    assert response.status_code == 302
    recipients = {m.to[0] for m in mail.outbox}
    assert {kari.email, ola.email} <= recipients
    assert elsewhere.email not in recipients
    for message in mail.outbox:
        method, event, _ = invitation(message)
        assert method == "REQUEST"
        assert timezone.localtime(event.decoded("DTSTART")).hour == 10
