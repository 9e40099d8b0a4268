// Dispatch: authentication, the route table with each route's roles, and per-request metrics.
#include "api/api.h"

#include "api/handlers.h"

#include <date/date.h>
#include <spdlog/spdlog.h>

#include <array>

namespace reviewd::api {
namespace {

enum role_bit : unsigned { admin = 1, manager = 2, integration = 4, iro = 8 };
constexpr unsigned readers = admin | manager | integration | iro;
constexpr unsigned writers = admin | integration;
// Not a role: the route is authenticated by a secret in its query, checked by its handler, instead
// of a bearer token (calendar feeds: calendar clients cannot send headers). No bearer token is
// needed or looked at, and the handler gets no role.
constexpr unsigned query_secret = 1u << 31;
// Not a role: the handler authenticates the request itself or needs no authentication (the
// dashboard's page and files, which hold no data; its sign-in and sign-out). It gets no role.
constexpr unsigned own_check = 1u << 30;
// Beside the roles: this GET route also takes the dashboard's session cookie in place of a bearer
// token. Never a write: a cookie the browser sends by itself must not be able to change anything.
constexpr unsigned session_cookie_too = 1u << 29;

unsigned bit_of(const std::string& role) {
    if (role == "admin")
        return admin;
    if (role == "manager")
        return manager;
    if (role == "integration")
        return integration;
    if (role == "iro")
        return iro;
    return 0;
}

struct route {
    const char* method;
    const char* pattern;
    unsigned roles;
    http::response (*handle)(call&);
};

const std::array<route, 30> routes = {{
    {"GET", "/metrics", admin | manager, get_metrics},
    {"GET", "/v1/deadlines", readers, list_deadlines},
    {"GET", "/v1/people", admin | manager | integration, list_people},
    {"PUT", "/v1/people/{}", writers, put_person},
    {"GET", "/v1/people/{}", admin | manager | integration, get_person},
    {"PUT", "/v1/children/{}", writers, put_child},
    {"GET", "/v1/children/{}", readers, get_child},
    {"DELETE", "/v1/children/{}", writers, delete_child},
    {"POST", "/v1/children/{}/periods", writers, post_period},
    {"PUT", "/v1/children/{}/periods/{}", writers, put_period},
    {"POST", "/v1/children/{}/periods/{}/placements", writers, post_placement},
    {"PUT", "/v1/children/{}/periods/{}/placements/{}", writers, put_placement},
    {"POST", "/v1/children/{}/reviews", writers | iro, post_review},
    {"POST", "/v1/children/{}/review-requests", writers | iro, post_review_request},
    {"GET", "/v1/children/{}/deadlines", readers, get_child_deadlines},
    {"PUT", "/v1/children/{}/assignments", writers, put_assignments},
    {"GET", "/v1/children/{}/assignments", readers, get_assignments},
    {"POST", "/v1/escalations", admin | iro, post_escalation},
    {"GET", "/v1/escalations", readers, list_escalations},
    {"GET", "/v1/escalations/{}", readers, get_escalation},
    {"GET", "/v1/escalations/{}/chronology", readers, get_escalation_chronology},
    {"PUT", "/v1/escalations/{}/checklist", admin | iro, put_escalation_checklist},
    {"POST", "/v1/escalations/{}/{}", admin | manager | iro, post_escalation_action},
    {"GET", "/v1/iros/{}/calendar.ics", query_secret, get_iro_calendar},
    {"GET", "/dashboard", own_check, get_dashboard_page},
    {"GET", "/dashboard/{}", own_check, get_dashboard_file},
    {"GET", "/v1/dashboard/session", own_check, get_dashboard_session},
    {"POST", "/v1/dashboard/session", own_check, sign_in_dashboard},
    {"DELETE", "/v1/dashboard/session", own_check, sign_out_dashboard},
    {"GET", "/v1/dashboard", admin | manager | session_cookie_too, get_dashboard},
}};

std::string utc_timestamp(core::instant at) {
    return date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::seconds>(at));
}

std::optional<std::string> bearer_token(const http::request& request) {
    const std::string* header = request.header("authorization");
    if (!header || header->size() <= 7 || header->compare(0, 7, "Bearer ") != 0)
        return std::nullopt;
    return header->substr(7);
}

} // namespace

struct api::impl {
    api_context ctx;

    http::response health() {
        try {
            (void)ctx.store.database_bytes();
            return json_response(200, {{"status", "ok"}});
        } catch (const std::exception&) {
            return error_response(503, "unavailable", "the database cannot be read");
        }
    }

    http::response dispatch(const http::request& request, std::string& route_name) {
        const auto where = parse_target(request.target);
        if (!where)
            return error_response(400, "invalid_target", "the request target is not a valid path");
        if (where->segments == std::vector<std::string>{"healthz"}) {
            route_name = "/healthz";
            return request.method == "GET" ? health()
                                           : error_response(405, "method_not_allowed", "use GET");
        }
        const route* found = nullptr;
        std::vector<std::string> params;
        bool path_known = false;
        for (const auto& r : routes) {
            auto captures = match(r.pattern, where->segments);
            if (!captures)
                continue;
            path_known = true;
            if (request.method == r.method) {
                found = &r;
                params = std::move(*captures);
                break;
            }
        }
        if (!found) {
            route_name = path_known ? "(method)" : "(unknown)";
            return path_known ? error_response(405, "method_not_allowed",
                                               "this resource does not take " + request.method)
                              : error_response(404, "not_found", "no such resource");
        }
        route_name = found->pattern;

        if (found->roles == query_secret || found->roles == own_check) {
            const core::instant now = ctx.clock.now();
            call c{request,
                   *where,
                   std::move(params),
                   store::token_record{},
                   core::local_date(now, ctx.time_zone),
                   utc_timestamp(now),
                   ctx};
            return found->handle(c);
        }
        const auto token = bearer_token(request);
        std::optional<store::token_record> who;
        if (!token && (found->roles & session_cookie_too) && request.method == "GET") {
            who = dashboard_caller(request, ctx);
            if (!who)
                return error_response(401, "unauthorized",
                                      "sign in to the dashboard, or send Authorization: Bearer "
                                      "<token>");
        } else {
            if (!token)
                return error_response(401, "unauthorized", "send Authorization: Bearer <token>");
            who = ctx.store.authenticate(*token);
            if (!who)
                return error_response(401, "unauthorized", "the token is not valid or was revoked");
        }
        if (!(found->roles & bit_of(who->role)))
            return error_response(403, "forbidden",
                                  "the " + who->role + " role may not " + request.method +
                                      " this resource");

        const core::instant now = ctx.clock.now();
        call c{request,
               *where,
               std::move(params),
               *who,
               core::local_date(now, ctx.time_zone),
               utc_timestamp(now),
               ctx};
        return found->handle(c);
    }
};

api::api(api_context context) : impl_(std::make_unique<impl>(impl{std::move(context)})) {}
api::~api() = default;

http::response api::handle(const http::request& request) {
    const auto started = std::chrono::steady_clock::now();
    std::string route_name = "(unknown)";
    http::response response;
    try {
        response = impl_->dispatch(request, route_name);
    } catch (const store::sqlite_error& e) {
        if (e.unavailable()) {
            // A cause outside reviewd that may pass (another process's lock, a full disk, a file
            // made read-only): said plainly in the log and the answer; reads go on meanwhile.
            const bool write = request.method != "GET" && request.method != "HEAD";
            spdlog::error("api.store_unavailable request=\"{} {}\" cause=\"{}\" status=503 "
                          "sqlite_code={} detail=\"{}\"",
                          request.method, route_name, e.cause(), e.code, e.what());
            response = error_response(503, "unavailable",
                                      std::string(write ? "the database cannot take writes"
                                                        : "the database cannot be read") +
                                          " just now (" + e.cause() + "); try again later");
            response.headers.emplace_back("Retry-After", "5");
        } else {
            spdlog::error("api.store_failed route={} code={} error=\"{}\"", route_name, e.code,
                          e.what());
            response = error_response(500, "internal", "an internal error occurred");
        }
    } catch (const std::exception& e) {
        spdlog::error("api.failed route={} error=\"{}\"", route_name, e.what());
        response = error_response(500, "internal", "an internal error occurred");
    }
    if (is_dashboard_route(route_name))
        add_dashboard_headers(response);
    impl_->ctx.stats.record(request.method, route_name, response.status,
                            std::chrono::steady_clock::now() - started);
    return response;
}

} // namespace reviewd::api
