// The chronology of one escalation: the summary a Cafcass referral needs (IRO Handbook ch. 6;
// domain.md step 7): the failure, every dispute step with its dates, who was asked (role and
// person), how long they took in working days, what they answered, the endorsements, the time
// limit, the Cafcass stage, the checklist and how it ended, plus every event in order. Built from
// the recorded history (the same replay the state machine uses) and rendered as Markdown or JSON.
//
// This is the one place the description and the notes appear in full: the pack goes to Cafcass
// on purpose. Notifications and logs never carry them. Pure: the calendar and `today` are handed
// in; "who was asked" comes from the store, which resolved it when each event was recorded.
#pragma once

#include "calendar/working_calendar.h"
#include "escalation/escalation.h"
#include "escalation/outcome.h"

#include <optional>
#include <string>
#include <vector>

namespace reviewd::escalation {

struct answer {
    core::day on;
    std::string by; // person ref
    std::string text;
};

// One rung of the ladder the escalation stood at.
struct dispute_step {
    std::string stage;
    std::string owner_role;
    std::optional<std::string> asked; // the person asked, when one was found
    core::day entered_on;
    std::string entered_by; // raised, advanced, endorsed, mediated, referred_to_cafcass
    bool automatic = false; // entered by reviewd's automatic advance
    std::optional<core::day> response_due; // none at the Cafcass stage
    std::optional<core::day> acknowledged_on;
    std::vector<answer> answers; // in order; the first stops the response clock
    // Working days from entry to the first answer, or to leaving the stage (or today) unanswered.
    int working_days = 0;
    bool answered = false;
    bool in_time = false; // answered by the end of response_due
    std::optional<core::day> left_on;
    std::string left_how;                        // "advanced to director", "resolved", ...
    std::optional<checklist> checklist_on_entry; // formal stages
};

struct endorsement_step {
    std::string stage; // the stage asked for
    core::day requested_on;
    std::string requested_by;
    std::optional<std::string> asked; // the IRO manager asked
    std::optional<core::day> decided_on;
    std::string decided_by;
    // "endorsed", "mediated: proceed", "mediated: not proceed", "not decided: resolved first",
    // or "" while pending
    std::string decision;
    std::string note;
    int working_days = 0; // to the decision, the resolution, or today while pending
};

struct chronology_event {
    std::size_t seq = 0;
    core::day on;
    std::string at; // UTC, "2026-06-01T10:00:00Z"
    std::string kind;
    std::string actor;
    std::string role;
    std::string stage;
    std::string note;
};

struct chronology {
    std::string id;
    std::string child;
    std::string raised_by;
    category what = category::other;
    std::string description;
    core::day raised_on;
    core::day as_of;
    status now = status::open;
    std::string stage_reached;
    std::vector<dispute_step> steps;
    std::vector<endorsement_step> endorsements;
    int total_working_days = 0; // raise to resolution or referral (or today)
    int total_limit_working_days = 20;
    bool total_breached = false;
    std::optional<core::day> referred_to_cafcass_on;
    std::vector<core::day> cafcass_reports;
    std::optional<core::day> withdrawn_on;
    checklist checks; // as it stands
    std::vector<checklist_item> missing;
    std::vector<std::string> entered_incomplete; // formal stages entered with it incomplete
    std::optional<core::day> resolved_on;
    std::optional<resolution> resolved;
    std::vector<chronology_event> events;
};

// `asked[i]` is the person event i asked (may be shorter than the history). Errors as state_of's.
core::result<chronology> chronology_of(const escalation& e,
                                       const std::vector<std::optional<std::string>>& asked,
                                       const ladder& l, const calendar::working_calendar& calendar,
                                       core::day today);

std::string chronology_markdown(const chronology& c);
std::string chronology_json(const chronology& c); // pretty-printed, two spaces

} // namespace reviewd::escalation
