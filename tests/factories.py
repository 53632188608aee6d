"""factory_boy factories of the portal core. Each app keeps its own in tests/<app>/factories.py."""

import factory
from django.utils import timezone

from portal.models import Figure, GlossaryTerm, MonthFigure, Office, Region, Role, User
from portal.text import norwegian_slug


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.LazyAttribute(lambda o: norwegian_slug(o.name))


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"NAV Kontor {n}")
    slug = factory.LazyAttribute(lambda o: norwegian_slug(o.name))
    region = factory.SubFactory(RegionFactory)
    municipality = factory.LazyAttribute(lambda o: o.name.removeprefix("NAV "))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = factory.Iterator(["Kari", "Ola", "Ingrid", "Per", "Åse", "Øystein", "Ærlend"])
    last_name = factory.Iterator(["Nordmann", "Berg", "Solberg", "Haugen", "Lie"])
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.nav.no")
    office = factory.SubFactory(OfficeFactory)
    roles = factory.LazyFunction(lambda: [Role.ADVISOR.value])
    password = factory.PostGenerationMethodCall("set_password", "demo")

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    term = factory.Sequence(lambda n: f"Begrep {n}")
    slug = factory.LazyAttribute(lambda o: norwegian_slug(o.term))
    definition = "En forklaring."


class MonthFigureFactory(factory.django.DjangoModelFactory):
    """A computed monthly figure of an office (give office=None and a region for a region's own)."""

    class Meta:
        model = MonthFigure

    office = factory.SubFactory(OfficeFactory)
    region = factory.LazyAttribute(lambda o: o.office.region if o.office else RegionFactory())
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    figure = Figure.MANDATORY_ON_TIME
    count = 3
    total = 4
