import pytest
from django.core.cache import cache
from django.template import Context, Template

from tests.factories import GlossaryTermFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def render(text: str) -> str:
    return Template("{% load portal_tags %}{{ text|markdown|glossary }}").render(
        Context({"text": text})
    )


def test_first_occurrence_of_a_term_links_to_its_definition():
    GlossaryTermFactory(term="Markedskontakt", slug="markedskontakt")
    html = render("Spør markedskontakten. En markedskontakt vet mer.")
    assert html.count('class="glossary-link"') == 1
    assert '<a class="glossary-link" href="/begreper/#markedskontakt"' in html
    assert ">markedskontakten</a>" in html


def test_no_links_inside_headings_or_links():
    GlossaryTermFactory(term="Tiltak", slug="tiltak")
    html = render("## Tiltak\n\n[Tiltak](https://nav.no) og tiltak")
    assert html.count("glossary-link") == 1
    assert "<h2>Tiltak</h2>" in html


def test_the_glossary_page_lists_terms(client):
    GlossaryTermFactory(term="IA-avtalen", definition="Avtale om inkluderende arbeidsliv.")
    client.force_login(UserFactory())
    response = client.get("/begreper/")
    assert (
        'id="ia-avtalen"' in response.text and "Avtale om inkluderende arbeidsliv." in response.text
    )


def test_links_still_work_when_the_cache_is_down(monkeypatch):
    from django.core.cache import cache

    GlossaryTermFactory(term="Tiltak", slug="tiltak")

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    assert "glossary-link" in render("Et tiltak.")


def test_a_module_links_its_first_glossary_term(client):
    from tests.learning.factories import ModuleFactory

    GlossaryTermFactory(term="Lønnstilskudd", slug="lonnstilskudd")
    module = ModuleFactory(body="Lønnstilskudd gjør det lettere å ansette. Lønnstilskudd igjen.")
    client.force_login(UserFactory())
    html = client.get(module.get_absolute_url()).text
    assert html.count('class="glossary-link"') == 1
