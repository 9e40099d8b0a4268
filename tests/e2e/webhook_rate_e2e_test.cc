// A webhook endpoint's rate limit, end to end: with rate_per_minute = 2 the daemon sends at most
// two POSTs at once and then one per 30 seconds of its (driven) clock; the rest wait in the outbox
// and none is lost.
//
// C1 is looked after from Monday 2026-01-05 (see delivery_e2e_test.cc): at 08:00 on Monday
// 12 January three reminders fall due at once (visit due, care plan before-5, review before-15).
#include "e2e/delivery_e2e_fixture.h"

#include <catch2/catch.hpp>

#include <set>

using namespace reviewd::test;
using namespace std::chrono_literals;

TEST_CASE("a webhook's rate limit spreads a burst over the driven clock, losing nothing",
          "[e2e][delivery][webhook]") {
    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    delivery_options d;
    d.smtp_url = sink.url();
    d.webhook_url = receiver.url();
    d.webhook_keys = "rate_per_minute = 2\n";
    delivery_stack s("2026-01-12T07:00:00Z", d);
    s.put_child("C1", "2026-01-05");
    // The two reminders that fell due before the child was entered go late, in one chunk.
    REQUIRE(wait_for_posts(receiver, 1));

    s.set_clock("2026-01-12T08:00:30Z"); // an hour on: the bucket is full again (2)
    REQUIRE(wait_for_posts(receiver, 3));
    quiet_period();
    CHECK(hook_posts(receiver).size() == 3); // the third on-time reminder waits for a token
    s.advance(31s);
    REQUIRE(wait_for_posts(receiver, 4));
    quiet_period();
    CHECK(hook_posts(receiver).size() == 4);
    std::set<std::string> reminders;
    for (const auto& post : hook_posts(receiver)) {
        const auto body = body_of(post);
        if (body["late"] == false)
            reminders.insert(body["data"]["kind"].get<std::string>() + "/" +
                             body["data"]["reminder"].get<std::string>());
    }
    CHECK(reminders == std::set<std::string>{"social_worker_visit/due", "care_plan/before-5",
                                             "review/before-15"});
    s.stop();
}
