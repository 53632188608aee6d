"""No log that the fault tests make the servers write holds personal data or a secret.

Runs after the other fault tests (RUNS_LAST) and reads every log file they left in the faults
folder: gunicorn's error output and its access log, the Celery workers', PostgreSQL's and
Redis'. Before it reads, it sends the requests that would leak if redaction failed: searches
for an identity number and an e-mail address, a path holding an identity number, and the
secret feed and calendar URLs, so that the scan is never of logs without anything to hide."""

import re
import time
import urllib.parse

from portal.logging import token_hash
from portal.validators import contains_identity_number
from tests.faults.conftest import ACCESS_LOG, LOG_DIR, wait_for

RUNS_LAST = True

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
QUERY_STRING = re.compile(r"/[^\s\"']*\?[\w.%-]+=")
FEED_TOKEN_IN_PATH = re.compile(r"/marked/(?:feed|kalender)/(?!~)[^/\s\"']+/")


def _leaks(line: str, token: str) -> list[str]:
    found = []
    if contains_identity_number(line):
        found.append("identity number")
    if EMAIL.search(line):
        found.append("e-mail address")
    if QUERY_STRING.search(line):
        found.append("query string")
    if token in line or FEED_TOKEN_IN_PATH.search(line):
        found.append("feed token")
    return found


def test_no_log_holds_identity_numbers_emails_query_strings_or_feed_tokens(browser, team):
    from marketinfo.services import feed_token_get

    office, contact, _people = team(1)
    token = feed_token_get(user=contact).token
    raw = f'"GET /sok/?q=151086-95088 HTTP/1.1" kari@example.no /marked/feed/{token}/kontor/'
    assert len(_leaks(raw, token)) == 4  # the scan sees each kind
    browser.log_in(contact.username)
    sent = {
        "/sok/?" + urllib.parse.urlencode({"q": "151086-95088"}): 200,
        "/sok/?" + urllib.parse.urlencode({"q": "15.10.86 95088 kari.nordmann@example.no"}): 200,
        "/arbeidsgivere/?" + urllib.parse.urlencode({"q": "15 10 86 950 88"}): 200,
        "/arbeidsgivere/15108695088/": 404,
        f"/marked/feed/{token}/kontor/{office.slug}/": 200,
        f"/marked/kalender/{token}/kontor/{office.slug}/?since=2026-01-01": 200,
        f"/marked/feed/{token}/nowhere/{office.slug}/": 404,
    }
    for path, status in sent.items():
        assert browser.get(path).status == status, path
    last = f"/marked/feed/{token_hash(token)}/nowhere/{office.slug}/"
    wait_for(lambda: last in ACCESS_LOG.read_text(), timeout=10, what="the access log")
    time.sleep(0.5)  # the error output of the same request

    access = ACCESS_LOG.read_text()
    assert '"GET /sok/ HTTP/1.1" 200' in access
    assert f'"GET /marked/feed/{token_hash(token)}/kontor/{office.slug}/ HTTP/1.1" 200' in access
    assert f"/marked/kalender/{token_hash(token)}/kontor/{office.slug}/ HTTP/1.1" in access
    errors = (LOG_DIR / "gunicorn.log").read_text()
    assert "Not Found: /arbeidsgivere/[fjernet]/" in errors
    assert f"Not Found: /marked/feed/{token_hash(token)}/nowhere/" in errors

    scanned, leaks = [], []
    for log in sorted(LOG_DIR.rglob("*.log")):
        scanned.append(log.relative_to(LOG_DIR).as_posix())
        for number, line in enumerate(log.read_text(errors="replace").splitlines(), 1):
            if found := _leaks(line, token):
                leaks.append(f"{log.name}:{number}: {', '.join(found)}: {line[:200]}")
    assert {"gunicorn.log", "gunicorn-access.log"} <= {name.split("/")[-1] for name in scanned}
    assert leaks == [], "\n".join(leaks[:30])
