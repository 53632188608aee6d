import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import CompetenceArea, CompetencePlan, Module, SelfAssessment
from portal.models import Role
from tests.factories import OfficeFactory, RegionFactory, UserFactory
from tests.learning.factories import ModuleFactory, area, phase

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def office():
    return OfficeFactory()


def test_manager_agrees_a_plan_and_the_person_comments(client, office):
    manager = UserFactory(office=office, roles=[Role.MANAGER])
    person = UserFactory(office=office)
    url = reverse("learning:plan", args=[person.pk, YEAR])
    client.force_login(manager)
    response = client.post(url, {"plan-goals": "Lære lønnstilskudd", "plan-status": "agreed"})
    assert "Oppgi datoen planen ble avtalt." in response.content.decode()
    assert not CompetencePlan.objects.exists()
    client.post(
        url,
        {
            "plan-goals": "Lære lønnstilskudd",
            "plan-status": "agreed",
            "plan-agreed_on": "2026-02-01",
        },
    )
    plan = CompetencePlan.objects.get(user=person, year=YEAR)
    assert plan.agreed_on.isoformat() == "2026-02-01"
    client.force_login(person)
    client.post(url, {"plan-employee_comment": "Enig", "plan-goals": "Endret av meg"})
    plan.refresh_from_db()
    assert (plan.employee_comment, plan.goals) == ("Enig", "Lære lønnstilskudd")


def test_manager_of_another_office_gets_404_for_the_plan(client, office):
    person = UserFactory(office=office)
    client.force_login(UserFactory(roles=[Role.MANAGER]))
    assert client.get(reverse("learning:plan", args=[person.pk, YEAR])).status_code == 404


def test_self_assessment_is_kept_per_area_and_year(client):
    user = UserFactory()
    client.force_login(user)
    data = {f"level_{a.pk}": 3 for a in CompetenceArea.objects.all()}
    client.post(reverse("learning:self_assessment"), data)
    assert SelfAssessment.objects.filter(user=user, year=YEAR, level=3).count() == 3
    response = client.post(reverse("learning:self_assessment"), {})
    assert response.status_code == 200
    assert SelfAssessment.objects.filter(user=user).count() == 3


def test_editor_needs_a_change_note_for_a_published_module(client):
    region = RegionFactory()
    editor = UserFactory(roles=[Role.EDITOR], editor_region=region)
    module = ModuleFactory(region=region)
    client.force_login(editor)
    url = reverse("learning:module_edit", args=[module.slug])
    form = {
        "title": "Ny tittel", "slug": module.slug, "summary": module.summary, "body": module.body,
        "area": area().pk, "phase": phase().pk, "form": "theory", "level": "basic",
        "minutes": 20, "pass_mark": 80, "region": region.pk, "content_kind": "static",
        "review_interval": "365",
    }  # fmt: skip
    response = client.post(url, form)
    assert "Beskriv hva som er endret" in response.content.decode()
    assert Module.objects.get(pk=module.pk).title != "Ny tittel"
    client.post(url, {**form, "change_note": "Ny tittel"})
    module.refresh_from_db()
    assert (module.title, module.version, module.change_note) == ("Ny tittel", 2, "Ny tittel")


def test_regional_editor_cannot_create_national_content(client):
    editor = UserFactory(roles=[Role.EDITOR], editor_region=RegionFactory())
    client.force_login(editor)
    response = client.post(
        reverse("learning:module_create"),
        {"title": "X", "slug": "x", "summary": "s", "area": area().pk, "phase": phase().pk,
         "form": "theory", "level": "basic", "minutes": 5, "pass_mark": 80,
         "content_kind": "static", "review_interval": "365"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Module.objects.filter(slug="x").exists()


def test_preview_renders_sanitised_markdown(client):
    client.force_login(UserFactory(roles=[Role.EDITOR]))
    response = client.post(
        reverse("learning:preview"), {"body": "## Tittel\n\n<script>alert(1)</script>"}
    )
    html = response.content.decode()
    assert "<h2>Tittel</h2>" in html and "<script>" not in html


def test_module_list_filters_by_office_size_and_shows_progress(client):
    user = UserFactory()
    small = ModuleFactory(title="For små kontor", office_sizes=["small"])
    ModuleFactory(title="For store kontor", office_sizes=["large"])
    ModuleFactory(title="For alle kontor")
    from learning.models import Progress

    Progress.objects.create(user=user, module=small, percent=40)
    client.force_login(user)
    page = client.get(reverse("learning:index"), {"size": "small"}).content.decode()
    assert "For små kontor" in page and "For alle kontor" in page
    assert "For store kontor" not in page
    assert '<progress max="100" value="40"' in page


def test_editor_writes_a_best_practice_example_and_renews_it(client):
    from learning.models import BestPractice

    region = RegionFactory()
    editor = UserFactory(roles=[Role.EDITOR], editor_region=region)
    client.force_login(editor)
    response = client.post(
        reverse("learning:best_practice_create"),
        {"title": "Tavlemøte", "slug": "tavlemote", "area": area().pk, "body": "Slik gjør vi",
         "status": "published", "region": region.pk, "review_interval": "365"},
    )  # fmt: skip
    assert response.status_code == 302
    item = BestPractice.objects.get(slug="tavlemote")
    assert (item.owner, item.last_reviewed_by) == (editor, editor)
    BestPractice.objects.filter(pk=item.pk).update(freshness="stale")
    client.post(reverse("learning:best_practice_reviewed", args=[item.slug]))
    item.refresh_from_db()
    assert item.freshness == "fresh"
