"""One search over everything: modules, paths, best practice, guides, glossary, summary items,
employers and shares.

Each app describes its searchable objects in `<app>/search.py` with a dict
`INDEXERS = {Model: describe}`, where `describe(obj)` returns an `Entry`, or None when the
object must not be found (a draft, something deleted). The portal keeps one SearchEntry per
object current on save and delete. Queries use the Norwegian text-search configuration; when
that finds little, the query's words are matched against the indexed words by trigram
similarity to correct typos ("arbeidsgievr" → "arbeidsgiver").
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, models
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from portal.cache_guard import cached_in_generation, move_generation_on
from portal.models import SEARCH_CONFIG, GlossaryTerm, SearchEntry, SearchWord

INDEXER_MODULES = ["portal.search", "learning.search", "marketinfo.search", "employers.search"]
KIND_LABELS = {
    "module": _("Modules"),
    "path": _("Learning paths"),
    "bestpractice": _("Best practice"),
    "guide": _("Conversation guides"),
    "glossary": _("Glossary"),
    "summaryitem": _("Labour market"),
    "employer": _("Employers"),
    "share": _("Experience shares"),
}
# ts_headline marks matches with these; they cannot occur in text, so escaping is safe.
_MARK_START, _MARK_STOP = "\x02", "\x03"
_WORD = re.compile(r"\w{3,}")
TYPO_SIMILARITY = 0.45


@dataclass
class Entry:
    kind: str
    title: str
    url: str
    body: str = ""
    office_id: int | None = None
    region_id: int | None = None


@dataclass
class Results:
    query: str
    hits: list = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    corrected: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def groups(self) -> list[tuple[str, str, int]]:
        return [
            (kind, str(KIND_LABELS.get(kind, kind)), count)
            for kind, count in sorted(self.counts.items(), key=lambda kv: -kv[1])
        ]


def _describe_glossary(term: GlossaryTerm) -> Entry | None:
    if term.freshness == "expired":
        return None
    return Entry("glossary", term.term, term.get_absolute_url(), term.definition)


INDEXERS: dict[type[models.Model], Callable] = {GlossaryTerm: _describe_glossary}


def all_indexers() -> dict[type[models.Model], Callable]:
    found = {}
    for name in INDEXER_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as missing:
            if missing.name != name:
                raise
            continue
        found.update(module.INDEXERS)
    return found


def index_object(obj: models.Model) -> None:
    describe = all_indexers()[type(obj)]
    entry = describe(obj)
    content_type = ContentType.objects.get_for_model(obj)
    if entry is None:
        move_generation_on(_GENERATION_KEY)
        SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()
        return
    move_generation_on(_GENERATION_KEY)
    SearchEntry.objects.update_or_create(
        content_type=content_type,
        object_id=obj.pk,
        defaults={
            "kind": entry.kind,
            "title": entry.title[:300],
            "body": entry.body,
            "url": entry.url,
            "office_id": entry.office_id,
            "region_id": entry.region_id,
            "updated_at": timezone.now(),
        },
    )
    _remember_words(f"{entry.title} {entry.body}")


def unindex_object(obj: models.Model) -> None:
    move_generation_on(_GENERATION_KEY)
    content_type = ContentType.objects.get_for_model(obj)
    SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()


def _remember_words(text: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {SearchWord._meta.db_table} (word)
            SELECT DISTINCT w FROM unnest(tsvector_to_array(to_tsvector('simple', %s))) AS w
            WHERE length(w) BETWEEN 3 AND 100
            ON CONFLICT (word) DO NOTHING
            """,  # noqa: S608 - our own table name; the text is a parameter
            [text],
        )


def reindex_all() -> int:
    """Rebuild every entry (after a bulk import, or when indexers change)."""
    count = 0
    for model, _describe in all_indexers().items():
        for obj in model._default_manager.iterator(chunk_size=2000):
            index_object(obj)
            count += 1
    return count


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load raw rows; reindex_all() covers them
        index_object(instance)


def _on_delete(sender, instance, **kwargs):
    unindex_object(instance)


def connect_signals() -> None:
    """Keep entries current: registered once from PortalConfig.ready()."""
    for model in all_indexers():
        post_save.connect(_on_save, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(
            _on_delete, sender=model, dispatch_uid=f"search-delete-{model._meta.label}"
        )


def _correct(query: str) -> str:
    """Replace each word of the query by the closest indexed word, when one is close enough."""
    corrected = []
    with connection.cursor() as cursor:
        for word in _WORD.findall(query.lower()):
            cursor.execute(
                f"""
                SELECT word FROM {SearchWord._meta.db_table}
                WHERE word %% %s AND similarity(word, %s) >= %s
                ORDER BY similarity(word, %s) DESC LIMIT 1
                """,  # noqa: S608 - our own table name; values are parameters
                [word, word, TYPO_SIMILARITY, word],
            )
            row = cursor.fetchone()
            corrected.append(row[0] if row else word)
    return " ".join(corrected)


def _highlight(text: str) -> SafeString:
    marked = escape(text).replace(_MARK_START, "<mark>").replace(_MARK_STOP, "</mark>")
    return mark_safe(marked)  # noqa: S308 - escaped above; only our <mark> tags are added


SEARCH_CACHE_SECONDS = 60
# Any change to the index makes every cached result old at once (portal.cache_guard).
_GENERATION_KEY = "portal:search:generation"


def _scope_key(user, query: str, kind: str, limit: int) -> str:
    """What decides which entries a user may find (SearchEntry.objects.visible_to): the
    office and its region, nothing else; so people of one office share cached results."""
    region_id = user.office.region_id if user.office_id else None
    text = f"{user.office_id}:{region_id}:{kind}:{limit}:{query}"
    return "portal:search:" + hashlib.sha256(text.encode()).hexdigest()


def search(user, query: str, kind: str = "", limit: int = 20) -> Results:
    query = query.strip()[:200]
    results = Results(query=query)
    if not _WORD.search(query):
        return results

    def run() -> tuple:
        visible = SearchEntry.objects.visible_to(user)
        found = _run(visible, query, kind, limit, results)
        if not results.counts:
            corrected = _correct(query)
            if corrected and corrected != query.lower():
                found = _run(visible, corrected, kind, limit, results)
                if results.counts:
                    results.corrected = corrected
        return results.counts, results.corrected, found

    # Kept for a minute at most, in case an entry changed without index_object().
    results.counts, results.corrected, found = cached_in_generation(
        _GENERATION_KEY, _scope_key(user, query, kind, limit), run, SEARCH_CACHE_SECONDS
    )
    results.hits = [
        {
            "kind": hit.kind,
            "kind_label": KIND_LABELS.get(hit.kind, hit.kind),
            "title": _highlight(hit.title_marked),
            "snippet": _highlight(hit.snippet),
            "url": hit.url,
        }
        for hit in found
    ]
    return results


_TITLE_OPTIONS = f"StartSel='{_MARK_START}', StopSel='{_MARK_STOP}', HighlightAll=true"
_SNIPPET_OPTIONS = (
    f"StartSel='{_MARK_START}', StopSel='{_MARK_STOP}', MaxWords=30, MinWords=12, MaxFragments=2"
)
# One pass over the matches for both the counts per kind and the ranked hits: a common word
# ("arbeidsgiver") matches thousands of entries, and reading them twice (once to count, once
# to rank) doubled the cost. Headlines, the dearest part per row, are made for the shown hits
# only, after the LIMIT.
_SEARCH_SQL = """
WITH matches AS MATERIALIZED ({matches}),
counts AS (SELECT kind, COUNT(*) AS n FROM matches GROUP BY kind),
shown AS (
    SELECT id, rank, title FROM matches WHERE (%s = '' OR kind = %s)
    ORDER BY rank DESC, title LIMIT %s
)
SELECT 'count' AS row_type, kind, n, NULL AS url, NULL AS title_marked, NULL AS snippet,
       NULL::real AS rank, NULL AS title
FROM counts
UNION ALL
SELECT 'hit', entry.kind, NULL, entry.url,
       ts_headline(%s::regconfig, entry.title, {tsquery}, %s),
       ts_headline(%s::regconfig, entry.body, {tsquery}, %s),
       shown.rank, shown.title
FROM shown JOIN {table} AS entry ON entry.id = shown.id
ORDER BY row_type, rank DESC, title
"""


@dataclass
class _Hit:
    kind: str
    url: str
    title_marked: str
    snippet: str


def _run(visible, query: str, kind: str, limit: int, results: Results) -> list:
    search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    matches = (
        visible.filter(search_vector=search_query)
        .annotate(rank=SearchRank(F("search_vector"), search_query))
        .order_by()
        .values("id", "kind", "title", "rank")
    )
    matches_sql, matches_params = matches.query.sql_with_params()
    tsquery = "websearch_to_tsquery(%s::regconfig, %s)"
    sql = _SEARCH_SQL.format(matches=matches_sql, tsquery=tsquery, table=SearchEntry._meta.db_table)
    params = [
        *matches_params,
        kind,
        kind,
        limit,
        SEARCH_CONFIG,
        SEARCH_CONFIG,
        query,
        _TITLE_OPTIONS,
        SEARCH_CONFIG,
        SEARCH_CONFIG,
        query,
        _SNIPPET_OPTIONS,
    ]
    counts, hits = {}, []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row_type, row_kind, count, url, title_marked, snippet, _rank, _title in cursor:
            if row_type == "count":
                counts[row_kind] = count
            else:
                hits.append(_Hit(row_kind, url, title_marked, snippet))
    results.counts = counts
    return hits


def index_queryset(queryset) -> int:
    """Re-describe objects changed by a set-based update (which sends no post_save)."""
    count = 0
    for obj in queryset.iterator(chunk_size=500):
        index_object(obj)
        count += 1
    return count
