"""Seed the shared service-line taxonomy from docs/domain.md (curators can add more)."""

from django.db import migrations

from vendors.taxonomy import SERVICE_LINES, service_lines_seed


def seed(apps, schema_editor):
    service_lines_seed(apps.get_model("vendors", "ServiceLine"))


def unseed(apps, schema_editor):
    ServiceLine = apps.get_model("vendors", "ServiceLine")
    ServiceLine.objects.filter(code__in=[code for code, *_ in SERVICE_LINES]).delete()


class Migration(migrations.Migration):
    dependencies = [("vendors", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
