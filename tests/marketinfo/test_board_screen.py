"""The board on the meeting room's screen: each thing once, full screen, and a secret link per
office that works without a session until it is renewed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from marketinfo.models import BoardKioskLink, ItemKind, item_sameness_key
from portal.models import Role
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import EmployerFactory, ItemFactory, PublishedSummaryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Risør", slug="risor")


@pytest.fixture
def two_weeks_with_the_same_vacancy(office):
    """Last week's vacancy copied into this week's summary, as «start from last week» does."""
    employer = EmployerFactory(name="Brønnboring AS")
    deadline = timezone.localdate() + timedelta(days=10)
    now = timezone.now()
    last = PublishedSummaryFactory(office=office, week=1, published_at=now - timedelta(days=7))
    this = PublishedSummaryFactory(office=office, week=2, published_at=now)
    for summary, title in ((last, "Kokk"), (this, " kokk ")):
        ItemFactory(summary=summary, employer=employer, title=title, on_date=deadline)
    ItemFactory(summary=this, employer=employer, title="Kokk", on_date=deadline + timedelta(1))
    return office


def test_the_same_vacancy_in_two_weeks_is_one_card(client, two_weeks_with_the_same_vacancy):
    client.force_login(UserFactory(office=two_weeks_with_the_same_vacancy))
    page = client.get(reverse("marketinfo:board", args=["risor"])).text
    # One «Kokk» card for the repeat, one for the vacancy with another deadline.
    assert page.count('<article class="board-card">') == 2


def test_the_board_leads_to_where_the_vacancies_are(client, office):
    client.force_login(UserFactory(office=office))
    page = client.get(reverse("marketinfo:board", args=["risor"])).text
    assert f'href="{reverse("marketinfo:vacancy_map")}"' in page


def test_the_sameness_key_ignores_case_and_spacing_but_not_the_deadline():
    day = timezone.localdate()
    vacancy = ItemKind.VACANCY
    assert item_sameness_key(vacancy, "Brønnboring AS", "Kokk", day) == item_sameness_key(
        vacancy, "brønnboring  as", " kokk", day
    )
    assert item_sameness_key(vacancy, "Brønnboring AS", "Kokk", day) != item_sameness_key(
        vacancy, "Brønnboring AS", "Kokk", day + timedelta(days=1)
    )


def test_the_screen_link_shows_the_board_without_a_session(client, two_weeks_with_the_same_vacancy):
    link = BoardKioskLink.objects.create(office=two_weeks_with_the_same_vacancy)
    response = client.get(reverse("marketinfo:board_kiosk", args=["risor", link.token]))
    assert response.status_code == 200
    page = response.text
    assert "Tavlemøte: NAV Risør" in page
    assert 'class="site-header' not in page  # no portal header on the wall
    assert page.count('<article class="board-card">') == 2
    assert response["Referrer-Policy"] == "no-referrer"
    assert 'src="/static/marketinfo/board-screen.js" nonce="' in page
    assert "sessionid" not in response.cookies


def test_a_wrong_or_renewed_screen_link_is_404(client, office):
    manager = UserFactory(office=office, roles=[Role.MANAGER.value])
    old = BoardKioskLink.objects.create(office=office).token
    client.force_login(manager)
    response = client.post(reverse("marketinfo:board_kiosk_renew", args=["risor"]))
    assert response.status_code == 302
    client.logout()
    assert client.get(reverse("marketinfo:board_kiosk", args=["risor", old])).status_code == 404
    new = BoardKioskLink.objects.get(office=office).token
    assert client.get(reverse("marketinfo:board_kiosk", args=["risor", new])).status_code == 200
    assert client.get(reverse("marketinfo:board_kiosk", args=["risor", "feil"])).status_code == 404


def test_a_screen_link_under_an_old_slug_leads_to_the_office(client, office):
    token = BoardKioskLink.objects.create(office=office).token
    # The screen got its link while the office's slug was another (the token decides).
    response = client.get(reverse("marketinfo:board_kiosk", args=["gammel-slug", token]))
    assert response.url == reverse("marketinfo:board_kiosk", args=["risor", token])


def test_another_offices_link_does_not_open_this_board(client, office):
    harstad = OfficeFactory(name="NAV Harstad", slug="harstad")
    token = BoardKioskLink.objects.create(office=harstad).token
    response = client.get(reverse("marketinfo:board_kiosk", args=["risor", token]), follow=True)
    assert "NAV Harstad" in response.text
    assert "NAV Risør" not in response.text


def test_only_the_offices_managers_and_market_contacts_see_and_renew_the_link(client, office):
    link = BoardKioskLink.objects.create(office=office)
    board = reverse("marketinfo:board", args=["risor"])
    advisor = UserFactory(office=office, roles=[Role.ADVISOR.value])
    client.force_login(advisor)
    assert link.token not in client.get(board).text
    assert client.post(reverse("marketinfo:board_kiosk_renew", args=["risor"])).status_code == 403
    client.force_login(UserFactory(office=office, roles=[Role.MARKET_CONTACT.value]))
    assert link.token in client.get(board).text
    other_manager = UserFactory(office=OfficeFactory(), roles=[Role.MANAGER.value])
    client.force_login(other_manager)
    assert client.post(reverse("marketinfo:board_kiosk_renew", args=["risor"])).status_code == 403
    assert BoardKioskLink.objects.get(office=office).token == link.token


def test_the_screen_reads_few_queries(client, office, django_assert_max_num_queries):
    link = BoardKioskLink.objects.create(office=office)
    summary = PublishedSummaryFactory(office=office)
    ItemFactory.create_batch(30, summary=summary)
    with django_assert_max_num_queries(3):  # the link with its office, the items
        client.get(reverse("marketinfo:board_kiosk", args=["risor", link.token]))
