// Writing the basis of a deadline; see basis.h.
#include "rules/basis.h"

#include <fmt/format.h>

#include <iterator>

namespace reviewd::rules {
namespace {

void append_date(std::string& out, core::day d) { core::append_iso_date(out, d); }

void append_skipped(std::string& out, std::span<const calendar::holiday> skipped) {
    if (skipped.empty())
        return;
    out += "; skipped ";
    for (std::size_t i = 0; i < skipped.size(); ++i) {
        if (i > 0)
            out += i + 1 == skipped.size() ? " and " : ", ";
        out += skipped[i].title.empty() ? std::string_view("closure") : std::string_view(skipped[i].title);
        out += ' ';
        append_date(out, skipped[i].date);
    }
}

} // namespace

void append_limit_basis(std::string& out, const basis_facts& facts, const calendar::working_calendar& calendar) {
    out += to_string(facts.limit);
    if (facts.limit.in == time_limit::unit::working_days && facts.counting == calendar::start_day::counted) {
        out += " counting ";
        append_date(out, facts.clock_start);
        out += " (";
        out += facts.event;
        out += ") as day 1";
    } else {
        out += " after ";
        append_date(out, facts.clock_start);
        out += ", ";
        out += facts.event;
    }
    if (facts.limit.in == time_limit::unit::working_days) {
        const core::day first_counted = facts.counting == calendar::start_day::counted
                                            ? facts.clock_start - date::days{1}
                                            : facts.clock_start;
        append_skipped(out, calendar.weekday_closures_between(first_counted, facts.applied.due));
    }
    if (facts.applied.clamped) {
        const date::year_month_day start{facts.clock_start};
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
