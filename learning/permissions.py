"""Rules of the learning app, built on portal.permissions (one function per rule)."""

from __future__ import annotations

from portal import permissions as core


def can_edit_module(user, module) -> bool:
    """Editors of the module's region (or national editors for national content); admins."""
    return core.can_edit_content(user, module.region)


def can_see_draft(user, item) -> bool:
    return item.status == "published" or core.can_edit_content(user, item.region)


def can_assign(user) -> bool:
    """Only managers (for their own office) and administrators assign modules."""
    return core.can_manage_any_office(user)


def can_see_person(user, person) -> bool:
    return core.can_see_person(user, person)


def can_see_office(user, office) -> bool:
    return core.can_manage_office(user, office)


def can_edit_plan(user, person) -> bool:
    """Goals, activities and agreement belong to the managers; the person comments."""
    return core.can_manage_office(user, person.office)


def can_see_share(user, share) -> bool:
    if not core._active(user):
        return False
    if user.is_superuser or share.author_id == user.pk:
        return True
    if share.hidden_at is not None and not can_moderate_share(user, share):
        return False
    if share.audience == "everyone":
        return True
    if user.office_id is None:
        return False
    if share.audience == "office":
        return share.office_id == user.office_id
    return share.office.region_id == user.office.region_id


def can_moderate_share(user, share) -> bool:
    """A manager of the author's office, an editor, or an administrator may hide a post."""
    return core.can_moderate_office(user, share.office)


def can_run_group_session(user) -> bool:
    """Managers run group sessions for their office; editors and admins too."""
    return core.can_manage_any_office(user) or core.can_see_reports(user)


def can_confirm_practice(user, progress) -> bool:
    return core._active(user) and progress.confirmer_id == user.pk
