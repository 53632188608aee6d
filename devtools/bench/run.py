"""`make bench`: measure everything, write results.json and RESULTS.md beside this file.

    DJANGO_SETTINGS_MODULE=portal.settings.bench python -m devtools.bench.run [--requests 50] ...

Exits 0 when every page answered, whether or not the budgets are met (the table says which
are missed); 1 when a page failed or could not be measured for want of data.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import django

OUT_DIR = Path(__file__).resolve().parent


def _arguments(argv):
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=int(env("BENCH_REQUESTS", "50")))
    parser.add_argument("--warmup", type=int, default=int(env("BENCH_WARMUP", "5")))
    parser.add_argument(
        "--search-requests",
        type=int,
        default=int(env("BENCH_SEARCH_REQUESTS", "20")),
        help="timed requests per search query, on the page and on the suggestions",
    )
    parser.add_argument(
        "--only", default=env("BENCH_ONLY", ""), help="measure only pages whose name has this"
    )
    parser.add_argument("--skip-jobs", action="store_true", default=bool(env("BENCH_SKIP_JOBS")))
    parser.add_argument("--out", type=Path, default=Path(env("BENCH_OUT", str(OUT_DIR))))
    return parser.parse_args(argv)


def _say(text: str) -> None:
    print(text, flush=True)


def _line(result) -> str:
    if result.error:
        return f"  FEIL  {result.name} [{result.user}] {result.error}"
    flag = "" if result.met_time is not False and result.met_queries is not False else "  (bom)"
    return (
        f"  {result.p50:7.1f} {result.p95:7.1f} ms  {result.typical_queries:3d} q  "
        f"{result.name} [{result.user}]{flag}"
    )


def main(argv=None) -> int:
    options = _arguments(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
    django.setup()

    from django.test import Client

    from devtools.bench import fixtures as bench_fixtures
    from devtools.bench import jobs, pages, register_import, report
    from devtools.bench.measure import measure

    started = time.perf_counter()
    doc = {
        "started_at": report.stamp(),
        "settings": {
            "django_settings": os.environ["DJANGO_SETTINGS_MODULE"],
            "requests": options.requests,
            "warmup": options.warmup,
            "search_requests": options.search_requests,
            "scale_factor_requested": os.environ.get("SCALE_FACTOR"),
        },
        "machine": report.machine(),
        "data_set": report.data_set(),
    }
    _say(f"Datasett: {doc['data_set']}")
    found = bench_fixtures.find()
    doc["fixtures"] = found.describe()
    missing_users = sorted(set(pages.ROLE_NAMES) - set(found.users))
    if missing_users:
        _say(f"Mangler benkbrukerne {missing_users}: er datasettet bygd med seed_scale?")
        return 2

    clients = {}
    for username, user in found.users.items():
        client = Client()
        client.force_login(user, backend="portal.backends.PortalModelBackend")
        clients[username] = client

    def run(targets, requests, *, always=False):
        results = []
        for target in targets:
            skipped = options.only and options.only.lower() not in target.name.lower()
            if skipped and not always:
                continue
            user = found.users[target.user]
            result = measure(
                clients[target.user], user.pk, target, warmup=options.warmup, requests=requests
            )
            _say(_line(result))
            results.append(result)
        return results

    _say("Grunnlinje")
    # Always: every page is reported against it.
    floors = run(pages.floor_targets(pages.ROLE_NAMES), options.requests, always=True)
    page_targets, not_measured = pages.page_targets(found)
    _say("Sider og htmx-deler")
    measured = run(page_targets, options.requests)
    _say("Søk")
    queries = pages.search_queries(found)
    searched = run(pages.search_targets(queries, found), options.search_requests)

    doc["floor"] = [r.summary() for r in floors]
    doc["pages"] = [r.summary() for r in measured if r.group == "page"]
    doc["partials"] = [r.summary() for r in measured if r.group == "partial"]
    doc["downloads"] = [r.summary() for r in measured if r.group == "download"]
    doc["search"] = {
        "queries": queries,
        "search": report.search_aggregate(searched, "search"),
        "suggestions": report.search_aggregate(searched, "search-partial"),
        "search_cold": report.search_aggregate(searched, "search-cold"),
        "suggestions_cold": report.search_aggregate(searched, "search-partial-cold"),
        "per_query": [r.summary() for r in searched],
    }
    doc["dashboard_ratios"] = report.dashboard_ratios(
        [r for r in measured if r.group == "page"], {r.user: r for r in floors}
    )
    doc["not_measured"] = not_measured

    doc["jobs"] = {}
    if not options.skip_jobs:
        _say("Jobber: varselet om dobbeltkontakt")
        doc["jobs"]["duplicate"] = jobs.duplicate_warning(found, runs=options.requests)
        _say(f"  {doc['jobs']['duplicate']}")
        _say("Jobber: ferskhet")
        doc["jobs"]["freshness"] = jobs.freshness_refresh()
        _say(f"  {doc['jobs']['freshness']['runs_s']} s")
        _say(f"Jobber: import av {jobs.IMPORT_ROWS} rader")
        doc["jobs"]["import"] = jobs.sheet_import(found, clients["bench_market"])
        _say(f"  {doc['jobs']['import'].get('error') or doc['jobs']['import']['steps_s']}")
        _say("Jobber: en dags endringer fra Enhetsregisteret")
        doc["jobs"]["register_day"] = register_import.day_of_updates()
        _say(f"  {doc['jobs']['register_day'].get('error') or doc['jobs']['register_day']}")
        if register_import.last_import():
            doc["jobs"]["register_import"] = register_import.last_import()
        _say("Jobber: en dags påminnelser og sammendrag (egen prosess)")
        doc["jobs"]["day"] = jobs.day_of_jobs_in_worker()
        day = doc["jobs"]["day"]
        _say(f"  {day.get('error') or (day['total_s'], day['rss_peak_mb'])}")

    for client in clients.values():
        client.logout()  # the bench's sessions leave the data set with it

    doc["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    doc["finished_at"] = report.stamp()
    doc["duration_s"] = round(time.perf_counter() - started, 1)
    doc["misses"] = report.misses(doc)
    doc["budgets"] = _count_budgets(doc)
    report.write(doc, options.out)
    _say(f"Skrev {options.out / 'results.json'} og {options.out / 'RESULTS.md'}")
    _say(f"Budsjetter innfridd: {doc['budgets']['met']} av {doc['budgets']['total']}")
    for line in doc["misses"]:
        _say(f"  bom: {line}")

    failed = [r for r in measured + floors + searched if r.error]
    if failed or not_measured:
        _say(f"{len(failed)} sider feilet, {len(not_measured)} kunne ikke måles.")
        return 1
    return 0


def _count_budgets(doc: dict) -> dict:
    verdicts = []
    for row in doc["pages"] + doc["partials"] + doc["downloads"]:
        verdicts += [row["met_time"], row["met_queries"]]
    for key in ("search", "suggestions", "search_cold", "suggestions_cold"):
        verdicts += [doc["search"][key]["met"], doc["search"][key]["met_queries"]]
    verdicts += [row["met"] for row in doc["dashboard_ratios"]]
    jobs = doc["jobs"]
    for key in ("freshness", "import", "register_day"):
        if key in jobs:
            verdicts.append(jobs[key]["met"])
    if "register_import" in jobs:
        verdicts += [jobs["register_import"]["met"], jobs["register_import"]["memory_met"]]
    if "day" in jobs:
        verdicts += [jobs["day"]["met"], jobs["day"]["memory_met"]]
    judged = [v for v in verdicts if v is not None]
    return {"met": sum(1 for v in judged if v), "total": len(judged)}


if __name__ == "__main__":
    sys.exit(main())
