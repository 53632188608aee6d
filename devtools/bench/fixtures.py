"""The objects the benchmark opens, found in the data set.

The bench fixtures of the app builders (`devtools/scale/<app>.py`) are looked up by name first;
when a name is not there, the same kind of object is found by what makes it heavy (most items, most
contact entries), so the harness does not depend on exact names. Whatever cannot be found at
all is reported, and the pages that need it are marked as not measured.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from devtools.scale.portal import BENCH_OFFICE, BENCH_USERS
from employers.models import Callback, ContactEntry, ConversationGuide, Employer
from learning.models import BestPractice, LearningPath, Module, Question, Share, Status
from learning.questions import ExpertQuestion
from marketinfo.models import Item, Summary, current_iso_week
from portal.models import Office, User

BENCH_MODULE = "Bench-modul"
BIG_EMPLOYER = "Bench Industri AS"  # 5,000 contact-log entries
BUSY_EMPLOYER = "Bench Handel AS"  # 500 contacts in the last 30 days


@dataclass
class Fixtures:
    users: dict[str, User] = field(default_factory=dict)
    office: Office | None = None
    office_staff: int = 0
    module: Module | None = None
    path: LearningPath | None = None
    summary: Summary | None = None
    summary_items: int = 0
    big_employer: Employer | None = None
    big_employer_entries: int = 0
    busy_employer: Employer | None = None
    busy_employer_recent: int = 0
    person: User | None = None
    share: Share | None = None
    expert_question: ExpertQuestion | None = None
    best_practice: BestPractice | None = None
    guide: ConversationGuide | None = None
    entry: ContactEntry | None = None
    own_entry: ContactEntry | None = None  # the bench market contact's, which they may correct
    question: Question | None = None
    item: Item | None = None
    callback: Callback | None = None
    # How each fixture was found: by its bench name, or by the fallback query.
    found_by: dict[str, str] = field(default_factory=dict)

    def describe(self) -> dict[str, str]:
        return dict(self.found_by)


def _first(name: str, fixtures: Fixtures, by_name, fallback, label: str):
    found = by_name.first() if by_name is not None else None
    if found is not None:
        fixtures.found_by[name] = f"{label} (by name)"
        return found
    found = fallback.first()
    fixtures.found_by[name] = (
        f"{found} (fallback: {label} not found)" if found else f"missing ({label} not found)"
    )
    return found


def find(players: dict[str, str] | None = None) -> Fixtures:
    """`players` names who plays each bench user (bench username → username), for opening the
    same pages on another data set: the browser tests' screenshots use the demo's people."""
    players = players or {name: name for name in BENCH_USERS}
    fixtures = Fixtures()
    users = User.objects.with_office().filter(username__in=list(players.values()))
    by_username = {user.username: user for user in users}
    fixtures.users = {
        bench: by_username[name] for bench, name in players.items() if name in by_username
    }
    advisor = fixtures.users.get("bench_advisor")
    fixtures.office = Office.objects.filter(name=BENCH_OFFICE).first() or (
        advisor.office if advisor else None
    )
    fixtures.found_by["office"] = str(fixtures.office or "missing")
    if advisor is None or fixtures.office is None:
        return fixtures
    fixtures.office_staff = User.objects.filter(office=fixtures.office, is_active=True).count()

    modules = Module.objects.visible_to(advisor).filter(status=Status.PUBLISHED)
    fixtures.module = _first(
        "module",
        fixtures,
        modules.filter(title__iexact=BENCH_MODULE),
        # A module with a quiz, like the bench module.
        modules.filter(Exists(Question.objects.filter(module=OuterRef("pk")))).order_by("pk"),
        BENCH_MODULE,
    )
    paths = LearningPath.objects.visible_to(advisor).filter(status=Status.PUBLISHED)
    fixtures.path = _first(
        "path",
        fixtures,
        paths.filter(title__istartswith="Bench"),
        paths.annotate(steps_count=Count("steps")).order_by("-steps_count", "pk"),
        "a path named Bench…",
    )

    # The bench office's summary of this week with most items, else its fullest, else any.
    year, week = current_iso_week()
    office_summaries = (
        Summary.objects.published()
        .filter(office=fixtures.office)
        .annotate(item_count=Count("items"))
    )
    fixtures.summary = _first(
        "summary",
        fixtures,
        office_summaries.filter(year=year, week=week).order_by("-item_count"),
        office_summaries.order_by("-item_count", "-year", "-week").filter(item_count__gt=0)
        if office_summaries.filter(item_count__gt=0).exists()
        else Summary.objects.published()
        .annotate(item_count=Count("items"))
        .order_by("-item_count", "-year", "-week"),
        f"the bench office's summary of week {week}",
    )
    fixtures.summary_items = fixtures.summary.item_count if fixtures.summary else 0

    employers = Employer.objects.active()
    fixtures.big_employer = _first(
        "big_employer",
        fixtures,
        employers.filter(name=BIG_EMPLOYER),
        employers.annotate(entries=Count("contact_entries")).order_by("-entries", "pk"),
        BIG_EMPLOYER,
    )
    since = timezone.localdate() - timedelta(days=30)
    fixtures.busy_employer = _first(
        "busy_employer",
        fixtures,
        employers.filter(name=BUSY_EMPLOYER),
        employers.annotate(
            recent=Count("contact_entries", filter=Q(contact_entries__contacted_on__gte=since))
        ).order_by("-recent", "pk"),
        BUSY_EMPLOYER,
    )
    if fixtures.big_employer:
        fixtures.big_employer_entries = (
            ContactEntry.objects.active().filter(employer=fixtures.big_employer).count()
        )
        fixtures.entry = (
            ContactEntry.objects.active()
            .filter(employer=fixtures.big_employer)
            .order_by("-contacted_on", "-pk")
            .first()
        )
    if fixtures.busy_employer:
        fixtures.busy_employer_recent = (
            ContactEntry.objects.active()
            .filter(employer=fixtures.busy_employer, contacted_on__gte=since)
            .count()
        )

    fixtures.person = (
        User.objects.filter(office=fixtures.office, is_active=True)
        .exclude(username__in=list(players.values()))
        .order_by("pk")
        .first()
    )
    fixtures.found_by["person"] = str(fixtures.person or "missing")
    fixtures.share = Share.objects.visible_to(advisor).shown().order_by("-created_at").first()
    fixtures.found_by["share"] = str(fixtures.share.pk if fixtures.share else "missing")
    # The most answered question: its page lists the most answers.
    fixtures.expert_question = (
        ExpertQuestion.objects.annotate(answered=Count("answers"))
        .order_by("-answered", "pk")
        .first()
    )
    fixtures.found_by["expert_question"] = str(
        fixtures.expert_question.pk if fixtures.expert_question else "missing"
    )
    fixtures.best_practice = (
        BestPractice.objects.visible_to(advisor).current().order_by("pk").first()
    )
    fixtures.found_by["best_practice"] = str(fixtures.best_practice or "missing")
    fixtures.guide = ConversationGuide.objects.published().order_by("pk").first()
    fixtures.found_by["guide"] = str(fixtures.guide or "missing")
    # The objects behind the editing pages: each one as heavy as its kind gets.
    market = fixtures.users.get("bench_market")
    if market is not None:
        fixtures.own_entry = (
            ContactEntry.objects.active().filter(author=market).order_by("-pk").first()
        )
        fixtures.found_by["own_entry"] = str(getattr(fixtures.own_entry, "pk", "missing"))
    if fixtures.module:
        fixtures.question = (
            Question.objects.filter(module=fixtures.module)
            .annotate(choice_count=Count("choices"))
            .order_by("-choice_count", "pk")
            .first()
        )
        fixtures.found_by["question"] = str(getattr(fixtures.question, "pk", "missing"))
    if fixtures.summary:
        fixtures.item = Item.objects.filter(summary=fixtures.summary).order_by("pk").first()
        fixtures.found_by["item"] = str(getattr(fixtures.item, "pk", "missing"))
    fixtures.callback = (
        Callback.objects.for_office(fixtures.office).open().order_by("-created_at", "-pk").first()
    )
    fixtures.found_by["callback"] = str(getattr(fixtures.callback, "pk", "missing"))
    return fixtures
