// The annual report put together from its parts; what counts is defined in annual.h.
#include "report/annual.h"

namespace reviewd::report {

period calendar_year(int year) {
    return {core::make_day(year, 1, 1), core::make_day(year, 12, 31)};
}

core::result<annual_report> compute_annual(const annual_input& input,
                                           const escalation::ladder& ladder,
                                           const calendar::working_calendar& calendar) {
    const period& p = input.year;
    if (p.last < p.first)
        return core::make_error("invalid_period",
                                "the period ends (" + core::format_iso_date(p.last) +
                                    ") before it begins (" + core::format_iso_date(p.first) + ")",
                                "year");
    if (input.as_of < p.first)
        return core::make_error("not_begun",
                                "the report is made on " + core::format_iso_date(input.as_of) +
                                    ", before the period begins (" +
                                    core::format_iso_date(p.first) + "): there is nothing to count",
                                "year");
    annual_report r;
    r.year = p;
    r.as_of = input.as_of;
    r.year_complete = input.as_of > p.last;
    r.counted_to = r.year_complete ? p.last : input.as_of;
    r.reviews = review_timeliness(input.deadlines, input.caseloads, p, r.counted_to, input.as_of);
    r.deadlines_by_kind = deadline_figures(input.deadlines, p, r.counted_to, input.as_of);
    r.caseloads = caseload_bands(input.caseloads, input.children_without_iro);
    auto escalations = escalation_summary(input.escalations, p, r.counted_to, ladder, calendar);
    if (!escalations)
        return escalations.err();
    r.escalations = std::move(escalations).value();
    return r;
}

} // namespace reviewd::report
