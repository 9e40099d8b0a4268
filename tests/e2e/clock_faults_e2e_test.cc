// Clock faults on the driven clock, with the real daemon, SMTP sink and webhook receiver, beyond
// what delivery_e2e_test.cc covers (one IRO, a jump back and a jump forward): a jump of three days
// forward with several recipients (each gets one late message, the webhook one late chunk, and
// nothing comes again, not even after the clock goes back a day), and reminders at 08:00 London
// on both sides of each change of Europe/London's clocks (08:00Z in winter, 07:00Z in summer).
#include "e2e/delivery_e2e_fixture.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using nlohmann::json;
using namespace reviewd::test;

namespace {

delivery_options plain(const smtp_sink& sink, const webhook_receiver& receiver) {
    delivery_options d;
    d.smtp_url = sink.url();
    d.webhook_url = receiver.url();
    return d;
}

// Sets the clock to `before`, where a reminder with `subject` must not have gone yet (reminders
// of the days skipped on the way may go then, late: they are other reminders), then to `after`,
// by when exactly one more email must have gone, on time, with `subject` and listing `line`.
void fires_between(delivery_stack& s, const smtp_sink& sink, const std::string& before,
                   const std::string& after, const std::string& subject, const std::string& line) {
    INFO("reminder expected after " << before << " and by " << after);
    const std::size_t earlier = mails(sink).size();
    s.set_clock(before);
    quiet_period();
    const auto at_before = mails(sink);
    for (std::size_t i = earlier; i < at_before.size(); ++i)
        CHECK(at_before[i].header("Subject") != "[reviewd] " + subject);
    s.set_clock(after);
    REQUIRE_SOON(s, wait_for_mails(sink, at_before.size() + 1));
    quiet_period();
    const auto got = mails(sink);
    REQUIRE(got.size() == at_before.size() + 1);
    CHECK(got.back().header("Subject") == "[reviewd] " + subject);
    CHECK(got.back().text.find("- child C1: " + line + " (due ") != std::string::npos);
}

} // namespace

TEST_CASE("a clock jumping three days forward: each recipient gets one late message, and nothing "
          "comes again when it goes back a day",
          "[e2e][faults][clock]") {
    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    delivery_stack s("2026-01-05T07:00:00Z", plain(sink, receiver));
    s.add_iro("I3");
    s.add_child("C1", "2026-01-05", "I1");
    s.add_child("C2", "2026-01-05", "I2");
    s.add_child("C3", "2026-01-05", "I3");

    // On time: each IRO's visit reminder (five working days before), one webhook each.
    s.set_clock("2026-01-05T08:00:30Z");
    REQUIRE_SOON(s, wait_for_mails(sink, 3));
    REQUIRE_SOON(s, wait_for_posts(receiver, 3));

    // Three days forward from the Friday morning to the Monday: the Friday reminders (visit one
    // day before) and the Monday ones (visit due, care plan five days before, review fifteen)
    // fell due in the jump. Each IRO gets one late email for their child's three deadlines; the
    // webhook one late chunk with the latest reminder of each of the nine deadlines.
    s.set_clock("2026-01-09T06:00:00Z");
    quiet_period();
    CHECK(sink.messages_received() == 3);
    s.set_clock("2026-01-12T09:00:00Z");
    REQUIRE_SOON(s, wait_for_mails(sink, 6));
    REQUIRE_SOON(s, wait_for_posts(receiver, 4));
    quiet_period();
    const auto got = mails(sink);
    REQUIRE(got.size() == 6);
    std::map<std::string, int> late_to;
    for (std::size_t i = 3; i < got.size(); ++i) {
        CHECK(got[i].header("Subject") == "[reviewd] (late) 3 deadlines need attention");
        ++late_to[got[i].rcpt];
    }
    CHECK(late_to == std::map<std::string, int>{{"I1@council.example", 1},
                                                {"I2@council.example", 1},
                                                {"I3@council.example", 1}});
    const auto posts = hook_posts(receiver);
    REQUIRE(posts.size() == 4);
    const json chunk = body_of(posts[3]);
    CHECK(posts[3]["verified"] == true);
    CHECK(chunk["type"] == "deadline.reminders");
    CHECK(chunk["late"] == true);
    std::set<std::pair<std::string, std::string>> deadlines; // child, kind
    for (const auto& r : chunk["data"]["reminders"]) {
        CHECK(r["late"] == true);
        deadlines.emplace(r["child"], r["kind"]);
        if (r["kind"] == "social_worker_visit")
            CHECK(r["reminder"] == "due"); // the Monday one, not the Friday one as well
    }
    CHECK(chunk["data"]["reminders"].size() == 9);
    CHECK(deadlines.size() == 9);

    // Back a day, then forward to where it was: nothing is sent again.
    s.set_clock("2026-01-11T09:00:00Z");
    quiet_period();
    s.set_clock("2026-01-12T09:00:30Z");
    quiet_period();
    CHECK(sink.messages_received() == 6);
    CHECK(hook_posts(receiver).size() == 4);
    const auto rows = s.outbox();
    CHECK(rows.size() == 10);
    for (const auto& r : rows)
        CHECK(r.state == "sent");
    s.stop();
}

TEST_CASE("reminders go at 08:00 London on both sides of the March change: 08:00Z, then 07:00Z",
          "[e2e][faults][clock][dst]") {
    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    // Looked after from Monday 2026-03-23: social worker visit 1 is due Monday 2026-03-30, the
    // day after the clocks go forward (01:00 GMT on Sunday 2026-03-29).
    delivery_stack s("2026-03-23T06:00:00Z", plain(sink, receiver));
    s.add_child("C1", "2026-03-23", "I1");
    fires_between(s, sink, "2026-03-23T07:59:30Z", "2026-03-23T08:00:30Z",
                  "social worker visit 1 for child C1: due in 5 working days",
                  "social worker visit 1, due in 5 working days");
    // Friday 2026-03-27, still GMT: 08:00 London is 08:00Z.
    fires_between(s, sink, "2026-03-27T07:59:30Z", "2026-03-27T08:00:30Z",
                  "social worker visit 1 for child C1: due in 1 working day",
                  "social worker visit 1, due in 1 working day");
    // Monday 2026-03-30, BST: 08:00 London is 07:00Z. The visit is due; the same email has the
    // care plan (due 04-08) five and review 1 (due 04-22) fifteen working days before.
    fires_between(s, sink, "2026-03-30T06:59:30Z", "2026-03-30T07:00:30Z",
                  "3 deadlines need attention", "social worker visit 1, due today");
    s.stop();
}

TEST_CASE("reminders go at 08:00 London on both sides of the October change: 07:00Z, then 08:00Z",
          "[e2e][faults][clock][dst]") {
    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    // Looked after from Monday 2026-10-19: social worker visit 1 is due Monday 2026-10-26, the
    // day after the clocks go back (02:00 BST on Sunday 2026-10-25).
    delivery_stack s("2026-10-19T05:00:00Z", plain(sink, receiver));
    s.add_child("C1", "2026-10-19", "I1");
    fires_between(s, sink, "2026-10-19T06:59:30Z", "2026-10-19T07:00:30Z",
                  "social worker visit 1 for child C1: due in 5 working days",
                  "social worker visit 1, due in 5 working days");
    // Friday 2026-10-23, BST: 08:00 London is 07:00Z.
    fires_between(s, sink, "2026-10-23T06:59:30Z", "2026-10-23T07:00:30Z",
                  "social worker visit 1 for child C1: due in 1 working day",
                  "social worker visit 1, due in 1 working day");
    // Monday 2026-10-26, GMT: 08:00 London is 08:00Z. The visit is due; the same email has the
    // care plan (due 11-02) five and review 1 (due 11-16) fifteen working days before.
    fires_between(s, sink, "2026-10-26T07:59:30Z", "2026-10-26T08:00:30Z",
                  "3 deadlines need attention", "social worker visit 1, due today");
    s.stop();
}
