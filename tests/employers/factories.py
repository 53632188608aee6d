"""Factories of the employers app, building on the portal's."""

import factory
from django.utils import timezone

from employers.models import (
    Callback,
    Channel,
    ContactEntry,
    ContactPerson,
    ConversationGuide,
    Employer,
    GuideKind,
    PlannedContact,
    Topic,
)
from portal.validators import _control_digit
from tests.factories import UserFactory


def organisation_number(n: int) -> str:
    """The n-th valid organisation number from 810000000 up (skipping check digit 10)."""
    base = 81000000 + n
    while True:
        digits = str(base)
        control = _control_digit(digits, (3, 2, 7, 6, 5, 4, 3, 2))
        if control is not None:
            return digits + str(control)
        base += 100000  # move away without colliding with the next n


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    organisation_number = factory.Sequence(organisation_number)
    name = factory.Sequence(lambda n: f"Arbeidsgiver {n} AS")
    municipality = "Risør"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    employer = factory.SubFactory(EmployerFactory)
    name = "Hilde Aasen"
    role = "Daglig leder"


class ContactEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactEntry

    employer = factory.SubFactory(EmployerFactory)
    author = factory.SubFactory(UserFactory)
    office = factory.LazyAttribute(lambda o: o.author.office)
    contacted_on = factory.LazyFunction(timezone.localdate)
    channel = Channel.PHONE
    topics = factory.LazyFunction(lambda: [Topic.RECRUITMENT.value])
    summary = "Snakket om behovet for folk i sesongen."


class PlannedContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedContact

    employer = factory.SubFactory(EmployerFactory)
    author = factory.SubFactory(UserFactory)
    office = factory.LazyAttribute(lambda o: o.author.office)
    planned_on = factory.LazyFunction(timezone.localdate)
    channel = Channel.VISIT
    topics = factory.LazyFunction(lambda: [Topic.RECRUITMENT.value])
    note = "Besøk for å kartlegge behov."


class CallbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Callback

    employer = factory.SubFactory(EmployerFactory)
    contact_name = "Mona Strand"
    phone = "370 00 555"
    topic = Topic.RECRUITMENT
    taken_by = factory.SubFactory(UserFactory)
    office = factory.LazyAttribute(lambda o: o.taken_by.office)


class ConversationGuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConversationGuide

    kind = GuideKind.FIRST_VISIT
    title = factory.Sequence(lambda n: f"Samtaleguide {n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    questions = "- Hva trenger dere?"
    offers = "- Rekruttering"
    checklist = "Logg kontakten\nAvtal neste møte"
