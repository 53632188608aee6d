"""Every page, htmx partial and download a person opens with GET, each as the role that uses
it, with its budget. (The POST-only actions are measured where they matter: the import, the
duplicate warning.)"""

from __future__ import annotations

import hashlib
import time
from functools import partial as partial_fn
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from devtools.bench.fixtures import Fixtures
from devtools.bench.measure import Target
from devtools.bench.urls import FLOOR_PATH
from employers.models import ContactEntry, Topic
from employers.queries import TimelineFilter, timeline_page
from employers.views import PAGE_SIZE as EMPLOYER_PAGE_SIZE
from marketinfo.models import BoardKioskLink
from portal.models import Office

PAGE_MS = 50
PARTIAL_MS = 20
# Our own budget, not the issue's: a file someone asked for (a CSV of an employer's 5,000
# entries, the office's matrix) within a second.
DOWNLOAD_MS = 1000
SEARCH_MS = 60
QUERIES_PER_PAGE = 10
DASHBOARD_TO_FLOOR = 4

# Who signs in for what (devtools/scale/portal.py BENCH_USERS).
ADVISOR, MANAGER, MARKET, EDITOR, ALL = (
    "bench_advisor",
    "bench_manager",
    "bench_market",
    "bench_editor",
    "bench_all",
)
ROLE_NAMES = {
    ADVISOR: "advisor",
    MANAGER: "manager",
    MARKET: "market contact",
    EDITOR: "editor",
    ALL: "all roles",
}

# Thirty searches people make: single words, inflections, compounds, phrases, a typo or two,
# rare words and words that match a large part of everything. {orgnr} and {employer} are
# filled from the data set.
SEARCH_QUERIES = [
    "arbeidsgiver",
    "arbeidsgiverne",
    "arbeidsgivere",
    "rekruttering",
    "lønnstilskudd",
    "kantinemedarbeider",
    "sykepleiermangel",
    "lærlingplass",
    "arbeidstrening helse",
    "oppfølging av kandidater",
    '"ledig stilling"',
    "bygg og anlegg",
    "{orgnr}",
    "{employer}",
    "arbeidsgievr",
    "rekrutering",
    "fiskeindustri",
    "havbruk",
    "fagbrev",
    "sommerjobb",
    "permittering",
    "nedbemanning",
    "inkludering på arbeidsplassen",
    "norskkurs",
    "sveiser",
    "elektriker",
    "jobbmesse",
    "praksisplass",
    "kvalifiseringsprogrammet",
    "ergoterapeut",
    # As people type them (issue #15): without ø and æ, a word that no entry has together
    # with the other, an organisation number with spaces.
    "tromso",
    "sykefravar",
    "Risør kommune",
    "{orgnr_spaced}",
]


def search_queries(fixtures: Fixtures) -> list[str]:
    employer = fixtures.big_employer
    number = employer.organisation_number if employer else "974760673"
    values = {
        "orgnr": number,
        "orgnr_spaced": f"{number[:3]} {number[3:6]} {number[6:]}",
        "employer": employer.name if employer else "Bench Industri AS",
    }
    return [query.format(**values) for query in SEARCH_QUERIES]


def _forget_feed_reads(token: str) -> None:
    """Forget this minute's reads by a secret link (portal.ratelimit counts them per token,
    not per user, so the measure's rate_limit_scope cannot clear them)."""
    window = int(time.time() // 60)
    key = "t" + hashlib.sha256(token.encode()).hexdigest()[:16]
    cache.delete_many([f"ratelimit:feed:{key}:{w}" for w in (window, window + 1)])


def _url(name: str, *args, **query) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query, doseq=True)}" if query else url


def floor_targets(users) -> list[Target]:
    return [
        Target(f"Framework floor ({ROLE_NAMES[user]})", "floor", user, FLOOR_PATH, None)
        for user in users
    ]


def _largest_region() -> tuple[int, int] | None:
    """The region with the most offices, and how many."""
    return (
        Office.objects.values_list("region_id")
        .annotate(offices=Count("pk"))
        .order_by("-offices", "region_id")
        .first()
    )


def page_targets(fixtures: Fixtures) -> tuple[list[Target], list[str]]:
    """The pages and partials, and what could not be measured for want of data."""
    targets: list[Target] = []
    missing: list[str] = []
    year = timezone.localdate().year

    def page(name, user, url, **options):
        targets.append(Target(name, "page", user, url, PAGE_MS, **options))

    def partial(name, user, url, **options):
        targets.append(Target(name, "partial", user, url, PARTIAL_MS, htmx=True, **options))

    def download(name, user, url, **options):
        targets.append(Target(name, "download", user, url, DOWNLOAD_MS, **options))

    def needs(thing, label: str) -> bool:
        if thing is None:
            missing.append(label)
        return thing is not None

    # --- portal ---------------------------------------------------------------------------
    for user in (ADVISOR, MANAGER, MARKET, EDITOR, ALL):
        page(f"Dashboard ({ROLE_NAMES[user]})", user, _url("portal:dashboard"))
    page("Notifications", ADVISOR, _url("portal:notifications"))
    page("Glossary", ADVISOR, _url("portal:glossary"))
    page("Account settings", ADVISOR, _url("portal:account_settings"))
    page("Report: usage and feedback", EDITOR, _url("portal:report_usage"))
    page("Report: content due for review", EDITOR, _url("portal:report_review"))
    page("Accessibility statement", ADVISOR, _url("portal:accessibility"))
    download(
        "Report export (CSV)",
        EDITOR,
        _url("portal:report_export", "csv"),
        rate_limit_scope="export",
    )
    partial("Notification count (header)", ADVISOR, _url("portal:notification_count"))
    partial("Dashboard panel: notifications", ADVISOR, _url("portal:panel_notifications"))
    partial("Dashboard panel: editor's content", EDITOR, _url("portal:panel_editor"))
    if needs(fixtures.office, "bench office"):
        page(
            "Figures: office, twelve months",
            MANAGER,
            _url("portal:figures_office", fixtures.office.pk),
        )
    region = _largest_region()
    if needs(region, "a region with offices"):
        region_id, offices = region
        # An administrator's view of the region with the most offices: the most rows summed.
        page(f"Figures: region ({offices} offices)", ALL, _url("portal:figures_region", region_id))
        download(
            "Figures: region (XLSX)",
            ALL,
            _url("portal:figures_region_xlsx", region_id),
            rate_limit_scope="export",
        )

    # --- learning -------------------------------------------------------------------------
    page("Modules", ADVISOR, _url("learning:index"))
    partial("Modules, filtered", ADVISOR, _url("learning:index", form="theory"))
    partial("Dashboard panel: continue", ADVISOR, _url("learning:panel_continue"))
    partial("Dashboard panel: recommended", ADVISOR, _url("learning:panel_recommended"))
    if needs(fixtures.module, "module"):
        slug = fixtures.module.slug
        page("Module", ADVISOR, _url("learning:module", slug))
        page("Quiz", ADVISOR, _url("learning:quiz", slug))
        page("Group session", MANAGER, _url("learning:group_session", slug))
        page("Module, editing", EDITOR, _url("learning:module_edit", slug))
        page("Quiz editor", EDITOR, _url("learning:quiz_editor", slug))
        page("New question", EDITOR, _url("learning:question_create", slug))
        if needs(fixtures.question, "a question of the bench module"):
            page(
                "Question, editing",
                EDITOR,
                _url("learning:question_edit", slug, fixtures.question.pk),
            )
    page("New module", EDITOR, _url("learning:module_create"))
    if needs(fixtures.path, "learning path"):
        page("Learning path", ADVISOR, _url("learning:path", fixtures.path.slug))
        page("Learning path, editing", EDITOR, _url("learning:path_edit", fixtures.path.slug))
    page("New learning path", EDITOR, _url("learning:path_create"))
    page("Completion confirmations", MANAGER, _url("learning:confirmations"))
    download(
        "My deadlines (calendar file)",
        ADVISOR,
        _url("learning:calendar"),
        rate_limit_scope="export",
    )
    page("My learning", ADVISOR, _url("learning:mine"))
    page("Self-assessment", ADVISOR, _url("learning:self_assessment"))
    page("Experience shares", ADVISOR, _url("learning:shares"))
    page("New experience share", ADVISOR, _url("learning:share_create"))
    if needs(fixtures.share, "experience share"):
        page("Experience share", ADVISOR, _url("learning:share", fixtures.share.pk))
    page("Questions to the experts", ADVISOR, _url("learning:questions"))
    page("Ask the experts", ADVISOR, _url("learning:question_ask"))
    if needs(fixtures.expert_question, "question to the experts"):
        page(
            "Question to the experts",
            EDITOR,
            _url("learning:expert_question", fixtures.expert_question.pk),
        )
    page("Best practice", ADVISOR, _url("learning:best_practices"))
    if needs(fixtures.best_practice, "best-practice example"):
        page(
            "Best-practice example",
            ADVISOR,
            _url("learning:best_practice", fixtures.best_practice.slug),
        )
        page(
            "Best-practice example, editing",
            EDITOR,
            _url("learning:best_practice_edit", fixtures.best_practice.slug),
        )
    page("New best-practice example", EDITOR, _url("learning:best_practice_create"))
    office = fixtures.office
    if needs(office, "bench office"):
        page("Office learning overview", MANAGER, _url("learning:office", office.slug))
        page("Who is behind", MANAGER, _url("learning:behind", office.slug))
        page("Experts of the office", MANAGER, _url("learning:experts", office.slug))
        page(
            f"Competence matrix ({fixtures.office_staff}-person office)",
            MANAGER,
            _url("learning:matrix", office.slug),
        )
        partial(
            "Competence matrix by area (filter)",
            MANAGER,
            _url("learning:matrix", office.slug, by="areas"),
        )
        page("Office's competence needs", MANAGER, _url("learning:office_needs", office.slug))
        download(
            "Competence matrix export (CSV)",
            MANAGER,
            _url("learning:matrix_export", office.slug, "csv"),
            rate_limit_scope="export",
        )
    partial("Dashboard panel: office's learning", MANAGER, _url("learning:panel_office"))
    if needs(fixtures.person, "a person in the bench office"):
        page("Person (manager's view)", MANAGER, _url("learning:person", fixtures.person.pk))
        page("Competence plan", MANAGER, _url("learning:plan", fixtures.person.pk, year))
    page("Assign modules", MANAGER, _url("learning:assign"))
    page("Editor's desk", EDITOR, _url("learning:editor"))

    # --- market information ---------------------------------------------------------------
    page("Labour-market feed", ADVISOR, _url("marketinfo:index"))
    partial("Labour-market feed, filtered", ADVISOR, _url("marketinfo:index", kind="vacancy"))
    if needs(fixtures.summary, "weekly summary"):
        label = f"Weekly summary ({fixtures.summary_items} items)"
        page(label, ADVISOR, _url("marketinfo:summary_detail", fixtures.summary.pk))
        if fixtures.summary.office_id == getattr(office, "pk", None):
            page(
                "Weekly summary, editing",
                MARKET,
                _url("marketinfo:summary_edit", fixtures.summary.pk),
            )
            page(
                "New summary item",
                MARKET,
                _url("marketinfo:item_create", fixtures.summary.pk, "vacancy"),
            )
            if needs(fixtures.item, "an item of the bench summary"):
                page(
                    "Summary item, editing", MARKET, _url("marketinfo:item_edit", fixtures.item.pk)
                )
        else:
            missing.append("a summary of the bench office (for the editing page)")
    page("This week's summary (start)", MARKET, _url("marketinfo:summary_start"))
    if office is not None:
        page("Office board", ADVISOR, _url("marketinfo:board", office.slug))
        partial("Office board refresh", ADVISOR, _url("marketinfo:board", office.slug))
        page("Office board, full screen", ADVISOR, _url("marketinfo:board_screen", office.slug))
        # The meeting room's screen opens the same board by the office's secret link.
        screen_link, _created = BoardKioskLink.objects.get_or_create(office=office)
        page(
            "Office board, screen link",
            ADVISOR,
            _url("marketinfo:board_kiosk", office.slug, screen_link.token),
            before_each=partial_fn(_forget_feed_reads, screen_link.token),
        )
    # Where the vacancies are: the office's last 4 weeks, and the heaviest, its region's 52.
    page("Vacancy map (office, 4 weeks)", ADVISOR, _url("marketinfo:vacancy_map"))
    page(
        "Vacancy map (region, 52 weeks)",
        ADVISOR,
        _url("marketinfo:vacancy_map", omrade="region", uker=52),
    )
    page("Market-contact network", ADVISOR, _url("marketinfo:network"))
    page("Feed subscriptions", ADVISOR, _url("marketinfo:subscriptions"))
    page("Market contact's role", MARKET, _url("marketinfo:role"))
    page("Market contact's role, editing", EDITOR, _url("marketinfo:role_edit"))
    page("My network profile", MARKET, _url("marketinfo:profile_edit"))
    partial("Dashboard panel: this week's summary", MARKET, _url("marketinfo:panel_rhythm"))
    download(
        "Import template",
        MARKET,
        _url("marketinfo:import_template"),
        rate_limit_scope="export",
    )

    # --- employers ------------------------------------------------------------------------
    page(
        "Employer search",
        MARKET,
        _url("employers:index", q="bygg"),
        rate_limit_scope="register-search",
    )
    partial(
        "Employer search as you type",
        MARKET,
        _url("employers:index", q="byg"),
        rate_limit_scope="register-search",
    )
    big = fixtures.big_employer
    if needs(big, "employer with many contact entries"):
        number = big.organisation_number
        label = f"Employer page ({fixtures.big_employer_entries} entries)"
        page(label, MARKET, _url("employers:detail", number))
        partial(
            "Employer timeline, filtered by topic",
            MARKET,
            _url("employers:detail", number, tema=Topic.RECRUITMENT),
        )
        cursor = timeline_page(big, flt=TimelineFilter(), limit=EMPLOYER_PAGE_SIZE).next_cursor
        if cursor:
            partial(
                "Employer timeline, older",
                MARKET,
                _url("employers:detail", number, etter=cursor.encode()),
            )
        page("Log a contact (form with warning)", MARKET, _url("employers:entry_create", number))
        page("Employer, editing", MARKET, _url("employers:edit", number))
        page("New contact person", MARKET, _url("employers:contact_person_create", number))
        page("Plan a contact", MARKET, _url("employers:plan_create", number))
        page("Register a callback", MARKET, _url("employers:callback_create", number))
        download(
            f"Employer export (CSV) ({fixtures.big_employer_entries} entries)",
            MARKET,
            _url("employers:export", number, "csv"),
            rate_limit_scope="export",
        )
    if needs(fixtures.entry, "contact entry"):
        page("Contact entry", MARKET, _url("employers:entry", fixtures.entry.pk))
    if needs(fixtures.own_entry, "a contact entry by the bench market contact"):
        page(
            "Contact entry, correcting", MARKET, _url("employers:entry_edit", fixtures.own_entry.pk)
        )
    page("New employer", MARKET, _url("employers:create"))
    busy = fixtures.busy_employer
    if needs(busy, "employer with many recent contacts"):
        label = f"Duplicate-contact warning ({fixtures.busy_employer_recent} recent)"
        partial(
            label,
            MARKET,
            _url("employers:duplicate_warning", busy.organisation_number, topics=Topic.RECRUITMENT),
        )
    page("Contact log", MARKET, _url("employers:log"))
    partial("Contact log, filtered by topic", MARKET, _url("employers:log", tema=Topic.RECRUITMENT))
    newest = ContactEntry.objects.with_people().page(limit=EMPLOYER_PAGE_SIZE)
    if len(newest) > EMPLOYER_PAGE_SIZE:
        last = newest[EMPLOYER_PAGE_SIZE - 1]
        partial(
            "Contact log, older",
            MARKET,
            _url("employers:log", etter=f"{last.contacted_on.isoformat()}_{last.pk}"),
        )
    download(
        "Contact log export (CSV)",
        MARKET,
        _url("employers:log_export", "csv"),
        rate_limit_scope="export",
    )
    page("My follow-ups", MARKET, _url("employers:follow_ups"))
    partial("Dashboard panel: follow-ups", MARKET, _url("employers:panel_follow_ups"))
    partial("Dashboard panel: callbacks", MARKET, _url("employers:panel_callbacks"))
    page("Planned contacts", MARKET, _url("employers:plans"))
    page("Callback queue", MARKET, _url("employers:callbacks"))
    if needs(fixtures.callback, "an open callback of the bench office"):
        page("Callback", MARKET, _url("employers:callback", fixtures.callback.pk))
    page("Conversation guides", ADVISOR, _url("employers:guides"))
    if needs(fixtures.guide, "conversation guide"):
        page("Conversation guide", ADVISOR, _url("employers:guide", fixtures.guide.slug))
        page(
            "Conversation guide, editing", EDITOR, _url("employers:guide_edit", fixtures.guide.slug)
        )
    page("New conversation guide", EDITOR, _url("employers:guide_create"))
    return targets, missing


def search_targets(queries: list[str], fixtures: Fixtures) -> list[Target]:
    """The search page and the as-you-type suggestions for each query, as an advisor: each
    repeated (mostly answered from the search cache, as for people of one office typing the
    same words) and each as a first, uncached search (what every search costs after any
    change to the index)."""
    from portal.search import forget_cached_results

    org_number = fixtures.big_employer.organisation_number if fixtures.big_employer else None
    targets = []
    for query in queries:
        # An organisation number goes straight to the employer: a redirect is the answer.
        is_number = org_number and query.replace(" ", "") == org_number
        expect = (200, 302) if is_number else (200,)
        url = _url("portal:search", q=query)
        for group, htmx, before_each in (
            ("search", False, None),
            ("search-partial", True, None),
            ("search-cold", False, forget_cached_results),
            ("search-partial-cold", True, forget_cached_results),
        ):
            targets.append(
                Target(
                    query,
                    group,
                    ADVISOR,
                    url,
                    SEARCH_MS,
                    htmx=htmx,
                    expect=expect,
                    rate_limit_scope="search",
                    before_each=before_each,
                )
            )
    return targets
