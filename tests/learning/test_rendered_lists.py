"""Lists the learning pages build in Python for speed: what people see in them, escaped and
linked as the templates did; the counts that share a query; the cached assign options."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import (
    AssignmentStatus,
    CompetencePlan,
    PlanActivity,
    Share,
    ShareComment,
    Status,
)
from portal.models import Role
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import (
    AssignmentFactory,
    ModuleFactory,
    PathFactory,
    ShareFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Testby", slug="testby")


@pytest.fixture
def manager(office):
    return UserFactory(office=office, roles=[Role.MANAGER], first_name="Leder", last_name="A")


def test_matrix_rows_link_each_person_escape_names_and_filter_by_team_and_role(
    client, office, manager
):
    odd = UserFactory(office=office, first_name="<b>Ola</b>", last_name="N", team="Team <2>")
    plain = UserFactory(office=office, first_name="Kari", last_name="K", team="Team 1")
    module = ModuleFactory(title="Samtaler & avtaler", slug="samtaler")
    AssignmentFactory(user=odd, module=module, due_on=timezone.localdate() - timedelta(days=1))
    client.force_login(manager)
    url = reverse("learning:matrix", args=[office.slug])

    page = client.get(url).text
    assert f'<a href="{reverse("learning:person", args=[odd.pk])}">' in page
    assert "&lt;b&gt;Ola&lt;/b&gt; N" in page and "<b>Ola</b>" not in page
    assert '<span class="meta">Team &lt;2&gt;</span>' in page
    assert f'<a href="{module.get_absolute_url()}">Samtaler &amp; avtaler</a>' in page
    assert 'data-state="overdue"' in page
    # Every team of the office is a choice, in order.
    assert page.index('<option value="Team 1"') < page.index('<option value="Team &lt;2&gt;"')

    only_team_1 = client.get(url, {"team": "Team 1"}).text
    assert reverse("learning:person", args=[plain.pk]) in only_team_1
    assert reverse("learning:person", args=[odd.pk]) not in only_team_1
    managers = client.get(url, {"role": Role.MANAGER}).text
    assert reverse("learning:person", args=[manager.pk]) in managers
    assert reverse("learning:person", args=[plain.pk]) not in managers


def test_office_panel_counts_overdue_deadlines_and_people_without_a_plan(client, office, manager):
    today = timezone.localdate()
    person = UserFactory(office=office)
    AssignmentFactory(user=person, due_on=today - timedelta(days=3))
    AssignmentFactory(user=manager, due_on=today - timedelta(days=1))
    AssignmentFactory(
        user=person, due_on=today - timedelta(days=2), status=AssignmentStatus.COMPLETED
    )
    AssignmentFactory(user=UserFactory(), due_on=today - timedelta(days=2))  # another office
    client.force_login(manager)
    panel = client.get(reverse("learning:panel_office"), HTTP_HX_REQUEST="true").text
    assert "2 forsinkede oppgaver" in panel
    assert f"2 personer uten plan for {today.year}" in panel
    page = client.get(reverse("learning:office", args=[office.slug])).text
    # One overdue line for the person (the completed one is not overdue), linking to them.
    assert page.count(f'href="{reverse("learning:person", args=[person.pk])}"') == 1
    assert f'href="{reverse("learning:plan", args=[person.pk, today.year])}"' in page


def test_module_list_counts_and_pages_in_one_query(client, office, django_assert_max_num_queries):
    for n in range(35):
        ModuleFactory(title=f"Modul {n:02d}")
    client.force_login(UserFactory(office=office))
    url = reverse("learning:index")
    first = client.get(url).text
    assert "35 moduler" in first and "Side 1 av 2" in first
    with django_assert_max_num_queries(4):
        second = client.get(url, {"page": 2}, HTTP_HX_REQUEST="true").text
    assert second.count('<li class="panel">') == 5
    assert "Side 2 av 2" in client.get(url, {"page": 99}).text
    assert "Ingen moduler passer." in client.get(url, {"q": "finnes ikke"}).text


def test_assign_options_follow_saved_modules_at_once(client, office, manager):
    module = ModuleFactory(title="Første versjon")
    PathFactory(title="En sti")
    client.force_login(manager)
    url = reverse("learning:assign")
    page = client.get(url, {"module": module.pk}).text
    assert f'<option value="{module.pk}" selected>Første versjon</option>' in page
    assert "En sti" in page

    module.title = "Andre versjon"
    module.save()
    ModuleFactory(title="Helt ny modul")
    ModuleFactory(title="Utkast", status=Status.DRAFT)
    page = client.get(url).text
    assert "Andre versjon" in page and "Første versjon" not in page
    assert "Helt ny modul" in page and "Utkast" not in page
    assert f'<option value="{module.pk}" selected>' not in page


def test_plan_and_share_forms_list_the_published_modules_the_assign_form_lists(
    client, office, manager, django_assert_max_num_queries
):
    year = timezone.localdate().year
    person = UserFactory(office=office)
    CompetencePlan.objects.create(user=person, year=year)
    module = ModuleFactory(title="Første versjon")
    ModuleFactory(title="Utkast", status=Status.DRAFT)
    client.force_login(manager)
    plan_url = reverse("learning:plan", args=[person.pk, year])
    page = client.get(plan_url).text
    assert f'<option value="{module.pk}">Første versjon</option>' in page
    assert "Utkast" not in page
    # The options come from the cache the assign form fills: one query fewer once filled.
    client.get(reverse("learning:assign"))
    with django_assert_max_num_queries(6):
        client.get(plan_url)

    module.title = "Andre versjon"
    module.save()
    assert "Andre versjon" in client.get(plan_url).text
    client.force_login(person)
    share = client.get(reverse("learning:share_create"), {"module": module.pk}).text
    assert f'<option value="{module.pk}" selected>Andre versjon</option>' in share

    client.force_login(manager)
    response = client.post(
        reverse("learning:plan_activity", args=[person.pk, year]),
        {"activity-kind": "module", "activity-module": module.pk, "activity-status": "planned"},
    )
    assert response.status_code == 302
    assert PlanActivity.objects.get().module == module


def test_experiences_newest_first_with_their_comment_counts(client, office):
    reader = UserFactory(office=office)
    author = UserFactory(office=office, first_name="Åse", last_name="Berg")
    old = ShareFactory(author=author, activity="Gammel fagdag")
    Share.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    new = ShareFactory(author=author, activity="Ny fagdag", learnt="<i>Mye</i> nytt.")
    ShareComment.objects.create(share=new, author=reader, text="Takk!")
    client.force_login(reader)
    page = client.get(reverse("learning:shares")).text
    assert page.index("Ny fagdag") < page.index("Gammel fagdag")
    assert "Åse Berg · NAV Testby" in page
    assert "1 kommentar" in page and "0 kommentarer" in page
    assert "&lt;i&gt;Mye&lt;/i&gt; nytt." in page


def test_matrix_by_area_sums_each_persons_modules(office):
    from learning.matrix import build_matrix
    from learning.models import Progress, ProgressStatus

    today = timezone.localdate()
    late, done, busy, idle = (
        UserFactory(office=office, first_name=name) for name in ("A", "B", "C", "D")
    )
    first, second = ModuleFactory(), ModuleFactory()
    for person in (late, done, busy, idle):
        for module in (first, second):
            AssignmentFactory(user=person, module=module, due_on=today + timedelta(days=5))
    Progress.objects.create(user=late, module=first, status=ProgressStatus.COMPLETED)
    late.learning_assignments.filter(module=second).update(due_on=today - timedelta(days=1))
    for module in (first, second):
        Progress.objects.create(user=done, module=module, status=ProgressStatus.COMPLETED)
    Progress.objects.create(user=busy, module=second, status=ProgressStatus.IN_PROGRESS)

    rows = build_matrix(office, today=today, by="areas").rows
    cells = {row.person.first_name: (row.cells[0].state, row.cells[0].detail) for row in rows}
    assert cells == {
        "A": ("overdue", "1/2"),
        "B": ("completed", "2/2"),
        "C": ("in_progress", "0/2"),
        "D": ("not_started", "0/2"),
    }


def test_the_editors_desk_links_each_path_it_may_edit_escaped(client, office):
    editor = UserFactory(office=office, roles=[Role.EDITOR])
    path = PathFactory(title="Ny i NAV <&> mer", slug="ny-i-nav-mer")
    client.force_login(editor)
    page = client.get(reverse("learning:editor")).text
    edit_url = reverse("learning:path_edit", args=[path.slug])
    assert f'<li><a href="{edit_url}">Ny i NAV &lt;&amp;&gt; mer</a>' in page
