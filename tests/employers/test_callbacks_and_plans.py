"""The callback queue and planned contacts."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from employers import services
from employers.models import (
    Callback,
    CallbackStatus,
    ContactEntry,
    PlannedContact,
    PlanStatus,
)
from portal.dates import working_days_before
from portal.models import Notification, NotificationKind, Role
from tests.employers.factories import CallbackFactory, EmployerFactory, PlannedContactFactory
from tests.factories import OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def office():
    return OfficeFactory(name="NAV Risør", slug="risor")


@pytest.fixture
def market_contact(office):
    return UserFactory(office=office, roles=[Role.MARKET_CONTACT], first_name="Ingrid")


def test_two_working_days_skip_the_weekend():
    monday = datetime(2026, 3, 16, 9, tzinfo=OSLO)
    assert working_days_before(monday, 2) == datetime(2026, 3, 12, 9, tzinfo=OSLO)  # Thursday
    wednesday = datetime(2026, 3, 18, 9, tzinfo=OSLO)
    assert working_days_before(wednesday, 2) == datetime(2026, 3, 16, 9, tzinfo=OSLO)


def test_requests_older_than_two_working_days_are_highlighted(client, market_contact):
    with time_machine.travel(datetime(2026, 3, 12, 8, tzinfo=OSLO), tick=False):  # Thursday
        old = CallbackFactory(taken_by=market_contact, contact_name="Gammel Forespørsel")
    with time_machine.travel(datetime(2026, 3, 13, 8, tzinfo=OSLO), tick=False):  # Friday
        fresh = CallbackFactory(taken_by=market_contact, contact_name="Ny Forespørsel")
    with time_machine.travel(datetime(2026, 3, 16, 10, tzinfo=OSLO), tick=False):  # Monday
        late = {c.pk: c.is_late for c in Callback.objects.with_lateness()}
        client.force_login(market_contact)
        html = client.get(reverse("employers:callbacks")).content.decode()
    assert late == {old.pk: True, fresh.pk: False}
    assert html.count("Venter over to arbeidsdager") == 1


def test_working_a_callback_to_done_writes_the_log_entry(client, market_contact):
    callback = CallbackFactory(taken_by=UserFactory(office=market_contact.office))
    client.force_login(market_contact)
    response = client.post(
        reverse("employers:callback", args=[callback.pk]),
        {
            "action": "log",
            "assigned_to": market_contact.pk,
            "channel": "video",
            "summary": "Ringte tilbake om rekruttering. Sender kandidater.",
        },
    )
    assert response.status_code == 302
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.DONE and callback.done_at is not None
    assert callback.answered_at == callback.done_at
    assert callback.done_by == market_contact
    entry = ContactEntry.objects.get()
    assert callback.entry == entry
    assert (entry.channel, entry.topics, entry.author) == ("video", ["recruitment"], market_contact)


def test_the_log_entry_is_prefilled_so_logging_the_call_is_one_click(client, market_contact):
    callback = CallbackFactory(
        taken_by=market_contact, topic="sick_leave", note="Vil snakke om IA-avtalen."
    )
    client.force_login(market_contact)
    page = client.get(reverse("employers:callback", args=[callback.pk])).content.decode()
    assert "Ringte tilbake om forebygge sykefravær / IA. Vil snakke om IA-avtalen." in page
    assert '<option value="phone" selected>' in page
    # What the browser sends when the prefilled form is submitted with the one button.
    response = client.post(
        reverse("employers:callback", args=[callback.pk]),
        {
            "action": "log",
            "status": "new",
            "channel": "phone",
            "summary": "Ringte tilbake om forebygge sykefravær / IA. Vil snakke om IA-avtalen.",
        },
    )
    assert response.status_code == 302
    entry = ContactEntry.objects.get()
    assert (entry.employer, entry.topics, entry.channel) == (
        callback.employer,
        ["sick_leave"],
        "phone",
    )
    assert entry.summary.endswith("Vil snakke om IA-avtalen.")


def test_a_log_entry_for_a_callback_needs_a_summary(client, market_contact):
    callback = CallbackFactory(taken_by=market_contact)
    client.force_login(market_contact)
    response = client.post(
        reverse("employers:callback", args=[callback.pk]),
        {"action": "log", "channel": "phone", "summary": "  "},
    )
    html = response.content.decode()
    assert 'id="id_summary_error"' in html and "Skriv et kort sammendrag til loggen" in html
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.NEW
    assert not ContactEntry.objects.exists()


def test_done_without_an_entry_or_a_reason_is_refused_beside_the_status(client, market_contact):
    callback = CallbackFactory(taken_by=market_contact)
    client.force_login(market_contact)
    response = client.post(
        reverse("employers:callback", args=[callback.pk]), {"action": "save", "status": "done"}
    )
    html = response.content.decode()
    assert 'id="id_status_error"' in html
    assert "logg kontakten, eller si hvorfor" in html
    callback.refresh_from_db()
    assert (callback.status, callback.done_at) == (CallbackStatus.NEW, None)


def test_closing_without_contact_needs_the_reason_and_keeps_it(client, market_contact):
    callback = CallbackFactory(taken_by=market_contact)
    client.force_login(market_contact)
    url = reverse("employers:callback", args=[callback.pk])
    response = client.post(url, {"action": "no_contact", "no_contact_reason": " "})
    assert 'id="id_no_contact_reason_error"' in response.content.decode()
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.NEW

    client.post(url, {"action": "no_contact", "no_contact_reason": "Ikke svar etter tre forsøk."})
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.DONE
    assert callback.no_contact_reason == "Ikke svar etter tre forsøk."
    assert not ContactEntry.objects.exists()
    history = client.get(url).content.decode()
    assert "ingen kontakt ble oppnådd: Ikke svar etter tre forsøk." in history


def test_the_service_refuses_to_close_a_callback_silently(market_contact):
    callback = CallbackFactory(taken_by=market_contact)
    with pytest.raises(services.CallbackClosedSilently):
        services.callback_update(
            callback=callback, by=market_contact, status=CallbackStatus.DONE, assigned_to=None
        )
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.NEW


def test_a_callback_is_answered_when_it_first_leaves_new_and_stays_answered(market_contact):
    callback = CallbackFactory(taken_by=market_contact)
    answered = datetime(2026, 4, 1, 15, tzinfo=OSLO)

    def update(status: str, at: datetime, **values) -> Callback:
        with time_machine.travel(at, tick=False):
            services.callback_update(
                callback=callback, by=market_contact, status=status, assigned_to=None, **values
            )
        callback.refresh_from_db()
        return callback

    assert update(CallbackStatus.IN_PROGRESS, answered).answered_at == answered
    closed = update(CallbackStatus.DONE, answered.replace(day=8), no_contact_reason="Feil nummer.")
    assert (closed.answered_at, closed.done_at) == (answered, answered.replace(day=8))
    # Reopened it was still answered: the figure keeps the first answer.
    assert update(CallbackStatus.NEW, answered.replace(day=9)).answered_at == answered
    assert update(CallbackStatus.IN_PROGRESS, answered.replace(day=10)).answered_at == answered


def test_the_admin_cannot_set_a_callback_to_done(admin_client, market_contact):
    callback = CallbackFactory(taken_by=market_contact)
    page = admin_client.get(
        reverse("admin:employers_callback_change", args=[callback.pk])
    ).content.decode()
    assert 'name="status"' not in page


def test_the_callback_page_lists_the_employers_recent_contacts(
    client, market_contact, django_assert_max_num_queries
):
    callback = CallbackFactory(taken_by=market_contact, topic="recruitment")
    colleague = UserFactory(office=market_contact.office, first_name="Jonas", last_name="Berg")
    services.contact_entry_create(
        author=colleague,
        employer=callback.employer,
        channel="phone",
        topics=["recruitment"],
        summary="Snakket om sommerjobber.",
    )
    client.force_login(market_contact)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("employers:callback", args=[callback.pk])).content.decode()
    assert "Jonas Berg" in html and "Samme tema" in html


def test_assigning_a_callback_notifies_the_market_contact_once(client, office, market_contact):
    manager = UserFactory(office=office, roles=[Role.MANAGER])
    callback = CallbackFactory(taken_by=manager)
    client.force_login(manager)
    for _ in range(2):
        client.post(
            reverse("employers:callback", args=[callback.pk]),
            {"status": "in_progress", "assigned_to": market_contact.pk},
        )
    notes = Notification.objects.filter(recipient=market_contact)
    assert [n.kind for n in notes] == [NotificationKind.CALLBACK_ASSIGNED]


def test_anyone_may_take_a_callback_request_for_an_office(client, office, market_contact):
    advisor = UserFactory(office=office)
    employer = EmployerFactory()
    client.force_login(advisor)
    response = client.post(
        reverse("employers:callback_create", args=[employer.organisation_number]),
        {
            "contact_name": "Mona Strand",
            "phone": "370 00 555",
            "topic": "sick_leave",
            "preferred_time": "Formiddag",
            "office": office.pk,
            "assigned_to": market_contact.pk,
        },
    )
    assert response.status_code == 302
    callback = Callback.objects.get()
    assert (callback.taken_by, callback.office, callback.status) == (advisor, office, "new")
    assert Notification.objects.filter(recipient=market_contact).exists()


def test_the_callback_topics_are_the_four_of_the_contact_form(client, office):
    client.force_login(UserFactory(office=office))
    employer = EmployerFactory()
    response = client.post(
        reverse("employers:callback_create", args=[employer.organisation_number]),
        {"contact_name": "A", "phone": "1", "topic": "downsizing", "office": office.pk},
    )
    assert 'id="id_topic_error"' in response.content.decode()
    assert not Callback.objects.exists()


def test_a_plan_becomes_a_log_entry_with_one_click(client, market_contact):
    plan = PlannedContactFactory(author=market_contact, topics=["sick_leave"], note="Besøk")
    client.force_login(market_contact)
    response = client.post(reverse("employers:plan_complete", args=[plan.pk]))
    entry = ContactEntry.objects.get()
    assert response["Location"] == reverse("employers:entry", args=[entry.pk])
    plan.refresh_from_db()
    assert (plan.status, plan.entry) == (PlanStatus.DONE, entry)
    assert (entry.topics, entry.summary) == (["sick_leave"], "Besøk")


def test_only_the_planner_completes_a_plan(client, market_contact):
    plan = PlannedContactFactory(author=market_contact)
    client.force_login(UserFactory(office=market_contact.office))
    assert client.post(reverse("employers:plan_complete", args=[plan.pk])).status_code == 403
    assert not ContactEntry.objects.exists()


def test_plans_are_visible_to_every_office(client, market_contact):
    PlannedContactFactory(author=market_contact, employer=EmployerFactory(name="Vågsfjord Verft"))
    client.force_login(UserFactory(office=OfficeFactory(name="NAV Harstad")))
    html = client.get(reverse("employers:plans"), {"kontor": "alle"}).content.decode()
    assert "Vågsfjord Verft" in html


def test_passed_plans_are_flagged_once_and_the_planner_told(market_contact):
    today = date(2026, 3, 18)
    passed = PlannedContactFactory(author=market_contact, planned_on=today - timedelta(days=1))
    PlannedContactFactory(author=market_contact, planned_on=today)
    assert services.planned_contacts_flag_passed(today=today) == 1
    assert services.planned_contacts_flag_passed(today=today) == 0
    passed.refresh_from_db()
    assert passed.passed_flagged_at is not None
    assert Notification.objects.filter(recipient=market_contact).count() == 1


def test_a_plan_in_the_past_is_refused(client, market_contact):
    employer = EmployerFactory()
    client.force_login(market_contact)
    with time_machine.travel(datetime(2026, 3, 18, 10, tzinfo=OSLO), tick=False):
        response = client.post(
            reverse("employers:plan_create", args=[employer.organisation_number]),
            {"planned_on": "2026-03-17", "channel": "visit", "topics": ["recruitment"]},
        )
    assert 'id="id_planned_on_error"' in response.content.decode()
    assert not PlannedContact.objects.exists()


def test_planned_contacts_come_in_pages_soonest_first(client, market_contact):
    start = date(2026, 5, 4)
    for day in range(30):
        PlannedContactFactory(
            author=market_contact,
            planned_on=start + timedelta(days=day),
            employer=EmployerFactory(name=f"Plan-arbeidsgiver {day:02d}"),
        )
    client.force_login(market_contact)
    first = client.get(reverse("employers:plans")).content.decode()
    assert "Plan-arbeidsgiver 00" in first and "Plan-arbeidsgiver 24" in first
    assert "Plan-arbeidsgiver 25" not in first
    assert "Vis senere" in first
    cursor = f"{(start + timedelta(days=24)).isoformat()}_"
    later_url = first.split('href="?etter=')[1].split('"')[0]
    assert later_url.startswith(cursor)
    later = client.get(reverse("employers:plans"), {"etter": later_url}).content.decode()
    assert "Plan-arbeidsgiver 25" in later and "Plan-arbeidsgiver 29" in later
    assert "Plan-arbeidsgiver 24" not in later
    assert "Vis senere" not in later


def test_the_open_callback_queue_comes_in_pages_oldest_first(client, market_contact):
    start = datetime(2026, 3, 2, 9, tzinfo=OSLO)
    for n in range(27):
        with time_machine.travel(start + timedelta(hours=n), tick=False):
            CallbackFactory(taken_by=market_contact, contact_name=f"Ringer {n:02d}")
    client.force_login(market_contact)
    first = client.get(reverse("employers:callbacks")).content.decode()
    assert "Ringer 00" in first and "Ringer 24" in first and "Ringer 25" not in first
    assert "Vis nyere forespørsler" in first and "Vis eldre forespørsler" not in first
    second = client.get(reverse("employers:callbacks"), {"side": "2"}).content.decode()
    assert "Ringer 25" in second and "Ringer 26" in second and "Ringer 24" not in second
    assert "Vis eldre forespørsler" in second and "Vis nyere forespørsler" not in second
