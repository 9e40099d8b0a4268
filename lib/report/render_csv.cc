// The annual report as one long CSV table, `section,item,label,measure,value`: one figure per
// line (RFC 4180, CRLF line ends); see render.h and README.md for the sections and measures.
// `item` is a stable key (a review number, deadline kind, IRO ref, stage id, category); `label`
// is the same in words. A figure that does not exist (a median of nothing) has an empty value.
#include "report/labels.h"
#include "report/render.h"
#include "report/text_escape.h"

#include <sstream>

namespace reviewd::report {
namespace {

class csv_writer {
public:
    csv_writer() { out_ << "section,item,label,measure,value\r\n"; }

    void add(std::string_view section, std::string_view item, std::string_view label,
             std::string_view measure, const std::string& value) {
        out_ << csv_field(section) << ',' << csv_field(item) << ',' << csv_field(label) << ','
             << csv_field(measure) << ',' << csv_field(value) << "\r\n";
    }
    void add(std::string_view section, std::string_view item, std::string_view label,
             std::string_view measure, int value) {
        add(section, item, label, measure, std::to_string(value));
    }
    void add(std::string_view section, std::string_view item, std::string_view label,
             std::string_view measure, const std::optional<double>& value) {
        add(section, item, label, measure, value ? format_number(one_decimal(*value)) : "");
    }

    void timeliness(std::string_view section, std::string_view item, std::string_view label,
                    const report::timeliness& t) {
        add(section, item, label, "on_time", t.on_time);
        add(section, item, label, "late", t.late);
        add(section, item, label, "not_met", t.not_met);
        add(section, item, label, "counted", t.counted());
        add(section, item, label, "percent_on_time", t.percent_on_time());
        add(section, item, label, "not_yet_due", t.not_yet_due);
        add(section, item, label, "cancelled", t.cancelled);
    }

    std::string str() const { return out_.str(); }

private:
    std::ostringstream out_;
};

void reviews(csv_writer& w, const annual_report& r) {
    const auto& o = r.reviews.overall;
    w.timeliness("reviews_by_number", "first", "1st review", o.first);
    w.timeliness("reviews_by_number", "second", "2nd review", o.second);
    w.timeliness("reviews_by_number", "third_and_later", "3rd and later", o.later);
    w.timeliness("reviews_by_number", "all", "All reviews", o.all);
    for (const auto& i : r.reviews.by_iro) {
        const std::string label = iro_label(i.ref, i.name);
        const std::string item = i.ref.empty() ? "none" : i.ref;
        w.timeliness("reviews_by_iro", item, label, i.reviews.all);
        w.add("reviews_by_iro", item, label, "first_percent_on_time",
              i.reviews.first.percent_on_time());
        w.add("reviews_by_iro", item, label, "second_percent_on_time",
              i.reviews.second.percent_on_time());
        w.add("reviews_by_iro", item, label, "third_and_later_percent_on_time",
              i.reviews.later.percent_on_time());
    }
}

void deadlines(csv_writer& w, const annual_report& r) {
    for (const auto& k : r.deadlines_by_kind) {
        const auto kind = rules::to_string(k.kind);
        w.timeliness("deadlines_by_kind", kind, label(k.kind), k.figures);
        w.add("deadlines_by_kind", kind, label(k.kind), "missed", k.figures.missed());
        w.add("deadlines_by_kind", kind, label(k.kind), "percent_missed",
              k.figures.percent_missed());
    }
}

void caseloads(csv_writer& w, const annual_report& r) {
    const auto& c = r.caseloads;
    for (const auto& i : c.iros) {
        const std::string label = iro_label(i.ref, i.name);
        w.add("caseloads", i.ref, label, "children", i.children);
        w.add("caseloads", i.ref, label, "band", std::string(name(i.band)));
        w.add("caseloads", i.ref, label, "active", i.active ? 1 : 0);
    }
    w.add("caseload_summary", "guidance", "Guidance", "low", c.guidance_low);
    w.add("caseload_summary", "guidance", "Guidance", "high", c.guidance_high);
    w.add("caseload_summary", "iros", "IROs", "under", c.under);
    w.add("caseload_summary", "iros", "IROs", "within", c.within);
    w.add("caseload_summary", "iros", "IROs", "over", c.over);
    w.add("caseload_summary", "children", "Children", "with_iro", c.children_with_iro);
    w.add("caseload_summary", "children", "Children", "without_iro", c.children_without_iro);
}

void escalations(csv_writer& w, const annual_report& r) {
    const auto& e = r.escalations;
    const char* raised = "escalations_raised";
    w.add(raised, "all", "All raised in the year", "count", e.raised);
    for (const auto& c : e.by_category)
        w.add(raised, escalation::to_string(c.what), label(c.what), "count", c.count);
    const std::pair<const char*, int> at_end[] = {{"open", e.open},
                                                  {"awaiting_endorsement", e.awaiting_endorsement},
                                                  {"with_cafcass", e.with_cafcass},
                                                  {"resolved", e.resolved},
                                                  {"withdrawn", e.withdrawn}};
    for (const auto& [status, count] : at_end)
        w.add("escalations_status_at_end", status, status, "count", count);
    w.add("escalations_total_limit", "total_limit", "Total limit", "working_days",
          e.total_limit_working_days);
    w.add("escalations_total_limit", "total_limit", "Total limit", "breached",
          e.total_limit_breached);
    for (const auto& s : e.stage_reached)
        w.add("escalations_stage_reached", s.stage, stage_label(s.stage), "count", s.count);
    for (const auto& s : e.resolved_at)
        w.add("escalations_resolved_at", s.stage, stage_label(s.stage), "count", s.count);
    for (const auto& o : e.outcomes)
        w.add("escalations_outcomes", name(o.code), label(o.code), "count", o.count);
    for (const auto& t : e.time_per_stage) {
        const std::string label = stage_label(t.stage);
        const char* section = "escalations_time_per_stage";
        w.add(section, t.stage, label, "spells", t.spells);
        w.add(section, t.stage, label, "still_running", t.still_running);
        w.add(section, t.stage, label, "median_working_days", t.median_working_days);
        w.add(section, t.stage, label, "worst_working_days",
              t.worst_working_days ? std::to_string(*t.worst_working_days) : "");
        w.add(section, t.stage, label, "no_answer_in_time",
              t.has_response_clock ? std::to_string(t.no_answer_in_time) : "");
    }
    const char* cafcass = "escalations_cafcass";
    w.add(cafcass, "cafcass", "Cafcass", "referred", e.cafcass.referred);
    w.add(cafcass, "cafcass", "Cafcass", "resolved", e.cafcass.resolved);
    w.add(cafcass, "cafcass", "Cafcass", "withdrawn", e.cafcass.withdrawn);
    w.add(cafcass, "cafcass", "Cafcass", "still_with_cafcass", e.cafcass.still_with_cafcass);
    for (const auto& o : e.cafcass.outcomes)
        w.add("escalations_cafcass_outcomes", name(o.code), label(o.code), "count", o.count);
    const char* open = "escalations_open";
    w.add(open, "carried_in", "Open when the year began", "count", e.carried_in);
    w.add(open, "carried_in", "Open when the year began", "finished", e.carried_in_finished);
    w.add(open, "open_at_end", "Open at the end", "count", e.open_at_end);
    w.add(open, "open_at_end", "Open at the end", "longest_working_days",
          e.longest_open_working_days ? std::to_string(*e.longest_open_working_days) : "");
    w.add(open, "provisional", "Provisional working-day counts", "flag", e.provisional ? 1 : 0);
}

} // namespace

std::string render_csv(const annual_report& r) {
    csv_writer w;
    w.add("report", "period", "Period", "first", core::format_iso_date(r.year.first));
    w.add("report", "period", "Period", "last", core::format_iso_date(r.year.last));
    w.add("report", "period", "Period", "as_of", core::format_iso_date(r.as_of));
    w.add("report", "period", "Period", "counted_to", core::format_iso_date(r.counted_to));
    w.add("report", "period", "Period", "year_complete", r.year_complete ? 1 : 0);
    reviews(w, r);
    deadlines(w, r);
    caseloads(w, r);
    escalations(w, r);
    return w.str();
}

} // namespace reviewd::report
