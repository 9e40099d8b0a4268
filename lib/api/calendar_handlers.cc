// GET /v1/iros/{ref}/calendar.ics?token=SECRET: an IRO's deadlines as an iCalendar feed.
//
// Calendar clients (Outlook, Google, Apple) subscribe to a URL and cannot send headers, so this
// route alone is authenticated by a per-IRO secret in the query (`reviewd feed create`), not by a
// bearer token; api.cc dispatches it without one. The secret opens only its own IRO's feed: a
// missing one is 401; a wrong, revoked or other IRO's secret, or an IRO that does not exist, is
// the same 404, so the answer says nothing about which IROs exist. The store compares hashes in
// constant time. Nothing here logs, and the request target (which holds the secret) is logged
// nowhere: metrics and error logs name the route pattern only.
#include "api/handlers.h"

#include "ical/deadline_events.h"

namespace reviewd::api {
namespace {

// Deadlines met, cancelled or withdrawn stay in the feed this long after their due date; open
// ones stay until met, however late.
constexpr date::days feed_history{90};

ical::feed_settings settings() {
    ical::feed_settings s;
    s.refresh = std::chrono::hours(1);
    return s;
}

http::response no_feed() {
    return error_response(404, "not_found", "no calendar feed here for this token");
}

} // namespace

http::response get_iro_calendar(call& c) {
    const std::string& iro = c.params.at(0);
    const auto token = query_value(c, "token");
    if (!token)
        return error_response(401, "unauthorized",
                              "a calendar feed needs its secret: ?token=<from reviewd feed create>",
                              "token");
    if (!c.ctx.store.feed_allows(iro, *token))
        return no_feed();

    std::vector<ical::deadline_entry> entries;
    for (auto& e : c.ctx.store.calendar_entries(iro, c.today - feed_history))
        entries.push_back(
            {std::move(e.child), std::move(e.stored.deadline), e.stored.revision, e.withdrawn});
    http::response r;
    r.status = 200;
    r.content_type = "text/calendar; charset=utf-8";
    r.body = ical::iro_feed(iro, entries, settings(), c.ctx.clock.now());
    // The URL holds the secret: it must not leak to another site as a Referer. (The server sets
    // Cache-Control: no-store and nosniff on every response.)
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    return r;
}

} // namespace reviewd::api
