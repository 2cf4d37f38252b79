"""The one shape of a management command that imports a file into a workspace.

`import_functions` and `import_contracts` share it: the same arguments, the same checks of
the workspace and the file, the same limits as an upload but for a larger file on the
server, and the same refusals (TableError, ImportInvalid) as a CommandError naming every
problem. A subclass says only how to plan, summarise and apply its kind of file. Every
import it applies is put on the workspace's Activity page with the file's name and counts.
"""

from dataclasses import asdict, is_dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from outsourcing.imports.limits import Limits, TableError
from outsourcing.imports.plan import ImportInvalid
from outsourcing.models import Workspace
from outsourcing.services.activity import activity_record

COMMAND_MAX_BYTES = 200 * 1024 * 1024


class WorkspaceImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--workspace", required=True, help="The workspace's slug")
        parser.add_argument("--dry-run", action="store_true", help="Check and summarise only")
        parser.add_argument(
            "--max-rows",
            type=int,
            default=settings.IMPORT_MAX_ROWS,
            help=f"Refuse larger files (default IMPORT_MAX_ROWS, {settings.IMPORT_MAX_ROWS:,})",
        )

    def plan(self, *, workspace: Workspace, data: bytes, filename: str, limits: Limits):
        """The checked plan; raises TableError or ImportInvalid."""
        raise NotImplementedError

    def summary(self, plan) -> str:
        raise NotImplementedError

    def apply(self, *, workspace: Workspace, plan):
        """Write the plan (all or nothing); the message to print, or a result dataclass
        with a `message` and counts."""
        raise NotImplementedError

    def handle(self, *args, file: Path, workspace: str, dry_run: bool, max_rows: int, **options):
        target = Workspace.objects.filter(slug=workspace).first()
        if target is None:
            raise CommandError(f"No workspace “{workspace}”.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        if file.stat().st_size > COMMAND_MAX_BYTES:
            raise CommandError(f"{file} is larger than {COMMAND_MAX_BYTES // 1024 // 1024} MB.")
        # A file on the server may be larger than an upload, but is read within the same
        # bounds otherwise: a hostile file is refused here as on the site.
        limits = Limits.from_settings(max_bytes=COMMAND_MAX_BYTES, max_rows=max_rows)
        try:
            plan = self.plan(
                workspace=target, data=file.read_bytes(), filename=file.name, limits=limits
            )
            if dry_run:
                self.stdout.write(f"Dry run, nothing changed: {self.summary(plan)}")
                return
            result = self.apply(workspace=target, plan=plan)
        except TableError as exc:
            raise CommandError(str(exc)) from None
        except ImportInvalid as exc:
            raise CommandError("Nothing was imported:\n  " + "\n  ".join(exc.messages)) from None
        message = getattr(result, "message", result)
        activity_record(
            workspace=target,
            actor=None,
            kind="import",
            summary=f"{file.name} ({self.command_name} command): {message}",
            file_name=file.name,
            counts=_counts(result),
        )
        self.stdout.write(self.style.SUCCESS(message))

    @property
    def command_name(self) -> str:
        return self.__module__.rsplit(".", 1)[-1]


def _counts(result) -> dict[str, int]:
    """The whole-number fields of a result dataclass (created, updated …), else none."""
    if not is_dataclass(result):
        return {}
    return {key: value for key, value in asdict(result).items() if isinstance(value, int)}
