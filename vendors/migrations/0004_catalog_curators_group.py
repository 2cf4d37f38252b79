"""The "Catalog curators" group: who may change the shared vendor catalog.

It gets the catalog's model permissions too, so curators who are staff can also use the
Django admin for the catalog. Permissions are normally created after all migrations run;
we create this app's now so the group can be given them in the same step.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Catalog curators"
MODELS = ["serviceline", "vendor", "offering", "deliverycentre", "certification", "ratecard"]


def create_group(apps, schema_editor):
    app_config = apps.get_app_config("vendors")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="vendors", content_type__model__in=MODELS)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("vendors", "0003_catalog"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
