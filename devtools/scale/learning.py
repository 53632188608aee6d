"""The learning app's part of the national data set (see driver.py).

At factor 1.0: 2,000 modules (quizzes on a good share of them), 150 paths, ~5 million progress
rows, ~400,000 assignments in every state with the reminder notifications already sent for the
past, ~200,000 quiz attempts, and modest numbers of self-assessments, office needs, competence
plans, group sessions, shares and best practice. Everything is derived from `ctx.rng`.

Fixtures for `make bench`, present at every factor:

- module slug ``bench-modul`` (title "Bench-modul"): published, fresh, with a five-question quiz
  (single and multiple choice); bench_advisor has it in progress and assigned, not completed;
- path slug ``bench-sti`` (title "Bench-sti"): 15 published modules, the first six completed by
  bench_advisor, two in progress, the rest not started (all assigned to her from the path);
- the bench office (``ctx.bench_office_id``): its people are assigned and progress only within
  40 fixed modules (slugs ``bench-matrise-01`` … ``bench-matrise-40``, the first 15 being the
  path's), so the manager matrix is 60 people × 40 modules in every cell state;
- every bench user has assignments in every state (due in 7 days, due tomorrow, newly overdue,
  long overdue, later with reserved time, completed, cancelled), progress, a competence plan for
  this year with activities, and a self-assessment for this year.

Reminder bookkeeping: for open assignments, the `due-week:`/`due-day:`/`overdue:`/`escalated:`
notifications the daily job would have sent on earlier days exist; what crosses a threshold
today (due in 7 days, due tomorrow, overdue since yesterday, a week late) is left for the job.
Renewals likewise: completions whose renewal notice falls today are left for `renewals_run`.
"""

from __future__ import annotations

import pickle
import random
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.formats import date_format

from devtools.scale import columns, url_around
from learning.models import (
    ActivityKind,
    ActivityStatus,
    Assignment,
    AssignmentSource,
    AssignmentStatus,
    Audience,
    BestPractice,
    Choice,
    CompetenceArea,
    CompetencePlan,
    GroupSession,
    LearningPath,
    Level,
    Module,
    ModuleForm,
    OfficeNeed,
    PathStep,
    Phase,
    PlanActivity,
    PlanStatus,
    Progress,
    ProgressStatus,
    Question,
    QuestionKind,
    QuizAttempt,
    SelfAssessment,
    Share,
    ShareComment,
    ShareReport,
    Status,
)
from learning.questions import ExpertAnswer, ExpertQuestion
from learning.services.onboarding import ONBOARDING_WINDOW_DAYS
from learning.services.progress import add_months
from learning.services.reminders import _reminder_title
from learning.services.renewals import RENEWAL_NOTICE_DAYS
from portal.dates import long_date
from portal.freshness import ContentKind, Freshness
from portal.models import Notification, NotificationKind, Office, OfficeSize, Role, User
from portal.text import norwegian_slug

BENCH_MODULE_SLUG = "bench-modul"
BENCH_PATH_SLUG = "bench-sti"
BENCH_MATRIX_MODULES = 40
BENCH_PATH_MODULES = 15
# Module indices 0..FORCED_PUBLISHED-1 are published and fresh: the bench module, the matrix
# modules (of which the path's) and spares, so the fixtures never land on a draft.
FORCED_PUBLISHED = 60
SUBJECTS = [
    "Lønnstilskudd",
    "Arbeidstrening",
    "Mentor",
    "Inkluderingstilskudd",
    "Oppfølging i jobb",
    "Dialog med arbeidsgivere",
    "Motiverende samtale",
    "Kartlegging av kompetanse",
    "Det lokale arbeidsmarkedet",
    "Rekruttering",
    "Jobbmesser",
    "Sommerjobb for unge",
    "Fagbrev på jobb",
    "Norskopplæring",
    "Tilrettelegging",
    "Permittering",
    "Nedbemanning",
    "Bransjeprogram",
    "Helse og omsorg",
    "Bygg og anlegg",
    "Varehandel",
    "Reiseliv",
    "Havbruk",
    "Industri",
    "Transport og logistikk",
    "Kontaktloggen",
    "Ukesoppsummeringen",
    "Tavlemøtet",
    "Personvern",
    "Aktivitetsplanen",
    "Markedsarbeid",
    "Ungdomsgarantien",
    "Kvalifiseringsprogrammet",
    "Sykefraværsoppfølging",
    "Arbeidsrettet rehabilitering",
]
ANGLES = [
    "en innføring",
    "i praksis",
    "for viderekomne",
    "vanlige feil",
    "gode eksempler",
    "samtalen med arbeidsgiveren",
    "når brukeren er i tvil",
    "lokale tilpasninger",
    "regelverket kort",
    "øvelse med kollega",
    "refleksjon i gruppe",
    "sjekkliste",
    "case fra kontorene",
    "oppfølging over tid",
    "samarbeid med kommunen",
    "digitale verktøy",
    "på tavlemøtet",
    "for nye veiledere",
    "for markedskontakter",
    "for ledere",
]
PLACES = ["Bodø", "Tromsø", "Bergen", "Skien", "Hamar", "Molde", "Alta", "Moss", "Voss", "Førde"]
ACTIVITY_TITLES = [
    "Fagdag om inkludering",
    "Jobbmessa",
    "Bedriftsbesøk hos verkstedet",
    "Kurs i motiverende intervju",
    "Regional konferanse om arbeidsmarkedet",
    "Hospitering hos markedskontakten",
    "Webinar om lønnstilskudd",
]
ROLE_WORDS = {
    Role.ADVISOR: "veiledere",
    Role.MARKET_CONTACT: "markedskontakter",
    Role.MANAGER: "ledere",
    Role.EDITOR: "redaktører",
}
ROLES_BY_PRIORITY = [Role.MANAGER, Role.MARKET_CONTACT, Role.ADVISOR]
DAY = 86400


def build(ctx) -> list:
    return _LearningBuilder(ctx).run()


def _reminder_title_sql(prefix: str, params: dict) -> str:
    """The title `reminders_send` gives a reminder, in the portal's language, as SQL over the
    assignment `a` and its module `m`: the service's own text, with its fixed parts as
    parameters (added to `params`) and its placeholders as SQL."""
    due = date(1901, 1, 1)  # a date no assignment has, to find where the due date goes
    stand_in = SimpleNamespace(
        module=SimpleNamespace(title="\0module\0"), due_on=due, reserved_minutes="\0minutes\0"
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = _reminder_title(prefix, stand_in).replace(long_date(due), "\0due\0")
        params["months"] = [date_format(date(2000, month, 1), "F") for month in range(1, 13)]
    placeholders = {
        "module": "m.title",
        "minutes": "a.reserved_minutes::text",
        # long_date's "j. F Y"
        "due": "extract(day FROM a.due_on)::int || '. ' || (%(months)s::text[])"
        "[extract(month FROM a.due_on)::int] || ' ' || extract(year FROM a.due_on)::int",
    }
    parts = []
    for n, part in enumerate(title.split("\0")):
        if n % 2:
            parts.append(placeholders[part])
        elif part:
            name = f"text{len(params)}"
            params[name] = part
            parts.append(f"%({name})s")
    return " || ".join(parts)


def fresh_content_columns(
    owner: int, fluid: bool, interval: timedelta, expires: date | None, state: tuple
) -> tuple:
    """FreshContent's columns in its field order, for content its owner reviewed last;
    `state` is what `_LearningBuilder.freshness` gives."""
    reviewed, fresh, changed = state
    kind = ContentKind.FLUID if fluid else ContentKind.STATIC
    return (owner, kind, interval, expires, reviewed, owner, fresh, changed)


class _LearningBuilder:
    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.now = ctx.now
        self.today = ctx.today
        self.three_years_ago = self.now - timedelta(days=3 * 365)
        self.sentences = [ctx.sentence() for _ in range(400)]
        self.paragraphs = [ctx.paragraph(self.rng.randint(2, 5)) for _ in range(200)]
        self.areas = list(CompetenceArea.objects.order_by("order").values_list("id", flat=True))
        self.phases = dict(Phase.objects.values_list("slug", "id"))
        self.start_dates = dict(User.objects.values_list("id", "start_date"))
        self.managers_by_office: dict[int, list[int]] = {o: [] for o in ctx.office_region}
        for member in ctx.staff:
            if Role.MANAGER in member.roles:
                self.managers_by_office[member.office_id].append(member.id)
        self.editors = ctx.by_role[Role.EDITOR] or [ctx.bench_users["bench_editor"]]
        self.tz = settings.TIME_ZONE

    # --- helpers ----------------------------------------------------------------------------

    def at(self, day: date, rng: random.Random | None = None) -> datetime:
        """A working-hours moment on `day`."""
        rng = rng or self.rng
        moment = datetime.combine(day, time(7, 0), tzinfo=UTC) + timedelta(
            seconds=rng.randint(0, 9 * 3600)
        )
        return min(moment, self.now)

    def text(self) -> str:
        return self.rng.choice(self.sentences)

    def body(self) -> str:
        rng = self.rng
        return (
            f"## {rng.choice(SUBJECTS)}\n\n{rng.choice(self.paragraphs)}\n\n"
            f"## {rng.choice(ANGLES).capitalize()}\n\n- {rng.choice(self.sentences)}\n"
            f"- {rng.choice(self.sentences)}\n\n{rng.choice(self.paragraphs)}\n"
        )

    def freshness(self, interval: timedelta, expires_on: date | None):
        """(last_reviewed_at, freshness, freshness_changed_at) as the refresh job would leave."""
        rng = self.rng
        band = rng.random()
        if band < 0.6:
            age = rng.uniform(0, 0.95) * interval
        elif band < 0.85:
            age = rng.uniform(1.02, 1.95) * interval
        else:
            age = rng.uniform(2.05, 3.5) * interval
        reviewed = self.now - timedelta(seconds=int(age.total_seconds()))
        if expires_on is not None and expires_on < self.today:
            changed = datetime.combine(expires_on + timedelta(days=1), time(2), tzinfo=UTC)
            return reviewed, Freshness.EXPIRED, max(changed, reviewed)
        if reviewed + 2 * interval <= self.now:
            return reviewed, Freshness.STALE, reviewed + 2 * interval
        if reviewed + interval <= self.now:
            return reviewed, Freshness.REVIEW_DUE, reviewed + interval
        return reviewed, Freshness.FRESH, reviewed

    # --- the run ----------------------------------------------------------------------------

    def run(self) -> list:
        self.build_modules()
        self.build_quizzes()
        self.build_paths()
        self.plan_seeds = {m.id: self.rng.getrandbits(62) for m in self.ctx.staff}
        self.build_assignments()
        self.build_progress()
        self.build_quiz_attempts()
        self.build_group_sessions()
        self.build_reminder_notifications()
        self.build_people_extras()
        self.build_shares()
        self.build_best_practice()
        self.build_search_entries()
        self.build_expert_questions()
        published = [i for i in self.published if self.m_fresh[i] != Freshness.EXPIRED]
        targets = [(Module, self.m_id[i]) for i in published[:3000]]
        targets += [(BestPractice, pk) for pk in self.best_practice_published[:1000]]
        return targets

    # --- modules ----------------------------------------------------------------------------

    def build_modules(self) -> None:
        ctx, rng = self.ctx, self.rng
        count = ctx.n(2000, minimum=FORCED_PUBLISHED + 10)
        first = ctx.next_id(Module)
        self.m_id = [first + i for i in range(count)]
        self.m_status, self.m_version, self.m_minutes, self.m_practice = [], [], [], []
        self.m_renewal, self.m_pass, self.m_phase, self.m_fresh, self.m_title = [], [], [], [], []
        self.m_form = []
        rows = []
        phase_ids = list(self.phases.values())
        for i in range(count):
            if i == 0:
                title, slug = "Bench-modul", BENCH_MODULE_SLUG
            elif i <= BENCH_MATRIX_MODULES:
                title, slug = f"Bench-matrise {i:02d}", f"bench-matrise-{i:02d}"
            else:
                subject = SUBJECTS[i % len(SUBJECTS)]
                angle = ANGLES[(i // len(SUBJECTS)) % len(ANGLES)]
                part = i // (len(SUBJECTS) * len(ANGLES))
                title = f"{subject} – {angle}" + (f", del {part + 1}" if part else "")
                slug = f"{norwegian_slug(title)}-{i}"
            if i < FORCED_PUBLISHED:
                status = Status.PUBLISHED
            else:
                status = rng.choices([Status.PUBLISHED, Status.DRAFT, Status.ARCHIVED], [88, 7, 5])[
                    0
                ]
            form = ModuleForm.THEORY if i == 0 else rng.choice(list(ModuleForm))
            if i and rng.random() < 0.5:
                form = ModuleForm.THEORY
            level = rng.choice(list(Level))
            roles = rng.sample([Role.ADVISOR, Role.MARKET_CONTACT, Role.MANAGER], rng.randint(1, 3))
            sizes = [] if rng.random() < 0.8 else rng.sample(list(OfficeSize), rng.randint(1, 2))
            minutes = rng.choice([10, 15, 15, 20, 25, 30, 30, 45, 60, 90])
            renewal = (
                rng.choice([12, 24]) if i >= FORCED_PUBLISHED and rng.random() < 0.05 else None
            )
            owner = rng.choice(self.editors)
            region = (
                self.ctx.member(owner).region_id
                if i >= FORCED_PUBLISHED and rng.random() < 0.2
                else None
            )
            created = self.three_years_ago + timedelta(seconds=rng.randint(0, 3 * 365 * DAY))
            fluid = rng.random() < 0.15
            interval = timedelta(days=90 if fluid else 365)
            expires = None
            if i >= FORCED_PUBLISHED and rng.random() < 0.06:
                expires = self.today + timedelta(days=rng.randint(-400, 200))
            reviewed, fresh, changed = self.freshness(interval, expires)
            if i < FORCED_PUBLISHED:
                reviewed = self.now - timedelta(days=rng.randint(1, 60))
                fresh, changed = Freshness.FRESH, reviewed
            created = min(created, reviewed)
            published_at = None
            if status != Status.DRAFT:
                published_at = created + timedelta(days=rng.randint(0, 14))
                published_at = min(published_at, reviewed)
            version = 1 if rng.random() < 0.7 or status == Status.DRAFT else rng.randint(2, 5)
            pass_mark = rng.choice([60, 70, 80, 80, 80, 100])
            self.m_status.append(status)
            self.m_version.append(version)
            self.m_minutes.append(minutes)
            self.m_practice.append(form == ModuleForm.PRACTICE)
            self.m_form.append(form)
            self.m_renewal.append(renewal)
            self.m_pass.append(pass_mark)
            phase = rng.choice(phase_ids)
            self.m_phase.append(phase)
            self.m_fresh.append(fresh)
            self.m_title.append(title)
            state = (reviewed, fresh, changed)
            fresh_columns = fresh_content_columns(owner, fluid, interval, expires, state)
            rows.append(
                (
                    self.m_id[i],
                    *fresh_columns,
                    title,
                    slug,
                    self.text(),
                    self.body(),
                    rng.choice(self.areas),
                    phase,
                    form,
                    level,
                    roles,
                    sizes,
                    minutes,
                    status,
                    region,
                    pass_mark,
                    renewal,
                    version,
                    self.text() if version > 1 else "",
                    "1. " + self.text() + "\n2. " + self.text()
                    if form == ModuleForm.REFLECTION
                    else "",
                    published_at,
                    created,
                )
            )
        ctx.copy(Module, columns(Module), rows)
        self.published = [i for i in range(count) if self.m_status[i] == Status.PUBLISHED]
        # What people can have progress in: published now, or archived after they took it.
        self.learnable = [i for i in range(count) if self.m_status[i] != Status.DRAFT]
        self.bench_matrix = list(range(1, BENCH_MATRIX_MODULES + 1))
        self.renewal_modules = [i for i in self.learnable if self.m_renewal[i] is not None]
        self.assignable = [i for i in self.learnable if self.m_renewal[i] is None]
        per_person = ctx.n(5_000_000) / max(len(ctx.staff), 1)
        self.progress_rate = min(0.9, per_person / len(self.learnable))

    def build_quizzes(self) -> None:
        """Questions with choices for ~60% of the non-practice modules, the bench module too."""
        rng = self.rng
        question_id = self.ctx.next_id(Question)
        choice_id = self.ctx.next_id(Choice)
        self.quiz: dict[int, list[tuple[int, list[int], list[int]]]] = {}
        questions, choices = [], []
        for i in range(len(self.m_id)):
            if self.m_practice[i] or (i and rng.random() > 0.6):
                continue
            items = []
            for order in range(5 if i == 0 else rng.randint(2, 6)):
                multiple = order >= 3 if i == 0 else rng.random() >= 0.6
                kind = QuestionKind.MULTIPLE if multiple else QuestionKind.SINGLE
                questions.append((question_id, self.m_id[i], self.text()[:-1] + "?", kind, order))
                n_choices = rng.randint(3, 4)
                correct = set(rng.sample(range(n_choices), 1 if kind == QuestionKind.SINGLE else 2))
                ids, right = [], []
                for c in range(n_choices):
                    ok = c in correct
                    choices.append(
                        (
                            choice_id,
                            question_id,
                            self.ctx.words(rng.randint(3, 8)).capitalize(),
                            ok,
                            ("Riktig. " if ok else "Ikke helt. ") + self.text(),
                            c,
                        )
                    )
                    ids.append(choice_id)
                    if ok:
                        right.append(choice_id)
                    choice_id += 1
                items.append((question_id, ids, right))
                question_id += 1
            self.quiz[i] = items
        self.ctx.copy(Question, columns(Question, leave_out=("explanation",)), questions)
        self.ctx.copy(Choice, columns(Choice), choices)
        # Scores an attempt can have: round(100 * right / questions), as quiz_score computes.
        self.passing, self.failing = {}, {}
        for i, items in self.quiz.items():
            scores = [(c, round(100 * c / len(items))) for c in range(len(items) + 1)]
            self.passing[i] = [s for s in scores if s[1] >= self.m_pass[i]]
            self.failing[i] = [s for s in scores if s[1] < self.m_pass[i]]

    # --- paths ------------------------------------------------------------------------------

    def build_paths(self) -> None:
        ctx, rng = self.ctx, self.rng
        count = ctx.n(150, minimum=6)
        first = ctx.next_id(LearningPath)
        published_by_phase: dict[int, list[int]] = {}
        for i in self.published[FORCED_PUBLISHED:] or self.published:
            published_by_phase.setdefault(self.m_phase[i], []).append(i)
        paths, steps = [], []
        self.path_id = [first + p for p in range(count)]
        self.path_modules: list[list[int]] = []
        self.new_path_for_role: dict[str, int] = {}
        new_phase = self.phases[Phase.NEW]
        for p in range(count):
            status = Status.PUBLISHED
            region = None
            if p == 0:
                title, slug, phase, role = (
                    "Bench-sti",
                    BENCH_PATH_SLUG,
                    self.phases[Phase.EVERYDAY],
                    Role.ADVISOR,
                )
                modules = list(range(1, BENCH_PATH_MODULES + 1))
            else:
                if p <= 3:
                    role, phase = ROLES_BY_PRIORITY[p - 1], new_phase
                    self.new_path_for_role[role] = p
                else:
                    role, phase = rng.choice(list(Role)), rng.choice(list(self.phases.values()))
                    if rng.random() < 0.1:
                        status = Status.DRAFT
                    elif rng.random() < 0.2:
                        region = rng.choice(ctx.regions)
                pool = published_by_phase.get(phase) or self.published
                modules = rng.sample(pool, min(len(pool), rng.randint(10, 20)))
                title = f"{rng.choice(SUBJECTS)} – sti {p} for {ROLE_WORDS[role]}"
                if phase == new_phase:
                    title = f"Ny i NAV – {ROLE_WORDS[role]}" + (f" {p}" if p > 3 else "")
                slug = f"sti-{p}-{norwegian_slug(title)}"
            self.path_modules.append(modules)
            paths.append(
                (
                    self.path_id[p],
                    title,
                    slug,
                    rng.choice(self.paragraphs),
                    phase,
                    role,
                    region,
                    status,
                )
            )
            for order, module in enumerate(modules):
                steps.append((self.path_id[p], self.m_id[module], order, 14 * (order + 1)))
        ctx.copy(LearningPath, columns(LearningPath), paths)
        ctx.copy(PathStep, columns(PathStep, leave_out=("id",)), steps)

    # --- one person's learning ---------------------------------------------------------------

    def _earliest(self, member) -> datetime:
        start = self.start_dates.get(member.id) or self.today
        return max(self.three_years_ago, datetime.combine(start, time(8), tzinfo=UTC))

    def _moment_between(self, rng, low: datetime, high: datetime) -> datetime:
        span = int((high - low).total_seconds())
        return low + timedelta(seconds=rng.randint(0, max(span, 0)))

    def _progress_row(self, rng, member, idx, status, done_at=None, expires=None):
        """A Progress row as the services leave it for this status."""
        earliest = self._earliest(member)
        quiz = idx in self.quiz
        best, attempts, confirmer, confirmed_at = None, 0, None, None
        completed_version, completed_at = None, None
        if status in (ProgressStatus.COMPLETED, ProgressStatus.EXPIRED):
            started = max(
                min(earliest, done_at), done_at - timedelta(seconds=rng.randint(600, 30 * DAY))
            )
            updated = done_at
            if status == ProgressStatus.EXPIRED:
                updated = datetime.combine(expires, time(2), tzinfo=UTC)
            percent, completed_at = 100, done_at
            version = self.m_version[idx]
            completed_version = version - 1 if version > 1 and rng.random() < 0.1 else version
            if quiz:
                attempts = 1 if rng.random() < 0.7 else rng.randint(2, 3)
                best = rng.choice(self.passing[idx])[1]
            if self.m_practice[idx]:
                confirmer = self._colleague(rng, member)
                confirmed_at = done_at if confirmer else None
        else:
            started = self._moment_between(rng, earliest, self.now)
            updated = started + timedelta(
                seconds=rng.randint(0, int(min((self.now - started).total_seconds(), 60 * DAY)))
            )
            percent = rng.randint(5, 99 if quiz else 95)
            if quiz and rng.random() < 0.3 and self.failing[idx]:
                attempts = rng.randint(1, 2)
                best = rng.choice(self.failing[idx])[1]
            if status == ProgressStatus.AWAITING:
                percent = 100
                confirmer = self._colleague(rng, member)
                if confirmer is None:
                    status = ProgressStatus.IN_PROGRESS
        return (
            member.id,
            self.m_id[idx],
            status,
            percent,
            best,
            attempts,
            started,
            updated,
            completed_at,
            completed_version,
            expires,
            confirmer,
            confirmed_at,
        )

    def _colleague(self, rng, member):
        office = self.ctx.staff_by_office[member.office_id]
        other = rng.choice(office)
        return other if other != member.id else None

    def _assignment_timing(self, rng, member, kind: str, due: date | None = None):
        """(due_on, created_at, completed_at) for an assignment of this kind."""
        earliest = self._earliest(member)
        span = max(1, (self.today - earliest.date()).days)
        if due is None:
            if kind in ("done", "cancelled"):
                due = self.today - timedelta(days=rng.randint(1, span))
            elif kind == "overdue":
                due = self.today - timedelta(days=min(span, 1 + int(rng.expovariate(1 / 45))))
            else:
                due = self.today + timedelta(days=rng.randint(0, 90))
        created_day = max(due - timedelta(days=rng.randint(14, 60)), earliest.date())
        created_day = min(created_day, self.today)
        created = max(self.at(created_day, rng), earliest)
        created = min(created, self.now - timedelta(minutes=5))
        completed = None
        if kind == "done":
            last = min(due + timedelta(days=10), self.today)
            day = created_day + timedelta(days=rng.randint(0, max(0, (last - created_day).days)))
            completed = min(max(self.at(day, rng), created + timedelta(minutes=10)), self.now)
        return due, created, completed

    def _plan(self, member):
        """Assignments and the progress they decide, from the person's own seed.

        Returns (assignments, decided progress {module index: row}, progress module sample,
        the assigned modules, whose progress only the assignment decides).
        """
        ctx = self.ctx
        rng = random.Random(self.plan_seeds[member.id])
        staff = len(ctx.staff)
        avg_assign = ctx.n(400_000) * 0.9 / staff
        rate = self.progress_rate * rng.uniform(0.4, 1.6)
        # The bulk of progress is made in SQL (build_progress); renewal modules are done here
        # because their expiry decides renewal assignments.
        sample = [i for i in self.renewal_modules if rng.random() < rate]
        bench = member.office_id == ctx.bench_office_id
        wanted = max(1, int(avg_assign * rng.uniform(0.3, 1.7)))
        if bench:
            candidates = rng.sample(self.bench_matrix, rng.randint(12, 30))
        else:
            pool = self.assignable
            candidates = rng.sample(pool, min(len(pool), wanted))
        assignments, decided, used = [], {}, set()
        managers = self.managers_by_office.get(member.office_id) or [None]

        def add(idx, kind, source=AssignmentSource.MANAGER, path=None, due=None, progress=None):
            due, created, completed = self._assignment_timing(rng, member, kind, due)
            if self.m_status[idx] == Status.ARCHIVED and kind not in ("done", "cancelled"):
                kind, completed = "cancelled", None
            status = {
                "done": AssignmentStatus.COMPLETED,
                "cancelled": AssignmentStatus.CANCELLED,
            }.get(kind, AssignmentStatus.OPEN)
            minutes = self.m_minutes[idx]
            if source == AssignmentSource.MANAGER and rng.random() < 0.2:
                minutes = rng.choice([30, 45, 60, 90, 120])
            start = end = None
            if source == AssignmentSource.MANAGER and rng.random() < 0.35:
                days = max(0, (due - created.date()).days)
                slot_day = created.date() + timedelta(days=rng.randint(0, days))
                start = datetime.combine(slot_day, time(rng.randint(7, 12)), tzinfo=UTC)
                end = start + timedelta(minutes=minutes)
            assignments.append(
                (
                    member.id,
                    self.m_id[idx],
                    self.path_id[path] if path is not None else None,
                    managers[rng.randrange(len(managers))]
                    if source == AssignmentSource.MANAGER
                    else None,
                    due,
                    source != AssignmentSource.MANAGER or rng.random() < 0.85,
                    minutes,
                    start,
                    end,
                    status,
                    source,
                    created,
                    completed,
                )
            )
            used.add(idx)
            if progress is None:
                if kind == "done":
                    progress = ProgressStatus.COMPLETED
                else:
                    roll = rng.random()
                    if self.m_practice[idx] and roll < 0.1:
                        progress = ProgressStatus.AWAITING
                    elif roll < (0.3 if kind == "cancelled" else 0.5):
                        progress = ProgressStatus.IN_PROGRESS
            if progress:
                decided[idx] = self._progress_row(rng, member, idx, progress, completed)

        name = None
        if member.id in ctx.bench_users.values():
            name = next(k for k, v in ctx.bench_users.items() if v == member.id)
        if name:
            add(0, "open", due=self.today + timedelta(days=10), progress=ProgressStatus.IN_PROGRESS)
            forced = [(7, "open"), (1, "open"), (-1, "overdue"), (-20, "overdue"), (30, "open")]
            forced += [(-40, "done"), (-60, "cancelled"), (0, "open"), (-8, "overdue")]
            for offset, (days, kind) in enumerate(forced):
                add(
                    BENCH_PATH_MODULES + 1 + offset,
                    kind,
                    due=self.today + timedelta(days=days),
                )
            if name == "bench_advisor":
                for order, idx in enumerate(self.path_modules[0]):
                    if order < 6:
                        add(idx, "done", path=0, due=self.today - timedelta(days=60 - 7 * order))
                    else:
                        add(
                            idx,
                            "open",
                            path=0,
                            due=self.today + timedelta(days=7 * order),
                            progress=ProgressStatus.IN_PROGRESS if order < 8 else "",
                        )
        for idx in candidates:
            if idx in used:
                continue
            kind = rng.choices(
                ["done", "cancelled", "overdue", "open", "done_early", "cancelled_early"],
                [64, 5, 6, 20, 3.5, 1.5],
            )[0]
            due = None
            if kind.endswith("_early"):
                kind = kind.removesuffix("_early")
                due = self.today + timedelta(days=rng.randint(1, 90))
            add(idx, kind, due=due)
        # Ny i NAV: the onboarding path for the role, due counted from the start date.
        start = self.start_dates.get(member.id)
        role = next((r for r in ROLES_BY_PRIORITY if r in member.roles), None)
        if (
            start
            and role in self.new_path_for_role
            and start >= self.today - timedelta(days=ONBOARDING_WINDOW_DAYS)
            and not name
            and member.office_id != ctx.bench_office_id
        ):
            p = self.new_path_for_role[role]
            for order, idx in enumerate(self.path_modules[p]):
                if idx in used:
                    continue
                due = start + timedelta(days=14 * (order + 1))
                if due < self.today:
                    kind = "done" if rng.random() < 0.75 else "overdue"
                else:
                    kind = "done" if rng.random() < 0.15 else "open"
                add(idx, kind, AssignmentSource.ONBOARDING, path=p, due=due)
        # Renewals: completions that expire; a month ahead the job assigned them again.
        for idx in sample:
            renewal = self.m_renewal[idx]
            if renewal is None or idx in used:
                continue
            earliest = self._earliest(member)
            done_at = max(
                earliest,
                self.now - timedelta(seconds=rng.randint(0, (renewal * 30 + 60) * DAY)),
            )
            expires = add_months(done_at.date(), renewal)
            status = ProgressStatus.EXPIRED if expires < self.today else ProgressStatus.COMPLETED
            decided[idx] = self._progress_row(rng, member, idx, status, done_at, expires)
            if expires < self.today + timedelta(days=RENEWAL_NOTICE_DAYS):
                notice = expires - timedelta(days=RENEWAL_NOTICE_DAYS)
                created = datetime.combine(notice, time(2), tzinfo=UTC)
                assignments.append(
                    (
                        member.id,
                        self.m_id[idx],
                        None,
                        None,
                        expires,
                        True,
                        self.m_minutes[idx],
                        None,
                        None,
                        AssignmentStatus.OPEN,
                        AssignmentSource.RENEWAL,
                        max(created, done_at),
                        None,
                    )
                )
            used.add(idx)
        return assignments, decided, sample, used

    def build_assignments(self) -> None:
        # The progress each plan decides is spooled to disk (pickled per person) so the
        # progress COPY need not plan everyone again, and memory stays bounded.
        self.progress_spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed in build_progress

        def rows():
            for member in self.ctx.staff:
                assignments, decided = self._plan(member)[:2]
                pickle.dump(list(decided.values()), self.progress_spool)
                yield from assignments

        # calendar_sequence and planned_in_slot: 0 and false by their database defaults, as no
        # invitation has gone out and no office has a learning time in the data set.
        self.ctx.copy(
            Assignment,
            columns(Assignment, leave_out=("id", "calendar_sequence", "planned_in_slot")),
            rows(),
        )

    def build_progress(self) -> None:
        """Assignment and renewal progress from Python, then the bulk set-based in SQL."""

        spool = self.progress_spool

        def rows():
            spool.seek(0)
            for _member in self.ctx.staff:
                yield from pickle.load(spool)  # noqa: S301 - our own spool file

        self.ctx.copy(Progress, columns(Progress, leave_out=("id",)), rows())
        spool.close()
        self._bulk_progress()

    def _bulk_progress(self) -> None:
        """Progress in modules nobody assigned: each person × module pair is kept with the
        person's rate, decided by integer hashes of (person, module, seed) so the seed decides.

        80% completed at a moment uniform over the person's time in NAV (at most three years),
        the rest in progress (field practice: some awaiting a colleague's confirmation);
        quizzes get a passing best score on completion, some failed attempts when in progress.
        """
        ctx = self.ctx
        info = "scale_module_info"
        ctx.execute(
            f"""CREATE TEMP TABLE {info} (id bigint PRIMARY KEY, version int, practice bool,
                nq int, pass_right int) ON COMMIT DROP"""
        )
        rows = []
        for i in self.assignable:
            items = self.quiz.get(i)
            nq = len(items) if items else 0
            pass_right = min(c for c, _score in self.passing[i]) if items else 0
            rows.append((self.m_id[i], self.m_version[i], self.m_practice[i], nq, pass_right))
        ctx.execute(
            f"INSERT INTO {info} SELECT * FROM unnest(%s::bigint[], %s::int[], %s::bool[], "  # noqa: S608
            "%s::int[], %s::int[])",
            [list(column) for column in zip(*rows, strict=True)],
        )
        offices = "scale_office_range"
        ctx.execute(
            f"""CREATE TEMP TABLE {offices} (office_id bigint PRIMARY KEY, first_id bigint,
                size int) ON COMMIT DROP"""
        )
        ctx.execute(
            f"""INSERT INTO {offices} SELECT office_id, min(id), count(*)
                FROM {User._meta.db_table} GROUP BY office_id"""  # noqa: S608
        )
        seed = self.rng.getrandbits(30)
        # h(k) gives a number in [0, 1) from the pair and a salt k (a multiplicative hash).
        # h(k): a number in [0, 1) from (person, module, k, seed), an xor-shift-multiply hash.
        x = "(u.id * 2654435761 + m.id * 40503 + {k} * 97531 + %(seed)s)"
        y = f"(({x} # ({x} >> 15)) & 1073741823) * 2246822519"
        h = f"(((({y}) # (({y}) >> 29)) & 16777215)::float8 / 16777216)"
        h1, h2, h3, h4, h5, h6 = (h.format(k=k) for k in range(1, 7))
        user_rate = (
            "(%(rate)s * (0.4 + 1.2 * (((((u.id * 2654435761 + %(seed)s) # (u.id >> 3)) "
            "& 1073741823) * 40503 >> 8) & 65535)::float8 / 65536))"
        )
        ctx.counts["learning.Progress"] += ctx.execute(
            f"""
            INSERT INTO {Progress._meta.db_table}
                (user_id, module_id, status, percent, best_score, attempts, started_at,
                 updated_at, completed_at, completed_version, expires_on, confirmer_id,
                 confirmed_at)
            SELECT user_id, module_id, status,
                   CASE WHEN status = 'completed' OR status = 'awaiting' THEN 100
                        ELSE 5 + floor(r4 * (CASE WHEN nq > 0 THEN 95 ELSE 91 END))::int END,
                   CASE WHEN nq = 0 THEN NULL
                        WHEN status = 'completed'
                        THEN round(100.0 * (pass_right + floor(r5 * (nq - pass_right + 1)))
                                   / nq)::int
                        WHEN r5 < 0.3 THEN round(100.0 * floor(r6 * pass_right) / nq)::int END,
                   CASE WHEN nq = 0 THEN 0
                        WHEN status = 'completed'
                        THEN CASE WHEN r6 < 0.7 THEN 1 WHEN r6 < 0.85 THEN 2 ELSE 3 END
                        WHEN r5 < 0.3 THEN 1 + (r4 < 0.5)::int ELSE 0 END,
                   started_at,
                   CASE WHEN status = 'completed' THEN moment
                        ELSE started_at + LEAST(%(now)s - started_at, interval '60 days') * r4
                   END,
                   CASE WHEN status = 'completed' THEN moment END,
                   CASE WHEN status <> 'completed' THEN NULL
                        WHEN version > 1 AND r6 < 0.1 THEN version - 1 ELSE version END,
                   NULL,
                   CASE WHEN practice AND status IN ('completed', 'awaiting')
                        AND colleague <> user_id THEN colleague END,
                   CASE WHEN practice AND status = 'completed' AND colleague <> user_id
                        THEN moment END
            FROM (
                SELECT *, CASE WHEN status = 'completed'
                               THEN GREATEST(LEAST(earliest, moment),
                                             moment - interval '30 days' * r3)
                               ELSE moment END AS started_at
                FROM (
                    SELECT u.id AS user_id, m.id AS module_id, m.version, m.practice, m.nq,
                           m.pass_right, e.earliest,
                           e.earliest + (%(now)s - e.earliest) * {h2} AS moment,
                           CASE WHEN {h3} < 0.8 THEN 'completed'
                                WHEN m.practice AND {h3} > 0.97 THEN 'awaiting'
                                ELSE 'in_progress' END AS status,
                           {h1} AS r3, {h4} AS r4, {h5} AS r5, {h6} AS r6,
                           o.first_id + (u.id - o.first_id + 1
                                         + floor({h5} * (o.size - 1))::bigint) %% o.size
                               AS colleague
                    FROM {User._meta.db_table} u
                    CROSS JOIN LATERAL (
                        SELECT GREATEST(%(since)s::timestamptz,
                                        (COALESCE(u.start_date, %(today)s::date)
                                         + time '08:00') AT TIME ZONE 'UTC') AS earliest
                    ) e
                    JOIN {offices} o ON o.office_id = u.office_id
                    JOIN {info} m ON {h1} < {user_rate}
                ) pairs
            ) p
            WHERE NOT EXISTS (
                SELECT 1 FROM {Assignment._meta.db_table} a
                WHERE a.user_id = p.user_id AND a.module_id = p.module_id
            )
            ON CONFLICT (user_id, module_id) DO NOTHING
            """,  # noqa: S608 - our own table names and fixed expressions
            {
                "seed": seed,
                "rate": self.progress_rate,
                "now": self.now,
                "since": self.three_years_ago,
                "today": self.today,
            },
        )

    def build_quiz_attempts(self) -> None:
        """Every attempt of a sample of people, matching their best score and attempt count."""
        ctx = self.ctx
        people = [m.id for m in ctx.staff]
        wanted = ctx.n(200_000)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {Progress._meta.db_table} WHERE attempts > 0"  # noqa: S608
            )
            with_attempts = cursor.fetchone()[0] * 1.25
        every = max(1, round(with_attempts / wanted))
        sampled = set(people[::every]) | set(ctx.bench_users.values())
        rng = random.Random(self.rng.getrandbits(62))
        first_module = self.m_id[0]

        def answers(idx, right_count):
            items = self.quiz[idx]
            chosen = set(rng.sample(range(len(items)), right_count))
            result = {}
            for n, (qid, ids, right) in enumerate(items):
                if n in chosen:
                    result[str(qid)] = sorted(right)
                else:
                    result[str(qid)] = [next(c for c in ids if c not in right)]
            return result

        def progress_of(users):
            # Read before the COPY starts: the connection cannot query during a COPY.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"""SELECT user_id, module_id, best_score, attempts, started_at,
                               updated_at, completed_at
                        FROM {Progress._meta.db_table}
                        WHERE attempts > 0 AND user_id = ANY(%s)
                        ORDER BY user_id, module_id""",  # noqa: S608
                    [users],
                )
                return cursor.fetchall()

        def rows(found):
            for user, module_id, best, attempts, started, updated, done_at in found:
                idx = module_id - first_module
                nq = len(self.quiz[idx])
                done = done_at is not None
                end = done_at if done else updated
                best_right = next(c for c, s in self.quiz_scores(idx) if s == best)
                for n in range(attempts):
                    last = n == attempts - 1
                    if (done and last) or (not done and n == 0):
                        right = best_right
                    else:
                        right = rng.choice([c for c, s in self.failing[idx] if s <= best] or [0])
                    score = round(100 * right / nq)
                    moment = end if last else self._moment_between(rng, started, end)
                    yield (
                        user,
                        module_id,
                        score,
                        score >= self.m_pass[idx],
                        answers(idx, right),
                        moment,
                    )

        sampled = sorted(sampled)
        for start in range(0, len(sampled), 300):
            ctx.copy(
                QuizAttempt,
                columns(QuizAttempt, leave_out=("id",)),
                rows(progress_of(sampled[start : start + 300])),
            )

    def quiz_scores(self, idx):
        return self.passing[idx] + self.failing[idx]

    # --- group sessions ---------------------------------------------------------------------

    def build_group_sessions(self) -> None:
        """Sessions with attendees, then what group_session_record does to their progress."""
        ctx, rng = self.ctx, self.rng
        modules = [
            i
            for i in self.published[FORCED_PUBLISHED:] or self.published
            if self.m_form[i] != ModuleForm.THEORY
            and i not in self.quiz
            and self.m_renewal[i] is None
        ] or self.published[1:]
        first = ctx.next_id(GroupSession)
        bench = set(ctx.bench_users.values())
        sessions, attendees = [], []
        offices = ctx.offices
        for n in range(ctx.n(4000)):
            office = rng.choice(offices)
            people = ctx.staff_by_office[office]
            managers = self.managers_by_office[office] or people
            facilitator = rng.choice(managers)
            held = self.today - timedelta(days=rng.randint(1, 3 * 365))
            present = [
                p
                for p in rng.sample(people, min(len(people), rng.randint(4, 12)))
                if p != facilitator and p not in bench and (self.start_dates.get(p) or held) <= held
            ]
            sessions.append(
                (
                    first + n,
                    self.m_id[rng.choice(modules)],
                    facilitator,
                    office,
                    held,
                    rng.choice(self.paragraphs),
                    self.at(held, rng),
                )
            )
            attendees += [(first + n, p) for p in present]
        ctx.copy(GroupSession, columns(GroupSession), sessions)
        ctx.copy(GroupSession.attendees.through, ["groupsession", "user"], attendees)
        session_table = GroupSession._meta.db_table
        attendee_table = GroupSession.attendees.through._meta.db_table
        progress_table = Progress._meta.db_table
        held_at = "(s.held_on + time '15:00') AT TIME ZONE %s"
        tz = self.tz
        attended = f"""
            SELECT DISTINCT ON (a.user_id, s.module_id) a.user_id, s.module_id,
                   {held_at} AS held_at, m.version
            FROM {attendee_table} a
            JOIN {session_table} s ON s.id = a.groupsession_id
            JOIN {Module._meta.db_table} m ON m.id = s.module_id
            WHERE s.id >= %s
            ORDER BY a.user_id, s.module_id, s.held_on
        """  # noqa: S608 - our own table names
        ctx.execute(
            f"""
            INSERT INTO {progress_table}
                (user_id, module_id, status, percent, attempts, started_at, updated_at,
                 completed_at, completed_version)
            SELECT user_id, module_id, 'completed', 100, 0, held_at, held_at, held_at, version
            FROM ({attended}) x
            ON CONFLICT (user_id, module_id) DO NOTHING
            """,  # noqa: S608
            [tz, first],
        )
        ctx.execute(
            f"""
            UPDATE {progress_table} p
            SET status = 'completed', percent = 100, completed_at = x.held_at,
                completed_version = x.version, expires_on = NULL, updated_at = x.held_at,
                started_at = LEAST(p.started_at, x.held_at)
            FROM ({attended}) x
            WHERE p.user_id = x.user_id AND p.module_id = x.module_id
              AND p.status <> 'completed'
            """,  # noqa: S608
            [tz, first],
        )
        ctx.execute(
            f"""
            UPDATE {Assignment._meta.db_table} a
            SET status = 'completed', completed_at = x.held_at
            FROM ({attended}) x
            WHERE a.user_id = x.user_id AND a.module_id = x.module_id
              AND a.status = 'open' AND a.created_at <= x.held_at
            """,  # noqa: S608
            [tz, first],
        )

    # --- reminders already sent -------------------------------------------------------------

    def build_reminder_notifications(self) -> None:
        """The reminders the daily job sent on earlier days for the assignments still open.

        A threshold is "sent" when the day it was crossed (or the assignment's creation day, if
        later) is before today, so today's crossings are left for reminders_send.
        """
        before, after = url_around("learning:module")
        person_before, person_after = url_around("learning:person")
        tz = self.tz
        today = self.today
        assignment, module = Assignment._meta.db_table, Module._meta.db_table
        user, notification = User._meta.db_table, Notification._meta.db_table
        created_day = "(a.created_at AT TIME ZONE %(tz)s)::date"
        params = {"tz": tz, "today": today, "before": before, "after": after}
        reminders = {
            "due-week:": (
                f"GREATEST(a.due_on - 7, {created_day})",
                "a.due_on - 2",
                NotificationKind.DUE_SOON,
                _reminder_title_sql("due-week:", params),
            ),
            "due-day:": (
                f"GREATEST(a.due_on - 1, {created_day})",
                "a.due_on",
                NotificationKind.DUE_SOON,
                _reminder_title_sql("due-day:", params),
            ),
            "overdue:": (
                f"GREATEST(a.due_on + 1, {created_day})",
                "%(today)s::date",
                NotificationKind.OVERDUE,
                _reminder_title_sql("overdue:", params),
            ),
        }
        sent_columns = """
            CASE WHEN sent < %(today)s::date - 2 OR a.id %% 3 = 0
                 THEN (sent + time '06:00') AT TIME ZONE %(tz)s + interval '3 hours' END,
            CASE WHEN sent < %(today)s::date - 1
                 THEN (sent + time '07:00') AT TIME ZONE %(tz)s + interval '1 day' END
        """
        for prefix, (sent_day, latest, kind, title) in reminders.items():
            self.ctx.counts["learning reminders sent"] = self.ctx.counts.get(
                "learning reminders sent", 0
            ) + self.ctx.execute(
                f"""
                INSERT INTO {notification}
                    (recipient_id, kind, title, body, url, dedup_key, created_at, read_at,
                     emailed_at)
                SELECT a.user_id, '{kind}', left({title}, 200), '',
                       %(before)s || m.slug || %(after)s, '{prefix}' || a.id,
                       (sent + time '06:00') AT TIME ZONE %(tz)s, {sent_columns}
                FROM (SELECT a.*, {sent_day} AS sent FROM {assignment} a
                      WHERE a.status = 'open') a
                JOIN {module} m ON m.id = a.module_id
                WHERE a.sent < %(today)s::date AND a.sent <= {latest}
                """,  # noqa: S608 - our own table names and constants
                params,
            )
        params.update(before=person_before, after=person_after)
        self.ctx.counts["learning reminders sent"] += self.ctx.execute(
            f"""
            INSERT INTO {notification}
                (recipient_id, kind, title, body, url, dedup_key, created_at, read_at,
                 emailed_at)
            SELECT boss.id, '{NotificationKind.OVERDUE}',
                   left(btrim(u.first_name || ' ' || u.last_name)
                        || ' er mer enn en uke forsinket med ' || m.title, 200), '',
                   %(before)s || u.id || %(after)s, 'escalated:' || a.id,
                   (sent + time '06:00') AT TIME ZONE %(tz)s, {sent_columns}
            FROM (SELECT a.*, GREATEST(a.due_on + 8, {created_day}) AS sent
                  FROM {assignment} a WHERE a.status = 'open') a
            JOIN {module} m ON m.id = a.module_id
            JOIN {user} u ON u.id = a.user_id
            JOIN {user} boss ON boss.office_id = u.office_id AND boss.is_active
                 AND '{Role.MANAGER}' = ANY(boss.roles)
            WHERE a.sent < %(today)s::date
            """,  # noqa: S608
            params,
        )

    # --- self-assessments, office needs, plans ----------------------------------------------

    def build_people_extras(self) -> None:
        ctx, rng = self.ctx, self.rng
        this_year = self.today.year
        bench = set(ctx.bench_users.values())
        ctx.copy(
            OfficeNeed,
            columns(OfficeNeed, leave_out=("id",)),
            (
                (office, area, rng.choice([2, 3, 3, 3, 4]))
                for office in ctx.offices
                for area in self.areas
            ),
        )

        def year_moment(year: int) -> datetime:
            start = datetime(year, 1, 2, 8, tzinfo=UTC)
            end = min(datetime(year, 12, 20, 16, tzinfo=UTC), self.now)
            return self._moment_between(rng, start, max(start, end))

        share = min(1.0, 0.45 * ctx.n(19_000) / max(len(ctx.staff), 1))
        assessments = []
        for member in ctx.staff:
            if member.id not in bench and rng.random() > share:
                continue
            for year in range(this_year - 2, this_year + 1):
                forced = member.id in bench and year == this_year
                if not forced and rng.random() > (0.6 if year == this_year else 0.5):
                    continue
                level = rng.randint(1, 4)
                for area in self.areas:
                    level = max(1, min(4, level + rng.randint(-1, 1)))
                    assessments.append(
                        (
                            member.id,
                            area,
                            year,
                            level,
                            "" if rng.random() < 0.7 else self.text(),
                            year_moment(year),
                        )
                    )
        ctx.copy(SelfAssessment, columns(SelfAssessment, leave_out=("id",)), assessments)

        plan_id = ctx.next_id(CompetencePlan)
        plans, activities = [], []
        chance = {this_year: 0.55, this_year - 1: 0.35, this_year - 2: 0.2}
        for member in ctx.staff:
            for year, p in chance.items():
                forced = member.id in bench and year == this_year
                if not forced and rng.random() > p:
                    continue
                current = year == this_year
                if current:
                    status = PlanStatus.AGREED if forced or rng.random() < 0.7 else PlanStatus.DRAFT
                else:
                    status = PlanStatus.DONE if rng.random() < 0.7 else PlanStatus.AGREED
                agreed = None
                if status != PlanStatus.DRAFT:
                    agreed = min(date(year, rng.randint(1, 3), rng.randint(1, 28)), self.today)
                plans.append(
                    (
                        plan_id,
                        member.id,
                        year,
                        rng.choice(self.paragraphs),
                        status,
                        agreed,
                        "" if rng.random() < 0.5 else self.text(),
                        "" if status == PlanStatus.DRAFT else self.text(),
                        year_moment(year),
                    )
                )
                for _ in range(rng.randint(2, 5)):
                    kind = rng.choice(list(ActivityKind))
                    module = self.m_id[rng.choice(self.published)] if kind == "module" else None
                    when = date(year, rng.randint(1, 12), rng.randint(1, 28))
                    if when < self.today:
                        state = rng.choices(
                            [ActivityStatus.DONE, ActivityStatus.DROPPED, ActivityStatus.PLANNED],
                            [75, 10, 15 if current else 0],
                        )[0]
                    else:
                        state = ActivityStatus.PLANNED
                    activities.append(
                        (
                            plan_id,
                            kind,
                            module,
                            "" if module else rng.choice(ACTIVITY_TITLES),
                            when,
                            state,
                        )
                    )
                plan_id += 1
        ctx.copy(CompetencePlan, columns(CompetencePlan), plans)
        ctx.copy(PlanActivity, columns(PlanActivity, leave_out=("id",)), activities)

    # --- shares and best practice -----------------------------------------------------------

    def build_shares(self) -> None:
        ctx, rng = self.ctx, self.rng
        first = ctx.next_id(Share)
        count = ctx.n(20_000, minimum=10)
        created_at, shares, hidden = [], [], []
        for n in range(count):
            member = rng.choice(ctx.staff)
            earliest = self._earliest(member)
            created = self._moment_between(rng, earliest, self.now)
            with_module = rng.random() < 0.6
            hide = rng.random() < 0.01
            boss = (self.managers_by_office.get(member.office_id) or [None])[0]
            hidden_at = created + timedelta(hours=rng.randint(2, 72)) if hide and boss else None
            if hidden_at:
                hidden_at = min(hidden_at, self.now)
                hidden.append((first + n, created, hidden_at))
            shares.append(
                (
                    first + n,
                    member.id,
                    member.office_id,
                    self.m_id[rng.choice(self.published)] if with_module else None,
                    "" if with_module else f"{rng.choice(ACTIVITY_TITLES)} i {rng.choice(PLACES)}",
                    rng.choice(self.paragraphs),
                    self.text(),
                    rng.choices(list(Audience), [50, 30, 20])[0],
                    created,
                    hidden_at,
                    boss if hidden_at else None,
                    self.text() if hidden_at else "",
                )
            )
            created_at.append(created)
        ctx.copy(Share, columns(Share, leave_out=("anonymous",)), shares)
        people = [m.id for m in ctx.staff]

        def comments():
            for _ in range(ctx.n(40_000)):
                n = rng.randrange(count)
                moment = min(created_at[n] + timedelta(seconds=rng.randint(60, 20 * DAY)), self.now)
                yield (first + n, rng.choice(people), self.text(), moment)

        ctx.copy(ShareComment, columns(ShareComment, leave_out=("id",)), comments())
        reports, seen = [], set()
        targets = [(s, c, h) for s, c, h in hidden] + [
            (first + n, created_at[n], self.now) for n in rng.sample(range(count), min(count, 40))
        ]
        for share_id, created, until in targets[: max(len(hidden), ctx.n(300))]:
            for _ in range(rng.randint(1, 3)):
                reporter = rng.choice(people)
                if (share_id, reporter) in seen:
                    continue
                seen.add((share_id, reporter))
                moment = self._moment_between(rng, created, min(until, self.now))
                reports.append((share_id, reporter, self.text(), moment))
        ctx.copy(ShareReport, columns(ShareReport, leave_out=("id",)), reports)

    def build_expert_questions(self) -> None:
        """«Spør fagmiljøet»: three years of questions to the experts, most answered once or
        twice by the region's editors or its market contacts (built last, so the rest of the
        data set stays as it was)."""
        ctx, rng = self.ctx, self.rng
        first = ctx.next_id(ExpertQuestion)
        answerers = ctx.by_role.get(Role.EDITOR, []) + ctx.by_role.get(Role.MARKET_CONTACT, [])
        questions, answers = [], []
        for n in range(ctx.n(6_000, minimum=10)):
            member = rng.choice(ctx.staff)
            created = self._moment_between(rng, self._earliest(member), self.now)
            questions.append(
                (
                    first + n,
                    member.id,
                    rng.choice(self.areas),
                    ctx.office_region[member.office_id],
                    f"{rng.choice(SUBJECTS)}: {rng.choice(ANGLES)}"[:200],
                    rng.choice(self.paragraphs),
                    created,
                )
            )
            for _ in range(rng.choices([0, 1, 2, 3], [15, 55, 22, 8])[0]):
                moment = min(created + timedelta(seconds=rng.randint(600, 5 * DAY)), self.now)
                helpful = moment if rng.random() < 0.4 else None
                answers.append((first + n, rng.choice(answerers), self.text(), moment, helpful))
        ctx.copy(ExpertQuestion, columns(ExpertQuestion), questions)
        ctx.copy(ExpertAnswer, columns(ExpertAnswer, leave_out=("id",)), answers)

    def build_best_practice(self) -> None:
        ctx, rng = self.ctx, self.rng
        first = ctx.next_id(BestPractice)
        rows = []
        self.best_practice_published = []
        for n in range(ctx.n(600, minimum=5)):
            office = rng.choice(ctx.offices)
            title = f"{rng.choice(SUBJECTS)}: {rng.choice(ANGLES)} ({n + 1})"
            status = rng.choices([Status.PUBLISHED, Status.DRAFT, Status.ARCHIVED], [90, 5, 5])[0]
            fluid = rng.random() < 0.2
            interval = timedelta(days=90 if fluid else 365)
            expires = (
                self.today + timedelta(days=rng.randint(-300, 300)) if rng.random() < 0.05 else None
            )
            reviewed, fresh, changed = self.freshness(interval, expires)
            owner = rng.choice(self.editors)
            if status == Status.PUBLISHED and fresh != Freshness.EXPIRED:
                self.best_practice_published.append(first + n)
            state = (reviewed, fresh, changed)
            fresh_columns = fresh_content_columns(owner, fluid, interval, expires, state)
            rows.append(
                (
                    first + n,
                    *fresh_columns,
                    title,
                    f"{norwegian_slug(title)}-{n + 1}",
                    office,
                    rng.choice(self.areas),
                    self.body(),
                    status,
                    ctx.office_region[office] if rng.random() < 0.2 else None,
                )
            )
        ctx.copy(BestPractice, columns(BestPractice), rows)

    # --- search -----------------------------------------------------------------------------

    def build_search_entries(self) -> None:
        """What learning/search.py would store for each object, excluded ones left out."""
        ctx = self.ctx
        module_url = url_around("learning:module")
        ctx.index_for_search(
            Module,
            f"""SELECT id, 'module', title, summary || E'\\n' || body, %s || slug || %s,
                       NULL::bigint, NULL::bigint
                FROM {Module._meta.db_table}
                WHERE status = 'published' AND freshness <> 'expired'""",  # noqa: S608
            module_url,
        )
        ctx.index_for_search(
            LearningPath,
            f"""SELECT id, 'path', title, description, %s || slug || %s, NULL::bigint,
                       NULL::bigint
                FROM {LearningPath._meta.db_table} WHERE status = 'published'""",  # noqa: S608
            url_around("learning:path"),
        )
        ctx.index_for_search(
            BestPractice,
            f"""SELECT id, 'bestpractice', title, body, %s || slug || %s, NULL::bigint,
                       NULL::bigint
                FROM {BestPractice._meta.db_table}
                WHERE status = 'published' AND freshness <> 'expired'""",  # noqa: S608
            url_around("learning:best_practice"),
        )
        ctx.index_for_search(
            Share,
            f"""SELECT s.id, 'share',
                       btrim(btrim(u.first_name || ' ' || u.last_name) || ': '
                             || COALESCE(NULLIF(s.activity, ''), m.title, ''), ': '),
                       s.learnt || E'\\n' || s.will_use, %s || s.id || %s,
                       CASE WHEN s.audience = 'office' THEN s.office_id END,
                       CASE WHEN s.audience = 'region' THEN o.region_id END
                FROM {Share._meta.db_table} s
                JOIN {User._meta.db_table} u ON u.id = s.author_id
                JOIN {Office._meta.db_table} o ON o.id = s.office_id
                LEFT JOIN {Module._meta.db_table} m ON m.id = s.module_id
                WHERE s.hidden_at IS NULL""",  # noqa: S608
            url_around("learning:share"),
        )
