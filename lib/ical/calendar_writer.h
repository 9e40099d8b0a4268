// A VCALENDAR of all-day VEVENTs, as RFC 5545 text. Calendar clients that subscribe to a feed
// (Outlook, Google, Apple) honour all-day VEVENTs with a VALARM and ignore VTODO; they replace an
// event by UID when its SEQUENCE rises, and strike it through on STATUS:CANCELLED. Pure: the
// DTSTAMP instant is handed in.
#pragma once

#include "core/clock.h"
#include "core/dates.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace reviewd::ical {

enum class event_status { confirmed, cancelled };

// A display alarm relative to the event's start (midnight, local, for an all-day event):
// -15h is 09:00 the day before.
struct display_alarm {
    std::chrono::seconds offset{0};
    std::string description; // TEXT, escaped when written
};

struct event {
    std::string uid; // stable across feeds and emails; written as TEXT
    int sequence = 0;
    core::day day; // DTSTART;VALUE=DATE; DTEND;VALUE=DATE is the next day
    std::string summary;
    std::string description;
    event_status status = event_status::confirmed;
    std::optional<display_alarm> reminder;
};

// Who publishes, for METHOD:PUBLISH (RFC 5546 requires an ORGANIZER on a published event).
struct organizer {
    std::string address; // an email address; written as mailto:<address>
    std::string name;    // CN parameter; empty: none
};

struct calendar_header {
    std::string product_id; // PRODID, "-//reviewd//reviewd IRO deadlines//EN"
    std::string name;       // NAME and X-WR-CALNAME; empty: none
    // How often a subscribing client should fetch the feed again: REFRESH-INTERVAL (RFC 7986) and
    // X-PUBLISHED-TTL (Outlook's older spelling). None for a one-off calendar (an email part).
    std::optional<std::chrono::seconds> refresh;
    std::string method; // "PUBLISH" for an email part; empty for a subscribed feed
    std::optional<organizer> publisher;
};

std::string write_calendar(const calendar_header& header, const std::vector<event>& events,
                           core::instant stamp);

} // namespace reviewd::ical
