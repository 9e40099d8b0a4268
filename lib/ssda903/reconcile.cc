// The merge of a child's return with the stored case; see reconcile.h for the rules it follows.
#include "ssda903/reconcile.h"

#include "rules/case_validation.h"
#include "ssda903/issue_sink.h"

#include <algorithm>

namespace reviewd::ssda903 {
namespace {

using core::format_iso_date;

bool within(core::day d, core::day start, const std::optional<core::day>& end) {
    return d >= start && (!end || d <= *end);
}

std::string range_text(core::day start, const std::optional<core::day>& end) {
    return format_iso_date(start) + " to " + (end ? format_iso_date(*end) : std::string("open"));
}

rules::period_of_care period_from(const extracted_period& p) {
    rules::period_of_care out;
    out.start = p.start;
    out.end = p.end;
    out.short_breaks = p.short_breaks;
    for (const auto& pl : p.placements)
        out.placements.push_back({pl.start, pl.end, false, {}});
    return out;
}

// The latest day among the facts a 903 return carries: periods, placements, reviews.
core::day latest_day(const rules::case_facts& f) {
    core::day latest = f.child.date_of_birth;
    for (const auto& p : f.periods) {
        latest = std::max(latest, p.end.value_or(p.start));
        for (const auto& pl : p.placements)
            latest = std::max(latest, pl.end.value_or(pl.start));
    }
    for (const auto& r : f.reviews)
        latest = std::max(latest, r.held);
    return latest;
}

// What the 903 does not say about a placement, carried over from the stored one that began the
// same day: whether it is meant to last, and the visits that still fall within it.
void carry_placements(rules::period_of_care& to, const rules::period_of_care& from,
                      issue_sink& child) {
    for (auto& pl : to.placements) {
        const auto same =
            std::find_if(from.placements.begin(), from.placements.end(),
                         [&](const rules::placement& s) { return s.start == pl.start; });
        if (same == from.placements.end())
            continue;
        pl.long_term = same->long_term;
        pl.visits.clear();
        for (const core::day v : same->visits) {
            if (within(v, pl.start, pl.end))
                pl.visits.push_back(v);
            else
                child.warning(0, "", "visit_removed",
                              "a social worker visit on " + format_iso_date(v) +
                                  " no longer falls within its placement (" +
                                  range_text(pl.start, pl.end) + "): removed");
        }
    }
}

void carry_period(rules::period_of_care& to, const rules::period_of_care& from, issue_sink& child) {
    to.iro_allocated_on = from.iro_allocated_on;
    to.care_plan_on = from.care_plan_on;
    carry_placements(to, from, child);
}

bool in_some_period(core::day d, const std::vector<rules::period_of_care>& periods) {
    return std::any_of(periods.begin(), periods.end(),
                       [&](const auto& p) { return within(d, p.start, p.end); });
}

class merger {
public:
    merger(const child_extract& child, const rules::case_facts& stored,
           const std::optional<collection_window>& window, const return_extract& where,
           reconciled& out)
        : child_(child), stored_(stored), window_(window), out_(out),
          episodes_(where.episodes_file, child.id, out.notes),
          whole_(where.header_file, child.id, out.notes) {}

    void run() {
        if (window_ && latest_day(stored_) > window_->to) {
            whole_.note(child_.header_row, "", "stored_is_newer",
                        "reviewd holds facts for this child after " + format_iso_date(window_->to) +
                            ", the end of this return's year: the case is kept as it is");
            out_.keep_stored = true;
            return;
        }
        if (!merge_periods()) {
            out_.refused = true;
            return;
        }
        merge_reviews();
        keep_what_fits();
        out_.facts.jurisdiction = stored_.jurisdiction;
        out_.facts.child = {child_.id, stored_.child.initials, child_.date_of_birth};
        if (stored_.child.date_of_birth != child_.date_of_birth)
            whole_.note(child_.header_row, "DOB", "dob_updated",
                        "the date of birth differs from the one reviewd held: updated from the "
                        "return");
    }

private:
    // The stored period the return's first period continues, if any; false when they conflict.
    bool find_continued(std::optional<std::size_t>& joined) {
        const extracted_period& first = child_.periods.front();
        const core::day e = first.start;
        const auto& periods = stored_.periods;
        for (std::size_t i = 0; i < periods.size(); ++i) {
            const auto& sp = periods[i];
            if (first.continues_earlier && sp.start <= e && (!sp.end || *sp.end >= e))
                joined = i;
        }
        if (first.continues_earlier && !joined) {
            episodes_.error(first.row, "RNE", "nothing_to_continue",
                            "the first episode here continues a period of care begun before "
                            "this return, but reviewd holds no period of care open on " +
                                format_iso_date(e));
            return false;
        }
        if (!first.continues_earlier && first.short_breaks) {
            // A stay in a series of short breaks continues the series reviewd holds (every stay
            // starts with RNE S, so the return cannot say so itself).
            std::optional<std::size_t> latest;
            for (std::size_t i = 0; i < periods.size(); ++i)
                if (periods[i].start <= e && (!latest || periods[i].start > periods[*latest].start))
                    latest = i;
            if (latest && periods[*latest].short_breaks)
                joined = latest;
        }
        if (joined)
            return true;
        for (const auto& sp : periods)
            if (sp.start < e && (!sp.end || *sp.end >= e)) {
                episodes_.error(first.row, "DECOM", "conflicts_with_stored",
                                "this return starts a period of care on " + format_iso_date(e) +
                                    ", but reviewd holds one (" + range_text(sp.start, sp.end) +
                                    ") still open on that day");
                return false;
            }
        return true;
    }

    bool merge_periods() {
        std::optional<std::size_t> joined;
        if (!find_continued(joined))
            return false;
        const extracted_period& first = child_.periods.front();
        const core::day e = first.start;
        auto& periods = out_.facts.periods;
        for (std::size_t i = 0; i < stored_.periods.size(); ++i) {
            const auto& sp = stored_.periods[i];
            if (joined && i == *joined)
                continue;
            if (sp.end && *sp.end < e) {
                periods.push_back(sp); // history before this return
                continue;
            }
            const bool repeated =
                std::any_of(child_.periods.begin(), child_.periods.end(),
                            [&](const extracted_period& p) { return p.start == sp.start; });
            if (!repeated)
                whole_.warning(child_.header_row, "", "period_removed",
                               "the period of care " + range_text(sp.start, sp.end) +
                                   " reviewd held is not in this return: removed");
        }
        for (std::size_t n = 0; n < child_.periods.size(); ++n) {
            const extracted_period& rp = child_.periods[n];
            rules::period_of_care p = period_from(rp);
            if (n == 0 && joined) {
                join(p, rp, stored_.periods[*joined]);
            } else {
                for (const auto& sp : stored_.periods)
                    if (sp.start == p.start)
                        carry_period(p, sp, whole_);
            }
            periods.push_back(std::move(p));
        }
        std::sort(periods.begin(), periods.end(),
                  [](const auto& a, const auto& b) { return a.start < b.start; });
        return true;
    }

    // The return's first period continues `sp`: its start, its placements before the return and
    // (after an RNE L) the placement the child stayed in come from the stored case.
    void join(rules::period_of_care& p, const extracted_period& rp,
              const rules::period_of_care& sp) {
        const core::day e = rp.start;
        p.start = sp.start;
        std::vector<rules::placement> before;
        for (const auto& pl : sp.placements)
            if (pl.start < e)
                before.push_back(pl);
        if (rp.continues_placement) {
            if (before.empty())
                episodes_.warning(rp.row, "RNE", "no_placement_to_continue",
                                  "RNE L keeps the child's placement, but reviewd holds none "
                                  "before " +
                                      format_iso_date(e) +
                                      ": the placement is taken to start then");
            else {
                p.placements.front().start = before.back().start;
                before.pop_back();
            }
        } else if (!before.empty() && (!before.back().end || *before.back().end > e)) {
            before.back().end = e; // it ended when the return's first placement began
        }
        p.placements.insert(p.placements.begin(), before.begin(), before.end());
        carry_period(p, sp, whole_);
    }

    void merge_reviews() {
        // Without any review in the return, every stored review is kept.
        const bool bounded = window_ && window_->reviews_from;
        const core::day from = bounded ? *window_->reviews_from : core::day{};
        auto& reviews = out_.facts.reviews;
        for (const auto& r : stored_.reviews) {
            if (!bounded || r.held < from) {
                reviews.push_back(r);
                continue;
            }
            const bool repeated =
                std::any_of(child_.reviews.begin(), child_.reviews.end(),
                            [&](const extracted_review& x) { return x.held == r.held; });
            if (!repeated)
                whole_.warning(child_.header_row, "", "review_removed",
                               "the review held " + format_iso_date(r.held) +
                                   " that reviewd held is not in this return (which covers "
                                   "reviews from " +
                                   format_iso_date(from) + "): removed");
        }
        for (const auto& x : child_.reviews) {
            rules::held_review h{x.held, std::nullopt, std::nullopt};
            for (const auto& r : stored_.reviews)
                if (r.held == x.held) {
                    h.decisions_circulated_on = r.decisions_circulated_on;
                    h.record_completed_on = r.record_completed_on;
                }
            reviews.push_back(h);
        }
        std::sort(reviews.begin(), reviews.end(),
                  [](const auto& a, const auto& b) { return a.held < b.held; });
    }

    // Review requests and health assessments are not in the 903: kept while they fall in care.
    void keep_what_fits() {
        const auto& periods = out_.facts.periods;
        for (const auto& r : stored_.review_requests) {
            if (in_some_period(r.requested_on, periods))
                out_.facts.review_requests.push_back(r);
            else
                whole_.warning(child_.header_row, "", "request_removed",
                               "the review requested on " + format_iso_date(r.requested_on) +
                                   " no longer falls within a period of care: removed");
        }
        for (const auto d : stored_.health_assessments) {
            if (in_some_period(d, periods))
                out_.facts.health_assessments.push_back(d);
            else
                whole_.warning(child_.header_row, "", "assessment_removed",
                               "the health assessment on " + format_iso_date(d) +
                                   " no longer falls within a period of care: removed");
        }
    }

    const child_extract& child_;
    const rules::case_facts& stored_;
    const std::optional<collection_window>& window_;
    reconciled& out_;
    issue_sink episodes_, whole_;
};

} // namespace

rules::case_facts fresh_facts(const child_extract& child) {
    rules::case_facts f;
    f.jurisdiction = "england"; // the SSDA903 is England's return
    f.child = {child.id, std::nullopt, child.date_of_birth};
    for (const auto& p : child.periods)
        f.periods.push_back(period_from(p));
    for (const auto& r : child.reviews)
        f.reviews.push_back({r.held, std::nullopt, std::nullopt});
    return f;
}

reconciled reconcile(const child_extract& child, const std::optional<rules::case_facts>& stored,
                     const std::optional<collection_window>& window, const return_extract& where) {
    reconciled out;
    if (!stored) {
        const extracted_period& first = child.periods.front();
        if (first.continues_earlier) {
            issue_sink(where.episodes_file, child.id, out.notes)
                .error(first.row, "RNE", "no_earlier_record",
                       "the first episode continues a period of care begun before this return "
                       "(RNE is not S) and reviewd holds nothing earlier for this child: import "
                       "the return in which the period began first, or an extract with the whole "
                       "history");
            out.refused = true;
            return out;
        }
        out.facts = fresh_facts(child);
        // Every stay starts with RNE S, so a series begun in an earlier year looks new here.
        if (first.short_breaks && window && window->reviews_from &&
            first.start < *window->reviews_from + date::days{366})
            issue_sink(where.episodes_file, child.id, out.notes)
                .warning(first.row, "DECOM", "series_start_assumed",
                         "a series of short breaks new to reviewd: its first stay here (" +
                             core::format_iso_date(first.start) +
                             ") is taken as the series' start; if it began in an earlier year, "
                             "import that year's return first");
        return out;
    }
    merger(child, *stored, window, where, out).run();
    return out;
}

std::optional<issue> check_reconciled(const rules::case_facts& facts, const rules::rule_book& book,
                                      const child_extract& child, const return_extract& where) {
    const auto problem = rules::check_case(facts, book);
    if (!problem)
        return std::nullopt;
    issue i{severity::error,
            where.header_file.name,
            child.header_row,
            "",
            child.id,
            problem->code,
            "the merged case is refused: " + core::describe(*problem)};
    std::size_t n = 0;
    const auto index = [&](std::string_view prefix) {
        if (problem->field.rfind(prefix, 0) != 0)
            return false;
        n = std::stoul(problem->field.substr(prefix.size()));
        return true;
    };
    if (index("reviews[") && n < facts.reviews.size()) {
        for (const auto& r : child.reviews)
            if (r.held == facts.reviews[n].held) {
                i.file = where.reviews_file.name;
                i.row = r.row;
                i.column = column_label(where.reviews_file, "REVIEW");
            }
    } else if (index("periods[") && n < facts.periods.size()) {
        for (const auto& p : child.periods)
            if (p.start == facts.periods[n].start) {
                i.file = where.episodes_file.name;
                i.row = p.row;
                i.column = column_label(where.episodes_file, "DECOM");
            }
    }
    return i;
}

} // namespace reviewd::ssda903
