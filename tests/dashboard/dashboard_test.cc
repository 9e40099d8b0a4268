// The dashboard's pure parts: sessions with idle and absolute expiry on a driven clock, their
// cookie (parsing the Cookie header, the Set-Cookie attributes), "this week", the caseload bands
// and the JSON the page reads.
#include "api/dashboard_json.h"
#include "api/dashboard_sessions.h"
#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

#include <set>

using namespace std::chrono_literals;
using reviewd::api::dashboard_sessions;
using reviewd::api::dashboard_settings;
using reviewd::test::day;
namespace store = reviewd::store;

namespace {

const reviewd::core::instant start = reviewd::core::instant{day("2026-02-04")} + 10h;
const store::token_record manager{"manager-1", "manager", std::nullopt};

dashboard_settings settings(bool secure = false) {
    dashboard_settings s;
    s.idle = 30min;
    s.absolute = 8h;
    s.secure_cookie = secure;
    return s;
}

} // namespace

TEST_CASE("a session id is 256 random bits in hex and names its token until signed out",
          "[api][dashboard]") {
    dashboard_sessions sessions(settings());
    const std::string id = sessions.open(manager, start);
    CHECK(id.size() == 64);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(sessions.open(manager, start) != id);

    const auto s = sessions.use(id, start + 1min);
    REQUIRE(s);
    CHECK(s->who.name == "manager-1");
    CHECK(s->who.role == "manager");
    CHECK(s->opened == start);

    CHECK_FALSE(sessions.use(std::string(64, '0'), start));
    CHECK_FALSE(sessions.use(id + "0", start));
    CHECK_FALSE(sessions.use("", start));
    CHECK_FALSE(sessions.use(id.substr(0, 63) + "G", start));

    const auto ended = sessions.close(id);
    REQUIRE(ended);
    CHECK(ended->who.name == "manager-1");
    CHECK_FALSE(sessions.use(id, start + 2min));
    CHECK_FALSE(sessions.close(id));
}

TEST_CASE("a session ends after the idle time without use, and at the absolute limit whatever "
          "its use",
          "[api][dashboard]") {
    dashboard_sessions sessions(settings());
    const std::string idle = sessions.open(manager, start);
    CHECK(sessions.use(idle, start + 29min));
    CHECK(sessions.use(idle, start + 58min)); // 29 minutes after its last use
    CHECK_FALSE(sessions.use(idle, start + 88min));
    CHECK_FALSE(sessions.use(idle, start + 89min)); // and it stays gone

    const std::string busy = sessions.open(manager, start);
    auto now = start;
    for (int i = 0; i < 31; ++i) { // used every 15 minutes for 7 h 45 min
        now += 15min;
        REQUIRE(sessions.use(busy, now));
    }
    CHECK_FALSE(sessions.use(busy, start + 8h));

    // A clock set back further than the idle time ends a session too.
    const std::string back = sessions.open(manager, start);
    CHECK(sessions.use(back, start - 10min));
    CHECK_FALSE(sessions.use(back, start - 31min));
}

TEST_CASE("a full session table drops expired sessions first, then the oldest",
          "[api][dashboard]") {
    auto s = settings();
    s.max_sessions = 3;
    dashboard_sessions sessions(s);
    const std::string old = sessions.open(manager, start);
    const std::string a = sessions.open(manager, start + 1min);
    const std::string b = sessions.open(manager, start + 2min);
    const std::string c = sessions.open(manager, start + 3min);
    CHECK(sessions.size() == 3);
    CHECK_FALSE(sessions.use(old, start + 4min));
    CHECK(sessions.use(a, start + 4min));
    // An hour on, all three are idle-expired: the sweep makes room without dropping a live one.
    const std::string d = sessions.open(manager, start + 2h);
    CHECK(sessions.size() == 1);
    CHECK(sessions.use(d, start + 2h));
    (void)b;
    (void)c;
}

TEST_CASE("the session cookie: HttpOnly, SameSite=Strict, Path=/, Max-Age, and Secure with the "
          "__Host- name when so configured",
          "[api][dashboard]") {
    dashboard_sessions plain(settings(false));
    CHECK(plain.cookie_name() == "reviewd_session");
    CHECK(reviewd::api::session_cookie(plain, "abc") ==
          "reviewd_session=abc; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict");
    CHECK(reviewd::api::expired_session_cookie(plain) ==
          "reviewd_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");

    dashboard_sessions secure(settings(true));
    CHECK(secure.cookie_name() == "__Host-reviewd_session");
    CHECK(reviewd::api::session_cookie(secure, "abc") ==
          "__Host-reviewd_session=abc; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict; Secure");
}

TEST_CASE("the session id is read from the Cookie header by exact name", "[api][dashboard]") {
    using reviewd::api::cookie_value;
    const std::string header = "theme=dark; xreviewd_session=evil;reviewd_session=abc ; other=1";
    CHECK(cookie_value(&header, "reviewd_session") == "abc");
    CHECK(cookie_value(&header, "theme") == "dark");
    CHECK_FALSE(cookie_value(&header, "missing"));
    CHECK_FALSE(cookie_value(nullptr, "reviewd_session"));
    const std::string empty;
    CHECK_FALSE(cookie_value(&empty, "reviewd_session"));
}

TEST_CASE("this week runs Monday to Sunday around today", "[api][dashboard]") {
    using reviewd::api::window_of;
    const auto wednesday = window_of(day("2026-02-04"));
    CHECK(wednesday.week_start == day("2026-02-02"));
    CHECK(wednesday.week_end == day("2026-02-08"));
    CHECK(window_of(day("2026-02-02")).week_start == day("2026-02-02"));
    CHECK(window_of(day("2026-02-08")).week_start == day("2026-02-02"));
    CHECK(window_of(day("2026-02-08")).week_end == day("2026-02-08"));
    CHECK(window_of(day("2025-12-31")).week_end == day("2026-01-04"));
}

TEST_CASE("caseloads are below, within or above the 50-70 guidance", "[api][dashboard]") {
    using reviewd::api::caseload_band;
    CHECK(std::string(caseload_band(0)) == "below");
    CHECK(std::string(caseload_band(49)) == "below");
    CHECK(std::string(caseload_band(50)) == "within");
    CHECK(std::string(caseload_band(70)) == "within");
    CHECK(std::string(caseload_band(71)) == "above");
}

TEST_CASE("the dashboard JSON: days overdue, the rung on the ladder, clean error text, and no "
          "field beyond references, counts and dates",
          "[api][dashboard]") {
    store::dashboard_figures f;
    store::dashboard_iro_deadlines g;
    g.iro = "I1";
    g.name = "Staff I1";
    g.overdue = 1;
    g.due_this_week = 1;
    g.overdue_items.push_back({"C1", "review", 1, day("2026-02-02"), day("2026-02-02")});
    g.this_week_items.push_back({"C2", "review", 2, day("2026-02-08"), day("2026-02-06")});
    f.deadlines.push_back(g);
    f.deadlines.push_back({});
    f.overdue = 1;
    f.due_this_week = 1;
    f.caseloads.push_back({"I1", "Staff I1", true, 58});
    f.open_children = 59;
    f.children_without_iro = 1;
    f.open_escalations = 3;
    f.stale_escalations = 2;
    f.stale.push_back({"ESC-1", "C1", "I1", "review_not_held", "open", "service_manager",
                       day("2026-01-20"), day("2026-02-01")});
    f.stale.push_back(
        {"ESC-2", "C2", "I1", "other", "open", "gone_stage", day("2026-01-20"), day("2026-02-03")});
    f.dead_messages = 1;
    f.latest_dead.push_back({7, "email", "deadline.reminder", 3,
                             "550 mailbox \x01unavailable \xc3\xa9", 1770199200, std::nullopt});

    store::dashboard_query q;
    q.today = day("2026-02-04");
    q.week_end = day("2026-02-08");
    const auto j = reviewd::api::dashboard_json(f, q, reviewd::api::window_of(q.today),
                                                reviewd::escalation::default_ladder());
    CHECK(j["as_of"] == "2026-02-04");
    CHECK(j["week"]["from"] == "2026-02-02");
    CHECK(j["deadlines"]["overdue"] == 1);
    const auto& group = j["deadlines"]["by_iro"][0];
    CHECK(group["iro"] == "I1");
    CHECK(group["overdue_items"][0]["days_overdue"] == 2);
    CHECK_FALSE(group["this_week_items"][0].contains("days_overdue"));
    CHECK(group["this_week_items"][0]["practical_due"] == "2026-02-06");
    CHECK(j["deadlines"]["by_iro"][1]["iro"].is_null());
    CHECK(j["caseloads"]["iros"][0]["band"] == "within");
    CHECK(j["caseloads"]["guidance"]["low"] == 50);
    CHECK(j["escalations"]["ladder"].size() == 7);
    CHECK(j["escalations"]["stale_items"][0]["position"] == 2);
    CHECK(j["escalations"]["stale_items"][0]["days_stale"] == 3);
    CHECK(j["escalations"]["stale_items"][1]["position"].is_null());
    const auto& dead = j["delivery"]["latest_dead"][0];
    CHECK(dead["last_error"] == "550 mailbox ?unavailable ??");
    CHECK(dead["created_at"] == "2026-02-04T10:00:00Z");
    CHECK(dead["first_attempt_at"].is_null());
    CHECK_NOTHROW(j.dump());

    // Every key anywhere in the document is one the dashboard means to send.
    const std::set<std::string> allowed = {"as_of",
                                           "week",
                                           "from",
                                           "to",
                                           "deadlines",
                                           "overdue",
                                           "due_this_week",
                                           "items_limit",
                                           "by_iro",
                                           "iro",
                                           "name",
                                           "overdue_items",
                                           "this_week_items",
                                           "child",
                                           "kind",
                                           "sequence",
                                           "due",
                                           "practical_due",
                                           "days_overdue",
                                           "caseloads",
                                           "guidance",
                                           "low",
                                           "high",
                                           "open_children",
                                           "without_iro",
                                           "iros",
                                           "active",
                                           "children",
                                           "band",
                                           "escalations",
                                           "open",
                                           "stale",
                                           "ladder",
                                           "id",
                                           "owner_role",
                                           "stale_items",
                                           "raised_by",
                                           "category",
                                           "status",
                                           "stage",
                                           "position",
                                           "raised_on",
                                           "stale_from",
                                           "days_stale",
                                           "delivery",
                                           "dead",
                                           "pending",
                                           "latest_dead",
                                           "channel",
                                           "event_type",
                                           "attempts",
                                           "last_error",
                                           "created_at",
                                           "first_attempt_at"};
    std::vector<const nlohmann::json*> todo{&j};
    while (!todo.empty()) {
        const auto* node = todo.back();
        todo.pop_back();
        if (node->is_object())
            for (const auto& [key, value] : node->items()) {
                INFO(key);
                CHECK(allowed.count(key) == 1);
                todo.push_back(&value);
            }
        else if (node->is_array())
            for (const auto& value : *node)
                todo.push_back(&value);
    }
}
