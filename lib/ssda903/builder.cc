// The builder; see builder.h. Rows are grouped by CHILD, each child checked and built on its own.
#include "ssda903/builder.h"

#include "rules/case_json.h"
#include "ssda903/codes.h"
#include "ssda903/episodes.h"
#include "ssda903/issue_sink.h"

#include <algorithm>
#include <map>
#include <set>

namespace reviewd::ssda903 {
namespace {

using core::format_iso_date;

struct child_rows {
    const header_row* header = nullptr;
    std::vector<const episode_row*> episodes;
    std::vector<const review_row*> reviews;
};

bool within(core::day d, const extracted_period& p) {
    return d >= p.start && (!p.end || d <= *p.end);
}

// Whether a review on `held` falls in a period of care this return describes. A review before the
// first period counts when that period may have begun before the return: its first episode is
// not RNE S, or it is a series of short breaks (every stay starts with S).
bool in_care(core::day held, const std::vector<extracted_period>& periods) {
    const auto& first = periods.front();
    if ((first.continues_earlier || first.short_breaks) && held < first.start)
        return true;
    return std::any_of(periods.begin(), periods.end(),
                       [&](const extracted_period& p) { return within(held, p); });
}

std::string periods_text(const std::vector<extracted_period>& periods) {
    std::string out;
    for (const auto& p : periods)
        out += (out.empty() ? "" : ", ") + format_iso_date(p.start) + " to " +
               (p.end ? format_iso_date(*p.end) : std::string("open"));
    return out;
}

// The child's reviews, parsed and checked one by one (not yet against the periods).
std::vector<extracted_review> read_reviews(const child_rows& c, core::day dob, issue_sink& sink) {
    std::vector<extracted_review> out;
    std::map<core::day, int> seen;
    for (const review_row* r : c.reviews) {
        const auto held = core::parse_uk_date(r->review);
        if (!held) {
            if (r->review.empty())
                sink.error(r->row, "REVIEW", "missing_value", "REVIEW is blank");
            else
                sink.error(r->row, "REVIEW", "bad_date",
                           "REVIEW \"" + r->review + "\" is not a date in the form dd/mm/yyyy");
        }
        if (!r->dob.empty()) {
            const auto dob_here = core::parse_uk_date(r->dob);
            if (!dob_here)
                sink.error(r->row, "DOB", "bad_date", "DOB is not a date in the form dd/mm/yyyy");
            else if (*dob_here != dob)
                sink.error(r->row, "DOB", "dob_mismatch",
                           "DOB differs from the header's for this child");
        }
        if (r->review_code.empty())
            sink.warning(r->row, "REVIEW_CODE", "missing_value",
                         "REVIEW_CODE is blank: the review is counted as held");
        else if (!known_review_code(r->review_code))
            sink.warning(r->row, "REVIEW_CODE", "unknown_code",
                         "REVIEW_CODE \"" + r->review_code +
                             "\" is not PN0 to PN7: the review is counted as held");
        if (!held)
            continue;
        if (*held < dob) {
            sink.error(r->row, "REVIEW", "invalid_range",
                       "REVIEW " + format_iso_date(*held) + " is before the child's date of birth");
            continue;
        }
        if (const auto dup = seen.find(*held); dup != seen.end()) {
            sink.warning(r->row, "REVIEW", "duplicate_review",
                         "a second review on " + format_iso_date(*held) + " (first in " +
                             row_text(dup->second) + "): counted once");
            continue;
        }
        seen.emplace(*held, r->row);
        out.push_back({*held, r->row});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.held < b.held; });
    return out;
}

// When a series of short breaks ended. The 903 records stays, not the agreement behind them, so
// a series runs on between stays: to the last review held after its last stay (before the next
// period), and, when it is the child's latest period with a stay in the return's final year,
// it is taken to be still running.
void settle_series_ends(std::vector<extracted_period>& periods,
                        const std::vector<extracted_review>& reviews,
                        const std::optional<collection_window>& window) {
    for (std::size_t i = 0; i < periods.size(); ++i) {
        auto& p = periods[i];
        if (!p.short_breaks || !p.end)
            continue;
        const bool last = i + 1 == periods.size();
        if (last && window && *p.end > window->to - date::days{365}) {
            p.end.reset();
            continue;
        }
        for (const auto& r : reviews)
            if (r.held > *p.end && (last || r.held < periods[i + 1].start))
                p.end = r.held;
    }
}

// Reviews must fall in a period of care; those that do not are errors.
void check_in_care(std::vector<extracted_review>& reviews,
                   const std::vector<extracted_period>& periods, issue_sink& sink) {
    std::erase_if(reviews, [&](const extracted_review& r) {
        if (in_care(r.held, periods))
            return false;
        sink.error(r.row, "REVIEW", "review_outside_care",
                   "REVIEW " + format_iso_date(r.held) +
                       " is outside every period of care in the episodes (" +
                       periods_text(periods) + ")");
        return true;
    });
}

// The header row for a child: its reference and date of birth, checked.
std::optional<core::day> read_header(const header_row& h, issue_sink& sink) {
    if (!rules::valid_case_reference(h.child))
        sink.error(h.row, "CHILD", "bad_reference",
                   "CHILD \"" + h.child +
                       "\" is not a usable reference (1 to 64 letters, digits, '.', '_', '-')");
    const auto dob = core::parse_uk_date(h.dob);
    if (!dob)
        sink.error(h.row, "DOB", h.dob.empty() ? "missing_value" : "bad_date",
                   h.dob.empty() ? "DOB is blank" : "DOB is not a date in the form dd/mm/yyyy");
    return sink.errors() == 0 ? dob : std::nullopt;
}

// The window from every date the return holds, whatever child it belongs to.
std::optional<collection_window> infer_window(const return_rows& rows) {
    std::optional<core::day> earliest_review, latest;
    const auto note_latest = [&](const std::string& text) {
        if (const auto d = core::parse_uk_date(text); d && (!latest || *d > *latest))
            latest = d;
    };
    for (const auto& e : rows.episodes) {
        note_latest(e.decom);
        note_latest(e.dec);
    }
    for (const auto& r : rows.reviews) {
        note_latest(r.review);
        if (const auto d = core::parse_uk_date(r.review);
            d && (!earliest_review || *d < *earliest_review))
            earliest_review = d;
    }
    if (!latest)
        return std::nullopt;
    collection_window w;
    const date::year_month_day last{*latest};
    const auto end_year = last.month() <= date::March ? last.year() : last.year() + date::years{1};
    w.to = date::sys_days{end_year / date::March / 31};
    if (earliest_review) {
        const date::year_month_day first{*earliest_review};
        const auto start_year =
            first.month() >= date::April ? first.year() : first.year() - date::years{1};
        w.reviews_from = date::sys_days{start_year / date::April / 1};
    }
    return w;
}

} // namespace

return_extract build_extract(const return_rows& rows) {
    return_extract out;
    out.header_file = rows.header_file;
    out.episodes_file = rows.episodes_file;
    out.reviews_file = rows.reviews_file;
    out.issues = rows.issues;
    out.window = infer_window(rows);

    std::vector<std::string> order; // header order, then children the header lacks
    std::map<std::string, child_rows> by_child;
    std::set<std::string> refused;
    for (const auto& i : rows.issues)
        if (i.level == severity::error && !i.child.empty())
            refused.insert(i.child);

    for (const auto& h : rows.header) {
        issue_sink sink(rows.header_file, h.child, out.issues);
        if (h.child.empty()) {
            sink.error(h.row, "CHILD", "missing_value", "CHILD is blank");
            continue;
        }
        auto& c = by_child[h.child];
        if (c.header) {
            sink.error(h.row, "CHILD", "duplicate_child",
                       "a second header row for this child (first in " + row_text(c.header->row) +
                           ")");
            refused.insert(h.child);
            continue;
        }
        c.header = &h;
        order.push_back(h.child);
    }
    const auto attach = [&](const source_file& file, const std::string& child, int row, auto list,
                            auto* item) {
        if (child.empty()) {
            issue_sink(file, child, out.issues)
                .error(row, "CHILD", "missing_value", "CHILD is blank");
            return;
        }
        auto [it, added] = by_child.try_emplace(child);
        if (added)
            order.push_back(child);
        (it->second.*list).push_back(item);
    };
    for (const auto& e : rows.episodes)
        attach(rows.episodes_file, e.child, e.row, &child_rows::episodes, &e);
    for (const auto& r : rows.reviews)
        attach(rows.reviews_file, r.child, r.row, &child_rows::reviews, &r);

    for (const auto& id : order) {
        const child_rows& c = by_child[id];
        if (!c.header) {
            for (const episode_row* e : c.episodes)
                issue_sink(rows.episodes_file, id, out.issues)
                    .error(e->row, "CHILD", "no_header", "no header row for this child");
            for (const review_row* r : c.reviews)
                issue_sink(rows.reviews_file, id, out.issues)
                    .error(r->row, "CHILD", "no_header", "no header row for this child");
            out.refused.push_back(id);
            continue;
        }
        issue_sink header_sink(rows.header_file, id, out.issues);
        issue_sink review_sink(rows.reviews_file, id, out.issues);
        const auto dob = read_header(*c.header, header_sink);
        if (c.episodes.empty()) {
            if (c.reviews.empty()) {
                if (dob && !refused.count(id)) {
                    header_sink.note(c.header->row, "", "no_episodes",
                                     "no episode in this return: not looked after during its "
                                     "year, left as it was");
                    out.skipped.push_back(id);
                } else {
                    out.refused.push_back(id);
                }
                continue;
            }
            for (const review_row* r : c.reviews)
                review_sink.error(r->row, "CHILD", "review_without_episode",
                                  "a review for a child with no episode in this return");
        }
        std::optional<std::vector<extracted_period>> periods;
        if (dob) {
            if (auto episodes = parse_episodes(rows.episodes_file, c.episodes, *dob, out.issues))
                periods =
                    assemble_periods(rows.episodes_file, id, std::move(*episodes), out.issues);
        }
        child_extract child;
        if (dob && periods) {
            child.reviews = read_reviews(c, *dob, review_sink);
            settle_series_ends(*periods, child.reviews, out.window);
            if (!periods->empty())
                check_in_care(child.reviews, *periods, review_sink);
        }
        const bool ok = dob && periods && !periods->empty() && header_sink.errors() == 0 &&
                        review_sink.errors() == 0 && !refused.count(id);
        if (!ok) {
            out.refused.push_back(id);
            continue;
        }
        child.id = id;
        child.date_of_birth = *dob;
        child.header_row = c.header->row;
        child.periods = std::move(*periods);
        out.children.push_back(std::move(child));
    }
    return out;
}

} // namespace reviewd::ssda903
