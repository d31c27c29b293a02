"""AWS's legacy RSS feeds read field by field from small hand-made feeds.

Shaped as ``rss/all.rss`` (tests/fixtures/aws_all_rss_*): a channel whose generator is "AWS
Service Health Dashboard RSS Generator", one item per post, the state as the title's first
words ("Service disruption: ...", "Service is operating normally: [RESOLVED] ..."), ``PDT``
pubDates, guids ``https://status.aws.amazon.com/#<service-region slug>_<epoch>``. Module
promises (platforms/aws_feed.py): items of one event share the guid's slug and the title after
its state words, the guids are the update ids, the event's state is its newest post's.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from custom_components.status_tracker.client import (
    Impact,
    IncidentStatus,
    PageStatus,
    SourceKind,
)
from custom_components.status_tracker.client.detect import sniff_document

GENERATOR = "<generator>AWS Service Health Dashboard RSS Generator</generator>"
GUID = "https://status.aws.amazon.com/#"


def _feed(*items: str, generator: str = GENERATOR) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:a10="http://www.w3.org/2005/Atom"><channel>'
        "<title>Amazon Web Services Service Status</title>"
        f"<link>https://status.aws.amazon.com/</link>{generator}{''.join(items)}"
        "</channel></rss>"
    ).encode()


def _item(title: str, pub: str, guid: str | None, text: str = "", extra: str = "") -> str:
    """One post (no <guid> when ``guid`` is None); ``pub`` is the PDT time "HH:MM:SS"."""
    return (
        f"<item><title><![CDATA[{title}]]></title>"
        f"<pubDate>Tue, 28 Mar 2023 {pub} PDT</pubDate>"
        + (f'<guid isPermaLink="false">{guid}</guid>' if guid is not None else "")
        + f"<description><![CDATA[{text}]]></description>{extra}</item>"
    )


def _utc(hour: int, minute: int) -> datetime:
    """28 Mar 2023 in UTC (PDT is UTC-7)."""
    return datetime(2023, 3, 28, hour, minute, tzinfo=UTC)


def test_aws_rss_resolved_prefix_before_the_state_words_closes_the_event() -> None:
    # "Resolved: Service disruption: ..." repeats the event's last state words after a
    # "Resolved:" prefix; it is the same event (same slug, same title after the state).
    snap = sniff_document(
        _feed(
            _item(
                "RESOLVED: Service disruption: Increased Error Rates",
                "17:30:00",
                f"{GUID}lambda-us-east-1_1680049800",
                "Error rates have recovered.",
            ),
            _item(
                "Service disruption: Increased Error Rates",
                "16:50:00",
                f"{GUID}lambda-us-east-1_1680047400",
                "We are investigating increased error rates.",
            ),
        )
    )
    (event,) = snap.incidents
    assert event.name == "Increased Error Rates"
    assert [(u.id, u.status, u.status_raw) for u in event.updates] == [
        (f"{GUID}lambda-us-east-1_1680047400", IncidentStatus.INVESTIGATING, "Service disruption"),
        (f"{GUID}lambda-us-east-1_1680049800", IncidentStatus.RESOLVED, "Service disruption"),
    ]
    assert (event.status, event.status_raw) == (IncidentStatus.RESOLVED, "Service disruption")
    assert (event.impact, event.impact_raw) == (Impact.CRITICAL, "3")  # its worst post
    assert event.resolved_at == datetime(2023, 3, 29, 0, 30, tzinfo=UTC)  # 17:30 PDT
    assert snap.status is PageStatus.OPERATIONAL


def test_aws_rss_slug_is_the_guid_fragment_before_its_last_underscore() -> None:
    # A slug may itself hold an underscore; the update id's stamp is after the last one.
    snap = sniff_document(
        _feed(
            _item(
                "Informational message: Delayed device shadows",
                "17:00:00",
                f"{GUID}aws_iot-eu-west-1_1680048000",
            ),
            _item(
                "Performance issues: Delayed device shadows",
                "16:40:00",
                f"{GUID}aws_iot-eu-west-1_1680046800",
            ),
        )
    )
    (event,) = snap.incidents
    assert event.components == ("aws_iot-eu-west-1",)
    assert event.regions == ("eu-west-1",)
    assert [u.status_raw for u in event.updates] == ["Performance issues", "Informational message"]
    assert (event.status, event.impact, event.impact_raw) == (
        IncidentStatus.INVESTIGATING,
        Impact.MAJOR,
        "2",
    )
    assert snap.status is PageStatus.DEGRADED


@pytest.mark.parametrize(
    "generator", [GENERATOR, "<generator>aws service health dashboard</generator>"]
)
def test_aws_rss_recognised_by_its_generator_alone(generator: str) -> None:
    # No guid carries the status.aws.amazon.com/# address: the generator names the feed, in
    # any letter case, and a bare "<slug>_<epoch>" guid still gives the slug.
    title = "Service impact: Elevated API errors"
    snap = sniff_document(
        _feed(
            _item(title, "17:10:00", "ec2-us-west-2_1680048600"),
            _item(title, "16:55:00", "ec2-us-west-2_1680047700"),
            generator=generator,
        )
    )
    assert snap.source is SourceKind.AWS_FEED
    (event,) = snap.incidents
    assert (event.name, event.components, event.regions) == (
        "Elevated API errors",
        ("ec2-us-west-2",),
        ("us-west-2",),
    )
    assert [u.id for u in event.updates] == ["ec2-us-west-2_1680047700", "ec2-us-west-2_1680048600"]
    assert snap.status is PageStatus.PARTIAL_OUTAGE


def test_aws_rss_post_without_guid_or_state_words() -> None:
    # Neither guid nor link: the post's time is its id; no slug, so no component or region;
    # no state words, so no state, impact or raw text.
    (event,) = sniff_document(
        _feed(_item("Scheduled network upgrade", "16:50:00", None, "Upgrading routers."))
    ).incidents
    assert event.id == "2023-03-28T23:50:00+00:00"
    assert event.updates[0].id == "2023-03-28T23:50:00+00:00"
    assert (event.name, event.url, event.components, event.regions) == (
        "Scheduled network upgrade",
        None,
        (),
        (),
    )
    assert (event.status, event.status_raw) == (IncidentStatus.UNKNOWN, "")
    assert (event.impact, event.impact_raw) == (Impact.UNKNOWN, "")
    assert [(u.status, u.status_raw, u.body) for u in event.updates] == [
        (IncidentStatus.UNKNOWN, "", "Upgrading routers.")
    ]


def test_aws_rss_posts_at_the_same_second_are_all_read() -> None:
    snap = sniff_document(
        _feed(
            _item("Service disruption: Increased Error Rates", "16:50:00", f"{GUID}s3-us-east-1_1"),
            _item("Informational message: Delayed metrics", "16:50:00", f"{GUID}cloudwatch_2"),
        )
    )
    assert sorted((i.name, i.components) for i in snap.incidents) == [
        ("Delayed metrics", ("cloudwatch",)),
        ("Increased Error Rates", ("s3-us-east-1",)),
    ]
    assert snap.status is PageStatus.PARTIAL_OUTAGE


def test_aws_rss_post_time_is_its_pubdate_even_when_edited_later() -> None:
    # An Atom <updated> on an item is when its text was last written; the post stays at
    # its pubDate.
    edited = "<a10:updated>2023-03-29T08:00:00Z</a10:updated>"
    (event,) = sniff_document(
        _feed(
            _item(
                "Informational message: Delayed metrics",
                "16:50:00",
                f"{GUID}cloudwatch-us-east-1_1680047400",
                extra=edited,
            )
        )
    ).incidents
    assert [u.created_at for u in event.updates] == [_utc(23, 50)]
    assert (event.created_at, event.started_at, event.updated_at) == (
        _utc(23, 50),
        _utc(23, 50),
        _utc(23, 50),
    )
