"""Searches as people type them (issue #15, item 5): without æ, ø and å, several words of
which one is missing, municipality names, English words for core terms, organisation
numbers with spaces, plain-text snippets, pages past the first twenty, closed employers."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext

from employers.models import Employer, RegisterStatus
from portal import cache as portal_cache
from portal.folding import fold
from portal.models import GlossaryTerm
from portal.search import PER_PAGE, _parse, plain_snippet, search
from tests.employers.factories import EmployerFactory
from tests.factories import GlossaryTermFactory, OfficeFactory, UserFactory
from tests.learning.factories import ModuleFactory
from tests.marketinfo.factories import ItemFactory, PublishedSummaryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    cache.clear()
    monkeypatch.setattr(portal_cache, "_unavailable_until", 0.0)


@pytest.fixture
def advisor():
    return UserFactory()


def titles(results) -> list[str]:
    return ["".join(text for text, _ in hit["title"]) for hit in results.hits]


# --- æ, ø and å -----------------------------------------------------------------------------

FOLDED = [
    ("Risør", "risor"),
    ("risoer", "risor"),
    ("TROMSØ", "tromso"),
    ("tromsoe", "tromso"),
    ("sykefravær", "sykefravar"),
    ("sykefravaer", "sykefravar"),
    ("Åsane", "asane"),
    ("Aasane", "asane"),
    ("Håkon", "hakon"),
    ("Haakon", "hakon"),
    ("Bærum", "barum"),
    ("Malmö", "malmo"),
    ("Café", "cafe"),
    ("aaa", "aa"),
    ("", ""),
]


@pytest.mark.parametrize(("written", "folded"), FOLDED)
def test_python_and_sql_fold_words_alike(written, folded):
    """The query side (Python) and the index side (SQL portal_fold) must agree."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT portal_fold(%s)", [written])
        assert cursor.fetchone()[0] == fold(written) == folded


@pytest.mark.parametrize("typed", ["risor", "risoer", "RISOR", "Risør"])
def test_a_place_typed_without_o_slash_finds_it(advisor, typed):
    GlossaryTermFactory(term="Kystkontoret", definition="Vi holder til i Risør sentrum.")
    GlossaryTermFactory(term="Annet", definition="Vi holder til i Arendal.")
    assert titles(search(advisor, typed)) == ["Kystkontoret"]


@pytest.mark.parametrize("typed", ["tromso", "tromsoe"])
def test_tromso_in_either_spelling(advisor, typed):
    GlossaryTermFactory(term="Nordkontoret", definition="Arbeidsmarkedet i Tromsø vokser.")
    assert titles(search(advisor, typed)) == ["Nordkontoret"]


@pytest.mark.parametrize("typed", ["sykefravar", "sykefravaer", "sykefravær"])
def test_sykefravaer_in_either_spelling_and_inflected(advisor, typed):
    GlossaryTermFactory(term="IA", definition="Målet er lavere sykefravær i bedriftene.")
    GlossaryTermFactory(term="Oppfølging", definition="Sykefraværet følges opp av lederen.")
    assert sorted(titles(search(advisor, typed))) == ["IA", "Oppfølging"]


@pytest.mark.parametrize("typed", ["risor", "risoer", "Risør", "RIS", "tromsoe bygg"])
def test_the_register_search_finds_names_without_o_slash(client, advisor, typed):
    EmployerFactory(name="Risør Trebåtbyggeri AS")
    EmployerFactory(name="Tromsø Bygg AS")
    EmployerFactory(name="Arendal Rør AS")
    names = [e.name for e in Employer.objects.search(typed)]
    expected = "Tromsø Bygg AS" if typed.startswith("tromso") else "Risør Trebåtbyggeri AS"
    assert names == [expected]


def test_the_register_search_keeps_folded_words_when_a_name_changes(advisor):
    employer = EmployerFactory(name="Bygg AS")
    employer.name = "Ålesund Bygg AS"
    employer.save()
    assert [e.name for e in Employer.objects.search("aalesund")] == ["Ålesund Bygg AS"]
    assert [e.name for e in Employer.objects.search("alesund")] == ["Ålesund Bygg AS"]


# --- several words, one of them missing -----------------------------------------------------


def test_several_words_rank_the_entries_with_some_of_them(advisor):
    GlossaryTermFactory(term="Havbruk i Risør", definition="Risør har mye havbruk.")
    GlossaryTermFactory(term="Risør", definition="En by på Sørlandet.")
    GlossaryTermFactory(term="Arendal", definition="En annen by.")
    results = search(advisor, "Risør kommune havbruk")
    assert results.any_word
    # Two of the three words before one of them; nothing that has none.
    assert titles(results) == ["Havbruk i Risør", "Risør"]


def test_an_entry_with_every_word_is_not_mixed_with_entries_with_some(advisor):
    GlossaryTermFactory(term="Risør kommune", definition="Kommunen er en stor arbeidsgiver.")
    GlossaryTermFactory(term="Risør", definition="En by på Sørlandet.")
    results = search(advisor, "Risør kommune")
    assert not results.any_word
    assert titles(results) == ["Risør kommune"]


def test_the_page_says_that_not_every_word_was_found(client, advisor):
    GlossaryTermFactory(term="Risør", definition="En by på Sørlandet.")
    client.force_login(advisor)
    page = client.get(reverse("portal:search"), {"q": "Risør kommune"}).text
    assert "Ingen treff har alle ordene" in page
    assert "Risør</mark>" in page


# --- municipality names ---------------------------------------------------------------------


def test_a_municipality_finds_the_summaries_of_its_office_and_its_employers(advisor):
    office = OfficeFactory(name="NAV Kystbyen", municipality="Risør")
    summary = PublishedSummaryFactory(office=office)
    item = ItemFactory(
        summary=summary,
        title="Trenger kokker",
        text="Restauranten trenger to kokker til sesongen.",
        employer=None,
        municipality="",
    )
    item.save()  # indexed as published
    EmployerFactory(name="Kokkeriet AS", municipality="Risør")
    EmployerFactory(name="Annet AS", municipality="Arendal")
    found = {(hit["kind"], titles_of(hit)) for hit in search(advisor, "risor").hits}
    assert found == {("summaryitem", "Trenger kokker"), ("employer", "Kokkeriet AS")}


def titles_of(hit) -> str:
    return "".join(text for text, _ in hit["title"])


# --- English words for core terms -----------------------------------------------------------


@pytest.fixture
def core_terms():
    GlossaryTermFactory(term="Lønnstilskudd", english="wage subsidy, salary subsidy")
    GlossaryTermFactory(term="Arbeidstrening", english="work training, work practice")
    GlossaryTermFactory(term="Sykefravær", english="sick leave, sickness absence")
    ModuleFactory(title="Tilskudd til arbeidsgivere", body="Om lønnstilskudd og mentor.")
    ModuleFactory(title="Tiltak i bedrift", body="Arbeidstreningen varer i tre måneder.")
    ModuleFactory(title="Oppfølging", body="Når sykefraværet blir langt, tar NAV kontakt.")
    ModuleFactory(title="Annet", body="Om jobbmesser.")


@pytest.mark.parametrize(
    ("english", "module", "term"),
    [
        ("wage subsidy", "Tilskudd til arbeidsgivere", "Lønnstilskudd"),
        ("Salary Subsidy", "Tilskudd til arbeidsgivere", "Lønnstilskudd"),
        ("work training", "Tiltak i bedrift", "Arbeidstrening"),
        ("sick leave", "Oppfølging", "Sykefravær"),
    ],
)
def test_english_words_for_core_terms_find_the_norwegian_content(
    advisor, core_terms, english, module, term
):
    assert sorted(titles(search(advisor, english))) == sorted([module, term])


def test_an_english_name_and_a_norwegian_word_together(advisor, core_terms):
    assert titles(search(advisor, "wage subsidy mentor")) == ["Tilskudd til arbeidsgivere"]


def test_a_new_english_name_is_used_at_once(advisor, core_terms):
    assert titles(search(advisor, "job fair")) == []
    GlossaryTermFactory(term="Jobbmesse", english="job fair")
    assert sorted(titles(search(advisor, "job fair"))) == ["Annet", "Jobbmesse"]


def test_a_changed_english_name_is_used_at_once_and_the_old_one_no_longer(advisor, core_terms):
    assert "Tilskudd til arbeidsgivere" in titles(search(advisor, "wage subsidy"))
    term = GlossaryTerm.objects.get(term="Lønnstilskudd")
    term.english = "pay subsidy"
    term.save()
    assert "Tilskudd til arbeidsgivere" in titles(search(advisor, "pay subsidy"))
    assert titles(search(advisor, "wage subsidy")) == []


def test_the_glossary_shows_the_english_names(client, advisor, core_terms):
    client.force_login(advisor)
    page = client.get(reverse("portal:glossary")).text
    assert "Engelsk: wage subsidy, salary subsidy" in page


# --- numbers with spaces ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["974760673", "974 760 673", "974\u00a0760\u00a0673", "974.760.673", "NO 974 760 673 MVA"],
)
def test_an_organisation_number_as_people_write_it_jumps_to_the_employer(client, advisor, typed):
    employer = EmployerFactory(organisation_number="974760673", name="Registerenheten")
    client.force_login(advisor)
    response = client.get(reverse("portal:search"), {"q": typed})
    assert response.status_code == 302
    assert response["Location"] == employer.get_absolute_url()
    listed = client.get(reverse("employers:index"), {"q": typed}).text
    assert "Registerenheten" in listed


def test_the_start_of_a_number_with_spaces_finds_the_register_units(advisor):
    EmployerFactory(organisation_number="974760673", name="Registerenheten")
    EmployerFactory(organisation_number="923609016", name="Annen enhet")
    assert [e.name for e in Employer.objects.search("974 76")] == ["Registerenheten"]


def test_as_you_type_an_organisation_number_is_a_suggestion_not_a_jump(client, advisor):
    EmployerFactory(organisation_number="974760673", name="Registerenheten")
    client.force_login(advisor)
    response = client.get(reverse("portal:search"), {"q": "974 760 673"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Registerenheten" in response.text


def test_other_numbers_with_spaces_find_what_holds_them(advisor):
    GlossaryTermFactory(term="Sentralbordet", definition="Ring 370 00 111 for hjelp.")
    assert titles(search(advisor, "370 00 111")) == ["Sentralbordet"]


# --- plain-text snippets ---------------------------------------------------------------------


def test_snippets_are_plain_text_not_markdown(advisor):
    ModuleFactory(
        title="Erfaringsdeling",
        body=(
            "## Del erfaringer\n\nSkriv om **lønnstilskudd** og _mentor_ i en "
            "[kort tekst](https://nav.no/x).\n\n- første punkt\n- andre punkt\n\n> sitat"
        ),
    )
    runs = search(advisor, "lønnstilskudd").hits[0]["snippet"]
    assert ("lønnstilskudd", True) in runs
    snippet = "".join(text for text, _ in runs)
    for marker in ("##", "**", "_mentor_", "](", "https://", "\n- ", ">"):
        assert marker not in snippet
    assert "Del erfaringer" in snippet and "kort tekst" in snippet


def test_a_snippet_deep_in_a_long_body_shows_the_match(advisor):
    filler = "Her står det mye annet om opplæring og rutiner på kontoret. " * 120
    ModuleFactory(title="Lang modul", body=f"{filler}\n\nTil slutt om arbeidsgiverne i regionen.")
    assert ("arbeidsgiverne", True) in search(advisor, "arbeidsgiver").hits[0]["snippet"]


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("## Del erfaringer", "Del erfaringer"),
        ("Les \x02**mer**\x03 her", "Les \x02mer\x03 her"),
        ("1. Ring\n2. Skriv", "Ring Skriv"),
        ("| a | b |\n| --- | --- |", "a b --- ---"),
        ("en_variabel og 5 * 3", "en_variabel og 5 * 3"),
        ("![bilde](x.png) og `kode`", "bilde og kode"),
    ],
)
def test_markdown_markers_are_taken_out_of_snippets(markdown, plain):
    assert plain_snippet(markdown) == plain


# --- pages past the first twenty -------------------------------------------------------------


def test_results_page_beyond_the_first_twenty(client, advisor, django_assert_max_num_queries):
    for n in range(PER_PAGE * 2 + 5):
        GlossaryTermFactory(term=f"Rekruttering {n:02d}", definition="rekruttering")
    client.force_login(advisor)
    first = search(advisor, "rekruttering")
    third = search(advisor, "rekruttering", page=3)
    assert first.total == third.total == 45 and first.pages == 3
    assert len(first.hits) == PER_PAGE and len(third.hits) == 5
    second = search(advisor, "rekruttering", page=2)
    seen = titles(first) + titles(second) + titles(third)
    assert len(set(seen)) == 45
    cache.clear()  # the page as a first, uncached search
    with django_assert_max_num_queries(10):
        page = client.get(reverse("portal:search"), {"q": "rekruttering", "page": "2"}).text
    assert "Side 2 av 3" in page and "page=1" in page and "page=3" in page
    assert 'start="21"' in page


def test_titles_with_the_word_come_first_and_every_match_is_counted(advisor):
    """Twenty-five titles fill the first page (the other matches are then only counted);
    the second page reaches past them, and the entries with the word in the body follow."""
    for n in range(25):
        GlossaryTermFactory(term=f"Rekruttering {n:02d}", definition="Om ansettelser.")
    for n in range(10):
        GlossaryTermFactory(term=f"Begrep {n:02d}", definition="Om rekruttering i bedrift.")
    first = search(advisor, "rekruttering")
    assert first.counts == {"glossary": 35}
    assert all(title.startswith("Rekruttering") for title in titles(first))
    second = search(advisor, "rekruttering", page=2)
    assert second.counts == {"glossary": 35}
    assert [t.split()[0] for t in titles(second)] == ["Rekruttering"] * 5 + ["Begrep"] * 10


def test_a_page_past_the_end_or_not_a_number_is_harmless(client, advisor):
    GlossaryTermFactory(term="Rekruttering", definition="rekruttering")
    client.force_login(advisor)
    for page in ("99", "x", "-1", "0"):
        response = client.get(reverse("portal:search"), {"q": "rekruttering", "page": page})
        assert response.status_code == 200


def test_the_kind_filter_pages_through_its_own_hits(client, advisor):
    for n in range(PER_PAGE + 1):
        GlossaryTermFactory(term=f"Bygg {n:02d}", definition="bygg")
    for n in range(3):
        EmployerFactory(name=f"Bygg {n} AS")
    results = search(advisor, "bygg", kind="employer")
    assert results.counts == {"glossary": PER_PAGE + 1, "employer": 3}
    assert results.pages == 1 and len(results.hits) == 3


# --- closed and bankrupt units ---------------------------------------------------------------


def test_a_bankrupt_employer_is_found_and_tagged(client, advisor):
    EmployerFactory(name="Konkursbo Bygg AS", register_status=RegisterStatus.BANKRUPT)
    EmployerFactory(name="Levende Bygg AS")
    client.force_login(advisor)
    label = gettext(str(RegisterStatus.BANKRUPT.label))
    hits = {titles_of(hit): hit["tag"] for hit in search(advisor, "bygg").hits}
    assert hits == {"Konkursbo Bygg AS": label, "Levende Bygg AS": ""}
    page = client.get(reverse("portal:search"), {"q": "bygg"}).text
    assert f'data-color="warning">{label}</span>' in page
    listed = client.get(reverse("employers:index"), {"q": "bygg"}).text
    assert listed.count(f'data-color="warning">{label}</span>') == 1


# --- the query as parsed ---------------------------------------------------------------------


def test_the_query_keeps_phrases_minus_and_or():
    parsed = _parse('"ledig stilling" -vikar kokk or servitør')
    assert parsed.tsquery() == ("('ledig' <-> 'stilling') & !'vikar' & ('kokk') | ('servitør')")
    assert not parsed.can_widen


def test_some_of_the_words_still_leaves_out_the_excluded_ones(advisor):
    GlossaryTermFactory(term="Kokk", definition="kokk i kantina")
    GlossaryTermFactory(term="Vikar", definition="kokk som vikar")
    parsed = _parse("kokk servitør -vikar")
    assert parsed.tsquery(any_word=True) == "(('kokk') | ('servitør')) & !'vikar'"
    results = search(advisor, "kokk servitør -vikar")
    assert results.any_word and titles(results) == ["Kokk"]


def test_a_corrected_spelling_keeps_the_excluded_words_excluded(advisor):
    GlossaryTermFactory(term="Kokk", definition="rekruttering av kokk")
    GlossaryTermFactory(term="Vikar", definition="rekruttering av vikar")
    results = search(advisor, "rekrutering -vikar")
    assert results.corrected == "rekruttering -vikar"
    assert titles(results) == ["Kokk"]


def test_only_excluded_words_search_nothing(advisor):
    GlossaryTermFactory(term="Rekruttering", definition="rekruttering")
    assert search(advisor, "-rekruttering").hits == []


def test_a_long_query_nothing_has_stays_within_the_query_budget(
    client, advisor, django_assert_max_num_queries
):
    """Every fallback runs (nothing has every word, the spelling is corrected, then some of the
    words are ranked); the words are corrected in one statement, however many there are."""
    GlossaryTermFactory(term="Rekruttering", definition="rekruttering i kommunen")
    client.force_login(advisor)
    with django_assert_max_num_queries(10):
        page = client.get(
            reverse("portal:search"),
            {"q": "rekrutering kommunen sentrum havnen fabrikken lageret"},
        ).text
    assert "Rekruttering" in page


@pytest.mark.parametrize(
    "typed",
    ["___", "'", "\\", "a:*", "&|!()<->", '"', '""', "- -", "or", "og", "x" * 500, "1 or 2 or"],
)
def test_text_that_is_no_query_finds_nothing_without_failing(client, advisor, typed):
    GlossaryTermFactory(term="Rekruttering", definition="rekruttering")
    client.force_login(advisor)
    assert client.get(reverse("portal:search"), {"q": typed}).status_code == 200
    assert search(advisor, typed).hits == []
