// Fuzz target: the API's request path. Each input is the bytes a client sends on one connection;
// they are parsed as lib/http parses them (raw_http.h) and every whole request is handled by the
// real router and handlers over the real store, on a fresh copy of a small SQLite database
// (api_world.h). Secrets are named, not guessed: "Authorization: Bearer admin" sends the admin's
// token (api_world.h lists the names).
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
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace reviewd;

namespace {

constexpr int max_requests = 8; // per input: enough for a write and the reads that follow it

std::string describe(const http::request& request, const http::response& response) {
    return request.method + " " + request.target + "\n" + request.body.substr(0, 2000) + "\n-> " +
           std::to_string(response.status) + " " + response.body.substr(0, 2000);
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// Puts the real secrets where the input names them (api_world.h).
void use_secrets(http::request& request, const fuzz::api_world& world,
                 const fuzz::api_world::session& session) {
    for (auto& [name, value] : request.headers) {
        if (name == "authorization" && value.rfind("Bearer ", 0) == 0) {
            if (const std::string* real = world.token(value.substr(7)))
                value = "Bearer " + *real;
        } else if (name == "cookie" && !session.last_session_id.empty()) {
            replace_all(value, "SESSION", session.last_session_id);
        }
    }
    for (const char* role : {"admin", "manager", "integration", "iro", "iro2", "revoked"})
        for (const std::string form : {"\"token\": \"", "\"token\":\""})
            replace_all(request.body, form + role + "\"", form + *world.token(role) + "\"");
    replace_all(request.target, "token=feed", "token=" + world.feed_secret());
}

// Remembers the dashboard session a sign-in opened, for "SESSION" in later cookies.
void keep_session(const http::response& response, fuzz::api_world::session& session) {
    static const std::string prefix = "reviewd_session=";
    for (const auto& [name, value] : response.headers)
        if (name == "Set-Cookie" && value.rfind(prefix, 0) == 0)
            session.last_session_id = value.substr(prefix.size(), value.find(';') - prefix.size());
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
    spdlog::set_level(spdlog::level::err); // the API logs 500s at error: keep those visible
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::api_world world;
    // REVIEWD_FUZZ_TRACE=1 prints each request's line and status: to see that a seed reaches the
    // routes it was written for, rather than stopping at a 401 or 404.
    static const bool trace = std::getenv("REVIEWD_FUZZ_TRACE") != nullptr;
    const auto& limits = fuzz::shipped_config().api;
    auto session = world.open();
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    bool wrote = false;
    for (int n = 0; n < max_requests; ++n) {
        auto next = fuzz::next_request(bytes, limits.max_body_bytes, limits.max_header_bytes);
        if (!next)
            break;
        use_secrets(next->request, world, *session);
        const http::response response = session->service->handle(next->request);
        check_response(next->request, response);
        if (trace)
            std::fprintf(stderr, "%s %s -> %d\n", next->request.method.c_str(),
                         next->request.target.c_str(), response.status);
        keep_session(response, *session);
        wrote = wrote || (is_write(next->request.method) && response.status < 300);
        if (!next->keep_alive)
            break;
    }
    if (wrote) {
        // As `reviewd db check` runs it: escalation histories replayed under the shipped ladder.
        const auto escalations = fuzz::shipped_snapshot()->escalation_view();
        const auto report = store::check_database(world.database(), world.rules(),
                                                  escalations ? &*escalations : nullptr);
        std::string problems;
        for (const auto& p : report.problems)
            problems += p + "\n";
        fuzz::require(report.ok(), "db check is clean after accepted writes", problems);
    }
    return 0;
}
