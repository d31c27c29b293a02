"""What hassfest and the HACS action check for a custom integration, checked offline.

The checks read the shipped files and the code's own translation keys, so a key
used without text, text without a use, or a manifest slip fails here, not in review.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
import re
import tomllib
from typing import Any

from awesomeversion import AwesomeVersion
from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.util.yaml import load_yaml
from PIL import Image
import pytest

from custom_components.status_tracker.client import Category
from custom_components.status_tracker.options_flow import options_schema

ROOT = Path(__file__).parents[1]
INTEGRATION = ROOT / "custom_components/status_tracker"
PLATFORMS = ("sensor", "binary_sensor", "event", "calendar")
QUALITY_RULES = {
    "bronze": "action-setup appropriate-polling brands common-modules config-flow-test-coverage "
    "config-flow dependency-transparency docs-actions docs-high-level-description "
    "docs-installation-instructions docs-removal-instructions docs-triggers docs-conditions "
    "entity-event-setup entity-unique-id has-entity-name runtime-data test-before-configure "
    "test-before-setup unique-config-entry",
    "silver": "action-exceptions config-entry-unloading docs-configuration-parameters "
    "docs-installation-parameters entity-unavailable integration-owner log-when-unavailable "
    "parallel-updates reauthentication-flow test-coverage",
    "gold": "devices diagnostics discovery-update-info discovery docs-data-update docs-examples "
    "docs-known-limitations docs-supported-devices docs-supported-functions docs-troubleshooting "
    "docs-use-cases dynamic-devices entity-category entity-device-class "
    "entity-disabled-by-default entity-translations exception-translations icon-translations "
    "reconfiguration-flow repair-issues stale-devices",
    "platinum": "async-dependency inject-websession strict-typing",
}


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _keyword_strings(keyword: str, *files: str) -> set[str]:
    """String constants passed as ``keyword=...`` in the given modules."""
    found: set[str] = set()
    for name in files:
        tree = ast.parse((INTEGRATION / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.keyword)
                and node.arg == keyword
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                found.add(node.value.value)
    return found


def _module_constant(module: str, name: str) -> Any:
    tree = ast.parse((INTEGRATION / module).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                assert node.value is not None
                return ast.literal_eval(node.value)
    msg = f"{name} not in {module}"
    raise AssertionError(msg)


MANIFEST = _json(INTEGRATION / "manifest.json")
STRINGS = _json(INTEGRATION / "translations/en.json")
ICONS = _json(INTEGRATION / "icons.json")


def test_manifest() -> None:
    keys = list(MANIFEST)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:]), "hassfest: keys after domain and name are sorted"
    allowed = {
        "domain", "name", "after_dependencies", "codeowners", "config_flow", "dependencies",
        "documentation", "integration_type", "iot_class", "issue_tracker", "loggers",
        "quality_scale", "requirements", "single_config_entry", "version",
    }  # fmt: skip
    assert set(keys) <= allowed, "hassfest rejects unknown manifest keys"
    assert MANIFEST["domain"] == INTEGRATION.name
    assert MANIFEST["config_flow"] is True
    assert MANIFEST["iot_class"] == "cloud_polling"
    assert MANIFEST["integration_type"] == "service"
    assert MANIFEST["documentation"].startswith("https://")
    assert not MANIFEST["documentation"].startswith("https://www.home-assistant.io/integrations")
    assert MANIFEST["issue_tracker"].startswith("https://")
    assert MANIFEST["codeowners"]
    assert all(owner.startswith("@") for owner in MANIFEST["codeowners"])
    assert AwesomeVersion(MANIFEST["version"]).valid
    assert all(
        re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][A-Za-z0-9.]*", r) for r in MANIFEST["requirements"]
    )
    # Every integration the code imports from is declared.
    imported = set()
    for path in INTEGRATION.glob("*.py"):
        imported |= set(re.findall(r"homeassistant\.components\.(\w+)", path.read_text()))
    ours = {path.stem for path in INTEGRATION.glob("*.py")}
    declared = set(MANIFEST.get("dependencies", [])) | set(MANIFEST.get("after_dependencies", []))
    assert imported - ours - set(PLATFORMS) - declared == set()


def test_manifest_version_matches_the_changelog_and_pyproject() -> None:
    assert f"## {MANIFEST['version']}" in (ROOT / "CHANGELOG.md").read_text()
    assert f'version = "{MANIFEST["version"]}"' in (ROOT / "pyproject.toml").read_text()


def test_hacs_json() -> None:
    hacs = _json(ROOT / "hacs.json")
    allowed = {"name", "content_in_root", "zip_release", "filename", "hide_default_branch",
               "country", "homeassistant", "hacs", "persistent_directory"}  # fmt: skip
    assert set(hacs) <= allowed
    assert hacs["name"]
    # 2026.3 is the first release that shows the local brand images (brand/).
    assert hacs["homeassistant"] == "2026.3.0"
    # This harness version pins homeassistant==2026.3.4: the floor run tests what hacs.json allows.
    floor = re.findall(
        r"^pytest-homeassistant-custom-component==(\S+)$",
        (ROOT / "requirements_floor.txt").read_text(),
        re.MULTILINE,
    )
    assert floor == ["0.13.320"]
    assert "Requires Home Assistant 2026.3 or newer" in (ROOT / "README.md").read_text()


def test_licence_and_readme() -> None:
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "scripts/setup && scripts/test" in readme
    assert "scripts/develop" in readme
    assert (ROOT / ".ci/run").read_text().count("scripts/") >= 2


def test_config_flow_translations_match_the_code() -> None:
    config = STRINGS["config"]
    flows = ("config_flow.py", "suggestion_flow.py")  # the suggestion steps live apart
    steps = _keyword_strings("step_id", *flows) - {"init"}  # "init" is the options'
    assert set(config["step"]) == steps
    assert set(config["step"]["user"]["menu_options"]) == {"suggested", "catalog", "url"}
    errors = {
        error
        for name in flows
        for error in re.findall(r'errors\["base"\] = "(\w+)"', (INTEGRATION / name).read_text())
    }
    assert set(config["error"]) == errors
    # Refusals of a new address (identity.py) abort reconfigure and the repair alike.
    refusals = _keyword_strings("reason", "identity.py")
    aborts = _keyword_strings("reason", *flows) | refusals | {"reconfigure_successful"}
    assert set(config["abort"]) == aborts
    assert set(config["create_entry"]) == _keyword_strings("description", *flows)
    # A discovered page's card is named after it.
    assert config["flow_title"] == "Status page for {name}"
    assert set(STRINGS["options"]["step"]) == {"init"}
    assert set(STRINGS["selector"]) == {
        "min_impact",
        "category",
        "problem_level",
        "hold_down_bypass",
    }
    # The catalog picker's labels name each page's category in the user's language: one
    # label per category (tests/client/test_catalog.py pins the categories themselves).
    assert set(STRINGS["selector"]["category"]["options"]) == {str(c) for c in Category}


def test_the_console_distribution_ships_the_catalog() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]["status_tracker_client"]
    assert "catalog.json" in data
    assert (INTEGRATION / "client/catalog.json").is_file()


def test_every_option_has_a_label_and_help_text() -> None:
    init = STRINGS["options"]["step"]["init"]
    fields = {str(key) for key in options_schema({}, None).schema}
    assert set(init["data"]) == fields
    assert set(init["data_description"]) == fields
    assert all(init["data_description"][field].strip() for field in fields)


def test_entity_translations_and_icons_match_the_code() -> None:
    for platform in PLATFORMS:
        keys = _keyword_strings("translation_key", f"{platform}.py")
        assert set(STRINGS["entity"][platform]) == keys, platform
        assert set(ICONS["entity"][platform]) == keys, platform
        for key, icons in ICONS["entity"][platform].items():
            assert icons["default"].startswith("mdi:"), key
            for state_icon in icons.get("state", {}).values():
                assert state_icon.startswith("mdi:")
                assert state_icon != icons["default"], (
                    f"{platform}.{key}: state icon equals default"
                )
    assert set(STRINGS["entity"]) == set(PLATFORMS)
    status_states = set(STRINGS["entity"]["sensor"]["status"]["state"])
    assert status_states == {
        "operational",
        "degraded",
        "partial_outage",
        "major_outage",
        "maintenance",
        "unknown",
    }


def test_exception_and_issue_translations_match_the_code() -> None:
    used = _keyword_strings("translation_key", "services.py", "errors.py")
    used |= set(re.findall(r'return "(\w+)", \{', (INTEGRATION / "errors.py").read_text()))
    assert set(STRINGS["exceptions"]) == used
    kinds = {_module_constant("issues.py", n) for n in ("ISSUE_MOVED", "ISSUE_GONE")}
    assert set(STRINGS["issues"]) == kinds
    for issue in STRINGS["issues"].values():
        assert issue["title"]
        assert set(issue["fix_flow"]["step"]) == {"confirm"}
        assert set(issue["fix_flow"]["abort"]) == _keyword_strings(
            "reason", "repairs.py", "identity.py"
        )


def test_services_yaml_matches_translations_and_schema() -> None:
    services: dict[str, Any] = load_yaml(INTEGRATION / "services.yaml")  # type: ignore[assignment]
    assert set(services) == {_module_constant("services.py", "SERVICE_GET_INCIDENTS")}
    assert set(STRINGS["services"]) == set(services)
    assert set(ICONS["services"]) == set(services)
    for name, service in services.items():
        assert set(STRINGS["services"][name]["fields"]) == set(service["fields"])
    # config_entry_id is Home Assistant's ATTR_CONFIG_ENTRY_ID, picked with its selector.
    fields = {ATTR_CONFIG_ENTRY_ID, _module_constant("services.py", "ATTR_INCLUDE_RESOLVED")}
    assert set(services["get_incidents"]["fields"]) == fields
    assert "ATTR_CONFIG_ENTRY_ID" in (INTEGRATION / "services.py").read_text()
    picker = services["get_incidents"]["fields"][ATTR_CONFIG_ENTRY_ID]
    assert picker["selector"] == {"config_entry": {"integration": "status_tracker"}}


def test_quality_scale_lists_every_rule() -> None:
    scale: dict[str, Any] = load_yaml(INTEGRATION / "quality_scale.yaml")  # type: ignore[assignment]
    rules = scale["rules"]
    expected = {rule for tier in QUALITY_RULES.values() for rule in tier.split()}
    assert set(rules) == expected
    for name, value in rules.items():
        status = value if isinstance(value, str) else value["status"]
        assert status in {"done", "exempt", "todo"}, f"{name} is {status}"
        if status != "done":  # an exemption or a gap always says why
            assert value["comment"], name
    # Claims that are not true yet are not marked done.
    statuses = {n: v if isinstance(v, str) else v["status"] for n, v in rules.items()}
    assert {n: s for n, s in statuses.items() if s == "todo"} == {
        "dependency-transparency": "todo",
        "test-before-setup": "todo",
    }
    assert statuses["dynamic-devices"] == statuses["stale-devices"] == "exempt"


def test_manifest_loggers_are_third_party() -> None:
    # `loggers` names the libraries whose log level the integration's debug switch raises;
    # Home Assistant covers our own package (client/ included) already; defusedxml does not log.
    assert MANIFEST.get("loggers", []) == []


@pytest.mark.parametrize(
    ("name", "sizes"),
    [("icon.png", {(256, 256)}), ("icon@2x.png", {(512, 512)})],
)
def test_brand_icons(name: str, sizes: set[tuple[int, int]]) -> None:
    with Image.open(INTEGRATION / "brand" / name) as image:
        assert image.format == "PNG"
        assert image.size in sizes


@pytest.mark.parametrize(
    ("name", "low", "high"), [("logo.png", 128, 256), ("logo@2x.png", 256, 512)]
)
def test_brand_logos(name: str, low: int, high: int) -> None:
    with Image.open(INTEGRATION / "brand" / name) as image:
        assert image.format == "PNG"
        assert low <= min(image.size) <= high
