from django.db import migrations

from learning.structure import ensure


def create(apps, schema_editor):
    ensure(apps.get_model("learning", "CompetenceArea"), apps.get_model("learning", "Phase"))


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
