"""The employer register: registering with the MOD11 check, sub-units, instant search."""

import pytest
from django.urls import reverse

from employers.models import Employer, word_starts_sql
from tests.employers.factories import EmployerFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_an_invalid_organisation_number_is_shown_beside_the_field_and_kept(client, advisor):
    response = client.post(
        reverse("employers:create"), {"organisation_number": "974760674", "name": "Feil AS"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_organisation_number_error"' in html
    assert "kontrollsifferet" in html
    assert 'value="974760674"' in html
    assert not Employer.objects.exists()


@pytest.mark.parametrize("typed", ["/", "974760674", "abc"])
def test_a_refused_organisation_number_on_edit_keeps_the_page_on_the_real_employer(
    client, advisor, typed
):
    employer = EmployerFactory(name="Risør Trebåt AS")
    url = reverse("employers:edit", args=[employer.organisation_number])
    response = client.post(url, {"organisation_number": typed, "name": "Risør Trebåt AS"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_organisation_number_error"' in html
    assert reverse("employers:detail", args=[employer.organisation_number]) in html
    employer.refresh_from_db()
    assert employer.name == "Risør Trebåt AS"


def test_a_sub_unit_is_registered_under_its_main_unit(client, advisor):
    main = EmployerFactory(organisation_number="974760673", name="Hovedenhet AS")
    response = client.post(
        reverse("employers:create"),
        {
            "organisation_number": "923609016",
            "name": "Hovedenhet AS avd. Risør",
            "main_unit_number": "974760673",
            "size_band": "5-19",
        },
    )
    sub = Employer.objects.get(organisation_number="923609016")
    assert response.status_code == 302
    assert response["Location"] == sub.get_absolute_url()
    assert sub.main_unit == main
    page = client.get(main.get_absolute_url()).content.decode()
    assert "Hovedenhet AS avd. Risør" in page


def test_an_unknown_main_unit_is_refused(client, advisor):
    response = client.post(
        reverse("employers:create"),
        {"organisation_number": "923609016", "name": "X", "main_unit_number": "974760673"},
    )
    assert "id_main_unit_number_error" in response.content.decode()
    assert not Employer.objects.exists()


def test_search_finds_by_part_of_the_name_and_by_the_start_of_the_number(client, advisor):
    EmployerFactory(name="Sørkyst Fiskeforedling AS", organisation_number="974760673")
    EmployerFactory(name="Randvik Båtbyggeri AS", organisation_number="923609016")
    by_name = client.get(reverse("employers:index"), {"q": "fiskefor"}).content.decode()
    assert "Sørkyst Fiskeforedling AS" in by_name
    assert "Randvik" not in by_name
    by_number = client.get(reverse("employers:index"), {"q": "92360"}).content.decode()
    assert "Randvik Båtbyggeri AS" in by_number
    assert "Sørkyst" not in by_number


def test_search_as_you_type_answers_htmx_with_the_results_only(client, advisor):
    EmployerFactory(name="Randvik Båtbyggeri AS")
    response = client.get(reverse("employers:index"), {"q": "båt"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Randvik Båtbyggeri AS" in html
    assert "<h1" not in html


def test_search_hides_deleted_employers(client, advisor):
    from django.utils import timezone

    EmployerFactory(name="Nedlagt AS", deleted_at=timezone.now())
    html = client.get(reverse("employers:index"), {"q": "nedlagt"}).content.decode()
    assert "Nedlagt AS</a>" not in html


def test_contact_persons_are_added_to_the_employer(client, advisor):
    employer = EmployerFactory()
    client.post(
        reverse("employers:contact_person_create", args=[employer.organisation_number]),
        {"name": "Hilde Aasen", "role": "Produksjonsleder", "phone": "370 00 111"},
    )
    assert employer.contact_persons.get().role == "Produksjonsleder"
    assert "Hilde Aasen" in client.get(employer.get_absolute_url()).content.decode()


def test_a_name_search_needs_three_letters(client, advisor):
    EmployerFactory(name="AS Bygg")
    html = client.get(reverse("employers:index"), {"q": "AS"}).content.decode()
    assert "minst tre bokstaver" in html
    assert "AS Bygg</a>" not in html


def test_search_answers_from_the_indexes(advisor):
    """The planner must be able to answer both searches from an index (no full scan)."""
    from django.db import connection

    EmployerFactory.create_batch(30)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    with connection.cursor() as cursor:
        sql, params = word_starts_sql(["fiskefor"], 20)
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "employer_name_word_prefix" in plan
    assert "organisation_number_key" in Employer.objects.by_number_start("81000").explain()


def test_search_finds_the_start_of_any_word_and_needs_every_word(advisor):
    EmployerFactory(name="Randvik Bygg & Anlegg AS")
    EmployerFactory(name="Sørkyst Bygg-Service AS avd. Bergen")
    EmployerFactory(name="Byggmester Hansen DA")
    EmployerFactory(name="Nordbygg AS")
    EmployerFactory(name="Sørkyst Fiskeforedling AS")
    EmployerFactory(name="Ålesund Rør og Byggvarer AS")
    EmployerFactory(name="Byggteknikk Vest AS")
    # The shortest matching word first («bygg» before «byggmester»), then shorter names;
    # with this many whole-word starts, «Nordbygg» (inside a word) is not listed.
    assert [e.name for e in Employer.objects.search("BYGG")] == [
        "Randvik Bygg & Anlegg AS",
        "Sørkyst Bygg-Service AS avd. Bergen",
        "Byggmester Hansen DA",
        "Byggteknikk Vest AS",
        "Ålesund Rør og Byggvarer AS",
    ]
    assert [e.name for e in Employer.objects.search("sørkyst berg")] == [
        "Sørkyst Bygg-Service AS avd. Bergen"
    ]
    assert [e.name for e in Employer.objects.search("ålesund rør")] == [
        "Ålesund Rør og Byggvarer AS"
    ]


def test_a_name_matching_twice_is_listed_once(advisor):
    EmployerFactory(name="Bygg og Byggservice AS")
    assert [e.name for e in Employer.objects.search("bygg")] == ["Bygg og Byggservice AS"]


def test_with_few_word_matches_the_search_also_looks_inside_words(advisor):
    EmployerFactory(name="Foredling Nord AS")
    EmployerFactory(name="Sørkyst Fiskeforedling AS")
    found = [e.name for e in Employer.objects.search("foredling")]
    assert found == ["Foredling Nord AS", "Sørkyst Fiskeforedling AS"]


def test_a_renamed_or_deleted_employer_is_found_by_its_new_name_only(advisor):
    from django.utils import timezone

    employer = EmployerFactory(name="Gammelnavn AS")
    employer.name = "Nyttnavn Industri AS"
    employer.save()
    assert Employer.objects.search("gammelnavn") == []
    assert Employer.objects.search("industri") == [employer]
    Employer.objects.filter(pk=employer.pk).update(deleted_at=timezone.now())
    assert Employer.objects.search("nyttnavn") == []
    Employer.objects.filter(pk=employer.pk).update(deleted_at=None)
    assert Employer.objects.search("nyttnavn") == [employer]


def test_the_closest_name_comes_first(advisor):
    EmployerFactory(name="Nordlys Renhold og Vaktmestertjenester AS")
    EmployerFactory(name="Renhold AS")
    names = [e.name for e in Employer.objects.search("renhold")]
    assert names[0] == "Renhold AS"
