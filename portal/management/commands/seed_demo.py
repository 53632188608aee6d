import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal import demo

# The apps' own demo seeders, in the order of their dependencies.
APP_SEEDERS = ["employers.demo", "marketinfo.demo", "learning.demo"]


class Command(BaseCommand):
    help = (
        "Load the demo offices, users (password 'demo') and content. "
        "Idempotent; refuses to run unless DEBUG is on."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo loads known passwords and runs only with DEBUG on.")
        with transaction.atomic():
            context = demo.seed()
            for module_name in APP_SEEDERS:
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError as missing:
                    if missing.name != module_name:
                        raise
                    continue
                module.seed(context)
        self.stdout.write(
            self.style.SUCCESS("Demodata er på plass. Logg inn som «veileder» / «demo».")
        )
