// Building the report's inputs in tests: days from ISO text, deadline rows met on time, late or
// not at all, and escalations recorded event by event through escalation::apply() on the
// default ladder and the shipped England and Wales calendar (each event must be accepted).
#pragma once

#include "escalation/escalation.h"
#include "escalation/ladder.h"
#include "escalation/outcome.h"
#include "report/annual.h"

#include <string>
#include <vector>

namespace reviewd::test::rep {

core::day d(const char* iso);

// `count` review rows for `iro` (empty: none assigned) with review number `number`, due on
// `due` and met as the name says: on time (the day before), on the due day itself, late (3 days
// after), or not at all.
void add_on_time(std::vector<report::deadline_row>& rows, const std::string& iro, int number,
                 int count, const char* due = "2026-05-12");
void add_on_due_day(std::vector<report::deadline_row>& rows, const std::string& iro, int number,
                    int count, const char* due = "2026-05-12");
void add_late(std::vector<report::deadline_row>& rows, const std::string& iro, int number,
              int count, const char* due = "2026-05-12");
void add_not_met(std::vector<report::deadline_row>& rows, const std::string& iro, int number,
                 int count, const char* due = "2026-05-12");

// One row of any kind.
report::deadline_row row(rules::deadline_kind kind, const char* due, const char* met_on,
                         const std::string& iro = "I-A",
                         rules::deadline_status status = rules::deadline_status::open);

const escalation::ladder& ladder();

// An escalation being recorded, raised by "iro-1": its id "ESC-ID-<id>", its child
// "CHILD-SECRET-<n>", its description and its notes must never reach a report.
class recorder {
public:
    recorder(std::string id, escalation::category what);
    recorder& raise(const char* day);
    recorder& respond(const char* day);
    recorder& advance(const char* day, const std::string& stage = {});
    recorder& request_endorsement(const char* day, const std::string& stage);
    recorder& endorse(const char* day);
    recorder& refer(const char* day);
    // Resolved with the outcome code at the head of the note ("needs_met: SECRET-NOTE"), or a
    // note without one.
    recorder& resolve(const char* day, std::optional<escalation::outcome> code = std::nullopt);
    recorder& withdraw(const char* day);
    escalation::escalation done() const { return x_; }

private:
    recorder& add(escalation::event_kind kind, const char* day, const std::string& role,
                  const std::string& stage = {}, const std::string& note = "SECRET-NOTE");
    escalation::escalation x_;
};

// The shipped England and Wales calendar (bank holidays 2010-2027).
const calendar::working_calendar& england();

// compute_annual() on `input`; fails the test when it refuses.
report::annual_report compute(const report::annual_input& input);

} // namespace reviewd::test::rep
