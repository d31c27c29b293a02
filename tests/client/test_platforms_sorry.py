"""Sorry™ /api/v1/ documents: small hand-made rows shaped as the page's real ones."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    StatusPageContentError,
)
from custom_components.status_tracker.client.platforms.sorry import (
    is_sorry,
    sorry_documents,
    sorry_snapshot,
)

SITE = "https://status.example.org"
T0 = "2024-03-01T10:00:00.000Z"
T1 = "2024-03-01T11:00:00.000Z"
T2 = "2024-03-01T12:00:00.000Z"


def _at(hour: int) -> datetime:
    return datetime(2024, 3, 1, hour, tzinfo=UTC)


def _notice(**fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"id": 7, "type": "unplanned", "subject": "Mail down", "created_at": T0}
    row.update(fields)
    return row


def _one(row: dict[str, Any]) -> Any:
    snap = sorry_snapshot({"notices": [row]}, SITE + "/api/v1/notices")
    read = snap.incidents + snap.maintenances
    assert len(read) == 1
    return read[0]


def test_sorry_documents_are_the_api_v1_paths() -> None:
    assert sorry_documents(SITE + "/api/v1/status") == (
        SITE + "/api/v1/status",
        SITE + "/api/v1/components",
        SITE + "/api/v1/notices",
        SITE + "/api/v1/notices?filter%5Btimeline_state_eq%5D=present",
    )
    # A next-page link repeats /api/v1/: the base is before the first one.
    next_page = SITE + "/api/v1/notices?next=/api/v1/notices.json?page=2"
    assert sorry_documents(next_page)[0] == SITE + "/api/v1/status"


def test_sorry_page_url_from_the_request_before_the_first_api_v1() -> None:
    snap = sorry_snapshot({"components": []}, SITE + "/api/v1/notices?next=/api/v1/x")
    assert (snap.page.id, snap.page.url) == (SITE, SITE)


def test_sorry_page_url_unknown_without_a_page_or_an_api_url() -> None:
    assert sorry_snapshot({"components": []}, None).page.url == ""
    assert sorry_snapshot({"components": []}, "https://elsewhere.example/x").page.url == ""


def test_sorry_page_url_is_the_pages_own_without_trailing_slash() -> None:
    status = {
        "page": {
            "name": "Example",
            "url": "https://example.org/status/SPX/",
            "state": "operational",
            "links": {"components": "/api/v1/components", "notices": "/api/v1/notices"},
        }
    }
    snap = sorry_snapshot(status, "https://other.example/api/v1/status")
    assert snap.page.url == "https://example.org/status/SPX"


@pytest.mark.parametrize("data", [[], {"meta": {"count": 0}}, "x"])
def test_sorry_other_documents_are_refused(data: object) -> None:
    with pytest.raises(StatusPageContentError, match=r"^Not a Sorry™ /api/v1/ document$"):
        sorry_snapshot(data, SITE + "/api/v1/status")


def test_sorry_recognised_only_with_a_state_and_both_links() -> None:
    links = {"components": "/api/v1/components", "notices": "/api/v1/notices"}
    assert is_sorry({"page": {"state": "operational", "links": links}})
    assert not is_sorry({"page": {"links": links}})
    assert not is_sorry({"page": {"state": "operational", "links": {"notices": "/n"}}})
    assert not is_sorry({"page": {"state": "operational", "links": {"components": "/c"}}})
    assert not is_sorry({"page": {"state": "operational", "links": {}}})


def test_sorry_component_state_unknown_or_missing() -> None:
    rows = [
        {"id": 1, "name": "Mail", "state": "melting"},
        {"id": 2, "name": "Web"},
        {"id": None, "name": "Nameless id"},
    ]
    snap = sorry_snapshot({"components": rows}, SITE + "/api/v1/components")
    assert [(c.id, c.status, c.status_raw) for c in snap.components] == [
        ("1", ComponentStatus.UNKNOWN, "melting"),
        ("2", ComponentStatus.UNKNOWN, "unknown"),
        ("", ComponentStatus.UNKNOWN, "unknown"),
    ]


def test_sorry_group_of_a_parent_not_in_the_document_is_named_by_its_id() -> None:
    rows = [{"id": 2, "name": "Sub", "state": "operational", "parent_id": 9}]
    snap = sorry_snapshot({"components": rows}, SITE + "/api/v1/components")
    assert [(g.id, g.name, g.component_ids) for g in snap.groups] == [("9", "9", ("2",))]


def test_sorry_notice_created_at_falls_back_to_began_at() -> None:
    row = _notice(created_at=None, began_at=T1, state="investigating")
    assert _one(row).created_at == _at(11)


def test_sorry_notice_without_id_or_time_is_skipped() -> None:
    rows = [_notice(created_at=None), _notice(id=None)]
    snap = sorry_snapshot({"notices": rows}, SITE + "/api/v1/notices")
    assert snap.incidents == ()
    assert snap.maintenances == ()


def test_sorry_notice_without_type_or_state() -> None:
    row = _notice(type=None)
    incident = _one(row)
    assert incident.status_raw == "unknown"
    assert incident.status is IncidentStatus.UPDATE
    assert incident.impact is Impact.MINOR


def test_sorry_general_notice_is_an_announcement_open_until_past() -> None:
    present = _one(_notice(type="general", timeline_state="present"))
    assert (present.status, present.status_raw, present.impact) == (
        IncidentStatus.UPDATE,
        "general",
        Impact.NONE,
    )
    assert not present.is_maintenance
    past = _one(_notice(type="general", timeline_state="past"))
    assert (past.status, past.status_raw, past.impact) == (
        IncidentStatus.RESOLVED,
        "general",
        Impact.NONE,
    )


def test_sorry_resolved_at_is_the_end_of_a_closed_notice_only() -> None:
    closed = _one(_notice(state="resolved", began_at=T0, ended_at=T2))
    assert closed.resolved_at == _at(12)
    recovering = _one(_notice(state="recovering", began_at=T0, ended_at=T2))
    assert recovering.status is IncidentStatus.MONITORING
    assert recovering.resolved_at is None


def test_sorry_notice_link_when_it_has_no_url() -> None:
    row = _notice(state="investigating", link=SITE + "/notices/7-mail-down")
    assert _one(row).url == SITE + "/notices/7-mail-down"


def test_sorry_update_without_state_takes_the_notices() -> None:
    row = _notice(state="identified", latest_update={"content": "On it", "created_at": T1})
    (update,) = _one(row).updates
    assert (update.id, update.status, update.status_raw, update.body) == (
        T1,
        IncidentStatus.IDENTIFIED,
        "identified",
        "On it",
    )


def test_sorry_updates_in_time_order_with_their_own_states() -> None:
    updates = [
        {"state": "resolved", "content": "Fixed", "created_at": T2},
        {"state": "investigating", "content": "Looking", "created_at": T0},
        {"state": "posted", "content": "Note", "created_at": T1},
    ]
    row = _notice(state="resolved", updates=updates)
    got = [(u.id, u.status, u.status_raw, u.created_at) for u in _one(row).updates]
    assert got == [
        (T0, IncidentStatus.INVESTIGATING, "investigating", _at(10)),
        (T1, IncidentStatus.UPDATE, "posted", _at(11)),
        (T2, IncidentStatus.RESOLVED, "resolved", _at(12)),
    ]


def test_sorry_update_with_its_own_id_is_keyed_by_it() -> None:
    updates = [
        {"id": 31, "state": "investigating", "content": "A", "created_at": T0},
        {"state": "investigating", "content": "B", "created_at": T0},
    ]
    row = _notice(state="investigating", updates=updates)
    assert [u.id for u in _one(row).updates] == ["31", T0]
