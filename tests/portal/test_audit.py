import pytest
from django.urls import reverse

from portal.audit import audit_record
from portal.models import AuditEvent, Role
from tests.factories import OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_role_change_in_admin_is_recorded_with_before_and_after(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    person = UserFactory(roles=[Role.ADVISOR])
    new_office = OfficeFactory()
    client.force_login(admin)
    url = reverse("admin:portal_user_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {
        "username": person.username,
        "roles": "veileder,leder",
        "office": new_office.pk,
        "language": "nb",
        "date_joined_0": "01.01.2026",
        "date_joined_1": "08:00:00",
        "email_preferences": "{}",
    }
    data.pop("password", None)
    data.pop("groups", None)
    data.pop("user_permissions", None)
    data.pop("last_login", None)
    data.pop("date_joined", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action="user.access_changed")
    assert event.actor == admin
    assert event.before["roles"] == ["veileder"]
    assert event.after["roles"] == ["veileder", "leder"]
    assert event.after["office_id"] == new_office.pk


def test_audit_events_cannot_be_changed_in_admin(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    event = audit_record(actor=admin, action="export", before=None, after={"rows": 3})
    client.force_login(admin)
    assert client.get(reverse("admin:portal_auditevent_changelist")).status_code == 200
    assert (
        client.post(reverse("admin:portal_auditevent_delete", args=[event.pk])).status_code == 403
    )
