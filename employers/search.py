"""What of the employer register the portal-wide search finds (see portal/search.py)."""

from employers.models import ConversationGuide, Employer, RegisterStatus
from portal.freshness import Freshness
from portal.search import Entry


def describe_employer(employer: Employer) -> Entry | None:
    if employer.deleted_at is not None:
        return None
    details = [
        employer.organisation_number,
        employer.industry_text,
        employer.municipality,
        employer.address,
        employer.postal_place,
    ]
    return Entry(
        "employer",
        employer.name,
        employer.get_absolute_url(),
        " ".join(d for d in details if d),
        # A closed or bankrupt unit stays findable (its contact history matters), tagged.
        tag=employer.register_status,
    )


def describe_guide(guide: ConversationGuide) -> Entry | None:
    if not guide.is_published or guide.freshness == Freshness.EXPIRED:
        return None
    body = "\n".join([guide.introduction, guide.questions, guide.offers, guide.checklist])
    return Entry("guide", guide.title, guide.get_absolute_url(), body)


INDEXERS = {Employer: describe_employer, ConversationGuide: describe_guide}
TAG_LABELS = {status.value: status.label for status in RegisterStatus if status.value}
