"""Known vulnerabilities in our pinned dependencies, after pip-audit and npm audit have run.

CI machines reach the package registries but not every advisory endpoint: PyPI answers
/pypi/<name>/json but not /pypi/<name>/<version>/json, which pip-audit asks, and the npm
registry refuses the audit endpoint (405). So pip-audit reports most packages as "could not be
audited". For those, PyPI's project document still carries the advisories of the latest
release; when our pin is that release, we check them here. Pins behind the latest release are
listed as not audited, so the gap is visible instead of silently green (see README: Supply
chain). Exit 1 on any known vulnerability.
"""

import json
import re
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

PYPI = "https://pypi.org/pypi/{name}/json"


def project(name: str) -> dict:
    with urllib.request.urlopen(PYPI.format(name=name), timeout=30) as answer:  # noqa: S310
        return json.load(answer)


def locked_versions(lock_path: str) -> dict[str, str]:
    with open(lock_path, encoding="utf-8") as file:
        pins = re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", file.read(), re.MULTILINE)
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in pins}


def check_python(report_path: str, lock_path: str) -> tuple[list[str], list[str], int]:
    with open(report_path, encoding="utf-8") as file:
        report = json.load(file)
    versions = locked_versions(lock_path)
    found, unaudited = [], []
    audited = 0
    skipped = []
    for dep in report["dependencies"]:
        if dep.get("skip_reason"):
            skipped.append((dep["name"], versions[dep["name"]]))
            continue
        audited += 1
        found += [f"{dep['name']} {dep['version']}: {v['id']}" for v in dep.get("vulns", [])]

    def by_project(pin):
        name, version = pin
        try:
            data = project(name)
        except OSError as error:
            return name, version, None, str(error)
        return name, version, data, ""

    with ThreadPoolExecutor(8) as pool:
        for name, version, data, error in pool.map(by_project, skipped):
            if data is None:
                unaudited.append(f"{name} {version} (PyPI: {error})")
            elif data["info"]["version"] != version:
                unaudited.append(f"{name} {version} (latest is {data['info']['version']})")
            else:
                audited += 1
                found += [f"{name} {version}: {v['id']}" for v in data.get("vulnerabilities", [])]
    return found, unaudited, audited


def check_npm(report_path: str) -> tuple[list[str], bool]:
    with open(report_path, encoding="utf-8") as file:
        text = file.read().strip()
    report = json.loads(text) if text else {}
    if "error" in report or "vulnerabilities" not in report:
        return [], False
    return [f"{name}: {v['severity']}" for name, v in report["vulnerabilities"].items()], True


def main() -> int:
    pip_report, lock, npm_report = sys.argv[1:4]
    found, unaudited, audited = check_python(pip_report, lock)
    print(f"Python: {audited} pinned packages checked against PyPI's advisories.")
    if unaudited:
        print("Not audited (no advisory data reachable for the pinned version):")
        print("".join(f"  - {line}\n" for line in unaudited), end="")
    npm_found, npm_audited = check_npm(npm_report)
    if npm_audited:
        print(f"npm: audited, {len(npm_found)} findings.")
    else:
        print("npm: the registry's audit endpoint did not answer; see README (Supply chain).")
    for line in found + npm_found:
        print(f"VULNERABLE: {line}")
    return 1 if found or npm_found else 0


if __name__ == "__main__":
    sys.exit(main())
