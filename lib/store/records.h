// The store's vocabulary: people, assignments, tokens, stored cases and the filters the API reads
// deadlines with. Plain values; no SQL here.
#pragma once

#include "core/dates.h"
#include "rules/case_facts.h"
#include "store/deadline_diff.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reviewd::store {

// Who made a change, for the audit trail: the API token's name, or "cli:<user>" for commands.
struct actor {
    std::string name;
};

struct person {
    std::string ref;  // the council's staff reference
    std::string role; // iro, iro_manager, social_worker, team_manager, service_manager,
                      // head_of_service, director, chief_executive
    std::string name; // staff names are work contact details, not children's data
    std::string email;
    std::optional<std::string> manager; // ref of the person they report to (an IRO's IRO manager)
    bool active = true;
};
bool valid_person_role(std::string_view role);

// Who is assigned to a child: person refs by relation.
struct assignments {
    std::optional<std::string> iro;
    std::optional<std::string> social_worker;
    std::optional<std::string> team_manager;
};

struct stored_case {
    std::int64_t id = 0;
    rules::case_facts facts;
    int revision = 1;
    std::string updated_at;
    std::optional<std::string> archived_at;
};

// What a write did: whether anything changed (an identical write changes nothing and is not
// audited), the case's revision after it, and how its deadlines moved.
struct write_outcome {
    bool created = false;
    bool changed = false;
    int revision = 0;
    std::string deadlines; // deadline_diff::summary()
};

struct token_record {
    std::string name;
    std::string role;                  // admin, manager, iro, integration
    std::optional<std::string> person; // for role iro: the IRO's ref
};
bool valid_token_role(std::string_view role);

// GET /v1/deadlines: which deadlines, in (due, id) order, one page at a time.
struct deadline_filter {
    std::optional<std::string> iro;      // person ref: only children assigned to this IRO
    std::optional<core::day> due_before; // due strictly before
    std::optional<std::string> status;   // open, met, met_late, missed, cancelled
    std::optional<std::string> kind;     // a deadline kind
    std::optional<std::string> cursor;   // from the previous page's next_cursor
    int limit = 100;
};

bool valid_deadline_cursor(const std::string& cursor);

struct listed_deadline {
    std::string child;
    stored_deadline stored;
};

struct deadline_page {
    std::vector<listed_deadline> items;
    std::optional<std::string> next_cursor;
};

// A message for the outbox, as composed when timers fire (or when a message dies and an alert
// goes out). Bodies hold ids, dates and deadline kinds: no names, no dates of birth.
struct outbox_message {
    std::string event_id;
    std::string channel;   // "email" or "webhook"
    std::string recipient; // email address, or webhook name
    std::string event_type;
    std::string subject;
    std::string text_body;
    std::string html_body;
    std::string json_body;
    bool late = false;
    std::string calendar_body; // an email's text/calendar (METHOD:PUBLISH) part, or empty
};

// An outbox row as the delivery worker and `reviewd outbox list` see it.
struct outbox_row {
    std::int64_t id = 0;
    outbox_message message;
    std::string state; // pending, sending, sent, dead, discarded
    int attempts = 0;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> first_attempt_at;
    std::int64_t next_attempt_at = 0;
    std::optional<std::int64_t> sent_at;
    std::optional<std::string> last_error;
};

// A timer whose time has come, with what is needed to write its reminder.
struct due_timer {
    std::int64_t timer_id = 0;
    std::string key;
    std::string tag;
    std::string audience;
    std::int64_t fire_at = 0; // unix seconds
    bool late = false;
    std::string child; // case reference
    stored_deadline deadline;
    std::optional<std::string> email; // the audience's address, when it is a person and known
};

// One open deadline as the daily digest sees it: the child's reference and the addresses of the
// people it may concern (each when assigned, active and with an email address).
struct digest_entry {
    std::string child;
    stored_deadline deadline;
    std::optional<std::string> iro, iro_manager, team_manager, social_worker;
};

} // namespace reviewd::store
