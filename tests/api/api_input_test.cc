// Hostile input through the API in-process: what tests/fuzz/api_request_fuzz found, kept here so
// it stays fixed. A request the client got wrong is a 4xx JSON error, never a 500.
#include "api/api_harness.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using reviewd::test::api_harness;

namespace {

// The error code of a JSON error response; fails the test when the body is not JSON.
std::string error_code(const reviewd::http::response& r) {
    INFO(r.body);
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    REQUIRE_FALSE(body.is_discarded());
    return body.at("error").at("code").get<std::string>();
}

} // namespace

// nlohmann reports a number too large for a double as out_of_range, not as parse_error; it
// escaped the body parser and the client got 500.
TEST_CASE("a JSON number too large to read is malformed JSON, not a 500", "[api][input]") {
    api_harness api;
    for (const auto& [method, target] :
         {std::pair{"PUT", "/v1/children/C1"}, std::pair{"POST", "/v1/children/C1/reviews"},
          std::pair{"PUT", "/v1/people/I1"}}) {
        INFO(method << " " << target);
        const auto r = api.call(method, target, R"({"jurisdiction": 1e400})");
        CHECK(r.status == 400);
        CHECK(error_code(r) == "malformed_json");
    }
}

// Percent-decoding can make bytes that are not UTF-8; echoed in an error message they made the
// JSON writer throw, and the client got 500.
TEST_CASE("bytes that are not UTF-8 in a path or query come back in a JSON error, not a 500",
          "[api][input]") {
    api_harness api;
    struct row {
        const char* target;
        int status;
        const char* code;
    };
    for (const row& r : {row{"/v1/children/%84%31/deadlines", 404, "not_found"},
                         row{"/v1/children/%FF", 404, "not_found"},
                         row{"/v1/deadlines?status=%FF", 400, "invalid_value"},
                         row{"/v1/deadlines?due_before=%C3", 400, "invalid_date"},
                         row{"/v1/deadlines?kind=%E2%82", 400, "invalid_value"}}) {
        INFO(r.target);
        const auto response = api.call("GET", r.target);
        CHECK(response.status == r.status);
        CHECK(error_code(response) == r.code);
    }
}
