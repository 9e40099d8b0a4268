// Reminder policy names and defaults; see reminder_policy.h.
#include "schedule/reminder_policy.h"

#include <algorithm>
#include <array>
#include <utility>

namespace reviewd::schedule {
namespace {

constexpr std::array<std::pair<audience, std::string_view>, 5> names{{
    {audience::iro, "iro"},
    {audience::iro_manager, "iro_manager"},
    {audience::team_manager, "team_manager"},
    {audience::social_worker, "social_worker"},
    {audience::webhook, "webhook"},
}};

} // namespace

std::string_view to_string(audience a) {
    for (const auto& [value, name] : names)
        if (value == a)
            return name;
    return "iro";
}

std::optional<audience> audience_from(std::string_view text) {
    for (const auto& [value, name] : names)
        if (name == text)
            return value;
    return std::nullopt;
}

const reminder_rule* reminder_policy::rule_for(rules::deadline_kind kind) const {
    for (const auto& r : rules)
        if (std::find(r.kinds.begin(), r.kinds.end(), kind) != r.kinds.end())
            return &r;
    return nullptr;
}

reminder_policy default_policy() {
    using k = rules::deadline_kind;
    reminder_policy p;
    p.rules.push_back({{k::review, k::review_request},
                       {audience::iro, audience::webhook},
                       {15, 5, 1},
                       true,
                       true,
                       8});
    p.rules.push_back({{k::care_plan, k::social_worker_visit, k::iro_allocated, k::review_decisions,
                        k::review_record, k::health_assessment},
                       {audience::iro, audience::webhook},
                       {5, 1},
                       true,
                       true,
                       4});
    return p;
}

} // namespace reviewd::schedule
