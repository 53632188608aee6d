from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.demo import DemoContext
from portal.figures_refresh import figures_refresh
from portal.registry import declared


class Command(BaseCommand):
    help = (
        "Load the demo offices, users (password 'demo') and content. "
        "Idempotent; refuses to run unless DEBUG is on."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo loads known passwords and runs only with DEBUG on.")
        with transaction.atomic():
            context = DemoContext()
            # Each app's `<app>/demo.py` `seed(context)`, in INSTALLED_APPS order: the portal's
            # offices and users first, then the apps in the order of their dependencies.
            for seed in declared("demo", "seed"):
                seed(context)
            # As the nightly job would: the figures page has the demo's last year to show.
            figures_refresh(months_back=12)
        self.stdout.write(
            self.style.SUCCESS("Demodata er på plass. Logg inn som «veileder» / «demo».")
        )
