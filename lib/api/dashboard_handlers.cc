// The dashboard's sign-in, sign-out and data routes, and the session check dispatch uses for the
// GET routes that take the session cookie.
//
// Sign-in trades an API token of role manager or admin for a session (dashboard_sessions.h): the
// token travels once, in a JSON body (so a cross-site HTML form cannot post it: that would need a
// CORS preflight this server never grants), and the browser keeps only the session id, in an
// HttpOnly, SameSite=Strict cookie. The cookie is taken only by GET routes marked for it in the
// route table, so no write can be made with it and there is nothing to forge across sites;
// sign-out only ends the session it names. Sign-in, a refused sign-in by a known token, and
// sign-out are audited with the token's name, never the token.
#include "api/dashboard_json.h"
#include "api/handlers.h"

#include <date/date.h>
#include <spdlog/spdlog.h>

namespace reviewd::api {
namespace {

std::string utc_text(core::instant at) {
    return date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::seconds>(at));
}

http::response not_enabled() {
    return error_response(404, "not_found", "the dashboard is not enabled");
}

} // namespace

// Whether this browser is signed in: 200 either way, so the page can ask on load without a
// failed request in the console. Uses the session like any GET (it counts as activity).
http::response get_dashboard_session(call& c) {
    if (!c.ctx.dashboard)
        return not_enabled();
    const auto who = dashboard_caller(c.request, c.ctx);
    if (!who)
        return json_response(200, {{"signed_in", false}});
    return json_response(200, {{"signed_in", true}, {"token", who->name}, {"role", who->role}});
}

http::response sign_in_dashboard(call& c) {
    dashboard_sessions* sessions = c.ctx.dashboard;
    if (!sessions)
        return not_enabled();
    const std::string* type = c.request.header("content-type");
    if (!type || type->rfind("application/json", 0) != 0)
        return error_response(415, "unsupported_media_type",
                              "send {\"token\": \"rvd_...\"} as application/json");
    http::response error;
    const auto body = parse_body(c, error);
    if (!body)
        return error;
    if (!body->is_object() || !body->contains("token") || !(*body)["token"].is_string())
        return error_response(400, "invalid_field", "token: a string is required", "token");

    const auto who = c.ctx.store.authenticate((*body)["token"].get<std::string>());
    if (!who) {
        spdlog::warn("dashboard.sign_in_refused reason=unknown_token remote={}",
                     c.request.remote_address);
        return error_response(401, "unauthorized", "the token is not valid or was revoked",
                              "token");
    }
    if (who->role != "manager" && who->role != "admin") {
        c.ctx.store.audit({who->name}, "dashboard.sign_in_refused", "dashboard",
                          "role=" + who->role + " remote=" + c.request.remote_address, c.now);
        spdlog::warn("dashboard.sign_in_refused reason=role token={} role={} remote={}", who->name,
                     who->role, c.request.remote_address);
        return error_response(403, "forbidden",
                              "the " + who->role +
                                  " role may not sign in to the dashboard: use a manager or "
                                  "admin token",
                              "token");
    }

    const core::instant now = c.ctx.clock.now();
    const std::string expires = utc_text(now + sessions->settings().absolute);
    // Audited before the session exists: a sign-in that cannot be recorded does not happen.
    c.ctx.store.audit({who->name}, "dashboard.sign_in", "dashboard",
                      "expires_at=" + expires + " remote=" + c.request.remote_address, c.now);
    const std::string id = sessions->open(*who, now);
    spdlog::info("dashboard.signed_in token={} role={} remote={}", who->name, who->role,
                 c.request.remote_address);
    auto r = json_response(200, {{"signed_in", true},
                                 {"token", who->name},
                                 {"role", who->role},
                                 {"expires_at", expires},
                                 {"idle_timeout_seconds", sessions->settings().idle.count()}});
    r.headers.emplace_back("Set-Cookie", session_cookie(*sessions, id));
    return r;
}

http::response sign_out_dashboard(call& c) {
    dashboard_sessions* sessions = c.ctx.dashboard;
    if (!sessions)
        return not_enabled();
    const auto id = cookie_value(c.request.header("cookie"), sessions->cookie_name());
    const auto ended = id ? sessions->close(*id) : std::nullopt;
    if (ended) {
        c.ctx.store.audit({ended->who.name}, "dashboard.sign_out", "dashboard",
                          "remote=" + c.request.remote_address, c.now);
        spdlog::info("dashboard.signed_out token={} remote={}", ended->who.name,
                     c.request.remote_address);
    }
    auto r = json_response(200, {{"signed_out", ended.has_value()}});
    r.headers.emplace_back("Set-Cookie", expired_session_cookie(*sessions));
    return r;
}

std::optional<store::token_record> dashboard_caller(const http::request& request,
                                                    api_context& ctx) {
    if (!ctx.dashboard)
        return std::nullopt;
    const auto id = cookie_value(request.header("cookie"), ctx.dashboard->cookie_name());
    if (!id)
        return std::nullopt;
    const auto session = ctx.dashboard->use(*id, ctx.clock.now());
    if (!session)
        return std::nullopt;
    // The token must still be live: revoking it ends the sessions opened with it at once.
    auto who = ctx.store.live_token(session->who.name);
    if (!who) {
        ctx.dashboard->close(*id);
        spdlog::info("dashboard.session_ended token={} reason=\"token revoked\"",
                     session->who.name);
        return std::nullopt;
    }
    return who;
}

http::response get_dashboard(call& c) {
    if (!c.ctx.dashboard)
        return not_enabled();
    const dashboard_window window = window_of(c.today);
    store::dashboard_query q;
    q.today = c.today;
    q.week_end = window.week_end;
    const auto figures = c.ctx.store.dashboard(q);
    const auto rules = c.ctx.rules();
    nlohmann::json body = dashboard_json(figures, q, window, rules->escalations.ladder);
    body["generated_at"] = c.now;
    body["viewer"] = {{"token", c.who.name}, {"role", c.who.role}};
    return json_response(200, body);
}

} // namespace reviewd::api
