import pytest
from django.urls import reverse

from portal.models import Role
from portal.services import NotificationDraft, notifications_create
from tests.factories import GlossaryTermFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_unread_notifications_show_on_the_dashboard(client):
    user = UserFactory()
    notifications_create(drafts=[NotificationDraft(user.pk, "overdue", "Fristen har gått ut", "k")])
    client.force_login(user)
    assert reverse("portal:panel_notifications") in client.get("/").text
    panel = client.get(reverse("portal:panel_notifications"), HTTP_HX_REQUEST="true").text
    assert "Fristen har gått ut" in panel


def test_editors_get_their_panel_after_the_page(client):
    editor = UserFactory(roles=[Role.EDITOR])
    GlossaryTermFactory(owner=editor, freshness="review_due")
    GlossaryTermFactory(owner=None)
    client.force_login(editor)
    page = client.get("/").text
    assert f'hx-get="{reverse("portal:panel_editor")}"' in page
    panel = client.get(reverse("portal:panel_editor"), HTTP_HX_REQUEST="true").text
    assert "1 av innholdet ditt bør gjennomgås" in panel
    assert "1 innholdselement har ingen aktiv eier" in panel


def test_advisors_do_not_get_the_editor_panel(client):
    client.force_login(UserFactory(roles=[Role.ADVISOR]))
    assert reverse("portal:panel_editor") not in client.get("/").text
