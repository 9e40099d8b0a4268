// Helpers for the report tests; see report_fixture.h.
#include "report_fixture.h"

#include "escalation/state.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>

namespace reviewd::test::rep {

core::day d(const char* iso) {
    const auto day = core::parse_iso_date(iso);
    REQUIRE(day);
    return *day;
}

namespace {

void add_reviews(std::vector<report::deadline_row>& rows, const std::string& iro, int number,
                 int count, const char* due, std::optional<int> met_after) {
    for (int i = 0; i < count; ++i) {
        report::deadline_row r;
        r.kind = rules::deadline_kind::review;
        r.sequence = number;
        r.due = d(due);
        if (met_after)
            r.met_on = r.due + date::days{*met_after};
        r.status = !met_after        ? rules::deadline_status::open
                   : *met_after <= 0 ? rules::deadline_status::met
                                     : rules::deadline_status::met_late;
        if (!iro.empty())
            r.iro = iro;
        rows.push_back(r);
    }
}

} // namespace

void add_on_time(std::vector<report::deadline_row>& rows, const std::string& iro, int number,
                 int count, const char* due) {
    add_reviews(rows, iro, number, count, due, -1);
}
void add_on_due_day(std::vector<report::deadline_row>& rows, const std::string& iro, int number,
                    int count, const char* due) {
    add_reviews(rows, iro, number, count, due, 0);
}
void add_late(std::vector<report::deadline_row>& rows, const std::string& iro, int number,
              int count, const char* due) {
    add_reviews(rows, iro, number, count, due, 3);
}
void add_not_met(std::vector<report::deadline_row>& rows, const std::string& iro, int number,
                 int count, const char* due) {
    add_reviews(rows, iro, number, count, due, std::nullopt);
}

report::deadline_row row(rules::deadline_kind kind, const char* due, const char* met_on,
                         const std::string& iro, rules::deadline_status status) {
    report::deadline_row r;
    r.kind = kind;
    r.due = d(due);
    if (met_on)
        r.met_on = d(met_on);
    r.status = status;
    if (!iro.empty())
        r.iro = iro;
    return r;
}

const escalation::ladder& ladder() {
    static const escalation::ladder l = escalation::default_ladder();
    return l;
}

const calendar::working_calendar& england() {
    return england_and_wales();
}

recorder::recorder(std::string id, escalation::category what) {
    static int children = 0;
    x_.id = "ESC-ID-" + id;
    x_.child_ref = "CHILD-SECRET-" + std::to_string(++children);
    x_.raised_by = "iro-1";
    x_.what = what;
    x_.description = "SECRET-DESCRIPTION about the child's placement";
}

recorder& recorder::add(escalation::event_kind kind, const char* day, const std::string& role,
                        const std::string& stage, const std::string& note) {
    escalation::event e;
    e.kind = kind;
    e.local_day = d(day);
    e.at = core::instant{e.local_day.time_since_epoch()} + std::chrono::hours{10};
    e.role = role;
    e.actor = role == "iro" ? "iro-1" : role + "-person";
    e.stage = stage;
    e.note = note;
    auto next = escalation::apply(x_, e, ladder());
    if (!next)
        FAIL(x_.id + ": " + std::string(escalation::to_string(kind)) + " on " + day +
             " was refused: " + core::describe(next.err()));
    x_ = std::move(next).value();
    return *this;
}

recorder& recorder::raise(const char* day) {
    return add(escalation::event_kind::raised, day, "iro");
}
recorder& recorder::respond(const char* day) {
    const auto s = escalation::state_of(x_, ladder(), england(), d(day));
    REQUIRE(s);
    REQUIRE(s.value().stage);
    return add(escalation::event_kind::responded, day, s.value().stage->owner_role);
}
recorder& recorder::advance(const char* day, const std::string& stage) {
    return add(escalation::event_kind::advanced, day, "iro", stage);
}
recorder& recorder::request_endorsement(const char* day, const std::string& stage) {
    return add(escalation::event_kind::endorsement_requested, day, "iro", stage);
}
recorder& recorder::endorse(const char* day) {
    return add(escalation::event_kind::endorsed, day, "iro_manager");
}
recorder& recorder::refer(const char* day) {
    return add(escalation::event_kind::referred_to_cafcass, day, "iro");
}
recorder& recorder::resolve(const char* day, std::optional<escalation::outcome> code) {
    return add(escalation::event_kind::resolved, day, "iro", {},
               code ? escalation::resolution_note(*code, "SECRET-NOTE") : "SECRET-NOTE");
}
recorder& recorder::withdraw(const char* day) {
    return add(escalation::event_kind::withdrawn_from_cafcass, day, "iro");
}

report::annual_report compute(const report::annual_input& input) {
    auto r = report::compute_annual(input, ladder(), england());
    if (!r)
        FAIL(core::describe(r.err()));
    return r.value();
}

} // namespace reviewd::test::rep
