// Writing the basis of a deadline; see basis.h.
#include "rules/basis.h"

#include <fmt/format.h>

#include <charconv>
#include <iterator>

namespace reviewd::rules {
namespace {

void append_date(std::string& out, core::day d) {
    core::append_iso_date(out, d);
}

void append_skipped(std::string& out, std::span<const calendar::holiday> skipped) {
    if (skipped.empty())
        return;
    out += "; skipped ";
    for (std::size_t i = 0; i < skipped.size(); ++i) {
        if (i > 0)
            out += i + 1 == skipped.size() ? " and " : ", ";
        out += skipped[i].title.empty() ? std::string_view("closure")
                                        : std::string_view(skipped[i].title);
        out += ' ';
        append_date(out, skipped[i].date);
    }
}

} // namespace

void append_event(std::string& out, const clock_event& event) {
    using what = clock_event::what;
    const auto numbered = [&](std::string_view before, std::string_view after) {
        out += before;
        char digits[12];
        const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, event.number);
        out.append(digits, end);
        out += after;
    };
    switch (event.happened) {
    case what::became_looked_after:
        out += "became looked after";
        return;
    case what::first_placement_began:
        out += "first placement began";
        return;
    case what::placement_began:
        out += "placement began";
        return;
    case what::review_held:
        numbered("review ", " held");
        return;
    case what::visit_made:
        numbered("visit ", " made");
        return;
    case what::health_assessment_under_five:
        numbered("health assessment ", " made, child under 5");
        return;
    case what::health_assessment_five_and_over:
        numbered("health assessment ", " made, child 5 or over");
        return;
    }
}

void append_limit_basis(std::string& out, const basis_facts& facts,
                        const calendar::working_calendar& calendar) {
    append_time_limit(out, facts.limit);
    const core::day clock_start = facts.start.day;
    // Only a working day can be counted as day 1; from a weekend or holiday the count starts on
    // the next working day either way, and the basis must say so.
    const bool start_counted = facts.limit.in == time_limit::unit::working_days &&
                               facts.counting == calendar::start_day::counted &&
                               calendar.is_working_day(clock_start);
    if (start_counted) {
        out += " counting ";
        append_date(out, clock_start);
        out += " (";
        append_event(out, facts.start);
        out += ") as day 1";
    } else {
        out += " after ";
        append_date(out, clock_start);
        out += ", ";
        append_event(out, facts.start);
    }
    if (facts.limit.in == time_limit::unit::working_days) {
        const core::day first_counted = start_counted ? clock_start - date::days{1} : clock_start;
        append_skipped(out, calendar.weekday_closures_between(first_counted, facts.applied.due));
    }
    if (facts.applied.clamped) {
        const date::year_month_day start{clock_start};
        const date::year_month_day due{facts.applied.due};
        fmt::format_to(std::back_inserter(out), "; {}-{:02d} has no day {}, so its last day",
                       static_cast<int>(due.year()), static_cast<unsigned>(due.month()),
                       static_cast<unsigned>(start.day()));
    }
}

void append_practical_basis(std::string& out, core::day due, core::day practical, bool provisional,
                            const calendar::working_calendar& calendar) {
    if (practical != due) {
        out += "; practical due ";
        out += core::weekday_name(practical);
        out += ' ';
        append_date(out, practical);
        out += ", the last working day on or before ";
        if (const auto* closure = calendar.closure_on(due); closure && !closure->title.empty())
            out += closure->title;
        else
            out += core::weekday_name(due);
        out += ' ';
        append_date(out, due);
    }
    if (provisional) {
        out += "; provisional: holiday data covers ";
        append_date(out, calendar.covered_from());
        out += " to ";
        append_date(out, calendar.covered_until());
    }
}

} // namespace reviewd::rules
