"""«Spør fagmiljøet»: who is asked, who sees the asker's name, answers, FAQ entries, and
experience shares posted without the name."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Share
from learning.questions import Expert, ExpertAnswer, ExpertQuestion, Faq
from learning.services.questions import answer_create, faq_publish, question_ask
from portal.freshness import Freshness
from portal.models import AuditEvent, Feedback, Notification, NotificationKind, Role, User
from portal.search import search
from portal.services import freshness_refresh
from tests.factories import OfficeFactory, RegionFactory, UserFactory
from tests.learning.factories import ShareFactory, area

pytestmark = pytest.mark.django_db

SITUATION = "En bruker har både AAP og dagpenger til vurdering. Hvilken regel går foran?"


@pytest.fixture
def agder():
    region = RegionFactory(name="Agder", slug="agder")
    return {
        "region": region,
        "risor": OfficeFactory(name="NAV Risør", region=region),
        "gjerstad": OfficeFactory(name="NAV Gjerstad", region=region),
    }


@pytest.fixture
def people(agder):
    risor, gjerstad = agder["risor"], agder["gjerstad"]
    troms = OfficeFactory(name="NAV Harstad", region=RegionFactory(name="Troms", slug="troms"))
    editor = [Role.EDITOR]
    # Everyone has a name of their own: only the asker is called Kari Nordmann.
    cast = {
        "asker": ("Kari Nordmann", risor, {}),
        "colleague": ("Ola Berg", risor, {}),
        "manager": ("Lise Leder", risor, {"roles": [Role.MANAGER]}),
        # A named expert of the area in another office of the same region.
        "expert": ("Per Haugen", gjerstad, {}),
        "editor": ("Eva Lund", gjerstad, {"roles": editor, "editor_region": agder["region"]}),
        "national_editor": ("Nils Dahl", troms, {"roles": editor}),
        "editor_elsewhere": ("Tone Vik", troms, {"roles": editor, "editor_region": troms.region}),
        "expert_elsewhere": ("Arne Moe", troms, {}),
        "expert_other_area": ("Siri Aas", gjerstad, {}),
    }
    people = {}
    for key, (name, office, extra) in cast.items():
        first, last = name.split()
        people[key] = UserFactory(first_name=first, last_name=last, office=office, **extra)
    return people


@pytest.fixture
def experts(people):
    Expert.objects.create(user=people["expert"], area=area())
    Expert.objects.create(user=people["expert_elsewhere"], area=area())
    Expert.objects.create(user=people["expert_other_area"], area=area("navs-virkemidler"))


def ask(client, user, **changes):
    client.force_login(user)
    data = {"title": "Mellom to regelverk", "area": area().pk, "text": SITUATION} | changes
    return client.post(reverse("learning:question_ask"), data)


def test_a_question_goes_to_the_experts_of_its_area_and_region(client, people, experts):
    response = ask(client, people["asker"])

    question = ExpertQuestion.objects.get()
    assert response.url == question.get_absolute_url()
    assert question.region.slug == "agder" and question.asker == people["asker"]
    told = set(
        Notification.objects.filter(kind=NotificationKind.QUESTION_ASKED).values_list(
            "recipient__username", flat=True
        )
    )
    expected = {people[k].username for k in ("expert", "editor", "national_editor")}
    assert told == expected


def test_each_person_told_reads_it_in_their_own_language(client, people, experts):
    User.objects.filter(pk__in=[people["asker"].pk, people["national_editor"].pk]).update(
        language="en"
    )
    ask(client, people["asker"], title="Mellom to regelverk")
    titles = dict(
        Notification.objects.filter(kind=NotificationKind.QUESTION_ASKED).values_list(
            "recipient__username", "title"
        )
    )
    assert titles[people["expert"].username] == (
        "Nytt spørsmål til fagmiljøet: Mellom to regelverk"
    )
    assert titles[people["national_editor"].username] == (
        "New question for the experts: Mellom to regelverk"
    )

    question = ExpertQuestion.objects.get()
    client.force_login(people["expert"])  # writes in Norwegian; the asker reads English
    client.post(reverse("learning:question_answer", args=[question.pk]), {"text": "AAP."})
    told = Notification.objects.get(kind=NotificationKind.QUESTION_ANSWERED)
    assert told.title == "Your question was answered: Mellom to regelverk"


def test_colleagues_and_the_askers_manager_do_not_see_who_asked(client, people, experts):
    ask(client, people["asker"])
    question = ExpertQuestion.objects.get()

    for viewer in ("colleague", "manager", "expert_elsewhere", "expert_other_area"):
        client.force_login(people[viewer])
        page = client.get(question.get_absolute_url()).content.decode()
        assert SITUATION in page, viewer
        assert "Kari" not in page and "Nordmann" not in page, viewer
        listing = client.get(reverse("learning:questions")).content.decode()
        assert "Mellom to regelverk" in listing and "Nordmann" not in listing, viewer

    for viewer in ("asker", "expert", "editor", "national_editor", "editor_elsewhere"):
        client.force_login(people[viewer])
        page = client.get(question.get_absolute_url()).content.decode()
        assert "Kari Nordmann" in page, viewer


def test_the_askers_manager_who_is_also_an_expert_sees_who_asked(client, people, experts):
    Expert.objects.create(user=people["manager"], area=area())
    ask(client, people["asker"])
    client.force_login(people["manager"])
    page = client.get(ExpertQuestion.objects.get().get_absolute_url()).content.decode()
    assert "Kari Nordmann" in page


def test_an_expert_answers_the_asker_is_told_and_marks_it_helpful(client, people, experts):
    ask(client, people["asker"])
    question = ExpertQuestion.objects.get()

    client.force_login(people["colleague"])
    refused = client.post(
        reverse("learning:question_answer", args=[question.pk]), {"text": "Jeg tror AAP."}
    )
    assert refused.status_code == 403
    client.force_login(people["expert_other_area"])
    assert (
        client.post(
            reverse("learning:question_answer", args=[question.pk]), {"text": "AAP."}
        ).status_code
        == 403
    )

    client.force_login(people["expert"])
    client.post(
        reverse("learning:question_answer", args=[question.pk]),
        {"text": "AAP går foran: se folketrygdloven § 11-1."},
    )
    answer = ExpertAnswer.objects.get()
    told = Notification.objects.get(kind=NotificationKind.QUESTION_ANSWERED)
    assert told.recipient == people["asker"] and told.url == question.get_absolute_url()

    client.force_login(people["colleague"])
    assert (
        client.post(reverse("learning:answer_helpful", args=[question.pk, answer.pk])).status_code
        == 403
    )
    client.force_login(people["asker"])
    client.post(reverse("learning:answer_helpful", args=[question.pk, answer.pk]))
    answer.refresh_from_db()
    assert answer.helpful_at is not None
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Nyttig for den som spurte" in page or "Helpful to the asker" in page


def test_only_the_asker_changes_the_question_and_it_keeps_its_region(client, people, experts):
    ask(client, people["asker"])
    question = ExpertQuestion.objects.get()
    url = reverse("learning:question_edit_own", args=[question.pk])
    changed = {"title": "Mellom AAP og dagpenger", "area": area().pk, "text": "Ny tekst."}

    client.force_login(people["expert"])
    assert client.post(url, changed).status_code == 403
    client.force_login(people["asker"])
    assert client.post(url, changed).url == question.get_absolute_url()
    question.refresh_from_db()
    assert (question.title, question.text, question.region.slug) == (
        "Mellom AAP og dagpenger",
        "Ny tekst.",
        "agder",
    )


def test_an_identity_number_or_the_askers_own_name_is_refused_beside_the_field(client, people):
    response = ask(client, people["asker"], text="Gjelder 01010012356, hva gjør jeg?")
    assert response.status_code == 200
    assert "fødselsnummer" in response.content.decode()
    assert "Gjelder 01010012356" in response.content.decode()  # what was typed is kept

    response = ask(client, people["asker"], text="Hilsen Kari Nordmann, hva gjør jeg?")
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert not ExpertQuestion.objects.exists()
    assert not Notification.objects.exists()


def test_the_ask_form_shows_the_rule_about_names_beside_the_field(client, people):
    client.force_login(people["asker"])
    page = client.get(reverse("learning:question_ask")).content.decode()
    form = client.get(reverse("learning:question_ask")).context["form"]
    assert str(form["text"].help_text) in page


def test_a_published_faq_is_owned_reviewed_and_found_by_search(people, experts):
    question = question_ask(
        asker=people["asker"], area=area(), title="Mellom to regelverk", text=SITUATION
    )
    answer = answer_create(question=question, author=people["expert"], text="AAP går foran.")
    faq = faq_publish(
        answer=answer,
        by=people["expert"],
        title="Arbeidsavklaringspenger eller dagpenger",
        question="Hvilken regel går foran når begge vurderes?",
        answer_text="AAP går foran.",
        review_months=6,
    )
    assert faq.owner == people["expert"] and faq.review_interval == timedelta(days=182)
    assert AuditEvent.objects.filter(action="faq.published").exists()

    results = search(people["colleague"], "arbeidsavklaringspenger")
    assert [h["url"] for h in results.hits] == [faq.get_absolute_url()]

    # Past its interval it is due for review, and its owner is told.
    freshness_refresh(now=timezone.now() + timedelta(days=200))
    faq.refresh_from_db()
    assert faq.freshness == Freshness.REVIEW_DUE
    assert Notification.objects.filter(
        recipient=people["expert"], kind=NotificationKind.REVIEW_DUE
    ).exists()


def test_publishing_an_answer_as_faq_through_the_page(client, people, experts):
    question = question_ask(
        asker=people["asker"], area=area(), title="Mellom to regelverk", text=SITUATION
    )
    answer = answer_create(question=question, author=people["expert"], text="AAP går foran.")
    url = reverse("learning:faq_publish", args=[question.pk, answer.pk])

    client.force_login(people["colleague"])
    assert client.get(url).status_code == 403
    client.force_login(people["editor"])
    bad = client.post(url, {"title": "", "question": "Q", "answer": "A", "review_months": 12})
    assert bad.status_code == 200 and bad.context["form"].errors["title"]
    assert not Faq.objects.exists()
    response = client.post(
        url, {"title": "AAP og dagpenger", "question": "Q?", "answer": "A.", "review_months": 12}
    )
    faq = Faq.objects.get()
    assert response.url == faq.get_absolute_url() and faq.owner == people["editor"]
    # Publishing the same answer again leads to the entry, not a second one.
    assert (
        client.post(url, {"title": "x", "question": "y", "answer": "z"}).url
        == faq.get_absolute_url()
    )
    client.force_login(people["colleague"])
    page = client.get(faq.get_absolute_url()).content.decode()
    assert "AAP og dagpenger" in page and "Nordmann" not in page


def test_readers_say_whether_an_faq_entry_was_useful(client, people, experts):
    question = question_ask(asker=people["asker"], area=area(), title="T", text=SITUATION)
    answer = answer_create(question=question, author=people["expert"], text="AAP går foran.")
    faq = faq_publish(
        answer=answer,
        by=people["expert"],
        title="T",
        question="Q",
        answer_text="A",
        review_months=3,
    )
    client.force_login(people["colleague"])
    response = client.post(
        reverse("portal:feedback", args=["learning.faq", faq.pk]), {"useful": "yes"}
    )
    assert response.status_code in (200, 302)
    assert Feedback.objects.get(object_id=faq.pk).useful is True


def test_a_manager_names_an_expert_of_the_own_office_only(client, people, agder):
    url = reverse("learning:experts", args=[agder["risor"].slug])
    client.force_login(people["manager"])
    response = client.post(url, {"person": people["colleague"].pk, "area": area().pk})
    assert response.status_code == 302
    assert Expert.objects.filter(user=people["colleague"], area=area()).exists()
    # Someone of another office is not offered.
    response = client.post(url, {"person": people["expert"].pk, "area": area().pk})
    assert response.status_code == 200 and response.context["form"].errors["person"]
    assert not Expert.objects.filter(user=people["expert"]).exists()

    expert = Expert.objects.get()
    client.post(reverse("learning:expert_remove", args=[agder["risor"].slug, expert.pk]))
    assert not Expert.objects.exists()


def test_the_question_list_reads_a_fixed_number_of_queries(
    client, people, experts, django_assert_max_num_queries
):
    for n in range(12):
        question = question_ask(
            asker=people["asker"], area=area(), title=f"Spørsmål {n}", text=SITUATION
        )
        answer_create(question=question, author=people["expert"], text="Svar")
    client.force_login(people["colleague"])
    client.get(reverse("learning:questions"))  # warm the session and caches
    # Session and user, areas, FAQ entries, the count and the page of questions.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("learning:questions"))
    assert (
        response.content.decode().count("1 svar") + response.content.decode().count("1 answer")
        == 12
    )


def test_the_question_page_reads_a_fixed_number_of_queries(
    client, people, experts, django_assert_max_num_queries
):
    question = question_ask(
        asker=people["asker"], area=area(), title="Mellom to regelverk", text=SITUATION
    )
    for _n in range(5):
        answer_create(question=question, author=people["expert"], text="Svar")
    # The expert reads one more: the asker's name. Answers and their authors are one query.
    for viewer, most in (("colleague", 6), ("expert", 7)):
        client.force_login(people[viewer])
        client.get(question.get_absolute_url())
        with django_assert_max_num_queries(most):
            client.get(question.get_absolute_url())


def test_the_experts_page_reads_a_fixed_number_of_queries(
    client, people, agder, django_assert_max_num_queries
):
    for key in ("asker", "colleague"):
        Expert.objects.create(user=people[key], area=area())
    client.force_login(people["manager"])
    url = reverse("learning:experts", args=[agder["risor"].slug])
    client.get(url)
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert "Kari Nordmann" in response.content.decode()


def test_get_writes_nothing(client, people, experts):
    question = question_ask(
        asker=people["asker"], area=area(), title="Mellom to regelverk", text=SITUATION
    )
    before = (ExpertQuestion.objects.count(), Notification.objects.count())
    client.force_login(people["colleague"])
    client.get(reverse("learning:question_ask"))
    client.get(question.get_absolute_url())
    assert (ExpertQuestion.objects.count(), Notification.objects.count()) == before


# --- experience shares without the name ---------------------------------------------------------


def test_a_share_without_the_name_hides_it_from_colleagues_and_managers(client, people):
    client.force_login(people["asker"])
    client.post(
        reverse("learning:share_create"),
        {
            "activity": "Kurs i arbeidsrettet oppfølging",
            "learnt": "At samtalen med arbeidsgiver må forberedes.",
            "will_use": "Sjekklisten.",
            "audience": "everyone",
            "anonymous": "on",
        },
    )
    share = Share.objects.get()
    assert share.anonymous

    for viewer in ("colleague", "manager"):
        client.force_login(people[viewer])
        for url in (reverse("learning:shares"), share.get_absolute_url()):
            page = client.get(url).content.decode()
            assert "Kurs i arbeidsrettet oppfølging" in page and "Nordmann" not in page
    for viewer in ("asker", "editor"):
        client.force_login(people[viewer])
        assert "Kari Nordmann" in client.get(share.get_absolute_url()).content.decode()

    # The search finds the post without the name as well.
    hits = search(people["colleague"], "arbeidsrettet").hits
    assert hits and all("Nordmann" not in "".join(text for text, _ in h["title"]) for h in hits)


def test_a_named_share_still_shows_the_author(client, people):
    ShareFactory(author=people["asker"], audience="everyone", activity="Jobbmesse")
    client.force_login(people["colleague"])
    assert "Kari Nordmann" in client.get(reverse("learning:shares")).content.decode()
