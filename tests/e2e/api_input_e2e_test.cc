// Bad input over HTTP: malformed JSON, wrong types, unknown fields, impossible dates, facts that
// contradict each other, huge bodies and headers. Each gets a 4xx JSON error naming the field and
// value, and nothing of the rejected request is written.
#include "e2e/api_fixture.h"

#include <catch2/catch.hpp>

using nlohmann::json;
using reviewd::test::api_fixture;

TEST_CASE("bad case input is refused with the field and value, writing nothing",
          "[e2e][api][input]") {
    api_fixture f("max_body_bytes = 4096\nmax_header_bytes = 2048");
    struct bad {
        const char* name;
        std::string body;
        int status;
        std::string field;
        std::string fragment;
    };
    const auto with = [](const std::string& key, json value) {
        json doc = json::parse(api_fixture::case_json("C9"));
        doc["periods"][0][key] = std::move(value);
        return doc.dump();
    };
    const std::vector<bad> cases = {
        {"malformed JSON", "{\"jurisdiction\": ", 400, "", "line 1"},
        {"not an object", "[1, 2]", 400, "", "expected an object"},
        {"wrong type", with("start", 20260320), 400, "periods[0].start", "20260320"},
        {"impossible date", with("start", "2026-02-30"), 400, "periods[0].start", "2026-02-30"},
        {"unknown field", with("colour", "red"), 400, "periods[0].colour", "unknown field"},
        {"unknown jurisdiction",
         R"({"jurisdiction": "mars", "child": {"id": "C9", "date_of_birth": "2015-03-02"}, "periods": [{"start": "2026-03-20"}]})",
         422, "jurisdiction", "mars"},
        {"review before the period",
         [] {
             json doc = json::parse(api_fixture::case_json("C9"));
             doc["reviews"] = {{{"held", "2026-01-01"}}};
             return doc.dump();
         }(),
         422, "reviews[0].held", "2026-01-01"},
        {"reference mismatch", api_fixture::case_json("C8"), 400, "child.id", "C8"},
        {"bad reference characters",
         R"({"jurisdiction": "england", "child": {"id": "C 9", "date_of_birth": "2015-03-02"}, "periods": [{"start": "2026-03-20"}]})",
         400, "child.id", "C 9"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const auto reply = f.call("integration", "PUT", "/v1/children/C9", c.body);
        INFO(reply.body);
        CHECK(reply.status == c.status);
        const json error = f.json_of(reply)["error"];
        CHECK(error["field"] == c.field);
        CHECK(error["message"].get<std::string>().find(c.fragment) != std::string::npos);
        CHECK(error.contains("code"));
    }
    CHECK(f.call("manager", "GET", "/v1/children/C9").status == 404);
    CHECK(f.call("manager", "GET", "/v1/children/C8").status == 404);
}

TEST_CASE("bad input to a case's parts leaves the case as it was", "[e2e][api][input]") {
    api_fixture f;
    REQUIRE(f.call("integration", "PUT", "/v1/children/C1", api_fixture::case_json("C1")).status ==
            201);
    CHECK(f.call("integration", "POST", "/v1/children/C1/reviews", R"({"held": "2026-13-01"})")
              .status == 400);
    CHECK(f.call("integration", "POST", "/v1/children/C1/reviews", R"({"held": "2025-01-01"})")
              .status == 422);
    CHECK(f.call("integration", "POST", "/v1/children/C1/reviews", R"({"when": "2026-04-01"})")
              .status == 400);
    CHECK(f.call("integration", "POST", "/v1/children/C1/periods", R"({"start": "2026-05-01"})")
              .status == 422); // overlaps
    CHECK(f.call("integration", "POST", "/v1/children/C404/reviews", R"({"held": "2026-04-01"})")
              .status == 404);
    const auto got = f.json_of(f.call("manager", "GET", "/v1/children/C1"));
    CHECK(got["revision"] == 1);
    CHECK(got["case"]["reviews"].empty());
}

TEST_CASE("oversized bodies and headers are refused before any work", "[e2e][api][input]") {
    api_fixture f("max_body_bytes = 4096\nmax_header_bytes = 2048");
    json doc = json::parse(api_fixture::case_json("BIG"));
    doc["review_requests"] = json::array();
    for (int i = 0; i < 100; ++i)
        doc["review_requests"].push_back({{"requested_on", "2026-04-01"},
                                          {"due", "2026-04-10"},
                                          {"reason", std::string(40, 'x')}});
    const auto big = f.call("integration", "PUT", "/v1/children/BIG", doc.dump());
    CHECK(big.status == 413);
    f.client->close();
    const auto huge_header =
        f.client->request("GET", "/healthz", "", {{"X-Padding", std::string(4000, 'p')}});
    CHECK(huge_header.status == 431);
    f.client->close();
    CHECK(f.call("manager", "GET", "/v1/children/BIG").status == 404);
}

TEST_CASE("unknown routes, wrong methods and wrong media types", "[e2e][api][input]") {
    api_fixture f;
    CHECK(f.call("admin", "GET", "/v1/nothing").status == 404);
    CHECK(f.call("admin", "PATCH", "/v1/children/C1").status == 405);
    CHECK(f.call("admin", "GET", "/v1/children/%zz").status == 400);
    const auto form = f.client->request("PUT", "/v1/children/C1", "a=b",
                                        {{"Authorization", "Bearer " + f.tokens["admin"]},
                                         {"Content-Type", "application/x-www-form-urlencoded"}});
    CHECK(form.status == 415);
}
