import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import override_settings

from portal.models import EmailChoice, Feedback, Notification, NotificationKind, UsageCount
from portal.services import NotificationDraft, notification_send_email, notifications_create
from portal.usage import feedback_give, record_view
from tests.factories import GlossaryTermFactory, UserFactory

pytestmark = pytest.mark.django_db


def draft(user, key="k1", kind=NotificationKind.ASSIGNMENT_GIVEN):
    return NotificationDraft(recipient_id=user.pk, kind=kind, title="Ny oppgave", dedup_key=key)


def test_a_notification_happens_once_per_key():
    user = UserFactory()
    assert notifications_create(drafts=[draft(user)]) == 1
    assert notifications_create(drafts=[draft(user), draft(user, key="k2")]) == 1
    assert Notification.objects.filter(recipient=user).count() == 2


def test_by_default_no_mail_goes_out_right_away(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notifications_create(drafts=[draft(user)])
    assert mail.outbox == []


def test_who_asked_for_mail_right_away_gets_exactly_one(django_capture_on_commit_callbacks):
    user = UserFactory(email_preferences={NotificationKind.ASSIGNMENT_GIVEN: EmailChoice.IMMEDIATE})
    with django_capture_on_commit_callbacks(execute=True):
        notifications_create(drafts=[draft(user)])
    notification = Notification.objects.get()
    assert notification_send_email(notification_id=notification.pk) is False  # already sent
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert mail.outbox[0].subject == "Ny oppgave"


def test_usage_is_counted_per_day_without_who():
    term = GlossaryTermFactory()
    record_view(term)
    record_view(term)
    row = UsageCount.objects.get()
    assert row.views == 2
    assert {f.name for f in UsageCount._meta.fields} == {
        "id",
        "content_type",
        "object_id",
        "day",
        "views",
    }


def test_feedback_is_one_answer_per_person_that_can_change():
    user, term = UserFactory(), GlossaryTermFactory()
    feedback_give(user=user, obj=term, useful=False, comment="For abstrakt")
    feedback_give(user=user, obj=term, useful=True)
    feedback = Feedback.objects.get()
    assert feedback.useful is True
    assert feedback.content_type == ContentType.objects.get_for_model(term)


@override_settings(LANGUAGE_CODE="nb")
def test_feedback_view_refuses_models_that_take_none(client):
    client.force_login(UserFactory())
    term = GlossaryTermFactory()
    response = client.post(f"/tilbakemelding/portal.glossaryterm/{term.pk}/", {"useful": "yes"})
    assert response.status_code == 404
    assert not Feedback.objects.exists()
