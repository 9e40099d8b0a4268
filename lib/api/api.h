// The HTTP/JSON API: authentication, roles, routes and their handlers, over the case store.
// It turns one http::request into one http::response; the server (lib/http) moves the bytes.
//
// Routes (all JSON; every one but /healthz needs "Authorization: Bearer <token>"):
//   GET  /healthz                                   no auth
//   GET  /metrics                                   admin, manager (Prometheus text)
//   PUT|GET|DELETE /v1/children/{ref}               whole case (the shape `reviewd schedule` reads)
//   POST /v1/children/{ref}/periods                 PUT /v1/children/{ref}/periods/{n}
//   POST /v1/children/{ref}/periods/{n}/placements  PUT .../placements/{m}
//   POST /v1/children/{ref}/reviews                 POST /v1/children/{ref}/review-requests
//   GET  /v1/children/{ref}/deadlines               PUT|GET /v1/children/{ref}/assignments
//   GET  /v1/deadlines?iro=&due_before=&status=&kind=&limit=&cursor=
//   PUT|GET /v1/people/{ref}                        GET /v1/people
//   POST /v1/escalations                            raise (the child's IRO; admin)
//   GET  /v1/escalations?status=&stage=&iro=&child=&limit=&cursor=   GET /v1/escalations/{id}
//   GET  /v1/escalations/{id}/chronology?format=md|json   the Cafcass referral pack summary
//   PUT  /v1/escalations/{id}/checklist             the IRO's checklist
//   POST /v1/escalations/{id}/{action}              acknowledge, respond, endorse, mediate
//        (managers, naming the person), advance, resolve, refer-to-cafcass, withdraw (the IRO),
//        cafcass-report (the IRO or a manager); see escalation_handlers.cc
//   GET  /v1/iros/{ref}/calendar.ics?token=SECRET   the IRO's deadlines as iCalendar; the one
//        route authenticated by a per-IRO feed secret in the query instead of a bearer token
//   GET  /dashboard, /dashboard/{file}              the IRO manager's page and its files (no data,
//        no auth); GET|POST|DELETE /v1/dashboard/session  whether signed in, sign in with a
//        manager or admin token (a session cookie), sign out; GET /v1/dashboard  the page's
//        figures: admin, manager, or the session cookie (dashboard_handlers.cc says why)
// Roles: admin (all); manager (reads all); integration (writes case data, reads); iro (reads its
// own children and records their reviews; another IRO's child is 404, never data).
#pragma once

#include "api/dashboard_sessions.h"
#include "api/metrics.h"
#include "core/clock.h"
#include "http/http_server.h"
#include "rules/loaded_rules.h"
#include "store/case_store.h"

#include <functional>
#include <memory>
#include <string>

namespace reviewd::api {

struct api_context {
    store::case_store& store;
    std::function<std::shared_ptr<const store::rules_snapshot>()> rules; // the current snapshot
    const core::clock& clock;
    std::string time_zone = "Europe/London";
    metrics& stats;
    std::function<void()> changed = {};      // after a write: the timer driver looks again
    dashboard_sessions* dashboard = nullptr; // the dashboard's sessions; null: no dashboard
};

class api {
public:
    explicit api(api_context context);
    ~api();
    http::response handle(const http::request& request);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace reviewd::api
