"""The production image holds the product and none of the development tooling.

Its files are worked out without docker: the final stage's COPY lines of the Dockerfile
applied to the checkout's files less what .dockerignore leaves out, matched as docker matches
(a pattern also leaves out everything below a folder it names; `**` spans folders; the last
matching line wins, `!` lines keep). Then those files alone, in a folder of their own, must
pass production's `check --deploy`.
"""

import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_APPS = ("portal", "learning", "marketinfo", "employers")


def _rules(dockerignore: str) -> list[tuple[bool, re.Pattern]]:
    """(keep, pattern) per line: `*` and `?` stay within a folder, `**` spans folders."""
    tokens = {"**/": "(?:.*/)?", "/**": "(?:/.*)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    rules = []
    for line in dockerignore.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        glob = line.removeprefix("!").strip("/")
        regex = "".join(
            tokens.get(token, re.escape(token))
            for token in re.findall(r"\*\*/|/\*\*|\*\*|\*|\?|[^*?]", glob)
        )
        rules.append((line.startswith("!"), re.compile(regex)))
    return rules


def _ignored(path: str, rules: list[tuple[bool, re.Pattern]]) -> bool:
    parents = ["/".join(path.split("/")[: n + 1]) for n in range(path.count("/") + 1)]
    ignored = False
    for keep, pattern in rules:
        if any(pattern.fullmatch(part) for part in parents):
            ignored = not keep
    return ignored


@cache
def image_files() -> frozenset[str]:
    rules = _rules((ROOT / ".dockerignore").read_text())
    files_in_checkout = subprocess.run(
        # The tracked files and new ones not yet added: a checkout with work in progress.
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    context = [path for path in files_in_checkout if path and not _ignored(path, rules)]

    dockerfile = (ROOT / "Dockerfile").read_text()
    final_stage = re.split(r"^FROM\s", dockerfile, flags=re.MULTILINE)[-1]
    files = set()
    for line in re.findall(r"^COPY\s+(.+)$", final_stage, flags=re.MULTILINE):
        words = line.split()
        if any(word.startswith("--from") for word in words):
            continue  # from another stage, not from the source tree
        for source in [word for word in words[:-1] if not word.startswith("--")]:
            source = source.removeprefix("./").rstrip("/")
            files |= {
                path
                for path in context
                if source == "." or path == source or path.startswith(source + "/")
            }
    return frozenset(files)


def test_the_pattern_matching_is_dockers():
    rules = _rules("devtools/\n**/__pycache__\nscripts/bench*.sh\ndocs/**\n!docs/keep.md\n")
    assert _ignored("devtools/bench/run.py", rules)
    assert _ignored("portal/__pycache__/x.pyc", rules) and _ignored("__pycache__/y", rules)
    assert _ignored("scripts/bench-data.sh", rules) and _ignored("docs/a/b.md", rules)
    assert not _ignored("scripts/backup.sh", rules) and not _ignored("portal/devtools.py", rules)
    assert not _ignored("docs/keep.md", rules) and not _ignored("scripts/x/bench.sh", rules)


def test_the_image_holds_the_product_and_no_dev_tooling():
    files = image_files()
    assert "manage.py" in files and "scripts/build_assets.py" in files
    for app in PRODUCT_APPS:
        assert f"{app}/models.py" in files and f"{app}/apps.py" in files
    assert any(path.startswith("templates/") for path in files)
    assert [path for path in files if path.startswith(("devtools/", "tests/"))] == []
    assert [path for path in files if "bench" in path or path.endswith("scale.py")] == []
    assert not any("seed_scale" in path or "locust" in path for path in files)


def test_the_image_files_alone_pass_productions_deploy_check(tmp_path):
    for path in image_files():
        if not (ROOT / path).exists():
            continue  # deleted in the working tree, not yet in the index
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / path, tmp_path / path)
    # As scripts/test.sh runs the deploy check, on the suite's database and Redis, and with
    # nothing of the test run's own environment (PYTHONPATH, DJANGO_ALLOW_ASYNC_UNSAFE).
    env = {
        key: os.environ[key] for key in ("PATH", "DATABASE_URL", "REDIS_URL") if key in os.environ
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
        "SECRET_KEY": "check-deploy-only-not-a-real-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "kompetanse.intern.nav.no",
        "EMAIL_HOST": "smtp.example.invalid",
    }

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-s", "manage.py", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("check", "--deploy", "--fail-level", "WARNING")
    installed = run(
        "shell", "-c", "from django.conf import settings; print(settings.INSTALLED_APPS)"
    )
    assert "portal" in installed and "devtools" not in installed
