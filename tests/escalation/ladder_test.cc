// The default ladder follows domain.md and issue 5; a council's own ladder is refused, naming the
// field, when it could not work.
#include "fixture.h"

#include <catch2/catch.hpp>

#include <functional>

using namespace reviewd;
using escalation::ladder;

TEST_CASE("the default ladder climbs from team manager to Cafcass, 5 working days a stage",
          "[escalation][ladder]") {
    const ladder l = escalation::default_ladder();
    std::vector<std::string> ids;
    for (const auto& s : l.stages) {
        ids.push_back(s.id);
        CHECK(s.owner_role == s.id);
        CHECK(s.response_working_days == 5);
        CHECK_FALSE(s.auto_escalate); // alert only, unless the council says otherwise
    }
    CHECK(ids == std::vector<std::string>{"team_manager", "service_manager", "head_of_service",
                                          "director", "chief_executive", "independent_person",
                                          "cafcass"});
    CHECK(l.total_limit_working_days == 20);
    CHECK(l.cafcass_report_interval_days == 28);
    CHECK(l.mediator_role == "head_of_service");
    REQUIRE(escalation::validate_ladder(l).ok());
}

TEST_CASE("endorsement and the checklist are expected from head of service up, but Cafcass is the "
          "IRO's own referral",
          "[escalation][ladder]") {
    const ladder l = escalation::default_ladder();
    const std::vector<std::tuple<std::string, bool, bool, bool>> expected = {
        // stage, needs endorsement, formal, cafcass
        {"team_manager", false, false, false},  {"service_manager", false, false, false},
        {"head_of_service", true, true, false}, {"director", true, true, false},
        {"chief_executive", true, true, false}, {"independent_person", true, true, false},
        {"cafcass", false, true, true},
    };
    for (const auto& [id, endorsement, formal, cafcass] : expected) {
        INFO(id);
        const auto* s = l.find(id);
        REQUIRE(s);
        CHECK(s->needs_endorsement == endorsement);
        CHECK(s->formal == formal);
        CHECK(s->cafcass == cafcass);
    }
}

TEST_CASE("a ladder that could not work is refused, naming the field", "[escalation][ladder]") {
    struct bad {
        const char* what;
        std::function<void(ladder&)> spoil;
        const char* field;
    };
    const std::vector<bad> cases = {
        {"no stages", [](ladder& l) { l.stages.clear(); }, "stages"},
        {"only Cafcass", [](ladder& l) { l.stages.erase(l.stages.begin(), l.stages.end() - 1); },
         "stages"},
        {"an id used twice", [](ladder& l) { l.stages[3].id = "service_manager"; }, "stages[3].id"},
        {"an empty id", [](ladder& l) { l.stages[1].id = ""; }, "stages[1].id"},
        {"an id with spaces", [](ladder& l) { l.stages[1].id = "service manager"; },
         "stages[1].id"},
        {"no owner role", [](ladder& l) { l.stages[2].owner_role = ""; }, "stages[2].owner_role"},
        {"zero response days", [](ladder& l) { l.stages[0].response_working_days = 0; },
         "stages[0].response_working_days"},
        {"negative response days", [](ladder& l) { l.stages[4].response_working_days = -5; },
         "stages[4].response_working_days"},
        {"a year and more to respond", [](ladder& l) { l.stages[4].response_working_days = 261; },
         "stages[4].response_working_days"},
        {"no Cafcass stage", [](ladder& l) { l.stages.pop_back(); }, "stages[5].cafcass"},
        {"Cafcass not last", [](ladder& l) { std::swap(l.stages[5], l.stages[6]); },
         "stages[5].cafcass"},
        {"two Cafcass stages", [](ladder& l) { l.stages[5].cafcass = true; }, "stages[5].cafcass"},
        {"the first stage needs endorsement",
         [](ladder& l) { l.stages[0].needs_endorsement = true; }, "stages[0].needs_endorsement"},
        {"zero total limit", [](ladder& l) { l.total_limit_working_days = 0; },
         "total_limit_working_days"},
        {"zero chase interval", [](ladder& l) { l.chase_interval_working_days = 0; },
         "chase_interval_working_days"},
        {"negative chasers", [](ladder& l) { l.max_chases = -1; }, "max_chases"},
        {"too many chasers", [](ladder& l) { l.max_chases = 53; }, "max_chases"},
        {"zero endorsement time", [](ladder& l) { l.endorsement_working_days = 0; },
         "endorsement_working_days"},
        {"zero report interval", [](ladder& l) { l.cafcass_report_interval_days = 0; },
         "cafcass_report_interval_days"},
        {"no mediator", [](ladder& l) { l.mediator_role.clear(); }, "mediator_role"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        ladder l = escalation::default_ladder();
        c.spoil(l);
        const auto checked = escalation::validate_ladder(l);
        REQUIRE_FALSE(checked.ok());
        CHECK(checked.err().code == "invalid_ladder");
        CHECK(checked.err().field == c.field);
        CHECK_FALSE(checked.err().message.empty());
    }
}

TEST_CASE("a council's shorter ladder with no chasers is valid", "[escalation][ladder]") {
    ladder l;
    l.stages.push_back({"team_manager", "team_manager", 10, false, true, false, false});
    l.stages.push_back({"cafcass", "cafcass", 5, false, false, true, true});
    l.max_chases = 0;
    CHECK(escalation::validate_ladder(l).ok());
}
