import pytest
from django.test import override_settings
from django.urls import reverse

from portal.models import Role, User
from tests.factories import OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_is_norwegian(client):
    response = client.get(reverse("portal:login"))
    assert "Logg inn i Kompetanseportalen" in response.text
    assert '<html lang="nb">' in response.text


def test_login_takes_the_user_to_the_dashboard_naming_office_and_roles(client):
    office = OfficeFactory(name="NAV Risør")
    UserFactory(username="kari", office=office, roles=[Role.ADVISOR, Role.MARKET_CONTACT])
    response = client.post(
        reverse("portal:login"), {"username": "kari", "password": "demo"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "NAV Risør" in response.text
    assert "Veileder, Markedskontakt" in response.text


def test_a_new_session_key_at_login(client):
    UserFactory(username="kari")
    client.get(reverse("portal:login"))
    before = client.session.session_key
    client.post(reverse("portal:login"), {"username": "kari", "password": "demo"})
    assert client.session.session_key != before


def test_wrong_password_keeps_the_username_and_explains_in_norwegian(client):
    UserFactory(username="kari")
    response = client.post(reverse("portal:login"), {"username": "kari", "password": "feil"})
    assert response.status_code == 200
    assert "Feil brukernavn eller passord" in response.text
    assert 'value="kari"' in response.text


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_after_repeated_failures_even_with_the_right_password(client):
    UserFactory(username="kari")
    for _ in range(3):
        client.post(reverse("portal:login"), {"username": "kari", "password": "feil"})
    response = client.post(reverse("portal:login"), {"username": "kari", "password": "demo"})
    assert response.status_code == 429
    assert "For mange mislykkede forsøk" in response.text
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client):
    client.force_login(UserFactory())
    response = client.post(reverse("portal:logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_each_user_is_served_in_their_own_language(client):
    client.force_login(UserFactory(first_name="Kari", language="en"))
    assert "Good to see you, Kari" in client.get("/").text


def test_a_user_changes_language_in_settings(client):
    user = UserFactory(first_name="Kari")
    client.force_login(user)
    assert "Godt å se deg, Kari" in client.get("/").text
    response = client.post(reverse("portal:account_settings"), {"language": "en"}, follow=True)
    assert "Your settings are saved." in response.text
    user.refresh_from_db()
    assert user.language == "en"


def test_an_unknown_language_is_refused_beside_the_field(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("portal:account_settings"), {"language": "xx"})
    assert "Velg et gyldig valg" in response.text
    user.refresh_from_db()
    assert user.language == "nb"


def test_a_user_without_an_office_is_told_so(client):
    client.force_login(UserFactory(office=None))
    assert "Du er ikke knyttet til et kontor ennå" in client.get("/").text


def test_the_user_model_is_ours():
    assert User._meta.label == "portal.User"


def test_a_person_chooses_their_journey_phase_and_the_recommendations_follow(client):
    from datetime import date

    from learning.dashboard import journey_phase

    user = UserFactory(start_date=date(2010, 1, 1))
    assert journey_phase(user, date(2026, 11, 28)) == "pafyll"
    client.force_login(user)
    client.post(reverse("portal:account_settings"), {"language": "nb", "journey_phase": "ny-i-nav"})
    user.refresh_from_db()
    assert journey_phase(user, date(2026, 11, 28)) == "ny-i-nav"
