"""Register units into the employer table: COPY into a staging table, then set-based SQL.

The file is parsed in a forked child with hard memory and time limits (portal.isolation): a
crafted or simply huge upload can then kill the child but not the web or Celery worker. The
child writes the units it read to a temporary file in PostgreSQL's COPY text format and
returns only its path and the skipped rows; the parent streams that file into a temporary
staging table and merges it with four statements, whatever the number of units:

1. update the employers whose register columns changed (an unchanged unit is not written,
   so a second import of the same file writes nothing and fires no trigger);
2. insert the units not yet in the table;
3. link each unit to its main unit (both may be new: this runs after the insert);
4. (update feed only) mark deleted units.

Everything happens in one transaction: an import killed half-way leaves the table as it was.
"""

import csv
import io
import os
import tempfile
import warnings
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from employers.models import Employer, EmployerNameWord, RegisterStatus
from employers.register.readers import UNIT_COLUMNS, RegisterFileError, SkipRow, Unit, read_units
from portal import cache
from portal.isolation import ChildFailed, run_in_child

STAGING = "employers_register_staging"
NEW_UNITS = "employers_register_new"
# Rows of skipped units kept for the report; the count covers them all.
SKIPPED_KEPT = 200
_COPY_BLOCK = 1 << 20


@dataclass
class ParsedFile:
    copy_path: str
    units: int = 0
    skipped_count: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class MergeReport:
    units: int = 0
    created: int = 0
    updated: int = 0
    skipped_count: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


def _csv_value(value):
    return value.isoformat() if isinstance(value, date) else value


def unit_row(unit: Unit) -> list:
    return [_csv_value(getattr(unit, column)) for column in UNIT_COLUMNS]


def _copy_writer(target):
    """Rows for COPY … (FORMAT csv): every value quoted except None, which COPY reads as
    NULL (an empty quoted field stays an empty string)."""
    return csv.writer(target, quoting=csv.QUOTE_NOTNULL, lineterminator="\n")


def parse_to_copy_file(path: str, copy_path: str) -> ParsedFile:
    """Run in the child: read the register file at `path` and write its units as COPY rows
    to `copy_path`. Touches no database."""
    parsed = ParsedFile(copy_path=copy_path)
    with (
        open(path, "rb") as source,
        open(copy_path, "w", encoding="utf-8", newline="") as target,
    ):
        writer = _copy_writer(target)
        for line, unit in read_units(source):
            if isinstance(unit, SkipRow):
                parsed.skipped_count += 1
                if len(parsed.skipped) < SKIPPED_KEPT:
                    parsed.skipped.append((line, str(unit)))
                continue
            writer.writerow(unit_row(unit))
            parsed.units += 1
    return parsed


def parse_in_child(path: str | Path, copy_path: str) -> ParsedFile:
    """The file parsed in a forked child with the register import's limits."""
    try:
        return run_in_child(
            parse_to_copy_file,
            str(path),
            copy_path,
            memory_bytes=settings.REGISTER_IMPORT_MEMORY_BYTES,
            seconds=settings.REGISTER_IMPORT_SECONDS,
        )
    except ChildFailed as failure:
        raise RegisterFileError(_failure_message(failure.reason)) from failure


def parse_files(paths: list[Path], directory: str) -> list[ParsedFile]:
    """Each file parsed in its own child, the children side by side (one per core does the
    CPU-bound reading of a 1.1 million-row file while the other reads the sub-units)."""
    copy_paths = []
    for _path in paths:
        handle, copy_path = tempfile.mkstemp(prefix="register-", suffix=".csv", dir=directory)
        os.close(handle)
        copy_paths.append(copy_path)
    try:
        if len(paths) == 1:
            return [parse_in_child(paths[0], copy_paths[0])]
        with warnings.catch_warnings():
            # The threads only wait for their child; nothing in them holds a lock to fork.
            warnings.simplefilter("ignore", DeprecationWarning)
            with ThreadPoolExecutor(max_workers=len(paths)) as pool:
                return list(pool.map(parse_in_child, paths, copy_paths))
    except BaseException:
        for copy_path in copy_paths:
            Path(copy_path).unlink(missing_ok=True)
        raise


def _failure_message(reason: str) -> str:
    from django.utils.translation import gettext as _

    if reason == "memory":
        return _("Reading the file needed more memory than allowed. Nothing was imported.")
    if reason == "time":
        return _("Reading the file took longer than allowed. Nothing was imported.")
    return _("Reading the file failed. Nothing was imported.")


# --- the merge --------------------------------------------------------------------------------

_DATA = [c for c in UNIT_COLUMNS if c not in {"organisation_number", "main_unit_number"}]


def _create_staging(cursor) -> None:
    types = {
        "employees": "integer",
        "register_status_on": "date",
    }
    columns = ", ".join(f"{c} {types.get(c, 'text')}" for c in UNIT_COLUMNS)
    cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
    cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ({columns}) ON COMMIT DROP")


_COPY = f"COPY {STAGING} FROM STDIN WITH (FORMAT csv)"


def _copy_file(cursor, copy_path: str) -> None:
    with cursor.cursor.copy(_COPY) as copy, open(copy_path, "rb") as f:
        while block := f.read(_COPY_BLOCK):
            copy.write(block)


def _copy_units(cursor, units: Iterable[Unit]) -> None:
    buffer = io.StringIO()
    writer = _copy_writer(buffer)
    for unit in units:
        writer.writerow(unit_row(unit))
    with cursor.cursor.copy(_COPY) as copy:
        copy.write(buffer.getvalue())


# Below this many new units the insert keeps every index and the name-word trigger: the
# daily feed's few thousand units cost a second. Above it (the first load of the register,
# 1.7 million units) the trigger and the search indexes maintained row by row cost over
# 100 µs of database time a unit; a plain insert, the words written set-based and the indexes
# built afterwards cost a fraction of that.
BULK_MIN_NEW = 100_000
# An insert of more units than this changes the table enough to plan the next joins anew.
ANALYZE_AFTER = 1000
_TRIGRAM_INDEXES = ("employer_name_trgm", "employer_name_trgm_gist")
_WORDS_TRIGGER = "employers_employer_name_words"
# Migration 0007's one definition of a name's words, as its trigger writes them.
_NAME_WORDS = """
    INSERT INTO {words} (employer_id, word, name_length)
    SELECT employer.id, word, char_length(employer.name)
    FROM {employers} AS employer, employers_name_words(employer.name) AS word
    WHERE employer.id > %s AND employer.deleted_at IS NULL
"""


def _merge_staging(cursor) -> tuple[int, int]:
    table = connection.ops.quote_name(Employer._meta.db_table)
    changed = " OR ".join(f"employer.{c} IS DISTINCT FROM staged.{c}" for c in _DATA)
    assignments = ", ".join(f"{c} = staged.{c}" for c in _DATA)
    # Plans of a few statements over millions of rows gain nothing from JIT compilation.
    cursor.execute("SET LOCAL jit = off")
    cursor.execute(f"ANALYZE {STAGING}")
    cursor.execute(
        f"""
        UPDATE {table} AS employer
        SET {assignments}, register_updated_at = now(), updated_at = now()
        FROM {STAGING} AS staged
        WHERE employer.organisation_number = staged.organisation_number AND ({changed})
        """  # noqa: S608 - column names from our own dataclass
    )
    updated = cursor.rowcount
    # The new units, set apart before the table grows: an insert that looked itself up row
    # by row, planned while the table was still empty, went quadratic.
    cursor.execute(f"ANALYZE {table}")
    cursor.execute(f"DROP TABLE IF EXISTS {NEW_UNITS}")
    cursor.execute(
        f"""
        CREATE TEMPORARY TABLE {NEW_UNITS} ON COMMIT DROP AS
        SELECT staged.* FROM {STAGING} AS staged
        WHERE NOT EXISTS (
            SELECT 1 FROM {table} AS employer
            WHERE employer.organisation_number = staged.organisation_number
        )
        """  # noqa: S608 - our own table names
    )
    bulk = cursor.rowcount >= BULK_MIN_NEW
    columns = ", ".join(_DATA)
    # Units without a main unit first, then the rest, each linked to its main unit as it is
    # inserted: linking 600,000 sub-units afterwards would write each of them twice.
    # ON CONFLICT: a number twice in one file is inserted once, not refused.
    # The main units are looked up only in the second pass, planned after the first has
    # filled the table: a lookup planned on the empty table scanned it per row as it grew.
    inserts = [
        f"""
        INSERT INTO {table} (organisation_number, {columns}, main_unit_id, notes,
            register_updated_at, created_at, updated_at)
        SELECT fresh.organisation_number, {", ".join(f"fresh.{c}" for c in _DATA)},
            {main_unit_id}, '', now(), now(), now()
        FROM {NEW_UNITS} AS fresh
        {join}
        WHERE (fresh.main_unit_number = '') = {first}
        ON CONFLICT (organisation_number) DO NOTHING
        """  # noqa: S608 - column names from our own dataclass
        for first, main_unit_id, join in (
            ("true", "NULL::bigint", ""),
            (
                "false",
                "main_unit.id",
                f"LEFT JOIN {table} AS main_unit "
                "ON main_unit.organisation_number = fresh.main_unit_number",
            ),
        )
    ]
    created = 0
    with _search_indexes_rebuilt(cursor, table) if bulk else nullcontext():
        for insert in inserts:
            cursor.execute(insert)
            created += cursor.rowcount
            # The next statements join the table: plan them on what it holds now.
            if cursor.rowcount > ANALYZE_AFTER:
                cursor.execute(f"ANALYZE {table}")
        # Changed links of units already there, and sub-units listed before their main unit.
        cursor.execute(
            f"""
            UPDATE {table} AS employer
            SET main_unit_id = main_unit.id
            FROM {STAGING} AS staged
            LEFT JOIN {table} AS main_unit
                ON main_unit.organisation_number = staged.main_unit_number
            WHERE employer.organisation_number = staged.organisation_number
                AND employer.main_unit_id IS DISTINCT FROM main_unit.id
                AND main_unit.id IS DISTINCT FROM employer.id
            """  # noqa: S608 - our own table names
        )
    if updated:
        cache.bump(cache.NAMES)  # a unit's name may have changed; pages show it beside content
    return created, updated


@contextmanager
def _search_indexes_rebuilt(cursor, table: str):
    """Drop the name search's indexes and turn its word trigger off for a bulk insert; then
    write the new units' words set-based (with the trigger's own function) and build the
    indexes again from their definitions, read from the catalogue. Holds an exclusive lock on
    both tables until the transaction ends: the first load of the register is done outside
    office hours."""
    words = EmployerNameWord._meta.db_table
    cursor.execute(
        """
        SELECT indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND (
            (tablename = %s AND indexname = ANY(%s))
            OR (tablename = %s AND indexname NOT IN (
                SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)))
        """,
        [Employer._meta.db_table, list(_TRIGRAM_INDEXES), words, words],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        """
        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid = %s::regclass AND contype IN ('u', 'f')
        """,
        [words],
    )
    constraints = cursor.fetchall()
    quote = connection.ops.quote_name
    # Deferred foreign-key checks of earlier statements in the transaction block any ALTER.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for name, _definition in constraints:
        cursor.execute(f"ALTER TABLE {quote(words)} DROP CONSTRAINT {quote(name)}")
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {_WORDS_TRIGGER}")
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")  # noqa: S608 - our table
    last_id = cursor.fetchone()[0]
    yield
    cursor.execute(_NAME_WORDS.format(words=quote(words), employers=table), [last_id])
    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {_WORDS_TRIGGER}")
    # The insert's deferred foreign-key checks (main units) must run before the ALTERs.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for _name, definition in indexes:
        cursor.execute(definition)
    for name, definition in constraints:
        cursor.execute(f"ALTER TABLE {quote(words)} ADD CONSTRAINT {quote(name)} {definition}")
    cursor.execute(f"ANALYZE {table}")
    cursor.execute(f"ANALYZE {quote(words)}")


@transaction.atomic
def register_files_import(paths: list[Path | str]) -> MergeReport:
    """Import register files (any of the four layouts, enheter and underenheter together)
    in one transaction: all of them or nothing."""
    paths = [Path(path) for path in paths]
    directory = tempfile.gettempdir()
    parsed = parse_files(paths, directory)
    try:
        with connection.cursor() as cursor:
            _create_staging(cursor)
            for one in parsed:
                _copy_file(cursor, one.copy_path)
            created, updated = _merge_staging(cursor)
    finally:
        for one in parsed:
            Path(one.copy_path).unlink(missing_ok=True)
    report = MergeReport(created=created, updated=updated)
    for path, one in zip(paths, parsed, strict=True):
        report.units += one.units
        report.skipped_count += one.skipped_count
        name = f"{path.name}: " if len(paths) > 1 else ""
        report.skipped += [(line, f"{name}{reason}") for line, reason in one.skipped]
    return report


def register_units_merge(units: list[Unit], *, deleted: Iterable[tuple[str, date | None]] = ()):
    """Merge units (and mark deletions) from the update feed, in the caller's transaction."""
    created = updated = 0
    with connection.cursor() as cursor:
        if units:
            _create_staging(cursor)
            _copy_units(cursor, units)
            created, updated = _merge_staging(cursor)
            cursor.execute(f"DROP TABLE {STAGING}")
    deleted = list(deleted)
    if deleted:
        numbers = [number for number, _day in deleted]
        days = [day for _number, day in deleted]
        table = connection.ops.quote_name(Employer._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                UPDATE {table} AS employer
                SET register_status = %s, register_status_on = gone.day,
                    register_updated_at = now(), updated_at = now()
                FROM unnest(%s::text[], %s::date[]) AS gone(number, day)
                WHERE employer.organisation_number = gone.number
                    AND employer.register_status IS DISTINCT FROM %s
                """,  # noqa: S608 - our own table name
                [RegisterStatus.DELETED, numbers, days, RegisterStatus.DELETED],
            )
            updated += cursor.rowcount
    return created, updated
