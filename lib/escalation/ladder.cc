// The default ladder and ladder validation; see ladder.h.
#include "escalation/ladder.h"

#include <algorithm>
#include <set>

namespace reviewd::escalation {

std::optional<std::size_t> ladder::index_of(std::string_view id) const {
    for (std::size_t i = 0; i < stages.size(); ++i)
        if (stages[i].id == id)
            return i;
    return std::nullopt;
}

const stage* ladder::find(std::string_view id) const {
    const auto i = index_of(id);
    return i ? &stages[*i] : nullptr;
}

std::optional<std::size_t> ladder::cafcass_index() const {
    for (std::size_t i = 0; i < stages.size(); ++i)
        if (stages[i].cafcass)
            return i;
    return std::nullopt;
}

ladder default_ladder() {
    ladder l;
    const auto add = [&](std::string id, bool senior) {
        stage s;
        s.owner_role = id;
        s.id = std::move(id);
        s.needs_endorsement = senior;
        s.formal = senior;
        l.stages.push_back(std::move(s));
    };
    add("team_manager", false);
    add("service_manager", false);
    add("head_of_service", true);
    add("director", true);
    add("chief_executive", true);
    add("independent_person", true);
    add("cafcass", true);
    l.stages.back().cafcass = true;
    l.stages.back().needs_endorsement = false;
    return l;
}

namespace {

bool well_formed_id(std::string_view id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::optional<core::error> out_of_range(int value, int max, const std::string& field,
                                        std::string_view unit, int min = 1) {
    if (value >= min && value <= max)
        return std::nullopt;
    return core::make_error("invalid_ladder",
                            std::to_string(value) + " " + std::string(unit) + " is outside " +
                                std::to_string(min) + " to " + std::to_string(max),
                            field);
}

} // namespace

core::result<ladder> validate_ladder(ladder l) {
    const auto fail = [](std::string message, std::string field) {
        return core::make_error("invalid_ladder", std::move(message), std::move(field));
    };
    if (l.stages.size() < 2)
        return fail("a ladder needs at least one stage inside the council and the Cafcass stage",
                    "stages");
    std::set<std::string, std::less<>> seen;
    for (std::size_t i = 0; i < l.stages.size(); ++i) {
        const stage& s = l.stages[i];
        const std::string at = "stages[" + std::to_string(i) + "]";
        if (!well_formed_id(s.id))
            return fail("\"" + s.id + "\" is not a stage id (lower case letters, digits, '_')",
                        at + ".id");
        if (!seen.insert(s.id).second)
            return fail("stage id \"" + s.id + "\" is used twice", at + ".id");
        if (s.owner_role.empty())
            return fail("stage " + s.id + " has no owner role", at + ".owner_role");
        if (auto e = out_of_range(s.response_working_days, 260, at + ".response_working_days",
                                  "working days"))
            return *e;
        if (s.cafcass && i + 1 != l.stages.size())
            return fail("the Cafcass stage must be the last stage", at + ".cafcass");
    }
    if (!l.stages.back().cafcass)
        return fail("the last stage must be the Cafcass referral (cafcass = true): the IRO can "
                    "always refer",
                    "stages[" + std::to_string(l.stages.size() - 1) + "].cafcass");
    if (l.stages.front().needs_endorsement)
        return fail("the first stage cannot need endorsement: an escalation is raised there",
                    "stages[0].needs_endorsement");
    if (auto e = out_of_range(l.total_limit_working_days, 260, "total_limit_working_days",
                              "working days"))
        return *e;
    if (auto e = out_of_range(l.chase_interval_working_days, 260, "chase_interval_working_days",
                              "working days"))
        return *e;
    if (auto e = out_of_range(l.max_chases, 52, "max_chases", "chasers", 0))
        return *e;
    if (auto e = out_of_range(l.endorsement_working_days, 260, "endorsement_working_days",
                              "working days"))
        return *e;
    if (auto e = out_of_range(l.cafcass_report_interval_days, 366, "cafcass_report_interval_days",
                              "days"))
        return *e;
    if (l.mediator_role.empty())
        return fail("the mediator role is empty", "mediator_role");
    return l;
}

} // namespace reviewd::escalation
