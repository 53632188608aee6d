import io
import logging
import sys
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIRequestHandler
from django.urls import reverse

from portal.logging import RedactPersonalData, redact, token_hash

TOKEN = "Q0xvY2tzQW5kU2VjcmV0czEyMzQ1Njc4OQ"  # the shape of secrets.token_urlsafe(24)


def test_identity_numbers_emails_and_phones_are_removed():
    line = redact("Kandidat 151086-95088 (kari@example.no, tlf +47 91234567) ringte")
    assert "95088" not in line and "kari@example.no" not in line
    assert "91234567" not in line and line.count("[fjernet]") == 3


@pytest.mark.parametrize(
    "written", ["15108695088", "151086-95088", "15.10.86 95088", "15 10 86 950 88"]
)
def test_identity_numbers_are_removed_however_they_are_written(written):
    assert redact(f"søkte etter {written} i dag") == "søkte etter [fjernet] i dag"


@pytest.mark.parametrize(
    "line",
    [
        "Task marketinfo.tasks.send_summary_digest[02726e72-a044-4603-a753-29384756d16d] received",
        "Task portal.tasks.heartbeat[38475610-ab12-4cd3-8e9f-0a1b2c3d4e5f] succeeded in 0.1s",
    ],
)
def test_task_ids_whose_digits_look_like_a_phone_number_stay_whole(line):
    assert redact(line) == line


@pytest.mark.parametrize("written", ["tlf:91234567", "(91234567)", "ring 91234567.", "+4791234567"])
def test_a_phone_number_beside_punctuation_is_removed(written):
    assert "91234567" not in redact(f"kontakt {written} i morgen")


def test_organisation_numbers_and_paths_stay():
    assert redact("GET /arbeidsgivere/974760673/ 200") == "GET /arbeidsgivere/974760673/ 200"


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ('"GET /sok/?q=151086-95088 HTTP/1.1" 200 512', '"GET /sok/ HTTP/1.1" 200 512'),
        ('"GET /sok/?q=kari%40nav.no&type=employer HTTP/1.1" 200', '"GET /sok/ HTTP/1.1" 200'),
        (
            "Referer https://portal.nav.no/arbeidsgivere/?q=Ris%C3%B8r",
            "Referer https://portal.nav.no/arbeidsgivere/",
        ),
        ("Not Found: /laering/?page=2", "Not Found: /laering/"),
        ("and/or? fine", "and/or? fine"),
    ],
)
def test_query_strings_are_cut_from_paths_and_urls(line, kept):
    assert redact(line) == kept


@pytest.mark.parametrize("url_name", ["marketinfo:atom_feed", "marketinfo:calendar"])
def test_feed_tokens_become_a_short_hash_of_the_token(url_name):
    path = reverse(url_name, args=[TOKEN, "office", "nav-risor"])
    line = redact(f'"GET {path} HTTP/1.1" 200 1024')
    assert TOKEN not in line
    assert token_hash(TOKEN) in line and "/office/nav-risor/" in line
    # One reader's requests can still be told apart from another's.
    other = redact(f'"GET {reverse(url_name, args=["another-token", "office", "x"])} HTTP/1.1"')
    assert token_hash(TOKEN) not in other


def test_redaction_changes_nothing_the_second_time():
    line = redact(
        f"GET /marked/feed/{TOKEN}/office/x/?since=1 151086-95088 kari@example.no 91234567"
    )
    assert redact(line) == line


def test_the_filter_rewrites_the_record():
    logger = logging.getLogger("portal.test")
    record = logger.makeRecord(
        "portal.test", logging.INFO, __file__, 1, "e-post %s", ("a@b.no",), None
    )
    RedactPersonalData().filter(record)
    assert record.getMessage() == "e-post [fjernet]"


def test_a_traceback_is_redacted_too():
    try:
        raise ValueError("no employer for 151086-95088")
    except ValueError:
        record = logging.getLogger("portal.test").makeRecord(
            "portal.test", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    RedactPersonalData().filter(record)
    text = logging.Formatter().format(record)
    assert "ValueError: no employer for [fjernet]" in text and "95088" not in text


def _handlers_of_every_logger():
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            # pytest's own capture handlers are not part of the portal's configuration, and
            # the libraries' NullHandlers write nothing.
            if not (
                type(handler).__module__.startswith("_pytest")
                or isinstance(handler, logging.NullHandler)
            ):
                yield logger.name, handler


def test_every_configured_handler_carries_the_redaction_filter():
    """Also the handlers Django's DEFAULT_LOGGING gave its own loggers before LOGGING."""
    assert all("redact" in handler["filters"] for handler in settings.LOGGING["handlers"].values())
    unfiltered = [
        (name, handler)
        for name, handler in _handlers_of_every_logger()
        if not any(isinstance(f, RedactPersonalData) for f in handler.filters)
    ]
    assert unfiltered == []


def test_a_celery_workers_own_handlers_get_the_filter():
    from celery import signals

    import portal.celery  # noqa: F401 - connects the receivers

    for signal in (signals.after_setup_logger, signals.after_setup_task_logger):
        logger = logging.getLogger(f"portal.test.{signal.name}")
        handler = logging.StreamHandler(io.StringIO())
        logger.addHandler(handler)
        try:
            signal.send(
                sender=None,
                logger=logger,
                loglevel=logging.INFO,
                logfile=None,
                format="",
                colorize=False,
            )
            assert any(isinstance(f, RedactPersonalData) for f in handler.filters)
        finally:
            logger.removeHandler(handler)


@contextmanager
def console_output():
    console = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    buffer = io.StringIO()
    previous = console.setStream(buffer)
    try:
        yield buffer
    finally:
        console.setStream(previous)


def test_the_dev_servers_access_log_records_the_path_without_the_query_string():
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.request = None
    handler.requestline = "GET /sok/?q=151086-95088 HTTP/1.1"
    feed = WSGIRequestHandler.__new__(WSGIRequestHandler)
    feed.request = None
    feed.requestline = f"GET /marked/feed/{TOKEN}/office/nav-risor/ HTTP/1.1"
    with console_output() as output:
        handler.log_request(200, 512)
        feed.log_request(200, 1024)
    lines = output.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith('django.server "GET /sok/ HTTP/1.1" 200 512')
    assert f"/marked/feed/{token_hash(TOKEN)}/office/nav-risor/" in lines[1]
    assert TOKEN not in output.getvalue()


def test_gunicorns_access_and_error_logs_are_redacted():
    from gunicorn.config import Config

    from portal import gunicorn_conf

    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", gunicorn_conf.access_log_format)
    logger = gunicorn_conf.RedactingLogger(config)
    buffer = io.StringIO()
    for log in (logger.access_log, logger.error_log):
        for log_handler in log.handlers:
            log_handler.setStream(buffer)

    class Response:
        status, sent, headers = "200 OK", 512, []

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/marked/feed/{TOKEN}/office/x/?q=151086-95088",
        "PATH_INFO": f"/marked/feed/{TOKEN}/office/x/",
        "QUERY_STRING": "q=151086-95088",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "https://portal.nav.no/sok/?q=kari@example.no",
        "HTTP_USER_AGENT": "feed reader",
    }
    logger.access(Response(), {}, environ, timedelta(milliseconds=3))
    logger.error("could not serve %s", "kari@example.no")
    written = buffer.getvalue()
    assert f'"GET /marked/feed/{token_hash(TOKEN)}/office/x/ HTTP/1.1" 200 512 3ms' in written
    assert "could not serve [fjernet]" in written
    for secret in (TOKEN, "95088", "?q=", "kari@example.no"):
        assert secret not in written
