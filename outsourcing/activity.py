"""The workspace's audit trail, read from django-simple-history: one mechanism for every
tracked record. Apps register their historical models here (in AppConfig.ready), so the core
reads theirs without importing them; the Activity page and its CSV list the union.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import CharField, F, Model, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat

from outsourcing.models import Membership, User, Workspace

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# Never worth a line on the page: bookkeeping the person did not choose.
_QUIET_FIELDS = {
    "updated_at",
    "created_at",
    "scored_at",
    "name_key",
    "notice_deadline",
    "updated_by",
}


@dataclass(frozen=True)
class ActivitySource:
    """One tracked model: its historical model, how a row reaches the workspace, and the
    short text naming the record (an expression over the historical row)."""

    kind: str
    label: str
    history: type[Model]
    workspace_path: str
    title: object  # a query expression giving text


_sources: dict[str, ActivitySource] = {}


def activity_source_register(
    kind: str, *, label: str, history: type[Model], workspace_path: str, title: object
) -> None:
    """Add a model's history (``Model.history.model``) to every workspace's Activity page."""
    _sources[kind] = ActivitySource(kind, label, history, workspace_path, title)


def activity_people(*, workspace: Workspace) -> QuerySet[User]:
    """Everyone who is or was a member of the workspace: whoever can appear in its trail."""
    ever = Membership.history.model.objects.filter(workspace=workspace).values("user_id")
    return (
        User.objects.filter(Q(memberships__workspace=workspace) | Q(pk__in=ever))
        .distinct()
        .order_by("email")
    )


def activity_kinds() -> list[tuple[str, str]]:
    return [(s.kind, s.label) for s in _sources.values()]


@dataclass
class ActivityEntry:
    """One change on the Activity page: who did what to which record, and when."""

    kind: str
    history_id: int
    when: datetime
    action: str
    title: str
    user_id: int | None
    reason: str | None
    user: User | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return _sources[self.kind].label


def activity_entries(
    *,
    workspace: Workspace,
    user_id: int | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet:
    """The workspace's changes, newest first, as one query over every registered history
    (a UNION): rows of ``kind``, ``history_id``, ``when``, ``action``, ``title``, ``user_id``,
    ``reason``. Narrowed to one person, one kind of record and a date range (inclusive)."""
    parts = []
    for source in _sources.values():
        if kind and source.kind != kind:
            continue
        rows = source.history.objects.filter(**{source.workspace_path: workspace})
        if user_id:
            rows = rows.filter(history_user_id=user_id)
        if since:
            rows = rows.filter(history_date__date__gte=since)
        if until:
            rows = rows.filter(history_date__date__lte=until)
        parts.append(
            rows.annotate(
                entry_kind=Value(source.kind, output_field=CharField()),
                entry_title=Cast(source.title, CharField()),
            )
            .order_by()
            .values_list(
                "entry_kind",
                "history_id",
                "history_date",
                "history_type",
                "entry_title",
                "history_user_id",
                "history_change_reason",
            )
        )
    if not parts:
        return _sources_missing()
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")


def _sources_missing() -> QuerySet:
    return User.objects.none().values_list("pk")


def activity_rows(rows: Iterable[Sequence]) -> list[ActivityEntry]:
    """Turn rows of ``activity_entries`` (one page of them) into entries with the person and
    the fields each change touched: a few queries per kind of record on the page, not per row."""
    entries = [
        ActivityEntry(
            kind=kind,
            history_id=history_id,
            when=when,
            action=ACTIONS.get(action, action),
            title=title or "",
            user_id=user_id,
            reason=reason,
        )
        for kind, history_id, when, action, title, user_id, reason in rows
    ]
    users = User.objects.in_bulk({e.user_id for e in entries if e.user_id})
    for entry in entries:
        entry.user = users.get(entry.user_id)
    for kind in {e.kind for e in entries}:
        _attach_changes(_sources[kind], [e for e in entries if e.kind == kind])
    return entries


def _attach_changes(source: ActivitySource, entries: list[ActivityEntry]) -> None:
    """Each changed row's differences from the version before it ("role: viewer → editor")."""
    wanted = {e.history_id for e in entries if e.action == "changed"}
    if not wanted:
        return
    model = source.history
    versions = {v.history_id: v for v in model.objects.filter(history_id__in=wanted)}
    ids = {v.id for v in versions.values()}
    latest = max(v.history_date for v in versions.values())
    earlier = model.objects.filter(id__in=ids, history_date__lte=latest).order_by(
        "id", "history_date", "history_id"
    )
    previous: dict[int, Model] = {}
    last_of: dict[object, Model] = {}
    for version in earlier:
        if version.history_id in wanted and version.id in last_of:
            previous[version.history_id] = last_of[version.id]
        last_of[version.id] = version
    for entry in entries:
        if entry.history_id not in previous:
            continue
        before, after = previous[entry.history_id], versions[entry.history_id]
        # Every tracked field, not only the editable ones simple-history's diff_against
        # compares: a contract's notice date or a function's archiving are set by actions.
        entry.changes = [
            _change(f, getattr(before, f.attname), getattr(after, f.attname))
            for f in before.tracked_fields
            if f.name not in _QUIET_FIELDS
            and getattr(before, f.attname) != getattr(after, f.attname)
        ]


def _change(field, old, new) -> str:
    if field.is_relation:  # ids mean nothing to a reader; the record's title says the rest
        return f"{field.verbose_name} changed"
    return f"{field.verbose_name}: {_shown(old)} → {_shown(new)}"


def _shown(value) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def title_of(*parts) -> object:
    """A record's title from fields and literal text, for ``activity_source_register``."""
    expressions = [F(p) if isinstance(p, str) else p for p in parts]
    if len(expressions) == 1:
        return expressions[0]
    return Concat(*expressions, output_field=CharField())


def text(value: str) -> Value:
    return Value(value, output_field=CharField())
