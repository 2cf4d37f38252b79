from django.apps import AppConfig


class OutsourcingConfig(AppConfig):
    name = "outsourcing"
    verbose_name = "Workspaces and business functions"

    def ready(self) -> None:
        _register_activity()


def _register_activity() -> None:
    """The core's records on the workspace's Activity page (outsourcing.activity)."""
    from outsourcing.activity import activity_source_register, text, title_of
    from outsourcing.models import ActivityRecord, BusinessFunction, Membership

    activity_source_register(
        "function",
        label="Functions",
        history=BusinessFunction.history.model,
        workspace_path="workspace",
        title=title_of("name"),
    )
    activity_source_register(
        "member",
        label="Members and roles",
        history=Membership.history.model,
        workspace_path="workspace",
        title=title_of("user__email", text(" as "), "role"),
    )
    activity_source_register(
        "event",
        label="Imports and exports",
        history=ActivityRecord.history.model,
        workspace_path="workspace",
        title=title_of("summary"),
    )
