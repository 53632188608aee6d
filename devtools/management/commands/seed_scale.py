import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from devtools.scale import driver
from portal.models import User


class Command(BaseCommand):
    help = (
        "Build the national data set for `make bench` into an empty database: 260 offices, "
        "19,000 people and years of content. Refuses unless DEBUG is on or --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--factor", type=float, default=1.0, help="Scale every count (1.0 = all of NAV)."
        )
        parser.add_argument("--force", action="store_true", help="Run without DEBUG.")

    def handle(self, *args, seed, factor, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError("seed_scale writes known passwords; use DEBUG or --force.")
        if not 0 < factor <= 1:
            raise CommandError("--factor must be above 0 and at most 1.")
        if User.objects.exists():
            raise CommandError(
                "The database already has users. seed_scale builds into an empty database "
                "(make bench creates its own)."
            )
        # One transaction: a run stopped half-way leaves the database empty, never half-built.
        with transaction.atomic():
            ctx = driver.build(seed=seed, factor=factor, log=self.stdout.write)
        self.stdout.write(json.dumps(ctx.counts, indent=1, ensure_ascii=False))
