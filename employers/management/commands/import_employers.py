import resource
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from employers.register.merge import register_files_import
from employers.register.readers import RegisterFileError


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux gives kilobytes


class Command(BaseCommand):
    help = (
        "Import employers from the Brønnøysund register's bulk downloads, as published: "
        "enheter and underenheter, CSV or gzipped JSON. Idempotent: units already there "
        "are updated, unchanged ones "
        "are not written. The files are imported together, whole or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="enheter.csv underenheter.csv")

    def handle(self, *args, files, **options):
        for file in files:
            if not file.exists():
                raise CommandError(f"{file} does not exist")
        started = time.perf_counter()
        try:
            report = register_files_import(files)
        except RegisterFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{report.units} units, {report.created} created, {report.updated} updated, "
            f"{report.skipped_count} skipped in {time.perf_counter() - started:.1f} s"
        )
        for line, reason in report.skipped[:50]:
            self.stdout.write(f"  line {line}: {reason}")
        self.stdout.write(
            f"peak resident memory: {_peak_mb(resource.RUSAGE_SELF):.0f} MB (this process), "
            f"{_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB (the parsing child)"
        )
