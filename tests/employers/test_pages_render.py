"""What the faster employer pages show: links, labels and filters as before."""

from datetime import date

import pytest
from django.urls import reverse

from employers.models import Callback, ContactEntry, PlannedContact
from portal.dates import short_date
from tests.employers.factories import EmployerFactory
from tests.factories import OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(client):
    user = UserFactory(office=OfficeFactory(name="NAV Risør"), first_name="Kari", last_name="Lie")
    client.force_login(user)
    return user


def _entry(employer, author, **fields) -> ContactEntry:
    values = {
        "contacted_on": date(2026, 3, 2),
        "channel": "phone",
        "topics": ["recruitment", "sick_leave"],
        "summary": "Ringte om sommerjobber.",
    }
    return ContactEntry.objects.create(
        employer=employer, author=author, office_id=author.office_id, **{**values, **fields}
    )


def test_the_timeline_shows_each_kind_with_its_label_date_and_link(client, viewer):
    employer = EmployerFactory(name="Randvik Bygg AS")
    entry = _entry(employer, viewer, summary="x" * 400, outcome="Avtalt møte.")
    PlannedContact.objects.create(
        employer=employer,
        author=viewer,
        office_id=viewer.office_id,
        planned_on=date(2026, 3, 20),
        channel="visit",
        topics=["work_training"],
    )
    Callback.objects.create(
        employer=employer,
        contact_name="Per",
        phone="1",
        topic="recruitment",
        office_id=viewer.office_id,
        taken_by=viewer,
        received_on=date(2026, 3, 1),
    )
    html = client.get(employer.get_absolute_url()).content.decode()
    assert 'data-color="info">Kontakt</span>' in html
    assert 'data-color="warning">Planlagt</span>' in html
    assert 'data-color="neutral">Ønske om å bli ringt opp</span>' in html
    assert '<time datetime="2026-03-02">2. mars 2026</time>' in html
    assert f'<a href="{reverse("employers:entry", args=[entry.pk])}">Åpne innslaget' in html
    assert "Rekruttering, Forebygge sykefravær / IA" in html
    # Long texts are shortened to 300 characters, the last an ellipsis.
    assert f"<p>{'x' * 299}…</p>" in html
    assert "Avtalt møte." in html


def test_the_office_filter_lists_every_office_and_keeps_the_chosen_one(client, viewer):
    employer = EmployerFactory()
    other = OfficeFactory(name="NAV Ørsta & Volda")
    html = client.get(employer.get_absolute_url(), {"kontor": other.pk}).content.decode()
    assert f'<option value="{other.pk}" selected>NAV Ørsta &amp; Volda</option>' in html
    assert f'<option value="{viewer.office_id}">NAV Risør</option>' in html
    log = client.get(reverse("employers:log")).content.decode()
    assert f'<option value="{other.pk}">NAV Ørsta &amp; Volda</option>' in log


def test_the_contact_log_links_each_entry_and_its_employer(client, viewer):
    employer = EmployerFactory(name="Randvik Bygg AS", organisation_number="923609016")
    entry = _entry(employer, viewer, channel="visit")
    html = client.get(reverse("employers:log"), HTTP_HX_REQUEST="true").content.decode()
    day = short_date(entry.contacted_on)  # «2. mar.», with the year in another year
    assert f'<a href="{reverse("employers:entry", args=[entry.pk])}">{day}</a>' in html
    assert '<a href="/arbeidsgivere/923609016/">Randvik Bygg AS</a>' in html
    assert '<td class="aksel-table__data-cell">Besøk</td>' in html
    assert "Kari Lie (NAV Risør)" in html


def test_search_results_link_to_the_employer_and_name_the_main_unit(client, viewer):
    main = EmployerFactory(name="Randvik Konsern AS", organisation_number="974760673")
    EmployerFactory(
        name="Randvik Bygg AS avd. Risør", organisation_number="923609016", main_unit=main
    )
    html = client.get(reverse("employers:index"), {"q": "randvik bygg"}).content.decode()
    assert '<a href="/arbeidsgivere/923609016/">Randvik Bygg AS avd. Risør</a>' in html
    assert "underenhet av Randvik Konsern AS" in html
    by_number = client.get(reverse("employers:index"), {"q": "9236"}).content.decode()
    assert "underenhet av Randvik Konsern AS" in by_number
