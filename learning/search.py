"""What of learning the portal-wide search finds (see portal/search.py)."""

from learning.models import Audience, BestPractice, LearningPath, Module, Share, Status
from portal.freshness import Freshness
from portal.search import Entry


def describe_module(module: Module) -> Entry | None:
    if module.status != Status.PUBLISHED or module.freshness == Freshness.EXPIRED:
        return None
    return Entry(
        "module", module.title, module.get_absolute_url(), f"{module.summary}\n{module.body}"
    )


def describe_path(path: LearningPath) -> Entry | None:
    if path.status != Status.PUBLISHED:
        return None
    return Entry("path", path.title, path.get_absolute_url(), path.description)


def describe_best_practice(item: BestPractice) -> Entry | None:
    if item.status != Status.PUBLISHED or item.freshness == Freshness.EXPIRED:
        return None
    return Entry("bestpractice", item.title, item.get_absolute_url(), item.body)


def describe_share(share: Share) -> Entry | None:
    if share.hidden_at is not None:
        return None
    title = share.activity or (share.module.title if share.module_id else "")
    entry = Entry(
        "share",
        f"{share.author.get_full_name()}: {title}".strip(": "),
        share.get_absolute_url(),
        f"{share.learnt}\n{share.will_use}",
    )
    if share.audience == Audience.OFFICE:
        entry.office_id = share.office_id
    elif share.audience == Audience.REGION:
        entry.region_id = share.office.region_id
    return entry


INDEXERS = {
    Module: describe_module,
    LearningPath: describe_path,
    BestPractice: describe_best_practice,
    Share: describe_share,
}
