"""The house rules that keep the data path one straight walk, checked on the source itself.

- The library (``client/``) never imports Home Assistant.
- The integration imports the library only as ``.client`` and only what its ``__all__``
  exports: never the CLI distribution's name, never a private module.
- The Home Assistant modules import each other without a circle.
- Every platform module ends in one ``PLATFORM`` that the registry lists.
"""

from __future__ import annotations

import ast
from pathlib import Path

from custom_components.status_tracker import client
from custom_components.status_tracker.client.platforms import PLATFORMS

ROOT = Path(__file__).parents[1] / "custom_components" / "status_tracker"
LIBRARY = ROOT / "client"


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(level, module, names) of every import in ``path``, TYPE_CHECKING ones included."""
    found: list[tuple[int, str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.append((node.level, node.module or "", [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((0, alias.name, []) for alias in node.names)
    return found


def test_the_library_never_imports_home_assistant() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in LIBRARY.rglob("*.py")
        for level, module, _ in _imports(path)
        if level == 0 and module.split(".")[0] == "homeassistant"
    ]
    assert offenders == []


def test_the_integration_uses_only_the_public_api_of_the_library() -> None:
    public = set(client.__all__)
    offenders = []
    for path in ROOT.glob("*.py"):
        for level, module, names in _imports(path):
            if level == 0 and module.split(".")[0] == "status_tracker_client":
                offenders.append(f"{path.name}: imports {module}")
            elif level == 1 and module.startswith("client."):
                offenders.append(f"{path.name}: imports the private .{module}")
            elif level == 1 and module == "client":
                offenders += [f"{path.name}: {n} is not public" for n in names if n not in public]
    assert offenders == []


def test_no_import_circle_between_the_home_assistant_modules() -> None:
    graph = {
        path.stem: {
            module.split(".")[0]
            for level, module, _ in _imports(path)
            if level == 1 and module and module.split(".")[0] != "client"
        }
        for path in ROOT.glob("*.py")
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    assert sorted(name for name in graph if reaches(name, name, set())) == []


def test_every_platform_module_is_on_the_registry_once() -> None:
    modules = {
        path.stem
        for path in (LIBRARY / "platforms").glob("*.py")
        if path.stem not in {"__init__", "base", "registry"}
    }
    registered = [platform.kind.value for platform in PLATFORMS]
    assert len(registered) == len(set(registered))
    # One module per platform, named for its kind.
    assert modules == set(registered)
