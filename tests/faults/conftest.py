"""Fault tests against real servers: run by scripts/test-faults.sh (`make test-faults`) only.

The script starts a PostgreSQL cluster and a Redis of their own and says, in FAULTS_* variables,
how to stop and start them. Without FAULTS_ENABLED=1 (the normal `pytest` run) nothing in this
folder is collected: these tests stop servers, and the shared ones must keep running.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

ENABLED = os.environ.get("FAULTS_ENABLED") == "1"
if not ENABLED:
    collect_ignore_glob = ["test_*.py"]
else:
    # The script runs pytest in the background, where SIGINT starts out ignored; an interrupt
    # must still stop the servers the fixtures started, so both signals end the run cleanly.
    def _interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
LOG_DIR = Path(os.environ.get("FAULTS_DIR", ROOT / ".local" / "faults"))
PID_DIR = LOG_DIR / "pids"
ACCESS_LOG = LOG_DIR / "gunicorn-access.log"


def pytest_collection_modifyitems(items):
    """Tests that read what the others left behind (RUNS_LAST in their module) run last."""
    if ENABLED:
        items.sort(key=lambda item: getattr(getattr(item, "module", None), "RUNS_LAST", False))


def wait_for(
    condition, *, timeout: float, interval: float = 0.1, what: str = "condition", log=None
):
    """Poll until `condition()` is truthy; its value is returned. Fails after `timeout` s,
    showing the end of `log` (a worker's log file), so that a rare timeout can be read."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            tail = "\n".join(log.read_text().splitlines()[-60:]) if log else ""
            pytest.fail(f"timed out after {timeout} s waiting for {what}\n{tail}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def track(process: subprocess.Popen) -> subprocess.Popen:
    """Leave a note for scripts/test-faults.sh, which kills what is left if pytest dies."""
    PID_DIR.mkdir(parents=True, exist_ok=True)
    (PID_DIR / str(process.pid)).touch()
    return process


def stop_process_group(process: subprocess.Popen, *, sig=signal.SIGTERM, grace: float = 10):
    (PID_DIR / str(process.pid)).unlink(missing_ok=True)
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


# --- the servers the script started -------------------------------------------------------


def _shell(command: str, *, timeout: float = 60) -> None:
    subprocess.run(["bash", "-c", command], check=True, timeout=timeout, capture_output=True)


class Redis:
    def __init__(self) -> None:
        self.port = int(os.environ["FAULTS_REDIS_PORT"])

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        # Like a crash as far as data goes: nothing is saved.
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
            sock.sendall(b"SHUTDOWN NOSAVE\r\n")
            sock.recv(16)
        wait_for(lambda: not self.ping(), timeout=10, what="Redis to stop")

    def command(self, *words: str) -> bytes:
        """One command in Redis' inline protocol; the raw reply."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
            sock.sendall(" ".join(words).encode() + b"\r\n")
            return sock.recv(65536)

    def start(self) -> None:
        self.thaw()
        if not self.ping():
            _shell(os.environ["FAULTS_REDIS_START"])
        wait_for(self.ping, timeout=10, what="Redis to answer")

    def _pid(self) -> int:
        return int((Path(os.environ["FAULTS_DIR"]) / "redis" / "redis.pid").read_text())

    def freeze(self) -> None:
        """Hung rather than stopped: connections are accepted and never answered, so only
        the clients' timeouts keep a request from waiting."""
        self.frozen = self._pid()
        os.kill(self.frozen, signal.SIGSTOP)

    def thaw(self) -> None:
        if getattr(self, "frozen", None):
            os.kill(self.frozen, signal.SIGCONT)
            self.frozen = None


class Postgres:
    def stop(self) -> None:
        _shell(os.environ["FAULTS_PG_STOP"])

    def start(self) -> None:
        _shell(os.environ["FAULTS_PG_START"])

    def is_running(self) -> bool:
        pid_file = Path(os.environ["FAULTS_PGDATA"]) / "postmaster.pid"
        return pid_file.exists()


@pytest.fixture
def redis():
    server = Redis()
    server.start()
    yield server
    server.start()  # whatever the test did, the next one finds Redis up


@pytest.fixture
def postgres():
    server = Postgres()
    yield server
    if not server.is_running():
        server.start()


@pytest.fixture(autouse=True)
def orm(django_db_blocker):
    """The test process reads and writes the faults database directly (no test database:
    the web server and the workers must see the same rows)."""
    from django.db import connections

    with django_db_blocker.unblock():
        yield
        for connection in connections.all():
            connection.close()


# --- a mail server that can hold a worker in the middle of a task --------------------------


class FakeSMTP:
    """Enough SMTP for Django's backend. In hold mode a new connection is left without a
    greeting, so the sending task waits there, inside its transaction, until released."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.recipients: list[str] = []  # one entry per delivered message and recipient
        self.held = threading.Event()
        self._release = threading.Event()
        self._release.set()
        self._lock = threading.Lock()
        threading.Thread(target=self._serve, daemon=True).start()

    def clear(self) -> None:
        with self._lock:
            self.recipients.clear()

    def hold(self) -> None:
        self.held.clear()
        self._release.clear()

    def release(self) -> None:
        self._release.set()

    def delivered(self) -> list[str]:
        with self._lock:
            return list(self.recipients)

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:
        if not self._release.is_set():
            self.held.set()
            self._release.wait(timeout=120)
        try:
            with conn, conn.makefile("rb") as reader:
                conn.sendall(b"220 faults ESMTP\r\n")
                rcpts: list[str] = []
                for raw in reader:
                    command = raw.decode(errors="replace").strip()
                    verb = command[:4].upper()
                    if verb in {"EHLO", "HELO"}:
                        conn.sendall(b"250 faults\r\n")
                    elif verb == "RCPT":
                        rcpts.append(re.sub(r"(?i)^rcpt to:\s*<?([^>]*)>?.*$", r"\1", command))
                        conn.sendall(b"250 OK\r\n")
                    elif verb == "DATA":
                        conn.sendall(b"354 go ahead\r\n")
                        for line in reader:
                            if line in (b".\r\n", b".\n"):
                                break
                        with self._lock:
                            self.recipients.extend(rcpts)
                        rcpts = []
                        conn.sendall(b"250 queued\r\n")
                    elif verb == "QUIT":
                        conn.sendall(b"221 bye\r\n")
                        return
                    else:  # MAIL, RSET, NOOP
                        if verb == "RSET":
                            rcpts = []
                        conn.sendall(b"250 OK\r\n")
        except OSError:
            pass  # the client died (a killed worker): nothing was delivered


@pytest.fixture(scope="session")
def smtp():
    return FakeSMTP()


@pytest.fixture
def mailbox(smtp):
    smtp.clear()
    smtp.release()
    yield smtp
    smtp.release()


# --- processes: the web server and Celery workers ------------------------------------------


def _process_env(**extra) -> dict:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.update({k: str(v) for k, v in extra.items()})
    return env


@pytest.fixture(scope="session")
def web(smtp):
    """gunicorn with production settings (DEBUG off: the real 503 page, no debug traceback),
    two sync workers, persistent database connections with health checks as in production."""
    port = free_port()
    log = open(LOG_DIR / "gunicorn.log", "ab")  # noqa: SIM115 (closed at teardown)
    process = track(
        subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "--config=python:portal.gunicorn_conf",  # as the Dockerfile runs it
                "portal.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--access-logfile={ACCESS_LOG}",
                "--workers=2",
                "--timeout=60",
                "--graceful-timeout=5",
            ],
            cwd=ROOT,
            env=_process_env(FAULTS_SMTP_PORT=smtp.port),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    )
    server = WebServer(process, f"http://127.0.0.1:{port}")
    try:
        wait_for(server.is_alive, timeout=30, interval=0.2, what="gunicorn to answer")
        yield server
    finally:
        stop_process_group(process)
        log.close()


class WebServer:
    def __init__(self, process: subprocess.Popen, url: str) -> None:
        self.process = process
        self.url = url

    def is_alive(self) -> bool:
        assert self.process.poll() is None, "gunicorn exited; see .local/faults/gunicorn.log"
        try:
            with urllib.request.urlopen(self.url + "/internal/isalive", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def worker_pids(self) -> set[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return {int(pid) for pid in children.read_text().split()}


class Response:
    def __init__(self, status: int, body: str, headers, elapsed: float) -> None:
        self.status = status
        self.text = body
        self.headers = headers
        self.elapsed = elapsed


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A signed-in person over real HTTP: cookies kept, redirects not followed."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def _cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")

    def request(self, path: str, data: dict | None = None, timeout: float = 10) -> Response:
        body = None
        if data is not None:
            data = {"csrfmiddlewaretoken": self._cookie("csrftoken"), **data}
            body = urllib.parse.urlencode(data).encode()
        return self._send(urllib.request.Request(self.base_url + path, data=body), timeout)

    def _send(self, request: urllib.request.Request, timeout: float) -> Response:
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                text = response.read().decode()
                return Response(response.status, text, response.headers, _since(started))
        except urllib.error.HTTPError as error:
            text = error.read().decode(errors="replace")
            return Response(error.code, text, error.headers, _since(started))

    def get(self, path: str, **kwargs) -> Response:
        return self.request(path, **kwargs)

    def upload(
        self, path: str, field: str, filename: str, content: bytes, timeout: float = 10
    ) -> Response:
        """POST one file as a form would (multipart), with the CSRF token."""
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"'
                f"\r\n\r\n{self._cookie('csrftoken')}\r\n--{boundary}\r\nContent-Disposition: "
                f'form-data; name="{field}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            self.base_url + path,
            data=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        return self._send(request, timeout)

    def post(self, path: str, data: dict | None = None, **kwargs) -> Response:
        return self.request(path, data=data or {}, **kwargs)

    def log_in(self, username: str, password: str = "demo") -> None:
        assert self.get("/konto/logg-inn/").status == 200
        response = self.post("/konto/logg-inn/", {"username": username, "password": password})
        assert response.status == 302, f"login failed ({response.status})"
        assert self._cookie("sessionid")


def _since(started: float) -> float:
    return time.monotonic() - started


@pytest.fixture
def browser(web):
    return Browser(web.url)


class Workers:
    """Real Celery workers as production runs them: prefork, here with one child. (With the
    solo pool the early acknowledgement is not sent while the task runs, so a kill would
    redeliver a task even without late acknowledgement, and prove nothing.)"""

    def __init__(self, smtp_port: int) -> None:
        self.smtp_port = smtp_port
        self.running: list[tuple[subprocess.Popen, Path]] = []

    def start(self, name: str) -> tuple[subprocess.Popen, Path]:
        log_path = LOG_DIR / f"worker-{name}.log"
        log_path.unlink(missing_ok=True)
        log = open(log_path, "ab")  # noqa: SIM115 (the child keeps it; closed with the process)
        command = [
            str(VENV_BIN / "celery"),
            "--app=portal",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            f"--hostname={name}@faults",
            "--loglevel=INFO",
            "--without-mingle",
            "--without-gossip",
        ]
        process = track(
            subprocess.Popen(
                command,
                cwd=ROOT,
                env=_process_env(FAULTS_SMTP_PORT=self.smtp_port),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        log.close()
        self.running.append((process, log_path))

        def ready():
            assert process.poll() is None, log_path.read_text()
            return " ready." in log_path.read_text()

        wait_for(ready, timeout=30, interval=0.2, what=f"worker {name} to be ready")
        return process, log_path

    def stop_all(self) -> None:
        for process, _ in self.running:
            stop_process_group(process)


@pytest.fixture
def workers(smtp):
    pool = Workers(smtp.port)
    yield pool
    pool.stop_all()


# --- people -------------------------------------------------------------------------------


@pytest.fixture
def team():
    """A fresh office with a market contact and `size - 1` advisors; all have the password
    `demo` and get the weekly summary by e-mail at once (the default)."""

    def make(size: int):
        import uuid

        from portal.models import Role
        from tests.factories import OfficeFactory, UserFactory

        tag = uuid.uuid4().hex[:8]
        office = OfficeFactory(name=f"NAV Feiltest {tag}")
        contact = UserFactory(
            username=f"marked-{tag}", office=office, roles=[Role.MARKET_CONTACT.value]
        )
        advisors = [
            UserFactory(username=f"veileder-{tag}-{i}", office=office) for i in range(1, size)
        ]
        return office, contact, [contact, *advisors]

    return make
