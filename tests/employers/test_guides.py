"""Conversation guides: written by editors of the scope, under the freshness machinery."""

import pytest
from django.urls import reverse

from employers.models import ConversationGuide
from portal.freshness import Freshness
from portal.models import Role
from tests.employers.factories import ConversationGuideFactory, EmployerFactory
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_log_form_links_the_guides_to_prepare_the_conversation(client):
    guide = ConversationGuideFactory(title="Første besøk")
    ConversationGuideFactory(title="Utløpt", freshness=Freshness.EXPIRED)
    client.force_login(UserFactory())
    employer = EmployerFactory()
    html = client.get(
        reverse("employers:entry_create", args=[employer.organisation_number])
    ).content.decode()
    assert "Forbered samtalen" in html
    assert guide.get_absolute_url() in html
    assert "Utløpt" not in html


def test_a_guide_shows_its_freshness_and_counts_the_view(client):
    from portal.models import UsageCount

    guide = ConversationGuideFactory(checklist="Sjekk loggen\n- Avtal neste møte")
    client.force_login(UserFactory())
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "Avtal neste møte" in html
    assert "freshness" in html
    assert UsageCount.objects.get(object_id=guide.pk).views == 1


def test_a_regional_editor_writes_guides_only_for_the_own_region(client):
    agder, troms = RegionFactory(name="Agder"), RegionFactory(name="Troms")
    editor = UserFactory(roles=[Role.EDITOR], editor_region=agder)
    client.force_login(editor)
    data = {
        "kind": "first_visit",
        "title": "Første besøk i Agder",
        "slug": "forste-besok-agder",
        "region": troms.pk,
        "questions": "- Hva trenger dere?",
        "offers": "- Rekruttering",
        "checklist": "Logg besøket",
        "content_kind": "static",
        "review_interval": "180",
        "is_published": "on",
    }
    response = client.post(reverse("employers:guide_create"), data)
    assert response.status_code == 200
    assert not ConversationGuide.objects.exists()
    response = client.post(reverse("employers:guide_create"), {**data, "region": agder.pk})
    guide = ConversationGuide.objects.get()
    assert response.status_code == 302
    assert (guide.owner, guide.last_reviewed_by) == (editor, editor)
    national = ConversationGuideFactory()
    assert client.get(reverse("employers:guide_edit", args=[national.slug])).status_code == 403


def test_advisors_cannot_write_guides(client):
    client.force_login(UserFactory())
    assert client.get(reverse("employers:guide_create")).status_code == 403
