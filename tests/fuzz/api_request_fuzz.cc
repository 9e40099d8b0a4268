// Fuzz target: the API's request path. Each input is the bytes a client sends on one connection;
// they are parsed as lib/http parses them (raw_http.h) and every whole request is handled by the
// real router and handlers over the real store, on a fresh copy of a small SQLite database
// (api_world.h). Tokens are named, not guessed: "Authorization: Bearer admin" sends the admin's.
//
// Beyond the sanitizers, the oracle: a healthy database never answers 500 or 503 (an exception
// escaped a handler, or the store was left unusable); every JSON body parses, and an error body
// has a code; after any accepted write `reviewd db check` finds nothing wrong (integrity, stored
// deadlines equal a recompute, assignments match roles).
#include "api_world.h"
#include "fuzz_assert.h"
#include "raw_http.h"
#include "shipped.h"

#include "store/maintenance.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace reviewd;

namespace {

constexpr int max_requests = 8; // per input: enough for a write and the reads that follow it

std::string describe(const http::request& request, const http::response& response) {
    return request.method + " " + request.target + "\n" + request.body.substr(0, 2000) + "\n-> " +
           std::to_string(response.status) + " " + response.body.substr(0, 2000);
}

void use_named_token(http::request& request, const fuzz::api_world& world) {
    for (auto& [name, value] : request.headers) {
        if (name != "authorization" || value.rfind("Bearer ", 0) != 0)
            continue;
        if (const std::string* real = world.token(value.substr(7)))
            value = "Bearer " + *real;
    }
}

void check_response(const http::request& request, const http::response& response) {
    fuzz::require(response.status >= 200 && response.status <= 599, "a status is 200..599",
                  describe(request, response));
    fuzz::require(response.status != 500 && response.status != 503,
                  "a healthy database answers neither 500 nor 503", describe(request, response));
    if (response.content_type != "application/json")
        return;
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    fuzz::require(!body.is_discarded(), "a JSON response parses", describe(request, response));
    if (response.status >= 400)
        fuzz::require(body.contains("error") && body["error"].contains("code") &&
                          body["error"]["code"].is_string(),
                      "an error response has a code", describe(request, response));
}

bool is_write(const std::string& method) {
    return method == "PUT" || method == "POST" || method == "DELETE";
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    spdlog::set_level(spdlog::level::warn); // the API logs 500s at error: keep those visible
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::api_world world;
    const auto& limits = fuzz::shipped_config().api;
    auto session = world.open();
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    bool wrote = false;
    for (int n = 0; n < max_requests; ++n) {
        auto next = fuzz::next_request(bytes, limits.max_body_bytes, limits.max_header_bytes);
        if (!next)
            break;
        use_named_token(next->request, world);
        const http::response response = session->service->handle(next->request);
        check_response(next->request, response);
        wrote = wrote || (is_write(next->request.method) && response.status < 300);
        if (!next->keep_alive)
            break;
    }
    if (wrote) {
        const auto report = store::check_database(world.database(), world.rules());
        std::string problems;
        for (const auto& p : report.problems)
            problems += p + "\n";
        fuzz::require(report.ok(), "db check is clean after accepted writes", problems);
    }
    return 0;
}
