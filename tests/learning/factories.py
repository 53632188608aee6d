"""Factories of the learning app, building on the portal's."""

import factory
from django.utils import timezone

from learning.models import (
    Assignment,
    Choice,
    CompetenceArea,
    LearningPath,
    Module,
    PathStep,
    Phase,
    Progress,
    Question,
    Share,
    Status,
)
from tests.factories import UserFactory


def area(slug="arbeidsliv-og-arbeidsmarked"):
    return CompetenceArea.objects.get(slug=slug)


def phase(slug="ny-i-nav"):
    return Phase.objects.get(slug=slug)


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    title = factory.Sequence(lambda n: f"Modul {n}")
    slug = factory.Sequence(lambda n: f"modul-{n}")
    summary = "Kort om modulen."
    body = "## Innhold\n\nTekst."
    area = factory.LazyFunction(area)
    phase = factory.LazyFunction(phase)
    status = Status.PUBLISHED
    minutes = 20
    audience_roles = factory.LazyFunction(lambda: ["veileder"])


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    module = factory.SubFactory(ModuleFactory)
    text = factory.Sequence(lambda n: f"Spørsmål {n}?")


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Svar {n}")
    correct = False


class PathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningPath

    title = factory.Sequence(lambda n: f"Sti {n}")
    slug = factory.Sequence(lambda n: f"sti-{n}")
    phase = factory.LazyFunction(phase)
    role = "veileder"
    status = Status.PUBLISHED


class PathStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PathStep

    path = factory.SubFactory(PathFactory)
    module = factory.SubFactory(ModuleFactory)
    order = factory.Sequence(int)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    user = factory.SubFactory(UserFactory)
    module = factory.SubFactory(ModuleFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=14))
    reserved_minutes = 30


class ProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Progress

    user = factory.SubFactory(UserFactory)
    module = factory.SubFactory(ModuleFactory)


class ShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Share

    author = factory.SubFactory(UserFactory)
    office = factory.LazyAttribute(lambda o: o.author.office)
    activity = "Fagdag"
    learnt = "Noe nyttig."
    will_use = "Noe jeg tar i bruk."
    audience = "office"


def quiz(module, spec):
    """spec: [(kind, [(text, correct), ...]), ...] → the questions with their choices."""
    questions = []
    for order, (kind, choices) in enumerate(spec):
        q = QuestionFactory(module=module, kind=kind, order=order)
        for i, (text, correct) in enumerate(choices):
            ChoiceFactory(question=q, text=text, correct=correct, order=i, feedback=f"Om {text}")
        questions.append(q)
    return questions
