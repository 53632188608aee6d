import logging

from portal.logging import RedactPersonalData, redact


def test_identity_numbers_emails_and_phones_are_removed():
    line = redact("Kandidat 15038512345 (kari@example.no, tlf +47 91234567) ringte")
    assert "15038512345" not in line and "kari@example.no" not in line
    assert "91234567" not in line and line.count("[fjernet]") == 3


def test_organisation_numbers_and_paths_stay():
    assert redact("GET /arbeidsgivere/974760673/ 200") == "GET /arbeidsgivere/974760673/ 200"


def test_the_filter_rewrites_the_record(caplog):
    logger = logging.getLogger("portal.test")
    record = logger.makeRecord(
        "portal.test", logging.INFO, __file__, 1, "e-post %s", ("a@b.no",), None
    )
    RedactPersonalData().filter(record)
    assert record.getMessage() == "e-post [fjernet]"
