"""Competence levels: a person's self-assessment and an office's needs."""

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from learning.models import OfficeNeed, SelfAssessment
from portal.models import User


def self_assessment_save(
    *, user: User, year: int, levels: Mapping[int, int], comments: Mapping[int, str]
) -> None:
    now = timezone.now()
    with transaction.atomic():
        for area_id, level in levels.items():
            SelfAssessment.objects.update_or_create(
                user=user,
                area_id=area_id,
                year=year,
                defaults={"level": level, "comment": comments.get(area_id, ""), "updated_at": now},
            )


def office_needs_save(*, office, levels: Mapping[int, int]) -> None:
    with transaction.atomic():
        for area_id, level in levels.items():
            OfficeNeed.objects.update_or_create(
                office=office, area_id=area_id, defaults={"level": level}
            )
