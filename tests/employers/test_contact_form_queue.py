"""What employers' contact forms look like in the callback queues: marked as from the
employer, and a region's queue for the forms no office covers."""

import pytest
from django.urls import reverse

from employers.models import Callback, CallbackSource, Topic
from portal.models import Role
from tests.employers.factories import EmployerFactory
from tests.factories import OfficeFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agder():
    return RegionFactory(name="Agder", slug="agder")


@pytest.fixture
def risor(agder):
    return OfficeFactory(name="NAV Risør", slug="risor", region=agder)


@pytest.fixture
def gjerstad(agder):
    return OfficeFactory(name="NAV Gjerstad", slug="gjerstad", region=agder)


def form_callback(*, region, office=None, **values):
    defaults = {
        "employer": EmployerFactory(name="Kystlys Omsorg AS"),
        "contact_name": "Berit Fjeld",
        "phone": "37000222",
        "email": "berit@kystlys.example",
        "topic": Topic.SICK_LEAVE,
        "source": CallbackSource.EMPLOYER_FORM,
        "municipality": "Tvedestrand",
        "municipality_number": "4213",
        "employee_representative_consulted": True,
    }
    return Callback.objects.create(region=region, office=office, **(defaults | values))


def queue(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("employers:callbacks")).content.decode()


def test_a_form_in_the_offices_queue_is_marked_from_the_employer(client, agder, risor):
    form_callback(region=agder, office=risor)

    html = queue(client, UserFactory(office=risor, roles=[Role.MARKET_CONTACT]))

    assert "Kystlys Omsorg AS" in html and "Fra arbeidsgiver" in html
    assert "Venter i regionens kø" not in html


def test_the_regions_queue_is_shown_to_every_office_of_the_region_and_no_other(
    client, agder, risor, gjerstad, django_assert_max_num_queries
):
    form_callback(region=agder)
    troms = RegionFactory(name="Troms", slug="troms")
    harstad = OfficeFactory(name="NAV Harstad", slug="harstad", region=troms)

    client.force_login(UserFactory(office=gjerstad, roles=[Role.MANAGER]))
    with django_assert_max_num_queries(10):
        html = client.get(reverse("employers:callbacks")).content.decode()
    assert "Venter i regionens kø, Agder" in html and "Tvedestrand" in html
    assert "Kystlys Omsorg AS" not in queue(
        client, UserFactory(office=harstad, roles=[Role.MARKET_CONTACT])
    )


def test_an_office_takes_a_form_from_the_regions_queue_once(client, agder, risor, gjerstad):
    callback = form_callback(region=agder)
    take = reverse("employers:callback_take", args=[callback.pk])

    client.force_login(UserFactory(office=risor, roles=[Role.MARKET_CONTACT]))
    response = client.post(take)
    assert response.url == reverse("employers:callback", args=[callback.pk])
    callback.refresh_from_db()
    assert callback.office == risor

    # Gjerstad came a moment too late: the request stays Risør's, and Gjerstad no longer sees it.
    client.force_login(UserFactory(office=gjerstad, roles=[Role.MARKET_CONTACT]))
    assert client.post(take).status_code == 404
    callback.refresh_from_db()
    assert callback.office == risor


def test_the_callback_page_shows_what_the_employer_wrote(client, agder, risor):
    callback = form_callback(region=agder)
    client.force_login(UserFactory(office=risor, roles=[Role.MARKET_CONTACT]))

    html = client.get(reverse("employers:callback", args=[callback.pk])).content.decode()

    assert "berit@kystlys.example" in html
    assert "Tvedestrand (4213)" in html
    assert "Ta til vårt kontor" in html


def test_the_employers_timeline_shows_a_form_as_from_the_employer(client, agder, risor):
    callback = form_callback(region=agder)
    client.force_login(UserFactory(office=risor))

    html = client.get(callback.employer.get_absolute_url()).content.decode()

    assert "Fra arbeidsgiver" in html


def test_an_administrator_sets_the_municipalities_an_office_covers(admin_client, risor):
    page = reverse("admin:portal_office_change", args=[risor.pk])
    form = admin_client.get(page).context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields} | {
        "region": risor.region_id,
        "municipalities-TOTAL_FORMS": "1",
        "municipalities-INITIAL_FORMS": "0",
        "municipalities-0-number": "4201",
        "municipalities-0-name": "Risør",
    }

    response = admin_client.post(page, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert list(risor.municipalities.values_list("number", flat=True)) == ["4201"]
