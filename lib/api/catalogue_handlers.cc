// Handlers for caseload-wide resources: the deadline list, people, metrics; see handlers.h.
#include "api/handlers.h"

#include "rules/case_json.h"
#include "rules/deadline.h"

#include <charconv>

namespace reviewd::api {
namespace {

using nlohmann::json;

json person_json(const store::person& p) {
    return {{"ref", p.ref},
            {"role", p.role},
            {"name", p.name},
            {"email", p.email},
            {"manager", p.manager ? json(*p.manager) : json(nullptr)},
            {"active", p.active}};
}

} // namespace

http::response list_deadlines(call& c) {
    store::deadline_filter filter;
    for (const auto& [key, _] : c.where.query)
        if (key != "iro" && key != "due_before" && key != "status" && key != "kind" &&
            key != "limit" && key != "cursor")
            return error_response(400, "unknown_parameter", "unknown query parameter", key);
    filter.iro = query_value(c, "iro");
    if (c.who.role == "iro") {
        if (filter.iro && filter.iro != c.who.person)
            return error_response(403, "forbidden", "an IRO's token lists only that IRO's children",
                                  "iro");
        filter.iro = c.who.person;
    }
    if (const auto before = query_value(c, "due_before")) {
        filter.due_before = core::parse_iso_date(*before);
        if (!filter.due_before)
            return error_response(400, "invalid_date",
                                  "\"" + *before + "\" is not a date (expected YYYY-MM-DD)",
                                  "due_before");
    }
    if (const auto status = query_value(c, "status")) {
        if (!rules::deadline_status_from(*status))
            return error_response(400, "invalid_value",
                                  "\"" + *status +
                                      "\" is not one of open, met, met_late, missed, cancelled",
                                  "status");
        filter.status = status;
    }
    if (const auto kind = query_value(c, "kind")) {
        if (!rules::deadline_kind_from(*kind))
            return error_response(400, "invalid_value", "\"" + *kind + "\" is not a deadline kind",
                                  "kind");
        filter.kind = kind;
    }
    if (const auto limit = query_value(c, "limit")) {
        int n = 0;
        const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
        if (ec != std::errc{} || end != limit->data() + limit->size() || n < 1 || n > 1000)
            return error_response(400, "invalid_value",
                                  "\"" + *limit + "\" is not a whole number from 1 to 1000",
                                  "limit");
        filter.limit = n;
    }
    if (const auto cursor = query_value(c, "cursor")) {
        if (!store::valid_deadline_cursor(*cursor))
            return error_response(400, "invalid_value", "not a cursor this API gave out", "cursor");
        filter.cursor = cursor;
    }
    const auto page = c.ctx.store.list_deadlines(filter, c.today);
    json items = json::array();
    for (const auto& item : page.items) {
        json j = deadline_json(item.stored);
        j["child"] = item.child;
        items.push_back(std::move(j));
    }
    return json_response(
        200, {{"as_of", core::format_iso_date(c.today)},
              {"items", std::move(items)},
              {"next_cursor", page.next_cursor ? json(*page.next_cursor) : json(nullptr)}});
}

http::response put_person(call& c) {
    http::response error;
    const auto body = parse_body(c, error);
    if (!body)
        return error;
    if (!body->is_object())
        return error_response(400, "wrong_type", "expected an object");
    store::person p;
    p.ref = c.params.at(0);
    if (!rules::valid_case_reference(p.ref))
        return error_response(400, "invalid_value",
                              "not a reference (letters, digits, '.', '_', '-')", "ref");
    for (const auto& [key, value] : body->items()) {
        if (key == "ref") {
            if (value != p.ref)
                return error_response(400, "invalid_value",
                                      "does not match the reference in the path", "ref");
        } else if (key == "role" || key == "name" || key == "email") {
            if (!value.is_string() || value.get_ref<const std::string&>().empty() ||
                value.get_ref<const std::string&>().size() > 200)
                return error_response(400, "wrong_type", "expected a string of 1 to 200 characters",
                                      key);
            (key == "role" ? p.role : key == "name" ? p.name : p.email) = value.get<std::string>();
        } else if (key == "manager") {
            if (!value.is_null() && !value.is_string())
                return error_response(400, "wrong_type", "expected a person reference or null",
                                      key);
            if (value.is_string())
                p.manager = value.get<std::string>();
        } else if (key == "active") {
            if (!value.is_boolean())
                return error_response(400, "wrong_type", "expected true or false", key);
            p.active = value.get<bool>();
        } else {
            return error_response(400, "unknown_field", "unknown field", key);
        }
    }
    for (const auto* field : {"role", "name", "email"})
        if (!body->contains(field))
            return error_response(400, "missing_field", "required", field);
    if (p.email.find('@') == std::string::npos ||
        p.email.find_first_of(" \r\n<>,;") != std::string::npos)
        return error_response(400, "invalid_value", "\"" + p.email + "\" is not an email address",
                              "email");
    const auto outcome = c.ctx.store.put_person(p, c.actor(), c.now);
    if (!outcome)
        return error_response(outcome.err());
    return json_response(outcome.value().created ? 201 : 200,
                         {{"person", p.ref}, {"changed", outcome.value().changed}});
}

http::response get_person(call& c) {
    const auto p = c.ctx.store.get_person(c.params.at(0));
    if (!p)
        return error_response(404, "not_found", "no person \"" + c.params.at(0) + "\"");
    return json_response(200, person_json(*p));
}

http::response list_people(call& c) {
    json list = json::array();
    for (const auto& p : c.ctx.store.list_people())
        list.push_back(person_json(p));
    return json_response(200, {{"people", std::move(list)}});
}

http::response get_metrics(call& c) {
    std::vector<std::pair<std::string, double>> gauges;
    for (const auto& [status, n] : c.ctx.store.deadline_counts_by_status(c.today))
        gauges.emplace_back("reviewd_deadlines{status=\"" + status + "\"}", static_cast<double>(n));
    gauges.emplace_back("reviewd_database_bytes",
                        static_cast<double>(c.ctx.store.database_bytes()));
    http::response r;
    r.content_type = "text/plain; version=0.0.4";
    r.body = c.ctx.stats.render(gauges);
    return r;
}

} // namespace reviewd::api
