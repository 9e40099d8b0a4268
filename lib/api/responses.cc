// JSON responses and the mapping from errors to HTTP statuses; see handlers.h.
#include "api/handlers.h"

#include "rules/deadline_json.h"

#include <set>

namespace reviewd::api {

http::response json_response(int status, const nlohmann::json& body) {
    http::response r;
    r.status = status;
    // Errors echo what the client sent (a reference from the path, a query value), and
    // percent-decoding can make bytes that are not UTF-8: replace those rather than throw.
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

http::response error_response(int status, const std::string& code, const std::string& message,
                              const std::string& field) {
    return json_response(status,
                         {{"error", {{"code", code}, {"message", message}, {"field", field}}}});
}

std::optional<std::string> query_value(const call& c, const char* name) {
    const auto it = c.where.query.find(name);
    if (it == c.where.query.end() || it->second.empty())
        return std::nullopt;
    return it->second;
}

http::response error_response(const core::error& e) {
    // Facts that parse but contradict each other or the rules are 422; malformed input is 400.
    static const std::set<std::string> unprocessable = {
        "outside_period", "outside_placement", "overlapping_periods", "overlapping_placements",
        "invalid_range",  "no_rule_set",       "unknown_jurisdiction"};
    int status = 400;
    if (e.code == "not_found")
        status = 404;
    else if (e.code == "conflict" || e.code == "archived")
        status = 409;
    else if (unprocessable.count(e.code))
        status = 422;
    return error_response(status, e.code, e.message, e.field);
}

std::optional<nlohmann::json> parse_body(const call& c, http::response& error) {
    const std::string* type = c.request.header("content-type");
    if (type && type->rfind("application/json", 0) != 0) {
        error = error_response(415, "unsupported_media_type", "send the body as application/json");
        return std::nullopt;
    }
    try {
        return nlohmann::json::parse(c.request.body);
    } catch (const nlohmann::json::parse_error& e) {
        error =
            error_response(400, "malformed_json",
                           "not valid JSON at " +
                               core::line_and_column(c.request.body, e.byte == 0 ? 0 : e.byte - 1));
        return std::nullopt;
    } catch (const nlohmann::json::out_of_range&) {
        // nlohmann reports a number too large for a double ("1e400") so, not as a parse_error.
        error =
            error_response(400, "malformed_json", "not valid JSON: a number is too large to read");
        return std::nullopt;
    }
}

bool may_see_child(const call& c, const std::string& ref) {
    if (c.who.role != "iro")
        return true;
    const auto assigned = c.ctx.store.get_assignments(ref);
    return assigned && assigned->iro && c.who.person && *assigned->iro == *c.who.person;
}

nlohmann::json deadline_json(const store::stored_deadline& d) {
    nlohmann::json j = rules::deadline_to_json(d.deadline);
    j["id"] = d.id;
    j["revision"] = d.revision;
    return j;
}

} // namespace reviewd::api
