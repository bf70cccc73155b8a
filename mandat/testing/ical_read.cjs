// Read an iCalendar file from standard input the way programs built on
// ical.js do (Thunderbird, many web calendars) and print what they see as
// JSON: every VEVENT with its times in UTC, and each recurring set expanded
// with its overrides applied. The time zones come from the file's own
// VTIMEZONE blocks only; ical.js has no zone data of its own.
"use strict";
const fs = require("fs");
const path = require("path");
const ICAL = require(path.join(__dirname, "vendor", "ical.cjs"));

const text = fs.readFileSync(0, "utf8");
const root = new ICAL.Component(ICAL.parse(text));
for (const zone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}

const utc = (time) => (time ? time.toJSDate().toISOString() : null);

const vevents = root.getAllSubcomponents("vevent");
const events = vevents.map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    sequence: event.sequence,
    status: component.getFirstPropertyValue("status"),
    summary: event.summary,
    description: event.description,
    location: event.location,
    url: component.getFirstPropertyValue("url"),
    organizer: component.getFirstPropertyValue("organizer"),
    attendees: component.getAllProperties("attendee").map((p) => ({
      address: p.getFirstValue(),
      partstat: p.getParameter("partstat"),
      rsvp: p.getParameter("rsvp"),
    })),
    recurrence_id: utc(event.recurrenceId),
    start: utc(event.startDate),
    end: utc(event.endDate),
    start_zone: event.startDate ? event.startDate.zone.tzid : null,
  };
});

// Each UID's recurring set, expanded with its overrides, as a calendar shows it.
const expanded = {};
for (const component of vevents) {
  if (component.hasProperty("recurrence-id")) continue;
  const event = new ICAL.Event(component);
  for (const other of vevents) {
    if (
      other.hasProperty("recurrence-id") &&
      other.getFirstPropertyValue("uid") === event.uid
    ) {
      event.relateException(other);
    }
  }
  const occurrences = [];
  if (event.isRecurring()) {
    const iterator = event.iterator();
    let next;
    while ((next = iterator.next()) && occurrences.length < 100) {
      const details = event.getOccurrenceDetails(next);
      occurrences.push({
        start: utc(details.startDate),
        end: utc(details.endDate),
        summary: details.item.summary,
      });
    }
  } else {
    occurrences.push({
      start: utc(event.startDate),
      end: utc(event.endDate),
      summary: event.summary,
    });
  }
  expanded[event.uid] = occurrences;
}

process.stdout.write(
  JSON.stringify({
    method: root.getFirstPropertyValue("method"),
    name:
      root.getFirstPropertyValue("name") ||
      root.getFirstPropertyValue("x-wr-calname"),
    events,
    expanded,
  })
);
