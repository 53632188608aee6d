"""Who may do what with employers and the contact log (SPEC: who sees what).

Employers, the log and planned contacts are visible to every signed-in user nationwide.
An entry is changed only by its author; only administrators delete (softly). The callback
queue belongs to the office's market contacts and managers (portal.permissions).
"""

from portal.permissions import (
    _active,
    can_edit_content,
    can_work_callbacks,
    is_administrator,
)


def can_edit_entry(user, entry) -> bool:
    """Only the author corrects an entry; the history keeps what it said before."""
    return _active(user) and entry.deleted_at is None and entry.author_id == user.pk


def can_delete_entry(user, entry) -> bool:
    """Only administrators delete, and softly (the row stays, hidden)."""
    return is_administrator(user) and entry.deleted_at is None


def can_change_plan(user, plan) -> bool:
    """Completing or cancelling a planned contact: the colleague who planned it."""
    return _active(user) and plan.author_id == user.pk


def can_complete_follow_up(user, entry) -> bool:
    return _active(user) and user.pk in (entry.follow_up_assignee_id, entry.author_id)


def can_see_callback_queue(user) -> bool:
    """The queue page: market contacts and managers, for their own office."""
    return _active(user) and user.office_id is not None and can_work_callbacks(user, user.office)


def can_work_callback(user, callback) -> bool:
    if callback.office_id is None:
        return can_work_region_callbacks(user, callback.region_id)
    return can_work_callbacks(user, callback.office)


def can_work_region_callbacks(user, region_id: int | None) -> bool:
    """A contact form no office covers waits in its region's queue: the market contacts and
    managers of the region's offices see it and take it to their office."""
    if region_id is None or not _active(user):
        return False
    if user.is_superuser:
        return True
    return (
        (user.is_market_contact or user.is_manager)
        and user.office_id is not None
        and user.office.region_id == region_id
    )


def can_export_office_log(user) -> bool:
    """Everyone may export their own office's log (the log is visible nationwide anyway)."""
    return _active(user) and user.office_id is not None


def can_write_guides(user) -> bool:
    return can_edit_content(user) or (_active(user) and user.is_editor)


def can_edit_guide(user, guide) -> bool:
    return can_edit_content(user, guide.region)
