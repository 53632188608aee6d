"""The matrix, exports, assignment form, calendar file, and the query budgets."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from learning.calendar import build
from learning.matrix import COLUMNS_PER_PAGE, build_matrix, norwegian_key
from learning.models import Assignment, Module, Progress, ProgressStatus
from learning.services.assignments import assignment_create
from portal.models import Role, User
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import (
    AssignmentFactory,
    ModuleFactory,
    PathFactory,
    PathStepFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Testby", slug="testby")


@pytest.fixture
def manager(office):
    return UserFactory(office=office, roles=[Role.MANAGER], first_name="Leder", last_name="A")


def populate(office, people, modules):
    """People × modules with every cell state, in bulk."""
    users = User.objects.bulk_create(
        User(
            username=f"{office.slug}-{i}-{people}",
            first_name=f"P{i:03}",
            office=office,
            roles=["veileder"],
            team="A" if i % 2 else "B",
        )
        for i in range(people)
    )
    mods = [ModuleFactory() for _ in range(modules)]
    today = timezone.localdate()
    Assignment.objects.bulk_create(
        Assignment(
            user=u,
            module=m,
            due_on=today + timedelta(days=(-5 if (i + j) % 4 == 0 else 5)),
            reserved_minutes=20,
        )
        for i, u in enumerate(users)
        for j, m in enumerate(mods)
    )
    Progress.objects.bulk_create(
        Progress(
            user=u,
            module=m,
            status=ProgressStatus.COMPLETED if (i + j) % 4 == 1 else ProgressStatus.IN_PROGRESS,
        )
        for i, u in enumerate(users)
        for j, m in enumerate(mods)
        if (i + j) % 4 in (1, 2)
    )
    return users, mods


def test_matrix_of_60_people_and_40_modules_within_10_queries(
    client, office, manager, django_assert_max_num_queries
):
    populate(office, 60, 40)
    client.force_login(manager)
    url = reverse("learning:matrix", args=[office.slug])
    with django_assert_max_num_queries(10):
        response = client.get(url)
    first = response.content.decode()
    assert first.count('data-state="overdue"') == 60 * COLUMNS_PER_PAGE // 4
    assert "?page=2" in first
    with django_assert_max_num_queries(10):
        rest = client.get(url + "?page=2").content.decode()
    # The 40 modules are shown a page of columns at a time, and no cell is lost between pages.
    people = 60 + 1  # the manager works in the office too
    assert rest.count("data-state=") == people * (40 - COLUMNS_PER_PAGE)
    for state in ("overdue", "completed"):
        shown = first.count(f'data-state="{state}"') + rest.count(f'data-state="{state}"')
        assert shown == 60 * 40 // 4
    with django_assert_max_num_queries(10):
        client.get(url + "?by=areas&team=A")


def test_matrix_query_count_does_not_grow(client, office, manager, django_assert_num_queries_same):
    populate(office, 3, 2)
    client.force_login(manager)
    url = reverse("learning:matrix", args=[office.slug])
    django_assert_num_queries_same(lambda: client.get(url), lambda: populate(office, 20, 10))


def test_module_list_path_and_dashboard_keep_their_budget(
    client, office, manager, django_assert_max_num_queries, django_assert_num_queries_same
):
    user = UserFactory(office=office)
    path = PathFactory()
    PathStepFactory(path=path)
    client.force_login(user)

    def grow():
        for i in range(15):
            step = PathStepFactory(path=path, order=i + 10)
            AssignmentFactory(user=user, module=step.module)
            Progress.objects.create(user=user, module=step.module, percent=30)

    urls = [
        reverse("learning:index"),
        path.get_absolute_url(),
        reverse("portal:dashboard"),
        reverse("learning:mine"),
    ]
    for url in urls:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
    django_assert_num_queries_same(lambda: [client.get(u) for u in urls], grow)
    client.force_login(manager)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("learning:panel_office")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("learning:office", args=[office.slug])).status_code == 200


def test_norwegian_order_in_the_matrix(office):
    for first in ["Åse", "Zara", "Øystein", "Ærlend", "Anna"]:
        UserFactory(office=office, first_name=first, last_name="X", username=first.lower())
    AssignmentFactory(user=User.objects.get(username="anna"))
    rows = build_matrix(office, today=timezone.localdate()).rows
    assert [r.person.first_name for r in rows] == ["Anna", "Zara", "Ærlend", "Øystein", "Åse"]
    assert sorted(["Åse", "Zara", "Ærlend"], key=norwegian_key) == ["Zara", "Ærlend", "Åse"]


def test_matrix_exports_as_csv_and_xlsx(client, office, manager):
    populate(office, 2, 2)
    client.force_login(manager)
    response = client.get(reverse("learning:matrix_export", args=[office.slug, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 1 + 3  # header, two people and the manager
    response = client.get(reverse("learning:matrix_export", args=[office.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 4
    assert (
        client.get(reverse("learning:matrix_export", args=[office.slug, "pdf"])).status_code == 404
    )


def test_manager_assigns_with_reserved_time_and_the_person_sees_it(client, office, manager):
    person = UserFactory(office=office)
    module = ModuleFactory(title="Dialog med arbeidsgivere")
    client.force_login(manager)
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("learning:assign"),
        {
            "module": module.pk,
            "target": "person",
            "person": person.pk,
            "due_on": day.isoformat(),
            "mandatory": "on",
            "reserved_minutes": 30,
            "reserved_day": day.isoformat(),
            "reserved_from": "10:00",
        },
    )
    assert response.status_code == 302
    a = Assignment.objects.get(user=person)
    assert (a.reserved_minutes, a.mandatory) == (30, True)
    assert timezone.localtime(a.reserved_start).hour == 10
    client.force_login(person)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "Dialog med arbeidsgivere" in page and "30 min" in page
    ics = client.get(reverse("learning:calendar")).content.decode()
    assert "\r\nBEGIN:VEVENT\r\n" in ics and "DTEND:" in ics


def test_assign_form_errors_in_norwegian_and_nothing_saved(client, office, manager):
    client.force_login(manager)
    response = client.post(
        reverse("learning:assign"),
        {
            "target": "person",
            "due_on": "2001-01-01",
            "reserved_minutes": "30",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fristen kan ikke være tilbake i tid." in page
    assert "Velg enten en modul eller en læringssti." in page
    assert 'value="30"' in page
    assert not Assignment.objects.exists()


def test_assign_a_path_to_the_whole_office(office, manager):
    people = [UserFactory(office=office) for _ in range(3)]
    path = PathFactory()
    PathStepFactory(path=path)
    PathStepFactory(path=path)
    assignment_create(
        assigned_by=manager, users=[*people, manager], path=path, due_on=timezone.localdate()
    )
    assert Assignment.objects.count() == 8
    assignment_create(assigned_by=manager, users=people, path=path, due_on=timezone.localdate())
    assert Assignment.objects.count() == 8  # what is already open is not given twice


def test_calendar_text_is_escaped_and_folded():
    a = AssignmentFactory(
        reserved_start=timezone.now(),
        module__summary="a,b;c\\d\ne " + "Lang tekst, med komma; " * 10,
    )
    body = build([a])
    assert "\r\nDESCRIPTION:a\\,b\\;c\\\\d\\ne Lang" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert body.endswith("END:VCALENDAR\r\n")


def test_group_session_marks_attendees_complete_in_one_step(client, office, manager):
    people = [UserFactory(office=office) for _ in range(3)]
    module = ModuleFactory()
    client.force_login(manager)
    client.post(
        reverse("learning:group_session", args=[module.slug]),
        {
            "held_on": timezone.localdate().isoformat(),
            "attendees": [p.pk for p in people[:2]],
        },
    )
    done = set(
        Progress.objects.filter(module=module, status="completed").values_list("user", flat=True)
    )
    assert done == {people[0].pk, people[1].pk}


def test_field_practice_is_completed_when_the_colleague_confirms(client, office):
    advisor, colleague = UserFactory(office=office), UserFactory(office=office)
    module = ModuleFactory(form="practice")
    client.force_login(advisor)
    client.post(
        reverse("learning:practice_request", args=[module.slug]), {"confirmer": colleague.pk}
    )
    progress = Progress.objects.get(user=advisor, module=module)
    assert progress.status == "awaiting"
    client.force_login(colleague)
    client.post(reverse("learning:confirmations"), {"progress": progress.pk})
    progress.refresh_from_db()
    assert progress.status == "completed" and progress.confirmed_at


def test_drafts_are_hidden_from_advisors():
    draft = ModuleFactory(status="draft")
    assert draft not in Module.objects.visible_to(UserFactory())


def test_assign_page_lists_published_modules_and_keeps_the_chosen_one(client, office, manager):
    chosen = ModuleFactory(title="Oppfølging <før> & etter")
    ModuleFactory(title="Utkast", status="draft")
    client.force_login(manager)
    page = client.get(reverse("learning:assign"), {"module": chosen.pk}).content.decode()
    escaped = "Oppfølging &lt;før&gt; &amp; etter"
    assert f'<option value="{chosen.pk}" selected>{escaped}</option>' in page
    assert "Utkast" not in page
    response = client.post(reverse("learning:assign"), {"module": chosen.pk, "target": "person"})
    assert f'<option value="{chosen.pk}" selected>' in response.content.decode()


def test_person_page_shows_assignments_a_page_at_a_time(client, office, manager):
    person = UserFactory(office=office)
    modules = [ModuleFactory(title=f"Modul {i:02d}") for i in range(30)]
    for m in modules:
        AssignmentFactory(user=person, module=m)
    client.force_login(manager)
    url = reverse("learning:person", args=[person.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"tildelinger": 2}).content.decode()
    titles = [m.title for m in modules]
    assert sum(t in first for t in titles) == 25
    assert "?tildelinger=2&amp;framdrift=1" in first
    assert {t for t in titles if t in first} | {t for t in titles if t in second} == set(titles)
