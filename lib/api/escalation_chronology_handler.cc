// GET /v1/escalations/{id}/chronology?format=md|json: the Cafcass referral pack summary of one
// escalation (escalation::chronology_of), as Markdown (the default) or JSON. The one response
// that carries the description and every note in full, as the pack must.
#include "api/handlers.h"

#include "escalation/chronology.h"

namespace reviewd::api {

http::response get_escalation_chronology(call& c) {
    for (const auto& [key, _] : c.where.query)
        if (key != "format")
            return error_response(400, "unknown_parameter", "unknown query parameter", key);
    const auto it = c.where.query.find("format");
    const std::string format = it == c.where.query.end() ? "md" : it->second;
    if (format != "md" && format != "json")
        return error_response(400, "invalid_value", "\"" + format + "\" is not md or json",
                              "format");
    const auto rules = c.ctx.rules();
    const auto ctx = rules->escalation_view();
    if (!ctx)
        return error_response(503, "unavailable",
                              "escalations are unavailable: the ladder's "
                              "holiday division is not loaded");
    const std::string& id = c.params.at(0);
    const auto s = c.ctx.store.get_escalation(id);
    if (!s || !may_see_child(c, s->record.child_ref))
        return error_response(404, "not_found", "no escalation \"" + id + "\"");
    const auto chronology =
        escalation::chronology_of(s->record, s->asked, ctx->ladder(), ctx->calendar, c.today);
    if (!chronology)
        return error_response(
            409, chronology.err().code,
            "the history of " + id +
                " cannot be read with the ladder as configured now: " + chronology.err().message);
    http::response r;
    r.status = 200;
    if (format == "md") {
        r.content_type = "text/markdown; charset=utf-8";
        r.body = escalation::chronology_markdown(chronology.value());
    } else {
        r.body = escalation::chronology_json(chronology.value());
    }
    return r;
}

} // namespace reviewd::api
