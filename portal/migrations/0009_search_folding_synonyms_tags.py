"""Search as people type: words without æ, ø and å, English synonyms from the glossary, and
a tag beside a hit (a closed employer).

`portal_fold(text)` is portal.folding.fold in SQL (a test holds them equal): lowercase, æ ø å
and the ä ö ü é of borrowed names to plain letters, then «ae», «oe» and «aa» to one letter.
It is immutable, so indexes can be built on it.
"""

from django.db import migrations, models

FOLD = r"""
CREATE OR REPLACE FUNCTION portal_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT replace(replace(replace(
        translate(lower($1), 'æøåäöüéèáàóò', 'aoaaoueeaaoo'), 'ae', 'a'), 'oe', 'o'), 'aa', 'a')
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("portal", "0008_journey_phase")]

    operations = [
        migrations.RunSQL(FOLD, "DROP FUNCTION IF EXISTS portal_fold(text)"),
        migrations.AddField(
            model_name="glossaryterm",
            name="english",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Separated by commas, e.g. «wage subsidy, salary subsidy». A search for one "
                    "of them finds the term and the content that uses it."
                ),
                max_length=300,
                verbose_name="English names",
            ),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="tag",
            field=models.CharField(blank=True, db_default="", max_length=30),
        ),
        migrations.AddIndex(
            model_name="searchword",
            index=models.Index(
                models.Func(models.F("word"), function="portal_fold"), name="search_word_folded"
            ),
        ),
    ]
