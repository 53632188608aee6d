"""Slugs spell æ, ø and å as ae, o and a (risor, not risr); the old slugs are kept so that
links and bookmarks to them redirect (portal.slugs)."""

import django.utils.timezone
from django.db import migrations, models
from django.utils.text import slugify

from portal.text import norwegian_slug

# Each model with a page slug, and the text its slug was made from.
SOURCES = {
    ("portal", "Region"): "name",
    ("portal", "Office"): "name",
    ("portal", "GlossaryTerm"): "term",
    ("learning", "Module"): "title",
    ("learning", "LearningPath"): "title",
    ("learning", "BestPractice"): "title",
    ("employers", "ConversationGuide"): "title",
}


def respelt(slug: str, text: str) -> str:
    """The slug with each word that slugify() had cut short («risr», from «Risør») spelt out.
    Word by word, so that a slug made of a title and a number (the bench's) or with a prefix
    is mended too, and a slug someone chose by hand is left as it is."""
    mended = {}
    for word in text.split():
        cut, spelt = slugify(word).split("-"), norwegian_slug(word).split("-")
        if len(cut) == len(spelt):
            mended.update((c, s) for c, s in zip(cut, spelt, strict=True) if c != s and c)
    return "-".join(mended.get(part, part) for part in slug.split("-"))


def spell_out(apps, schema_editor):
    history = apps.get_model("portal", "SlugHistory")
    for (app, name), field in SOURCES.items():
        model = apps.get_model(app, name)
        label = f"{app}.{name.lower()}"
        taken = set(model.objects.values_list("slug", flat=True))
        changed, old_slugs = [], []
        for row in model.objects.only("pk", "slug", field).iterator(chunk_size=2000):
            new = respelt(row.slug, getattr(row, field))
            if new != row.slug and new not in taken:
                old_slugs.append(history(model=label, old_slug=row.slug, object_id=row.pk))
                taken.add(new)
                row.slug = new
                changed.append(row)
        history.objects.bulk_create(old_slugs, batch_size=2000, ignore_conflicts=True)
        model.objects.bulk_update(changed, ["slug"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0011_office_municipalities"),
        ("learning", "0007_question_explanation_db_default"),
        ("employers", "0007_employer_name_words_folded"),
    ]

    operations = [
        migrations.CreateModel(
            name="SlugHistory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("model", models.CharField(max_length=100)),
                ("old_slug", models.CharField(max_length=200)),
                ("object_id", models.BigIntegerField()),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("model", "old_slug"), name="slug_history_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(spell_out, migrations.RunPython.noop),
    ]
