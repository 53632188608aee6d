"""The `norwegian_portal` text-search configuration used by every search vector.

PostgreSQL's own `norwegian` snowball stemmer leaves arbeidsgiver, arbeidsgivere and
arbeidsgiverne as three different words and cannot split compounds. When the set-up has
installed Debian's Norwegian hunspell dictionary as `nb_no` in tsearch_data (see
scripts/install.sh), words go through it first and then through snowball. Without the
dictionary (a managed database), the configuration is a plain copy of `norwegian`.
"""

from django.db import migrations, transaction


def create_configuration(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEXT SEARCH CONFIGURATION norwegian_portal (COPY = pg_catalog.norwegian)"
        )
        try:
            with transaction.atomic():
                cursor.execute(
                    "CREATE TEXT SEARCH DICTIONARY norwegian_hunspell ("
                    " TEMPLATE = ispell, DictFile = nb_no, AffFile = nb_no,"
                    " StopWords = norwegian)"
                )
        except Exception:  # noqa: BLE001 - the dictionary file is optional
            return
        cursor.execute(
            "ALTER TEXT SEARCH CONFIGURATION norwegian_portal"
            " ALTER MAPPING FOR asciiword, word, hword, hword_part, hword_asciipart, asciihword"
            " WITH norwegian_hunspell, norwegian_stem"
        )


def drop_configuration(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS norwegian_portal")
        cursor.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS norwegian_hunspell")


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
