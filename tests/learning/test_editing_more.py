"""Quiz and path editors, office needs, self-assessment comments, and the audit trail."""

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import (
    Choice,
    CompetenceArea,
    OfficeNeed,
    PathStep,
    Question,
    QuestionKind,
    SelfAssessment,
    Status,
)
from learning.services.assignments import assignment_create
from learning.services.shares import share_hide
from portal.models import AuditEvent, Role
from tests.factories import OfficeFactory, RegionFactory, UserFactory
from tests.learning.factories import (
    ModuleFactory,
    PathFactory,
    PathStepFactory,
    ShareFactory,
    phase,
    quiz,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def editor(region):
    return UserFactory(roles=[Role.EDITOR], editor_region=region)


@pytest.fixture
def module(region):
    return ModuleFactory(status=Status.DRAFT, region=region)


def _question_data(kind, choices, text="Hva er lønnstilskudd?", prefix_total=4):
    data = {
        "question-text": text,
        "question-kind": kind,
        "question-order": 0,
        "choices-TOTAL_FORMS": prefix_total,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i, (answer, correct) in enumerate(choices):
        data[f"choices-{i}-text"] = answer
        data[f"choices-{i}-order"] = i
        data[f"choices-{i}-feedback"] = f"Fordi {answer}"
        if correct:
            data[f"choices-{i}-correct"] = "on"
    return data


def test_editor_adds_a_question_with_choices_and_feedback(client, editor, module):
    client.force_login(editor)
    url = reverse("learning:question_create", args=[module.slug])
    response = client.post(url, _question_data("single", [("Ja", True), ("Nei", False)]))
    assert response.status_code == 302
    question = Question.objects.get(module=module)
    assert [(c.text, c.correct, c.feedback) for c in question.choices.all()] == [
        ("Ja", True, "Fordi Ja"),
        ("Nei", False, "Fordi Nei"),
    ]


@pytest.mark.parametrize(
    ("kind", "choices", "message"),
    [
        ("single", [("Ja", True)], "minst to svar"),
        ("single", [("Ja", True), ("Nei", True)], "nøyaktig ett riktig svar"),
        ("single", [("Ja", False), ("Nei", False)], "nøyaktig ett riktig svar"),
        ("multiple", [("Ja", False), ("Nei", False)], "minst ett riktig svar"),
    ],
)
def test_a_bad_question_shows_the_error_and_saves_nothing(
    client, editor, module, kind, choices, message
):
    client.force_login(editor)
    url = reverse("learning:question_create", args=[module.slug])
    response = client.post(url, _question_data(kind, choices))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Hva er lønnstilskudd?" in page  # what was typed is kept
    assert not Question.objects.exists() and not Choice.objects.exists()


def test_editor_edits_and_deletes_a_question_after_confirming(
    client, editor, module, django_assert_max_num_queries
):
    question = quiz(module, [(QuestionKind.SINGLE, [("Ja", True), ("Nei", False)])])[0]
    quiz(module, [(QuestionKind.MULTIPLE, [("A", True), ("B", True)])])
    client.force_login(editor)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("learning:quiz_editor", args=[module.slug]))
    assert page.status_code == 200
    edit = reverse("learning:question_edit", args=[module.slug, question.pk])
    with django_assert_max_num_queries(10):
        assert client.get(edit).status_code == 200
    ids = [c.pk for c in question.choices.all()]
    data = _question_data("multiple", [("Ja", True), ("Nei", True)], text="Endret?")
    data.update({"choices-INITIAL_FORMS": 2, "choices-0-id": ids[0], "choices-1-id": ids[1]})
    assert client.post(edit, data).status_code == 302
    question.refresh_from_db()
    assert question.text == "Endret?" and question.choices.filter(correct=True).count() == 2
    delete = reverse("learning:question_delete", args=[module.slug, question.pk])
    confirm = client.get(delete)
    assert "Er du sikker?" in confirm.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()
    client.post(delete)
    assert not Question.objects.filter(pk=question.pk).exists()


def test_others_cannot_edit_the_quiz(client, module):
    other_editor = UserFactory(roles=[Role.EDITOR], editor_region=RegionFactory())
    client.force_login(other_editor)
    assert client.get(reverse("learning:quiz_editor", args=[module.slug])).status_code == 404
    question = quiz(module, [(QuestionKind.SINGLE, [("Ja", True), ("Nei", False)])])[0]
    client.post(reverse("learning:question_delete", args=[module.slug, question.pk]))
    assert Question.objects.filter(pk=question.pk).exists()
    published = ModuleFactory(region=module.region)
    assert client.get(reverse("learning:quiz_editor", args=[published.slug])).status_code == 403
    question = quiz(published, [(QuestionKind.SINGLE, [("Ja", True), ("Nei", False)])])[0]
    delete = reverse("learning:question_delete", args=[published.slug, question.pk])
    assert client.post(delete).status_code == 403
    assert Question.objects.filter(pk=question.pk).exists()


def test_editor_creates_a_path_and_orders_its_modules(
    client, editor, region, django_assert_max_num_queries
):
    client.force_login(editor)
    response = client.post(
        reverse("learning:path_create"),
        {
            "title": "Ny sti",
            "slug": "ny-sti",
            "description": "Om stien",
            "phase": phase().pk,
            "role": "veileder",
            "region": region.pk,
            "status": Status.DRAFT,
        },
    )
    assert response.status_code == 302
    first, second = ModuleFactory(region=region), ModuleFactory(region=region)
    steps_url = reverse("learning:path_steps", args=["ny-sti"])
    client.post(steps_url, {"action": "add", "module": first.pk})
    client.post(steps_url, {"action": "add", "module": second.pk})
    order = lambda: list(  # noqa: E731
        PathStep.objects.filter(path__slug="ny-sti").values_list("module_id", flat=True)
    )
    assert order() == [first.pk, second.pk]
    step = PathStep.objects.get(path__slug="ny-sti", module=second)
    client.post(steps_url, {"action": "up", "step": step.pk})
    assert order() == [second.pk, first.pk]
    client.post(steps_url, {"action": "remove", "step": step.pk})
    assert order() == [first.pk]
    with django_assert_max_num_queries(10):
        page = client.get(reverse("learning:path_edit", args=["ny-sti"]))
    assert first.title in page.content.decode()


def test_a_path_needs_a_title_and_others_are_refused(client, editor, region):
    client.force_login(editor)
    response = client.post(reverse("learning:path_create"), {"slug": "x", "region": region.pk})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    path = PathStepFactory(path__region=region).path
    client.force_login(UserFactory(roles=[Role.EDITOR], editor_region=RegionFactory()))
    assert client.get(reverse("learning:path_edit", args=[path.slug])).status_code == 403
    national = PathFactory()
    client.force_login(editor)
    assert client.get(reverse("learning:path_edit", args=[national.slug])).status_code == 403


def test_manager_sets_the_office_needs(client, django_assert_max_num_queries):
    office = OfficeFactory()
    manager = UserFactory(office=office, roles=[Role.MANAGER])
    area = CompetenceArea.objects.first()
    client.force_login(manager)
    url = reverse("learning:office_needs", args=[office.slug])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    data = {f"need_{a.pk}": 3 for a in CompetenceArea.objects.all()}
    data[f"need_{area.pk}"] = 4
    assert client.post(url, data).status_code == 302
    assert OfficeNeed.objects.get(office=office, area=area).level == 4
    data[f"need_{area.pk}"] = 9
    response = client.post(url, data)
    assert 'aria-invalid="true"' in response.content.decode()
    assert OfficeNeed.objects.get(office=office, area=area).level == 4
    other = OfficeFactory()
    assert client.get(reverse("learning:office_needs", args=[other.slug])).status_code == 404


def test_self_assessment_keeps_a_comment_per_area(client):
    person = UserFactory()
    client.force_login(person)
    areas = list(CompetenceArea.objects.all())
    data = {f"level_{a.pk}": 2 for a in areas}
    data[f"comment_{areas[0].pk}"] = "Vil lære mer"
    client.post(reverse("learning:self_assessment"), data)
    saved = SelfAssessment.objects.get(user=person, area=areas[0])
    assert saved.comment == "Vil lære mer"
    assert "Vil lære mer" in client.get(reverse("learning:self_assessment")).content.decode()


def test_creating_an_assignment_is_audited():
    manager = UserFactory(roles=[Role.MANAGER])
    person = UserFactory(office=manager.office)
    module = ModuleFactory()
    due = timezone.localdate() + timezone.timedelta(days=10)
    (assignment,) = assignment_create(
        assigned_by=manager, users=[person], module=module, due_on=due, reserved_minutes=45
    )
    event = AuditEvent.objects.get(action="assignment.created")
    assert event.actor == manager and event.target_id == assignment.pk
    assert event.after["user_id"] == person.pk and event.after["module_id"] == module.pk
    assert event.after["due_on"] == due.isoformat() and event.after["reserved_minutes"] == 45


def test_hiding_a_share_is_audited():
    share = ShareFactory()
    manager = UserFactory(office=share.office, roles=[Role.MANAGER])
    share_hide(share=share, by=manager, reason="Personopplysninger")
    event = AuditEvent.objects.get(action="share.hidden")
    assert event.actor == manager and event.after == {"reason": "Personopplysninger"}


def test_editors_desk_shows_drafts_a_page_at_a_time(client, editor, region):
    titles = [f"Utkast {i:02d}" for i in range(25)]
    for title in titles:
        ModuleFactory(status=Status.DRAFT, region=region, title=title)
    client.force_login(editor)
    first = client.get(reverse("learning:editor")).content.decode()
    second = client.get(reverse("learning:editor"), {"utkast": 2}).content.decode()
    assert sum(t in first for t in titles) == 20
    assert "?utkast=2&amp;gjennomgang=1" in first
    assert {t for t in titles if t in first} | {t for t in titles if t in second} == set(titles)
