"""Django admin's generated forms keep SPEC's rule: no national identity number in free text."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from portal.forms import IdentityNumberGuard
from portal.models import GlossaryTerm, User

IDENTITY_NUMBER_AS_WRITTEN = "151086-95088"


OUR_APPS = {"portal", "learning", "marketinfo", "employers"}


def _admins():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in OUR_APPS:
            yield pytest.param(model_admin, id=model._meta.label)


@pytest.mark.django_db
@pytest.mark.parametrize("model_admin", list(_admins()))
def test_every_admin_form_and_inline_is_guarded(model_admin):
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True)
    assert issubclass(model_admin.get_form(request), IdentityNumberGuard)
    for inline in model_admin.get_inline_instances(request):
        assert issubclass(inline.get_formset(request).form, IdentityNumberGuard)


@pytest.mark.django_db
def test_an_identity_number_in_a_glossary_definition_is_refused_and_nothing_saved(client):
    client.force_login(User.objects.create_superuser("rot", "rot@example.invalid", "x"))
    response = client.post(
        reverse("admin:portal_glossaryterm_add"),
        {
            "term": "Mentor",
            "slug": "mentor",
            "definition": f"Ring {IDENTITY_NUMBER_AS_WRITTEN} om saken.",
            "content_kind": "static",
            "review_interval_days": 365,
        },
    )
    assert response.status_code == 200
    assert "fødselsnummer" in response.content.decode()
    assert not GlossaryTerm.objects.filter(term="Mentor").exists()


@pytest.mark.django_db
def test_the_admin_takes_an_organisation_number_as_pasted():
    from employers.models import Employer

    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True)
    field = admin.site._registry[Employer].get_form(request).base_fields["organisation_number"]
    assert field.clean("NO 974 760 673 MVA") == "974760673"
    assert field.max_length is None
