"""The calendar object itself: times that hold in every parser for years to
come, and the pairing of method and events that iTIP asks for."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from mandat.notifications.calendar import (
    CalendarEntry,
    CalendarSession,
    calendar_build,
    vtimezone,
)
from mandat.testing.received import parse_calendar

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def entry(*sessions) -> CalendarEntry:
    return CalendarEntry(
        uid="mandat-test@mandat.example",
        sequence=3,
        summary="Introduktion för nyvalda",
        sessions=tuple(CalendarSession(start, end) for start, end in sessions),
    )


@pytest.mark.parametrize("year", [2027, 2037, 2039, 2045])
def test_summer_and_winter_times_hold_past_2038_in_every_parser(year):
    summer = datetime.datetime(year, 7, 1, 8, 30, tzinfo=STOCKHOLM)
    winter = datetime.datetime(year, 12, 1, 8, 30, tzinfo=STOCKHOLM)
    hours = datetime.timedelta(hours=3)
    content = calendar_build(
        [entry((summer, summer + hours), (winter, winter + hours))], method="REQUEST"
    )

    parsed = parse_calendar(content.encode("utf-8"))

    [(first, _end), (second, _end2)] = parsed.occurrences["mandat-test@mandat.example"]
    assert first == datetime.datetime(year, 7, 1, 6, 30)  # UTC+2
    assert second == datetime.datetime(year, 12, 1, 7, 30)  # UTC+1


def test_the_time_zone_is_yearly_rules_built_once():
    zone = vtimezone("Europe/Stockholm")

    rules = [str(c["RRULE"].to_ical(), "ascii") for c in zone.subcomponents]
    assert sorted(rules) == [
        "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    ]
    assert vtimezone("Europe/Stockholm") is zone


def test_an_itip_message_carries_one_entry():
    start = datetime.datetime(2027, 5, 14, 8, 30, tzinfo=STOCKHOLM)
    one = entry((start, start + datetime.timedelta(hours=1)))

    with pytest.raises(ValueError):
        calendar_build([one, one], method="REQUEST")
