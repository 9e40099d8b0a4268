// Strict JSON reading of case facts; see case_json.h.
#include "rules/case_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>

namespace reviewd::rules {
namespace {

using nlohmann::json;

struct bad_field {
    core::error error;
};

[[noreturn]] void fail(const std::string& field, const std::string& code,
                       const std::string& message) {
    throw bad_field{core::make_error(code, message, field)};
}

std::string show(const json& value) {
    std::string text = value.dump();
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

void expect_object(const json& node, const std::string& field,
                   std::initializer_list<std::string_view> allowed) {
    if (!node.is_object())
        fail(field, "wrong_type", "expected an object, got " + show(node));
    for (const auto& [key, _] : node.items()) {
        bool known = false;
        for (const auto name : allowed)
            known = known || key == name;
        if (!known)
            fail(field.empty() ? key : field + "." + key, "unknown_field", "unknown field");
    }
}

std::string join(const std::string& field, const char* key) {
    return field.empty() ? std::string(key) : field + "." + key;
}

const json* member(const json& object, const char* key) {
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

core::day date_value(const json& node, const std::string& field) {
    if (!node.is_string())
        fail(field, "wrong_type", "expected a date string YYYY-MM-DD, got " + show(node));
    const auto d = core::parse_iso_date(node.get_ref<const std::string&>());
    if (!d)
        fail(field, "invalid_date", show(node) + " is not a date (expected YYYY-MM-DD)");
    return *d;
}

core::day required_date(const json& object, const std::string& field, const char* key) {
    const json* node = member(object, key);
    if (!node)
        fail(join(field, key), "missing_field", "required");
    return date_value(*node, join(field, key));
}

std::optional<core::day> optional_date(const json& object, const std::string& field,
                                       const char* key) {
    const json* node = member(object, key);
    if (!node)
        return std::nullopt;
    return date_value(*node, join(field, key));
}

bool optional_bool(const json& object, const std::string& field, const char* key) {
    const json* node = member(object, key);
    if (!node)
        return false;
    if (!node->is_boolean())
        fail(join(field, key), "wrong_type", "expected true or false, got " + show(*node));
    return node->get<bool>();
}

std::string required_string(const json& object, const std::string& field, const char* key,
                            std::size_t max_length) {
    const json* node = member(object, key);
    if (!node)
        fail(join(field, key), "missing_field", "required");
    if (!node->is_string())
        fail(join(field, key), "wrong_type", "expected a string, got " + show(*node));
    const auto& text = node->get_ref<const std::string&>();
    if (text.empty() || text.size() > max_length)
        fail(join(field, key), "invalid_value",
             "must be 1 to " + std::to_string(max_length) + " characters");
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            fail(join(field, key), "invalid_value", "must not contain control characters");
    return text;
}

// Calls `each(element, path)` for every element of an optional array member.
template <class F>
void for_each_element(const json& object, const std::string& field, const char* key, F each) {
    const json* node = member(object, key);
    if (!node)
        return;
    const std::string path = join(field, key);
    if (!node->is_array())
        fail(path, "wrong_type", "expected an array, got " + show(*node));
    for (std::size_t i = 0; i < node->size(); ++i)
        each((*node)[i], path + "[" + std::to_string(i) + "]");
}

placement read_placement(const json& node, const std::string& field) {
    expect_object(node, field, {"start", "end", "long_term", "visits"});
    placement p;
    p.start = required_date(node, field, "start");
    p.end = optional_date(node, field, "end");
    p.long_term = optional_bool(node, field, "long_term");
    for_each_element(node, field, "visits", [&](const json& v, const std::string& path) {
        p.visits.push_back(date_value(v, path));
    });
    return p;
}

period_of_care read_period(const json& node, const std::string& field) {
    expect_object(
        node, field,
        {"start", "end", "short_breaks", "placements", "iro_allocated_on", "care_plan_on"});
    period_of_care p;
    p.start = required_date(node, field, "start");
    p.end = optional_date(node, field, "end");
    p.short_breaks = optional_bool(node, field, "short_breaks");
    p.iro_allocated_on = optional_date(node, field, "iro_allocated_on");
    p.care_plan_on = optional_date(node, field, "care_plan_on");
    for_each_element(node, field, "placements", [&](const json& pl, const std::string& path) {
        p.placements.push_back(read_placement(pl, path));
    });
    return p;
}

held_review read_review(const json& r, const std::string& path) {
    expect_object(r, path, {"held", "decisions_circulated_on", "record_completed_on"});
    return {required_date(r, path, "held"), optional_date(r, path, "decisions_circulated_on"),
            optional_date(r, path, "record_completed_on")};
}

review_request read_request(const json& r, const std::string& path) {
    expect_object(r, path, {"requested_on", "due", "reason"});
    return {required_date(r, path, "requested_on"), required_date(r, path, "due"),
            required_string(r, path, "reason", 200)};
}

case_facts read_case(const json& doc) {
    expect_object(
        doc, "",
        {"jurisdiction", "child", "periods", "reviews", "review_requests", "health_assessments"});
    case_facts facts;
    facts.jurisdiction = required_string(doc, "", "jurisdiction", 64);
    const json* child = member(doc, "child");
    if (!child)
        fail("child", "missing_field", "required");
    expect_object(*child, "child", {"id", "initials", "date_of_birth"});
    facts.child.id = required_string(*child, "child", "id", 64);
    if (!valid_case_reference(facts.child.id))
        fail("child.id", "invalid_value",
             show(json(facts.child.id)) +
                 " is not a case reference (letters, digits, '.', '_', '-')");
    if (const json* initials = member(*child, "initials")) {
        const bool ok = initials->is_string() && !initials->get_ref<const std::string&>().empty() &&
                        initials->get_ref<const std::string&>().size() <= 4 &&
                        std::all_of(initials->get_ref<const std::string&>().begin(),
                                    initials->get_ref<const std::string&>().end(),
                                    [](char c) { return c >= 'A' && c <= 'Z'; });
        if (!ok)
            fail("child.initials", "invalid_value",
                 show(*initials) + " is not 1 to 4 capital letters");
        facts.child.initials = initials->get<std::string>();
    }
    facts.child.date_of_birth = required_date(*child, "child", "date_of_birth");
    if (!member(doc, "periods"))
        fail("periods", "missing_field", "required: at least one period of care");
    for_each_element(doc, "", "periods", [&](const json& p, const std::string& path) {
        facts.periods.push_back(read_period(p, path));
    });
    for_each_element(doc, "", "reviews", [&](const json& r, const std::string& path) {
        facts.reviews.push_back(read_review(r, path));
    });
    for_each_element(doc, "", "review_requests", [&](const json& r, const std::string& path) {
        facts.review_requests.push_back(read_request(r, path));
    });
    for_each_element(doc, "", "health_assessments", [&](const json& h, const std::string& path) {
        facts.health_assessments.push_back(date_value(h, path));
    });
    return facts;
}

json date_or_null(const std::optional<core::day>& d) {
    return d ? json(core::format_iso_date(*d)) : json(nullptr);
}

json dates(const std::vector<core::day>& days) {
    json out = json::array();
    for (const auto d : days)
        out.push_back(core::format_iso_date(d));
    return out;
}

// Runs a reader, turning its bad_field into an error value.
template <class T, class Read> core::result<T> guarded(Read read) {
    try {
        return read();
    } catch (const bad_field& bad) {
        return bad.error;
    }
}

} // namespace

bool valid_case_reference(std::string_view ref) {
    if (ref.empty() || ref.size() > 64)
        return false;
    return std::all_of(ref.begin(), ref.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
}

json case_to_json(const case_facts& facts) {
    json periods = json::array();
    for (const auto& p : facts.periods) {
        json placements = json::array();
        for (const auto& pl : p.placements)
            placements.push_back({{"start", core::format_iso_date(pl.start)},
                                  {"end", date_or_null(pl.end)},
                                  {"long_term", pl.long_term},
                                  {"visits", dates(pl.visits)}});
        periods.push_back({{"start", core::format_iso_date(p.start)},
                           {"end", date_or_null(p.end)},
                           {"short_breaks", p.short_breaks},
                           {"iro_allocated_on", date_or_null(p.iro_allocated_on)},
                           {"care_plan_on", date_or_null(p.care_plan_on)},
                           {"placements", std::move(placements)}});
    }
    json reviews = json::array();
    for (const auto& r : facts.reviews)
        reviews.push_back({{"held", core::format_iso_date(r.held)},
                           {"decisions_circulated_on", date_or_null(r.decisions_circulated_on)},
                           {"record_completed_on", date_or_null(r.record_completed_on)}});
    json requests = json::array();
    for (const auto& r : facts.review_requests)
        requests.push_back({{"requested_on", core::format_iso_date(r.requested_on)},
                            {"due", core::format_iso_date(r.due)},
                            {"reason", r.reason}});
    json child = {{"id", facts.child.id},
                  {"date_of_birth", core::format_iso_date(facts.child.date_of_birth)}};
    child["initials"] = facts.child.initials ? json(*facts.child.initials) : json(nullptr);
    return {{"jurisdiction", facts.jurisdiction},
            {"child", std::move(child)},
            {"periods", std::move(periods)},
            {"reviews", std::move(reviews)},
            {"review_requests", std::move(requests)},
            {"health_assessments", dates(facts.health_assessments)}};
}

core::result<period_of_care> period_from_json(const json& node, const std::string& field) {
    return guarded<period_of_care>([&] { return read_period(node, field); });
}
core::result<placement> placement_from_json(const json& node, const std::string& field) {
    return guarded<placement>([&] { return read_placement(node, field); });
}
core::result<held_review> review_from_json(const json& node, const std::string& field) {
    return guarded<held_review>([&] { return read_review(node, field); });
}
core::result<review_request> review_request_from_json(const json& node, const std::string& field) {
    return guarded<review_request>([&] { return read_request(node, field); });
}

core::result<case_facts> case_from_json(const json& document) {
    try {
        return read_case(document);
    } catch (const bad_field& bad) {
        return bad.error;
    }
}

core::result<case_facts> parse_case_json(std::string_view text) {
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        return core::make_error("malformed_json",
                                "not valid JSON at " +
                                    core::line_and_column(text, e.byte == 0 ? 0 : e.byte - 1));
    } catch (const json::out_of_range&) {
        // nlohmann reports a number too large for a double ("1e400") so, not as a parse_error.
        return core::make_error("malformed_json", "not valid JSON: a number is too large to read");
    }
    return case_from_json(doc);
}

} // namespace reviewd::rules
