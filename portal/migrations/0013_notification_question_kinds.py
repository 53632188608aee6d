# Questions to the experts (learning.questions) notify the experts and the asker.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0012_slug_history"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("assignment_given", "Assignment given"),
                    ("due_soon", "Due soon"),
                    ("overdue", "Overdue"),
                    ("summary_published", "New weekly summary"),
                    ("follow_up_due", "Follow-up due"),
                    ("plan_passed", "Planned contact passed"),
                    ("callback_assigned", "Callback assigned"),
                    ("post_reported", "Post reported"),
                    ("review_due", "Content due for review"),
                    ("question_asked", "Question for the experts"),
                    ("question_answered", "Your question was answered"),
                ],
                max_length=30,
            ),
        ),
    ]
