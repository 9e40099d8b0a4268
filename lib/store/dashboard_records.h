// What the IRO manager's dashboard reads from the store (case_store::dashboard, in
// dashboard_queries.cc): open deadlines overdue or due this week grouped by IRO, IRO caseloads,
// stale escalations and the state of the outbox. Plain values, references and counts only: no
// child's name or date of birth is ever read, and no message body or recipient.
#pragma once

#include "core/dates.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reviewd::store {

struct dashboard_query {
    core::day today;    // the council's civil date now: open deadlines due before it are overdue
    core::day week_end; // the last day of "this week" (Sunday): due in [today, week_end]
    int items_per_group = 25;   // per IRO, at most this many overdue and this many due this week
    int stale_escalations = 50; // at most this many stale escalations, longest stale first
    int latest_dead = 5;        // the most recent dead messages listed
};

// One open deadline, as the dashboard lists it: the child's case reference, never more.
struct dashboard_deadline {
    std::string child;
    std::string kind; // rules::deadline_kind as text
    int sequence = 0;
    core::day due;
    core::day practical_due;
};

// The open deadlines of one IRO's children (or of children with no IRO: `iro` empty).
struct dashboard_iro_deadlines {
    std::optional<std::string> iro;                  // person ref
    std::string name;                                // the IRO's name (staff), "" when unassigned
    int overdue = 0;                                 // due before `today`
    int due_this_week = 0;                           // due in [today, week_end]
    std::vector<dashboard_deadline> overdue_items;   // earliest due first, capped
    std::vector<dashboard_deadline> this_week_items; // earliest due first, capped
};

struct dashboard_caseload {
    std::string iro; // person ref
    std::string name;
    bool active = true;
    int children = 0; // open (not archived) cases assigned now
};

// A stale escalation: a stage (or an endorsement request) past its time to respond.
struct dashboard_escalation {
    std::string id;        // "ESC-12"
    std::string child;     // case reference
    std::string raised_by; // the IRO's person ref
    std::string category;
    std::string status; // open or awaiting_endorsement
    std::string stage;  // the stage it is open at
    core::day raised_on;
    core::day stale_from;
};

// A message that could not be delivered: what it was and why, never its body or recipient.
struct dashboard_dead_message {
    std::int64_t id = 0;
    std::string channel;    // email, webhook
    std::string event_type; // e.g. deadline.reminder
    int attempts = 0;
    std::string last_error;
    std::int64_t created_at = 0; // unix seconds
    std::optional<std::int64_t>
        first_attempt_at; // unix seconds (the outbox keeps no time of death)
};

struct dashboard_figures {
    std::vector<dashboard_iro_deadlines> deadlines; // IROs by ref, then the unassigned group
    int overdue = 0;                                // over every group
    int due_this_week = 0;

    std::vector<dashboard_caseload> caseloads; // active IROs, and inactive ones still holding cases
    int open_children = 0;
    int children_without_iro = 0;

    int open_escalations = 0; // not resolved or withdrawn
    int stale_escalations = 0;
    std::vector<dashboard_escalation> stale; // longest stale first, capped

    int dead_messages = 0;
    int pending_messages = 0;                        // waiting to be sent or being sent
    std::vector<dashboard_dead_message> latest_dead; // newest first
};

} // namespace reviewd::store
