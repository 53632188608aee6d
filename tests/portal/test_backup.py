"""make backup and make restore: a backup restored into a fresh database has the same rows."""

import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from portal.models import Office, Region, User
from tests.factories import GlossaryTermFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def url(name: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{name}"


def counts(dsn: str) -> dict[str, int]:
    with psycopg.connect(dsn) as db:
        return {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                User._meta.db_table,
                Office._meta.db_table,
                Region._meta.db_table,
                "portal_glossaryterm",
            )
        }


def test_a_backup_restores_into_a_fresh_database(tmp_path):
    UserFactory.create_batch(3)
    GlossaryTermFactory(term="Ærlig talt", definition="Øvelse gjør mester på Åsen.")
    source = url(connection.settings_dict["NAME"])
    fresh = f"{connection.settings_dict['NAME']}_restore"
    with psycopg.connect(url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.execute(f'CREATE DATABASE "{fresh}" TEMPLATE template0')
    dump = tmp_path / "portal.dump"
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": source}
    try:
        subprocess.run(
            ["bash", "scripts/backup.sh", "backup", str(dump)], cwd=ROOT, env=env, check=True
        )
        env["DATABASE_URL"] = url(fresh)
        subprocess.run(
            ["bash", "scripts/backup.sh", "restore", str(dump)], cwd=ROOT, env=env, check=True
        )
        assert counts(url(fresh)) == counts(source)
        with psycopg.connect(url(fresh)) as db:
            term = db.execute("SELECT definition FROM portal_glossaryterm").fetchone()[0]
        assert term == "Øvelse gjør mester på Åsen."
    finally:
        with psycopg.connect(url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
