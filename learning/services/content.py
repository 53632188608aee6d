"""Editors' writes: modules, learning paths and their steps."""

from django.db import transaction
from django.utils import timezone

from learning.models import LearningPath, Module, PathStep, Status
from portal.models import User


def module_save(*, module: Module, by: User, change_note: str = "", changed: bool = True) -> Module:
    """Save an edit; a change to a published module needs a note and gives a new version."""
    with transaction.atomic():
        if module.status == Status.PUBLISHED and changed and module.pk:
            module.version += 1
            module.change_note = change_note
        module.mark_reviewed(by=by)
        if module.owner_id is None:
            module.owner = by
        module.save()
    return module


def module_publish(*, module: Module, by: User) -> Module:
    module.status = Status.PUBLISHED
    module.published_at = module.published_at or timezone.now()
    module.mark_reviewed(by=by)
    module.save()
    return module


def module_mark_reviewed(*, module: Module, by: User) -> Module:
    module.mark_reviewed(by=by)
    module.save(
        update_fields=["last_reviewed_at", "last_reviewed_by", "freshness", "freshness_changed_at"]
    )
    return module


def path_save(*, path: LearningPath) -> LearningPath:
    path.save()
    return path


def _renumber(steps: list[PathStep]) -> None:
    for order, step in enumerate(steps):
        step.order = order
    PathStep.objects.bulk_update(steps, ["order"])


def path_step_add(*, path: LearningPath, module: Module) -> PathStep:
    with transaction.atomic():
        steps = list(PathStep.objects.select_for_update().filter(path=path))
        step, _created = PathStep.objects.get_or_create(
            path=path, module=module, defaults={"order": len(steps)}
        )
    return step


def path_step_remove(*, step: PathStep) -> None:
    with transaction.atomic():
        path_id = step.path_id
        step.delete()
        _renumber(list(PathStep.objects.select_for_update().filter(path_id=path_id)))


def path_step_move(*, step: PathStep, up: bool) -> None:
    """Swap the step with its neighbour above (up) or below."""
    with transaction.atomic():
        steps = list(PathStep.objects.select_for_update().filter(path_id=step.path_id))
        index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(steps):
            steps[index], steps[other] = steps[other], steps[index]
        _renumber(steps)
