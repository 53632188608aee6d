from datetime import date

import pytest
from django.test import override_settings

from employers.models import ContactEntry, ContactEntryRevision
from employers.services import contact_entries_clear_old_text, contact_entry_update
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
