// GET /v1/dashboard's body; see dashboard_json.h.
#include "api/dashboard_json.h"

#include <date/date.h>

namespace reviewd::api {
namespace {

using nlohmann::json;

std::string iso(core::day d) {
    return core::format_iso_date(d);
}

std::string utc_text(std::int64_t unix_seconds) {
    return date::format("%FT%TZ", date::sys_seconds(std::chrono::seconds(unix_seconds)));
}

// Delivery errors come from remote servers: kept to printable ASCII and a bounded length, so the
// body is always valid UTF-8 and a long reply cannot swamp the page.
std::string printable(const std::string& text, std::size_t limit = 300) {
    std::string out;
    for (const char c : text) {
        if (out.size() >= limit) {
            out += "...";
            break;
        }
        out += (c >= 0x20 && c < 0x7f) ? c : '?';
    }
    return out;
}

json deadline_item(const store::dashboard_deadline& d, core::day today) {
    json item = {{"child", d.child},
                 {"kind", d.kind},
                 {"sequence", d.sequence},
                 {"due", iso(d.due)},
                 {"practical_due", iso(d.practical_due)}};
    if (d.due < today)
        item["days_overdue"] = (today - d.due).count();
    return item;
}

json deadlines_json(const store::dashboard_figures& f, const store::dashboard_query& q) {
    json groups = json::array();
    for (const auto& g : f.deadlines) {
        json overdue = json::array();
        for (const auto& d : g.overdue_items)
            overdue.push_back(deadline_item(d, q.today));
        json this_week = json::array();
        for (const auto& d : g.this_week_items)
            this_week.push_back(deadline_item(d, q.today));
        groups.push_back({{"iro", g.iro ? json(*g.iro) : json(nullptr)},
                          {"name", g.name},
                          {"overdue", g.overdue},
                          {"due_this_week", g.due_this_week},
                          {"overdue_items", std::move(overdue)},
                          {"this_week_items", std::move(this_week)}});
    }
    return {{"overdue", f.overdue},
            {"due_this_week", f.due_this_week},
            {"items_limit", q.items_per_group},
            {"by_iro", std::move(groups)}};
}

json caseloads_json(const store::dashboard_figures& f) {
    json iros = json::array();
    for (const auto& c : f.caseloads)
        iros.push_back({{"iro", c.iro},
                        {"name", c.name},
                        {"active", c.active},
                        {"children", c.children},
                        {"band", caseload_band(c.children)}});
    return {{"guidance", {{"low", caseload_guidance_low}, {"high", caseload_guidance_high}}},
            {"open_children", f.open_children},
            {"without_iro", f.children_without_iro},
            {"iros", std::move(iros)}};
}

json escalations_json(const store::dashboard_figures& f, const store::dashboard_query& q,
                      const escalation::ladder& ladder) {
    json stages = json::array();
    for (const auto& s : ladder.stages)
        stages.push_back({{"id", s.id}, {"owner_role", s.owner_role}});
    json stale = json::array();
    for (const auto& e : f.stale) {
        const auto index = ladder.index_of(e.stage);
        stale.push_back({{"id", e.id},
                         {"child", e.child},
                         {"raised_by", e.raised_by},
                         {"category", e.category},
                         {"status", e.status},
                         {"stage", e.stage},
                         // 1-based rung on the ladder in force; null for a stage it no longer has
                         {"position", index ? json(*index + 1) : json(nullptr)},
                         {"raised_on", iso(e.raised_on)},
                         {"stale_from", iso(e.stale_from)},
                         {"days_stale", (q.today - e.stale_from).count()}});
    }
    return {{"open", f.open_escalations},
            {"stale", f.stale_escalations},
            {"ladder", std::move(stages)},
            {"stale_items", std::move(stale)}};
}

json delivery_json(const store::dashboard_figures& f) {
    json latest = json::array();
    for (const auto& m : f.latest_dead)
        latest.push_back(
            {{"id", m.id},
             {"channel", m.channel},
             {"event_type", m.event_type},
             {"attempts", m.attempts},
             {"last_error", printable(m.last_error)},
             {"created_at", utc_text(m.created_at)},
             {"first_attempt_at",
              m.first_attempt_at ? json(utc_text(*m.first_attempt_at)) : json(nullptr)}});
    return {{"dead", f.dead_messages},
            {"pending", f.pending_messages},
            {"latest_dead", std::move(latest)}};
}

} // namespace

dashboard_window window_of(core::day today) {
    const unsigned iso_weekday = date::weekday(today).iso_encoding(); // Monday 1 .. Sunday 7
    return {today - date::days(iso_weekday - 1), today + date::days(7 - iso_weekday)};
}

const char* caseload_band(int children) {
    if (children < caseload_guidance_low)
        return "below";
    return children > caseload_guidance_high ? "above" : "within";
}

nlohmann::json dashboard_json(const store::dashboard_figures& figures,
                              const store::dashboard_query& query, const dashboard_window& window,
                              const escalation::ladder& ladder) {
    return {{"as_of", iso(query.today)},
            {"week", {{"from", iso(window.week_start)}, {"to", iso(window.week_end)}}},
            {"deadlines", deadlines_json(figures, query)},
            {"caseloads", caseloads_json(figures)},
            {"escalations", escalations_json(figures, query, ladder)},
            {"delivery", delivery_json(figures)}};
}

} // namespace reviewd::api
