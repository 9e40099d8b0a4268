// Calendar feeds end to end: a feed secret made with `reviewd feed create`, the feed fetched from
// the running daemon over HTTP and read back by Python's icalendar (tests/ical/read_ics.py); a
// change raises SEQUENCE, a withdrawn or cancelled deadline is STATUS:CANCELLED, a revoked secret
// and another IRO's secret are refused alike, and the secret appears in no log or metric.
#include "e2e/api_fixture.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>

using nlohmann::json;
using reviewd::test::api_fixture;

namespace {

// The daemon's "now" (its [testing] clock file): the feed's DTSTAMP and the day that decides
// which past deadlines it still shows. Tests never depend on the real date.
struct pinned_daemon {
    reviewd::test::temp_dir clock_dir;
    std::filesystem::path clock_file = clock_dir.write("now", "2026-04-01T09:00:00Z\n");
    api_fixture f{"\n[testing]\nclock_file = \"" + clock_file.string() + "\"\n"};

    std::string create_feed(const std::string& person) {
        const auto r = f.daemon.command({"feed", "create", "--person", person, "--label", "cal"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        REQUIRE(r.out.size() == 69); // the secret and a newline, nothing else on stdout
        return r.out.substr(0, 68);
    }

    reviewd::test::http_reply fetch(const std::string& iro, const std::string& secret) {
        return f.client->request("GET", "/v1/iros/" + iro + "/calendar.ics?token=" + secret);
    }

    // The feed, read by Python's icalendar; it must have no problems.
    json feed(const std::string& iro, const std::string& secret) {
        const auto reply = fetch(iro, secret);
        INFO(reply.body);
        REQUIRE(reply.status == 200);
        REQUIRE(reply.header("content-type"));
        CHECK(*reply.header("content-type") == "text/calendar; charset=utf-8");
        CHECK(*reply.header("cache-control") == "no-store");
        CHECK(*reply.header("referrer-policy") == "no-referrer");
        const auto r = reviewd::test::run_process(
            {"/usr/bin/python3", reviewd::test::source_path("tests/ical/read_ics.py"), "-"},
            reply.body);
        INFO(r.err);
        REQUIRE((r.exit_code == 0 || r.exit_code == 1));
        const json report = json::parse(r.out);
        INFO(report.dump(2));
        CHECK(report["problems"].empty());
        return report;
    }

    void put_case(const std::string& ref, const std::string& iro, const std::string& body) {
        REQUIRE(f.call("integration", "PUT", "/v1/children/" + ref, body).status / 100 == 2);
        REQUIRE(f.call("integration", "PUT", "/v1/children/" + ref + "/assignments",
                       json{{"iro", iro}}.dump())
                    .status == 200);
    }
};

json event(const json& report, const std::string& uid) {
    for (const auto& e : report["events"])
        if (e["uid"] == uid)
            return e;
    return json();
}

} // namespace

TEST_CASE("an IRO's calendar feed follows the case: SEQUENCE rises, CANCELLED when withdrawn",
          "[e2e][calendar]") {
    pinned_daemon d;
    d.put_case("C1", "I1", api_fixture::case_json("C1"));
    d.put_case("C2", "I2", api_fixture::case_json("C2"));
    const std::string secret = d.create_feed("I1");

    json report = d.feed("I1", secret);
    CHECK(report["calendar"]["X-WR-CALNAME"] == "reviewd: deadlines for IRO I1");
    CHECK(report["calendar"]["REFRESH-INTERVAL"] == "PT1H");
    CHECK(report["calendar"]["X-PUBLISHED-TTL"] == "PT1H");
    json review = event(report, "C1/p1/review/1@reviewd");
    REQUIRE_FALSE(review.is_null());
    CHECK(review["sequence"] == 0);
    CHECK(review["start"] == "2026-04-21");
    CHECK(review["end"] == "2026-04-22");
    CHECK(review["status"] == "CONFIRMED");
    CHECK(review["summary"] == "Child C1: Review 1 due");
    CHECK(review["stamp"] == "2026-04-01T09:00:00+00:00");
    REQUIRE(review["alarms"].size() == 1);
    for (const auto& e : report["events"])
        CHECK(e["uid"].get<std::string>().rfind("C1/", 0) == 0); // I2's child is not here

    // A review held: the first review is met (a change: SEQUENCE 1), the second appears.
    REQUIRE(d.f.call("integration", "POST", "/v1/children/C1/reviews", R"({"held": "2026-04-16"})")
                .status == 201);
    report = d.feed("I1", secret);
    review = event(report, "C1/p1/review/1@reviewd");
    CHECK(review["sequence"] == 1);
    CHECK(review["summary"] == "Child C1: Review 1 met 2026-04-16");
    CHECK(review["alarms"].empty());
    const json second = event(report, "C1/p1/review/2@reviewd");
    REQUIRE_FALSE(second.is_null());
    CHECK(second["sequence"] == 0);
    CHECK(second["start"] == "2026-07-16");

    // A review brought forward, then taken back: CANCELLED, one SEQUENCE on.
    REQUIRE(d.f.call("integration", "POST", "/v1/children/C1/review-requests",
                     R"({"requested_on": "2026-05-01", "due": "2026-05-15", "reason": "move"})")
                .status == 201);
    report = d.feed("I1", secret);
    json request = event(report, "C1/p1/review_request/1@reviewd");
    REQUIRE_FALSE(request.is_null());
    CHECK(request["status"] == "CONFIRMED");
    const int request_sequence = request["sequence"];
    json whole = d.f.json_of(d.f.call("manager", "GET", "/v1/children/C1"))["case"];
    whole["review_requests"] = json::array();
    REQUIRE(d.f.call("integration", "PUT", "/v1/children/C1", whole.dump()).status == 200);
    report = d.feed("I1", secret);
    request = event(report, "C1/p1/review_request/1@reviewd");
    REQUIRE_FALSE(request.is_null());
    CHECK(request["status"] == "CANCELLED");
    CHECK(request["sequence"] == request_sequence + 1);
    CHECK(request["summary"] == "Child C1: Review brought forward 1 withdrawn");
    CHECK(request["alarms"].empty());

    // The period of care ends before the second review falls due: that review is cancelled.
    REQUIRE(d.f.call("integration", "PUT", "/v1/children/C1/periods/1",
                     R"({"start": "2026-03-20", "end": "2026-06-01",
                         "placements": [{"start": "2026-03-20", "end": "2026-06-01"}]})")
                .status == 200);
    report = d.feed("I1", secret);
    const json ended = event(report, "C1/p1/review/2@reviewd");
    REQUIRE_FALSE(ended.is_null());
    CHECK(ended["status"] == "CANCELLED");
    CHECK(ended["sequence"].get<int>() > second["sequence"].get<int>());
}

TEST_CASE("a feed secret opens its own IRO's feed only, and stops at once when revoked",
          "[e2e][calendar]") {
    pinned_daemon d;
    d.put_case("C1", "I1", api_fixture::case_json("C1"));
    const std::string mine = d.create_feed("I1");
    const std::string theirs = d.create_feed("I2");
    REQUIRE(d.fetch("I1", mine).status == 200);
    REQUIRE(d.fetch("I2", theirs).status == 200);
    CHECK(d.feed("I2", theirs)["events"].empty()); // I2 has no children

    // Another IRO's secret, a made-up one, an unknown IRO, an API token: all the same 404, so the
    // answer does not say which IROs exist.
    const auto other = d.fetch("I1", theirs);
    CHECK(other.status == 404);
    const auto unknown_iro = d.fetch("NOPE", mine);
    CHECK(unknown_iro.status == 404);
    CHECK(unknown_iro.body == other.body);
    CHECK(d.fetch("I1", "rvf_" + std::string(64, '0')).body == other.body);
    CHECK(d.fetch("I1", d.f.tokens.at("admin")).body == other.body);
    CHECK(d.fetch("I1", d.f.tokens.at("iro")).status == 404);
    // No secret: 401. A bearer token does not open a feed.
    CHECK(d.f.client->request("GET", "/v1/iros/I1/calendar.ics").status == 401);
    CHECK(d.f.call("admin", "GET", "/v1/iros/I1/calendar.ics").status == 401);
    // A feed secret is not an API token.
    CHECK(d.f.client->request("GET", "/v1/deadlines", "", {{"Authorization", "Bearer " + mine}})
              .status == 401);

    const auto listed = d.f.daemon.command({"feed", "list"});
    REQUIRE(listed.exit_code == 0);
    CHECK(listed.out.find("I1\tcal\t") != std::string::npos);
    CHECK(listed.out.find(mine) == std::string::npos);
    const auto revoked = d.f.daemon.command({"feed", "revoke", "--id", "1"});
    INFO(revoked.err);
    REQUIRE(revoked.exit_code == 0);
    CHECK(d.fetch("I1", mine).status == 404);
    CHECK(d.fetch("I2", theirs).status == 200);
    REQUIRE(d.f.daemon.command({"feed", "revoke", "--person", "I2"}).exit_code == 0);
    CHECK(d.fetch("I2", theirs).status == 404);

    // The secrets are in no log line and no metric label.
    const std::string metrics = d.f.call("admin", "GET", "/metrics").body;
    CHECK(metrics.find("calendar.ics") != std::string::npos);
    for (const auto& secret : {mine, theirs}) {
        CHECK(d.f.daemon.log().find(secret) == std::string::npos);
        CHECK(metrics.find(secret) == std::string::npos);
        CHECK(metrics.find(secret.substr(4, 16)) == std::string::npos);
    }
}
