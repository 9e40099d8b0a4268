// Reminder composition; see compose.h.
#include "reminders/compose.h"

#include "core/fnv.h"
#include "reminders/mail_body.h"

#include "rules/deadline_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace reviewd::reminders {
namespace {

using nlohmann::json;

// A stable id from the parts of a message: the same timers to the same recipient give the same id.
std::string event_id(const std::string& recipient,
                     const std::vector<const store::due_timer*>& timers) {
    core::fnv1a64 hash;
    hash.add(recipient).end_part();
    for (const auto* t : timers)
        hash.add(std::to_string(t->timer_id)).end_part();
    const std::uint64_t h = hash.value();
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "evt_%016llx_%lld", static_cast<unsigned long long>(h),
                  static_cast<long long>(timers.front()->timer_id));
    return buffer;
}

std::string deadline_name(const store::due_timer& t) {
    return deadline_title(t.deadline.deadline);
}

json reminder_json(const store::due_timer& t) {
    json j = rules::deadline_to_json(t.deadline.deadline);
    j["deadline_id"] = t.deadline.id;
    j["child"] = t.child;
    j["reminder"] = t.tag;
    j["late"] = t.late;
    j.erase("basis"); // payloads stay thin: ids and dates
    return j;
}

// DTSTAMP is when the reminder fell due, not when it was written, so that the message's content
// depends only on its timers (like its event id).
std::string calendar_for(const std::vector<const store::due_timer*>& items,
                         const calendar_part_options& options) {
    std::vector<ical::deadline_entry> entries;
    std::int64_t stamp = 0;
    for (const auto* t : items) {
        entries.push_back({t->child, t->deadline.deadline, t->deadline.revision, false});
        stamp = std::max(stamp, t->fire_at);
    }
    return ical::deadlines_publication(entries, options.organizer, options.feed,
                                       core::instant(std::chrono::seconds(stamp)));
}

store::outbox_message mail_for(const std::string& email,
                               const std::vector<const store::due_timer*>& items,
                               const compose_options& options) {
    const bool late =
        std::any_of(items.begin(), items.end(), [](const auto* t) { return t->late; });
    std::vector<mail_line> lines;
    for (const auto* t : items)
        lines.push_back({t->child, &t->deadline.deadline, describe_tag(t->tag), t->late});
    const std::string subject =
        items.size() == 1 ? "[" + options.service + "] " + (late ? "(late) " : "") +
                                deadline_name(*items.front()) + " for child " +
                                items.front()->child + ": " + describe_tag(items.front()->tag)
                          : "[" + options.service + "] " + (late ? "(late) " : "") +
                                std::to_string(items.size()) + " deadlines need attention";
    store::outbox_message m =
        render_mail(email, event_id(email, items), subject, lines, late, options);
    if (options.calendar.enabled)
        m.calendar_body = calendar_for(items, options.calendar);
    return m;
}

store::outbox_message webhook_for(const std::string& name,
                                  const std::vector<const store::due_timer*>& items,
                                  const compose_options& options) {
    store::outbox_message m;
    m.event_id = event_id("webhook:" + name, items);
    m.channel = "webhook";
    m.recipient = name;
    m.late = items.front()->late;
    json list = json::array();
    for (const auto* t : items)
        list.push_back(reminder_json(*t));
    m.event_type = items.size() == 1 ? "deadline.reminder" : "deadline.reminders";
    json payload = {{"type", m.event_type}, {"service", options.service}, {"late", m.late}};
    if (items.size() == 1)
        payload["data"] = list.front();
    else
        payload["data"] = {{"reminders", std::move(list)}};
    m.json_body = payload.dump();
    m.subject = m.event_type;
    return m;
}

} // namespace

std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
    for (const auto& [name, value] : values) {
        const std::string placeholder = "{{" + name + "}}";
        for (std::size_t at = text.find(placeholder); at != std::string::npos;
             at = text.find(placeholder, at + value.size()))
            text.replace(at, placeholder.size(), value);
    }
    return text;
}

std::string describe_tag(const std::string& tag) {
    if (tag.rfind("before-", 0) == 0) {
        const std::string n = tag.substr(7);
        return "due in " + n + (n == "1" ? " working day" : " working days");
    }
    if (tag == "due")
        return "due today";
    if (tag == "missed")
        return "missed";
    if (tag.rfind("missed-week-", 0) == 0) {
        const std::string n = tag.substr(12);
        return "still missed after " + n + (n == "1" ? " week" : " weeks");
    }
    return tag;
}

namespace {

// One line per deadline: when several of a deadline's reminders come due together (after
// downtime), only the latest says anything the reader needs.
std::vector<const store::due_timer*>
latest_per_deadline(const std::vector<const store::due_timer*>& items) {
    std::map<std::int64_t, const store::due_timer*> latest;
    for (const auto* t : items) {
        auto& slot = latest[t->deadline.id];
        if (!slot || t->fire_at >= slot->fire_at)
            slot = t;
    }
    std::vector<const store::due_timer*> out;
    for (const auto& [_, t] : latest)
        out.push_back(t);
    std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
        return std::tie(a->deadline.deadline.due, a->child) <
               std::tie(b->deadline.deadline.due, b->child);
    });
    return out;
}

} // namespace

std::vector<store::outbox_message> compose_reminders(const std::vector<store::due_timer>& due,
                                                     const compose_options& options) {
    std::map<std::string, std::vector<const store::due_timer*>> mail;
    std::vector<const store::due_timer*> hooks_on_time, hooks_late;
    for (const auto& t : due) {
        if (t.audience == "webhook")
            (t.late ? hooks_late : hooks_on_time).push_back(&t);
        else if (t.email)
            mail[*t.email].push_back(&t);
    }
    hooks_late = latest_per_deadline(hooks_late);
    std::vector<store::outbox_message> out;
    for (const auto& [email, items] : mail)
        out.push_back(mail_for(email, latest_per_deadline(items), options));
    for (const auto& name : options.webhooks) {
        for (const auto* t : hooks_on_time)
            out.push_back(webhook_for(name, {t}, options));
        for (std::size_t i = 0; i < hooks_late.size(); i += options.late_chunk) {
            const auto end = std::min(hooks_late.size(), i + options.late_chunk);
            out.push_back(webhook_for(name,
                                      {hooks_late.begin() + static_cast<std::ptrdiff_t>(i),
                                       hooks_late.begin() + static_cast<std::ptrdiff_t>(end)},
                                      options));
        }
    }
    return out;
}

store::outbox_message compose_dead_alert(const store::outbox_row& dead, const std::string& channel,
                                         const std::string& recipient,
                                         const compose_options& options) {
    store::outbox_message m;
    m.event_id = "evt_dead_" + std::to_string(dead.id);
    m.channel = channel;
    m.recipient = recipient;
    m.event_type = "outbox.dead";
    m.subject = "[" + options.service + "] a message could not be delivered (outbox " +
                std::to_string(dead.id) + ")";
    m.text_body =
        "reviewd gave up delivering a message after " + std::to_string(dead.attempts) +
        " attempts.\n\n" + "outbox id: " + std::to_string(dead.id) +
        "\nevent id: " + dead.message.event_id + "\nchannel: " + dead.message.channel +
        "\nrecipient: " + dead.message.recipient +
        "\nlast error: " + dead.last_error.value_or("-") +
        "\n\nSee it with `reviewd outbox list --dead`; send it again with `reviewd outbox retry " +
        std::to_string(dead.id) + "`.\n";
    m.json_body = json{{"type", "outbox.dead"},
                       {"service", options.service},
                       {"data",
                        {{"outbox_id", dead.id},
                         {"event_id", dead.message.event_id},
                         {"channel", dead.message.channel},
                         {"attempts", dead.attempts},
                         {"last_error", dead.last_error.value_or("")}}}}
                      .dump();
    return m;
}

} // namespace reviewd::reminders
