"""One search over everything: modules, paths, best practice, guides, glossary, summary items,
employers and shares.

Each app describes its searchable objects in `<app>/search.py` (found by `portal.registry`)
with a dict `INDEXERS = {Model: describe}`, where `describe(obj)` returns an `Entry`, or None
when the object must not be found (a draft, something deleted). The portal keeps one SearchEntry per
object current on save and delete. Queries use the Norwegian text-search configuration, and
are taken as people type them:

- a word typed without æ, ø and å also stands for the indexed words it folds to
  (`risor`, `risoer` → «risør»; see portal.folding);
- a glossary term's English names stand for the term («wage subsidy» → «lønnstilskudd»);
- an organisation number written with spaces or dots, or as a VAT number, is the number;
- when nothing has every word, the query's words are matched against the indexed words by
  trigram similarity to correct typos ("arbeidsgievr" → "arbeidsgiver"), and when that does
  not help either, entries with some of the words are ranked («Risør kommune»).
"""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import cache
from portal.folding import fold
from portal.models import SEARCH_CONFIG, GlossaryTerm, SearchEntry, SearchWord
from portal.registry import declared
from portal.sql import named_rows
from portal.validators import normalise_organisation_number

KIND_LABELS = {
    "module": _("Modules"),
    "path": _("Learning paths"),
    "bestpractice": _("Best practice"),
    "guide": _("Conversation guides"),
    "glossary": _("Glossary"),
    "summaryitem": _("Labour market"),
    "employer": _("Employers"),
    "share": _("Experience shares"),
    "faq": _("Frequently asked questions"),
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
    # Shown beside the hit, labelled by the app's TAG_LABELS (a closed employer's status).
    tag: str = ""


@dataclass
class Results:
    query: str
    hits: list = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    corrected: str = ""
    # No entry had every word, so these are the entries with some of them, best first.
    any_word: bool = False
    page: int = 1
    per_page: int = 20
    kind: str = ""
    # The nine digits when the query is an organisation number as people write it.
    organisation_number: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def shown_total(self) -> int:
        """How many hits the pages run through: those of the chosen kind, or all."""
        return self.counts.get(self.kind, 0) if self.kind else self.total

    @property
    def pages(self) -> int:
        return min(-(-self.shown_total // self.per_page), MAX_PAGE)

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

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
    return {
        model: describe
        for found in declared("search", "INDEXERS")
        for model, describe in found.items()
    }


def all_tag_labels() -> dict[str, str]:
    """Each app's labels for the tags its entries carry, in the active language."""
    return {
        tag: str(label)
        for found in declared("search", "TAG_LABELS")
        for tag, label in found.items()
    }


def index_object(obj: models.Model) -> None:
    describe = all_indexers()[type(obj)]
    entry = describe(obj)
    content_type = ContentType.objects.get_for_model(obj)
    cache.bump(*_generations_changed_by(obj))
    if entry is None:
        SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()
        return
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
            "tag": entry.tag,
            "updated_at": timezone.now(),
        },
    )
    _remember_words(f"{entry.title} {entry.body}")


def unindex_object(obj: models.Model) -> None:
    cache.bump(*_generations_changed_by(obj))
    content_type = ContentType.objects.get_for_model(obj)
    SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()


def _generations_changed_by(obj: models.Model) -> list[str]:
    """Every change makes cached results old; a glossary change also the English synonyms,
    which are otherwise kept across the many changes to other content."""
    if isinstance(obj, GlossaryTerm):
        return [_GENERATION_KEY, _SYNONYMS_GENERATION_KEY]
    return [_GENERATION_KEY]


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
    """The query with each word replaced by the closest indexed word, when one is close
    enough; quotes and minus signs stay where they were. One statement for all the words,
    so a long query costs no more queries than a short one."""
    query = query.lower()
    words = list(dict.fromkeys(_WORD.findall(query)))
    if not words:
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT COALESCE((
                SELECT known.word FROM {SearchWord._meta.db_table} AS known
                WHERE known.word %% typed.word AND similarity(known.word, typed.word) >= %s
                ORDER BY similarity(known.word, typed.word) DESC LIMIT 1
            ), typed.word)
            FROM unnest(%s::text[]) WITH ORDINALITY AS typed (word, position)
            ORDER BY typed.position
            """,  # noqa: S608 - our own table name; values are parameters
            [TYPO_SIMILARITY, words],
        )
        closest = dict(zip(words, (row[0] for row in cursor.fetchall()), strict=True))
    return _WORD.sub(lambda typed: closest[typed.group()], query)


def _runs(text: str) -> list[tuple[str, bool]]:
    """The text in runs, each saying whether ts_headline marked it as a match: the template
    marks those (the `marked` partial of portal/search.html)."""
    runs = re.split(f"[{_MARK_START}{_MARK_STOP}]", text)
    return [(run, n % 2 == 1) for n, run in enumerate(runs) if run]


# Bodies of modules, guides and shares are Markdown; a snippet is a few words cut out of one,
# so it is cleaned of the markers rather than rendered (a cut link or list cannot render).
_MARKDOWN_MARKERS = [
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"(?:^|(?<=\s))#{1,6}[ \t]+"), ""),  # headings
    (re.compile(r"^[ \t]*(?:>|[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE), ""),  # quotes, lists
    (re.compile(r"(?:\*\*|__|~~|`+|\*)(?=\S)|(?<=\S)(?:\*\*|__|~~|`+|\*)"), ""),  # emphasis
    (re.compile(r"(?<!\w)_(?=\S)|(?<=\S)_(?!\w)"), ""),
    (re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE), ""),  # rules
    (re.compile(r"\s*\|\s*"), " "),  # table cells
    (re.compile(r"\s+"), " "),
]


def plain_snippet(text: str) -> str:
    for pattern, replacement in _MARKDOWN_MARKERS:
        text = pattern.sub(replacement, text)
    return text.strip()


SEARCH_CACHE_SECONDS = 60
SYNONYMS_CACHE_SECONDS = 600
# Any change to the index makes every cached result old at once (portal.cache).
_GENERATION_KEY = "portal:search"
_SYNONYMS_GENERATION_KEY = "portal:search:synonyms"
PER_PAGE = 20
# Pages past this are not offered: nobody reads 2,000 hits, and OFFSET still ranks them all.
MAX_PAGE = 100


def forget_cached_results() -> None:
    """Make every cached result old, as any change to the index does (the bench's first
    searches use it to time uncached searches)."""
    cache.bump(_GENERATION_KEY)


def _scope_key(user, query: str, kind: str, limit: int, page: int, snippets: bool) -> str:
    """What decides which entries a user may find (SearchEntry.objects.visible_to): the
    office and its region, nothing else; so people of one office share cached results."""
    region_id = user.office.region_id if user.office_id else None
    text = f"{user.office_id}:{region_id}:{kind}:{limit}:{page}:{snippets}:{query}"
    return "portal:search:" + hashlib.sha256(text.encode()).hexdigest()


@dataclass
class _Outcome:
    """What a search found, as cached: counts per kind and the hits of one page."""

    counts: dict[str, int]
    hits: list
    corrected: str = ""
    any_word: bool = False


def search(
    user, query: str, kind: str = "", limit: int = PER_PAGE, page: int = 1, snippets: bool = True
) -> Results:
    """One page of hits for `query`, with the counts per kind. `snippets=False` leaves out
    the text around the matches (the suggestions as you type show titles only): cutting
    snippets out of twenty bodies costs as much as finding and ranking the hits."""
    query = query.strip()[:200]
    page = min(max(page, 1), MAX_PAGE)
    results = Results(query=query, page=page, per_page=limit, kind=kind)
    number = normalise_organisation_number(query)
    if _NINE_DIGITS.fullmatch(number):
        # «974 760 673», «NO 974 760 673 MVA»: the employer's entry holds the nine digits.
        results.organisation_number = query = number
    if not _WORD.search(query):
        return results

    def run() -> _Outcome:
        visible = SearchEntry.objects.visible_to(user)
        parsed = _parse(query)
        if not parsed.has_words:
            return _Outcome({}, [])
        offset = (page - 1) * limit
        counts, hits = _run(visible, parsed.tsquery(), kind, limit, offset, snippets)
        if counts:
            return _Outcome(counts, hits)
        corrected = _correct(query)
        if corrected and corrected != query.lower():
            fixed = _parse(corrected)
            counts, hits = _run(visible, fixed.tsquery(), kind, limit, offset, snippets)
            if counts:
                return _Outcome(counts, hits, corrected=corrected)
        if parsed.can_widen:
            # No entry has every word («Risør kommune»): rank those with some of them.
            widened = parsed.tsquery(any_word=True)
            counts, hits = _run(visible, widened, kind, limit, offset, snippets)
            return _Outcome(counts, hits, any_word=bool(counts))
        return _Outcome({}, [])

    # Kept for a minute at most, in case an entry changed without index_object().
    outcome = cache.cached(
        _scope_key(user, query, kind, limit, page, snippets),
        run,
        SEARCH_CACHE_SECONDS,
        [_GENERATION_KEY],
    )
    results.counts, results.corrected, results.any_word = (
        outcome.counts,
        outcome.corrected,
        outcome.any_word,
    )
    tag_labels = all_tag_labels()
    results.hits = [
        {
            "kind": hit.kind,
            "kind_label": KIND_LABELS.get(hit.kind, hit.kind),
            "title": _runs(hit.title_marked),
            "snippet": _runs(plain_snippet(hit.snippet)),
            "url": hit.url,
            "tag": tag_labels.get(hit.tag, "") if hit.tag else "",
        }
        for hit in outcome.hits
    ]
    return results


_NINE_DIGITS = re.compile(r"[0-9]{9}")
# A quoted phrase, or a word with an optional minus before it (websearch's syntax).
_TOKEN = re.compile(r'"([^"]*)"|(?<!\w)(-?)(\w+)')
# The longest English name (in words) looked for in a query.
_LONGEST_SYNONYM = 4


def _quoted(word: str) -> str:
    # \w+ holds no quote or backslash, so a lexeme needs no escaping inside the quotes.
    return f"'{word}'"


@dataclass
class _Part:
    text: str  # this part as tsquery text
    negated: bool = False
    or_before: bool = False


@dataclass
class _Parsed:
    parts: list[_Part]

    @property
    def has_words(self) -> bool:
        return any(not part.negated for part in self.parts)

    @property
    def can_widen(self) -> bool:
        positive = [part for part in self.parts if not part.negated]
        return len(positive) > 1 and not any(part.or_before for part in self.parts)

    def tsquery(self, *, any_word: bool = False) -> str:
        """The query for to_tsquery: every part (or, widened, any part), minus the negated."""
        if any_word:
            positive = " | ".join(part.text for part in self.parts if not part.negated)
            negated = "".join(f" & !{part.text}" for part in self.parts if part.negated)
            return f"({positive}){negated}"
        text = ""
        for part in self.parts:
            operand = f"!{part.text}" if part.negated else part.text
            if not text:
                text = operand
            elif part.or_before:
                text = f"{text} | {operand}"
            else:
                text = f"{text} & {operand}"
        return text


def _parse(query: str) -> _Parsed:
    """The query as parts: a quoted phrase, a word with the spellings it may stand for
    (`risor` for «risør»), or a run of words that is a glossary term's English name together
    with the term («wage subsidy» or «lønnstilskudd»). `or` between two parts and a minus
    before a word work as in websearch_to_tsquery."""
    tokens: list[tuple[str, object, bool]] = []  # (kind, words or word, negated)
    for match in _TOKEN.finditer(query):
        phrase, minus, word = match.groups()
        if phrase is not None:
            words = _WORD_ANY.findall(phrase)
            if words:
                tokens.append(("phrase", words, False))
        elif word.lower() == "or" and tokens:
            tokens.append(("or", None, False))
        else:
            tokens.append(("word", word.lower(), bool(minus)))
    plain = [word for kind, word, negated in tokens if kind == "word" and not negated]
    spellings = _spellings(plain)
    synonyms = _synonyms() if plain else {}
    parts: list[_Part] = []
    or_before = False
    index = 0
    while index < len(tokens):
        kind, value, negated = tokens[index]
        index += 1
        if kind == "or":
            or_before = bool(parts)
            continue
        if kind == "phrase":
            text = "(" + " <-> ".join(_quoted(w) for w in value) + ")"
        elif negated:
            text = _quoted(value)
        else:
            run = _english_run(tokens, index - 1, synonyms)
            if run:
                words, term = run
                index += len(words) - 1
                english = " & ".join(_quoted(w) for w in words)
                norwegian = " & ".join(_quoted(w) for w in _WORD_ANY.findall(term.lower()))
                text = f"(({english}) | ({norwegian}))"
            else:
                alternatives = [value, *spellings.get(fold(value), [])]
                text = "(" + " | ".join(_quoted(w) for w in dict.fromkeys(alternatives)) + ")"
        parts.append(_Part(text, negated=negated, or_before=or_before))
        or_before = False
    return _Parsed(parts)


_WORD_ANY = re.compile(r"\w+")


def _english_run(tokens, start: int, synonyms: dict) -> tuple[list[str], str] | None:
    """The longest run of plain words from `start` that is an English name, and its term."""
    words: list[str] = []
    for kind, value, negated in tokens[start : start + _LONGEST_SYNONYM]:
        if kind != "word" or negated:
            break
        words.append(value)
    for length in range(len(words), 0, -1):
        term = synonyms.get(" ".join(words[:length]))
        if term:
            return words[:length], term
    return None


def _spellings(words: list[str]) -> dict[str, list[str]]:
    """For each word's folded form, the indexed words with that form: `risor` and `risoer`
    both stand for «risør», `sykefravar` and `sykefravaer` for «sykefravær»."""
    keys = sorted({fold(word) for word in words if len(word) >= 3})
    if not keys:
        return {}
    found: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT portal_fold(word) AS folded, word FROM {SearchWord._meta.db_table}
            WHERE portal_fold(word) = ANY(%s) ORDER BY word LIMIT 200
            """,  # noqa: S608 - our own table name; values are parameters
            [keys],
        )
        for folded, word in cursor:
            found.setdefault(folded, []).append(word)
    return found


def _synonyms() -> dict[str, str]:
    """English name (lowercased, single-spaced) → glossary term, for every current term."""

    def load() -> dict[str, str]:
        names = {}
        terms = GlossaryTerm.objects.current().exclude(english="").values_list("term", "english")
        for term, english in terms:
            for name in english.split(","):
                words = _WORD_ANY.findall(name.lower())
                if words:
                    names[" ".join(words)] = term
        return names

    return cache.cached(
        "portal:search:synonyms", load, SYNONYMS_CACHE_SECONDS, [_SYNONYMS_GENERATION_KEY]
    )


_TITLE_OPTIONS = f"StartSel='{_MARK_START}', StopSel='{_MARK_STOP}', HighlightAll=true"
_SNIPPET_OPTIONS = (
    f"StartSel='{_MARK_START}', StopSel='{_MARK_STOP}', MaxWords=30, MinWords=12, MaxFragments=2"
)
# The ranking reads the vector of every entry it ranks, which for a common word
# («arbeidsgiver», 20,000 entries) was most of a search's time. So entries with the query in
# their title come first, found by their own index (search_title_vector) and ranked among
# themselves; when they fill the page, the other matches are only counted per kind, which
# reads their kind and not their vector. Only when the titles do not fill the page (a rarer
# word, or a later page) are all matches ranked, in one pass that also counts them. The
# conditions on `enough` are one-time filters: the planner runs one branch or the other.
# Headlines, the dearest part per row, are made for the shown hits only, after the LIMIT,
# each from a window of the body (SNIPPET_WINDOW). `q` holds the parsed query and its
# lexemes, which place the windows.
_SEARCH_SQL = """
WITH q AS MATERIALIZED (
    SELECT query, ARRAY(SELECT (regexp_matches(query::text, $$'([^']+)'$$, 'g'))[1]) AS lexemes
    FROM (SELECT to_tsquery(%(config)s::regconfig, %(tsquery)s) AS query) AS parsed
),
titled AS MATERIALIZED (
    SELECT visible.id, visible.title,
           ts_rank(visible.search_vector, (SELECT query FROM q)) AS rank
    FROM ({visible}) AS visible
    WHERE to_tsvector({config}::regconfig, COALESCE(visible.title, ''))
          @@ (SELECT query FROM q)
      -- A title with the words has them in the vector too, unless a word is excluded
      -- (-vikar) and only the body has it; reading the vector's index costs, so only then.
      AND (NOT %(excludes)s OR visible.search_vector @@ (SELECT query FROM q))
      AND (%(kind)s = '' OR visible.kind = %(kind)s)
),
enough AS MATERIALIZED (
    SELECT COUNT(*) >= %(offset)s + %(limit)s AS titles_fill_the_page FROM titled
),
matches AS MATERIALIZED (
    SELECT visible.id, visible.kind, visible.title,
           ts_rank(visible.search_vector, (SELECT query FROM q)) AS rank
    FROM ({visible}) AS visible
    WHERE NOT (SELECT titles_fill_the_page FROM enough)
      AND visible.search_vector @@ (SELECT query FROM q)
),
counts AS (
    SELECT visible.kind, COUNT(*) AS n FROM ({visible}) AS visible
    WHERE (SELECT titles_fill_the_page FROM enough)
      AND visible.search_vector @@ (SELECT query FROM q)
    GROUP BY visible.kind
    UNION ALL
    SELECT kind, COUNT(*) FROM matches GROUP BY kind
),
ranked AS (
    SELECT id, 1 AS tier, rank, title FROM titled
    UNION ALL
    SELECT id, 2, rank, title FROM matches
    WHERE (%(kind)s = '' OR kind = %(kind)s) AND id NOT IN (SELECT id FROM titled)
),
shown AS (
    SELECT id, tier, rank, title FROM ranked
    ORDER BY tier, rank DESC, title, id LIMIT %(limit)s OFFSET %(offset)s
)
SELECT 'count' AS row_type, kind, n, NULL AS url, NULL AS title_marked, NULL AS snippet,
       NULL AS tag, NULL::integer AS tier, NULL::real AS rank, NULL AS title, NULL::bigint AS id
FROM counts
UNION ALL
SELECT 'hit', entry.kind, NULL, entry.url,
       ts_headline(%(config)s::regconfig, entry.title, (SELECT query FROM q), %(title_options)s),
       CASE WHEN %(snippets)s THEN ts_headline(
            %(config)s::regconfig, substr(entry.body, cut.start, %(window)s),
            (SELECT query FROM q), %(snippet_options)s
       ) ELSE '' END,
       entry.tag, shown.tier, shown.rank, shown.title, shown.id
FROM shown JOIN {table} AS entry ON entry.id = shown.id
CROSS JOIN LATERAL (
    SELECT greatest(coalesce(min(nullif(strpos(lower(entry.body), lexeme), 0)), 1) - %(lead)s, 1)
           AS start
    FROM unnest((SELECT lexemes FROM q)) AS lexeme
) AS cut
ORDER BY row_type, tier, rank DESC, title, id
"""
# The snippet is cut from this much of the body, starting a little before the first place a
# word of the query (a stem: «arbeidsgiver» in «arbeidsgiverne») appears. ts_headline runs
# the text through the Norwegian dictionary, which costs about as much per kilobyte as
# ranking a few hundred matches: a long module's whole text is not parsed for 30 words.
SNIPPET_WINDOW = 700
SNIPPET_LEAD = 120


@dataclass
class _Hit:
    kind: str
    url: str
    title_marked: str
    snippet: str
    tag: str


def _run(
    visible, tsquery: str, kind: str, limit: int, offset: int, snippets: bool
) -> tuple[dict, list]:
    visible_sql, visible_params = (
        visible.order_by().values("id", "kind", "title", "search_vector").query.sql_with_params()
    )
    # Named parameters, so the visible entries' own (positional) ones go in as literals.
    with connection.cursor() as cursor:
        visible_sql = cursor.mogrify(visible_sql, visible_params).replace("%", "%%")
    sql = _SEARCH_SQL.format(
        visible=visible_sql,
        table=SearchEntry._meta.db_table,
        # The index's expression, written out as the index has it so the planner matches it.
        config=f"'{SEARCH_CONFIG}'",
    )
    params = {
        "config": SEARCH_CONFIG,
        "tsquery": tsquery,
        "kind": kind,
        "limit": limit,
        "offset": offset,
        "title_options": _TITLE_OPTIONS,
        "snippets": snippets,
        "window": SNIPPET_WINDOW,
        "snippet_options": _SNIPPET_OPTIONS,
        "lead": SNIPPET_LEAD,
        "excludes": "!" in tsquery,
    }
    counts, hits = {}, []
    for row in named_rows(sql, params):
        if row["row_type"] == "count":
            counts[row["kind"]] = row["n"]
        else:
            hits.append(
                _Hit(row["kind"], row["url"], row["title_marked"], row["snippet"], row["tag"])
            )
    return counts, hits


def index_queryset(queryset) -> int:
    """Re-describe objects changed by a set-based update (which sends no post_save)."""
    count = 0
    for obj in queryset.iterator(chunk_size=500):
        index_object(obj)
        count += 1
    return count
