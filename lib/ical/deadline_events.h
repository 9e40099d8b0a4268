// Deadlines as calendar events, for an IRO's subscribed feed and for the text/calendar part of a
// reminder email. Both give a deadline the same UID (the child's case reference and the deadline's
// stable key, never a database row id) and the same SEQUENCE (its stored revision less one, so it
// rises with every change), so a client that saw one recognises the other.
//
// Events carry the child's case reference, the deadline's kind, number, dates and basis, as the
// reminder emails do: never a name or a date of birth. An event's words depend only on the stored
// deadline, not on today, so that unchanged content always goes with an unchanged SEQUENCE
// ("missed" is a reading of an open deadline against today, and is not written).
// Pure: the DTSTAMP instant is handed in.
#pragma once

#include "ical/calendar_writer.h"
#include "rules/deadline.h"

#include <chrono>
#include <string>
#include <vector>

namespace reviewd::ical {

struct deadline_entry {
    std::string child;        // the council's case reference
    rules::deadline deadline; // as stored: open, met, met_late or cancelled
    int revision = 1;         // the stored revision: 1 when first computed, +1 per change
    bool withdrawn = false;   // gone from the case (a review request taken back, a period removed)
};

struct feed_settings {
    std::string product_id = "-//reviewd//reviewd IRO deadlines//EN";
    std::string uid_domain = "reviewd"; // the part of each UID after '@'
    std::chrono::seconds refresh{std::chrono::hours(1)};
    // Alarm time relative to the start of the event's day: -15 h is 09:00 the day before.
    std::chrono::seconds alarm_offset{-std::chrono::hours(15)};
};

// "C1/p1/review/3@reviewd": the case reference percent-encoded outside [A-Za-z0-9._~-], then the
// deadline's key.
std::string event_uid(const std::string& child, const rules::deadline& d,
                      const std::string& uid_domain);

// The event for one deadline, on its practical due date (the last working day on or before the
// statutory date, which the description gives too). Cancelled and withdrawn deadlines are
// STATUS:CANCELLED; only open ones have an alarm.
event deadline_event(const deadline_entry& entry, const feed_settings& settings);

// An IRO's feed: every entry as an event, with REFRESH-INTERVAL and X-PUBLISHED-TTL.
std::string iro_feed(const std::string& iro_ref, const std::vector<deadline_entry>& entries,
                     const feed_settings& settings, core::instant stamp);

// One deadline as a calendar for an email's `text/calendar; method=PUBLISH` part. `from` is the
// email's From ("IRO reminders <reminders@council.gov.uk>" or a bare address): the ORGANIZER
// that RFC 5546 requires of a published event.
std::string deadline_publication(const deadline_entry& entry, const std::string& from,
                                 const feed_settings& settings, core::instant stamp);
// Several deadlines in one published calendar (one VEVENT each: RFC 5546 allows several
// components with distinct UIDs in a PUBLISH), for a reminder email listing several.
std::string deadlines_publication(const std::vector<deadline_entry>& entries,
                                  const std::string& from, const feed_settings& settings,
                                  core::instant stamp);

// "IRO reminders <a@b>" -> {"a@b", "IRO reminders"}; "a@b" -> {"a@b", ""}.
organizer organizer_from(const std::string& from);

} // namespace reviewd::ical
