// The in-process API harness; see api_harness.h.
#include "api/api_harness.h"

#include "store/maintenance.h"
#include "support/rules_fixture.h"

#include <date/tz.h>

#include <stdexcept>

namespace reviewd::test {

api_harness::api_harness() : clock(core::day{day("2026-06-01")} + std::chrono::hours(9)) {
    const auto file = dir.path() / "reviewd.db";
    store::prepare_database(file, true);
    db = std::make_unique<store::case_store>(file);
    auto snapshot = std::make_shared<store::rules_snapshot>();
    snapshot->loaded = {shipped_calendar_set(), shipped_rules()};
    snapshot->zone = date::locate_zone("Europe/London");
    rules = snapshot;
    auto token = db->create_token({"test-admin", "admin", {}}, {"test"}, "2026-06-01T09:00:00Z");
    if (!token)
        throw std::runtime_error("cannot create the admin token: " + core::describe(token.err()));
    admin_token = token.value();
    service = std::make_unique<api::api>(
        api::api_context{*db, [this] { return rules; }, clock, "Europe/London", stats});
}

http::response api_harness::call(const std::string& method, const std::string& target,
                                 const std::string& body) {
    http::request request;
    request.method = method;
    request.target = target;
    request.headers.emplace_back("authorization", "Bearer " + admin_token);
    if (!body.empty())
        request.headers.emplace_back("content-type", "application/json");
    request.body = body;
    request.remote_address = "127.0.0.1";
    return service->handle(request);
}

} // namespace reviewd::test
