"""The portal-wide search on the demo content, as people write Norwegian."""

import pytest
from django.test import override_settings

from employers import demo as employers_demo
from learning import demo as learning_demo
from learning.models import Module, Status
from marketinfo import demo as marketinfo_demo
from portal import demo
from portal.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    with override_settings(DEBUG=True):
        context = demo.seed()
        employers_demo.seed(context)
        marketinfo_demo.seed(context)
        learning_demo.seed(context)
    return context


def found(user, query):
    return {(hit["kind"], hit["url"]) for hit in search(user, query, limit=200).hits}


def test_inflected_forms_of_arbeidsgiver_find_the_same_documents(world):
    advisor = world.users["veileder"]
    results = [found(advisor, q) for q in ("arbeidsgiver", "arbeidsgivere", "arbeidsgiverne")]
    assert results[0], "the demo content mentions employers"
    assert results[0] == results[1] == results[2]
    assert {kind for kind, _ in results[0]} >= {"module", "glossary"}


def test_a_compound_is_found_by_its_part(world):
    hits = search(world.users["veileder"], "kantine", limit=200).hits
    text = " ".join(text for h in hits for text, _ in h["title"] + h["snippet"]).lower()
    assert "kantinemedarbeider" in text


def test_a_misspelling_finds_something(world):
    results = search(world.users["veileder"], "arbeidsgievr")
    assert results.hits and results.corrected


def test_an_advisor_in_harstad_never_sees_a_draft(world):
    draft = Module.objects.filter(status=Status.DRAFT).first()
    assert draft is not None, "the demo has an Agder draft"
    word = draft.title.split()[0]
    hits = search(world.users["veileder2"], word, limit=200).hits
    assert all(draft.title not in "".join(text for text, _ in h["title"]) for h in hits)


def test_an_exact_organisation_number_jumps_to_the_employer(client, world):
    from employers.models import Employer

    employer = Employer.objects.filter(deleted_at__isnull=True).first()
    client.force_login(world.users["veileder2"])
    response = client.get("/sok/", {"q": employer.organisation_number})
    assert response.status_code == 302
    assert response["Location"] == employer.get_absolute_url()


@pytest.mark.parametrize(
    ("english", "norwegian"),
    [("wage subsidy", "lønnstilskudd"), ("work training", "arbeidstrening")],
)
def test_english_words_find_the_demo_content_about_the_term(world, english, norwegian):
    hits = search(world.users["veileder"], english, limit=200).hits
    kinds = {hit["kind"] for hit in hits}
    assert "glossary" in kinds and len(kinds) > 1, "the term and content that uses it"
    text = " ".join(text for h in hits for text, _ in h["title"] + h["snippet"]).lower()
    assert norwegian in text


def test_risor_without_o_slash_finds_the_demo_office_summaries_and_employers(world):
    kinds = {kind for kind, _ in found(world.users["veileder2"], "risor")}
    assert {"summaryitem", "employer"} <= kinds
