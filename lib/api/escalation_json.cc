// Escalations as JSON; see escalation_json.h.
#include "api/escalation_json.h"

#include "escalation/outcome.h"
#include "escalation/state.h"

#include <date/date.h>

namespace reviewd::api {
namespace {

using nlohmann::json;

json day_or_null(const std::optional<core::day>& d) {
    return d ? json(core::format_iso_date(*d)) : json(nullptr);
}

std::string utc(core::instant at) {
    return date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::seconds>(at));
}

json event_json(const escalation::event& e, std::size_t seq,
                const std::optional<std::string>& asked) {
    json j = {{"seq", seq},
              {"kind", escalation::to_string(e.kind)},
              {"at", utc(e.at)},
              {"on", core::format_iso_date(e.local_day)},
              {"actor", e.actor},
              {"role", e.role},
              {"stage", e.stage},
              {"note", e.note},
              {"asked", asked ? json(*asked) : json(nullptr)}};
    if (e.kind == escalation::event_kind::mediated)
        j["proceed"] = e.proceed;
    if (e.kind == escalation::event_kind::resolved) {
        const auto r = escalation::resolution_of(e.note);
        j["outcome"] = r.code ? json(escalation::to_string(*r.code)) : json(nullptr);
    }
    if (e.checklist_on_entry)
        j["checklist_on_entry"] = checklist_json(*e.checklist_on_entry);
    if (e.awaits_endorsement)
        j["awaits_endorsement"] = true;
    return j;
}

json state_json(const escalation::escalation_state& s) {
    json j = {{"status", escalation::to_string(s.now)},
              {"stage_reached", s.stage_reached},
              {"finished_on", day_or_null(s.finished_on)},
              {"provisional", s.provisional}};
    if (s.stage)
        j["stage"] = {{"stage", s.stage->stage},
                      {"owner_role", s.stage->owner_role},
                      {"entered_on", core::format_iso_date(s.stage->entered_on)},
                      {"response_due", core::format_iso_date(s.stage->response_due)},
                      {"acknowledged_on", day_or_null(s.stage->acknowledged_on)},
                      {"responded_on", day_or_null(s.stage->responded_on)},
                      {"stale", s.stage->stale}};
    if (s.endorsement)
        j["endorsement"] = {{"stage", s.endorsement->stage},
                            {"requested_on", core::format_iso_date(s.endorsement->requested_on)},
                            {"due", core::format_iso_date(s.endorsement->due)},
                            {"stale", s.endorsement->stale}};
    j["total"] = {{"raised_on", core::format_iso_date(s.total.raised_on)},
                  {"limit_day", core::format_iso_date(s.total.limit_day)},
                  {"stopped_on", day_or_null(s.total.stopped_on)},
                  {"elapsed_working_days", s.total.elapsed_working_days},
                  {"limit_working_days", s.total.limit_working_days},
                  {"breached", s.total.breached}};
    if (s.cafcass)
        j["cafcass"] = {{"referred_on", core::format_iso_date(s.cafcass->referred_on)},
                        {"last_report_on", day_or_null(s.cafcass->last_report_on)},
                        {"reports", s.cafcass->reports},
                        {"next_report_due", core::format_iso_date(s.cafcass->next_report_due)},
                        {"late", s.cafcass->late}};
    json missing = json::array();
    for (const auto item : s.checklist.missing)
        missing.push_back(escalation::to_string(item));
    j["checklist_missing"] = std::move(missing);
    j["entered_incomplete"] = s.checklist.entered_incomplete;
    return j;
}

} // namespace

json checklist_json(const escalation::checklist& c) {
    return {{"complaints_procedure_explained", c.complaints_procedure_explained},
            {"advocate_offered", c.advocate_offered},
            {"wishes_and_feelings_recorded", c.wishes_and_feelings_recorded}};
}

json escalation_json(const store::stored_escalation& s, const store::escalation_context& ctx,
                     core::day today) {
    const escalation::escalation& e = s.record;
    json history = json::array();
    for (std::size_t i = 0; i < e.history.size(); ++i)
        history.push_back(
            event_json(e.history[i], i + 1, i < s.asked.size() ? s.asked[i] : std::nullopt));
    json j = {{"id", e.id},
              {"child", e.child_ref},
              {"raised_by", e.raised_by},
              {"category", escalation::to_string(e.what)},
              {"description", e.description},
              {"status", s.status},
              {"stage", s.stage},
              {"raised_on", core::format_iso_date(s.raised_on)},
              {"updated_at", s.updated_at},
              {"child_archived", s.child_archived},
              {"checklist", checklist_json(e.checks)},
              {"as_of", core::format_iso_date(today)},
              {"history", std::move(history)}};
    const auto state = escalation::state_of(e, ctx.ladder(), ctx.calendar, today);
    j["state"] = state ? state_json(state.value()) : json(nullptr);
    if (!state)
        j["state_error"] = state.err().message; // the ladder no longer has a stage it used
    return j;
}

json escalation_item_json(const store::listed_escalation& e, core::day today) {
    const bool unfinished = e.status == "open" || e.status == "awaiting_endorsement";
    return {{"id", e.id},
            {"child", e.child},
            {"raised_by", e.raised_by},
            {"category", e.category},
            {"status", e.status},
            {"stage", e.stage},
            {"raised_on", core::format_iso_date(e.raised_on)},
            {"stale", unfinished && e.stale_from && *e.stale_from <= today},
            {"stale_from", unfinished ? day_or_null(e.stale_from) : json(nullptr)},
            {"updated_at", e.updated_at}};
}

} // namespace reviewd::api
