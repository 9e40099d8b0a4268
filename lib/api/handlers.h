// Internal to lib/api: what a route handler is given, the responses it builds, and the handlers.
#pragma once

#include "api/api.h"
#include "api/router.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace reviewd::api {

// One authenticated request on its way through a handler.
struct call {
    const http::request& request;
    const target& where;
    std::vector<std::string> params; // the route's "{}" captures, in order
    store::token_record who;
    core::day today;
    std::string now; // ISO 8601 UTC, for the audit trail
    api_context& ctx;

    store::actor actor() const { return {who.name}; }
    store::rule_context rules_view(const rules::loaded_rules& r) const {
        return {r.book, r.calendars};
    }
};

http::response json_response(int status, const nlohmann::json& body);
http::response error_response(int status, const std::string& code, const std::string& message,
                              const std::string& field = {});
// Maps an error from the rules or the store to its HTTP status (400, 404, 409, 422).
http::response error_response(const core::error& e);
// A query parameter's value; nullopt when it is absent or empty.
std::optional<std::string> query_value(const call& c, const char* name);
// Parses the request body as JSON; nullopt and `error` set when it is not.
std::optional<nlohmann::json> parse_body(const call& c, http::response& error);

// Whether the caller may see this child: all roles but iro; an IRO only its assigned children.
bool may_see_child(const call& c, const std::string& ref);

// Children and their parts (children_handlers.cc).
http::response put_child(call& c);
http::response get_child(call& c);
http::response delete_child(call& c);
http::response post_period(call& c);
http::response put_period(call& c);
http::response post_placement(call& c);
http::response put_placement(call& c);
http::response post_review(call& c);
http::response post_review_request(call& c);
http::response get_child_deadlines(call& c);
http::response put_assignments(call& c);
http::response get_assignments(call& c);

// Caseload-wide resources (catalogue_handlers.cc).
http::response list_deadlines(call& c);
http::response put_person(call& c);
http::response get_person(call& c);
http::response list_people(call& c);
http::response get_metrics(call& c);

// An IRO's calendar feed (calendar_handlers.cc): authenticated by its ?token= feed secret, not
// by a bearer token, so `who` is empty when it is called.
http::response get_iro_calendar(call& c);

// The IRO manager's dashboard (dashboard_pages.cc, dashboard_handlers.cc): the page and its
// files (no sign-in: they hold no data), whether this browser is signed in, sign-in and sign-out
// (authenticated by the body's token and by the session cookie, checked by the handlers), and
// the figures in one call.
http::response get_dashboard_page(call& c);
http::response get_dashboard_file(call& c);
http::response get_dashboard_session(call& c);
http::response sign_in_dashboard(call& c);
http::response sign_out_dashboard(call& c);
http::response get_dashboard(call& c);
// The caller named by a live dashboard session cookie, re-checked against the tokens; dispatch
// asks only for GET routes marked as taking the cookie.
std::optional<store::token_record> dashboard_caller(const http::request& request, api_context& ctx);
// Whether a route pattern is the dashboard's, whose every response gets the security headers.
bool is_dashboard_route(std::string_view pattern);
void add_dashboard_headers(http::response& r);

// Escalations (escalation_handlers.cc, escalation_chronology_handler.cc): raise, the actions on
// one (POST /v1/escalations/{id}/{action}), its checklist, one, the list, the chronology.
http::response post_escalation(call& c);
http::response post_escalation_action(call& c);
http::response put_escalation_checklist(call& c);
http::response get_escalation(call& c);
http::response list_escalations(call& c);
http::response get_escalation_chronology(call& c);

nlohmann::json deadline_json(const store::stored_deadline& d);

} // namespace reviewd::api
