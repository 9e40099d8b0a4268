// Escalation alert composition; see escalation_compose.h.
#include "reminders/escalation_compose.h"

#include "core/fnv.h"
#include "reminders/mail_body.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace reviewd::reminders {
namespace {

using nlohmann::json;
using item = store::due_escalation_timer;

std::string words(std::string id) {
    std::replace(id.begin(), id.end(), '_', ' ');
    return id;
}

std::string days(int n, const char* what) {
    return std::to_string(n) + (n == 1 ? " working day " : " working days ") + what;
}

// What an alert is about, whatever its chaser number or audience: one line in an email and one
// webhook event per topic.
std::string topic(const item& t) {
    if (t.kind == "auto_advanced")
        return t.escalation + "/auto/" + t.key;
    return t.escalation + "/" + escalation_event_type(t.kind) + "/" + t.stage;
}

// The latest alert of each topic (after downtime, several chasers come due at once), in the
// order of escalation and topic.
std::vector<const item*> latest_per_topic(const std::vector<const item*>& items) {
    std::map<std::string, const item*> latest;
    for (const item* t : items) {
        auto& slot = latest[topic(*t)];
        if (!slot || std::tie(t->fire_at, t->chase) > std::tie(slot->fire_at, slot->chase))
            slot = t;
    }
    std::vector<const item*> out;
    for (const auto& [_, t] : latest)
        out.push_back(t);
    return out;
}

// A stable id from the recipient and the timers: the same alerts to the same recipient give the
// same id (the webhook-id, and part of the email Message-ID).
std::string event_id(const std::string& recipient, const std::vector<const item*>& items) {
    core::fnv1a64 hash;
    hash.add(recipient).end_part();
    for (const item* t : items)
        hash.add(std::to_string(t->timer_id)).end_part().add(t->key).end_part();
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "esc_%016llx_%lld",
                  static_cast<unsigned long long>(hash.value()),
                  static_cast<long long>(items.front()->timer_id));
    return buffer;
}

std::string due_text(const item& t) {
    return t.due_on ? core::format_iso_date(*t.due_on) : std::string("-");
}

std::string subject_of(const item& t) {
    const std::string head = "Escalation " + t.escalation + " (child " + t.child + "): ";
    const std::string type = escalation_event_type(t.kind);
    if (type == "escalation.stale")
        return head + words(t.stage) + " has not responded, " +
               days(t.working_days_overdue, "overdue");
    if (type == "escalation.endorsement_stale")
        return head + "endorsement to go to " + words(t.stage) + " is overdue";
    if (type == "escalation.total_breached")
        return head + "past the total time limit";
    if (type == "escalation.cafcass_report_late")
        return head + "Cafcass progress report late";
    return head + "escalated automatically to " + words(t.stage);
}

json payload_of(const item& t) {
    json data = {{"escalation", t.escalation},
                 {"child", t.child},
                 {"category", t.category},
                 {"alert", t.kind},
                 {"stage", t.stage},
                 {"owner_role", t.owner_role},
                 {"chase", t.chase},
                 {"due", due_text(t)},
                 {"late", t.late},
                 {"working_days_overdue", t.working_days_overdue}};
    if (t.kind == "auto_advanced") {
        data.erase("working_days_overdue");
        data.erase("due");
        data["from_stage"] = t.from_stage;
        data["on"] = due_text(t);
        data["awaits_endorsement"] = t.awaits_endorsement;
    }
    return data;
}

store::outbox_message mail_for(const std::string& email, const std::vector<const item*>& items,
                               const escalation_compose_options& options) {
    const bool late =
        std::any_of(items.begin(), items.end(), [](const item* t) { return t->late; });
    std::string text, rows;
    for (const item* t : items) {
        text += "- " + describe_escalation_alert(*t) + (t->late ? " [sent late]" : "") + "\n";
        rows += "<tr><td>" + html_escape(t->escalation) + "</td><td>" + html_escape(t->child) +
                "</td><td>" + html_escape(words(t->stage)) + "</td><td>" +
                html_escape(describe_escalation_alert(*t)) + "</td></tr>\n";
    }
    const std::string late_note =
        late ? "\n(Sent late: reviewd was not running when some of these fell due.)\n" : "";
    store::outbox_message m;
    m.event_id = event_id(email, items);
    m.channel = "email";
    m.recipient = email;
    m.event_type = items.size() == 1 ? escalation_event_type(items.front()->kind)
                                     : std::string("escalation.alerts");
    m.subject = "[" + options.service + "] " + (late ? "(late) " : "") +
                (items.size() == 1 ? subject_of(*items.front())
                                   : std::to_string(items.size()) + " escalations need attention");
    m.text_body = "Escalations of concerns about children's care that need attention" +
                  std::string(late ? " (some sent late)" : "") + ":\n\n" + text + late_note +
                  "\nThe details are in each escalation's record (GET /v1/escalations/{id}); "
                  "this message carries references only.\n-- \n" +
                  options.service + "\n";
    m.html_body = "<!DOCTYPE html><html><body><p>Escalations of concerns about children's care "
                  "that need attention" +
                  std::string(late ? " (some sent late: reviewd was not running)" : "") +
                  ":</p>\n<table border=\"1\" cellpadding=\"4\"><tr><th>Escalation</th>"
                  "<th>Child</th><th>Stage</th><th>What</th></tr>\n" +
                  rows +
                  "</table><p>The details are in each escalation's record; this message carries "
                  "references only.</p></body></html>\n";
    m.json_body = "{}";
    m.late = late;
    return m;
}

store::outbox_message webhook_for(const std::string& name, const std::vector<const item*>& group,
                                  const escalation_compose_options& options) {
    const item& t = *group.back(); // the latest of the topic
    const bool late =
        std::any_of(group.begin(), group.end(), [](const item* i) { return i->late; });
    store::outbox_message m;
    m.event_id = event_id("webhook:" + name, group);
    m.channel = "webhook";
    m.recipient = name;
    m.event_type = escalation_event_type(t.kind);
    m.subject = m.event_type;
    m.late = late;
    m.json_body = json{{"type", m.event_type},
                       {"service", options.service},
                       {"late", late},
                       {"data", payload_of(t)}}
                      .dump();
    return m;
}

} // namespace

std::string escalation_event_type(const std::string& kind) {
    if (kind == "stage_stale" || kind == "stage_chase")
        return "escalation.stale";
    if (kind == "endorsement_stale" || kind == "endorsement_chase")
        return "escalation.endorsement_stale";
    if (kind == "total_breached")
        return "escalation.total_breached";
    if (kind == "cafcass_report_late" || kind == "cafcass_report_chase")
        return "escalation.cafcass_report_late";
    return "escalation.auto_advanced";
}

std::string describe_escalation_alert(const store::due_escalation_timer& t) {
    std::string line = t.escalation + ", child " + t.child + " (" + words(t.category) + "): ";
    const std::string type = escalation_event_type(t.kind);
    const std::string due = due_text(t);
    if (type == "escalation.stale")
        line += "the " + words(t.stage) + " stage has not responded; the response was due " + due +
                ", " + days(t.working_days_overdue, "overdue");
    else if (type == "escalation.endorsement_stale")
        line += "the IRO manager has not endorsed going to " + words(t.stage) +
                "; the endorsement was due " + due + ", " + days(t.working_days_overdue, "overdue");
    else if (type == "escalation.total_breached")
        line += "the dispute process has passed its total time limit, which ended " + due + ", " +
                days(t.working_days_overdue, "over");
    else if (type == "escalation.cafcass_report_late")
        line += "Cafcass's progress report was due " + due + ", " +
                days(t.working_days_overdue, "late");
    else
        line +=
            "no response in time from " + words(t.from_stage) + ": escalated automatically " +
            (t.awaits_endorsement ? "as a request for endorsement to go to " : std::string("to ")) +
            words(t.stage) + " on " + due;
    if (t.chase > 0)
        line += " (reminder " + std::to_string(t.chase) + ")";
    return line;
}

std::vector<store::outbox_message>
compose_escalation_alerts(const std::vector<store::due_escalation_timer>& due,
                          const escalation_compose_options& options) {
    std::map<std::string, std::vector<const item*>> mail;
    std::map<std::string, std::vector<const item*>> topics;
    for (const item& t : due) {
        if (t.email)
            mail[*t.email].push_back(&t);
        topics[topic(t)].push_back(&t);
    }
    std::vector<store::outbox_message> out;
    for (const auto& [email, items] : mail)
        out.push_back(mail_for(email, latest_per_topic(items), options));
    for (const auto& name : options.webhooks)
        for (auto& [_, group] : topics) {
            std::stable_sort(group.begin(), group.end(), [](const item* a, const item* b) {
                return std::tie(a->fire_at, a->chase) < std::tie(b->fire_at, b->chase);
            });
            out.push_back(webhook_for(name, group, options));
        }
    return out;
}

} // namespace reviewd::reminders
