"""Permission rows of the learning app (SPEC: who sees what)."""

from datetime import timedelta

from django.utils import timezone

from learning.models import (
    CompetencePlan,
    ModuleForm,
    Progress,
    ProgressStatus,
    QuestionKind,
    Status,
)
from tests.learning.factories import (
    AssignmentFactory,
    ModuleFactory,
    PathStepFactory,
    ShareFactory,
    quiz,
)
from tests.permissions.matrix import Row, expect, only

YEAR = 2026
OTHERS = ("advisor_other", "manager_other", "market_contact_other", "editor_other")


def build(world):
    from learning.models import BestPractice, CompetenceArea

    u = world.users
    module = ModuleFactory(slug="modul-alle", title="Modul for alle")
    quiz(module, [(QuestionKind.SINGLE, [("Ja", True), ("Nei", False)])])
    world.objects["learning_module"] = module
    world.objects["learning_draft"] = ModuleFactory(
        slug="utkast-agder", status=Status.DRAFT, region=world.regions["home"]
    )
    world.objects["learning_draft_question"] = quiz(
        world.objects["learning_draft"], [(QuestionKind.SINGLE, [("Ja", True), ("Nei", False)])]
    )[0]
    world.objects["learning_path_agder"] = PathStepFactory(
        module=world.objects["learning_draft"],
        path__slug="sti-agder",
        path__status=Status.DRAFT,
        path__region=world.regions["home"],
    ).path
    world.objects["learning_practice"] = ModuleFactory(slug="praksis", form=ModuleForm.PRACTICE)
    world.objects["learning_path"] = PathStepFactory(module=module, path__slug="sti").path
    world.objects["learning_progress"] = Progress.objects.create(
        user=u["advisor"], module=module, percent=40
    )
    world.objects["learning_awaiting"] = Progress.objects.create(
        user=u["advisor"],
        module=world.objects["learning_practice"],
        status=ProgressStatus.AWAITING,
        confirmer=u["market_contact"],
    )
    world.objects["learning_assignment"] = AssignmentFactory(
        user=u["advisor"], module=module, reserved_start=timezone.now(), assigned_by=u["manager"]
    )
    world.objects["learning_plan"] = CompetencePlan.objects.create(
        user=u["advisor"], year=YEAR, goals="Mål"
    )
    world.objects["learning_share_office"] = ShareFactory(author=u["advisor"], audience="office")
    world.objects["learning_share_everyone"] = ShareFactory(
        author=u["advisor"], audience="everyone"
    )
    build_questions(world)
    world.objects["learning_best_practice"] = BestPractice.objects.create(
        title="Godt eksempel",
        slug="godt-eksempel",
        area=CompetenceArea.objects.first(),
        body="Tekst",
        office=world.offices["home"],
        region=world.regions["home"],
    )


def build_questions(world):
    """A question asked by Risør's advisor (region Agder), answered by Risør's market contact,
    whom the manager named an expert of its area; the answer published as an FAQ entry owned
    by Agder's editor."""
    from learning.models import CompetenceArea
    from learning.questions import Expert
    from learning.services.questions import answer_create, faq_publish, question_ask

    u = world.users
    area = CompetenceArea.objects.order_by("order").first()
    world.objects["learning_expert"] = Expert.objects.create(user=u["market_contact"], area=area)
    question = question_ask(asker=u["advisor"], area=area, title="Mellom to regelverk", text="?")
    answer = answer_create(question=question, author=u["market_contact"], text="Svar")
    world.objects["learning_question"] = question
    world.objects["learning_answer"] = answer
    world.objects["learning_faq"] = faq_publish(
        answer=answer, by=u["editor"], title="FAQ", question="?", answer_text="!", review_months=12
    )


MANAGERS = dict(manager=200, admin=200)
DRAFT_EDITORS = only(200, ("editor", "admin"), refused=404)
NATIONAL_EDITORS = only(200, ("admin",), refused=403)
OFFICE_PAGE = expect(403, manager=200, admin=200, manager_other=404)
ADVISOR_SELF = only(200, ("advisor", "manager", "admin"), refused=404)
EDITORS = expect(403, editor=200, editor_other=200, admin=200)
MATRIX_FILTERS = ("area", "role", "team", "by", "sort")

ROWS = [
    Row(
        "learning:index",
        expect(200),
        params=("area", "phase", "form", "level", "role", "size", "q", "page", "stier"),
    ),
    Row("learning:module", expect(200), args=lambda w: [w.learning_module.slug]),
    Row(
        "learning:module",
        only(200, ("editor", "admin"), refused=404),
        args=lambda w: [w.learning_draft.slug],
        note="a draft of region Agder",
    ),
    Row(
        "learning:module_progress",
        expect(302),
        args=lambda w: [w.learning_module.slug],
        method="post",
        data=lambda w: {"percent": 50},
    ),
    Row(
        "learning:module_progress",
        only(302, ("editor", "admin"), refused=404),
        args=lambda w: [w.learning_draft.slug],
        method="post",
        note="a draft",
    ),
    Row("learning:quiz", expect(200), args=lambda w: [w.learning_module.slug]),
    Row(
        "learning:quiz",
        expect(200),
        args=lambda w: [w.learning_module.slug],
        method="post",
        data=lambda w: {
            f"q{q.pk}": [q.choices.first().pk] for q in w.learning_module.questions.all()
        },
    ),
    Row(
        "learning:practice_request",
        expect(302, manager=400, **dict.fromkeys(OTHERS, 400)),
        args=lambda w: [w.learning_practice.slug],
        method="post",
        data=lambda w: {"confirmer": w.users["manager"].pk},
        note="the confirmer must be a colleague in the same office",
    ),
    Row("learning:confirmations", expect(200)),
    Row(
        "learning:confirmations",
        expect(404, market_contact=302),
        method="post",
        data=lambda w: {"progress": w.learning_awaiting.pk},
        note="only the colleague asked can confirm",
    ),
    Row(
        "learning:group_session",
        expect(403, manager=200, manager_other=200, editor=200, editor_other=200, admin=200),
        args=lambda w: [w.learning_module.slug],
    ),
    Row(
        "learning:module_edit",
        only(200, ("editor", "admin"), refused=404),
        args=lambda w: [w.learning_draft.slug],
    ),
    Row(
        "learning:module_edit",
        only(200, ("admin",), refused=404),
        args=lambda w: [w.learning_module.slug],
        note="national content: only national editors",
    ),
    Row(
        "learning:module_publish",
        only(302, ("editor", "admin"), refused=404),
        args=lambda w: [w.learning_draft.slug],
        method="post",
    ),
    Row(
        "learning:module_reviewed",
        only(302, ("editor", "admin"), refused=404),
        args=lambda w: [w.learning_draft.slug],
        method="post",
    ),
    Row("learning:module_create", EDITORS),
    Row("learning:preview", EDITORS, method="post", data=lambda w: {"body": "# Hei"}),
    Row("learning:path", expect(200), args=lambda w: [w.learning_path.slug]),
    Row("learning:mine", expect(200)),
    Row("learning:calendar", expect(200)),
    Row("learning:self_assessment", expect(200)),
    Row(
        "learning:assign",
        expect(403, manager=200, manager_other=200, admin=200),
        params=("module", "person"),
    ),
    Row(
        "learning:assign",
        expect(403, manager=200, manager_other=200, admin=200),
        method="post",
        data=lambda w: {},
        note="an advisor cannot assign; an empty form is shown again",
        params=("module", "person"),
    ),
    Row("learning:office", OFFICE_PAGE, args=lambda w: [w.offices["home"].slug]),
    Row(
        "learning:matrix",
        OFFICE_PAGE,
        args=lambda w: [w.offices["home"].slug],
        params=(*MATRIX_FILTERS, "page"),
    ),
    Row(
        "learning:matrix",
        OFFICE_PAGE,
        args=lambda w: [w.offices["home"].slug],
        htmx=True,
        query="by=areas",
        params=(*MATRIX_FILTERS, "page"),
    ),
    Row("learning:behind", OFFICE_PAGE, args=lambda w: [w.offices["home"].slug], params=("side",)),
    Row("learning:office_time", OFFICE_PAGE, args=lambda w: [w.offices["home"].slug]),
    Row(
        "learning:behind_remind",
        expect(403, manager=302, admin=302, manager_other=404),
        args=lambda w: [w.offices["home"].slug, w.learning_assignment.pk],
        method="post",
        note="a reminder to someone in the office",
        params=("side",),
    ),
    Row(
        "learning:behind_remind",
        expect(403, manager=404, admin=404, manager_other=404),
        args=lambda w: [w.offices["home"].slug, w.learning_assignment.pk + 100000],
        method="post",
        note="an assignment that is not the office's",
        params=("side",),
    ),
    Row(
        "learning:behind_new_date",
        expect(403, manager=302, admin=302, manager_other=404),
        args=lambda w: [w.offices["home"].slug, w.learning_assignment.pk],
        method="post",
        data=lambda w: {"due_on": (timezone.localdate() + timedelta(days=30)).isoformat()},
        params=("due_on", "side"),
    ),
    Row(
        "learning:matrix_export",
        OFFICE_PAGE,
        args=lambda w: [w.offices["home"].slug, "csv"],
        params=MATRIX_FILTERS,
    ),
    Row(
        "learning:matrix_export",
        OFFICE_PAGE,
        args=lambda w: [w.offices["home"].slug, "xlsx"],
        params=MATRIX_FILTERS,
    ),
    Row("learning:panel_continue", expect(200), htmx=True),
    Row("learning:panel_recommended", expect(200), htmx=True),
    Row(
        "learning:panel_office",
        expect(403, manager=200, manager_other=200, admin=200),
        htmx=True,
    ),
    Row(
        "learning:person",
        ADVISOR_SELF,
        args=lambda w: [w.users["advisor"].pk],
        params=("framdrift", "tildelinger"),
    ),
    Row("learning:plan", ADVISOR_SELF, args=lambda w: [w.users["advisor"].pk, YEAR]),
    Row(
        "learning:assignment_time",
        only(200, ("manager", "admin"), refused=404),
        args=lambda w: [w.users["advisor"].pk, w.learning_assignment.pk],
        note="the advisor's own assignment too: only a manager moves the time",
    ),
    Row(
        "learning:assignment_time",
        only(302, ("manager", "admin"), refused=404),
        args=lambda w: [w.users["advisor"].pk, w.learning_assignment.pk],
        method="post",
        data=lambda w: {
            "day": (timezone.localdate() + timedelta(days=5)).isoformat(),
            "start": "08:30",
            "end": "09:15",
        },
        params=("day", "start", "end"),
    ),
    Row(
        "learning:assignment_withdraw",
        only(200, ("manager", "admin"), refused=404),
        args=lambda w: [w.users["advisor"].pk, w.learning_assignment.pk],
        note="«Er du sikker?»",
    ),
    Row(
        "learning:assignment_withdraw",
        only(302, ("manager", "admin"), refused=404),
        args=lambda w: [w.users["advisor"].pk, w.learning_assignment.pk],
        method="post",
    ),
    Row(
        "learning:assignment_withdraw",
        expect(404),
        args=lambda w: [w.users["advisor_other"].pk, w.learning_assignment.pk],
        method="post",
        note="the assignment is not that person's",
    ),
    Row(
        "learning:plan_activity",
        only(302, ("manager", "admin"), refused=404),
        args=lambda w: [w.users["advisor"].pk, YEAR],
        method="post",
        data=lambda w: {
            "activity-kind": "course",
            "activity-title": "Kurs",
            "activity-status": "planned",
        },
    ),
    Row("learning:shares", expect(200)),
    Row("learning:share_create", expect(200), params=("module",)),
    Row(
        "learning:share",
        only(200, ("advisor", "manager", "market_contact", "editor", "admin"), refused=404),
        args=lambda w: [w.learning_share_office.pk],
        note="shared with the office",
    ),
    Row(
        "learning:share",
        expect(200),
        args=lambda w: [w.learning_share_everyone.pk],
        note="with everyone",
    ),
    Row(
        "learning:share_report",
        expect(302),
        args=lambda w: [w.learning_share_everyone.pk],
        method="post",
        data=lambda w: {"reason": "Upassende"},
    ),
    Row(
        "learning:share_hide",
        expect(403, manager=200, editor=200, admin=200, **dict.fromkeys(OTHERS, 404)),
        args=lambda w: [w.learning_share_office.pk],
        method="post",
        data=lambda w: {},
        note="without a reason nothing is hidden: the form comes back",
    ),
    Row("learning:editor", EDITORS, params=("utkast", "gjennomgang")),
    Row("learning:best_practices", expect(200), params=("area", "page")),
    Row("learning:best_practice_create", EDITORS),
    Row(
        "learning:best_practice_edit",
        expect(403, editor=200, admin=200, editor_other=404),
        args=lambda w: [w.learning_best_practice.slug],
        note="an example of region Agder",
    ),
    Row(
        "learning:best_practice_reviewed",
        expect(403, editor=302, admin=302, editor_other=404),
        args=lambda w: [w.learning_best_practice.slug],
        method="post",
    ),
    Row("learning:best_practice", expect(200), args=lambda w: [w.learning_best_practice.slug]),
    # Quiz editing: a draft the user cannot see is 404, a visible module they cannot edit 403.
    Row("learning:quiz_editor", DRAFT_EDITORS, args=lambda w: [w.learning_draft.slug]),
    Row(
        "learning:quiz_editor",
        NATIONAL_EDITORS,
        args=lambda w: [w.learning_module.slug],
        note="national content",
    ),
    Row("learning:question_create", DRAFT_EDITORS, args=lambda w: [w.learning_draft.slug]),
    Row("learning:question_create", NATIONAL_EDITORS, args=lambda w: [w.learning_module.slug]),
    Row(
        "learning:question_edit",
        DRAFT_EDITORS,
        args=lambda w: [w.learning_draft.slug, w.learning_draft_question.pk],
    ),
    Row(
        "learning:question_delete",
        DRAFT_EDITORS,
        args=lambda w: [w.learning_draft.slug, w.learning_draft_question.pk],
    ),
    # Learning paths.
    Row("learning:path_create", EDITORS),
    Row("learning:path_edit", DRAFT_EDITORS, args=lambda w: [w.learning_path_agder.slug]),
    Row(
        "learning:path_edit",
        NATIONAL_EDITORS,
        args=lambda w: [w.learning_path.slug],
        note="a national path",
    ),
    Row(
        "learning:path_steps",
        only(302, ("editor", "admin"), refused=404),
        args=lambda w: [w.learning_path_agder.slug],
        method="post",
        data=lambda w: {"action": "up", "step": w.learning_path_agder.steps.first().pk},
        note="moving the first step up changes nothing",
    ),
    # «Spør fagmiljøet»: everyone reads and asks; the question's experts (Agder's editor, the
    # market contact named an expert, administrators) answer and publish; the asker marks.
    Row("learning:questions", expect(200), params=("area", "page")),
    Row("learning:question_ask", expect(200)),
    Row(
        "learning:question_ask",
        expect(200),
        method="post",
        data=lambda w: {},
        note="an empty question is shown again with its errors",
    ),
    Row("learning:expert_question", expect(200), args=lambda w: [w.learning_question.pk]),
    Row(
        "learning:question_edit_own",
        only(200, ("advisor",)),
        args=lambda w: [w.learning_question.pk],
        note="only the asker",
    ),
    Row(
        "learning:question_answer",
        only(302, ("market_contact", "editor", "admin")),
        args=lambda w: [w.learning_question.pk],
        method="post",
        data=lambda w: {"text": "Slik er regelen."},
        note="another region's editor is no expert of Agder's question",
    ),
    Row(
        "learning:answer_helpful",
        only(302, ("advisor",)),
        args=lambda w: [w.learning_question.pk, w.learning_answer.pk],
        method="post",
        note="only the asker",
    ),
    Row(
        "learning:faq_publish",
        only(302, ("market_contact", "editor", "admin")),
        args=lambda w: [w.learning_question.pk, w.learning_answer.pk],
        note="already published: the experts are led to the entry",
    ),
    Row("learning:faq", expect(200), args=lambda w: [w.learning_faq.pk]),
    Row(
        "learning:faq_reviewed",
        only(302, ("editor", "admin")),
        args=lambda w: [w.learning_faq.pk],
        method="post",
        note="the owner and the editors of its region",
    ),
    Row("learning:experts", OFFICE_PAGE, args=lambda w: [w.offices["home"].slug]),
    Row(
        "learning:expert_remove",
        expect(403, manager=302, admin=404, manager_other=404),
        args=lambda w: [w.offices["home"].slug, w.learning_expert.pk],
        method="post",
        note="the manager removes the expert; the administrator after finds it gone",
    ),
    # Office needs: the office's own managers.
    Row("learning:office_needs", OFFICE_PAGE, args=lambda w: [w.offices["home"].slug]),
    # The office's weekly learning time: the office's own managers (an empty form comes back
    # with its errors).
    Row("learning:office_slot", OFFICE_PAGE, args=lambda w: [w.offices["home"].slug]),
    Row(
        "learning:office_slot",
        OFFICE_PAGE,
        args=lambda w: [w.offices["home"].slug],
        method="post",
        note="an empty form: refused beside its fields",
    ),
]
