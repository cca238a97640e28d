"""House rules that keep the code honest (see docs/architecture.md)."""

import ast
import inspect
import json
import pkgutil
from importlib import import_module
from pathlib import Path

from django.core.management import get_commands
from django.urls import URLPattern, URLResolver, get_resolver

import danvan
from danvan.accounts import permissions

ROOT = Path(danvan.__file__).resolve().parent
REPO = ROOT.parent

# Public action functions allowed not to call require(), and why.
NO_PERMISSION_CHECK = {
    # A user acts on their own account; there is no unit to check.
    "danvan.accounts.actions.change_password",
    "danvan.accounts.actions.issue_token",
    "danvan.accounts.actions.revoke_token",  # checks ownership itself
    # Login bookkeeping happens before anyone is authenticated.
    "danvan.accounts.actions.note_login_failure",
    "danvan.accounts.actions.note_login",
    "danvan.accounts.actions.is_locked",
    # The unit load is a command-line system job; the hierarchy is public fact.
    "danvan.units.actions.load_units",
    # Opening an import needs the editor role somewhere (can_anywhere); every row is then
    # written by its record type's own action, which checks the row's unit.
    "danvan.imports.actions.upload",
    "danvan.imports.actions.commit",
}


def action_modules():
    for info in pkgutil.walk_packages([str(ROOT)], prefix="danvan."):
        if info.name.endswith(".actions"):
            yield import_module(info.name)


def calls(func, name: str) -> list[ast.Call]:
    tree = ast.parse(inspect.getsource(func).lstrip())
    return [
        n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == name
    ]


def test_every_action_checks_a_known_permission():
    used: set[str] = set()
    for module in action_modules():
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or func.__module__ != module.__name__:
                continue
            qualified = f"{module.__name__}.{name}"
            requires = calls(func, "require")
            if qualified in NO_PERMISSION_CHECK:
                continue
            assert requires, f"{qualified} changes state without calling require()"
            for call in requires:
                action = call.args[1].value
                assert action in permissions.ACTION_ROLES, f"{qualified}: unknown action {action!r}"
                used.add(action)
    assert used, "no action checks any permission"


def test_every_action_writes_an_audit_row_in_a_transaction():
    for module in action_modules():
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or func.__module__ != module.__name__ or name == "is_locked":
                continue
            source = inspect.getsource(func)
            assert "@transaction.atomic" in source, f"{module.__name__}.{name} is not atomic"
            assert "record(" in source or "grant_role(" in source, (
                f"{module.__name__}.{name} writes no audit"
            )


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def test_state_changing_views_are_post_only(client, db):
    """Every view whose name says it changes something refuses GET."""
    mutating = ("create", "revoke", "change", "logout")
    for route, callback in walk(get_resolver().url_patterns):
        name = getattr(callback, "__name__", "")
        if route.startswith(("quan-tri/", "api/")) or not any(m in name for m in mutating):
            continue
        allowed = getattr(callback, "view_class", None)
        if allowed is not None:  # class-based: LogoutView is POST-only by design
            assert "get" not in allowed.http_method_names or name == "LogoutView", route
            continue
        source = inspect.getsource(callback)
        assert "@require_POST" in source, f"{route} ({name}) accepts GET"


def test_every_command_is_documented():
    docs = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
    ours = [name for name, app in get_commands().items() if app.startswith("danvan.")]
    assert ours
    for name in ours:
        assert f"`danvan {name}" in docs, f"docs/commands.md does not document `danvan {name}`"


def test_the_committed_openapi_document_is_current(client, db):
    live = client.get("/api/v1/openapi.json").json()
    committed = json.loads((REPO / "docs" / "openapi-v1.json").read_text(encoding="utf-8"))
    assert live == committed, (
        "API changed: run `danvan export_openapi > docs/openapi-v1.json` and review"
    )


def test_lib_does_not_import_django():
    for path in (ROOT / "lib").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import django" not in source and "from django" not in source, path
