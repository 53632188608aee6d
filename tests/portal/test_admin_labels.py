"""The admin's forms label our fields in bokmål, also those without a translated verbose_name."""

import pytest
from django.urls import reverse

from portal.admin_labels import FIELD_NAMES
from portal.models import Notification, NotificationKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_field_django_named_itself_is_labelled_in_bokmaal(client):
    admin = UserFactory(is_staff=True, is_superuser=True, language="nb")
    notification = Notification.objects.create(
        recipient=admin, kind=NotificationKind.DUE_SOON, title="Frist", url="/"
    )
    client.force_login(admin)
    page = client.get(
        reverse("admin:portal_notification_change", args=[notification.pk])
    ).content.decode()
    assert ">Mottaker:</label>" in page and ">Tittel:</label>" in page
    assert "Recipient" not in page and ">Title:" not in page


def test_every_listed_name_has_a_translation():
    from django.utils import translation

    with translation.override("nb"):
        untranslated = sorted(n for n in FIELD_NAMES if translation.gettext(n) == n)
    assert set(untranslated) <= {"plan", "region", "status"}  # the same in bokmål
