// Deadlines as events; see deadline_events.h.
#include "ical/deadline_events.h"

#include "core/percent_encoding.h"

namespace reviewd::ical {
namespace {

std::string_view kind_title(rules::deadline_kind kind) {
    using k = rules::deadline_kind;
    switch (kind) {
    case k::review:
        return "Review";
    case k::review_request:
        return "Review brought forward";
    case k::iro_allocated:
        return "IRO allocation";
    case k::care_plan:
        return "Care plan";
    case k::review_decisions:
        return "Review decisions circulated";
    case k::review_record:
        return "Review record";
    case k::social_worker_visit:
        return "Social worker visit";
    case k::health_assessment:
        return "Health assessment";
    }
    return "Deadline";
}

std::string dated(core::day d) {
    return core::format_iso_date(d) + " (" + std::string(core::weekday_name(d)) + ")";
}

// "Review 3", "Social worker visit 2 (placement 1)".
std::string deadline_title(const rules::deadline& d) {
    std::string out(kind_title(d.kind));
    out += " " + std::to_string(d.sequence);
    if (d.placement > 0)
        out += " (placement " + std::to_string(d.placement) + ")";
    return out;
}

std::string outcome(const deadline_entry& e) {
    const auto& d = e.deadline;
    if (e.withdrawn)
        return "withdrawn";
    switch (d.status) {
    case rules::deadline_status::met:
        return d.met_on ? "met " + core::format_iso_date(*d.met_on) : "met";
    case rules::deadline_status::met_late:
        return d.met_on ? "met late " + core::format_iso_date(*d.met_on) : "met late";
    case rules::deadline_status::cancelled:
        return "cancelled";
    case rules::deadline_status::open:
    case rules::deadline_status::missed:
        break;
    }
    return "due";
}

bool cancelled(const deadline_entry& e) {
    return e.withdrawn || e.deadline.status == rules::deadline_status::cancelled;
}

bool open(const deadline_entry& e) {
    return !e.withdrawn && (e.deadline.status == rules::deadline_status::open ||
                            e.deadline.status == rules::deadline_status::missed);
}

std::string description(const deadline_entry& e) {
    const auto& d = e.deadline;
    std::string text = "Child " + e.child + ": " + deadline_title(d) + ", period of care " +
                       std::to_string(d.period) + ".\n";
    if (d.practical_due == d.due)
        text += "Due " + dated(d.due) + ".\n";
    else
        text += "Statutory due date " + dated(d.due) + "; practical due date " +
                dated(d.practical_due) + ", the last working day on or before it.\n";
    text += "Basis: " + d.basis + ".\n";
    text += "Rule set: " + d.rule_set + " (" + std::string(rules::to_string(d.sure)) + ").\n";
    if (e.withdrawn)
        text += "Withdrawn: this deadline is no longer part of the case.\n";
    else if (d.status == rules::deadline_status::cancelled)
        text += "Cancelled: the period of care or placement ended before it fell due.\n";
    else if (d.met_on)
        text += "Met on " + dated(*d.met_on) + ".\n";
    if (d.provisional)
        text += "Provisional: the holiday data did not cover every day this depends on.\n";
    text.pop_back(); // no trailing line break
    return text;
}

} // namespace

std::string event_uid(const std::string& child, const rules::deadline& d,
                      const std::string& uid_domain) {
    return core::percent_encoded(child) + "/" + d.key() + "@" + uid_domain;
}

event deadline_event(const deadline_entry& entry, const feed_settings& settings) {
    const auto& d = entry.deadline;
    event e;
    e.uid = event_uid(entry.child, d, settings.uid_domain);
    e.sequence = entry.revision > 0 ? entry.revision - 1 : 0;
    e.day = d.practical_due;
    e.summary = "Child " + entry.child + ": " + deadline_title(d) + " " + outcome(entry);
    e.description = description(entry);
    e.status = cancelled(entry) ? event_status::cancelled : event_status::confirmed;
    if (open(entry))
        e.reminder =
            display_alarm{settings.alarm_offset, "Child " + entry.child + ": " + deadline_title(d) +
                                                     " due " + dated(d.practical_due)};
    return e;
}

std::string iro_feed(const std::string& iro_ref, const std::vector<deadline_entry>& entries,
                     const feed_settings& settings, core::instant stamp) {
    calendar_header header;
    header.product_id = settings.product_id;
    header.name = "reviewd: deadlines for IRO " + iro_ref;
    header.refresh = settings.refresh;
    std::vector<event> events;
    events.reserve(entries.size());
    for (const auto& entry : entries)
        events.push_back(deadline_event(entry, settings));
    return write_calendar(header, events, stamp);
}

std::string deadline_publication(const deadline_entry& entry, const std::string& from,
                                 const feed_settings& settings, core::instant stamp) {
    return deadlines_publication({entry}, from, settings, stamp);
}

std::string deadlines_publication(const std::vector<deadline_entry>& entries,
                                  const std::string& from, const feed_settings& settings,
                                  core::instant stamp) {
    calendar_header header;
    header.product_id = settings.product_id;
    header.method = "PUBLISH";
    header.publisher = organizer_from(from);
    std::vector<event> events;
    events.reserve(entries.size());
    for (const auto& entry : entries)
        events.push_back(deadline_event(entry, settings));
    return write_calendar(header, events, stamp);
}

organizer organizer_from(const std::string& from) {
    const auto open_angle = from.rfind('<');
    const auto close_angle = from.rfind('>');
    if (open_angle == std::string::npos || close_angle == std::string::npos ||
        close_angle < open_angle)
        return {from, ""};
    std::string name = from.substr(0, open_angle);
    while (!name.empty() && (name.back() == ' ' || name.back() == '"'))
        name.pop_back();
    while (!name.empty() && (name.front() == ' ' || name.front() == '"'))
        name.erase(name.begin());
    return {from.substr(open_angle + 1, close_angle - open_angle - 1), name};
}

} // namespace reviewd::ical
