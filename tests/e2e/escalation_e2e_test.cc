// The escalation ladder end to end: the real daemon with network delivery to a real SMTP sink
// (aiosmtpd) and a webhook receiver that checks Standard Webhooks signatures, its time driven by
// the clock file (no sleep for a deadline). An IRO raises an escalation through the API; the
// stage goes stale and the stage owner, the IRO and the IRO manager are emailed and a signed
// escalation.stale webhook goes; the daemon is killed and the clock moves past the first chaser
// while it is down; on restart the chaser goes once, late, and nothing is repeated; the team
// manager acknowledges (the chasing stops), the IRO resolves (the total-limit alert never goes).
//
// Dates (default ladder, England and Wales): raised Monday 2026-06-01; the team manager's answer
// is due by Monday 06-08; stale alert Tuesday 06-09 at 08:00 BST (07:00Z); chasers every five
// working days (06-16, 06-23, ...); the 20-working-day total ends 06-29, its alert 06-30.
#include "e2e/delivery_e2e_fixture.h"

#include <catch2/catch.hpp>

#include <set>
#include <thread>

using nlohmann::json;
using namespace reviewd::test;

namespace {

// What the receivers got about escalations (the child's own deadline reminders go too, and are
// not counted here).
std::vector<received_mail> escalation_mails(const smtp_sink& sink) {
    std::vector<received_mail> out;
    for (auto& m : mails(sink))
        if (m.header("Subject").find("Escalation ESC-") != std::string::npos ||
            m.header("Subject").find("escalations need attention") != std::string::npos)
            out.push_back(std::move(m));
    return out;
}

std::vector<json> escalation_posts(const webhook_receiver& receiver) {
    std::vector<json> out;
    for (const auto& post : hook_posts(receiver))
        if (body_of(post)["type"].get<std::string>().rfind("escalation.", 0) == 0)
            out.push_back(post);
    return out;
}

bool mails_reach(const smtp_sink& sink, std::size_t n) {
    return eventually([&] { return escalation_mails(sink).size() >= n; }, wait_limit);
}
bool posts_reach(const webhook_receiver& receiver, std::size_t n) {
    return eventually([&] { return escalation_posts(receiver).size() >= n; }, wait_limit);
}

std::set<std::string> recipients(const std::vector<received_mail>& mails, std::size_t from) {
    std::set<std::string> out;
    for (std::size_t i = from; i < mails.size(); ++i)
        out.insert(mails[i].rcpt);
    return out;
}

// Every outbox row has been delivered (so a SIGKILL now re-sends nothing).
bool all_sent(const delivery_stack& s) {
    return eventually(
        [&] {
            const auto rows = s.outbox();
            return std::all_of(rows.begin(), rows.end(),
                               [](const outbox_entry& r) { return r.state == "sent"; });
        },
        wait_limit);
}

} // namespace

TEST_CASE("a stale escalation is told by email and signed webhook, chased once after a restart, "
          "and quiet once acknowledged and resolved",
          "[e2e][escalation]") {
    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    delivery_options d;
    d.smtp_url = sink.url();
    d.webhook_url = receiver.url();
    delivery_stack s("2026-06-01T09:00:00Z", d);

    s.put_child("C1", "2026-03-02");
    auto r = s.api.call("integration", "PUT", "/v1/children/C1/assignments",
                        R"({"iro": "I1", "team_manager": "T1"})");
    REQUIRE(r.status == 200);
    r = s.api.call("iro", "POST", "/v1/escalations",
                   json{{"child", "C1"},
                        {"category", "care_plan_not_implemented"},
                        {"description", "Sibling contact agreed at review not arranged"}}
                       .dump());
    REQUIRE(r.status == 201);
    CHECK(s.api.json_of(r)["id"] == "ESC-1");
    CHECK(s.api.json_of(r)["state"]["stage"]["response_due"] == "2026-06-08");

    // Nothing before the stale day's 08:00 in London.
    s.set_clock("2026-06-09T06:59:00Z");
    quiet_period();
    CHECK(escalation_mails(sink).empty());
    CHECK(escalation_posts(receiver).empty());

    // Stale: the team manager, the IRO and the IRO manager by email; one signed webhook.
    s.set_clock("2026-06-09T07:00:05Z");
    REQUIRE_SOON(s, mails_reach(sink, 3));
    REQUIRE_SOON(s, posts_reach(receiver, 1));
    auto got = escalation_mails(sink);
    CHECK(recipients(got, 0) ==
          std::set<std::string>{"T1@council.example", "I1@council.example", "M1@council.example"});
    for (const auto& m : got) {
        CHECK(m.header("Subject") == "[reviewd] Escalation ESC-1 (child C1): team manager has not "
                                     "responded, 1 working day overdue");
        CHECK(m.text.find("Sibling") == std::string::npos); // the description never travels
        CHECK(m.text.find("2015-03-02") == std::string::npos);
    }
    auto posts = escalation_posts(receiver);
    const json stale = body_of(posts[0]);
    CHECK(stale["type"] == "escalation.stale");
    CHECK(stale["late"] == false);
    CHECK(stale["data"]["escalation"] == "ESC-1");
    CHECK(stale["data"]["child"] == "C1");
    CHECK(stale["data"]["stage"] == "team_manager");
    CHECK(stale["data"]["due"] == "2026-06-08");
    CHECK(stale["data"]["working_days_overdue"] == 1);
    CHECK(posts[0]["verified"] == true);
    CHECK(posts[0]["body"].get<std::string>().find("Sibling") == std::string::npos);

    // Killed once everything is delivered; down across the first chaser (06-16).
    REQUIRE_SOON(s, all_sent(s));
    s.kill();
    s.set_clock("2026-06-16T12:00:00Z");
    s.restart();
    REQUIRE_SOON(s, mails_reach(sink, 6));
    REQUIRE_SOON(s, posts_reach(receiver, 2));
    got = escalation_mails(sink);
    CHECK(recipients(got, 3) ==
          std::set<std::string>{"T1@council.example", "I1@council.example", "M1@council.example"});
    for (std::size_t i = 3; i < got.size(); ++i)
        CHECK(got[i].header("Subject") == "[reviewd] (late) Escalation ESC-1 (child C1): team "
                                          "manager has not responded, 6 working days overdue");
    posts = escalation_posts(receiver);
    const json chase = body_of(posts[1]);
    CHECK(chase["type"] == "escalation.stale");
    CHECK(chase["late"] == true);
    CHECK(chase["data"]["chase"] == 1);
    CHECK(posts[1]["verified"] == true);
    CHECK(posts[1]["headers"]["webhook-id"] != posts[0]["headers"]["webhook-id"]);

    // The team manager acknowledges: the chasing stops (06-23 passes quietly).
    r = s.api.call("manager", "POST", "/v1/escalations/ESC-1/acknowledge", R"({"person": "T1"})");
    REQUIRE(r.status == 200);
    s.set_clock("2026-06-23T08:00:00Z");
    quiet_period();
    CHECK(escalation_mails(sink).size() == 6);
    CHECK(escalation_posts(receiver).size() == 2);

    // The IRO resolves: the total-limit alert (06-30) never goes.
    r = s.api.call("iro", "POST", "/v1/escalations/ESC-1/resolve",
                   R"({"outcome": "needs_met", "note": "contact arranged"})");
    REQUIRE(r.status == 200);
    CHECK(s.api.json_of(r)["status"] == "resolved");
    s.set_clock("2026-06-30T09:00:00Z");
    quiet_period();
    CHECK(escalation_mails(sink).size() == 6);
    CHECK(escalation_posts(receiver).size() == 2);

    // Nothing lost, nothing repeated: every escalation message was sent once.
    std::set<std::string> ids;
    for (const auto& post : escalation_posts(receiver))
        ids.insert(post["headers"]["webhook-id"].get<std::string>());
    CHECK(ids.size() == 2);
    std::set<std::string> message_ids;
    for (const auto& m : escalation_mails(sink))
        message_ids.insert(m.header("Message-ID"));
    CHECK(message_ids.size() == 6);
    const std::string log = s.log();
    CHECK(log.find("escalations.fired") != std::string::npos);
    CHECK(log.find("Sibling") == std::string::npos);
    s.stop();
    CHECK(s.command({"db", "check"}).exit_code == 0);
    const auto pack = s.command({"escalation", "chronology", "ESC-1"});
    REQUIRE(pack.exit_code == 0);
    CHECK(pack.out.find("| 1 | team manager | team_manager, T1 | 2026-06-01 | 2026-06-08 | "
                        "2026-06-16 | - |") != std::string::npos);
    CHECK(pack.out.find("Resolved on 2026-06-23 at team manager. Outcome: needs met (contact "
                        "arranged).") != std::string::npos);
}

TEST_CASE("with automatic escalation configured the daemon climbs the ladder by itself and says "
          "so",
          "[e2e][escalation]") {
    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    delivery_options d;
    d.smtp_url = sink.url();
    d.webhook_url = receiver.url();
    // A table after [delivery]'s keys (TOML allows it): the 2017-flowchart behaviour.
    d.delivery_keys = "[escalation]\nauto_escalate = true\n";
    delivery_stack s("2026-06-01T09:00:00Z", d);
    REQUIRE(
        s.api
            .call(
                "admin", "PUT", "/v1/people/S1",
                R"({"role": "service_manager", "name": "Staff S1", "email": "S1@council.example"})")
            .status < 300);
    s.put_child("C1", "2026-03-02");
    REQUIRE(s.api
                .call("integration", "PUT", "/v1/children/C1/assignments",
                      R"({"iro": "I1", "team_manager": "T1"})")
                .status == 200);
    REQUIRE(s.api
                .call("iro", "POST", "/v1/escalations",
                      R"({"child": "C1", "category": "review_not_held", "description": "x"})")
                .status == 201);
    s.set_clock("2026-06-09T07:00:05Z");
    // The stale alert and the notice of the automatic advance, in one batch: one email each to
    // T1 (stale), S1 (advanced to them), I1 and M1 (both, in one message each).
    REQUIRE_SOON(s, posts_reach(receiver, 2));
    std::set<std::string> types;
    for (const auto& post : escalation_posts(receiver))
        types.insert(body_of(post)["type"].get<std::string>());
    CHECK(types == std::set<std::string>{"escalation.stale", "escalation.auto_advanced"});
    REQUIRE_SOON(s, mails_reach(sink, 4));
    CHECK(recipients(escalation_mails(sink), 0) ==
          std::set<std::string>{"T1@council.example", "S1@council.example", "I1@council.example",
                                "M1@council.example"});
    const auto e = s.api.json_of(s.api.call("manager", "GET", "/v1/escalations/ESC-1"));
    CHECK(e["stage"] == "service_manager");
    CHECK(e["history"].back()["actor"] == "reviewd");
    CHECK(e["history"].back()["role"] == "system");
    CHECK(e["history"].back()["asked"] == "S1");
    s.stop();
    CHECK(s.command({"db", "check"}).exit_code == 0);
}
