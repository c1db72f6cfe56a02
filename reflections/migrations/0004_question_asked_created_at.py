"""QuestionAsked.created_at: when a question was recorded as asked or struggled with. Rows from
before take the time of what recorded them: their reflection's start, or their interview."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def date_existing_rows(apps, schema_editor):
    QuestionAsked = apps.get_model("reflections", "QuestionAsked")
    Reflection = apps.get_model("reflections", "Reflection")
    Interview = apps.get_model("applications", "Interview")
    QuestionAsked.objects.filter(reflection__isnull=False).update(
        created_at=Subquery(
            Reflection.objects.filter(pk=OuterRef("reflection_id")).values("created_at")[:1]
        )
    )
    QuestionAsked.objects.filter(interview__isnull=False).update(
        created_at=Subquery(
            Interview.objects.filter(pk=OuterRef("interview_id")).values("scheduled_at")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reflections", "0003_question_category_may_be_blank"),
    ]

    operations = [
        migrations.AddField(
            model_name="questionasked",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.RunPython(date_existing_rows, migrations.RunPython.noop),
    ]
