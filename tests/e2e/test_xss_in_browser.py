"""The XSS corpus in every free-text and Markdown field, rendered in the real browser.

The corpus goes straight into the demo data (the forms are attacked in
tests/test_hostile_input.py); each page that shows it is opened in Chromium. The payloads set
`window.__xss` instead of only calling alert, so a script that runs is caught even where a
dialog would not be. The test context bypasses our CSP (for axe): what is checked here is the
escaping and sanitising, not the CSP behind it."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

import employers.demo
import learning.demo
import marketinfo.demo
from employers.models import ContactEntry, ConversationGuide, Employer, PlannedContact
from learning.models import (
    BestPractice,
    CompetencePlan,
    LearningPath,
    Module,
    PlanActivity,
    Share,
    ShareComment,
)
from marketinfo.models import Item, MarketContactProfile, RoleDescription, Summary
from portal import demo, search
from portal.freshness import Freshness
from portal.models import Feedback, GlossaryTerm, Notification, NotificationKind
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAYLOADS = [
    '<img src=x onerror="window.__xss=1">',
    "<script>window.__xss=1</script>",
    '<svg onload="window.__xss=1">',
    '" autofocus onfocus="window.__xss=1" x="',
    "' autofocus onfocus='window.__xss=1' x='",
    "[klikk](javascript:window.__xss=1)",
    '<a href="javascript:window.__xss=1">lenke</a>',
    "<<script>window.__xss=1//<</script>",
    '![bilde](x" onerror="window.__xss=1)',
    '<details open ontoggle="window.__xss=1">',
    '<iframe srcdoc="<script>parent.__xss=1</script>">',
    "[data](data:text/html,<script>parent.__xss=1</script>)",
    "</p><p style=x onmouseover=window.__xss=1>broken",
    "<!--<img src=--><img src=x onerror=window.__xss=1//>",
]
LONG = "\n\n".join(PAYLOADS)  # for text fields and Markdown
SHORT = ['<img src=x onerror="window.__xss=1">', '" onfocus="window.__xss=1" autofocus x="']

INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase(), value = a.value.toLowerCase();
      if (name.startsWith('on') && value.includes('__xss')) found.push(el.outerHTML.slice(0, 80));
      if (['href', 'src', 'action', 'formaction', 'srcdoc'].includes(name)
          && /^\\s*(javascript|data|vbscript):/.test(value)) found.push(el.outerHTML.slice(0, 80));
    }
    if (el.tagName === 'SCRIPT' && el.textContent.includes('__xss')) found.push('script');
    if (el.tagName === 'IFRAME') found.push(el.outerHTML.slice(0, 80));
  }
  return found;
}"""


def _short(index: int) -> str:
    return SHORT[index % len(SHORT)]


def poison(context) -> dict:
    """The corpus in every text a person can write, on the demo's own rows."""
    users = context.users
    Module.objects.update(body=LONG, summary=LONG[:600], change_note=LONG, discussion_cases=LONG)
    Module.objects.update(title=SHORT[0])
    # On the review queue too: its rows are what is due, and the demo's content is fresh.
    Module.objects.update(freshness=Freshness.REVIEW_DUE)
    ConversationGuide.objects.update(freshness=Freshness.STALE)
    LearningPath.objects.update(description=LONG, title=SHORT[1])
    BestPractice.objects.update(body=LONG, title=SHORT[0])
    Share.objects.update(activity=SHORT[1], learnt=LONG, will_use=LONG)
    share = Share.objects.filter(office=users["veileder"].office).first()
    ShareComment.objects.create(share=share, author=users["leder"], text=LONG)
    GlossaryTerm.objects.update(definition=LONG)
    Employer.objects.update(name=SHORT[0], notes=LONG)
    employer = Employer.objects.filter(main_unit__isnull=True).first()
    employer.name = SHORT[1]
    employer.save(update_fields=["name"])
    ContactEntry.objects.update(summary=LONG, outcome=LONG)
    PlannedContact.objects.update(note=LONG)
    ConversationGuide.objects.update(
        title=SHORT[0], introduction=LONG, questions=LONG, offers=LONG, checklist=LONG
    )
    Summary.objects.update(headline=SHORT[0], highlight_1=SHORT[1], highlight_2=LONG[:300])
    Item.objects.update(title=SHORT[1], text=LONG[:4000], occupation=SHORT[0], place=SHORT[1])
    profile, _ = MarketContactProfile.objects.get_or_create(user=users["markedskontakt"])
    profile.industries = SHORT[0]
    profile.phone = "<b>1</b>"
    profile.save()
    RoleDescription.objects.update_or_create(pk=1, defaults={"text": LONG})
    year = datetime.date.today().year
    plan, _ = CompetencePlan.objects.get_or_create(user=users["veileder"], year=year)
    plan.goals = plan.employee_comment = plan.manager_comment = LONG
    plan.save()
    PlanActivity.objects.create(plan=plan, title=SHORT[1], kind="course", status="planned")
    module = Module.objects.filter(status="published").first()
    for name in ("redaktor", "veileder", "admin"):
        Notification.objects.create(
            recipient=users[name],
            kind=NotificationKind.values[0],
            title=SHORT[0],
            body=LONG,
            url="javascript:window.__xss=1",
            dedup_key="xss",
        )
        Feedback.objects.create(
            content_type=ContentType.objects.get_for_model(Module),
            object_id=module.pk,
            user=users[name],
            useful=False,
            comment=LONG[:1000],
        )
    search.reindex_all()
    return {
        "module": module.slug,
        "share": share.pk,
        "orgnr": employer.organisation_number,
        "guide": ConversationGuide.objects.first().slug,
        "best_practice": BestPractice.objects.first().slug,
        "path": LearningPath.objects.first().slug,
        "summary": Summary.objects.filter(status="published").first().pk,
        "plan": f"/laering/person/{users['veileder'].pk}/plan/{year}/",
        "entry": ContactEntry.objects.first().pk,
    }


@pytest.fixture
def poisoned():
    context = demo.seed()
    employers.demo.seed(context)
    learning.demo.seed(context)
    marketinfo.demo.seed(context)
    return poison(context)


def visit_all(page, urls: list[str]) -> list[str]:
    """Open each page; what ran or got in, per page."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response.status < 400, f"{url}: {response.status}"
        assert "__xss" in page.content(), f"{url} does not show the corpus: the test is blind"
        page.mouse.move(300, 300)  # for onmouseover
        page.keyboard.press("Tab")  # for onfocus that autofocus did not reach
        page.wait_for_timeout(150)  # onerror, onload and ontoggle fire after load
        if page.evaluate("window.__xss") is not None:
            problems.append(f"{url}: a payload ran")
        problems.extend(f"{url}: injected {html}" for html in page.evaluate(INJECTED))
    problems.extend(f"dialog: {message}" for message in dialogs)
    return problems


def test_what_editors_and_administrators_read_runs_no_script(page, axe, poisoned):
    login(page, "admin")
    urls = [
        f"/laering/moduler/{poisoned['module']}/",
        f"/laering/moduler/{poisoned['module']}/rediger/",
        f"/laering/stier/{poisoned['path']}/",
        f"/laering/god-praksis/{poisoned['best_practice']}/",
        f"/arbeidsgivere/samtaleguider/{poisoned['guide']}/",
        "/begreper/",
        "/varsler/",
        "/rapporter/",
        "/rapporter/gjennomgang/",
        "/marked/rolle/",
        "/marked/rolle/rediger/",
        "/sok/?q=" + "%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D1%3E",
    ]
    problems = visit_all(page, urls)
    assert not problems, "\n".join(problems)


def test_what_advisors_and_managers_read_runs_no_script(page, axe, poisoned):
    login(page, "veileder")
    urls = [
        "/",
        f"/laering/erfaringer/{poisoned['share']}/",
        "/laering/erfaringer/",
        poisoned["plan"],
        f"/arbeidsgivere/{poisoned['orgnr']}/",
        "/arbeidsgivere/logg/",
        "/arbeidsgivere/planlagt/",
        f"/marked/uke/{poisoned['summary']}/",
        "/marked/",
        "/marked/nettverk/",
        "/sok/?q=klikk",
        "/sok/?q=bilde",
    ]
    problems = visit_all(page, urls)
    assert not problems, "\n".join(problems)
