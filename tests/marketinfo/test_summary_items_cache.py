"""A published summary's items are rendered once for all readers (marketinfo.queries), and every
way of changing what they show makes the next read show the change: each write path bumps the
summary's generation, or the shared one of names or freshness."""

import dataclasses
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from employers.register.merge import register_units_merge
from employers.register.readers import Unit
from marketinfo import services
from marketinfo.models import ImportBatch, Item, Summary
from portal import services as portal_services
from portal.freshness import Freshness
from portal.models import Role
from tests.factories import OfficeFactory, UserFactory
from tests.marketinfo.factories import ItemFactory, PublishedSummaryFactory, SummaryFactory

pytestmark = pytest.mark.django_db
ITEM = re.compile(r'<article class="market-item".*?</article>', re.DOTALL)


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Risør", slug="risor")


@pytest.fixture
def author(office):
    return UserFactory(office=office, roles=[Role.MARKET_CONTACT.value])


@pytest.fixture
def summary(office):
    return PublishedSummaryFactory(office=office)


@pytest.fixture
def page(client, office, summary):
    client.force_login(UserFactory(office=office))

    def read(of=summary) -> str:
        """The items' articles only (the page's change history names items too)."""
        html = client.get(reverse("marketinfo:summary_detail", args=[of.pk])).content.decode()
        return "".join(ITEM.findall(html))

    return read


@pytest.fixture
def item(summary, author, page):
    item = ItemFactory(summary=summary, title="Sveiser", last_reviewed_by=author)
    ItemFactory(summary=summary, title="Kokk", position=1)
    assert "Sveiser" in page()  # now in the cache
    return item


def test_the_services_item_writes_show_at_once(page, summary, item, author):
    item.title = "Sveiser, skift"
    services.item_save(item=item, user=author, changed_fields=["title"])
    assert "Sveiser, skift" in page()

    services.item_save(item=Item(summary=summary, kind="vacancy", title="Maler"), user=author)
    assert "Maler" in page()

    services.item_move(item=item, user=author, up=False)
    shown = page()
    assert shown.index("Kokk") < shown.index("Sveiser, skift")

    services.item_delete(item=Item.objects.get(title="Kokk"), user=author)
    assert "Kokk" not in page()


def test_confirming_copied_items_shows_at_once(page, summary, item, author):
    Item.objects.filter(pk=item.pk).update(needs_confirmation=True, freshness=Freshness.STALE)
    services.items_confirm(summary=summary, user=UserFactory(first_name="Kari"))
    shown = page()
    assert "Fersk" in shown and "Kari" in shown


def test_copying_last_weeks_items_and_importing_a_sheet_show_at_once(
    client, page, office, summary, item, author
):
    earlier = PublishedSummaryFactory(office=office, week=10, year=2020)
    ItemFactory(summary=earlier, title="Snekker")
    services.summary_copy_previous(summary=summary, user=author)
    assert "Snekker" in page()

    client.force_login(author)
    deadline = timezone.localdate() + timedelta(days=30)
    sheet = (
        "Type;Organisasjonsnummer;Arbeidsgiver;Stillingstittel;Antall stillinger;Søknadsfrist\r\n"
        f"Stilling;974760673;X;Elektriker;1;{deadline:%d.%m.%Y}\r\n"
    ).encode()
    client.post(
        reverse("marketinfo:import_upload", args=[summary.pk]),
        {"sheet": SimpleUploadedFile("ark.csv", sheet)},
    )
    services.import_confirm(batch=ImportBatch.objects.get(), user=author, create_employers=True)
    assert "Elektriker" in page()


def test_publishing_by_button_and_by_schedule_shows_the_items(page, office, author):
    now = timezone.now()
    by_button, by_schedule = (SummaryFactory(office=office, week=w, year=2020) for w in (1, 2))
    for draft in (by_button, by_schedule):
        ItemFactory(summary=draft, title=f"Punkt {draft.week}")
        page(draft)  # drafts are rendered per request, never from the cache
    services.summary_publish(summary_id=by_button.pk)
    services.summary_schedule(summary=by_schedule, user=author, publish_at=now)
    services.summaries_publish_due(now=now + timedelta(minutes=1))
    assert "Punkt 1" in page(by_button) and "Punkt 2" in page(by_schedule)


def test_freshness_changes_show_at_once(page, item):
    Item.objects.filter(pk=item.pk).update(last_reviewed_at=timezone.now() - timedelta(days=60))
    portal_services.freshness_refresh()
    assert "Utdatert" in page()

    portal_services.content_mark_reviewed(
        item=Item.objects.get(pk=item.pk), by=UserFactory(first_name="Per")
    )
    shown = page()
    assert "Utdatert" not in shown and "Per" in shown


def test_a_new_name_of_an_employer_or_a_reviewer_shows_at_once(page, item, author):
    employer = item.employer
    employer.name = "Nytt Navn AS"
    employer.save()
    assert "Nytt Navn AS" in page()

    blank = dict.fromkeys((f.name for f in dataclasses.fields(Unit)), "")
    blank |= {"employees": None, "register_status_on": None}
    renamed = {"organisation_number": employer.organisation_number, "name": "Registrert Navn AS"}
    register_units_merge([Unit(**blank | renamed)])
    assert "Registrert Navn AS" in page()

    author.first_name = "Annemor"
    author.save()
    assert "Annemor" in page()

    author.last_login = timezone.now()  # a sign-in changes no name: the cache is kept
    author.save(update_fields=["last_login"])
    assert "Annemor" in page()


def test_an_item_changed_in_the_admin_shows_at_once(page, summary, item):
    Item.objects.filter(pk=item.pk).update(title="Sveiser i admin")
    request = RequestFactory().post("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    form = SimpleNamespace(instance=summary, save_m2m=lambda: None)
    admin.site._registry[Summary].save_related(request, form, formsets=[], change=True)
    assert "Sveiser i admin" in page()
