// Role boundaries over HTTP: what each role may read and write, and that an IRO sees only its
// own children (another IRO's child is 404, never data).
#include "e2e/api_fixture.h"

#include <catch2/catch.hpp>

using reviewd::test::api_fixture;

TEST_CASE("each role gets exactly its rights", "[e2e][api][roles]") {
    api_fixture f;
    REQUIRE(f.call("integration", "PUT", "/v1/children/C1", api_fixture::case_json("C1")).status ==
            201);
    REQUIRE(f.call("integration", "PUT", "/v1/children/C2", api_fixture::case_json("C2")).status ==
            201);
    REQUIRE(
        f.call("integration", "PUT", "/v1/children/C1/assignments", R"({"iro": "I1"})").status ==
        200);
    REQUIRE(
        f.call("integration", "PUT", "/v1/children/C2/assignments", R"({"iro": "I2"})").status ==
        200);

    struct expectation {
        const char* role;
        const char* method;
        const char* target;
        const char* body;
        int status;
    };
    const std::string review = R"({"held": "2026-04-01"})";
    const std::vector<expectation> table = {
        // manager: reads everything, writes nothing
        {"manager", "GET", "/v1/children/C1", "", 200},
        {"manager", "GET", "/v1/children/C2/deadlines", "", 200},
        {"manager", "PUT", "/v1/children/C3", "CASE", 403},
        {"manager", "POST", "/v1/children/C1/reviews", "REVIEW", 403},
        {"manager", "PUT", "/v1/people/X1",
         R"({"role": "iro", "name": "X", "email": "x@x.example"})", 403},
        {"manager", "DELETE", "/v1/children/C1", "", 403},
        // integration: writes case data, reads, no metrics
        {"integration", "GET", "/v1/children/C2", "", 200},
        {"integration", "GET", "/metrics", "", 403},
        // iro: own child only
        {"iro", "GET", "/v1/children/C1", "", 200},
        {"iro", "GET", "/v1/children/C1/deadlines", "", 200},
        {"iro", "GET", "/v1/children/C2", "", 404},
        {"iro", "GET", "/v1/children/C2/deadlines", "", 404},
        {"iro", "GET", "/v1/children/C2/assignments", "", 404},
        {"iro", "POST", "/v1/children/C2/reviews", "REVIEW", 404},
        {"iro", "POST", "/v1/children/C1/reviews", "REVIEW", 201},
        {"iro", "PUT", "/v1/children/C1", "CASE", 403},
        {"iro", "PUT", "/v1/children/C1/assignments", R"({"iro": "I1"})", 403},
        {"iro", "GET", "/v1/people", "", 403},
        {"iro", "GET", "/metrics", "", 403},
        {"iro", "GET", "/v1/deadlines?iro=I2", "", 403},
        {"iro2", "GET", "/v1/children/C2", "", 200},
        {"iro2", "GET", "/v1/children/C1", "", 404},
        // admin: everything
        {"admin", "GET", "/metrics", "", 200},
        {"admin", "DELETE", "/v1/children/C2", "", 200},
    };
    for (const auto& e : table) {
        std::string body = e.body;
        if (body == "CASE")
            body = api_fixture::case_json(std::string(e.target).substr(13));
        if (body == "REVIEW")
            body = review;
        INFO(e.role << " " << e.method << " " << e.target);
        const auto reply = f.call(e.role, e.method, e.target, body);
        INFO(reply.body);
        CHECK(reply.status == e.status);
        if (e.status == 404 || e.status == 403)
            CHECK(reply.body.find("2015-03-02") == std::string::npos);
    }
}

TEST_CASE("an IRO's deadline list holds only that IRO's children", "[e2e][api][roles]") {
    api_fixture f;
    REQUIRE(f.call("integration", "PUT", "/v1/children/C1", api_fixture::case_json("C1")).status ==
            201);
    REQUIRE(f.call("integration", "PUT", "/v1/children/C2", api_fixture::case_json("C2")).status ==
            201);
    REQUIRE(
        f.call("integration", "PUT", "/v1/children/C1/assignments", R"({"iro": "I1"})").status ==
        200);
    const auto list = f.json_of(f.call("iro", "GET", "/v1/deadlines?limit=1000"));
    REQUIRE_FALSE(list["items"].empty());
    for (const auto& item : list["items"])
        CHECK(item["child"] == "C1");
    CHECK(f.json_of(f.call("iro2", "GET", "/v1/deadlines"))["items"].empty());
}
