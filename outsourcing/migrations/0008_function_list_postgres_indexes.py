"""The function list's PostgreSQL-only indexes (SQLite has neither; there this does nothing).

- Descending sorts keep blanks last (`DESC NULLS LAST`, then pk ascending): a backward scan
  of the ascending index gives blanks first and pk descending, so each sortable column of the
  function itself has a descending twin. SQLite cannot declare NULLS LAST in an index.
- The search is `name__icontains | description__icontains`, which Django writes on PostgreSQL
  as `UPPER(col::text) LIKE UPPER('%…%')`. A B-tree cannot serve a leading wildcard, so every
  search read the whole table; pg_trgm GIN indexes on exactly those expressions can.
"""

from django.db import migrations

TABLE = "outsourcing_businessfunction"
DESCENDING = ("name", "annual_cost", "fte", "updated_at")
SEARCHED = ("name", "description")


def _statements() -> list[tuple[str, str]]:
    """(index name, CREATE INDEX statement) pairs."""
    statements = [
        (
            f"function_list_{column[:9]}_desc",
            f"CREATE INDEX IF NOT EXISTS function_list_{column[:9]}_desc ON {TABLE} "
            f"(workspace_id, is_archived, {column} DESC NULLS LAST, id)",
        )
        for column in DESCENDING
    ]
    statements += [
        (
            f"function_search_{column}_trgm",
            f"CREATE INDEX IF NOT EXISTS function_search_{column}_trgm ON {TABLE} "
            f"USING gin (UPPER(({column})::text) gin_trgm_ops)",
        )
        for column in SEARCHED
    ]
    return statements


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for _, statement in _statements():
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in _statements():
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("outsourcing", "0007_function_list_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
