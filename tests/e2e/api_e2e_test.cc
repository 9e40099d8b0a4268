// The daemon over HTTP, end to end: health, a case's life (create, read, review, deadlines,
// archive), people and assignments, the deadline list with filters and pages, metrics, audit,
// graceful stop, and a database newer than the binary refused.
#include "e2e/api_fixture.h"
#include "store/sqlite.h"

#include <catch2/catch.hpp>

#include <set>

using nlohmann::json;
using reviewd::test::api_fixture;

TEST_CASE("health needs no token, everything else does", "[e2e][api]") {
    api_fixture f;
    const auto health = f.call("", "GET", "/healthz");
    CHECK(health.status == 200);
    CHECK(f.json_of(health)["status"] == "ok");
    const auto anonymous = f.call("", "GET", "/v1/deadlines");
    CHECK(anonymous.status == 401);
    CHECK(f.json_of(anonymous)["error"]["code"] == "unauthorized");
    const auto forged = f.client->request(
        "GET", "/v1/deadlines", "", {{"Authorization", "Bearer rvd_" + std::string(64, 'a')}});
    CHECK(forged.status == 401);
    CHECK(f.call("", "GET", "/metrics").status == 401);
}

TEST_CASE("a case's life through the API", "[e2e][api]") {
    api_fixture f;
    const auto created =
        f.call("integration", "PUT", "/v1/children/C1", api_fixture::case_json("C1"));
    REQUIRE(created.status == 201);
    CHECK(f.json_of(created)["revision"] == 1);
    const auto again =
        f.call("integration", "PUT", "/v1/children/C1", api_fixture::case_json("C1"));
    CHECK(again.status == 200);
    CHECK(f.json_of(again)["changed"] == false);

    const auto got = f.call("manager", "GET", "/v1/children/C1");
    REQUIRE(got.status == 200);
    CHECK(f.json_of(got)["case"]["periods"][0]["start"] == "2026-03-20");

    const auto deadlines = f.json_of(f.call("manager", "GET", "/v1/children/C1/deadlines"));
    const auto find = [](const json& doc, const std::string& key) {
        for (const auto& d : doc["deadlines"])
            if (d["key"] == key)
                return d;
        return json();
    };
    CHECK(find(deadlines, "p1/review/1")["due"] == "2026-04-21");
    CHECK(find(deadlines, "p1/review/2").is_null());

    const auto review =
        f.call("integration", "POST", "/v1/children/C1/reviews", R"({"held": "2026-04-16"})");
    REQUIRE(review.status == 201);
    CHECK(f.json_of(review)["revision"] == 2);
    const auto after = f.json_of(f.call("manager", "GET", "/v1/children/C1/deadlines"));
    CHECK(find(after, "p1/review/1")["status"] == "met");
    CHECK(find(after, "p1/review/1")["id"] == find(deadlines, "p1/review/1")["id"]);
    CHECK(find(after, "p1/review/2")["due"] == "2026-07-16");
    CHECK(f.call("integration", "POST", "/v1/children/C1/reviews", R"({"held": "2026-04-16"})")
              .status == 409);

    const auto request = f.call(
        "integration", "POST", "/v1/children/C1/review-requests",
        R"({"requested_on": "2026-05-01", "due": "2026-05-15", "reason": "placement move"})");
    CHECK(request.status == 201);
    const auto period_end = f.call(
        "integration", "PUT", "/v1/children/C1/periods/1",
        R"({"start": "2026-03-20", "end": "2026-12-01", "placements": [{"start": "2026-03-20", "end": "2026-06-01"}]})");
    CHECK(period_end.status == 200);
    CHECK(f.call("integration", "PUT", "/v1/children/C1/periods/2", R"({"start": "2026-03-20"})")
              .status == 404);
    const auto placement = f.call("integration", "POST", "/v1/children/C1/periods/1/placements",
                                  R"({"start": "2026-06-01", "long_term": true})");
    CHECK(placement.status == 201);
    const auto overlapping = f.call("integration", "POST", "/v1/children/C1/periods/1/placements",
                                    R"({"start": "2026-07-01"})");
    CHECK(overlapping.status == 422);
    CHECK(f.json_of(overlapping)["error"]["code"] == "overlapping_placements");
    const auto ended = f.call("integration", "PUT", "/v1/children/C1/periods/1/placements/2",
                              R"({"start": "2026-06-01", "end": "2026-11-30", "long_term": true})");
    CHECK(ended.status == 200);
    CHECK(f.json_of(f.call("manager", "GET",
                           "/v1/children/C1"))["case"]["periods"][0]["placements"][1]["end"] ==
          "2026-11-30");
    CHECK(f.call("integration", "PUT", "/v1/children/C1/periods/1/placements/3",
                 R"({"start": "2026-06-01"})")
              .status == 404);

    CHECK(f.call("integration", "DELETE", "/v1/children/C1").status == 200);
    CHECK(f.call("manager", "GET", "/v1/children/C1").status == 404);
    CHECK(f.call("manager", "GET", "/v1/children/C1/deadlines").status == 404);
    CHECK(f.call("integration", "PUT", "/v1/children/C1", api_fixture::case_json("C1")).status ==
          409);
}

TEST_CASE("people and assignments", "[e2e][api]") {
    api_fixture f;
    REQUIRE(f.call("integration", "PUT", "/v1/children/C1", api_fixture::case_json("C1")).status ==
            201);
    const auto people = f.json_of(f.call("manager", "GET", "/v1/people"));
    CHECK(people["people"].size() == 4);
    const auto i1 = f.json_of(f.call("manager", "GET", "/v1/people/I1"));
    CHECK(i1["manager"] == "M1");
    CHECK(f.call("manager", "GET", "/v1/people/NOPE").status == 404);
    CHECK(f.call("integration", "PUT", "/v1/children/C1/assignments",
                 R"({"iro": "I1", "team_manager": "T1"})")
              .status == 200);
    const auto a = f.json_of(f.call("manager", "GET", "/v1/children/C1/assignments"));
    CHECK(a["iro"] == "I1");
    CHECK(a["team_manager"] == "T1");
    CHECK(a["social_worker"].is_null());
    const auto wrong =
        f.call("integration", "PUT", "/v1/children/C1/assignments", R"({"iro": "T1"})");
    CHECK(wrong.status == 400);
    CHECK(f.json_of(wrong)["error"]["field"] == "iro");
}

TEST_CASE("the deadline list filters and pages", "[e2e][api]") {
    api_fixture f;
    for (int i = 0; i < 6; ++i) {
        const std::string ref = "C" + std::to_string(i);
        REQUIRE(f.call("integration", "PUT", "/v1/children/" + ref,
                       api_fixture::case_json(ref, "2026-0" + std::to_string(i + 1) + "-05"))
                    .status == 201);
        REQUIRE(f.call("integration", "PUT", "/v1/children/" + ref + "/assignments",
                       json{{"iro", i % 2 == 0 ? "I1" : "I2"}}.dump())
                    .status == 200);
    }
    std::set<long> seen;
    std::string target = "/v1/deadlines?limit=4";
    int pages = 0;
    for (;;) {
        const auto page = f.json_of(f.call("manager", "GET", target));
        ++pages;
        for (const auto& item : page["items"])
            CHECK(seen.insert(item["id"].get<long>()).second);
        if (page["next_cursor"].is_null())
            break;
        target = "/v1/deadlines?limit=4&cursor=" + page["next_cursor"].get<std::string>();
    }
    CHECK(pages > 2);
    const auto reviews =
        f.json_of(f.call("manager", "GET", "/v1/deadlines?kind=review&limit=1000"));
    CHECK(reviews["items"].size() == 6);
    const auto mine = f.json_of(f.call("manager", "GET", "/v1/deadlines?iro=I1&kind=review"));
    CHECK(mine["items"].size() == 3);
    const auto before =
        f.json_of(f.call("manager", "GET", "/v1/deadlines?kind=review&due_before=2026-03-01"));
    for (const auto& item : before["items"])
        CHECK(item["due"].get<std::string>() < "2026-03-01");
    CHECK(f.call("manager", "GET", "/v1/deadlines?status=late").status == 400);
    CHECK(f.call("manager", "GET", "/v1/deadlines?due_before=2026-02-30").status == 400);
    CHECK(f.call("manager", "GET", "/v1/deadlines?cursor=garbage").status == 400);
    CHECK(f.call("manager", "GET", "/v1/deadlines?limit=0").status == 400);
    CHECK(f.call("manager", "GET", "/v1/deadlines?colour=red").status == 400);
}

TEST_CASE("metrics report requests, deadlines by status and database size", "[e2e][api]") {
    api_fixture f;
    REQUIRE(f.call("integration", "PUT", "/v1/children/C1", api_fixture::case_json("C1")).status ==
            201);
    const auto m = f.call("manager", "GET", "/metrics");
    REQUIRE(m.status == 200);
    CHECK(m.body.find("reviewd_http_requests_total{method=\"PUT\",route=\"/v1/children/"
                      "{}\",status=\"201\"} 1") != std::string::npos);
    CHECK(m.body.find("reviewd_http_request_duration_seconds_bucket") != std::string::npos);
    CHECK(m.body.find("reviewd_deadlines{status=") != std::string::npos);
    CHECK(m.body.find("reviewd_database_bytes") != std::string::npos);
    CHECK(m.body.find("C1") == std::string::npos); // references stay out of metrics
    CHECK(f.call("integration", "GET", "/metrics").status == 403);
}

TEST_CASE("every change is audited with the token's name, and the log holds no dates of birth",
          "[e2e][api]") {
    api_fixture f;
    REQUIRE(f.call("integration", "PUT", "/v1/children/C1", api_fixture::case_json("C1")).status ==
            201);
    REQUIRE(f.call("iro", "GET", "/v1/children/C1").status == 404); // not assigned yet
    REQUIRE(
        f.call("integration", "PUT", "/v1/children/C1/assignments", R"({"iro": "I1"})").status ==
        200);
    REQUIRE(f.call("iro", "POST", "/v1/children/C1/reviews", R"({"held": "2026-04-10"})").status ==
            201);
    CHECK(f.daemon.terminate() == 0);
    auto db = reviewd::store::connection::open(f.daemon.database(), false, true);
    auto st = db.prepare("SELECT actor, action, subject, detail FROM audit ORDER BY id");
    std::vector<std::string> rows;
    while (st.step())
        rows.push_back(st.text(0) + " " + st.text(1) + " " + st.text(2) + " " + st.text(3));
    const auto has = [&](const std::string& prefix) {
        return std::any_of(rows.begin(), rows.end(),
                           [&](const std::string& r) { return r.rfind(prefix, 0) == 0; });
    };
    CHECK(has("lcs-feed child.create child C1"));
    CHECK(has("lcs-feed assignments.put child C1 iro=I1"));
    CHECK(has("iro-I1 review.add child C1"));
    CHECK(has("cli:"));
    for (const auto& r : rows)
        CHECK(r.find("2015-03-02") == std::string::npos);
    CHECK(f.daemon.log().find("2015-03-02") == std::string::npos);
}

TEST_CASE("SIGTERM stops the daemon cleanly and a restart serves the same data", "[e2e][api]") {
    api_fixture f;
    REQUIRE(f.call("integration", "PUT", "/v1/children/C1", api_fixture::case_json("C1")).status ==
            201);
    CHECK(f.daemon.terminate() == 0);
    CHECK(f.daemon.log().find("daemon.stopped") != std::string::npos);
    f.daemon.start();
    f.client = std::make_unique<reviewd::test::http_client>("127.0.0.1", f.daemon.port());
    CHECK(f.call("manager", "GET", "/v1/children/C1").status == 200);
    CHECK(f.daemon.command({"db", "check"}).exit_code == 0);
}

TEST_CASE("a revoked token stops working at once, even while the daemon runs", "[e2e][api]") {
    api_fixture f;
    CHECK(f.call("manager", "GET", "/v1/deadlines").status == 200);
    CHECK(f.daemon.command({"token", "revoke", "--name", "manager-1"}).exit_code == 0);
    CHECK(f.call("manager", "GET", "/v1/deadlines").status == 401);
}

TEST_CASE("a database newer than the binary is refused at start", "[e2e][api]") {
    reviewd::test::daemon_process daemon;
    REQUIRE(daemon.command({"db", "migrate"}).exit_code == 0);
    {
        auto db = reviewd::store::connection::open(daemon.database(), false);
        db.exec("PRAGMA user_version = 99");
    }
    CHECK_THROWS_WITH(daemon.start(), Catch::Contains("newer than this reviewd understands"));
    const auto migrate = daemon.command({"db", "migrate"});
    CHECK(migrate.exit_code == 1);
    CHECK(migrate.err.find("version 99") != std::string::npos);
}
