from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.models import EmailChoice, Notification, NotificationKind
from portal.services import NotificationDraft, digests_send, notifications_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def notify(user, key, kind=NotificationKind.ASSIGNMENT_GIVEN, url="/laering/"):
    notifications_create(
        drafts=[
            NotificationDraft(
                recipient_id=user.pk, kind=kind, title=f"Varsel {key}", dedup_key=key, url=url
            )
        ]
    )


def test_the_header_counts_unread_and_opening_one_lowers_the_count(client):
    user = UserFactory()
    notify(user, "a")
    notify(user, "b")
    client.force_login(user)
    count_url = reverse("portal:notification_count")
    assert f'hx-get="{count_url}"' in client.get(reverse("portal:glossary")).text
    assert "uleste: </span>2" in client.get(count_url, HTTP_HX_REQUEST="true").text
    opened = Notification.objects.get(dedup_key="a")
    open_url = reverse("portal:notification_open", args=[opened.pk])
    assert f'hx-post="{open_url}"' in client.get(reverse("portal:notifications")).text
    # Opened in a new tab (a GET): it goes there and changes nothing.
    assert client.get(open_url)["Location"] == "/laering/"
    assert "uleste: </span>2" in client.get(count_url, HTTP_HX_REQUEST="true").text
    # Clicked (htmx posts): marked read, and the browser is sent on.
    response = client.post(open_url, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == "/laering/"
    assert "uleste: </span>1" in client.get(count_url, HTTP_HX_REQUEST="true").text


def test_someone_elses_notification_is_not_found(client):
    notify(UserFactory(), "theirs")
    client.force_login(UserFactory())
    other = Notification.objects.get()
    assert client.post(reverse("portal:notification_open", args=[other.pk])).status_code == 404
    assert Notification.objects.get().read_at is None


def test_mark_all_as_read(client):
    user = UserFactory()
    notify(user, "a")
    client.force_login(user)
    client.post(reverse("portal:notifications_read_all"))
    assert not Notification.objects.unread().exists()


def test_the_list_stays_within_its_query_budget(client, django_assert_num_queries_same):
    user = UserFactory()
    client.force_login(user)
    notify(user, "first")
    count = django_assert_num_queries_same(
        lambda: client.get(reverse("portal:notifications")),
        lambda: [notify(user, f"k{i}") for i in range(40)],
    )
    assert count <= 10


def test_settings_choose_email_per_kind(client):
    user = UserFactory()
    client.force_login(user)
    data = {"language": "nb"} | {f"email_{k}": EmailChoice.OFF for k in NotificationKind.values}
    data["email_overdue"] = EmailChoice.IMMEDIATE
    client.post(reverse("portal:account_settings"), data)
    user.refresh_from_db()
    assert user.email_choice(NotificationKind.OVERDUE) == EmailChoice.IMMEDIATE
    assert user.email_choice(NotificationKind.DUE_SOON) == EmailChoice.OFF


def test_daily_digest_sends_one_mail_per_person_once():
    kari = UserFactory(first_name="Kari")
    ola = UserFactory(email_preferences={NotificationKind.ASSIGNMENT_GIVEN: EmailChoice.WEEKLY})
    silent = UserFactory(email_preferences={NotificationKind.ASSIGNMENT_GIVEN: EmailChoice.OFF})
    for user in (kari, ola, silent):
        notify(user, "a")
        notify(user, "b", kind=NotificationKind.DUE_SOON)

    assert digests_send(frequency="daily") == 3  # everyone's DUE_SOON; only Kari's both kinds
    assert digests_send(frequency="daily") == 0
    kari_mail = next(m for m in mail.outbox if m.to == [kari.email])
    assert "Varsel a" in kari_mail.body and "Varsel b" in kari_mail.body
    assert kari_mail.alternatives and "Hei Kari" in kari_mail.body

    assert digests_send(frequency="weekly") == 1  # Ola's assignment
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 1  # the silent one


def test_read_notifications_are_not_mailed_again():
    user = UserFactory()
    notify(user, "a")
    Notification.objects.update(read_at=timezone.now() - timedelta(minutes=1))
    assert digests_send(frequency="daily") == 0


def test_accessibility_statement_is_public_and_names_the_standard(client):
    response = client.get(reverse("portal:accessibility"))
    assert response.status_code == 200
    assert "WCAG 2.1" in response.text
    assert "Meld fra om problemer" in response.text
