"""The driver of `make bench-load` (scripts/bench-load.sh): who signs in, and the report.

    python -m devtools.bench.load catalogue OUT.json    people and pages for locustfile.py
    python -m devtools.bench.load report --phases P.json --gunicorn-pid N ...
                                                        load-results.json and LOAD.md here

`catalogue` reads the database once, before the load starts, so that locust never touches it:
real people of many offices (the seed_scale users, whose password is "bench") and the modules,
paths, summaries, employers, guides and search words they open. `report` adds the memory of the
gunicorn workers after the run to what the locustfile measured, and checks the budgets.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS_JSON = Path(__file__).resolve().parent / "load-results.json"
RESULTS_MD = Path(__file__).resolve().parent / "LOAD.md"

# Issue #7's budgets for the load test.
BUDGET = {
    "rate": 100,
    "p95_ms": 100,
    "p99_ms": 200,
    "errors": 0,
    "step_p95_ms": 300,
    "highest_rate": 150,
    "worker_rss_mb": 200,
}

# How many people per journey the catalogue offers; locust hands them out in turn, so every
# simulated user is a different person as long as there are enough of them.
PEOPLE_PER_JOURNEY = 400
SAMPLE = {"modules": 2000, "paths": 300, "summaries": 500, "employers": 1500, "words": 400}


# --- catalogue ----------------------------------------------------------------------------


def _spread_over_offices(people: list[dict], rng: random.Random, limit: int) -> list[dict]:
    """One person from each office in turn (offices in random order), so that a few hundred
    simulated users come from as many offices as the data set has."""
    by_office: dict[int, list[dict]] = {}
    for person in people:
        by_office.setdefault(person["office_id"], []).append(person)
    offices = sorted(by_office)
    rng.shuffle(offices)
    for members in by_office.values():
        rng.shuffle(members)
    chosen: list[dict] = []
    while len(chosen) < limit and any(by_office[o] for o in offices):
        for office in offices:
            if by_office[office] and len(chosen) < limit:
                chosen.append(by_office[office].pop())
    return chosen


def build_catalogue(seed: int = 7) -> dict:
    import django

    django.setup()
    from django.db.models import F

    from devtools.scale.portal import WORDS
    from employers.models import MIN_NAME_QUERY, ConversationGuide, Employer
    from learning.models import LearningPath, Module, Status
    from marketinfo.models import Summary
    from portal.models import Role, SearchWord, User

    rng = random.Random(seed)
    bench_user = User.objects.filter(username="bench_advisor").first()
    if bench_user is None:
        raise SystemExit(
            "The database has no bench users: build it with `manage.py seed_scale` "
            "(scripts/bench-data.sh) first."
        )
    # seed_scale gives every person the same password hash, so this finds the people whose
    # password is "bench" without checking a password 19,000 times.
    people = list(
        User.objects.filter(
            password=bench_user.password, is_active=True, is_superuser=False, office__isnull=False
        )
        .annotate(office_slug=F("office__slug"))
        .values("id", "username", "roles", "office_id", "office_slug")
        .order_by("id")
    )
    journeys = {
        "advisor": [p for p in people if p["roles"] == [Role.ADVISOR]],
        "manager": [p for p in people if Role.MANAGER in p["roles"]],
        "market": [p for p in people if Role.MARKET_CONTACT in p["roles"]],
        "editor": [p for p in people if Role.EDITOR in p["roles"]],
    }
    colleagues: dict[int, list[int]] = {}
    for person in people:
        colleagues.setdefault(person["office_id"], []).append(person["id"])
    catalogue_people = {}
    for journey, members in journeys.items():
        chosen = _spread_over_offices(members, rng, PEOPLE_PER_JOURNEY)
        for person in chosen:
            person.pop("roles")
            if journey == "manager":
                staff = colleagues[person["office_id"]]
                person["colleagues"] = rng.sample(staff, min(len(staff), 20))
        catalogue_people[journey] = chosen

    modules = list(
        Module.objects.filter(status=Status.PUBLISHED).order_by("id").values_list("slug", flat=True)
    )
    paths = list(
        LearningPath.objects.filter(status=Status.PUBLISHED).values_list("slug", flat=True)
    )
    # People read what is new: the latest summaries.
    summaries = list(
        Summary.objects.published()
        .order_by("-published_at")
        .values_list("id", flat=True)[: SAMPLE["summaries"]]
    )
    # A random sample of the register without sorting 200,000 rows: ids are dense.
    employer_ids = list(Employer.objects.active().values_list("id", flat=True).order_by("id"))
    employer_ids = rng.sample(employer_ids, min(len(employer_ids), SAMPLE["employers"]))
    employers = list(
        Employer.objects.filter(id__in=employer_ids).values_list("organisation_number", "name")
    )
    employer_queries = sorted(
        {
            word
            for _number, name in employers
            for word in name.split()[:1]
            if len(word) >= MIN_NAME_QUERY and word.isalpha()
        }
    )
    guides = list(ConversationGuide.objects.published().values_list("slug", flat=True))
    words = list(
        SearchWord.objects.filter(word__regex=r"^[a-zæøå]{4,}$").values_list("word", flat=True)
    )
    words = rng.sample(words, min(len(words), SAMPLE["words"])) if words else list(WORDS)

    catalogue = {
        "people": catalogue_people,
        "modules": rng.sample(modules, min(len(modules), SAMPLE["modules"])),
        "paths": paths[: SAMPLE["paths"]],
        "summaries": summaries,
        "employers": sorted(number for number, _name in employers),
        "employer_queries": employer_queries or list(WORDS),
        "guides": guides,
        "search_words": words,
    }
    missing = [key for key, value in catalogue.items() if not value]
    missing += [journey for journey, members in catalogue_people.items() if not members]
    if missing:
        raise SystemExit(f"The data set has nothing for the load test's {', '.join(missing)}.")
    return catalogue


# --- the gunicorn workers -----------------------------------------------------------------


def children_of(parent: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces; the fields after its closing parenthesis do not.
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            children.append(int(entry.name))
    return sorted(children)


def _status_kb(pid: int, field: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def worker_memory(master: int) -> list[dict]:
    """Resident and peak memory of each gunicorn worker, from /proc/<pid>/status."""
    return [
        {
            "pid": pid,
            "rss_mb": round((_status_kb(pid, "VmRSS") or 0) / 1024, 1),
            "peak_rss_mb": round((_status_kb(pid, "VmHWM") or 0) / 1024, 1),
        }
        for pid in children_of(master)
    ]


# --- report -------------------------------------------------------------------------------


def _verdict(ok: bool | None) -> str:
    return {True: "ja", False: "**NEI**", None: "–"}[ok]


def _row(phase: dict) -> str:
    return (
        f"| {phase['label']} | {phase['target_rps']} | {phase['achieved_rps']} | "
        f"{phase['requests']} | {phase['errors']} | {phase['p50_ms']} | {phase['p95_ms']} | "
        f"{phase['p99_ms']} | {phase['max_ms']} | {phase['cpu']['machine_percent']} | "
        f"{phase['cpu']['gunicorn_percent']} | {phase['cpu']['locust_percent']} |"
    )


def build_report(phases: dict, workers: list[dict], settings: dict) -> dict:
    main = phases.get("main")
    steps = phases.get("steps", [])
    held = [s for s in steps if s.get("held")]
    if main and main.get("held"):
        held.append(main)
    highest = max((s["target_rps"] for s in held), default=None)
    rss = max((w["rss_mb"] for w in workers), default=None)
    checks = {
        "p95": main and main["p95_ms"] is not None and main["p95_ms"] <= BUDGET["p95_ms"],
        "p99": main and main["p99_ms"] is not None and main["p99_ms"] <= BUDGET["p99_ms"],
        "errors": main and main["errors"] <= BUDGET["errors"] and main["requests"] > 0,
        "rate": main and main["achieved_rps"] >= 0.95 * main["target_rps"],
        "highest_rate": None if not steps else (highest or 0) >= BUDGET["highest_rate"],
        "worker_rss": None if rss is None else rss <= BUDGET["worker_rss_mb"],
    }
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "settings": {
            **settings,
            **{
                key: phases.get(key)
                for key in ("users", "people", "offices", "locust_version", "sign_in_failures")
            },
        },
        "budget": BUDGET,
        "main": main,
        "warmup": phases.get("warmup"),
        "login": phases.get("login"),
        "steps": steps,
        "highest_rate_held": highest,
        "step_stop_reason": phases.get("step_stop_reason"),
        "workers_after": workers,
        "checks": {name: bool(ok) if ok is not None else None for name, ok in checks.items()},
        "aborted": phases.get("aborted"),
    }


def _cpu_per_request(phase: dict | None, who: str) -> str:
    value = (phase or {}).get("cpu", {}).get(f"{who}_ms_per_request")
    return "–" if value is None else str(value)


def _page_views(phase: dict) -> str:
    """Requests per second counts an htmx part as much as a page; what a person does is the
    page, so say how many pages were served and what each cost with its parts."""
    pages = phase.get("full_pages", {}).get("requests")
    seconds = phase.get("seconds")
    cpu = phase.get("cpu", {}).get("gunicorn_ms_per_request")
    if not pages or not seconds or cpu is None or not phase.get("requests"):
        return ""
    per_view = cpu * phase["requests"] / pages
    return (
        f"Sidevisninger: {pages / seconds:.1f} per sekund, med htmx-bitene sine "
        f"{phase['requests'] / pages:.2f} forespørsler og {per_view:.1f} ms gunicorn-CPU per "
        "sidevisning."
    )


def _arrivals(phase: dict) -> list[str]:
    """Evidence that the requests came spread over each second, not in bursts."""
    if "arrivals_per_second" not in phase:
        return []
    return [
        f"Ankomster per sekund: min {phase['arrivals_per_second']['min']}, maks "
        f"{phase['arrivals_per_second']['max']}; per 100 ms: maks "
        f"{phase['arrivals_per_100ms_max']} (jevnt fordelt ville vært "
        f"{phase['target_rps'] / 10:.0f}).",
        "",
    ]


def render_markdown(report: dict) -> str:
    s = report["settings"]
    main = report["main"]
    lines = [
        "## Lasttest (`make bench-load`)",
        "",
        f"Målt {report['when']} på {report['machine']['cores']} kjerner: gunicorn "
        f"({s['workers']} sync-arbeidere, `{s['settings_module']}`, vedvarende "
        f"databasetilkoblinger) på 127.0.0.1, locust {s['locust_version']} headless i en egen "
        f"prosess med {s['users']} innloggede personer fra {s['offices']} kontorer, database "
        f"`{s['database']}`. Hver simulert bruker har fast takt med tilfeldig start, så "
        "forespørslene kommer spredt og ikke i støt hvert sekund. Innlogging skjer før målingen "
        "og telles ikke med. Bare GET: lesing av sider og htmx-biter; sidene skriver likevel "
        "det de selv skriver (økt, visningstelling, lesebesøk).",
        "",
    ]
    if report.get("aborted"):
        lines += [f"**Avbrutt:** {report['aborted']}", ""]
    header = [
        "| fase | mål req/s | oppnådd req/s | forespørsler | feil | p50 ms | p95 ms | p99 ms "
        "| maks ms | CPU maskin % | CPU gunicorn % | CPU locust % |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    if main:
        lines += [
            f"### {main['target_rps']} forespørsler/s i {main['seconds']} s",
            "",
            *header,
            _row(main),
            "",
            f"Hele sider alene (uten htmx-bitene som lastes etter dem): "
            f"{main['full_pages']['requests']} forespørsler, p50 {main['full_pages']['p50_ms']} "
            f"ms, p95 {main['full_pages']['p95_ms']} ms, p99 {main['full_pages']['p99_ms']} ms.",
            "",
            _page_views(main),
            "",
            *_arrivals(main),
            "| side | forespørsler | feil | p50 ms | p95 ms | p99 ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        pages = main.get("pages", {})
        for name, page in sorted(pages.items(), key=lambda item: -item[1]["requests"]):
            lines.append(
                f"| `{name}` | {page['requests']} | {page['errors']} | {page['p50_ms']} | "
                f"{page['p95_ms']} | {page['p99_ms']} |"
            )
        lines.append("")
    if report["steps"]:
        lines += [
            f"### Høyeste rate med p95 under {BUDGET['step_p95_ms']} ms (trinn på "
            f"{s['step_seconds']} s)",
            "",
            *header,
            *(_row(step) for step in report["steps"]),
            "",
            f"Høyeste rate holdt: **{report['highest_rate_held'] or 0} forespørsler/s** "
            f"(stopp: {report['step_stop_reason']}).",
            "",
        ]
    if report["workers_after"]:
        lines += [
            "### Minne i gunicorn-arbeiderne etter testen",
            "",
            "| pid | RSS MB | topp-RSS MB |",
            "| ---: | ---: | ---: |",
            *(
                f"| {w['pid']} | {w['rss_mb']} | {w['peak_rss_mb']} |"
                for w in report["workers_after"]
            ),
            "",
        ]
    checks = report["checks"]
    rate = main["target_rps"] if main else BUDGET["rate"]
    lines += [
        "### Budsjett",
        "",
        "| krav | budsjett | oppfylt |",
        "| --- | --- | --- |",
        f"| p95 ved {rate} req/s | ≤ {BUDGET['p95_ms']} ms | {_verdict(checks['p95'])} |",
        f"| p99 ved {rate} req/s | ≤ {BUDGET['p99_ms']} ms | {_verdict(checks['p99'])} |",
        f"| feil ved {rate} req/s | ingen | {_verdict(checks['errors'])} |",
        f"| raten holdt ved {rate} req/s | ≥ 95 % | {_verdict(checks['rate'])} |",
        f"| høyeste rate med p95 < {BUDGET['step_p95_ms']} ms | ≥ {BUDGET['highest_rate']} req/s "
        f"| {_verdict(checks['highest_rate'])} |",
        f"| RSS per arbeider etter testen | ≤ {BUDGET['worker_rss_mb']} MB "
        f"| {_verdict(checks['worker_rss'])} |",
        "",
        *(
            []
            if main and main["target_rps"] == BUDGET["rate"] and main["seconds"] >= 295
            else [
                f"Budsjettet gjelder {BUDGET['rate']} req/s i 5 minutter; dette var en "
                "kortere eller annen kjøring.",
                "",
            ]
        ),
        "CPU-kolonnene er andeler av én kjerne (200 % = hele maskinen): «maskin» er alt som "
        "kjørte, også PostgreSQL og annet; locust bruker sin del av de samme to kjernene. "
        "CPU per forespørsel i hovedløpet: gunicorn "
        f"{_cpu_per_request(main, 'gunicorn')} ms, locust {_cpu_per_request(main, 'locust')} ms.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    catalogue = commands.add_parser("catalogue", help="people and pages for the locustfile")
    catalogue.add_argument("out", type=Path)
    catalogue.add_argument("--seed", type=int, default=7)
    report = commands.add_parser("report", help="load-results.json and LOAD.md in devtools/bench/")
    report.add_argument("--phases", type=Path, required=True)
    report.add_argument("--gunicorn-pid", type=int, required=True)
    report.add_argument("--settings", type=Path, required=True, help="JSON of the run's setup")
    report.add_argument("--json", type=Path, default=RESULTS_JSON)
    report.add_argument("--markdown", type=Path, default=RESULTS_MD)
    args = parser.parse_args(argv)

    if args.command == "catalogue":
        sys.path.insert(0, str(ROOT))
        data = build_catalogue(args.seed)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(data, ensure_ascii=False))
        people = sum(len(members) for members in data["people"].values())
        offices = len({p["office_id"] for members in data["people"].values() for p in members})
        print(f"katalog: {people} personer fra {offices} kontorer, {len(data['modules'])} moduler")
        return 0

    workers = worker_memory(args.gunicorn_pid)
    phases = json.loads(args.phases.read_text()) if args.phases.exists() else {}
    if not phases:
        phases = {"aborted": "locust skrev ingen resultater (se .local/load/locust.log)"}
    result = build_report(phases, workers, json.loads(args.settings.read_text()))
    args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    markdown = render_markdown(result)
    args.markdown.write_text(markdown)
    print(markdown)
    return 1 if result.get("aborted") else 0


if __name__ == "__main__":
    sys.exit(main())
