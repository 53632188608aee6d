"""An import killed half-way writes nothing: the register import is one transaction."""

import os
import signal
import subprocess
import sys

import psycopg
from django.db import connection, transaction

from employers.models import Employer
from portal.validators import is_valid_organisation_number
from tests.faults.conftest import ROOT, stop_process_group, track, wait_for
from tests.marketinfo.factories import EmployerFactory

ROWS = 6000


def _organisation_numbers(count: int) -> list[str]:
    numbers, base = [], 81234000
    while len(numbers) < count:
        base += 1
        for digit in range(10):
            if is_valid_organisation_number(f"{base}{digit}"):
                numbers.append(f"{base}{digit}")
                break
    return numbers


def _waiting_importer(watcher) -> int | None:
    row = watcher.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO \"employers_employer\"%'"
    ).fetchone()
    return row[0] if row else None


def test_a_register_import_killed_half_way_writes_nothing(tmp_path):
    numbers = _organisation_numbers(ROWS)
    csv = tmp_path / "enheter.csv"
    # The published layout: every field quoted, comma-separated.
    csv.write_text(
        '"organisasjonsnummer","navn","antallAnsatte","forretningsadresse.kommune"\n'
        + "".join(f'"{n}","Feiltest {i} AS","{i % 50}","RISØR"\n' for i, n in enumerate(numbers)),
        encoding="utf-8",
    )
    before = Employer.objects.count()
    # An uncommitted row with a number from the file makes the import wait at its insert, after
    # the staging table was filled and changed rows updated: a kill then is a kill half-way.
    blocker = numbers[-10]
    settings = connection.settings_dict
    watcher = psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        autocommit=True,
    )
    importer = None
    try:
        with transaction.atomic():
            EmployerFactory(organisation_number=blocker, name="Holder låsen AS")
            importer = track(
                subprocess.Popen(
                    [sys.executable, "manage.py", "import_employers", str(csv)],
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
            backend = wait_for(
                lambda: _waiting_importer(watcher),
                timeout=60,
                what="the import to reach its last batch",
            )
            os.kill(importer.pid, signal.SIGKILL)
            importer.wait(timeout=10)
            transaction.set_rollback(True)

        def backend_gone():
            query = "SELECT count(*) FROM pg_stat_activity WHERE pid = %s"
            return watcher.execute(query, [backend]).fetchone()[0] == 0

        wait_for(backend_gone, timeout=30, what="the killed import's connection to end")
    finally:
        if importer:
            stop_process_group(importer, sig=signal.SIGKILL)
        watcher.close()

    assert importer.returncode == -signal.SIGKILL
    assert Employer.objects.count() == before
    assert not Employer.objects.filter(organisation_number__in=numbers[:100]).exists()
