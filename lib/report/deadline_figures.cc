// Deadlines due in the year: on time, late, not met, by kind and, for reviews, by review number
// and IRO; the definitions are in annual.h.
#include "report/annual.h"
#include "report/labels.h"

#include <map>

namespace reviewd::report {
namespace {

enum class outcome { on_time, late, not_met, not_yet_due, cancelled };

outcome classify(const deadline_row& d, core::day counted_to, core::day as_of) {
    if (d.status == rules::deadline_status::cancelled)
        return outcome::cancelled;
    if (d.met_on && *d.met_on <= counted_to)
        return *d.met_on <= d.due ? outcome::on_time : outcome::late;
    return d.due < as_of ? outcome::not_met : outcome::not_yet_due;
}

void add(timeliness& t, outcome o) {
    switch (o) {
    case outcome::on_time:
        ++t.on_time;
        return;
    case outcome::late:
        ++t.late;
        return;
    case outcome::not_met:
        ++t.not_met;
        return;
    case outcome::not_yet_due:
        ++t.not_yet_due;
        return;
    case outcome::cancelled:
        ++t.cancelled;
        return;
    }
}

void add(by_review_number& r, int sequence, outcome o) {
    add(sequence <= 1 ? r.first : sequence == 2 ? r.second : r.later, o);
    add(r.all, o);
}

bool in(const period& p, core::day d) {
    return d >= p.first && d <= p.last;
}

} // namespace

std::vector<kind_figures> deadline_figures(const std::vector<deadline_row>& rows, const period& p,
                                           core::day counted_to, core::day as_of) {
    std::vector<kind_figures> out;
    for (const auto kind : all_deadline_kinds())
        out.push_back({kind, {}});
    for (const deadline_row& d : rows) {
        if (!in(p, d.due))
            continue;
        for (auto& k : out)
            if (k.kind == d.kind)
                add(k.figures, classify(d, counted_to, as_of));
    }
    return out;
}

review_figures review_timeliness(const std::vector<deadline_row>& rows,
                                 const std::vector<iro_caseload>& caseloads, const period& p,
                                 core::day counted_to, core::day as_of) {
    review_figures out;
    std::map<std::string, by_review_number> by_iro; // "" sorts first; moved last below
    for (const deadline_row& d : rows) {
        if (d.kind != rules::deadline_kind::review || !in(p, d.due))
            continue;
        const outcome o = classify(d, counted_to, as_of);
        add(out.overall, d.sequence, o);
        add(by_iro[d.iro.value_or("")], d.sequence, o);
    }
    std::map<std::string, std::string> names;
    for (const auto& c : caseloads)
        names[c.ref] = c.name;
    for (auto& [ref, reviews] : by_iro)
        if (!ref.empty())
            out.by_iro.push_back({ref, names[ref], reviews});
    if (const auto none = by_iro.find(""); none != by_iro.end())
        out.by_iro.push_back({"", "", none->second});
    return out;
}

} // namespace reviewd::report
