// Episodes into periods of care and placements; see episodes.h.
//
// A period of care is the 903's own: it starts with an episode whose RNE is S and runs through
// episodes joined by REC X1 (ceased and a new episode began the same day) until one ends with
// any other REC. Within it, RNE P, T, U and B begin a new placement; L (legal status only) keeps
// the child where they are. A period whose first episode is LS V3 or V4 is a short-break stay;
// consecutive stays make one series of short breaks, reviewed under reg 48, with each stay a
// placement. A stay whose legal status changes to full care makes the whole period ordinary care.
#include "ssda903/episodes.h"

#include "ssda903/codes.h"
#include "ssda903/issue_sink.h"

#include <algorithm>

namespace reviewd::ssda903 {
namespace {

using core::format_iso_date;

// A stay longer than this is not a short break (reg 48(2)); a series over 75 days in 12 months
// is not one either. Checked for V3 (individual stays); V4 records the agreement, not stays.
constexpr int max_stay_days = 17;
constexpr int max_days_in_year = 75;

std::optional<core::day> date_field(issue_sink& sink, int row, std::string_view column,
                                    const std::string& value) {
    if (auto d = core::parse_uk_date(value))
        return d;
    if (value.empty())
        sink.error(row, column, "missing_value", std::string(column) + " is blank");
    else
        sink.error(row, column, "bad_date",
                   std::string(column) + " \"" + value + "\" is not a date in the form dd/mm/yyyy");
    return std::nullopt;
}

void code_field(issue_sink& sink, int row, std::string_view column, const std::string& value,
                bool (*known)(std::string_view), std::string_view codes) {
    if (value.empty())
        sink.error(row, column, "missing_value", std::string(column) + " is blank");
    else if (!known(value))
        sink.error(row, column, "unknown_code",
                   std::string(column) + " \"" + value + "\" is not a known code (" +
                       std::string(codes) + ")");
}

struct segment {
    std::vector<const episode*> episodes;
};

extracted_period period_of(const segment& s, bool first_in_return, issue_sink& sink) {
    const episode& first = *s.episodes.front();
    const episode& last = *s.episodes.back();
    extracted_period p;
    p.start = first.decom;
    p.row = first.row;
    if (last.dec && !rec_continues(last.rec))
        p.end = last.dec;
    p.continues_earlier = first_in_return && !rne_starts_period(first.rne);
    p.continues_placement = p.continues_earlier && !rne_changes_placement(first.rne);
    p.short_breaks = ls_short_breaks(first.ls);
    for (const episode* e : s.episodes) {
        if (p.short_breaks && !ls_short_breaks(e->ls)) {
            sink.warning(e->row, "LS", "short_break_became_care",
                         "LS " + e->ls + " from " + format_iso_date(e->decom) +
                             ": the short break begun in " + row_text(first.row) +
                             " became full care, so the period is treated as ordinary care "
                             "from its start");
            p.short_breaks = false;
        }
        if (e == &first || rne_changes_placement(e->rne)) {
            if (!p.placements.empty())
                p.placements.back().end = e->decom;
            p.placements.push_back({e->decom, std::nullopt, e->row});
        }
    }
    p.placements.back().end = p.end;
    return p;
}

// Reg 48's limits on a series of short breaks, as a warning: the return says V3, the facts say
// the full timetable may apply.
void check_short_break_limits(const std::vector<segment>& stays, issue_sink& sink) {
    for (std::size_t i = 0; i < stays.size(); ++i) {
        const episode& first = *stays[i].episodes.front();
        const episode& last = *stays[i].episodes.back();
        if (first.ls != "V3" || !last.dec)
            continue;
        const int days = static_cast<int>((*last.dec - first.decom).count());
        if (days > max_stay_days) {
            sink.warning(first.row, "DEC", "short_break_too_long",
                         "a short break of " + std::to_string(days) +
                             " days (reg 48 allows at most " + std::to_string(max_stay_days) +
                             "): the full review timetable may apply");
            return;
        }
        int in_year = 0;
        for (std::size_t j = i; j < stays.size(); ++j) {
            const episode& s = *stays[j].episodes.front();
            const episode& e = *stays[j].episodes.back();
            if (!e.dec || s.decom >= first.decom + date::days{365})
                break;
            in_year += static_cast<int>((*e.dec - s.decom).count());
        }
        if (in_year > max_days_in_year) {
            sink.warning(first.row, "DECOM", "short_breaks_over_75_days",
                         "short breaks of " + std::to_string(in_year) +
                             " days in the 12 months from " + format_iso_date(first.decom) +
                             " (reg 48 allows at most " + std::to_string(max_days_in_year) +
                             "): the full review timetable may apply");
            return;
        }
    }
}

} // namespace

std::optional<std::vector<episode>> parse_episodes(const source_file& file,
                                                   const std::vector<const episode_row*>& rows,
                                                   core::day date_of_birth,
                                                   std::vector<issue>& issues) {
    if (rows.empty())
        return std::vector<episode>{};
    issue_sink sink(file, rows.front()->child, issues);
    std::vector<episode> out;
    for (const episode_row* r : rows) {
        const int before = sink.errors();
        const auto decom = date_field(sink, r->row, "DECOM", r->decom);
        std::optional<core::day> dec;
        if (!r->dec.empty())
            dec = date_field(sink, r->row, "DEC", r->dec);
        code_field(sink, r->row, "RNE", r->rne, known_rne, rne_codes());
        code_field(sink, r->row, "LS", r->ls, known_ls, ls_codes());
        if (r->place.empty())
            sink.warning(r->row, "PLACE", "missing_value",
                         "PLACE is blank: the placement is counted without its type");
        else if (!known_place(r->place))
            sink.warning(r->row, "PLACE", "unknown_code",
                         "PLACE \"" + r->place +
                             "\" is not a known placement type: counted as a placement");
        if (r->ls == "V3" && known_rne(r->rne) && !rne_starts_period(r->rne))
            sink.error(r->row, "RNE", "short_break_not_started",
                       "RNE " + r->rne +
                           " with LS V3: each short break is its own episode and starts with S "
                           "(903 validation rule 366)");
        if (!r->dec.empty())
            code_field(sink, r->row, "REC", r->rec, known_rec, rec_codes());
        else if (!r->rec.empty())
            sink.warning(r->row, "REC", "rec_without_dec",
                         "REC \"" + r->rec + "\" with no DEC: the episode is taken as still open");
        if (decom && dec && *dec < *decom)
            sink.error(r->row, "DEC", "invalid_range",
                       "DEC " + format_iso_date(*dec) + " is before DECOM " +
                           format_iso_date(*decom));
        if (decom && *decom < date_of_birth)
            sink.error(r->row, "DECOM", "invalid_range",
                       "DECOM " + format_iso_date(*decom) + " is before the child's date of birth");
        if (sink.errors() == before)
            out.push_back({r->row, *decom, dec, r->rne, r->ls, dec ? r->rec : std::string()});
    }
    if (sink.errors() > 0)
        return std::nullopt;
    return out;
}

std::optional<std::vector<extracted_period>> assemble_periods(const source_file& file,
                                                              const std::string& child,
                                                              std::vector<episode> episodes,
                                                              std::vector<issue>& issues) {
    issue_sink sink(file, child, issues);
    std::stable_sort(episodes.begin(), episodes.end(),
                     [](const episode& a, const episode& b) { return a.decom < b.decom; });
    std::vector<segment> segments;
    for (std::size_t i = 0; i < episodes.size(); ++i) {
        const episode& e = episodes[i];
        if (i == 0) {
            segments.push_back({{&e}});
            continue;
        }
        const episode& prev = episodes[i - 1];
        const std::string on = format_iso_date(e.decom);
        if (!prev.dec) {
            sink.error(e.row, "DECOM", "overlapping_episodes",
                       "starts " + on + " while the episode in " + row_text(prev.row) +
                           " has no end (DEC is blank)");
        } else if (e.decom < *prev.dec) {
            sink.error(e.row, "DECOM", "overlapping_episodes",
                       "starts " + on + ", before the episode in " + row_text(prev.row) +
                           " ended (" + format_iso_date(*prev.dec) + ")");
        } else if (rec_continues(prev.rec)) {
            if (e.decom != *prev.dec)
                sink.error(e.row, "DECOM", "gap_in_care",
                           "starts " + on + ", but the episode in " + row_text(prev.row) +
                               " ended " + format_iso_date(*prev.dec) +
                               " with REC X1 (care continued the same day)");
            else if (rne_starts_period(e.rne))
                sink.error(e.row, "RNE", "unexpected_start",
                           "S starts a new period of care, but the episode in " +
                               row_text(prev.row) + " ended with REC X1 (care continued)");
            else
                segments.back().episodes.push_back(&e);
        } else if (!rne_starts_period(e.rne)) {
            sink.error(e.row, "RNE", "missing_start",
                       e.rne + " continues a period of care, but it ended in " +
                           row_text(prev.row) + " (REC " + prev.rec + " on " +
                           format_iso_date(*prev.dec) + "): a new period starts with S");
        } else if (e.decom == *prev.dec) {
            sink.error(e.row, "DECOM", "same_day_restart",
                       "a new period of care cannot start on " + on +
                           ", the day the previous one ended (" + row_text(prev.row) + ")");
        } else {
            segments.push_back({{&e}});
        }
    }
    if (!episodes.empty() && episodes.back().dec && rec_continues(episodes.back().rec))
        sink.error(episodes.back().row, "REC", "missing_next_episode",
                   "REC X1 says care continued in a new episode on " +
                       format_iso_date(*episodes.back().dec) + ", but no episode starts then");
    if (sink.errors() > 0)
        return std::nullopt;

    std::vector<extracted_period> periods;
    std::vector<segment> stays; // the current run of short-break stays
    for (std::size_t i = 0; i < segments.size(); ++i) {
        extracted_period p = period_of(segments[i], i == 0, sink);
        const bool joins_series = p.short_breaks && !stays.empty();
        if (p.short_breaks)
            stays.push_back(segments[i]);
        else {
            check_short_break_limits(stays, sink);
            stays.clear();
        }
        if (!joins_series) {
            periods.push_back(std::move(p));
            continue;
        }
        extracted_period& series = periods.back();
        series.end = p.end;
        series.placements.insert(series.placements.end(), p.placements.begin(), p.placements.end());
    }
    check_short_break_limits(stays, sink);
    return periods;
}

} // namespace reviewd::ssda903
