// Names and keys of deadlines; see deadline.h.
#include "rules/deadline.h"

#include "core/enum_names.h"

#include <array>
#include <utility>

namespace reviewd::rules {
namespace {

using core::name_of;
using core::value_of;

constexpr std::array<std::pair<deadline_kind, std::string_view>, 8> kind_names{{
    {deadline_kind::review, "review"},
    {deadline_kind::review_request, "review_request"},
    {deadline_kind::iro_allocated, "iro_allocated"},
    {deadline_kind::care_plan, "care_plan"},
    {deadline_kind::review_decisions, "review_decisions"},
    {deadline_kind::review_record, "review_record"},
    {deadline_kind::social_worker_visit, "social_worker_visit"},
    {deadline_kind::health_assessment, "health_assessment"},
}};

constexpr std::array<std::pair<deadline_status, std::string_view>, 5> status_names{{
    {deadline_status::open, "open"},
    {deadline_status::met, "met"},
    {deadline_status::met_late, "met_late"},
    {deadline_status::missed, "missed"},
    {deadline_status::cancelled, "cancelled"},
}};

} // namespace

std::string_view to_string(deadline_kind kind) {
    return name_of(kind_names, kind);
}
std::optional<deadline_kind> deadline_kind_from(std::string_view text) {
    return value_of(kind_names, text);
}
std::string_view to_string(deadline_status status) {
    return name_of(status_names, status);
}
std::optional<deadline_status> deadline_status_from(std::string_view text) {
    return value_of(status_names, text);
}

std::string deadline::key() const {
    std::string out = "p" + std::to_string(period) + "/";
    if (placement > 0)
        out += "placement" + std::to_string(placement) + "/";
    out += to_string(kind);
    out += "/" + std::to_string(sequence);
    return out;
}

} // namespace reviewd::rules
