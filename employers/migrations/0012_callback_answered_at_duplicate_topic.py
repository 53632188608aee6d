from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0011_register_columns_db_defaults"),
    ]

    operations = [
        migrations.AddField(
            model_name="callback",
            name="answered_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="answered"),
        ),
        migrations.AddField(
            model_name="duplicatewarning",
            name="topic_changed",
            field=models.BooleanField(
                db_default=False, default=False, verbose_name="changed topic"
            ),
        ),
        # Callbacks answered before the field existed: when one was closed is the only time
        # known, a late bound of when it was answered. One in progress (never closed) has no
        # known time and stays empty; the figure leaves answered-but-unknown ones out rather
        # than guess. Warnings already recorded keep topic_changed false: their topics were
        # not compared, and they count as avoided only when cancelled, as before.
        migrations.RunSQL(
            "UPDATE employers_callback SET answered_at = done_at"
            " WHERE status <> 'new' AND done_at IS NOT NULL",
            migrations.RunSQL.noop,
        ),
    ]
