import pytest
from django.core.cache import cache
from django.urls import reverse

from portal import cache as portal_cache
from portal.models import SearchEntry
from portal.search import Entry, _runs, index_object, search
from tests.factories import GlossaryTermFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    cache.clear()
    # An earlier test may have simulated a cache outage; that pause must not carry over.
    monkeypatch.setattr(portal_cache, "_unavailable_until", 0.0)


@pytest.fixture
def advisor():
    return UserFactory()


@pytest.fixture
def terms():
    return {
        "ia": GlossaryTermFactory(
            term="IA-avtalen",
            definition="Avtalen der arbeidsgiveren og NAV samarbeider om inkludering.",
        ),
        "kantine": GlossaryTermFactory(
            term="Bemanningsbehov",
            definition="Brønnboring AS trenger fire kantinemedarbeidere fra neste uke.",
        ),
        "other": GlossaryTermFactory(term="Tiltak", definition="Et virkemiddel for jobbsøkere."),
    }


def titles(results):
    return sorted("".join(text for text, _ in hit["title"]) for hit in results.hits)


@pytest.mark.parametrize(
    "form", ["arbeidsgiver", "arbeidsgivere", "arbeidsgiverne", "arbeidsgiveren"]
)
def test_inflected_forms_find_the_same_documents(advisor, terms, form):
    assert titles(search(advisor, form)) == ["IA-avtalen"]


def test_a_compound_is_found_by_its_part(advisor, terms):
    assert titles(search(advisor, "kantine")) == ["Bemanningsbehov"]


def test_a_misspelling_still_finds_something(advisor, terms):
    results = search(advisor, "arbeidsgievr")
    assert titles(results) == ["IA-avtalen"]
    assert results.corrected.startswith("arbeidsgiver")


def test_hits_are_grouped_and_highlighted(advisor, terms):
    results = search(advisor, "arbeidsgiver")
    assert results.counts == {"glossary": 1}
    assert ("arbeidsgiveren", True) in results.hits[0]["snippet"]


def test_highlighting_escapes_what_people_typed(client, advisor):
    GlossaryTermFactory(
        term="Skript <img src=x onerror=alert(1)>",
        definition="<script>alert(1)</script> rekruttering & 5 < 6",
    )
    assert _runs("5 < 6 & \x02rekruttering\x03") == [("5 < 6 & ", False), ("rekruttering", True)]
    client.force_login(advisor)
    for htmx in ({"HTTP_HX_REQUEST": "true"}, {}):  # the suggestions, and the page
        page = client.get(reverse("portal:search"), {"q": "rekruttering"}, **htmx).text
        assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "<script>alert" not in page
    assert '<p class="meta"><mark>rekruttering</mark></p>' in page


def test_scoped_entries_are_found_only_in_their_office_and_region(advisor):
    other_office = OfficeFactory()
    term = GlossaryTermFactory(term="Lokalt", definition="rekruttering i kommunen")
    index_object(term)
    SearchEntry.objects.filter(object_id=term.pk).update(office=other_office)
    assert search(advisor, "rekruttering").hits == []
    colleague = UserFactory(office=other_office)
    assert len(search(colleague, "rekruttering").hits) == 1


def test_expired_content_leaves_the_index(advisor, terms):
    terms["ia"].freshness = "expired"
    terms["ia"].save()
    assert search(advisor, "arbeidsgiver").hits == []


def test_the_page_and_the_as_you_type_partial(
    client, advisor, terms, django_assert_max_num_queries
):
    client.force_login(advisor)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("portal:search"), {"q": "kantine"})
    assert "Bemanningsbehov" in page.text and "1 treff" in page.text
    partial = client.get(reverse("portal:search"), {"q": "kantine"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.text and "Bemanningsbehov" in partial.text


def test_search_query_count_is_the_same_with_more_content(
    client, advisor, django_assert_num_queries_same
):
    client.force_login(advisor)
    GlossaryTermFactory(term="Rekruttering", definition="rekruttering")
    django_assert_num_queries_same(
        lambda: client.get(reverse("portal:search"), {"q": "rekruttering"}),
        lambda: [GlossaryTermFactory(definition=f"rekruttering nummer {i}") for i in range(30)],
    )


def test_entry_is_a_plain_description():
    assert Entry("module", "Tittel", "/laering/1/").body == ""


def test_a_repeated_search_sees_content_published_or_removed_in_between(advisor, terms):
    assert titles(search(advisor, "lærlingplass")) == []
    term = GlossaryTermFactory(term="Lærlingplass", definition="Om lærlingplass i bedrift.")
    assert titles(search(advisor, "lærlingplass")) == ["Lærlingplass"]
    term.delete()
    assert titles(search(advisor, "lærlingplass")) == []


def test_cached_results_are_not_shared_with_other_offices(advisor):
    term = GlossaryTermFactory(term="Lokal rutine", definition="rekruttering i kommunen")
    SearchEntry.objects.filter(object_id=term.pk).update(office=advisor.office)
    assert len(search(advisor, "rekruttering").hits) == 1
    assert search(UserFactory(office=OfficeFactory()), "rekruttering").hits == []
