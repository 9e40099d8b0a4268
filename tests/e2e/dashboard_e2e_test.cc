// The IRO manager's dashboard through the real daemon: sign-in with a token (only manager and
// admin), the session cookie's attributes, the cookie taken by the dashboard's GET routes and by
// nothing else (no write, no other read), sign-out, idle expiry on the driven clock, revocation,
// the audit rows, the static files and their security headers, and the figures of a caseload
// known by construction (dashboard_scenario.h).
#include "e2e/dashboard_scenario.h"
#include "store/sqlite.h"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace reviewd::test;
using namespace std::chrono_literals;

namespace {

// A daemon with the usual staff and tokens (api_fixture) whose clock is a file the test sets.
struct session_daemon {
    temp_dir files;
    date::sys_seconds now = at("2026-02-04T10:00:00Z");
    std::filesystem::path clock = files.write("now", iso(now) + "\n");
    api_fixture api;

    explicit session_daemon(const std::string& more_tables = {})
        : api("\n[testing]\nclock_file = \"" + clock.string() + "\"\n" + more_tables) {}

    void advance(std::chrono::seconds by) {
        now += by;
        files.write("now.tmp", iso(now) + "\n");
        std::filesystem::rename(files.path() / "now.tmp", clock);
    }

    http_reply sign_in(const std::string& role) {
        return api.client->request("POST", "/v1/dashboard/session",
                                   json{{"token", api.tokens.at(role)}}.dump(),
                                   {{"Content-Type", "application/json"}});
    }

    // A request carrying only the session cookie (no bearer token).
    http_reply with_cookie(const std::string& cookie, const std::string& method,
                           const std::string& target, const std::string& body = {}) {
        header_list headers{{"Cookie", cookie}};
        if (!body.empty())
            headers.emplace_back("Content-Type", "application/json");
        return api.client->request(method, target, body, headers);
    }
};

// "reviewd_session=<64 hex>" from a Set-Cookie value, or "" when there is none.
std::string cookie_pair(const http_reply& r) {
    const std::string* set = r.header("set-cookie");
    return set ? set->substr(0, set->find(';')) : std::string();
}

std::int64_t audit_rows(const api_fixture& api, const std::string& where) {
    auto db = reviewd::store::connection::open(api.daemon.database(), false, true);
    auto st = db.prepare("SELECT count(*) FROM audit WHERE " + where);
    st.step();
    return st.integer(0);
}

} // namespace

TEST_CASE("dashboard sign-in with a manager token sets an HttpOnly SameSite=Strict session "
          "cookie, and the body names the token without giving it back",
          "[e2e][dashboard]") {
    session_daemon d;
    const auto r = d.sign_in("manager");
    REQUIRE(r.status == 200);
    const std::string* set = r.header("set-cookie");
    REQUIRE(set);
    INFO(*set);
    // On 127.0.0.1 with secure_cookie = "auto": no Secure (and so no __Host- prefix).
    CHECK(set->rfind("reviewd_session=", 0) == 0);
    CHECK(cookie_pair(r).size() == std::string("reviewd_session=").size() + 64);
    CHECK(set->find("; Path=/") != std::string::npos);
    CHECK(set->find("; HttpOnly") != std::string::npos);
    CHECK(set->find("; SameSite=Strict") != std::string::npos);
    CHECK(set->find("; Max-Age=28800") != std::string::npos);
    CHECK(set->find("Secure") == std::string::npos);
    CHECK(set->find("Domain") == std::string::npos);
    const auto body = d.api.json_of(r);
    CHECK(body["token"] == "manager-1");
    CHECK(body["role"] == "manager");
    CHECK(body["expires_at"] == "2026-02-04T18:00:00Z");
    CHECK(r.body.find(d.api.tokens.at("manager")) == std::string::npos);
    CHECK(*r.header("cache-control") == "no-store");

    CHECK(d.sign_in("admin").status == 200);
}

TEST_CASE("dashboard sign-in refuses a wrong token, other roles and a body that is not JSON, "
          "and sets no cookie",
          "[e2e][dashboard]") {
    session_daemon d;
    const auto post = [&](const std::string& body, const std::string& type) {
        header_list h;
        if (!type.empty())
            h.emplace_back("Content-Type", type);
        return d.api.client->request("POST", "/v1/dashboard/session", body, h);
    };
    const auto wrong =
        post(json{{"token", "rvd_" + std::string(64, 'a')}}.dump(), "application/json");
    CHECK(wrong.status == 401);
    CHECK(d.api.json_of(wrong)["error"]["field"] == "token");
    for (const std::string role : {"iro", "integration"}) {
        const auto refused = d.sign_in(role);
        INFO(role << " " << refused.body);
        CHECK(refused.status == 403);
        CHECK(refused.header("set-cookie") == nullptr);
    }
    CHECK(post("token=" + d.api.tokens.at("manager"), "application/x-www-form-urlencoded").status ==
          415);
    CHECK(post(json{{"token", d.api.tokens.at("manager")}}.dump(), "").status == 415);
    CHECK(post(json{{"token", 42}}.dump(), "application/json").status == 400);
    CHECK(post("{", "application/json").status == 400);
    CHECK(wrong.header("set-cookie") == nullptr);

    // A refused known token is audited by name; the token text is written nowhere.
    CHECK(audit_rows(d.api, "action = 'dashboard.sign_in_refused' AND actor = 'iro-I1' AND "
                            "detail LIKE 'role=iro%'") == 1);
    for (const auto& [role, token] : d.api.tokens)
        CHECK(audit_rows(d.api, "actor || subject || detail LIKE '%" + token + "%'") == 0);
}

TEST_CASE("the session cookie opens the dashboard's GET routes and nothing else: no other read "
          "and no write",
          "[e2e][dashboard]") {
    session_daemon d;
    const std::string cookie = cookie_pair(d.sign_in("manager"));
    REQUIRE(!cookie.empty());

    const auto figures = d.with_cookie(cookie, "GET", "/v1/dashboard");
    REQUIRE(figures.status == 200);
    CHECK(d.api.json_of(figures)["viewer"]["token"] == "manager-1");
    CHECK(d.api.json_of(figures)["as_of"] == "2026-02-04");
    const auto session = d.api.json_of(d.with_cookie(cookie, "GET", "/v1/dashboard/session"));
    CHECK(session["signed_in"] == true);
    CHECK(session["role"] == "manager");

    // Every write route of api.cc's table, against a child and a person that exist (so a write
    // that got through would show), and the other reads.
    REQUIRE(
        d.api.call("integration", "PUT", "/v1/children/Z1", api_fixture::case_json("Z1")).status ==
        201);
    REQUIRE(d.api.call("integration", "PUT", "/v1/children/Z1/assignments", R"({"iro": "I1"})")
                .status == 200);
    const std::string before = d.api.call("admin", "GET", "/v1/children/Z1").body;
    const std::string person = R"({"role": "iro", "name": "N", "email": "n@council.example"})";
    struct attempt {
        const char* method;
        const char* target;
        std::string body;
    };
    const std::vector<attempt> refused = {
        {"GET", "/v1/people", {}},
        {"GET", "/v1/people/I1", {}},
        {"GET", "/v1/deadlines", {}},
        {"GET", "/metrics", {}},
        {"GET", "/v1/children/Z1", {}},
        {"GET", "/v1/children/Z1/deadlines", {}},
        {"GET", "/v1/children/Z1/assignments", {}},
        {"PUT", "/v1/children/Z1", api_fixture::case_json("Z1", "2026-01-05")},
        {"DELETE", "/v1/children/Z1", {}},
        {"POST", "/v1/children/Z1/periods", R"({"start": "2027-01-04"})"},
        {"PUT", "/v1/children/Z1/periods/1", R"({"start": "2026-03-21"})"},
        {"POST", "/v1/children/Z1/periods/1/placements", R"({"start": "2026-04-01"})"},
        {"PUT", "/v1/children/Z1/periods/1/placements/1", R"({"start": "2026-03-21"})"},
        {"POST", "/v1/children/Z1/reviews", R"({"held": "2026-04-01"})"},
        {"POST", "/v1/children/Z1/review-requests",
         R"({"requested_on": "2026-04-01", "due": "2026-04-10", "reason": "x"})"},
        {"PUT", "/v1/children/Z1/assignments", R"({"iro": "I2"})"},
        {"PUT", "/v1/people/I1", person},
        {"PUT", "/v1/people/P9", person},
        {"POST", "/v1/escalations", R"({"child": "Z1", "category": "other", "description": "x"})"},
        {"GET", "/v1/escalations", {}},
        {"PUT", "/v1/escalations/ESC-1/checklist", R"({"advocate_offered": true})"},
        {"POST", "/v1/escalations/ESC-1/withdraw", "{}"},
        {"POST", "/v1/dashboard", "{}"},
    };
    for (const auto& a : refused) {
        const auto r = d.with_cookie(cookie, a.method, a.target, a.body);
        INFO(a.method << " " << a.target << " -> " << r.status << " " << r.body);
        const std::string target = a.target;
        CHECK(r.status == (target == "/v1/dashboard" ? 405 : 401)); // the data route: GET only
    }
    // Nothing was written.
    CHECK(d.api.call("admin", "GET", "/v1/children/Z1").body == before);
    CHECK(d.api.json_of(d.api.call("admin", "GET", "/v1/people/I1"))["name"] == "Staff I1");
    CHECK(d.api.call("admin", "GET", "/v1/people/P9").status == 404);
    CHECK(audit_rows(d.api, "actor = 'manager-1' AND action != 'dashboard.sign_in'") == 0);

    // A bearer token still works on the dashboard's data route (scripts, monitoring).
    CHECK(d.api.call("manager", "GET", "/v1/dashboard").status == 200);
    CHECK(d.api.call("admin", "GET", "/v1/dashboard").status == 200);
    CHECK(d.api.call("iro", "GET", "/v1/dashboard").status == 403);
    CHECK(d.api.call("integration", "GET", "/v1/dashboard").status == 403);
    CHECK(d.api.call("", "GET", "/v1/dashboard").status == 401);
    CHECK(d.with_cookie("reviewd_session=" + std::string(64, '0'), "GET", "/v1/dashboard").status ==
          401);
    CHECK(d.api.call("", "GET", "/healthz").status == 200);
}

TEST_CASE("sign-out ends the session, and so do idle time and the token's revocation",
          "[e2e][dashboard]") {
    session_daemon d;
    const std::string first = cookie_pair(d.sign_in("manager"));
    REQUIRE(d.with_cookie(first, "GET", "/v1/dashboard").status == 200);
    const auto out = d.with_cookie(first, "DELETE", "/v1/dashboard/session");
    REQUIRE(out.status == 200);
    CHECK(d.api.json_of(out)["signed_out"] == true);
    REQUIRE(out.header("set-cookie"));
    CHECK(out.header("set-cookie")->find("reviewd_session=; Path=/; Max-Age=0") == 0);
    CHECK(d.with_cookie(first, "GET", "/v1/dashboard").status == 401);
    CHECK(d.api.json_of(d.with_cookie(first, "GET", "/v1/dashboard/session"))["signed_in"] ==
          false);
    CHECK(d.api.json_of(d.with_cookie(first, "DELETE", "/v1/dashboard/session"))["signed_out"] ==
          false);
    CHECK(audit_rows(d.api, "action = 'dashboard.sign_in' AND actor = 'manager-1'") == 1);
    CHECK(audit_rows(d.api, "action = 'dashboard.sign_out' AND actor = 'manager-1'") == 1);

    // Idle for 30 minutes (the default): gone. Used within them: kept.
    const std::string idle = cookie_pair(d.sign_in("manager"));
    d.advance(29min);
    CHECK(d.with_cookie(idle, "GET", "/v1/dashboard").status == 200);
    d.advance(29min);
    CHECK(d.with_cookie(idle, "GET", "/v1/dashboard").status == 200);
    d.advance(31min);
    CHECK(d.with_cookie(idle, "GET", "/v1/dashboard").status == 401);

    // Revoking the token ends its sessions at once.
    const std::string revoked = cookie_pair(d.sign_in("admin"));
    REQUIRE(d.with_cookie(revoked, "GET", "/v1/dashboard").status == 200);
    REQUIRE(d.api.daemon.command({"token", "revoke", "--name", "admin-1"}).exit_code == 0);
    CHECK(d.with_cookie(revoked, "GET", "/v1/dashboard").status == 401);
}

TEST_CASE("the dashboard's files come from a fixed list with security headers, and no path "
          "leaves it",
          "[e2e][dashboard]") {
    session_daemon d;
    const auto page = d.api.call("", "GET", "/dashboard");
    REQUIRE(page.status == 200);
    CHECK(*page.header("content-type") == "text/html; charset=utf-8");
    CHECK(page.body.find("<script src=\"/dashboard/dashboard.js\" defer></script>") !=
          std::string::npos);
    CHECK(page.body.find("onclick") == std::string::npos);
    const std::string csp = *page.header("content-security-policy");
    CHECK(csp.rfind("default-src 'self'; frame-ancestors 'none'", 0) == 0);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(*page.header("x-content-type-options") == "nosniff");
    CHECK(*page.header("referrer-policy") == "no-referrer");
    CHECK(*page.header("cache-control") == "no-store");
    CHECK(d.api.call("", "GET", "/dashboard/").status == 200);

    const auto script = d.api.call("", "GET", "/dashboard/dashboard.js");
    CHECK(script.status == 200);
    CHECK(*script.header("content-type") == "text/javascript; charset=utf-8");
    CHECK(script.body.find(".innerHTML") == std::string::npos); // values go in as text only
    CHECK(script.body.find("insertAdjacentHTML") == std::string::npos);
    CHECK(d.api.call("", "GET", "/dashboard/dashboard.css").status == 200);
    CHECK(*d.api.call("", "GET", "/dashboard/favicon.svg").header("content-type") ==
          "image/svg+xml");

    for (const std::string target :
         {"/dashboard/index.html", "/dashboard/..", "/dashboard/%2e%2e", "/dashboard/../api.cc",
          "/dashboard/..%2fapi.cc", "/dashboard/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
          "/dashboard/dashboard.js%00", "/dashboard/.%2fdashboard.js", "/dashboard/nope.js",
          "/dashboard/lib/api/api.cc"}) {
        const auto r = d.api.call("", "GET", target);
        INFO(target << " -> " << r.status);
        CHECK((r.status == 404 || r.status == 400));
        CHECK(r.body.find("<html") == std::string::npos);
        CHECK(r.body.find("namespace") == std::string::npos);
    }
    // Security headers on the data and its errors too.
    CHECK(*d.api.call("", "GET", "/v1/dashboard").header("x-content-type-options") == "nosniff");
    CHECK(*d.api.call("manager", "GET", "/v1/dashboard").header("cache-control") == "no-store");
    CHECK(d.api.call("", "POST", "/dashboard").status == 405);
}

TEST_CASE("[dashboard] enabled = false turns every dashboard route off; secure_cookie = always "
          "marks the cookie Secure with the __Host- name",
          "[e2e][dashboard]") {
    {
        session_daemon off("[dashboard]\nenabled = false\n");
        CHECK(off.api.call("", "GET", "/dashboard").status == 404);
        CHECK(off.api.call("", "GET", "/dashboard/dashboard.js").status == 404);
        CHECK(off.sign_in("manager").status == 404);
        CHECK(off.api.call("manager", "GET", "/v1/dashboard").status == 404);
    }
    session_daemon secure("[dashboard]\nsecure_cookie = \"always\"\nidle_minutes = 5\n");
    const auto r = secure.sign_in("manager");
    REQUIRE(r.status == 200);
    const std::string set = *r.header("set-cookie");
    CHECK(set.rfind("__Host-reviewd_session=", 0) == 0);
    CHECK(set.substr(set.size() - 8) == "; Secure");
    CHECK(secure.api.json_of(r)["idle_timeout_seconds"] == 300);
    // The browser would send it back over https; the daemon reads the same name.
    CHECK(secure.with_cookie(cookie_pair(r), "GET", "/v1/dashboard").status == 200);
    CHECK(secure.with_cookie("reviewd_session=" + cookie_pair(r).substr(23), "GET", "/v1/dashboard")
              .status == 401);
}

TEST_CASE("the dashboard's figures for a caseload known by construction", "[e2e][dashboard]") {
    dashboard_scenario s;
    api_fixture& api = s.api();
    const auto reply = api.call("manager", "GET", "/v1/dashboard");
    REQUIRE(reply.status == 200);
    const json d = api.json_of(reply);
    INFO(d.dump(2));

    CHECK(d["as_of"] == "2026-02-04");
    CHECK(d["week"] == json{{"from", "2026-02-02"}, {"to", "2026-02-08"}});
    CHECK(d["deadlines"]["overdue"] == 4);
    CHECK(d["deadlines"]["due_this_week"] == 2);
    const auto& groups = d["deadlines"]["by_iro"];
    REQUIRE(groups.size() == 3);
    CHECK(groups[0]["iro"] == "I1");
    CHECK(groups[0]["name"] == "Staff I1");
    CHECK(groups[0]["overdue"] == 3);
    CHECK(groups[0]["due_this_week"] == 1);
    const auto& a1 = groups[0]["overdue_items"];
    REQUIRE(a1.size() == 3);
    CHECK(a1[0] == json{{"child", "A1"},
                        {"kind", "social_worker_visit"},
                        {"sequence", 1},
                        {"due", "2026-01-12"},
                        {"practical_due", "2026-01-12"},
                        {"days_overdue", 23}});
    CHECK(a1[1]["kind"] == "care_plan");
    CHECK(a1[1]["days_overdue"] == 16);
    CHECK(a1[2]["kind"] == "review");
    CHECK(a1[2]["days_overdue"] == 2);
    CHECK(groups[0]["this_week_items"] == json::array({{{"child", "A2"},
                                                        {"kind", "review"},
                                                        {"sequence", 1},
                                                        {"due", "2026-02-04"},
                                                        {"practical_due", "2026-02-04"}}}));
    CHECK(groups[1]["iro"] == "I2");
    CHECK(groups[1]["overdue"] == 0); // X1 is archived
    CHECK(groups[1]["this_week_items"][0]["child"] == "B1");
    CHECK(groups[1]["this_week_items"][0]["due"] == "2026-02-05");
    CHECK(groups[2]["iro"].is_null());
    CHECK(groups[2]["overdue_items"][0]["child"] == "U1");

    const auto& caseloads = d["caseloads"];
    CHECK(caseloads["open_children"] == 4);
    CHECK(caseloads["without_iro"] == 1);
    REQUIRE(caseloads["iros"].size() == 2);
    CHECK(caseloads["iros"][0] == json{{"iro", "I1"},
                                       {"name", "Staff I1"},
                                       {"active", true},
                                       {"children", 2},
                                       {"band", "below"}});
    CHECK(caseloads["iros"][1]["children"] == 1);

    const auto& delivery = d["delivery"];
    CHECK(delivery["dead"] == 1);
    CHECK(delivery["pending"] == 0);
    REQUIRE(delivery["latest_dead"].size() == 1);
    const auto& dead = delivery["latest_dead"][0];
    CHECK(dead["channel"] == "webhook");
    CHECK(dead["attempts"] == 1);
    CHECK(dead["last_error"] == "http 404");
    CHECK(dead["event_type"].get<std::string>().rfind("deadline.", 0) == 0);
    const auto listed = s.stack->outbox({"--dead"});
    REQUIRE(listed.size() == 1);
    CHECK(dead["id"] == listed[0].id);

    const auto& e = d["escalations"];
    CHECK(e["open"] == 1);
    CHECK(e["stale"] == 1);
    REQUIRE(e["stale_items"].size() == 1);
    CHECK(e["stale_items"][0] == json{{"id", "ESC-1"},
                                      {"child", "A1"},
                                      {"raised_by", "I1"},
                                      {"category", "review_not_held"},
                                      {"status", "open"},
                                      {"stage", "team_manager"},
                                      {"position", 1},
                                      {"raised_on", "2026-01-26"},
                                      {"stale_from", "2026-02-03"},
                                      {"days_stale", 1}});
    CHECK(e["ladder"].size() == 7);

    // References and counts only: no date of birth, no description, no address, no message text.
    for (const std::string secret : {"2015-03-02", "not convened", "@council.example"})
        CHECK(reply.body.find(secret) == std::string::npos);
    s.stack->stop();
}
