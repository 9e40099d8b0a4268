// Reminders from the real daemon to real receivers on 127.0.0.1, with time driven by the test
// clock file (never a sleep for a deadline): on time by email and signed webhook; after downtime
// once, late and coalesced; clock jumps; an SMTP server that is down and comes back; webhook
// retries (500, 429 with Retry-After, a permanent 404 that goes dead, is alerted and replayed);
// STARTTLS required and refused; OAuth2 XOAUTH2; and a SIGKILL in the middle of a burst.
//
// The child in most cases: C1, looked after from Monday 2026-01-05 with one placement, IRO I1.
// Its deadlines (rules england): social worker visit 1 due 2026-01-12, care plan 1 due
// 2026-01-19, review 1 due 2026-02-02. With the shipped reminder rules (reviews 15, 5 and 1
// working days before, on the day, the day after, weekly while missed; other kinds 5 and 1 before
// and so on) reminders fall at 08:00 London, which is 08:00Z in winter, each to the IRO and
// the webhook:
//   01-05 visit before-5                  01-26 review before-5
//   01-09 visit before-1                  01-27 visit week-2, plan week-1
//   01-12 visit due, plan before-5,       01-30 review before-1
//         review before-15                02-02 review due
//   01-13 visit missed                    02-03 visit week-3, plan week-2, review missed
//   01-16 plan before-1                   02-10 visit week-4, plan week-3, review week-1
//   01-19 plan due                        02-17 plan week-4, review week-2
//   01-20 visit week-1, plan missed       02-24 review week-3 (and weekly to week 8)
// A reminder that finds no IRO assigned waits, and goes (late) once one is.
#include "e2e/delivery_e2e_fixture.h"
#include "support/process.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <set>
#include <thread>

using nlohmann::json;
using namespace reviewd::test;
using namespace std::chrono_literals;

namespace {

// Polls a predicate that runs a command (outbox list) less eagerly than eventually() does.
template <class Predicate> bool eventually_slowly(Predicate done) {
    const auto deadline = std::chrono::steady_clock::now() + wait_limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return done();
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

std::vector<outbox_entry> of_channel(const std::vector<outbox_entry>& rows,
                                     const std::string& channel) {
    std::vector<outbox_entry> out;
    for (const auto& r : rows)
        if (r.channel == channel)
            out.push_back(r);
    return out;
}

bool all_in_state(const std::vector<outbox_entry>& rows, const std::string& state) {
    return std::all_of(rows.begin(), rows.end(), [&](const auto& r) { return r.state == state; });
}

// The reminder of one kind in a late chunk's list.
json reminder_of_kind(const json& list, const std::string& kind) {
    for (const auto& r : list)
        if (r["kind"] == kind)
            return r;
    return json();
}

std::string header_of(const json& post, const std::string& name) {
    return post["headers"].value(name, std::string());
}

delivery_options plain(const smtp_sink& sink, const webhook_receiver& receiver) {
    delivery_options d;
    d.smtp_url = sink.url();
    d.webhook_url = receiver.url();
    return d;
}

std::int64_t unix_of(const std::string& t) {
    return at(t).time_since_epoch().count();
}

// The text/calendar attachments of a mail as Python's email package finds them: content type,
// method and file name, and the decoded calendar.
json calendar_attachments(const std::string& mail) {
    static const char* script = R"(
import email, email.policy, json, sys
msg = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
found = [{"content_type": p.get_content_type(), "method": p.get_param("method"),
          "filename": p.get_filename(), "calendar": p.get_content()}
         for p in msg.iter_attachments() if p.get_content_type() == "text/calendar"]
print(json.dumps({"attachments": found, "defects": [type(d).__name__ for d in msg.defects],
                  "text": msg.get_body(("plain",)).get_content()}))
)";
    const auto r = run_process({"/usr/bin/python3", "-c", script}, mail);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

// A calendar read by Python's icalendar (tests/ical/read_ics.py); it must have no problems.
json read_calendar(const std::string& ics) {
    const auto r =
        run_process({"/usr/bin/python3", source_path("tests/ical/read_ics.py"), "-"}, ics);
    INFO(r.err << r.out);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

} // namespace

TEST_CASE("reminders go out on time: one email per batch and one signed webhook per reminder",
          "[e2e][delivery]") {
    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    delivery_stack s("2026-01-05T09:00:00Z", plain(sink, receiver));

    // Entered at 09:00 on the day care began: the 08:00 reminder five working days before the
    // first visit has passed. It goes at once, late, by webhook; nobody is assigned yet, so the
    // IRO's copy waits, and goes (late) as soon as the IRO is assigned.
    s.put_child("C1", "2026-01-05");
    REQUIRE_SOON(s, wait_for_posts(receiver, 1));
    const json entered = body_of(hook_posts(receiver)[0]);
    CHECK(entered["late"] == true);
    CHECK(entered["data"]["kind"] == "social_worker_visit");
    CHECK(entered["data"]["reminder"] == "before-5");
    CHECK(sink.messages_received() == 0);
    s.assign("C1", "I1");
    REQUIRE_SOON(s, wait_for_mails(sink, 1));
    CHECK(mails(sink)[0].header("Subject") ==
          "[reviewd] (late) social worker visit 1 for child C1: due in 5 working days");

    struct step {
        std::string at;
        std::size_t webhooks;
        std::string subject;
    };
    const std::vector<step> steps = {
        {"2026-01-09T08:00:30Z", 1, "social worker visit 1 for child C1: due in 1 working day"},
        {"2026-01-12T08:00:30Z", 3, "3 deadlines need attention"},
        {"2026-01-13T08:00:30Z", 1, "social worker visit 1 for child C1: missed"},
        {"2026-01-16T08:00:30Z", 1, "care plan 1 for child C1: due in 1 working day"},
        {"2026-01-19T08:00:30Z", 1, "care plan 1 for child C1: due today"},
        {"2026-01-20T08:00:30Z", 2, "2 deadlines need attention"},
        {"2026-01-26T08:00:30Z", 1, "review 1 for child C1: due in 5 working days"},
    };
    std::size_t emails = 1, hooks = 1;
    for (const auto& st : steps) {
        INFO("clock " << st.at);
        s.set_clock(st.at);
        emails += 1;
        hooks += st.webhooks;
        REQUIRE_SOON(s, wait_for_mails(sink, emails));
        REQUIRE_SOON(s, wait_for_posts(receiver, hooks));
        const auto got = mails(sink);
        CHECK(got.back().header("Subject") == "[reviewd] " + st.subject);
        const auto posts = hook_posts(receiver);
        for (std::size_t i = hooks - st.webhooks; i < hooks; ++i) {
            CHECK(body_of(posts[i])["late"] == false);
            CHECK(body_of(posts[i])["type"] == "deadline.reminder");
        }
    }
    quiet_period();
    const auto got = mails(sink);
    const auto posts = hook_posts(receiver);
    REQUIRE(got.size() == 1 + steps.size()); // exactly one email per batch, none twice
    REQUIRE(posts.size() == 11);             // exactly one webhook per reminder
    for (const auto& p : posts)
        CHECK(p["verified"] == true);

    // The last ones in detail: the first reminder of review 1, five working days before.
    const auto rows = s.outbox();
    CHECK(rows.size() == got.size() + posts.size());
    CHECK(all_in_state(rows, "sent"));
    std::string mail_event, hook_event;
    for (const auto& r : rows)
        if (r.created == "2026-01-26T08:00:30Z")
            (r.channel == "email" ? mail_event : hook_event) = r.event_id;
    REQUIRE(!mail_event.empty());
    REQUIRE(!hook_event.empty());

    const received_mail& mail = got.back();
    CHECK(mail.rcpt == "I1@council.example");
    CHECK(mail.header("To") == "I1@council.example");
    CHECK(mail.header("From") == "IRO reminders <iro-reminders@council.example>");
    CHECK(mail.header("Subject") == "[reviewd] review 1 for child C1: due in 5 working days");
    CHECK(mail.header("Message-ID") == "<" + mail_event + "@council.example>");
    CHECK(mail.header("Date") == "Mon, 26 Jan 2026 08:00:30 +0000");
    CHECK(mail.text.find("due 2026-02-02") != std::string::npos);
    for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].text.find("2015-03-02") == std::string::npos); // the child's date of birth
        CHECK((got[i].header("Subject").find("(late)") == std::string::npos) == (i > 0));
    }

    // The mail carries the deadline as deadlines.ics: the same event as the IRO's calendar feed
    // (same UID and SEQUENCE), so Outlook updates rather than duplicates it.
    const json parsed = calendar_attachments(mail.text);
    CHECK(parsed["defects"].empty());
    CHECK(parsed["text"].get<std::string>().find("due 2026-02-02") != std::string::npos);
    REQUIRE(parsed["attachments"].size() == 1);
    const json& attached = parsed["attachments"][0];
    CHECK(attached["method"] == "PUBLISH");
    CHECK(attached["filename"] == "deadlines.ics");
    const json in_mail = read_calendar(attached["calendar"]);
    CHECK(in_mail["calendar"]["METHOD"] == "PUBLISH");
    REQUIRE(in_mail["events"].size() == 1);
    const json& event = in_mail["events"][0];
    CHECK(event["organizer"] == "mailto:iro-reminders@council.example");
    CHECK(event["start"] == "2026-02-02");
    CHECK(event["stamp"] == "2026-01-26T08:00:00+00:00"); // when the reminder fell due
    const auto feed = s.command({"feed", "create", "--person", "I1", "--label", "phone"});
    REQUIRE(feed.exit_code == 0);
    const auto reply = s.api.client->request("GET", "/v1/iros/I1/calendar.ics?token=" +
                                                        feed.out.substr(0, feed.out.find('\n')));
    REQUIRE(reply.status == 200);
    bool in_feed = false;
    const json feed_calendar = read_calendar(reply.body);
    for (const auto& e : feed_calendar["events"])
        if (e["uid"] == event["uid"]) {
            in_feed = true;
            CHECK(e["sequence"] == event["sequence"]);
            CHECK(e["start"] == event["start"]);
            CHECK(e["summary"] == event["summary"]);
            CHECK(e["description"] == event["description"]);
        }
    CHECK(in_feed);
    for (const auto& m : got) { // every reminder mail has one, each event in it for C1 only
        const json calendar =
            read_calendar(calendar_attachments(m.text).at("attachments").at(0).at("calendar"));
        CHECK_FALSE(calendar.at("events").empty());
        for (const auto& e : calendar.at("events"))
            CHECK(e["uid"].get<std::string>().rfind("C1/", 0) == 0);
    }

    const json& hook = posts.back();
    CHECK(header_of(hook, "webhook-id") == hook_event);
    CHECK(header_of(hook, "webhook-timestamp") == std::to_string(unix_of("2026-01-26T08:00:30Z")));
    const json body = body_of(hook);
    CHECK(body["type"] == "deadline.reminder");
    CHECK(body["data"]["child"] == "C1");
    CHECK(body["data"]["kind"] == "review");
    CHECK(body["data"]["sequence"] == 1);
    CHECK(body["data"]["due"] == "2026-02-02");
    CHECK(body["data"]["reminder"] == "before-5");
    for (const auto& p : posts) {
        CHECK(p["body"].get<std::string>().find("2015-03-02") == std::string::npos);
        CHECK(p["body"].get<std::string>().find("birth") == std::string::npos);
    }
    s.stop();
}

TEST_CASE(
    "after downtime what fell due goes once, late and coalesced, and a restart re-sends nothing",
    "[e2e][delivery]") {
    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    delivery_stack s("2026-01-05T07:00:00Z", plain(sink, receiver));
    s.add_child("C1", "2026-01-05", "I1");
    s.stop();

    // Three weeks past review 1's due date: 23 reminders fell due while it was down.
    s.set_clock("2026-02-23T09:00:00Z");
    s.restart();
    REQUIRE_SOON(s, wait_for_mails(sink, 1));
    REQUIRE_SOON(s, wait_for_posts(receiver, 1));
    quiet_period();
    auto got = mails(sink);
    auto posts = hook_posts(receiver);
    REQUIRE(got.size() == 1);
    REQUIRE(posts.size() == 1);
    CHECK(got[0].rcpt == "I1@council.example");
    CHECK(got[0].header("Subject") == "[reviewd] (late) 3 deadlines need attention");
    CHECK(got[0].text.find("[late]") != std::string::npos);

    // The webhooks: one late chunk with the latest reminder of each deadline.
    CHECK(posts[0]["verified"] == true);
    const json chunk = body_of(posts[0]);
    CHECK(chunk["type"] == "deadline.reminders");
    CHECK(chunk["late"] == true);
    const json list = chunk["data"]["reminders"];
    REQUIRE(list.size() == 3);
    CHECK(reminder_of_kind(list, "social_worker_visit")["reminder"] == "missed-week-4");
    CHECK(reminder_of_kind(list, "care_plan")["reminder"] == "missed-week-4");
    CHECK(reminder_of_kind(list, "review")["reminder"] == "missed-week-2");
    for (const auto& r : list)
        CHECK(r["late"] == true);
    const auto rows = s.outbox();
    CHECK(rows.size() == 2);
    CHECK(all_in_state(rows, "sent"));
    CHECK(header_of(posts[0], "webhook-id") == of_channel(rows, "webhook").at(0).event_id);

    // Another restart sends nothing again; the next reminder in line (review 1 three weeks
    // missed, 2026-02-24) still goes, once and on time: proof the daemon was looking.
    s.stop();
    s.restart();
    quiet_period();
    CHECK(sink.messages_received() == 1);
    CHECK(hook_posts(receiver).size() == 1);
    s.set_clock("2026-02-24T08:00:30Z");
    REQUIRE_SOON(s, wait_for_mails(sink, 2));
    REQUIRE_SOON(s, wait_for_posts(receiver, 2));
    quiet_period();
    got = mails(sink);
    posts = hook_posts(receiver);
    REQUIRE(got.size() == 2);
    REQUIRE(posts.size() == 2);
    CHECK(got[1].header("Subject") ==
          "[reviewd] review 1 for child C1: still missed after 3 weeks");
    CHECK(body_of(posts[1])["late"] == false);
    CHECK(body_of(posts[1])["data"]["reminder"] == "missed-week-3");
    CHECK(s.outbox().size() == 4);
    s.stop();
}

TEST_CASE("a clock jumping back re-sends nothing and jumping forward sends the missed ones once",
          "[e2e][delivery]") {
    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    delivery_stack s("2026-01-26T07:59:00Z", plain(sink, receiver));
    // Entered three weeks into care: what was already due goes at once in one late webhook
    // chunk, and in one late email once the IRO is assigned.
    s.put_child("C1", "2026-01-05");
    REQUIRE_SOON(s, wait_for_posts(receiver, 1));
    CHECK(body_of(hook_posts(receiver)[0])["type"] == "deadline.reminders");
    s.assign("C1", "I1");
    REQUIRE_SOON(s, wait_for_mails(sink, 1));
    CHECK(mails(sink)[0].header("Subject") == "[reviewd] (late) 3 deadlines need attention");

    s.set_clock("2026-01-26T08:00:30Z");
    REQUIRE_SOON(s, wait_for_mails(sink, 2));
    REQUIRE_SOON(s, wait_for_posts(receiver, 2));
    CHECK(mails(sink)[1].header("Subject") ==
          "[reviewd] review 1 for child C1: due in 5 working days");

    // Back one day: the fired reminders stay fired.
    s.set_clock("2026-01-25T08:00:30Z");
    quiet_period();
    CHECK(sink.messages_received() == 2);
    CHECK(hook_posts(receiver).size() == 2);
    CHECK(s.outbox().size() == 4);

    // Forward three days past the firing: the two reminders of 01-27 08:00 (visit week-2, plan
    // week-1) go once, late, in one email and one webhook chunk.
    s.set_clock("2026-01-29T08:00:30Z");
    REQUIRE_SOON(s, wait_for_mails(sink, 3));
    REQUIRE_SOON(s, wait_for_posts(receiver, 3));
    quiet_period();
    const auto got = mails(sink);
    const auto posts = hook_posts(receiver);
    REQUIRE(got.size() == 3);
    REQUIRE(posts.size() == 3);
    CHECK(got[2].header("Subject") == "[reviewd] (late) 2 deadlines need attention");
    const json chunk = body_of(posts[2]);
    CHECK(chunk["type"] == "deadline.reminders");
    CHECK(chunk["late"] == true);
    REQUIRE(chunk["data"]["reminders"].size() == 2);
    CHECK(reminder_of_kind(chunk["data"]["reminders"], "social_worker_visit")["reminder"] ==
          "missed-week-2");
    CHECK(reminder_of_kind(chunk["data"]["reminders"], "care_plan")["reminder"] == "missed-week-1");
    CHECK(all_in_state(s.outbox(), "sent"));
    s.stop();
}

TEST_CASE(
    "an SMTP server that is down: the emails wait with backoff and all arrive once it is back",
    "[e2e][delivery]") {
    std::uint16_t port = 0;
    {
        smtp_sink gone;
        port = gone.port();
    } // stopped: nothing listens on `port` now
    webhook_receiver receiver({"--secret", webhook_secret});
    delivery_options d;
    d.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
    d.webhook_url = receiver.url();
    delivery_stack s("2026-01-05T07:00:00Z", d);
    s.add_iro("I3");
    s.add_child("C1", "2026-01-05", "I1");
    s.add_child("C2", "2026-01-05", "I2");
    s.add_child("C3", "2026-01-05", "I3");

    s.set_clock("2026-01-05T08:00:30Z");
    REQUIRE_SOON(s, wait_for_posts(receiver, 3)); // webhooks do not wait for the mail server
    REQUIRE_SOON(s, eventually_slowly([&] {
                     const auto emails = of_channel(s.outbox(), "email");
                     return emails.size() == 3 &&
                            std::all_of(emails.begin(), emails.end(), [](const auto& r) {
                                return r.state == "pending" && r.attempts >= 1 &&
                                       r.last_error != "-";
                            });
                 }));
    for (const auto& r : of_channel(s.outbox(), "email")) {
        INFO(r.last_error);
        CHECK(r.attempts == 1); // the fake clock has not moved: no second attempt yet
        CHECK(r.last_error.find("[curl 7]") != std::string::npos); // could not connect
        // Backoff: 30 s +- 20% after the failed attempt at 08:00:30.
        const auto wait = at(r.next) - at("2026-01-05T08:00:30Z");
        CHECK(wait >= 24s);
        CHECK(wait <= 36s);
    }

    smtp_sink sink(smtp_sink_options().on_port(port));
    quiet_period();
    CHECK(sink.messages_received() == 0); // nothing before the backoff has passed
    s.advance(40s);
    REQUIRE_SOON(s, wait_for_mails(sink, 3));
    quiet_period();
    const auto got = mails(sink);
    REQUIRE(got.size() == 3);
    std::multiset<std::string> to;
    for (const auto& m : got)
        to.insert(m.rcpt);
    CHECK(to == std::multiset<std::string>{"I1@council.example", "I2@council.example",
                                           "I3@council.example"});
    const auto rows = s.outbox();
    CHECK(rows.size() == 6);
    CHECK(all_in_state(rows, "sent"));
    for (const auto& r : of_channel(rows, "email"))
        CHECK(r.attempts == 2);
    s.stop();
}

TEST_CASE("webhook failures: 500 is retried, 429 waits for Retry-After, 404 goes dead and is "
          "replayed",
          "[e2e][delivery]") {
    smtp_sink sink;
    // POSTs in order: 01-05 (500, then 200); 01-09 (429 for 120 s, then 200); the three of 01-12;
    // 01-13 (404: permanent). After the script the receiver answers 200.
    webhook_receiver receiver(
        {"--secret", webhook_secret, "--script", "500,200,429:120,200,200,200,200,404"});
    delivery_stack s("2026-01-05T07:00:00Z", plain(sink, receiver));
    s.add_child("C1", "2026-01-05", "I1");
    const auto webhook_row = [&](const std::string& created) {
        for (const auto& r : of_channel(s.outbox(), "webhook"))
            if (r.created == created)
                return r;
        return outbox_entry{};
    };

    // 500, then delivered after the backoff with the same webhook-id.
    s.set_clock("2026-01-05T08:00:30Z");
    REQUIRE_SOON(s, wait_for_posts(receiver, 1));
    REQUIRE_SOON(s, eventually_slowly([&] {
                     const auto r = webhook_row("2026-01-05T08:00:30Z");
                     return r.state == "pending" && r.attempts == 1 && r.last_error == "http 500";
                 }));
    s.set_clock("2026-01-05T08:01:10Z");
    REQUIRE_SOON(s, wait_for_posts(receiver, 2));
    auto posts = hook_posts(receiver);
    CHECK(posts[0]["status"] == 500);
    CHECK(posts[1]["status"] == 200);
    CHECK(header_of(posts[0], "webhook-id") == header_of(posts[1], "webhook-id"));
    CHECK(header_of(posts[0], "webhook-id") == webhook_row("2026-01-05T08:00:30Z").event_id);
    CHECK(header_of(posts[1], "webhook-timestamp") ==
          std::to_string(unix_of("2026-01-05T08:01:10Z")));
    CHECK(posts[0]["verified"] == true);
    CHECK(posts[1]["verified"] == true);
    REQUIRE_SOON(
        s, eventually_slowly([&] { return webhook_row("2026-01-05T08:00:30Z").state == "sent"; }));

    // 429 with Retry-After: 120: nothing before 08:02:30 although the backoff alone would allow
    // it after 36 s at most; then delivered.
    s.set_clock("2026-01-09T08:00:30Z");
    REQUIRE_SOON(s, wait_for_posts(receiver, 3));
    REQUIRE_SOON(s, eventually_slowly([&] {
                     const auto r = webhook_row("2026-01-09T08:00:30Z");
                     return r.state == "pending" && r.last_error == "http 429";
                 }));
    CHECK(webhook_row("2026-01-09T08:00:30Z").next == "2026-01-09T08:02:30Z");
    s.set_clock("2026-01-09T08:02:00Z");
    quiet_period();
    CHECK(hook_posts(receiver).size() == 3);
    s.set_clock("2026-01-09T08:02:31Z");
    REQUIRE_SOON(s, wait_for_posts(receiver, 4));
    posts = hook_posts(receiver);
    CHECK(posts[2]["status"] == 429);
    CHECK(posts[3]["status"] == 200);
    CHECK(header_of(posts[2], "webhook-id") == header_of(posts[3], "webhook-id"));

    s.set_clock("2026-01-12T08:00:30Z");
    REQUIRE_SOON(s, wait_for_posts(receiver, 7));

    // 404: permanent. The message is dead at once, listed, and alerted by email.
    s.set_clock("2026-01-13T08:00:30Z");
    REQUIRE_SOON(s, wait_for_posts(receiver, 8));
    std::vector<outbox_entry> dead;
    REQUIRE_SOON(s, eventually_slowly([&] {
                     dead = s.outbox({"--dead"});
                     return dead.size() == 1;
                 }));
    posts = hook_posts(receiver);
    CHECK(posts[7]["status"] == 404);
    CHECK(dead[0].channel == "webhook");
    CHECK(dead[0].event_id == header_of(posts[7], "webhook-id"));
    CHECK(dead[0].last_error == "http 404");
    const std::string outbox_id = std::to_string(dead[0].id);
    const auto alert = [&]() -> std::optional<received_mail> {
        for (const auto& m : mails(sink))
            if (m.rcpt == "alerts@council.example")
                return m;
        return std::nullopt;
    };
    REQUIRE_SOON(s, eventually([&] { return alert().has_value(); }, wait_limit));
    CHECK(alert()->header("Subject") ==
          "[reviewd] a message could not be delivered (outbox " + outbox_id + ")");
    CHECK(alert()->text.find(dead[0].event_id) != std::string::npos);

    // Replayed by hand with the receiver now answering 200: delivered, same webhook-id.
    const auto retry = s.command({"outbox", "retry", outbox_id});
    INFO(retry.err);
    REQUIRE(retry.exit_code == 0);
    REQUIRE_SOON(s, wait_for_posts(receiver, 9));
    posts = hook_posts(receiver);
    CHECK(posts[8]["status"] == 200);
    CHECK(posts[8]["verified"] == true);
    CHECK(header_of(posts[8], "webhook-id") == dead[0].event_id);
    REQUIRE_SOON(
        s, eventually_slowly([&] { return webhook_row("2026-01-13T08:00:30Z").state == "sent"; }));
    CHECK(s.outbox({"--dead"}).empty());
    quiet_period();
    CHECK(hook_posts(receiver).size() == 9);
    int alerts = 0;
    for (const auto& m : mails(sink))
        alerts += m.rcpt == "alerts@council.example" ? 1 : 0;
    CHECK(alerts == 1);
    s.stop();
}

TEST_CASE("STARTTLS required: delivered over TLS to a server with a trusted certificate",
          "[e2e][delivery][tls]") {
    smtp_sink sink(smtp_sink_options().with_starttls());
    delivery_options d;
    d.smtp_url = sink.url();
    d.smtp_keys = "require_tls = true\nca_file = \"" + sink.cert_file().string() + "\"\n";
    delivery_stack s("2026-01-05T07:00:00Z", d);
    s.add_child("C1", "2026-01-05", "I1");
    s.set_clock("2026-01-05T08:00:30Z");
    REQUIRE_SOON(s, wait_for_mails(sink, 1));
    const auto stats = sink.stats();
    CHECK(stats["deliveries"][0]["tls"] == true);
    CHECK(stats["deliveries"][0]["rcpt_tos"][0] == "I1@council.example");
    REQUIRE_SOON(s, eventually_slowly([&] { return all_in_state(s.outbox(), "sent"); }));
    s.stop();
}

TEST_CASE("STARTTLS required: a server without it never gets the mail in clear",
          "[e2e][delivery][tls]") {
    smtp_sink sink; // plain: offers no STARTTLS
    delivery_options d;
    d.smtp_url = sink.url();
    d.smtp_keys = "require_tls = true\n";
    delivery_stack s("2026-01-05T07:00:00Z", d);
    s.add_child("C1", "2026-01-05", "I1");
    s.set_clock("2026-01-05T08:00:30Z");
    REQUIRE_SOON(s, eventually_slowly([&] {
                     const auto rows = s.outbox();
                     return rows.size() == 1 && rows[0].state == "pending" &&
                            rows[0].attempts == 1 && rows[0].last_error != "-";
                 }));
    s.advance(40s); // a second attempt, refused the same way
    outbox_entry row;
    REQUIRE_SOON(s, eventually_slowly([&] {
                     row = s.outbox().at(0);
                     return row.attempts == 2 && row.state == "pending";
                 }));
    INFO(row.last_error);
    CHECK(row.last_error.find("[curl 64]") != std::string::npos); // CURLE_USE_SSL_FAILED
    CHECK(sink.messages_received() == 0);
    CHECK(sink.stats()["deliveries"].empty());
    s.stop();
}

TEST_CASE("OAuth2: a client-credentials token from the token endpoint, then AUTH XOAUTH2",
          "[e2e][delivery][oauth]") {
    webhook_receiver identity({"--oauth-client-id", "reviewd-app", "--oauth-client-secret",
                               "client-secret-1", "--oauth-token-prefix", "m365"});
    smtp_sink sink(smtp_sink_options().with_xoauth2({"m365-1"}));
    temp_dir secrets;
    const auto secret_file = secrets.write("smtp-client-secret", "client-secret-1\n");
    delivery_options d;
    d.smtp_url = sink.url();
    d.smtp_keys = "require_tls = false\nallow_plain_on_loopback = true\nauth = \"oauth2\"\n"
                  "username = \"iro-reminders@council.example\"\n"
                  "oauth_token_url = \"" +
                  identity.url("/oauth/token") +
                  "\"\n"
                  "oauth_client_id = \"reviewd-app\"\n"
                  "oauth_client_secret_file = \"" +
                  secret_file.string() + "\"\n";
    delivery_stack s("2026-01-05T07:00:00Z", d);
    s.add_child("C1", "2026-01-05", "I1");
    s.set_clock("2026-01-05T08:00:30Z");
    REQUIRE_SOON(s, wait_for_mails(sink, 1));
    const auto stats = sink.stats();
    REQUIRE(stats["auth"].size() == 1);
    CHECK(stats["auth"][0]["user"] == "iro-reminders@council.example");
    CHECK(stats["auth"][0]["token"] == "m365-1");
    CHECK(stats["auth"][0]["ok"] == true);
    const auto tokens = identity.stats()["token_requests"];
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0]["grant_type"] == "client_credentials");
    CHECK(tokens[0]["client_ok"] == true);
    CHECK(tokens[0]["scope"] == "https://outlook.office365.com/.default");
    REQUIRE_SOON(s, eventually_slowly([&] { return all_in_state(s.outbox(), "sent"); }));
    s.stop();
}

TEST_CASE("SIGKILL in the middle of a burst: every message arrives, at most twice",
          "[e2e][delivery]") {
    smtp_sink sink;
    webhook_receiver receiver({"--secret", webhook_secret});
    delivery_stack s("2026-01-05T07:00:00Z", plain(sink, receiver));
    std::set<std::string> iros;
    for (int i = 1; i <= 10; ++i) {
        const std::string ref = "I" + std::to_string(i);
        if (i > 2)
            s.add_iro(ref);
        iros.insert(ref + "@council.example");
    }
    for (int c = 1; c <= 30; ++c)
        s.add_child("C" + std::to_string(c), "2026-01-05", "I" + std::to_string(c % 10 + 1));

    // 30 visit reminders at 08:00: 10 emails (3 children each) and 30 webhooks.
    s.set_clock("2026-01-05T08:00:30Z");
    REQUIRE_SOON(s, eventually([&] { return sink.messages_received() >= 3; }, wait_limit));
    s.kill();
    const int before_kill = sink.messages_received();
    s.restart();

    std::vector<outbox_entry> rows;
    REQUIRE_SOON(s, eventually_slowly([&] {
                     rows = s.outbox();
                     return rows.size() == 40 && all_in_state(rows, "sent");
                 }));
    REQUIRE_SOON(s, wait_for_mails(sink, 10));
    REQUIRE_SOON(s, wait_for_posts(receiver, 30));
    quiet_period();
    INFO("emails before the kill: " << before_kill << ", in all: " << sink.messages_received());

    std::map<std::pair<std::string, std::string>, int> copies; // (recipient, Message-ID)
    std::set<std::string> reached;
    for (const auto& m : mails(sink)) {
        ++copies[{m.rcpt, m.header("Message-ID")}];
        reached.insert(m.rcpt);
    }
    CHECK(reached == iros);
    CHECK(copies.size() == 10);
    for (const auto& [key, n] : copies) {
        INFO(key.first << " " << key.second);
        CHECK(n <= 2);
    }
    std::set<std::string> email_events;
    for (const auto& r : of_channel(rows, "email"))
        email_events.insert("<" + r.event_id + "@council.example>");
    for (const auto& [key, n] : copies)
        CHECK(email_events.count(key.second) == 1);

    std::map<std::string, int> hook_copies;
    for (const auto& p : hook_posts(receiver)) {
        CHECK(p["verified"] == true);
        ++hook_copies[header_of(p, "webhook-id")];
    }
    CHECK(hook_copies.size() == 30);
    for (const auto& r : of_channel(rows, "webhook")) {
        INFO(r.event_id);
        CHECK(hook_copies[r.event_id] >= 1);
        CHECK(hook_copies[r.event_id] <= 2);
    }

    s.stop();
    const auto check = s.command({"db", "check"});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
}
