"""The whole register through the real import, and one day of its update feed.

`python -m devtools.bench.register_import` (run once by scripts/bench-data.sh, after seed_scale)
writes a register-sized pair of files in the published CSV layout (register_file.py) and
imports them with `manage.py import_employers`, as an operator would, in a process of its
own: its wall time and the peak resident memory of the import and its parsing children are
what the budget is about. The result is kept in IMPORT_RESULT for `make bench`'s report; the
imported units stay, so the employer pages and searches are measured at register size.

`day_of_updates()` applies a day of 10,000 changes from the fake register API
(devtools/bench/fake_register.py) and rolls them back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / ".local" / "bench-register"
IMPORT_RESULT = FILES / "import.json"
IMPORT_S = 300.0
IMPORT_MB = 500.0
DAY_CHANGES = 10_000
DAY_S = 10.0


def import_register(enheter: int = 1_100_000, underenheter: int = 600_000) -> dict:
    paths = [FILES / "enheter.csv", FILES / "underenheter.csv"]
    if not all(path.exists() for path in paths):
        subprocess.run(  # noqa: S603 - our own interpreter and module
            [
                sys.executable,
                "-m",
                "devtools.bench.register_file",
                str(FILES),
                f"--enheter={enheter}",
                f"--underenheter={underenheter}",
            ],
            cwd=ROOT,
            check=True,
        )
    load_before = [round(x, 2) for x in os.getloadavg()]
    output = FILES / "import.log"
    started = time.perf_counter()
    with output.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and command
            [sys.executable, "manage.py", "import_employers", *map(str, paths)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        # wait4: the resources of this process and the children it waited for (the parsing
        # children), not of the file generator run before it.
        _pid, status, usage = os.wait4(process.pid, 0)
    seconds = round(time.perf_counter() - started, 1)
    returncode = process.returncode = os.waitstatus_to_exitcode(status)
    text = output.read_text()
    peak_mb = round(usage.ru_maxrss / 1024, 1)
    result = {
        "name": "The whole register imported (enheter + underenheter, published CSV layout)",
        "files_mb": round(sum(p.stat().st_size for p in paths) / (1 << 20)),
        "output": text.strip()[-2000:],
        "error": None if returncode == 0 else text[-1000:],
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "total_s": seconds,
        "rss_peak_mb": peak_mb,
        "budget_s": IMPORT_S,
        "memory_budget_mb": IMPORT_MB,
        "met": returncode == 0 and seconds <= IMPORT_S,
        "memory_met": peak_mb <= IMPORT_MB,
        "load_average": [load_before, [round(x, 2) for x in os.getloadavg()]],
    }
    FILES.mkdir(parents=True, exist_ok=True)
    IMPORT_RESULT.write_text(json.dumps(result, indent=2))
    return result


def last_import() -> dict | None:
    return json.loads(IMPORT_RESULT.read_text()) if IMPORT_RESULT.exists() else None


def day_of_updates(changes: int = DAY_CHANGES) -> dict:
    """A day of register changes: seven in ten to units already in the table, two in ten
    new units, one in ten deletions, applied from the fake API and rolled back."""
    from django.db import transaction

    from devtools.bench.fake_register import FakeRegister, FakeRegisterServer, api_unit
    from devtools.bench.register_file import numbers
    from employers.models import Employer
    from employers.register.feed import RegisterClient, register_updates_apply

    register = FakeRegister()
    existing = list(
        Employer.objects.order_by("organisation_number").values_list(
            "organisation_number", flat=True
        )[: changes * 8 // 10]
    )
    fresh = numbers(99_000_000, set())
    for i in range(changes):
        if i % 10 == 9 and existing:
            register.add_change("enheter", existing.pop(), "Sletting")
        elif i % 10 >= 7 or not existing:
            number = next(fresh)
            register.add_change("enheter", number, "Ny", api_unit(number, f"NY BEDRIFT {i} AS"))
        else:
            number = existing.pop()
            unit = api_unit(number, f"ENDRET NAVN {i} AS", konkurs=i % 50 == 0)
            register.add_change("enheter", number, "Endring", unit)
    result = {"name": f"One day of the register's update feed ({changes:,} changes)"}
    with FakeRegisterServer(register) as base_url:
        client = RegisterClient(base_url=base_url)
        try:
            with transaction.atomic():
                started = time.perf_counter()
                report = register_updates_apply(kind="enheter", client=client)
                result["total_s"] = round(time.perf_counter() - started, 2)
                result.update(created=report.created, updated=report.updated)
                transaction.set_rollback(True)
        except Exception as error:  # reported in RESULTS.md, not raised
            result["error"] = repr(error)
    result["requests"] = len(register.requests)
    result["budget_s"] = DAY_S
    result["met"] = "error" not in result and result["total_s"] <= DAY_S
    return result


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
    django.setup()
    outcome = import_register()
    print(json.dumps({k: v for k, v in outcome.items() if k != "output"}, indent=2))
    print(outcome["output"])
    sys.exit(0 if outcome["error"] is None else 1)
