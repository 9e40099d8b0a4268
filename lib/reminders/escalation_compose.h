// The words of escalation alerts: turns a batch of due escalation timers (stale stages, their
// chasers, stale endorsement requests, the breached total, late Cafcass reports, automatic
// advances) into outbox messages. One email per recipient per batch, naming each escalation and
// alert once (after downtime, only the latest chaser); one webhook event per escalation and alert
// to each configured webhook, types:
//   escalation.stale              a stage has not responded in time (and its chasers)
//   escalation.endorsement_stale  the IRO manager has not endorsed a request in time
//   escalation.total_breached     the whole process passed its working-day limit
//   escalation.cafcass_report_late a Cafcass progress report is late
//   escalation.auto_advanced      reviewd climbed the ladder by itself (auto_escalate stages)
// Ids, stage names, dates and days overdue only: never the description, an answer, a child's
// name or date of birth. Pure.
#pragma once

#include "store/escalation_records.h"
#include "store/records.h"

#include <string>
#include <vector>

namespace reviewd::reminders {

struct escalation_compose_options {
    std::vector<std::string> webhooks; // names of the configured webhooks
    std::string service = "reviewd";
};

std::vector<store::outbox_message>
compose_escalation_alerts(const std::vector<store::due_escalation_timer>& due,
                          const escalation_compose_options& options);

// "escalation.stale", ... for a timer kind ("stage_chase") or "auto_advanced".
std::string escalation_event_type(const std::string& kind);

// One line about one alert: "ESC-3, child C1 (care plan not implemented): the team manager has
// not responded; the response was due 2026-06-08, 1 working day overdue".
std::string describe_escalation_alert(const store::due_escalation_timer& t);

} // namespace reviewd::reminders
