"""Who may do what with weekly summaries (SPEC: who sees what), built on portal.permissions.

Rule of thumb kept everywhere: what a user may not see is a 404; what a user may see but not
change (a published summary of another office) is a 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portal.permissions import can_edit_content, can_publish_for_office, can_publish_for_region

if TYPE_CHECKING:
    from marketinfo.models import Summary
    from portal.models import Office, Region, User


def can_write_for(
    user: User, *, office: Office | None = None, region: Region | None = None
) -> bool:
    """Market contacts write for their own office, or for the region their office is in."""
    if office is not None:
        return can_publish_for_office(user, office)
    return can_publish_for_region(user, region)


def can_write_summary(user: User, summary: Summary) -> bool:
    return can_write_for(user, office=summary.office, region=summary.region)


def can_see_summary(user: User, summary: Summary) -> bool:
    """Published summaries are for every signed-in user; drafts and scheduled ones only for
    the market contacts who may write them."""
    if not (user.is_authenticated and user.is_active):
        return False
    return summary.is_published or can_write_summary(user, summary)


def can_write_anything(user: User) -> bool:
    """Whether the user may start a summary at all (market contacts and administrators)."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or user.is_market_contact)
    )


def can_edit_role_description(user: User) -> bool:
    """The role description is national content: national editors and administrators."""
    return can_edit_content(user, None)


def can_manage_board_link(user: User, office: Office) -> bool:
    """The office's secret board link (for the meeting room's screen): its managers and
    market contacts, and administrators."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.office_id == office.pk and (user.is_manager or user.is_market_contact)
