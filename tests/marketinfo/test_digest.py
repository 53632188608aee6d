"""When a summary is published its readers are told: in the portal, and by e-mail once."""

import pytest
from django.core import mail

from marketinfo import services
from marketinfo.models import DigestDelivery
from marketinfo.tasks import send_summary_digest
from portal.models import EmailChoice, Notification, NotificationKind, Role
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import ItemFactory, SummaryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Risør", slug="risor")


@pytest.fixture
def summary(office):
    summary = SummaryFactory(office=office, headline="Brønnboring trenger folk")
    ItemFactory(summary=summary, title="Kantinemedarbeider")
    return summary


def test_publishing_mails_the_office_once_in_norwegian_html_and_text(
    office, summary, django_capture_on_commit_callbacks
):
    advisor = UserFactory(username="veil", office=office, roles=[Role.ADVISOR.value])
    elsewhere = UserFactory(username="annet", office=OfficeFactory(name="NAV Harstad"))
    with django_capture_on_commit_callbacks(execute=True):
        services.summary_publish(summary_id=summary.pk)
    assert [m.to for m in mail.outbox] == [[advisor.email]]
    message = mail.outbox[0]
    assert message.subject.startswith("Ny ukesoppsummering")
    assert "Kantinemedarbeider" in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and "Brønnboring trenger folk" in html
    assert Notification.objects.filter(
        recipient=advisor, kind=NotificationKind.SUMMARY_PUBLISHED
    ).exists()
    assert not Notification.objects.filter(recipient=elsewhere).exists()


def test_the_digest_goes_out_exactly_once_even_if_the_task_runs_twice(office, summary):
    UserFactory(username="veil", office=office)
    services.summary_publish(summary_id=summary.pk)  # its task waits for a commit: none here
    assert mail.outbox == []
    send_summary_digest.delay(summary.pk)
    send_summary_digest.delay(summary.pk)
    assert len(mail.outbox) == 1
    assert DigestDelivery.objects.filter(summary=summary).count() == 1
    assert Notification.objects.count() == 1


def test_who_chose_a_digest_or_nothing_gets_no_mail_but_the_notification(office, summary):
    daily = UserFactory(username="daglig", office=office)
    daily.email_preferences = {NotificationKind.SUMMARY_PUBLISHED: EmailChoice.DAILY}
    daily.save()
    off = UserFactory(username="av", office=office)
    off.email_preferences = {NotificationKind.SUMMARY_PUBLISHED: EmailChoice.OFF}
    off.save()
    services.summary_publish(summary_id=summary.pk)
    send_summary_digest.delay(summary.pk)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient__in=[daily, off]).count() == 2


def test_a_region_summary_reaches_every_office_in_the_region(office):
    neighbour = OfficeFactory(name="NAV Gjerstad", region=office.region)
    summary = SummaryFactory(office=None, region=office.region)
    UserFactory(username="a", office=office)
    UserFactory(username="b", office=neighbour)
    services.summary_publish(summary_id=summary.pk)
    send_summary_digest.delay(summary.pk)
    assert len(mail.outbox) == 2


def test_a_draft_sends_nothing(office, summary):
    UserFactory(username="veil", office=office)
    assert services.summary_send_digest(summary_id=summary.pk) == 0
    assert mail.outbox == []


def test_each_reader_is_greeted_by_name_in_their_own_language(
    office, summary, django_capture_on_commit_callbacks
):
    UserFactory(username="kari", first_name="Kari", office=office, language="nb")
    UserFactory(username="ola", first_name="Ola <b>", office=office, language="nb")
    UserFactory(username="john", first_name="John", office=office, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.summary_publish(summary_id=summary.pk)
    by_reader = {m.to[0].split("@")[0]: m for m in mail.outbox}
    assert "Hei Kari," in by_reader["kari"].body and "Ola" not in by_reader["kari"].body
    assert "Hei Ola <b>," in by_reader["ola"].body  # plain text stays plain
    assert "Hei Ola &lt;b&gt;," in by_reader["ola"].alternatives[0][0]
    assert by_reader["john"].body.startswith("Hi John,")
    assert by_reader["john"].subject.startswith("New weekly summary")
