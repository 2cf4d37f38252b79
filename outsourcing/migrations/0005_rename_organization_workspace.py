# The model was named Organization while every page, URL and line of code said "workspace".
# A rename keeps the rows (and their ids) where they are.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("outsourcing", "0004_catalog_jobs"),
        ("assessments", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("Organization", "Workspace"),
        migrations.RemoveConstraint(model_name="membership", name="membership_unique"),
        migrations.RenameField("membership", "organization", "workspace"),
        migrations.AlterModelOptions(
            name="membership", options={"ordering": ["workspace__name", "user__email"]}
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                fields=("user", "workspace"), name="membership_unique"
            ),
        ),
    ]
