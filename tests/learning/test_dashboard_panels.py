"""The dashboard's 'continue' and 'recommended' panels, which load after the page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import ProgressStatus
from portal.models import Role
from tests.factories import UserFactory
from tests.learning.factories import ModuleFactory, ProgressFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer():
    return UserFactory(roles=[Role.ADVISOR], start_date=timezone.localdate() - timedelta(days=30))


def test_the_dashboard_loads_both_panels_after_the_page(client, newcomer):
    client.force_login(newcomer)
    page = client.get("/").text
    assert f'hx-get="{reverse("learning:panel_continue")}"' in page
    assert f'hx-get="{reverse("learning:panel_recommended")}"' in page


def test_continue_shows_what_the_person_started_and_nothing_else(client, newcomer):
    started = ModuleFactory(title="Lønnstilskudd i praksis")
    ProgressFactory(user=newcomer, module=started, status=ProgressStatus.IN_PROGRESS)
    ProgressFactory(module=ModuleFactory(title="Noen andres modul"), status="in_progress")
    client.force_login(newcomer)
    panel = client.get(reverse("learning:panel_continue"), HTTP_HX_REQUEST="true").text
    assert "Lønnstilskudd i praksis" in panel
    assert "Noen andres modul" not in panel


def test_recommended_leaves_out_what_the_person_has_done(client, newcomer):
    done = ModuleFactory(title="Arbeidsmarkedet lokalt")
    ModuleFactory(title="Første samtale med en arbeidsgiver")
    ProgressFactory(user=newcomer, module=done, status=ProgressStatus.COMPLETED)
    client.force_login(newcomer)
    panel = client.get(reverse("learning:panel_recommended"), HTTP_HX_REQUEST="true").text
    assert "Første samtale med en arbeidsgiver" in panel
    assert "Arbeidsmarkedet lokalt" not in panel


def test_the_module_list_shows_the_persons_own_paths_first_and_all_on_request(client, newcomer):
    from tests.learning.factories import PathFactory, phase

    for n in range(14):
        PathFactory(title=f"Hverdagssti {n:02d}", phase=phase("hverdagen"))
    PathFactory(title="Sti for nye", phase=phase("ny-i-nav"))
    client.force_login(newcomer)
    page = client.get(reverse("learning:index")).text
    assert page.index("Sti for nye") < page.index("Hverdagssti 00")
    assert "Hverdagssti 13" not in page and "Vis alle læringsstier" in page
    everything = client.get(reverse("learning:index"), {"stier": "alle"}).text
    assert "Hverdagssti 13" in everything and "Vis alle læringsstier" not in everything
