// The daily digest end to end: the real daemon with [reminders.digest] on for IROs, a real SMTP
// sink and webhook receiver, time driven by the clock file. The IRO gets one mail a working day
// listing what is overdue or due within 15 working days, instead of one mail per reminder;
// webhooks still go one per reminder; a restart or a clock jump back never repeats a digest.
//
// C1 is looked after from Monday 2026-01-05 (IRO I1): social worker visit 1 due 2026-01-12, care
// plan 1 due 2026-01-19, review 1 due 2026-02-02 (see delivery_e2e_test.cc).
#include "e2e/delivery_e2e_fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd::test;

namespace {

std::vector<received_mail> to(const smtp_sink& sink, const std::string& rcpt) {
    std::vector<received_mail> out;
    for (auto& m : mails(sink))
        if (m.rcpt == rcpt)
            out.push_back(m);
    return out;
}

} // namespace

TEST_CASE("IROs get one digest a working day instead of single reminder emails",
          "[e2e][delivery][digest]") {
    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    delivery_options d;
    d.smtp_url = sink.url();
    d.webhook_url = receiver.url();
    d.reminder_tables = "[reminders.digest]\nenabled = true\nto = [\"iro\"]\n";
    delivery_stack s("2026-01-05T07:00:00Z", d);

    s.put_child("C1", "2026-01-05");
    s.assign("C1", "I1");
    // 08:00 on Monday: the digest lists the visit (due in 5 working days) and the care plan
    // (10); the review (20) is beyond the horizon. The visit's own 08:00 reminder goes by webhook
    // only: the IRO's copy is in the digest.
    s.set_clock("2026-01-05T08:00:30Z");
    REQUIRE_SOON(s, wait_for_mails(sink, 1));
    REQUIRE_SOON(s, wait_for_posts(receiver, 1));
    quiet_period();
    auto got = to(sink, "I1@council.example");
    REQUIRE(got.size() == 1);
    CHECK(mails(sink).size() == 1);
    CHECK(got[0].header("Subject") ==
          "[reviewd] Daily digest for 2026-01-05: 0 overdue, 2 due soon");
    CHECK(got[0].text.find("child C1: social worker visit 1, due in 5 working days") !=
          std::string::npos);
    CHECK(got[0].text.find("child C1: care plan 1, due in 10 working days") != std::string::npos);
    CHECK(got[0].text.find("review 1") == std::string::npos);
    CHECK(got[0].header("Message-ID").find("evt_digest_20260105_") != std::string::npos);
    const auto hook = body_of(hook_posts(receiver)[0]);
    CHECK(hook["data"]["kind"] == "social_worker_visit");
    CHECK(hook["data"]["reminder"] == "before-5");
    CHECK(s.log().find("reason=\"in the daily digest (iro)\"") != std::string::npos);

    // A restart the same day, and a jump back: no second digest.
    s.stop();
    s.restart();
    s.set_clock("2026-01-05T12:00:00Z");
    quiet_period();
    s.set_clock("2026-01-05T08:30:00Z");
    quiet_period();
    CHECK(mails(sink).size() == 1);

    // Down over Tuesday and Wednesday morning; back at 10:00 on Wednesday: Wednesday's digest
    // goes once, marked late; Tuesday's is not sent (Wednesday's lists everything still open).
    s.kill();
    s.set_clock("2026-01-07T10:00:00Z");
    s.restart();
    REQUIRE_SOON(s, wait_for_mails(sink, 2));
    quiet_period();
    got = to(sink, "I1@council.example");
    REQUIRE(got.size() == 2);
    CHECK(got[1].header("Subject") ==
          "[reviewd] (late) Daily digest for 2026-01-07: 0 overdue, 2 due soon");
    CHECK(got[1].text.find("social worker visit 1, due in 3 working days") != std::string::npos);

    // Saturday: nothing. Tuesday 13 January: the visit is overdue and listed first.
    s.set_clock("2026-01-10T09:00:00Z");
    quiet_period();
    CHECK(mails(sink).size() == 2);
    s.set_clock("2026-01-13T08:00:30Z");
    REQUIRE_SOON(s, wait_for_mails(sink, 3));
    got = to(sink, "I1@council.example");
    REQUIRE(got.size() == 3);
    CHECK(got[2].header("Subject") ==
          "[reviewd] Daily digest for 2026-01-13: 1 overdue, 2 due soon");
    const auto overdue = got[2].text.find("social worker visit 1, overdue since 2026-01-12");
    const auto plan = got[2].text.find("care plan 1, due in 4 working days");
    CHECK(overdue != std::string::npos);
    CHECK(plan != std::string::npos);
    CHECK(overdue < plan);
    CHECK(got[2].text.find("review 1, due in 14 working days") != std::string::npos);
    s.stop();
}
