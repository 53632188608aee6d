"""Celery tasks of the learning app: thin, call a service, safe to run twice."""

from celery import shared_task

from learning.services.assignments import calendar_invitation_send
from learning.services.onboarding import onboarding_assign
from learning.services.reminders import reminders_send
from learning.services.renewals import renewals_run


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_reminders() -> dict:
    return reminders_send()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def run_renewals() -> dict:
    return renewals_run()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def assign_onboarding(user_id: int) -> int:
    from portal.models import User

    user = User.objects.filter(pk=user_id).first()
    return len(onboarding_assign(user=user)) if user else 0


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_calendar_invitation(assignment_id: int) -> bool:
    return calendar_invitation_send(assignment_id=assignment_id)
