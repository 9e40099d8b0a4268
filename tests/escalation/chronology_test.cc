// The chronology for a Cafcass referral: every dispute step with its dates, who was asked, how
// long they took in working days and what they answered; endorsements; the time limit; Cafcass;
// the checklist; the outcome; as Markdown and JSON.
#include "escalation/chronology.h"
#include "fixture.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace reviewd::test::esc;
namespace escalation = reviewd::escalation;

namespace {

escalation::event noted(escalation::event e, const char* note) {
    e.note = note;
    return e;
}

// Raised at the team manager on Monday 1 June 2026; answered in time; then the service manager
// says nothing; the head of service, endorsed, answers; referred to Cafcass; a progress report;
// resolved.
escalation::escalation story() {
    return after({
        ev(event_kind::acknowledged, "2026-06-02", "team_manager"),
        noted(ev(event_kind::responded, "2026-06-04", "team_manager"),
              "Contact to be arranged | by July"),
        ev(event_kind::advanced, "2026-06-08", "iro", "service_manager"),
        ev(event_kind::endorsement_requested, "2026-06-16", "iro", "head_of_service"),
        ev(event_kind::endorsed, "2026-06-17", "iro_manager"),
        noted(ev(event_kind::responded, "2026-06-22", "head_of_service"), "Refused: no funding"),
        ev(event_kind::referred_to_cafcass, "2026-06-29", "iro"),
        ev(event_kind::cafcass_progress_report, "2026-07-20", "iro"),
        noted(ev(event_kind::resolved, "2026-08-03", "iro"), "needs_met: contact restored"),
    });
}

const std::vector<std::optional<std::string>> asked = {std::string("T-9"), std::nullopt,
                                                       std::nullopt,       std::string("S-4"),
                                                       std::string("M-2"), std::string("H-1")};

escalation::chronology build(const escalation::escalation& e, const char* today) {
    auto c = escalation::chronology_of(e, asked, standard(), reviewd::test::england_and_wales(),
                                       d(today));
    REQUIRE(c);
    return c.value();
}

} // namespace

TEST_CASE("the chronology lists each stage with who was asked, when, how long and the answer",
          "[escalation][chronology]") {
    const auto c = build(story(), "2026-08-10");
    CHECK(c.now == escalation::status::resolved);
    REQUIRE(c.steps.size() == 4);

    const auto& tm = c.steps[0];
    CHECK(tm.stage == "team_manager");
    CHECK(tm.asked == std::optional<std::string>("T-9"));
    CHECK(iso(tm.entered_on) == "2026-06-01");
    CHECK(iso(*tm.response_due) == "2026-06-08");
    CHECK(iso(*tm.acknowledged_on) == "2026-06-02");
    REQUIRE(tm.answers.size() == 1);
    CHECK(tm.answers[0].by == "team_manager-1");
    CHECK(tm.working_days == 3); // 2, 3 and 4 June
    CHECK(tm.in_time);
    CHECK(tm.left_how == "went to service manager");

    const auto& sm = c.steps[1];
    CHECK(sm.asked == std::optional<std::string>("S-4"));
    CHECK_FALSE(sm.answered);
    CHECK(sm.working_days == 7); // 9 to 17 June, unanswered until it was left
    CHECK(iso(*sm.left_on) == "2026-06-17");

    const auto& hos = c.steps[2];
    CHECK(hos.entered_by == "endorsed");
    CHECK(hos.asked == std::optional<std::string>("H-1"));
    CHECK(hos.working_days == 3); // 18, 19 and 22 June
    CHECK(hos.in_time);
    REQUIRE(hos.checklist_on_entry);
    CHECK_FALSE(hos.checklist_on_entry->complete());
    CHECK(hos.left_how == "referred to Cafcass");

    CHECK(c.steps[3].stage == "cafcass");
    CHECK_FALSE(c.steps[3].response_due);
    CHECK(c.steps[3].left_how == "resolved");

    REQUIRE(c.endorsements.size() == 1);
    CHECK(c.endorsements[0].stage == "head_of_service");
    CHECK(c.endorsements[0].asked == std::optional<std::string>("M-2"));
    CHECK(c.endorsements[0].decision == "endorsed");
    CHECK(c.endorsements[0].decided_by == "mgr-3");
    CHECK(c.endorsements[0].working_days == 1);

    // The council's process ran from the raise to the referral: 20 working days, the limit.
    CHECK(c.total_working_days == 20);
    CHECK_FALSE(c.total_breached);
    CHECK(iso(*c.referred_to_cafcass_on) == "2026-06-29");
    REQUIRE(c.cafcass_reports.size() == 1);
    CHECK(c.entered_incomplete == std::vector<std::string>{"head_of_service", "cafcass"});
    REQUIRE(c.resolved);
    CHECK(c.resolved->code == escalation::outcome::needs_met);
    CHECK(c.resolved->details == "contact restored");
    CHECK(c.events.size() == 10);
}

TEST_CASE("the chronology in Markdown is the referral pack summary a person reads",
          "[escalation][chronology]") {
    const std::string md = escalation::chronology_markdown(build(story(), "2026-08-10"));
    CHECK(md.find("# Referral pack summary: escalation E-1\n") == 0);
    CHECK(md.find("- Status: resolved at cafcass (as of 2026-08-10)\n") != std::string::npos);
    CHECK(md.find("## The failure\n\nCategory: care plan not implemented\n\n> Contact with "
                  "siblings agreed at review not arranged\n") != std::string::npos);
    CHECK(md.find("| 1 | team manager | team_manager, T-9 | 2026-06-01 | 2026-06-08 | 2026-06-02 "
                  "| 2026-06-04 | 3 (in time) | 2026-06-04 team_manager-1: Contact to be arranged "
                  "\\| by July | 2026-06-08, went to service manager |\n") != std::string::npos);
    CHECK(md.find("| 2 | service manager | service_manager, S-4 | 2026-06-08 | 2026-06-15 | - | - "
                  "| 7 (no answer) | - | 2026-06-17, went to head of service |\n") !=
          std::string::npos);
    CHECK(md.find("| 2026-06-16 | head of service | M-2 | 2026-06-17 | mgr-3 | endorsed | 1 | - "
                  "|\n") != std::string::npos);
    CHECK(md.find("20 working days of the 20 allowed: within the limit.") != std::string::npos);
    CHECK(md.find("Referred on 2026-06-29. Progress reports received: 2026-07-20.") !=
          std::string::npos);
    CHECK(md.find("- [ ] Advocate offered to the child\n") != std::string::npos);
    CHECK(md.find("Formal stages entered with the checklist incomplete: head of service "
                  "cafcass.") != std::string::npos);
    CHECK(md.find("Resolved on 2026-08-03 at cafcass. Outcome: needs met (contact restored).") !=
          std::string::npos);
    CHECK(md.find("| 10 | 2026-08-03 | resolved | iro-7 (iro) | cafcass | needs_met: contact "
                  "restored |\n") != std::string::npos);
}

TEST_CASE("the chronology in JSON carries the same facts for a system",
          "[escalation][chronology]") {
    const auto j = nlohmann::json::parse(escalation::chronology_json(build(story(), "2026-08-10")));
    CHECK(j["escalation"] == "E-1");
    CHECK(j["failure"]["category"] == "care_plan_not_implemented");
    CHECK(j["failure"]["description"] == "Contact with siblings agreed at review not arranged");
    REQUIRE(j["steps"].size() == 4);
    CHECK(j["steps"][0]["asked"] == "T-9");
    CHECK(j["steps"][0]["working_days"] == 3);
    CHECK(j["steps"][0]["answers"][0]["text"] == "Contact to be arranged | by July");
    CHECK(j["steps"][1]["answered"] == false);
    CHECK(j["endorsements"][0]["decision"] == "endorsed");
    CHECK(j["time_limit"]["working_days"] == 20);
    CHECK(j["cafcass"]["referred_on"] == "2026-06-29");
    CHECK(j["checklist"]["missing"].size() == 3);
    CHECK(j["resolution"]["outcome"] == "needs_met");
    CHECK(j["resolution"]["stage_reached"] == "cafcass");
    CHECK(j["events"].size() == 10);
}

TEST_CASE("an open escalation's unanswered stage counts working days to today",
          "[escalation][chronology]") {
    const auto e = after({ev(event_kind::endorsement_requested, "2026-06-03", "iro", "director")});
    const auto c = build(e, "2026-06-12");
    CHECK(c.now == escalation::status::awaiting_endorsement);
    REQUIRE(c.steps.size() == 1);
    CHECK_FALSE(c.steps[0].left_on);
    CHECK(c.steps[0].working_days == 9); // 2 to 12 June
    REQUIRE(c.endorsements.size() == 1);
    CHECK(c.endorsements[0].decision.empty());
    CHECK(c.endorsements[0].working_days == 7);
    const std::string md = escalation::chronology_markdown(c);
    CHECK(md.find("9 (no answer yet)") != std::string::npos);
    CHECK(md.find("| pending |") != std::string::npos);
}

TEST_CASE("an endorsement still awaited when the escalation is resolved stops counting there",
          "[escalation][chronology]") {
    const auto e =
        after({ev(event_kind::endorsement_requested, "2026-06-03", "iro", "director"),
               noted(ev(event_kind::resolved, "2026-06-05", "iro"), "needs_met: agreed")});
    const auto c = build(e, "2026-06-12");
    CHECK(c.now == escalation::status::resolved);
    REQUIRE(c.endorsements.size() == 1);
    CHECK_FALSE(c.endorsements[0].decided_on);
    CHECK(c.endorsements[0].decision == "not decided: resolved first");
    CHECK(c.endorsements[0].working_days == 2); // 3 to 5 June, not to today
    const std::string md = escalation::chronology_markdown(c);
    CHECK(md.find("| pending |") == std::string::npos);
    CHECK(md.find("not decided: resolved first") != std::string::npos);
}

TEST_CASE("resolution notes carry a coded outcome", "[escalation][chronology]") {
    const auto r = escalation::resolution_of("plan_amended: new placement from September");
    CHECK(r.code == escalation::outcome::plan_amended);
    CHECK(r.details == "new placement from September");
    CHECK(escalation::resolution_of("not_upheld").details.empty());
    CHECK_FALSE(escalation::resolution_of("fixed: by hand").code);
    CHECK(escalation::resolution_note(escalation::outcome::other, "x") == "other: x");
    CHECK(escalation::outcome_from("cafcass_proceedings") ==
          escalation::outcome::cafcass_proceedings);
}
