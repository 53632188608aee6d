"""What of the weekly summaries the portal-wide search finds (see portal/search.py)."""

from marketinfo.models import Item
from portal.freshness import Freshness
from portal.search import Entry


def describe_item(item: Item) -> Entry | None:
    if item.published_at is None or item.freshness == Freshness.EXPIRED:
        return None
    details = [item.text, item.occupation, item.industry, item.municipality, item.provider]
    if item.employer_id:
        details.append(item.employer.name)
    if item.office_id:
        # A municipality's name finds what its office writes about it (search «Risør»).
        details.append(item.office.municipality)
    return Entry(
        "summaryitem",
        item.title,
        item.summary.get_absolute_url(),
        "\n".join(d for d in details if d),
    )


INDEXERS = {Item: describe_item}
