"""What of learning the portal-wide search finds (see portal/search.py)."""

from learning.models import Audience, BestPractice, LearningPath, Module, Share, Status
from learning.questions import Faq
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
    # A post shared without the name is found without it too: the entry is what colleagues see.
    author = "" if share.anonymous else share.author.get_full_name()
    entry = Entry(
        "share",
        f"{author}: {title}".strip(": "),
        share.get_absolute_url(),
        f"{share.learnt}\n{share.will_use}",
    )
    if share.audience == Audience.OFFICE:
        entry.office_id = share.office_id
    elif share.audience == Audience.REGION:
        entry.region_id = share.office.region_id
    return entry


def describe_faq(item: Faq) -> Entry | None:
    if item.freshness == Freshness.EXPIRED:
        return None
    return Entry("faq", item.title, item.get_absolute_url(), f"{item.question}\n{item.answer}")


INDEXERS = {
    Module: describe_module,
    LearningPath: describe_path,
    BestPractice: describe_best_practice,
    Share: describe_share,
    Faq: describe_faq,
}
