// The store's escalation vocabulary: the ladder settings escalation writes and timers compute
// with, what the API asks to record, what it reads back, and what a firing hands the composer.
// Plain values; no SQL here. The pure model is lib/escalation.
#pragma once

#include "calendar/working_calendar.h"
#include "escalation/escalation.h"
#include "escalation/ladder.h"

#include <date/tz.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reviewd::store {

struct outbox_message;

// The [escalation] part of the configuration, loaded and validated by the daemon.
struct escalation_setup {
    escalation::ladder ladder = escalation::default_ladder();
    std::string holidays = "england-and-wales"; // the division whose working days the ladder counts
    std::chrono::minutes local_time{8 * 60};    // alerts go at this local time on working days
    // Stage id -> a fixed address for its owner (stages nobody in `people` holds, such as the
    // independent person, or a council's shared mailbox). Empty: owners come from `people`.
    std::map<std::string, std::string, std::less<>> owner_emails;
};

// What escalation writes and timers compute with, borrowed from the daemon's rules snapshot.
struct escalation_context {
    const escalation_setup& setup;
    const calendar::working_calendar& calendar;
    const date::time_zone& zone;
    const escalation::ladder& ladder() const { return setup.ladder; }
};

// A new escalation, as the IRO raises it.
struct new_escalation {
    std::string child;     // the child's case reference
    std::string raised_by; // the IRO's person ref
    escalation::category what = escalation::category::other;
    std::string description; // at most escalation::max_description_bytes
    escalation::checklist checks;
    std::string stage; // where it starts; empty: the first stage
};

// One action on an existing escalation. The store stamps it with the time of the write.
struct escalation_action {
    escalation::event_kind kind = escalation::event_kind::acknowledged;
    std::string actor;    // person ref
    std::string role;     // the role the actor acts in (an owner role, "iro", "iro_manager", ...)
    std::string stage;    // advanced, endorsement_requested: the target (empty: the next stage)
    std::string note;     // the answer, the outcome, what was agreed (never in notifications)
    bool proceed = false; // mediated
    std::optional<escalation::checklist> checklist; // the IRO updates the checklist first
};

struct stored_escalation {
    escalation::escalation record; // with its whole history
    // Per event, the person it asked (the owner of the stage it entered, the IRO manager asked to
    // endorse), when one was found when it was recorded.
    std::vector<std::optional<std::string>> asked;
    std::string status; // escalation::status as text
    std::string stage;  // the stage it is open at, or the stage reached
    std::optional<core::day> stale_from;
    core::day raised_on;
    std::string updated_at;
    bool child_archived = false;
};

struct escalation_outcome {
    stored_escalation after;
    int timers_added = 0;
    int timers_removed = 0;
};

// GET /v1/escalations: which escalations, in id order, a page at a time.
struct escalation_filter {
    // open (not finished), stale, awaiting_endorsement, with_cafcass, resolved, withdrawn
    std::optional<std::string> status;
    std::optional<std::string> stage;
    std::optional<std::string> iro;   // person ref: escalations about this IRO's children
    std::optional<std::string> child; // case reference
    std::optional<std::string> cursor;
    int limit = 100;
};
bool valid_escalation_status_filter(const std::string& status);
bool valid_escalation_cursor(const std::string& cursor);

struct listed_escalation {
    std::string id; // "ESC-12"
    std::string child;
    std::string raised_by;
    std::string category;
    std::string status;
    std::string stage;
    core::day raised_on;
    std::optional<core::day> stale_from;
    std::string updated_at;
};

struct escalation_page {
    std::vector<listed_escalation> items;
    std::optional<std::string> next_cursor;
};

// What a re-sync of every unfinished escalation did. An escalation whose history names a stage the
// ladder no longer has keeps its timers and is reported in `problems`.
struct escalation_resync {
    int seen = 0;
    int changed = 0; // timers added or removed
    std::vector<std::string> problems;
};

// "ESC-12" <-> 12.
std::string escalation_ref(std::int64_t id);
std::optional<std::int64_t> escalation_number(const std::string& ref);

// An escalation alert whose time has come (or a notice of an automatic advance), with what is
// needed to word it: ids, stages and days, never the description.
struct due_escalation_timer {
    std::int64_t timer_id = 0;
    std::string key;
    std::string kind;     // escalation::timer_kind as text, or "auto_advanced"
    std::string audience; // stage_owner, iro, iro_manager
    std::string escalation;
    std::string child;
    std::string category;
    std::string stage;      // the stage concerned (auto_advanced: the stage entered)
    std::string from_stage; // auto_advanced: the stage left
    bool awaits_endorsement = false; // auto_advanced: the stage entered waits for endorsement
    std::string owner_role; // the stage's owner role
    int chase = 0;
    std::optional<core::day> due_on; // what was due by the end of this day
    int working_days_overdue = 0;    // in (due_on, the firing day]
    std::int64_t fire_at = 0;        // unix seconds
    bool late = false;
    std::optional<std::string> email; // the audience's address, when known
};

struct escalation_firing {
    std::chrono::seconds late_after{15 * 60};
    // Pure: turns due alerts into outbox messages, inside the firing transaction.
    std::function<std::vector<outbox_message>(const std::vector<due_escalation_timer>&)> compose;
};

struct escalation_firing_result {
    int fired = 0;         // timers that produced (part of) a message, or an advance
    int skipped = 0;       // no longer applicable (the escalation moved on, the case closed)
    int messages = 0;      // outbox rows written
    int late = 0;          // of the fired, how many were late
    int auto_advanced = 0; // escalations that climbed by themselves
    int without_email = 0; // fired alerts whose person has no address (webhooks still go)
    std::map<std::string, int> skipped_because;
};

} // namespace reviewd::store
