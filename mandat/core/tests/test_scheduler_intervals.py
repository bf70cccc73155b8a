"""Ticks run every minute unless registered with a longer interval."""

import pytest

from mandat.core.scheduler import INTERVALS, scheduler_tick

pytestmark = pytest.mark.django_db

HOURLY = "mandat.knowledge.catch_up.catch_up_due"


def test_hourly_ticks_run_once_an_hour_and_always_by_hand():
    assert INTERVALS[HOURLY] == 60
    assert HOURLY not in scheduler_tick(minute=61)
    assert HOURLY in scheduler_tick(minute=120)
    every_minute = "mandat.notifications.services.message_retry_due"
    assert every_minute in scheduler_tick(minute=61)
    assert HOURLY in scheduler_tick()
