"""Keep personal data out of the application logs.

Log lines may quote what people typed or asked for. Before a record is written, national
identity numbers, e-mail addresses and Norwegian phone numbers are replaced."""

import logging
import re

PATTERNS = [
    re.compile(r"(?<!\d)\d{6}[ .]?\d{5}(?!\d)"),  # fødselsnummer / D-number shape
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # e-mail address
    re.compile(r"(?<![\d/])(\+47[ ]?)?[2-9]\d{7}(?![\d/])"),  # Norwegian phone number
]
REPLACEMENT = "[fjernet]"


def redact(text: str) -> str:
    for pattern in PATTERNS:
        text = pattern.sub(REPLACEMENT, text)
    return text


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
