// Escalation alerts in words: one email per person naming each escalation once, one webhook per
// escalation and alert, thin payloads, stable event ids, and never the description.
#include "reminders/escalation_compose.h"

#include "support/rules_fixture.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using reviewd::test::day;
namespace store = reviewd::store;
namespace reminders = reviewd::reminders;

namespace {

store::due_escalation_timer alert(std::int64_t id, const std::string& audience,
                                  const std::string& email, const std::string& kind = "stage_stale",
                                  int chase = 0) {
    store::due_escalation_timer t;
    t.timer_id = id;
    t.key = "team_manager/2026-06-01/" + kind + (chase ? "-" + std::to_string(chase) : "") + "/" +
            audience;
    t.kind = kind;
    t.audience = audience;
    t.escalation = "ESC-7";
    t.child = "C-100";
    t.category = "care_plan_not_implemented";
    t.stage = "team_manager";
    t.owner_role = "team_manager";
    t.chase = chase;
    t.due_on = day("2026-06-08");
    t.working_days_overdue = 1 + 5 * chase;
    t.fire_at = 1780000000 + chase * 604800;
    t.email = email;
    return t;
}

reminders::escalation_compose_options options() {
    reminders::escalation_compose_options o;
    o.webhooks = {"case-system"};
    return o;
}

} // namespace

TEST_CASE("a stale stage is one email per person and one escalation.stale webhook",
          "[reminders][escalation]") {
    const std::vector<store::due_escalation_timer> due = {
        alert(1, "stage_owner", "t1@council.example"), alert(2, "iro", "i1@council.example"),
        alert(3, "iro_manager", "m1@council.example")};
    const auto out = reminders::compose_escalation_alerts(due, options());
    REQUIRE(out.size() == 4);
    int mails = 0;
    for (const auto& m : out) {
        if (m.channel == "email") {
            ++mails;
            CHECK(m.event_type == "escalation.stale");
            CHECK(m.subject == "[reviewd] Escalation ESC-7 (child C-100): team manager has not "
                               "responded, 1 working day overdue");
            CHECK(m.text_body.find("- ESC-7, child C-100 (care plan not implemented): the team "
                                   "manager stage has not responded; the response was due "
                                   "2026-06-08, 1 working day overdue\n") != std::string::npos);
            CHECK(m.html_body.find("<td>ESC-7</td>") != std::string::npos);
            CHECK_FALSE(m.late);
        } else {
            CHECK(m.recipient == "case-system");
            CHECK(m.event_type == "escalation.stale");
            const auto body = nlohmann::json::parse(m.json_body);
            CHECK(body["type"] == "escalation.stale");
            CHECK(body["data"]["escalation"] == "ESC-7");
            CHECK(body["data"]["child"] == "C-100");
            CHECK(body["data"]["stage"] == "team_manager");
            CHECK(body["data"]["due"] == "2026-06-08");
            CHECK(body["data"]["working_days_overdue"] == 1);
            CHECK(body["data"].size() == 10); // ids, stage, dates and counts: nothing more
        }
    }
    CHECK(mails == 3);
    // The same alerts give the same ids (receivers drop duplicates); other alerts other ids.
    const auto again = reminders::compose_escalation_alerts(due, options());
    for (std::size_t i = 0; i < out.size(); ++i)
        CHECK(again[i].event_id == out[i].event_id);
    CHECK(out[0].event_id != out[1].event_id);
}

TEST_CASE("after downtime the latest chaser is the one line and the one webhook, marked late",
          "[reminders][escalation]") {
    std::vector<store::due_escalation_timer> due;
    for (int chase = 0; chase <= 2; ++chase) {
        auto t = alert(10 + chase, "iro", "i1@council.example",
                       chase ? "stage_chase" : "stage_stale", chase);
        t.late = true;
        due.push_back(t);
    }
    const auto out = reminders::compose_escalation_alerts(due, options());
    REQUIRE(out.size() == 2);
    const auto& mail = out[0].channel == "email" ? out[0] : out[1];
    const auto& hook = out[0].channel == "email" ? out[1] : out[0];
    CHECK(mail.late);
    CHECK(mail.subject.rfind("[reviewd] (late) Escalation ESC-7", 0) == 0);
    CHECK(mail.text_body.find("11 working days overdue (reminder 2) [sent late]") !=
          std::string::npos);
    CHECK(mail.text_body.find("reminder 1") == std::string::npos);
    const auto body = nlohmann::json::parse(hook.json_body);
    CHECK(body["late"] == true);
    CHECK(body["data"]["chase"] == 2);
}

TEST_CASE("each kind of alert has its webhook type and words", "[reminders][escalation]") {
    CHECK(reminders::escalation_event_type("stage_chase") == "escalation.stale");
    CHECK(reminders::escalation_event_type("endorsement_chase") == "escalation.endorsement_stale");
    CHECK(reminders::escalation_event_type("total_breached") == "escalation.total_breached");
    CHECK(reminders::escalation_event_type("cafcass_report_chase") ==
          "escalation.cafcass_report_late");
    CHECK(reminders::escalation_event_type("auto_advanced") == "escalation.auto_advanced");

    auto total = alert(1, "iro", "i@x", "total_breached");
    total.stage.clear();
    total.due_on = day("2026-06-29");
    total.working_days_overdue = 1;
    CHECK(reminders::describe_escalation_alert(total) ==
          "ESC-7, child C-100 (care plan not implemented): the dispute process has passed its "
          "total time limit, which ended 2026-06-29, 1 working day over");
    auto advanced = alert(2, "iro", "i@x", "auto_advanced");
    advanced.from_stage = "service_manager";
    advanced.stage = "head_of_service";
    advanced.awaits_endorsement = true;
    advanced.due_on = day("2026-06-17");
    CHECK(reminders::describe_escalation_alert(advanced) ==
          "ESC-7, child C-100 (care plan not implemented): no response in time from service "
          "manager: escalated automatically as a request for endorsement to go to head of "
          "service on 2026-06-17");
}

TEST_CASE("a person without an address gets no email, but the webhook still goes",
          "[reminders][escalation]") {
    auto t = alert(1, "stage_owner", "");
    t.email.reset();
    const auto out = reminders::compose_escalation_alerts({t}, options());
    REQUIRE(out.size() == 1);
    CHECK(out[0].channel == "webhook");
    CHECK(reminders::compose_escalation_alerts({t}, {}).empty()); // and no webhook configured
}
