from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from employers.services import employers_import


class Command(BaseCommand):
    help = (
        "Import employers from CSV files in the layout of the Brønnøysund register's open data "
        "(enheter, then underenheter). Idempotent: existing organisation numbers are updated."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="enheter.csv underenheter.csv")

    def handle(self, *args, files, **options):
        for file in files:
            if not file.exists():
                raise CommandError(f"{file} does not exist")
            report = employers_import(text=file.read_text(encoding="utf-8-sig"))
            self.stdout.write(
                f"{file.name}: {report.created_or_updated} created or updated, "
                f"{len(report.skipped)} skipped"
            )
            for line, reason in report.skipped[:50]:
                self.stdout.write(f"  line {line}: {reason}")
