"""factory_boy factories of the market information."""

from datetime import timedelta

import factory
from django.utils import timezone

from employers.models import Employer
from marketinfo.models import Item, ItemKind, Summary, SummaryStatus, current_iso_week
from portal.freshness import ContentKind
from portal.validators import is_valid_organisation_number
from tests.factories import OfficeFactory


def valid_organisation_number(n: int) -> str:
    """The n-th valid organisation number from 91000000x upwards."""
    base = 91000000 + n * 7
    while True:
        for digit in range(10):
            number = f"{base}{digit}"
            if is_valid_organisation_number(number):
                return number
        base += 1


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer
        django_get_or_create = ["organisation_number"]

    organisation_number = factory.Sequence(valid_organisation_number)
    name = factory.Sequence(lambda n: f"Bedrift {n} AS")
    municipality = "Risør"
    industry_text = "Bygg og anlegg"


class SummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Summary

    office = factory.SubFactory(OfficeFactory)
    region = None
    year = factory.LazyFunction(lambda: current_iso_week()[0])
    week = factory.LazyFunction(lambda: current_iso_week()[1])
    headline = "Mye skjer i bygg"
    highlight_1 = "Brønnboring AS trenger fire i kantina."
    status = SummaryStatus.DRAFT


class PublishedSummaryFactory(SummaryFactory):
    status = SummaryStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ItemFactory(factory.django.DjangoModelFactory):
    """An item as the services would save it (scope and publication copied from the summary)."""

    class Meta:
        model = Item

    summary = factory.SubFactory(SummaryFactory)
    kind = ItemKind.VACANCY
    title = factory.Sequence(lambda n: f"Stilling {n}")
    employer = factory.SubFactory(EmployerFactory)
    quantity = 2
    on_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    expires_on = factory.LazyAttribute(lambda o: o.on_date)
    position = factory.Sequence(lambda n: n)
    office = factory.LazyAttribute(lambda o: o.summary.office)
    region = factory.LazyAttribute(
        lambda o: o.summary.region if o.summary.region_id else o.summary.office.region
    )
    published_at = factory.LazyAttribute(lambda o: o.summary.published_at)
    content_kind = ContentKind.FLUID
    review_interval = timedelta(days=7)
