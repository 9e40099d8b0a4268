// The escalation store fixture; see escalation_fixture.h.
#include "store/escalation_fixture.h"

#include "store/sqlite.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>

namespace reviewd::test {

core::instant utc(const std::string& iso) {
    const auto seconds = std::chrono::hours(std::stoi(iso.substr(11, 2))) +
                         std::chrono::minutes(std::stoi(iso.substr(14, 2))) +
                         std::chrono::seconds(std::stoi(iso.substr(17, 2)));
    return core::instant{day(iso.substr(0, 10))} + seconds;
}

escalation_store_fixture::escalation_store_fixture() {
    const auto person = [&](const char* ref, const char* role, std::optional<std::string> manager) {
        REQUIRE(db->put_person({ref, role, std::string("Staff ") + ref,
                                std::string(ref) + "@council.example", manager},
                               who, "t"));
    };
    person("M1", "iro_manager", std::nullopt);
    person("I1", "iro", "M1");
    person("I2", "iro", "M1");
    person("D1", "director", std::nullopt);
    person("H1", "head_of_service", "D1");
    person("S1", "service_manager", "H1");
    person("T1", "team_manager", "S1");
    REQUIRE(db->put_case(simple_case("C1"), rules, who, "t"));
    REQUIRE(
        db->put_assignments("C1", {std::string("I1"), std::nullopt, std::string("T1")}, who, "t"));
}

store::escalation_context escalation_store_fixture::ctx() const {
    return {setup, *shipped_calendar_set().find("england-and-wales"), *london};
}

std::string escalation_store_fixture::raise(const std::string& when, const std::string& stage) {
    store::new_escalation x;
    x.child = "C1";
    x.raised_by = "I1";
    x.what = escalation::category::care_plan_not_implemented;
    x.description = "Sibling contact agreed at review not arranged";
    x.stage = stage;
    const auto out = db->raise_escalation(x, ctx(), who, utc(when));
    if (!out)
        FAIL(core::describe(out.err()));
    return out.value().after.record.id;
}

core::result<store::escalation_outcome>
escalation_store_fixture::act(const std::string& id, const store::escalation_action& a,
                              const std::string& when) {
    return db->record_escalation(id, a, ctx(), who, utc(when));
}

store::escalation_action escalation_store_fixture::action(escalation::event_kind kind,
                                                          const std::string& actor,
                                                          const std::string& role,
                                                          const std::string& stage,
                                                          const std::string& note) {
    store::escalation_action a;
    a.kind = kind;
    a.actor = actor;
    a.role = role;
    a.stage = stage;
    a.note = note;
    return a;
}

store::escalation_firing_result escalation_store_fixture::fire(const std::string& when) {
    store::escalation_firing how;
    how.compose = [&](const std::vector<store::due_escalation_timer>& due) {
        batches.push_back(due);
        std::vector<store::outbox_message> out;
        for (const auto& t : due)
            if (t.email)
                out.push_back({"esc_" + std::to_string(t.timer_id) + "_" + t.audience + "_" +
                                   std::to_string(batches.size()),
                               "email", *t.email, "escalation.stale", "s", "t", "", "{}", t.late,
                               ""});
        return out;
    };
    return db->fire_due_escalation_timers(utc(when), ctx(), how);
}

std::vector<std::string> escalation_store_fixture::pending_keys(const std::string& id) {
    auto c = store::connection::open(file, false, true);
    auto st = c.prepare("SELECT key FROM escalation_timers WHERE escalation_id = ?1 AND state = "
                        "'pending' ORDER BY key");
    st.bind(1, *store::escalation_number(id));
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

} // namespace reviewd::test
