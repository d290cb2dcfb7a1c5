"""Prometheus metrics: turns, sends, 429s, reminders and their lag.

Counts and durations only, labelled by platform or outcome; never anything
about what a person said.
"""

from __future__ import annotations

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

REGISTRY = CollectorRegistry()

TURNS = Counter(
    "sciatica_turns", "Inbound events handled, by outcome (handled, duplicate, apology).",
    ["platform", "outcome"], registry=REGISTRY,
)
TURN_SECONDS = Histogram(
    "sciatica_turn_seconds", "Time to process and commit one inbound event.",
    ["platform"], registry=REGISTRY,
    buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
SENT = Counter(
    "sciatica_messages_sent", "Messages the platform accepted.", ["platform"], registry=REGISTRY,
)
RATE_LIMITED = Counter(
    "sciatica_rate_limited", "Platform answers asking to wait (HTTP 429).", ["platform"],
    registry=REGISTRY,
)
DELIVERY_PROBLEMS = Counter(
    "sciatica_delivery_problems", "Sends that failed, by kind (deferred, refused, blocked, error).",
    ["platform", "kind"], registry=REGISTRY,
)
REMINDERS = Counter(
    "sciatica_reminders", "Due reminders handled, by outcome.", ["outcome"], registry=REGISTRY,
)
REMINDER_LAG = Histogram(
    "sciatica_reminder_lag_seconds", "Delay between a reminder's due time and its queueing.",
    registry=REGISTRY,
    buckets=(0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600, 14400),
)
OUTBOX_PENDING = Gauge(
    "sciatica_outbox_pending", "Messages neither delivered nor given up on.", registry=REGISTRY,
)


def render() -> tuple[bytes, str]:
    """The exposition text and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
