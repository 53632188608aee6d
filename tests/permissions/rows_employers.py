"""Permission rows of the employers app (SPEC: who sees what).

Employers, the log, plans and guides: every signed-in user, nationwide. A log entry is
corrected only by its author (403 for everyone else, since the entry itself is visible);
only administrators delete (403). The callback queue page: market contacts, managers and
administrators (403 for others); another office's callback request: 404.
"""

from uuid import uuid4

from django.conf import settings

from employers.models import Callback, ContactEntry, PlannedContact
from portal.models import OfficeMunicipality
from tests.employers.factories import ConversationGuideFactory, EmployerFactory
from tests.permissions.matrix import Row, expect, only

QUEUE = ("market_contact", "manager", "admin", "market_contact_other", "manager_other")
HOME_QUEUE = ("market_contact", "manager", "admin")
# The timeline's filter and its cursor to older entries.
TIMELINE = ("tema", "kontor", "etter")


def build(world):
    employer = EmployerFactory(organisation_number="974760673", name="Brønnboring AS")
    world.objects["emp_employer"] = employer
    advisor = world.users["advisor"]
    world.objects["emp_entry"] = ContactEntry.objects.create(
        employer=employer,
        author=advisor,
        office=advisor.office,
        channel="phone",
        topics=["recruitment"],
        summary="Ringte om rekruttering.",
        follow_up_on="2030-01-01",
        follow_up_assignee=advisor,
    )
    world.objects["emp_plan"] = PlannedContact.objects.create(
        employer=employer,
        author=advisor,
        office=advisor.office,
        planned_on="2030-01-01",
        channel="visit",
        topics=["recruitment"],
    )
    world.objects["emp_callback"] = Callback.objects.create(
        employer=employer,
        contact_name="Mona Strand",
        phone="370 00 555",
        topic="recruitment",
        office=world.offices["home"],
        taken_by=advisor,
    )
    world.objects["emp_guide"] = ConversationGuideFactory(region=world.regions["home"])
    OfficeMunicipality.objects.create(office=world.offices["home"], number="4201", name="Risør")
    # A contact form no office covers: in Agder's queue, for any of its offices to take.
    world.objects["emp_region_callback"] = Callback.objects.create(
        employer=employer,
        contact_name="Lars Vik",
        phone="37000777",
        topic="recruitment",
        source="employer_form",
        region=world.regions["home"],
    )


def orgnr(w):
    return [w.emp_employer.organisation_number]


ROWS = [
    Row("employers:index", expect(200), params=("q",)),
    Row("employers:index", expect(200), query="q=brønn", htmx=True, note="search", params=("q",)),
    Row("employers:create", expect(200)),
    Row("employers:detail", expect(200), args=orgnr, params=TIMELINE),
    Row("employers:detail", expect(404), args=lambda w: ["974760674"], note="unknown"),
    Row("employers:edit", expect(200), args=orgnr),
    Row("employers:contact_person_create", expect(200), args=orgnr),
    Row("employers:entry_create", expect(200), args=orgnr),
    Row("employers:duplicate_warning", expect(200), args=orgnr, htmx=True, params=("topics",)),
    Row(
        "employers:duplicate_warning_cancel",
        expect(302),
        args=orgnr,
        method="post",
        data=lambda w: {"context": "log", "warnings": f"entry:{w.emp_entry.pk}"},
        note="records the cancelled warning, back to the employer",
    ),
    Row("employers:plan_create", expect(200), args=orgnr),
    Row("employers:callback_create", expect(200), args=orgnr),
    Row(
        "employers:export", expect(200), args=lambda w: [w.emp_employer.organisation_number, "csv"]
    ),
    Row("employers:log", expect(200), params=(*TIMELINE, "mine")),
    Row("employers:log_export", expect(200), args=lambda w: ["xlsx"]),
    Row("employers:entry", expect(200), args=lambda w: [w.emp_entry.pk]),
    Row(
        "employers:entry_edit",
        only(200, ("advisor",)),
        args=lambda w: [w.emp_entry.pk],
        note="only the author; advisor_other sees the entry but gets 403",
    ),
    Row(
        "employers:entry_delete",
        expect(403, admin=302),
        args=lambda w: [w.emp_entry.pk],
        method="post",
        note="admins only, soft, idempotent",
    ),
    Row("employers:follow_ups", expect(200)),
    Row(
        "employers:follow_up_done",
        only(302, ("advisor",)),
        args=lambda w: [w.emp_entry.pk],
        method="post",
    ),
    Row("employers:plans", expect(200), params=("kontor", "etter")),
    Row(
        "employers:plan_cancel",
        only(302, ("advisor",)),
        args=lambda w: [w.emp_plan.pk],
        method="post",
    ),
    Row(
        "employers:plan_complete",
        only(302, ("advisor",)),
        args=lambda w: [w.emp_plan.pk],
        method="post",
        note="only the planner",
    ),
    Row("employers:callbacks", only(200, QUEUE), params=("side",)),
    Row("employers:panel_callbacks", only(200, QUEUE), htmx=True),
    Row("employers:panel_follow_ups", expect(200), htmx=True),
    Row(
        "employers:callback",
        only(200, HOME_QUEUE, refused=404),
        args=lambda w: [w.emp_callback.pk],
        note="another office's request is 404",
    ),
    Row("employers:guides", expect(200)),
    Row("employers:guide", expect(200), args=lambda w: [w.emp_guide.slug]),
    Row("employers:guide_create", only(200, ("editor", "editor_other", "admin"))),
    Row(
        "employers:guide_edit",
        only(200, ("editor", "admin")),
        args=lambda w: [w.emp_guide.slug],
        note="editor_other's region is Troms",
    ),
]


# The inbound contact form (employers/api.py): a machine endpoint, so a session counts for
# nothing and every actor gets what the token decides. The test settings use the shared
# secret; a token of another client (azp) is refused in tests/employers/test_contact_form_api.py,
# which signs real tokens against a local key set.
def contact_form(w):
    return {
        "kommunenr": "4201",
        "kommune": "Risør",
        "bedriftsnavn": "Brønnboring AS",
        "orgnr": "974760673",
        "navn": "Mona Strand",
        "epost": "mona@example.no",
        "telefonnr": "37000555",
        "tema": "REKRUTTERING",
    }


def bearer(token):
    def headers(w):
        # A new key per request: each actor's post is a new form.
        return {"HTTP_AUTHORIZATION": f"Bearer {token}", "HTTP_IDEMPOTENCY_KEY": str(uuid4())}

    return headers


ROWS += [
    Row(
        "employers:callback",
        only(200, HOME_QUEUE, refused=404),
        args=lambda w: [w.emp_region_callback.pk],
        note="in the region's queue: its offices' market contacts and managers",
    ),
    Row(
        "employers:callback_take",
        only(302, HOME_QUEUE, refused=404),
        args=lambda w: [w.emp_region_callback.pk],
        method="post",
        note="the first takes it to Risør; again for Risør changes nothing",
    ),
    Row("api_contact_form", expect(405, anonymous=405), note="GET is not allowed"),
    Row(
        "api_contact_form",
        expect(401, anonymous=401),
        method="post",
        data=contact_form,
        content_type="application/json",
        note="no token (a session is none)",
    ),
    Row(
        "api_contact_form",
        expect(401, anonymous=401),
        method="post",
        data=contact_form,
        content_type="application/json",
        headers=bearer("wrong-token"),
        note="wrong token",
    ),
    Row(
        "api_contact_form",
        expect(201, anonymous=201),
        method="post",
        data=contact_form,
        content_type="application/json",
        headers=bearer(settings.CONTACT_FORM_TOKEN),
        note="valid token",
    ),
]
