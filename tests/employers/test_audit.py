"""Contact-log edits and deletions, and exports, leave an audit trail."""

import pytest
from django.urls import reverse

from employers.services import contact_entry_delete, contact_entry_update
from portal.models import AuditEvent
from tests.employers.factories import ContactEntryFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_edit_is_recorded_with_before_and_after():
    entry = ContactEntryFactory(summary="Ringte om rekruttering")
    contact_entry_update(entry=entry, editor=entry.author, values={"summary": "Ringte om IA"})
    event = AuditEvent.objects.get(action="contact_entry.edited")
    assert event.actor == entry.author
    assert event.before == {"summary": "Ringte om rekruttering"}
    assert event.after == {"summary": "Ringte om IA"}


def test_a_deletion_is_recorded_once():
    entry = ContactEntryFactory()
    admin = UserFactory(is_superuser=True)
    contact_entry_delete(entry=entry, by=admin)
    contact_entry_delete(entry=entry, by=admin)
    event = AuditEvent.objects.get(action="contact_entry.deleted")
    assert event.actor == admin and event.target_id == entry.pk


def test_an_export_is_recorded(client):
    entry = ContactEntryFactory()
    client.force_login(entry.author)
    url = reverse("employers:export", args=[entry.employer.organisation_number, "csv"])
    assert client.get(url).status_code == 200
    event = AuditEvent.objects.get(action="export")
    assert event.after["format"] == "csv" and event.actor == entry.author
