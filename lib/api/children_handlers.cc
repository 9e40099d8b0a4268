// Handlers for a child's case and its parts; see handlers.h and the route list in api.h.
#include "api/handlers.h"

#include "rules/case_json.h"

#include <algorithm>
#include <charconv>
#include <numeric>

namespace reviewd::api {
namespace {

using nlohmann::json;

http::response not_found(const std::string& ref) {
    return error_response(404, "not_found", "no child \"" + ref + "\"");
}

json outcome_json(const std::string& ref, const store::write_outcome& o) {
    return {{"child", ref},
            {"revision", o.revision},
            {"changed", o.changed},
            {"deadlines", o.deadlines}};
}

// Runs a read-modify-write of the child's case and answers with its outcome.
http::response edit(call& c, const std::string& action, const store::case_store::case_edit& change,
                    int created_status) {
    const std::string& ref = c.params.at(0);
    if (!may_see_child(c, ref))
        return not_found(ref);
    const auto rules = c.ctx.rules();
    const auto outcome =
        c.ctx.store.edit_case(ref, action, change, rules->view(), c.actor(), c.now);
    if (!outcome)
        return error_response(outcome.err());
    if (outcome.value().changed && c.ctx.changed)
        c.ctx.changed();
    return json_response(outcome.value().changed ? created_status : 200,
                         outcome_json(ref, outcome.value()));
}

// 1-based position in date order of a period or placement, from a path segment.
std::optional<std::size_t> ordinal(const std::string& text, std::size_t count) {
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || n < 1 || n > count)
        return std::nullopt;
    return n - 1;
}

template <class T> std::vector<std::size_t> date_order(const std::vector<T>& items) {
    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return items[a].start < items[b].start; });
    return order;
}

// Finds period n (1-based, date order) in the facts, or sets an error.
rules::period_of_care* period_at(rules::case_facts& facts, const std::string& n,
                                 std::optional<core::error>& error) {
    const auto index = ordinal(n, facts.periods.size());
    if (!index) {
        error = core::make_error("not_found", "no period " + n + " (the case has " +
                                                  std::to_string(facts.periods.size()) + ")");
        return nullptr;
    }
    return &facts.periods[date_order(facts.periods)[*index]];
}

} // namespace

http::response put_child(call& c) {
    const std::string& ref = c.params.at(0);
    http::response error;
    const auto body = parse_body(c, error);
    if (!body)
        return error;
    auto facts = rules::case_from_json(*body);
    if (!facts)
        return error_response(facts.err());
    if (facts.value().child.id != ref)
        return error_response(400, "invalid_value",
                              "\"" + facts.value().child.id +
                                  "\" does not match the reference in the path \"" + ref + "\"",
                              "child.id");
    const auto rules = c.ctx.rules();
    const auto outcome = c.ctx.store.put_case(facts.value(), rules->view(), c.actor(), c.now);
    if (!outcome)
        return error_response(outcome.err());
    if (outcome.value().changed && c.ctx.changed)
        c.ctx.changed();
    return json_response(outcome.value().created ? 201 : 200, outcome_json(ref, outcome.value()));
}

http::response get_child(call& c) {
    const std::string& ref = c.params.at(0);
    if (!may_see_child(c, ref))
        return not_found(ref);
    const auto stored = c.ctx.store.get_case(ref);
    if (!stored || stored->archived_at)
        return not_found(ref);
    return json_response(200, {{"case", rules::case_to_json(stored->facts)},
                               {"revision", stored->revision},
                               {"updated_at", stored->updated_at}});
}

http::response delete_child(call& c) {
    const std::string& ref = c.params.at(0);
    const auto outcome = c.ctx.store.archive_case(ref, c.actor(), c.now);
    if (!outcome)
        return error_response(outcome.err());
    return json_response(200, {{"child", ref}, {"archived", true}});
}

// A part of a case sent as the body: read it with `read` (errors name its fields), then apply it
// to the stored case with `apply` in one transaction. `status` answers a change.
template <class Part, class Read, class Apply>
http::response edit_with_part(call& c, const std::string& action, Read read, Apply apply,
                              int status) {
    http::response error;
    const auto body = parse_body(c, error);
    if (!body)
        return error;
    core::result<Part> part = read(*body, "");
    if (!part)
        return error_response(part.err());
    return edit(
        c, action, [&](rules::case_facts& facts) { return apply(facts, part.value()); }, status);
}

http::response post_period(call& c) {
    return edit_with_part<rules::period_of_care>(
        c, "period.add", rules::period_from_json,
        [](rules::case_facts& facts,
           const rules::period_of_care& period) -> std::optional<core::error> {
            facts.periods.push_back(period);
            return std::nullopt;
        },
        201);
}

http::response put_period(call& c) {
    return edit_with_part<rules::period_of_care>(
        c, "period.replace", rules::period_from_json,
        [&](rules::case_facts& facts, const rules::period_of_care& period) {
            std::optional<core::error> missing;
            if (auto* p = period_at(facts, c.params.at(1), missing))
                *p = period;
            return missing;
        },
        200);
}

http::response post_placement(call& c) {
    return edit_with_part<rules::placement>(
        c, "placement.add", rules::placement_from_json,
        [&](rules::case_facts& facts, const rules::placement& placement) {
            std::optional<core::error> missing;
            if (auto* p = period_at(facts, c.params.at(1), missing))
                p->placements.push_back(placement);
            return missing;
        },
        201);
}

http::response put_placement(call& c) {
    return edit_with_part<rules::placement>(
        c, "placement.replace", rules::placement_from_json,
        [&](rules::case_facts& facts,
            const rules::placement& placement) -> std::optional<core::error> {
            std::optional<core::error> missing;
            auto* p = period_at(facts, c.params.at(1), missing);
            if (!p)
                return missing;
            const auto index = ordinal(c.params.at(2), p->placements.size());
            if (!index)
                return core::make_error("not_found", "no placement " + c.params.at(2) +
                                                         " in period " + c.params.at(1));
            p->placements[date_order(p->placements)[*index]] = placement;
            return std::nullopt;
        },
        200);
}

http::response post_review(call& c) {
    return edit_with_part<rules::held_review>(
        c, "review.add", rules::review_from_json,
        [](rules::case_facts& facts,
           const rules::held_review& review) -> std::optional<core::error> {
            const bool already =
                std::any_of(facts.reviews.begin(), facts.reviews.end(),
                            [&](const rules::held_review& r) { return r.held == review.held; });
            if (already)
                return core::make_error("conflict",
                                        "a review held on " + core::format_iso_date(review.held) +
                                            " is recorded already",
                                        "held");
            facts.reviews.push_back(review);
            return std::nullopt;
        },
        201);
}

http::response post_review_request(call& c) {
    return edit_with_part<rules::review_request>(
        c, "review_request.add", rules::review_request_from_json,
        [](rules::case_facts& facts,
           const rules::review_request& request) -> std::optional<core::error> {
            facts.review_requests.push_back(request);
            return std::nullopt;
        },
        201);
}

http::response get_child_deadlines(call& c) {
    const std::string& ref = c.params.at(0);
    if (!may_see_child(c, ref))
        return not_found(ref);
    const auto deadlines = c.ctx.store.case_deadlines(ref, c.today);
    if (!deadlines)
        return not_found(ref);
    json list = json::array();
    for (const auto& d : *deadlines)
        list.push_back(deadline_json(d));
    return json_response(200, {{"child", ref},
                               {"as_of", core::format_iso_date(c.today)},
                               {"deadlines", std::move(list)}});
}

http::response put_assignments(call& c) {
    http::response error;
    const auto body = parse_body(c, error);
    if (!body)
        return error;
    if (!body->is_object())
        return error_response(400, "wrong_type",
                              "expected an object {\"iro\", \"social_worker\", \"team_manager\"}");
    store::assignments a;
    for (const auto& [key, value] : body->items()) {
        std::optional<std::string>* slot = key == "iro"             ? &a.iro
                                           : key == "social_worker" ? &a.social_worker
                                           : key == "team_manager"  ? &a.team_manager
                                                                    : nullptr;
        if (!slot)
            return error_response(400, "unknown_field", "unknown field", key);
        if (value.is_null())
            continue;
        if (!value.is_string())
            return error_response(400, "wrong_type",
                                  "expected a person reference or null, got " + value.dump(), key);
        *slot = value.get<std::string>();
    }
    const auto outcome = c.ctx.store.put_assignments(c.params.at(0), a, c.actor(), c.now);
    if (!outcome)
        return error_response(outcome.err());
    if (outcome.value().changed && c.ctx.changed)
        c.ctx.changed();
    return json_response(200, {{"child", c.params.at(0)}, {"changed", outcome.value().changed}});
}

http::response get_assignments(call& c) {
    const std::string& ref = c.params.at(0);
    if (!may_see_child(c, ref))
        return not_found(ref);
    const auto a = c.ctx.store.get_assignments(ref);
    if (!a)
        return not_found(ref);
    const auto value = [](const std::optional<std::string>& v) {
        return v ? json(*v) : json(nullptr);
    };
    return json_response(200, {{"child", ref},
                               {"iro", value(a->iro)},
                               {"social_worker", value(a->social_worker)},
                               {"team_manager", value(a->team_manager)}});
}

} // namespace reviewd::api
