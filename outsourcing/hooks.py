"""Where the apps above the core plug into it, so the core imports none of them.

Each app registers, in its AppConfig.ready(), what it adds to the core's pages and
commands: the context it adds to a business function's page, where the home page sends
someone with no workspace, what it updates when a function's details are saved, and its
part of the demo data. Registering twice under one name
replaces the first (ready() may run more than once). Steps run in INSTALLED_APPS order,
the order in which the apps are ready. Background job kinds plug in the same way, in
outsourcing.jobkinds.
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from outsourcing.models import BusinessFunction, User, Workspace

FunctionContext = Callable[["BusinessFunction"], dict[str, Any]]
Landing = Callable[["User"], str | None]
DemoStep = Callable[[dict], Iterable[str]]
FunctionSaved = Callable[["BusinessFunction"], None]
FunctionsImported = Callable[["Workspace"], None]

_function_page: dict[str, FunctionContext] = {}
_landings: dict[str, Landing] = {}
_demo_steps: dict[str, DemoStep] = {}
_function_saved: dict[str, FunctionSaved] = {}
_functions_imported: dict[str, FunctionsImported] = {}


def function_page_register(name: str, context: FunctionContext) -> None:
    """Add `context(function)` to the context of a business function's page."""
    _function_page[name] = context


def function_page_context(function: "BusinessFunction") -> dict[str, Any]:
    """What the apps add to this function's page."""
    extra: dict[str, Any] = {}
    for context in _function_page.values():
        extra.update(context(function))
    return extra


def landing_register(name: str, landing: Landing) -> None:
    """`landing(user)`: a URL for a signed-in person who belongs to no workspace, or None."""
    _landings[name] = landing


def landing_for(user: "User") -> str | None:
    """Where someone with no workspace goes: the first app that has a page for them."""
    return next((url for landing in _landings.values() if (url := landing(user))), None)


def function_saved_register(name: str, after_save: FunctionSaved) -> None:
    """`after_save(function)` runs, in the same transaction, after the core's service saved a
    function's details (an app keeping figures derived from them up to date)."""
    _function_saved[name] = after_save


def function_saved(function: "BusinessFunction") -> None:
    for after_save in _function_saved.values():
        after_save(function)


def functions_imported_register(name: str, after_import: FunctionsImported) -> None:
    """`after_import(workspace)` runs after an import changed many of the workspace's
    functions at once, outside the import's transaction (it may take a while)."""
    _functions_imported[name] = after_import


def functions_imported(workspace: "Workspace") -> None:
    for after_import in _functions_imported.values():
        after_import(workspace)


def demo_register(name: str, step: DemoStep) -> None:
    """`step(loaded)` loads an app's demo data once the core's is loaded (`loaded`: per
    workspace slug, each demo function with the record it came from) and returns lines for
    the summary. It must be safe to run again."""
    _demo_steps[name] = step


def demo_steps() -> list[DemoStep]:
    return list(_demo_steps.values())
