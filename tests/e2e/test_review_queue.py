"""The editor's review queue in the browser (issue 14, item 7): the three counts agree, and
an item is marked reviewed from the queue in two clicks from the dashboard."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from learning.models import Module
from marketinfo.models import Summary, current_iso_week
from portal import demo
from portal.freshness import Freshness
from tests.e2e.conftest import login
from tests.learning.factories import ModuleFactory
from tests.marketinfo.factories import ItemFactory, PublishedSummaryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue():
    context = demo.seed()
    long_ago = timezone.now() - timedelta(days=400)
    stale = {"last_reviewed_at": long_ago, "freshness": Freshness.REVIEW_DUE}
    for n in range(3):
        ModuleFactory(title=f"Gammel modul {n}", owner=context.users["redaktor"], **stale)
    office = context.offices["NAV Risør"]
    year, week = current_iso_week()
    previous = (timezone.localdate() - timedelta(days=7)).isocalendar()
    this_week = PublishedSummaryFactory(office=office, year=year, week=week)
    last_week = PublishedSummaryFactory(office=office, year=previous.year, week=previous.week)
    ItemFactory(summary=this_week, title="Stilling denne uka", **stale)
    ItemFactory(summary=last_week, title="Stilling forrige uke", **stale)
    return context


def count_in(page, selector: str) -> int:
    return int(re.match(r"\s*(\d+)", page.locator(selector).inner_text()).group(1))


def test_editor_marks_an_item_reviewed_from_the_queue_in_two_clicks(page, axe, queue):
    login(page, "redaktor")
    page.goto("/")
    panel_link = page.locator("#panel-review-count")
    expect(panel_link).to_be_visible()  # the editor panel arrives by htmx
    on_dashboard = count_in(page, "#panel-review-count")

    clicks = 0
    panel_link.click()
    clicks += 1
    expect(page.get_by_role("heading", level=1)).to_have_text("Innhold som bør gjennomgås")
    assert count_in(page, "#review-count") == on_dashboard
    expect(page.get_by_role("link", name="Stilling denne uka", exact=True)).to_be_visible()
    expect(page.get_by_text("Stilling forrige uke")).to_have_count(0)  # archive, not work

    mark = re.compile(r"^Merk som gjennomgått\s*: Gammel modul 0$")
    page.get_by_role("button", name=mark).click()
    clicks += 1
    expect(page.get_by_role("status")).to_contain_text("«Gammel modul 0» er merket som gjennomgått")
    assert clicks <= 2, f"{clicks} clicks from the dashboard"
    assert Module.objects.get(title="Gammel modul 0").freshness == Freshness.FRESH

    # The three counts agree after the change too.
    after = count_in(page, "#review-count")
    assert after == on_dashboard - 1
    page.goto("/laering/redaktor/")
    assert count_in(page, "#desk-review-count") == after
    page.goto("/")
    expect(page.locator("#panel-review-count")).to_be_visible()
    assert count_in(page, "#panel-review-count") == after
    print(f"editor marks an item reviewed from the queue: {clicks} clicks")


def test_readers_see_no_review_badge_on_last_weeks_summary(page, queue):
    login(page, "veileder")
    summary = Summary.objects.get(items__title="Stilling forrige uke")
    page.goto(reverse("marketinfo:summary_detail", args=[summary.pk]))
    expect(page.get_by_text("Stilling forrige uke")).to_be_visible()
    expect(page.get_by_text("Bør gjennomgås")).to_have_count(0)
