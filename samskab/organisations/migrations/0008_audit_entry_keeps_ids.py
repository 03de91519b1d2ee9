"""The audit table keeps the organisation and the actor as plain ids (no constraint, never
SET_NULL or CASCADE), so that it can be made append-only in 0009; the actor's e-mail address is
kept beside the id. ``action`` loses its choices: they live in Python (AuditAction)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import OuterRef, Subquery


def fill_actor_labels(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    entry = apps.get_model("organisations", "AuditEntry")
    user = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    email = user.objects.filter(pk=OuterRef("actor_id")).values("email")[:1]
    entry.objects.filter(actor_id__isnull=False).update(actor_label=Subquery(email))


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0007_cache_table"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="actor_label",
            field=models.CharField(
                blank=True, max_length=254, verbose_name="actor's e-mail address"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="object_type",
            field=models.CharField(
                blank=True,
                help_text="app_label.model_name",
                max_length=100,
                verbose_name="kind of object",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(max_length=60, verbose_name="action"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="actor",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Empty for account events (logins), which belong to no one organisation.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="audit_entries",
                to="organisations.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["organisation", "-at"], name="audit_org_newest_first"),
        ),
        migrations.RunPython(fill_actor_labels, migrations.RunPython.noop),
    ]
