"""Keep personal data and secrets out of every log.

Log lines may quote what people typed or asked for. Before a record is written, national
identity numbers (found by the same finder as the form guard, portal.validators), e-mail
addresses and Norwegian phone numbers are replaced, query strings are cut from paths and URLs
(search terms travel there), and the secret feed and calendar tokens in paths become a short
hash of the token: enough to tell one reader's requests from another's, useless to anyone who
reads the log. Every handler in LOGGING and gunicorn's own logs (portal.gunicorn_conf) carry
the filter; `redact` may be applied twice to the same line without changing it again.
"""

import hashlib
import logging
import re

from portal.validators import replace_identity_numbers

REPLACEMENT = "[fjernet]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# A Norwegian phone number: eight digits on their own. Not digits glued to letters, a hyphen or
# a slash: those are part of an identifier, such as the task ids in a worker's log
# («…-a753-29384756d16d»), which the log would otherwise no longer name.
_PHONE = re.compile(r"(?<![\w/-])(\+47[ ]?)?[2-9]\d{7}(?![\w/-])")
# A path (alone or in a URL) followed by its query string; only the path is kept.
_QUERY_STRING = re.compile(r"(?<![\w/])(/[^\s?#\"']*)\?[^\s\"']*")
# marketinfo's feed and calendar URLs: /marked/feed/<token>/… and /marked/kalender/<token>/….
# A hashed token starts with "~", which token_urlsafe never gives, so it is not hashed again.
_FEED_TOKEN = re.compile(r"(/marked/(?:feed|kalender)/)([^/\s?#\"'~][^/\s?#\"']*)")


def token_hash(token: str) -> str:
    return "~" + hashlib.sha256(token.encode()).hexdigest()[:10]


def redact(text: str) -> str:
    # Each pattern only where its sign is there: every access-log line passes through here.
    text = _PHONE.sub(REPLACEMENT, replace_identity_numbers(text, REPLACEMENT))
    if "@" in text:
        text = _EMAIL.sub(REPLACEMENT, text)
    if "?" in text:
        text = _QUERY_STRING.sub(r"\1", text)
    if "/marked/" in text:
        text = _FEED_TOKEN.sub(lambda match: match[1] + token_hash(match[2]), text)
    return text


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        # A traceback quotes values (a failing query's parameters, an exception's message):
        # formatted here, redacted, and kept, so that no formatter formats the raw one later.
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
