"""make backup and make restore: a backup restores with every row, both into a new database
made the usual way (from template1, whose extensions belong to postgres, as on a managed
server) and over the running database."""

import secrets
import subprocess
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from employers.services import contact_entry_update
from tests.employers.factories import ContactEntryFactory, EmployerFactory
from tests.factories import GlossaryTermFactory, UserFactory
from tests.learning.factories import AssignmentFactory
from tests.marketinfo.factories import ItemFactory, PublishedSummaryFactory

ROOT = Path(__file__).resolve().parents[2]
# Their rows are compared value for value; every other table by its number of rows.
KEY_TABLES = (
    "employers_employer",
    "employers_contactentry",
    "employers_contactentryrevision",
    "marketinfo_summary",
    "marketinfo_item",
    "portal_auditevent",
    "portal_glossaryterm",
)
pytestmark = pytest.mark.django_db(transaction=True)


def url(name: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{name}"


def script(*args: str, database: str) -> None:
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": url(database)}
    subprocess.run(["bash", "scripts/backup.sh", *args], cwd=ROOT, env=env, check=True)


def state(database: str) -> dict:
    """Rows per table, a checksum of the key tables' rows in id order, and the indexes."""
    with psycopg.connect(url(database)) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            "rows": {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables},
            "checksums": {
                t: db.execute(
                    f"""SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r.id), ''))
                    FROM "{t}" r"""
                ).fetchone()[0]
                for t in KEY_TABLES
            },
            # By name: PostgreSQL may write a restored index's predicate differently.
            "indexes": db.execute(
                "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public' "
                "ORDER BY 1, 2"
            ).fetchall(),
        }


@pytest.fixture
def portal_data():
    """A little of everything, with Norwegian letters, an edited log entry and an audit trail."""
    UserFactory.create_batch(3)
    GlossaryTermFactory(term="Ærlig talt", definition="Øvelse gjør mester på Åsen.")
    employer = EmployerFactory(name="Ål og Ørret Bærum AS")
    entries = ContactEntryFactory.create_batch(
        3, employer=employer, contacted_on=date(2026, 11, 2), summary="Ringte om lærlinger"
    )
    contact_entry_update(entry=entries[0], editor=entries[0].author, values={"summary": "Møte"})
    summary = PublishedSummaryFactory(headline="Økt etterspørsel i Østfold")
    ItemFactory.create_batch(2, summary=summary)
    AssignmentFactory()


@pytest.fixture
def fresh_database():
    """An empty database made from template1, dropped afterwards."""
    name = f"portal_restore_test_{secrets.token_hex(4)}"
    with psycopg.connect(url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template1')
    try:
        yield name
    finally:
        with psycopg.connect(url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_a_new_database_made_from_template1(
    portal_data, fresh_database, tmp_path
):
    source = connection.settings_dict["NAME"]
    with psycopg.connect(url(fresh_database)) as db:
        owner = "SELECT extowner::regrole::text FROM pg_extension WHERE extname = 'unaccent'"
        assert db.execute(owner).fetchone()[0] == "postgres"  # not ours, so not ours to drop
    dump = tmp_path / "portal.dump"

    script("backup", str(dump), database=source)
    script("restore", str(dump), database=fresh_database)

    restored, original = state(fresh_database), state(source)
    assert restored == original
    assert original["rows"]["employers_contactentry"] == 3
    assert original["rows"]["employers_contactentryrevision"] == 1
    assert original["rows"]["marketinfo_item"] == 2
    with psycopg.connect(url(fresh_database)) as db:
        term = db.execute("SELECT definition FROM portal_glossaryterm").fetchone()[0]
    assert term == "Øvelse gjør mester på Åsen."


def test_a_backup_restores_over_the_running_database(portal_data, tmp_path):
    running = connection.settings_dict["NAME"]
    dump = tmp_path / "portal.dump"
    script("backup", str(dump), database=running)
    backed_up = state(running)
    # What happens after the backup is undone by the restore.
    EmployerFactory(name="Etter sikkerhetskopien AS")
    entry = ContactEntryFactory(summary="Skrevet etter sikkerhetskopien")
    contact_entry_update(entry=entry, editor=entry.author, values={"summary": "Rettet etterpå"})
    assert state(running) != backed_up

    script("restore", str(dump), database=running)

    assert state(running) == backed_up
