// The words of reminders: turns a batch of due timers into outbox messages. Emails are grouped
// per recipient (one mail per person per batch, never a flood); webhooks carry one event per
// reminder on time, and late ones in chunks. Pure: templates and settings are handed in.
#pragma once

#include "ical/deadline_events.h"
#include "store/records.h"

#include <string>
#include <vector>

namespace reviewd::reminders {

// Mail templates (config/templates/reminder.txt and .html). Placeholders: {{count}},
// {{late_note}}, {{items}} (rendered by the composer), {{service}}.
struct templates {
    std::string text;
    std::string html;
};

// Reminder emails carry their deadlines as a `text/calendar; method=PUBLISH` attachment: the
// same events (UID, SEQUENCE) as the IRO's calendar feed, so a client that has one knows the other.
struct calendar_part_options {
    bool enabled = false;
    std::string organizer; // the emails' From: the ORGANIZER that RFC 5546 wants of a PUBLISH
    ical::feed_settings feed;
};

struct compose_options {
    templates mail;
    calendar_part_options calendar;
    std::vector<std::string> webhooks; // names of configured webhooks, for audience "webhook"
    std::string service = "reviewd";
    std::size_t late_chunk = 100; // late webhook reminders per event
};

std::vector<store::outbox_message> compose_reminders(const std::vector<store::due_timer>& due,
                                                     const compose_options& options);

// The alert written when a message dies: to `recipient` by `channel` ("email" or "webhook").
store::outbox_message compose_dead_alert(const store::outbox_row& dead, const std::string& channel,
                                         const std::string& recipient,
                                         const compose_options& options);

// "{{name}}" replaced by values; unknown placeholders are left as they are.
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values);

// Human wording of a reminder's tag: "due in 5 working days", "due today", "missed", ...
std::string describe_tag(const std::string& tag);

} // namespace reviewd::reminders
