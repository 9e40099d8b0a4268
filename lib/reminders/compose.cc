// Reminder composition; see compose.h.
#include "reminders/compose.h"

#include "core/fnv.h"

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

std::string html_escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string deadline_name(const store::due_timer& t) {
    const auto& d = t.deadline.deadline;
    std::string name(rules::to_string(d.kind));
    for (auto& c : name)
        if (c == '_')
            c = ' ';
    return name + " " + std::to_string(d.sequence);
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

store::outbox_message mail_for(const std::string& email,
                               const std::vector<const store::due_timer*>& items,
                               const compose_options& options) {
    const bool late =
        std::any_of(items.begin(), items.end(), [](const auto* t) { return t->late; });
    std::string text_items, html_items;
    for (const auto* t : items) {
        const auto& d = t->deadline.deadline;
        const std::string due = core::format_iso_date(d.due);
        const std::string practical = core::format_iso_date(d.practical_due);
        text_items += "- child " + t->child + ": " + deadline_name(*t) + ", " +
                      describe_tag(t->tag) + " (due " + due +
                      (practical != due ? ", practical " + practical : "") + ")" +
                      (t->late ? " [late]" : "") + "\n  " + d.basis + "\n";
        html_items += "<tr><td>" + html_escape(t->child) + "</td><td>" +
                      html_escape(deadline_name(*t)) + "</td><td>" +
                      html_escape(describe_tag(t->tag)) + "</td><td>" + due + "</td><td>" +
                      practical + "</td><td>" + html_escape(d.basis) + "</td></tr>\n";
    }
    const std::string late_note =
        late ? " (sent late: reviewd was not running when some of these fell due)" : std::string();
    const std::vector<std::pair<std::string, std::string>> values = {
        {"count", std::to_string(items.size())},
        {"late_note", late_note},
        {"service", options.service}};
    store::outbox_message m;
    m.event_id = event_id(email, items);
    m.channel = "email";
    m.recipient = email;
    m.event_type = "deadline.reminder";
    if (items.size() == 1)
        m.subject = "[" + options.service + "] " + (late ? "(late) " : "") +
                    deadline_name(*items.front()) + " for child " + items.front()->child + ": " +
                    describe_tag(items.front()->tag);
    else
        m.subject = "[" + options.service + "] " + (late ? "(late) " : "") +
                    std::to_string(items.size()) + " deadlines need attention";
    auto text_values = values;
    text_values.emplace_back("items", text_items);
    auto html_values = values;
    html_values.emplace_back("items", html_items);
    m.text_body = fill(options.mail.text, text_values);
    m.html_body = options.mail.html.empty() ? std::string() : fill(options.mail.html, html_values);
    m.json_body = "{}";
    m.late = late;
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
