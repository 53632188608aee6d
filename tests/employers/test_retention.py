from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings

from employers.models import Channel, ContactEntry, ContactEntryRevision, Employer
from employers.services import (
    contact_entries_clear_old_text,
    contact_entry_delete,
    contact_entry_update,
)
from portal.audit import audit_events_clear_text
from portal.models import AuditEvent
from tests.employers.factories import ContactEntryFactory

pytestmark = pytest.mark.django_db


@override_settings(CONTACT_LOG_TEXT_RETENTION_YEARS=5)
def test_old_free_text_is_cleared_and_the_rest_kept():
    old = ContactEntryFactory(contacted_on=date(2021, 11, 27), summary="Gammel tekst", outcome="X")
    contact_entry_update(entry=old, editor=old.author, values={"summary": "Rettet gammel tekst"})
    kept = ContactEntryFactory(contacted_on=date(2021, 11, 28), summary="Innenfor fem år")

    assert contact_entries_clear_old_text(today=date(2026, 11, 28)) == 1
    assert contact_entries_clear_old_text(today=date(2026, 11, 28)) == 0

    old.refresh_from_db()
    assert (old.summary, old.outcome) == ("", "")
    assert old.contacted_on == date(2021, 11, 27) and old.topics and old.author_id
    assert ContactEntryRevision.objects.get(entry=old).changes == {}
    assert ContactEntry.objects.get(pk=kept.pk).summary == "Innenfor fem år"


@override_settings(CONTACT_LOG_TEXT_RETENTION_YEARS=5)
def test_the_audit_trail_loses_its_copies_of_old_text_and_keeps_the_rest():
    old = ContactEntryFactory(contacted_on=date(2021, 11, 27), summary="Gammel tekst", outcome="X")
    contact_entry_update(
        entry=old,
        editor=old.author,
        values={"summary": "Rettet gammel tekst", "outcome": "Y", "channel": Channel.VIDEO},
    )
    contact_entry_delete(entry=old, by=old.author)
    young = ContactEntryFactory(contacted_on=date(2021, 11, 28), summary="Innenfor fem år")
    contact_entry_update(entry=young, editor=young.author, values={"summary": "Fortsatt ung"})
    # Another kind of object that happens to have the same id keeps its text.
    other = AuditEvent.objects.create(
        action="employer.changed",
        target_type=ContentType.objects.get_for_model(Employer),
        target_id=old.pk,
        before={"summary": "Om arbeidsgiveren"},
    )
    edited = AuditEvent.objects.get(action="contact_entry.edited", target_id=old.pk)
    channel_before = edited.before["channel"]

    contact_entries_clear_old_text(today=date(2026, 11, 28))

    edited.refresh_from_db()
    assert edited.before == {"summary": "", "outcome": "", "channel": channel_before}
    assert edited.after == {"summary": "", "outcome": "", "channel": Channel.VIDEO}
    assert edited.actor == old.author
    deleted = AuditEvent.objects.get(action="contact_entry.deleted")
    assert deleted.before == {"summary": "", "contacted_on": "2021-11-27"}
    kept = AuditEvent.objects.get(action="contact_entry.edited", target_id=young.pk)
    assert kept.before == {"summary": "Innenfor fem år"}
    assert kept.after == {"summary": "Fortsatt ung"}
    other.refresh_from_db()
    assert other.before == {"summary": "Om arbeidsgiveren"}
    texts = AuditEvent.objects.filter(target_id=old.pk).values_list("before", "after")
    assert "Gammel tekst" not in str(list(texts)) and "Rettet" not in str(list(texts))


@override_settings(CONTACT_LOG_TEXT_RETENTION_YEARS=5)
def test_audit_events_already_cleared_are_not_written_again():
    old = ContactEntryFactory(contacted_on=date(2021, 11, 27), summary="Gammel tekst")
    contact_entry_update(entry=old, editor=old.author, values={"summary": "Rettet"})
    contact_entries_clear_old_text(today=date(2026, 11, 28))
    about = ContactEntry.objects.filter(pk=old.pk)
    assert audit_events_clear_text(about=about, keys=("summary", "outcome")) == 0
