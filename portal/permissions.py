"""One function per rule of who may do what (SPEC: roles and scopes).

Views call exactly one of these at the top. Objects outside the user's scope are answered
with 404 so that nothing reveals they exist; missing roles for a whole page give 403.
Every function takes the signed-in user first and is False for inactive users.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portal.models import Office, Region, User


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_administrator(user: User) -> bool:
    return _active(user) and user.is_superuser


def can_manage_office(user: User, office: Office | None) -> bool:
    """Managers assign, agree plans and follow progress for their own office only."""
    if office is None or not _active(user):
        return False
    return user.is_superuser or (user.is_manager and user.office_id == office.pk)


def can_manage_any_office(user: User) -> bool:
    return _active(user) and (user.is_superuser or (user.is_manager and user.office_id))


def can_see_person(user: User, person: User) -> bool:
    """A person's progress, results and plan: the person, the office's managers, admins."""
    if not _active(user):
        return False
    return user.pk == person.pk or can_manage_office(user, person.office)


def can_publish_for_office(user: User, office: Office | None) -> bool:
    """Market contacts write weekly summaries for their own office."""
    if office is None or not _active(user):
        return False
    return user.is_superuser or (user.is_market_contact and user.office_id == office.pk)


def can_publish_for_region(user: User, region: Region | None) -> bool:
    """Market contacts may also write the summary of their own office's region."""
    if region is None or not _active(user):
        return False
    if user.is_superuser:
        return True
    return user.is_market_contact and user.office is not None and user.office.region_id == region.pk


def can_work_callbacks(user: User, office: Office | None) -> bool:
    """The callback queue belongs to the office's market contacts and managers."""
    if office is None or not _active(user):
        return False
    if user.is_superuser:
        return True
    return (user.is_market_contact or user.is_manager) and user.office_id == office.pk


def can_edit_content(user: User, region: Region | None = None) -> bool:
    """Editors write modules, paths, guides and the glossary for their region or nationally.

    `region` is the content's region; None means national content, which only national
    editors (no editor_region) may change.
    """
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if not user.is_editor:
        return False
    if user.editor_region_id is None:
        return True
    return region is not None and user.editor_region_id == region.pk


def can_review_content(user: User, item) -> bool:
    """Marking content reviewed or giving it a new owner: editors who may edit its region
    (content without a region is national)."""
    if not can_see_reports(user):
        return False
    if user.is_superuser or user.editor_region_id is None:
        return True
    # can_edit_content's rule, by id: the queue asks it for every row it shows.
    region_id = getattr(item, "region_id", None)
    return region_id is not None and region_id == user.editor_region_id


def can_see_reports(user: User) -> bool:
    """Usage and feedback reports: editors and administrators, as aggregates only."""
    return _active(user) and (user.is_superuser or user.is_editor)


def can_moderate_office(user: User, office: Office | None) -> bool:
    """Hiding a reported post: the office's managers, editors and administrators."""
    if not _active(user):
        return False
    return user.is_superuser or user.is_editor or can_manage_office(user, office)


def can_see_office_figures(user: User, office: Office | None) -> bool:
    """The office's monthly figures: its managers and administrators."""
    return can_manage_office(user, office)


def can_see_region_figures(user: User, region: Region | None) -> bool:
    """A region's monthly figures: the managers of its offices and administrators."""
    if region is None or not _active(user):
        return False
    if user.is_superuser:
        return True
    return user.is_manager and user.office is not None and user.office.region_id == region.pk
