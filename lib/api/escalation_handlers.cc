// Handlers for escalations (the dispute ladder): raise, act on one, its checklist, read one, list;
// see handlers.h and the route list in api.h.
//
// Who may do what. The child's IRO (an iro token whose person is assigned to the child) raises,
// advances, resolves, refers to Cafcass and withdraws: the event is by that person in role "iro".
// Manager tokens name in the body the `person` who acts (manager tokens stand for no one person):
// that person's role is the role acted in, and escalation::apply decides whether it may (the
// stage's owner acknowledges and responds, an iro_manager endorses, the mediator mediates).
// Admin may do anything, naming the person (`iro` for the IRO's actions, else the child's IRO).
// Integration reads. Another IRO's escalation is 404, as another IRO's child is.
#include "api/escalation_json.h"
#include "api/handlers.h"

#include "escalation/outcome.h"
#include "rules/case_json.h"

#include <charconv>

namespace reviewd::api {
namespace {

using nlohmann::json;
using esc_kind = escalation::event_kind;

constexpr std::size_t max_note_bytes = 2000;

// Refusals thrown from the body readers below and answered by `guarded`.
struct refusal {
    http::response response;
};

[[noreturn]] void refuse(int status, const std::string& code, const std::string& message,
                         const std::string& field = {}) {
    throw refusal{error_response(status, code, message, field)};
}

// apply()'s and the store's refusals as HTTP: illegal transitions 409, roles 403, input 400.
http::response escalation_error(const core::error& e) {
    int status = 400;
    if (e.code == "not_found")
        status = 404;
    else if (e.code == "illegal_transition" || e.code == "out_of_order" || e.code == "archived")
        status = 409;
    else if (e.code == "wrong_role")
        status = 403;
    return error_response(status, e.code, e.message, e.field);
}

template <class F> http::response guarded(F&& f) {
    try {
        return f();
    } catch (const refusal& r) {
        return r.response;
    }
}

// The body as an object with only `known` fields.
json object_body(call& c, const std::vector<std::string_view>& known) {
    http::response error;
    auto body = c.request.body.empty() ? std::optional<json>(json::object()) : parse_body(c, error);
    if (!body)
        throw refusal{error};
    if (!body->is_object())
        refuse(400, "wrong_type", "expected a JSON object");
    for (const auto& [key, _] : body->items())
        if (std::find(known.begin(), known.end(), key) == known.end())
            refuse(400, "unknown_field", "unknown field", key);
    return *body;
}

std::optional<std::string> opt_text(const json& body, const char* field,
                                    std::size_t max = max_note_bytes) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null())
        return std::nullopt;
    if (!it->is_string())
        refuse(400, "wrong_type", "expected a string", field);
    std::string text = it->get<std::string>();
    if (text.size() > max)
        refuse(400, "too_long",
               std::to_string(text.size()) + " bytes; at most " + std::to_string(max), field);
    return text;
}

std::string req_text(const json& body, const char* field, const std::string& what) {
    auto text = opt_text(body, field);
    if (!text || text->empty())
        refuse(400, "missing_field", "required: " + what, field);
    return *text;
}

escalation::checklist read_checklist(const json& value, const std::string& field) {
    if (!value.is_object())
        refuse(400, "wrong_type",
               "expected {\"complaints_procedure_explained\", \"advocate_offered\", "
               "\"wishes_and_feelings_recorded\"} as true or false",
               field);
    escalation::checklist c;
    const std::pair<const char*, bool*> items[] = {
        {"complaints_procedure_explained", &c.complaints_procedure_explained},
        {"advocate_offered", &c.advocate_offered},
        {"wishes_and_feelings_recorded", &c.wishes_and_feelings_recorded}};
    for (const auto& [key, value_of] : value.items()) {
        bool known = false;
        for (const auto& [name, slot] : items)
            if (key == name) {
                if (!value_of.is_boolean())
                    refuse(400, "wrong_type", "expected true or false", field + "." + key);
                *slot = value_of.get<bool>();
                known = true;
            }
        if (!known)
            refuse(400, "unknown_field", "unknown checklist item", field + "." + key);
    }
    for (const auto& [name, _] : items)
        if (!value.contains(name))
            refuse(400, "missing_field", "required: true or false", field + "." + name);
    return c;
}

std::optional<escalation::checklist> opt_checklist(const json& body) {
    const auto it = body.find("checklist");
    if (it == body.end() || it->is_null())
        return std::nullopt;
    return read_checklist(*it, "checklist");
}

// The rules snapshot (kept alive by the caller) and the escalation context from it.
struct ladder_view {
    std::shared_ptr<const store::rules_snapshot> rules;
    store::escalation_context ctx;
};
ladder_view view_of(call& c) {
    auto rules = c.ctx.rules();
    auto ctx = rules->escalation_view();
    if (!ctx)
        refuse(503, "unavailable",
               "escalations are unavailable: the ladder's holiday division \"" +
                   rules->escalations.holidays + "\" is not loaded");
    return {std::move(rules), *ctx};
}

// The escalation named in the path, as the caller may see it (404 otherwise).
store::stored_escalation visible_escalation(call& c) {
    const std::string& id = c.params.at(0);
    auto s = c.ctx.store.get_escalation(id);
    if (!s || !may_see_child(c, s->record.child_ref))
        refuse(404, "not_found", "no escalation \"" + id + "\"");
    return std::move(*s);
}

// A person named in the body who acts: exists, active; their role is the role they act in.
store::person acting_person(call& c, const json& body, const char* field) {
    const auto ref = opt_text(body, field, 200);
    if (!ref || ref->empty())
        refuse(400, "missing_field",
               "required: the person acting (a " + c.who.role +
                   " token stands for no one person), e.g. the team manager who responds",
               field);
    auto p = c.ctx.store.get_person(*ref);
    if (!p)
        refuse(400, "invalid_value", "\"" + *ref + "\" is not a person", field);
    if (!p->active)
        refuse(400, "invalid_value", "\"" + *ref + "\" is no longer active", field);
    return *p;
}

// The IRO acting on an escalation about `child`: the token's IRO, or for admin the `iro` named
// in the body, else the child's IRO, else `fallback` (who raised it).
std::string acting_iro(call& c, const json& body, const std::string& child,
                       const std::string& fallback) {
    if (c.who.role == "iro") {
        const std::string self = c.who.person.value_or("");
        if (const auto named = opt_text(body, "iro", 200); named && *named != self)
            refuse(403, "forbidden", "an IRO's token acts as that IRO, not as " + *named, "iro");
        return self;
    }
    if (const auto named = opt_text(body, "iro", 200)) {
        const auto p = c.ctx.store.get_person(*named);
        if (!p || p->role != "iro" || !p->active)
            refuse(400, "invalid_value", "\"" + *named + "\" is not an active IRO", "iro");
        return *named;
    }
    if (const auto a = c.ctx.store.get_assignments(child); a && a->iro)
        return *a->iro;
    if (fallback.empty())
        refuse(400, "missing_field",
               "required: the child has no IRO assigned; name the IRO who raises it", "iro");
    return fallback;
}

json answer(const store::escalation_outcome& o, const ladder_view& v, call& c, esc_kind recorded) {
    json j = escalation_json(o.after, v.ctx, c.today);
    j["recorded"] = escalation::to_string(recorded);
    return j;
}

void changed(call& c) {
    if (c.ctx.changed)
        c.ctx.changed();
}

int parse_limit(const std::string& text) {
    int n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || n < 1 || n > 1000)
        refuse(400, "invalid_value", "\"" + text + "\" is not a whole number from 1 to 1000",
               "limit");
    return n;
}

// Who may ask for an action, beyond the route's roles.
enum class actor_kind { iro, manager, any };

struct action_spec {
    std::string_view name; // the last path segment
    esc_kind kind;
    actor_kind by;
    std::vector<std::string_view> fields;
};

const action_spec actions[] = {
    {"acknowledge", esc_kind::acknowledged, actor_kind::manager, {"person", "note"}},
    {"respond", esc_kind::responded, actor_kind::manager, {"person", "answer"}},
    {"endorse", esc_kind::endorsed, actor_kind::manager, {"person", "stage", "note"}},
    {"mediate", esc_kind::mediated, actor_kind::manager, {"person", "proceed", "note"}},
    {"advance", esc_kind::advanced, actor_kind::iro, {"stage", "note", "checklist", "iro"}},
    {"resolve", esc_kind::resolved, actor_kind::iro, {"outcome", "note", "stage", "iro"}},
    {"refer-to-cafcass",
     esc_kind::referred_to_cafcass,
     actor_kind::iro,
     {"note", "checklist", "iro"}},
    {"cafcass-report",
     esc_kind::cafcass_progress_report,
     actor_kind::any,
     {"note", "person", "iro"}},
    {"withdraw", esc_kind::withdrawn_from_cafcass, actor_kind::iro, {"note", "iro"}},
};

bool token_may(const call& c, actor_kind by) {
    const std::string& r = c.who.role;
    if (r == "admin")
        return true;
    switch (by) {
    case actor_kind::iro:
        return r == "iro";
    case actor_kind::manager:
        return r == "manager";
    case actor_kind::any:
        return r == "iro" || r == "manager";
    }
    return false;
}

// Fills the actor and role of an action: the IRO, or the named person in their own role.
void set_actor(call& c, const action_spec& spec, const json& body,
               const store::stored_escalation& s, store::escalation_action& a) {
    const bool as_person =
        spec.by == actor_kind::manager || (spec.by == actor_kind::any && c.who.role == "manager") ||
        (spec.by == actor_kind::any && c.who.role == "admin" && body.contains("person"));
    if (as_person) {
        const auto p = acting_person(c, body, "person");
        a.actor = p.ref;
        a.role = p.role;
    } else {
        a.actor = acting_iro(c, body, s.record.child_ref, s.record.raised_by);
        a.role = std::string(escalation::iro_role);
    }
}

// The kind an advance is recorded as: a stage that needs the IRO manager's endorsement is asked
// for (endorsement_requested), not entered.
esc_kind advance_kind(const store::escalation_context& ctx, const store::stored_escalation& s,
                      const std::string& target) {
    const escalation::ladder& l = ctx.ladder();
    const escalation::stage* there = nullptr;
    if (!target.empty())
        there = l.find(target);
    else if (const auto here = l.index_of(s.stage); here && *here + 1 < l.stages.size())
        there = &l.stages[*here + 1];
    return there && there->needs_endorsement && !there->cafcass ? esc_kind::endorsement_requested
                                                                : esc_kind::advanced;
}

} // namespace

http::response post_escalation(call& c) {
    return guarded([&] {
        const json body =
            object_body(c, {"child", "category", "description", "stage", "checklist", "iro"});
        const auto v = view_of(c);
        store::new_escalation x;
        x.child = req_text(body, "child", "the child's case reference");
        if (!may_see_child(c, x.child))
            refuse(404, "not_found", "no child \"" + x.child + "\"", "child");
        const std::string category = req_text(body, "category", "what the concern is about");
        const auto what = escalation::category_from(category);
        if (!what)
            refuse(400, "invalid_value",
                   "\"" + category +
                       "\" is not one of care_plan_not_implemented, review_not_held, "
                       "placement_unsuitable, other",
                   "category");
        x.what = *what;
        x.description =
            req_text(body, "description", "a short description (kept in the record, never sent)");
        x.stage = opt_text(body, "stage", 64).value_or("");
        if (!x.stage.empty() && !v.ctx.ladder().find(x.stage))
            refuse(400, "unknown_stage", "\"" + x.stage + "\" is not a stage of the ladder",
                   "stage");
        if (auto checks = opt_checklist(body))
            x.checks = *checks;
        x.raised_by = acting_iro(c, body, x.child, "");
        const auto out = c.ctx.store.raise_escalation(x, v.ctx, c.actor(), c.ctx.clock.now());
        if (!out)
            return escalation_error(out.err());
        changed(c);
        return json_response(201, answer(out.value(), v, c, esc_kind::raised));
    });
}

http::response post_escalation_action(call& c) {
    return guarded([&] {
        const std::string& name = c.params.at(1);
        const action_spec* spec = nullptr;
        for (const auto& a : actions)
            if (a.name == name)
                spec = &a;
        if (!spec)
            refuse(404, "not_found",
                   "no action \"" + name +
                       "\" (acknowledge, respond, endorse, mediate, advance, resolve, "
                       "refer-to-cafcass, cafcass-report, withdraw)");
        if (!token_may(c, spec->by))
            refuse(403, "forbidden",
                   "the " + c.who.role + " role may not " + std::string(spec->name) +
                       (spec->by == actor_kind::iro ? ": the child's IRO does"
                                                    : ": a manager does, naming the person"));
        const json body = object_body(c, spec->fields);
        const auto v = view_of(c);
        const store::stored_escalation s = visible_escalation(c);
        store::escalation_action a;
        a.kind = spec->kind;
        set_actor(c, *spec, body, s, a);
        a.stage = opt_text(body, "stage", 64).value_or("");
        a.note = opt_text(body, "note").value_or("");
        a.checklist = opt_checklist(body);
        switch (spec->kind) {
        case esc_kind::responded:
            a.note = req_text(body, "answer", "what the stage answered");
            break;
        case esc_kind::mediated: {
            const auto it = body.find("proceed");
            if (it == body.end() || !it->is_boolean())
                refuse(400, it == body.end() ? "missing_field" : "wrong_type",
                       "required: true (the pending stage is entered) or false", "proceed");
            a.proceed = it->get<bool>();
            break;
        }
        case esc_kind::advanced:
            a.kind = advance_kind(v.ctx, s, a.stage);
            break;
        case esc_kind::resolved: {
            const std::string code = req_text(body, "outcome", "how it ended");
            const auto outcome = escalation::outcome_from(code);
            if (!outcome)
                refuse(400, "invalid_value",
                       "\"" + code + "\" is not one of " + std::string(escalation::outcome_names()),
                       "outcome");
            a.note = escalation::resolution_note(*outcome, a.note);
            break;
        }
        default:
            break;
        }
        const auto out =
            c.ctx.store.record_escalation(s.record.id, a, v.ctx, c.actor(), c.ctx.clock.now());
        if (!out) {
            core::error e = out.err();
            if (e.field == "note" && spec->kind == esc_kind::responded)
                e.field = "answer";
            return escalation_error(e);
        }
        changed(c);
        return json_response(200, answer(out.value(), v, c, a.kind));
    });
}

http::response put_escalation_checklist(call& c) {
    return guarded([&] {
        http::response error;
        const auto body = parse_body(c, error);
        if (!body)
            return error;
        const escalation::checklist checks = read_checklist(*body, "checklist");
        const auto v = view_of(c);
        const store::stored_escalation s = visible_escalation(c);
        const auto out = c.ctx.store.set_escalation_checklist(s.record.id, checks, v.ctx, c.actor(),
                                                              c.ctx.clock.now());
        if (!out)
            return escalation_error(out.err());
        return json_response(200, escalation_json(out.value().after, v.ctx, c.today));
    });
}

http::response get_escalation(call& c) {
    return guarded([&] {
        const auto v = view_of(c);
        return json_response(200, escalation_json(visible_escalation(c), v.ctx, c.today));
    });
}

http::response list_escalations(call& c) {
    return guarded([&] {
        for (const auto& [key, _] : c.where.query)
            if (key != "status" && key != "stage" && key != "iro" && key != "child" &&
                key != "limit" && key != "cursor")
                refuse(400, "unknown_parameter", "unknown query parameter", key);
        store::escalation_filter filter;
        filter.status = query_value(c, "status");
        if (filter.status && !store::valid_escalation_status_filter(*filter.status))
            refuse(400, "invalid_value",
                   "\"" + *filter.status +
                       "\" is not one of open, stale, awaiting_endorsement, with_cafcass, "
                       "resolved, withdrawn",
                   "status");
        filter.stage = query_value(c, "stage");
        if (filter.stage && !view_of(c).ctx.ladder().find(*filter.stage))
            refuse(400, "invalid_value", "\"" + *filter.stage + "\" is not a stage of the ladder",
                   "stage");
        filter.iro = query_value(c, "iro");
        if (c.who.role == "iro") {
            if (filter.iro && filter.iro != c.who.person)
                refuse(403, "forbidden", "an IRO's token lists only that IRO's children", "iro");
            filter.iro = c.who.person;
        }
        filter.child = query_value(c, "child");
        if (filter.child && !rules::valid_case_reference(*filter.child))
            refuse(400, "invalid_value", "not a reference (letters, digits, '.', '_', '-')",
                   "child");
        if (const auto limit = query_value(c, "limit"))
            filter.limit = parse_limit(*limit);
        filter.cursor = query_value(c, "cursor");
        if (filter.cursor && !store::valid_escalation_cursor(*filter.cursor))
            refuse(400, "invalid_value", "not a cursor this API gave out", "cursor");
        const auto page = c.ctx.store.list_escalations(filter, c.today);
        json items = json::array();
        for (const auto& item : page.items)
            items.push_back(escalation_item_json(item, c.today));
        return json_response(
            200, {{"as_of", core::format_iso_date(c.today)},
                  {"items", std::move(items)},
                  {"next_cursor", page.next_cursor ? json(*page.next_cursor) : json(nullptr)}});
    });
}

} // namespace reviewd::api
