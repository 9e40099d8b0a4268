// Names of the escalation vocabulary (stable: they appear in the API, the store and webhooks)
// and the checklist helper; see escalation.h.
#include "escalation/escalation.h"

#include "core/enum_names.h"

#include <array>
#include <utility>

namespace reviewd::escalation {
namespace {

using core::name_of;
using core::value_of;

constexpr std::array<std::pair<category, std::string_view>, 4> category_names{{
    {category::care_plan_not_implemented, "care_plan_not_implemented"},
    {category::review_not_held, "review_not_held"},
    {category::placement_unsuitable, "placement_unsuitable"},
    {category::other, "other"},
}};

constexpr std::array<std::pair<event_kind, std::string_view>, 11> event_names{{
    {event_kind::raised, "raised"},
    {event_kind::acknowledged, "acknowledged"},
    {event_kind::responded, "responded"},
    {event_kind::endorsement_requested, "endorsement_requested"},
    {event_kind::endorsed, "endorsed"},
    {event_kind::advanced, "advanced"},
    {event_kind::mediated, "mediated"},
    {event_kind::resolved, "resolved"},
    {event_kind::referred_to_cafcass, "referred_to_cafcass"},
    {event_kind::cafcass_progress_report, "cafcass_progress_report"},
    {event_kind::withdrawn_from_cafcass, "withdrawn_from_cafcass"},
}};

constexpr std::array<std::pair<status, std::string_view>, 5> status_names{{
    {status::open, "open"},
    {status::awaiting_endorsement, "awaiting_endorsement"},
    {status::with_cafcass, "with_cafcass"},
    {status::resolved, "resolved"},
    {status::withdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<checklist_item, std::string_view>, 3> item_names{{
    {checklist_item::complaints_procedure_explained, "complaints_procedure_explained"},
    {checklist_item::advocate_offered, "advocate_offered"},
    {checklist_item::wishes_and_feelings_recorded, "wishes_and_feelings_recorded"},
}};

} // namespace

std::vector<checklist_item> missing(const checklist& c) {
    std::vector<checklist_item> out;
    if (!c.complaints_procedure_explained)
        out.push_back(checklist_item::complaints_procedure_explained);
    if (!c.advocate_offered)
        out.push_back(checklist_item::advocate_offered);
    if (!c.wishes_and_feelings_recorded)
        out.push_back(checklist_item::wishes_and_feelings_recorded);
    return out;
}

std::string_view to_string(category c) {
    return name_of(category_names, c);
}
std::string_view to_string(checklist_item i) {
    return name_of(item_names, i);
}
std::string_view to_string(event_kind k) {
    return name_of(event_names, k);
}
std::string_view to_string(status s) {
    return name_of(status_names, s);
}
std::optional<category> category_from(std::string_view text) {
    return value_of(category_names, text);
}
std::optional<event_kind> event_kind_from(std::string_view text) {
    return value_of(event_names, text);
}

} // namespace reviewd::escalation
