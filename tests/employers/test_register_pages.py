"""The register as people meet it: the admin upload, a closed unit's page, and logging a
contact with a closed unit."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from employers.models import Employer, RegisterImport, RegisterStatus
from tests.employers.factories import EmployerFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, language="nb"))
    return client


def test_the_admin_upload_imports_in_a_task_and_shows_the_result(
    admin_client, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("enheter.csv", (DATA / "enheter.csv").read_bytes())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(reverse("admin:employers_employer_import"), {"file": upload})
    # The request only kept the file; the import ran in the task handed over on commit.
    assert len(callbacks) == 1
    run = RegisterImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:employers_registerimport_change", args=[run.pk])
    assert (run.status, run.units, run.created, run.skipped_count) == ("done", 5, 5, 1)
    assert not run.file  # deleted once imported
    page = admin_client.get(response["Location"]).content.decode()
    assert "Ferdig" in page
    assert "Linje 10: ugyldig organisasjonsnummer" in page
    assert Employer.objects.get(organisation_number="812345028").register_status == "bankrupt"


def test_the_upload_page_refuses_a_binary_file_beside_the_field(admin_client):
    upload = SimpleUploadedFile("enheter.csv", b"\x89PNG\r\n\x1a\n\x00\x00")
    response = admin_client.post(reverse("admin:employers_employer_import"), {"file": upload})
    assert response.status_code == 200
    assert "Dette er ikke en fil fra registeret" in response.content.decode()
    assert not RegisterImport.objects.exists()


def test_an_advisor_cannot_reach_the_upload(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:employers_employer_import"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("status", "tag"),
    [
        (RegisterStatus.BANKRUPT, "Konkurs"),
        (RegisterStatus.UNDER_LIQUIDATION, "Under avvikling"),
        (RegisterStatus.CLOSED, "Nedlagt"),
        (RegisterStatus.DELETED, "Slettet fra registeret"),
    ],
)
def test_a_closed_unit_is_kept_and_tagged_on_its_page(client, status, tag):
    client.force_login(UserFactory(language="nb"))
    employer = EmployerFactory(register_status=status, register_status_on="2026-03-02")
    html = client.get(employer.get_absolute_url()).content.decode()
    assert f"{tag} siden 2. mars 2026" in html


def test_an_active_unit_has_no_tag(client):
    client.force_login(UserFactory(language="nb"))
    employer = EmployerFactory(employees=12, website="www.randvik.no", organisation_form="AS")
    html = client.get(employer.get_absolute_url()).content.decode()
    assert "siden" not in html
    assert "12 ansatte" in html and "www.randvik.no" in html


def test_logging_a_contact_with_a_bankrupt_unit_shows_a_warning(client):
    client.force_login(UserFactory(language="nb"))
    bankrupt = EmployerFactory(name="Brønn Boring AS", register_status=RegisterStatus.BANKRUPT)
    active = EmployerFactory(name="Aktiv AS")
    url = "employers:entry_create"
    warned = client.get(reverse(url, args=[bankrupt.organisation_number])).content.decode()
    assert "Brønn Boring AS er konkurs ifølge Enhetsregisteret" in warned
    calm = client.get(reverse(url, args=[active.organisation_number])).content.decode()
    assert "ifølge Enhetsregisteret" not in calm
