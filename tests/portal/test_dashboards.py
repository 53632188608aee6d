"""One dashboard per role, and a person with every role sees every part, within budget."""

import pytest
from django.test import override_settings

from employers import demo as employers_demo
from learning import demo as learning_demo
from marketinfo import demo as marketinfo_demo
from portal import demo
from portal.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALL_ROLES = [Role.ADVISOR, Role.MANAGER, Role.MARKET_CONTACT, Role.EDITOR]


@pytest.fixture
def world():
    with override_settings(DEBUG=True):
        context = demo.seed()
        employers_demo.seed(context)
        marketinfo_demo.seed(context)
        learning_demo.seed(context)
    return context


def grow(world):
    """More of everything the panels read, for the same people."""
    with override_settings(DEBUG=True):
        for _ in range(2):
            UserFactory.create_batch(5, office=world.offices["NAV Risør"])
            employers_demo.seed(world)
            learning_demo.seed(world)


@pytest.mark.parametrize(
    "username", ["veileder", "leder", "markedskontakt", "redaktor", "admin", "veileder2"]
)
def test_each_roles_dashboard_within_ten_queries(
    client, world, username, django_assert_max_num_queries
):
    client.force_login(world.users[username])
    with django_assert_max_num_queries(10):
        response = client.get("/")
    assert response.status_code == 200


def test_a_person_with_every_role_sees_every_part(
    client, world, django_assert_max_num_queries, django_assert_num_queries_same
):
    everyone = UserFactory(
        office=world.offices["NAV Risør"], roles=[str(r) for r in ALL_ROLES], first_name="Alle"
    )
    client.force_login(everyone)
    with django_assert_max_num_queries(10):
        page = client.get("/").text
    titles = [
        line.strip() for line in page.splitlines() if line.strip().startswith('<h2 id="panel-')
    ]
    assert len(titles) >= 6, titles
    count = django_assert_num_queries_same(lambda: client.get("/"), lambda: grow(world))
    assert count <= 10


def test_lazy_panels_are_within_budget_too(client, world, django_assert_max_num_queries):
    import re

    everyone = UserFactory(office=world.offices["NAV Risør"], roles=[str(r) for r in ALL_ROLES])
    client.force_login(everyone)
    page = client.get("/").text
    lazy = re.findall(r'hx-get="([^"]+)" hx-trigger="load" hx-swap="outerHTML"', page)
    assert lazy, "the heavier panels load after the page"
    for url in lazy:
        with django_assert_max_num_queries(10):
            assert client.get(url, HTTP_HX_REQUEST="true").status_code == 200
