"""Rules of the learning app, built on portal.permissions (one function per rule)."""

from portal import permissions as core


def can_edit_module(user, module) -> bool:
    """Editors of the module's region (or national editors for national content); admins."""
    return core.can_edit_content(user, module.region)


def can_assign(user) -> bool:
    """Only managers (for their own office) and administrators assign modules."""
    return core.can_manage_any_office(user)


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


# --- «Spør fagmiljøet»: questions to the experts ----------------------------------------------


def is_expert_for(user, question) -> bool:
    """The experts of a question: the editors of its region (and national editors), the people
    a manager named as experts of its area in its region, and administrators."""
    from learning.questions import Expert

    if not core._active(user):
        return False
    if core.can_edit_content(user, question.region):
        return True
    if user.office_id is None:
        return False
    return Expert.objects.for_question(question).filter(user=user).exists()


def can_see_asker(user, question) -> bool:
    """The asker's name: the asker, the question's experts and the moderators (editors,
    administrators), never the asker's own manager as such."""
    if not core._active(user):
        return False
    if question.asker_id == user.pk or user.is_superuser or user.is_editor:
        return True
    return is_expert_for(user, question)


def can_answer(user, question) -> bool:
    return is_expert_for(user, question)


def can_publish_faq(user, question) -> bool:
    return is_expert_for(user, question)


def can_edit_question(user, question) -> bool:
    """Only the asker changes the question (SPEC: who changes what)."""
    return core._active(user) and question.asker_id == user.pk


def can_mark_helpful(user, question) -> bool:
    return core._active(user) and question.asker_id == user.pk


def can_see_share_author(user, share) -> bool:
    """A post shared without the name: the author, the moderators who are editors, and
    administrators see who wrote it; colleagues and the author's managers do not."""
    if not share.anonymous:
        return True
    if not core._active(user):
        return False
    return share.author_id == user.pk or user.is_superuser or user.is_editor
