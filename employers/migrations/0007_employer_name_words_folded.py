"""The employer-name words are kept folded (portal.folding), so that the register search
finds «Risør» for `risor` and `risoer`, and «Tromsø» for `tromso` and `tromsoe`.

The words come from one SQL function, `employers_name_words(name)`, used by the trigger and
by the rebuild below; a set-based rebuild elsewhere (a bulk import with the trigger off)
should use it too, so the table never holds words split or folded another way.
"""

from django.db import migrations

WORDS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION employers_name_words(name text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT DISTINCT portal_fold(word)
    FROM regexp_split_to_table(lower(name), '[[:space:][:punct:]]+') AS word
    WHERE word <> ''
$$;
"""

KEEP_WORDS = r"""
CREATE OR REPLACE FUNCTION employers_employer_name_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.name IS NOT DISTINCT FROM OLD.name
           AND (NEW.deleted_at IS NULL) = (OLD.deleted_at IS NULL) THEN
            RETURN NULL;
        END IF;
        DELETE FROM employers_employernameword WHERE employer_id = NEW.id;
    END IF;
    IF NEW.deleted_at IS NULL THEN
        INSERT INTO employers_employernameword (employer_id, word, name_length)
        SELECT NEW.id, word, char_length(NEW.name) FROM employers_name_words(NEW.name) AS word;
    END IF;
    RETURN NULL;
END
$$;
"""

REBUILD = r"""
TRUNCATE employers_employernameword;
INSERT INTO employers_employernameword (employer_id, word, name_length)
SELECT employer.id, word, char_length(employer.name)
FROM employers_employer AS employer, employers_name_words(employer.name) AS word
WHERE employer.deleted_at IS NULL;
ANALYZE employers_employernameword;
"""

# Back to migration 0005's trigger, which kept the words as lowercased, not folded.
UNFOLDED = r"""
CREATE OR REPLACE FUNCTION employers_employer_name_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.name IS NOT DISTINCT FROM OLD.name
           AND (NEW.deleted_at IS NULL) = (OLD.deleted_at IS NULL) THEN
            RETURN NULL;
        END IF;
        DELETE FROM employers_employernameword WHERE employer_id = NEW.id;
    END IF;
    IF NEW.deleted_at IS NULL THEN
        INSERT INTO employers_employernameword (employer_id, word, name_length)
        SELECT DISTINCT NEW.id, word, char_length(NEW.name)
        FROM regexp_split_to_table(lower(NEW.name), '[[:space:][:punct:]]+') AS word
        WHERE word <> '';
    END IF;
    RETURN NULL;
END
$$;
TRUNCATE employers_employernameword;
INSERT INTO employers_employernameword (employer_id, word, name_length)
SELECT DISTINCT employer.id, word, char_length(employer.name)
FROM employers_employer AS employer,
     regexp_split_to_table(lower(employer.name), '[[:space:][:punct:]]+') AS word
WHERE employer.deleted_at IS NULL AND word <> '';
DROP FUNCTION employers_name_words(text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0006_register_status_and_imports"),
        ("portal", "0009_search_folding_synonyms_tags"),
    ]

    operations = [migrations.RunSQL(WORDS_FUNCTION + KEEP_WORDS + REBUILD, UNFOLDED)]
