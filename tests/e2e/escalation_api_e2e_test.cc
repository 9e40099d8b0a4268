// The escalation API against the real daemon: who may raise, act and read (the child's IRO
// raises and climbs; managers acknowledge, respond, endorse and mediate naming the person;
// admin anything; integration reads), illegal transitions as 409 with the reason, bad input as
// 400 naming the field, lists with filters and a cursor, the chronology, and the audit trail.
#include "e2e/api_fixture.h"
#include "store/sqlite.h"

#include <catch2/catch.hpp>

using nlohmann::json;
using reviewd::test::api_fixture;

namespace {

// The API fixture's staff plus a head of service, child C1 with IRO I1 and team manager T1, and
// child C2 with IRO I2.
struct escalation_api : api_fixture {
    escalation_api() {
        put("admin", "PUT", "/v1/people/H1",
            R"({"role": "head_of_service", "name": "Staff H1", "email": "H1@council.example"})");
        put("integration", "PUT", "/v1/children/C1", case_json("C1"));
        put("integration", "PUT", "/v1/children/C1/assignments",
            R"({"iro": "I1", "team_manager": "T1"})");
        put("integration", "PUT", "/v1/children/C2", case_json("C2"));
        put("integration", "PUT", "/v1/children/C2/assignments", R"({"iro": "I2"})");
    }
    void put(const std::string& role, const std::string& method, const std::string& target,
             const std::string& body) {
        const auto r = call(role, method, target, body);
        if (r.status < 200 || r.status > 299)
            FAIL(method + " " + target + " answered " + std::to_string(r.status) + ": " + r.body);
    }
    // POST /v1/escalations/ESC-1/<action> as `role`.
    reviewd::test::http_reply act(const std::string& role, const std::string& action,
                                  const json& body = json::object(),
                                  const std::string& id = "ESC-1") {
        return call(role, "POST", "/v1/escalations/" + id + "/" + action, body.dump());
    }
    reviewd::test::http_reply raise(const std::string& role, const json& body) {
        return call(role, "POST", "/v1/escalations", body.dump());
    }
    static json c1() {
        return {{"child", "C1"},
                {"category", "care_plan_not_implemented"},
                {"description", "Sibling contact agreed at review not arranged"}};
    }
    json error_of(const reviewd::test::http_reply& r) { return json_of(r)["error"]; }
};

} // namespace

TEST_CASE("the child's IRO raises an escalation; others may not, or cannot see the child",
          "[e2e][escalation][api]") {
    escalation_api f;
    CHECK(f.raise("iro2", escalation_api::c1()).status == 404); // another IRO's child
    CHECK(f.raise("manager", escalation_api::c1()).status == 403);
    CHECK(f.raise("integration", escalation_api::c1()).status == 403);
    const auto r = f.raise("iro", escalation_api::c1());
    REQUIRE(r.status == 201);
    const json e = f.json_of(r);
    CHECK(e["id"] == "ESC-1");
    CHECK(e["child"] == "C1");
    CHECK(e["raised_by"] == "I1");
    CHECK(e["status"] == "open");
    CHECK(e["stage"] == "team_manager");
    CHECK(e["recorded"] == "raised");
    CHECK(e["history"][0]["asked"] == "T1");
    CHECK(e["state"]["stage"]["owner_role"] == "team_manager");
    CHECK(e["state"]["total"]["limit_working_days"] == 20);

    CHECK(f.call("iro2", "GET", "/v1/escalations/ESC-1").status == 404);
    CHECK(f.call("integration", "GET", "/v1/escalations/ESC-1").status == 200);
    CHECK(f.call("manager", "GET", "/v1/escalations/ESC-1").status == 200);
    CHECK(f.call("iro", "GET", "/v1/escalations/ESC-9").status == 404);
    // Admin raises for the child's IRO, or names one.
    auto admin = escalation_api::c1();
    admin["iro"] = "I2";
    const auto by_admin = f.raise("admin", admin);
    REQUIRE(by_admin.status == 201);
    CHECK(f.json_of(by_admin)["raised_by"] == "I2");
}

TEST_CASE("bad input to raise is refused naming the field and the value",
          "[e2e][escalation][api]") {
    escalation_api f;
    auto body = escalation_api::c1();
    body.erase("category");
    auto r = f.raise("iro", body);
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["field"] == "category");

    body = escalation_api::c1();
    body["category"] = "rudeness";
    r = f.raise("iro", body);
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["message"] == "\"rudeness\" is not one of care_plan_not_implemented, "
                                      "review_not_held, placement_unsuitable, other");

    body = escalation_api::c1();
    body["description"] = std::string(501, 'x');
    r = f.raise("iro", body);
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["field"] == "description");

    body = escalation_api::c1();
    body["colour"] = "red";
    r = f.raise("iro", body);
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["field"] == "colour");

    body = escalation_api::c1();
    body["checklist"] = {{"advocate_offered", "yes"}};
    r = f.raise("iro", body);
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["field"] == "checklist.advocate_offered");

    body = escalation_api::c1();
    body["stage"] = "mayor";
    r = f.raise("iro", body);
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["field"] == "stage");

    body = escalation_api::c1();
    body["stage"] = "director";
    r = f.raise("iro", body);
    CHECK(r.status == 409);
    CHECK(f.error_of(r)["message"] == "stage director needs the IRO manager's endorsement: raise "
                                      "at a lower stage and request endorsement");

    r = f.call("iro", "POST", "/v1/escalations", "{not json");
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["code"] == "malformed_json");
    CHECK(f.call("admin", "GET", "/v1/escalations").status == 200);
    CHECK(f.json_of(f.call("admin", "GET", "/v1/escalations"))["items"].empty());
}

TEST_CASE("managers act naming the person; the ladder decides whether that person may",
          "[e2e][escalation][api]") {
    escalation_api f;
    REQUIRE(f.raise("iro", escalation_api::c1()).status == 201);

    auto r = f.act("manager", "acknowledge");
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["field"] == "person");
    CHECK(f.act("iro", "acknowledge", {{"person", "T1"}}).status == 403);
    CHECK(f.act("integration", "acknowledge", {{"person", "T1"}}).status == 403);
    r = f.act("manager", "acknowledge", {{"person", "M1"}}); // the IRO manager is not the owner
    CHECK(r.status == 403);
    CHECK(f.error_of(r)["message"] == "only the team_manager role can acknowledge at stage "
                                      "team_manager (role was iro_manager)");
    r = f.act("manager", "acknowledge", {{"person", "NOBODY"}});
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["message"] == "\"NOBODY\" is not a person");

    r = f.act("manager", "acknowledge", {{"person", "T1"}});
    REQUIRE(r.status == 200);
    CHECK(f.json_of(r)["state"]["stage"]["acknowledged_on"].is_string());
    r = f.act("manager", "acknowledge", {{"person", "T1"}});
    CHECK(r.status == 409);
    CHECK(f.error_of(r)["message"].get<std::string>().rfind(
              "stage team_manager was already acknowledged on ", 0) == 0);

    r = f.act("manager", "respond", {{"person", "T1"}});
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["field"] == "answer");
    r = f.act("manager", "respond", {{"person", "T1"}, {"answer", "Contact from next month"}});
    REQUIRE(r.status == 200);
    CHECK(f.json_of(r)["history"].back()["note"] == "Contact from next month");
    CHECK(f.act("manager", "nonsense", {{"person", "T1"}}).status == 404);
}

TEST_CASE("the IRO climbs: a stage needing endorsement is asked for, the IRO manager endorses, "
          "the IRO resolves once",
          "[e2e][escalation][api]") {
    escalation_api f;
    REQUIRE(f.raise("iro", escalation_api::c1()).status == 201);
    CHECK(f.act("manager", "advance", {{"stage", "service_manager"}}).status == 403);
    CHECK(f.act("iro2", "advance", {{"stage", "service_manager"}}).status == 404);

    auto r = f.act("iro", "advance", {{"stage", "head_of_service"}});
    REQUIRE(r.status == 200);
    CHECK(f.json_of(r)["recorded"] == "endorsement_requested");
    CHECK(f.json_of(r)["status"] == "awaiting_endorsement");
    CHECK(f.json_of(r)["history"].back()["asked"] == "M1");

    r = f.act("iro", "advance", {{"stage", "director"}});
    CHECK(r.status == 409);
    CHECK(f.error_of(r)["message"].get<std::string>().rfind(
              "an endorsement of head_of_service is pending since ", 0) == 0);
    r = f.act("manager", "endorse", {{"person", "T1"}});
    CHECK(r.status == 403);
    r = f.act("manager", "endorse", {{"person", "M1"}});
    REQUIRE(r.status == 200);
    CHECK(f.json_of(r)["stage"] == "head_of_service");
    CHECK(f.json_of(r)["history"].back()["asked"] == "H1"); // the council's only head of service
    CHECK(f.json_of(r)["state"]["entered_incomplete"] == json::array({"head_of_service"}));

    r = f.call("iro", "PUT", "/v1/escalations/ESC-1/checklist",
               R"({"complaints_procedure_explained": true, "advocate_offered": true,
                   "wishes_and_feelings_recorded": false})");
    REQUIRE(r.status == 200);
    CHECK(f.json_of(r)["checklist"]["advocate_offered"] == true);
    CHECK(f.call("manager", "PUT", "/v1/escalations/ESC-1/checklist", "{}").status == 403);

    r = f.act("iro", "resolve");
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["field"] == "outcome");
    r = f.act("iro", "resolve", {{"outcome", "sorted"}});
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["message"].get<std::string>().rfind("\"sorted\" is not one of needs_met",
                                                            0) == 0);
    r = f.act("iro", "resolve", {{"outcome", "needs_met"}, {"note", "contact restored"}});
    REQUIRE(r.status == 200);
    CHECK(f.json_of(r)["status"] == "resolved");
    CHECK(f.json_of(r)["history"].back()["outcome"] == "needs_met");
    CHECK(f.json_of(r)["history"].back()["stage"] == "head_of_service");
    r = f.act("iro", "resolve", {{"outcome", "needs_met"}});
    CHECK(r.status == 409);
    CHECK(f.error_of(r)["message"].get<std::string>().rfind("escalation ESC-1 is already resolved",
                                                            0) == 0);
}

TEST_CASE("Cafcass: the IRO refers, a manager records a progress report naming the person, the "
          "IRO withdraws",
          "[e2e][escalation][api]") {
    escalation_api f;
    REQUIRE(f.raise("iro", escalation_api::c1()).status == 201);
    CHECK(f.act("iro", "cafcass-report").status == 409); // not with Cafcass
    auto r = f.act("iro", "refer-to-cafcass",
                   {{"checklist",
                     {{"complaints_procedure_explained", true},
                      {"advocate_offered", true},
                      {"wishes_and_feelings_recorded", true}}}});
    REQUIRE(r.status == 200);
    CHECK(f.json_of(r)["status"] == "with_cafcass");
    CHECK(f.json_of(r)["state"]["entered_incomplete"].empty());
    CHECK(f.act("manager", "cafcass-report").status == 400); // names no person
    r = f.act("manager", "cafcass-report", {{"person", "M1"}});
    REQUIRE(r.status == 200);
    CHECK(f.json_of(r)["state"]["cafcass"]["reports"] == 1);
    CHECK(f.act("manager", "withdraw", {{"person", "M1"}}).status == 403);
    r = f.act("iro", "withdraw", {{"note", "needs met"}});
    REQUIRE(r.status == 200);
    CHECK(f.json_of(r)["status"] == "withdrawn");
}

TEST_CASE("escalations are listed with filters and a cursor; an IRO sees only its children",
          "[e2e][escalation][api]") {
    escalation_api f;
    REQUIRE(f.raise("iro", escalation_api::c1()).status == 201);
    REQUIRE(f.raise("iro", escalation_api::c1()).status == 201);
    auto c2 = escalation_api::c1();
    c2["child"] = "C2";
    REQUIRE(f.raise("iro2", c2).status == 201);
    REQUIRE(f.act("iro", "advance", {{"stage", "service_manager"}}, "ESC-2").status == 200);
    REQUIRE(f.act("iro2", "resolve", {{"outcome", "not_upheld"}}, "ESC-3").status == 200);

    const auto ids = [&](const std::string& role, const std::string& query) {
        const auto r = f.call(role, "GET", "/v1/escalations" + query);
        REQUIRE(r.status == 200);
        const json page = f.json_of(r); // kept: a range-for over a temporary's member dangles
        std::vector<std::string> out;
        for (const auto& item : page["items"])
            out.push_back(item["id"]);
        return out;
    };
    using list = std::vector<std::string>;
    CHECK(ids("manager", "") == list{"ESC-1", "ESC-2", "ESC-3"});
    CHECK(ids("manager", "?status=open") == list{"ESC-1", "ESC-2"});
    CHECK(ids("manager", "?status=resolved") == list{"ESC-3"});
    CHECK(ids("manager", "?stage=service_manager") == list{"ESC-2"});
    CHECK(ids("manager", "?iro=I2") == list{"ESC-3"});
    CHECK(ids("integration", "?child=C1") == list{"ESC-1", "ESC-2"});
    CHECK(ids("iro", "") == list{"ESC-1", "ESC-2"});
    CHECK(ids("iro2", "") == list{"ESC-3"});
    CHECK(f.call("iro2", "GET", "/v1/escalations?iro=I1").status == 403);
    CHECK(ids("manager", "?status=stale").empty()); // nothing is overdue on the day it is raised

    const auto first = f.json_of(f.call("manager", "GET", "/v1/escalations?limit=2"));
    REQUIRE(first["items"].size() == 2);
    REQUIRE(first["next_cursor"].is_string());
    const auto rest = f.json_of(
        f.call("manager", "GET",
               "/v1/escalations?limit=2&cursor=" + first["next_cursor"].get<std::string>()));
    REQUIRE(rest["items"].size() == 1);
    CHECK(rest["items"][0]["id"] == "ESC-3");
    CHECK(rest["next_cursor"].is_null());
    CHECK(first["items"][0].find("description") == first["items"][0].end());

    auto r = f.call("manager", "GET", "/v1/escalations?status=lost");
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["field"] == "status");
    r = f.call("manager", "GET", "/v1/escalations?stage=mayor");
    CHECK(f.error_of(r)["field"] == "stage");
    r = f.call("manager", "GET", "/v1/escalations?cursor=xyz");
    CHECK(f.error_of(r)["field"] == "cursor");
    r = f.call("manager", "GET", "/v1/escalations?colour=red");
    CHECK(f.error_of(r)["field"] == "colour");
}

TEST_CASE("the chronology comes as Markdown or JSON, to those who may see the child, and the CLI "
          "prints the same",
          "[e2e][escalation][api]") {
    escalation_api f;
    REQUIRE(f.raise("iro", escalation_api::c1()).status == 201);
    REQUIRE(f.act("manager", "respond", {{"person", "T1"}, {"answer", "No placement available"}})
                .status == 200);
    auto r = f.call("integration", "GET", "/v1/escalations/ESC-1/chronology");
    REQUIRE(r.status == 200);
    CHECK(r.body.rfind("# Referral pack summary: escalation ESC-1\n", 0) == 0);
    CHECK(r.body.find("> Sibling contact agreed at review not arranged") != std::string::npos);
    CHECK(r.body.find("| 1 | team manager | team_manager, T1 |") != std::string::npos);
    CHECK(r.body.find("T1: No placement available") != std::string::npos);
    r = f.call("iro", "GET", "/v1/escalations/ESC-1/chronology?format=json");
    REQUIRE(r.status == 200);
    const json j = f.json_of(r);
    CHECK(j["steps"][0]["asked"] == "T1");
    CHECK(j["steps"][0]["answers"][0]["text"] == "No placement available");
    CHECK(f.call("iro2", "GET", "/v1/escalations/ESC-1/chronology").status == 404);
    r = f.call("iro", "GET", "/v1/escalations/ESC-1/chronology?format=pdf");
    CHECK(r.status == 400);
    CHECK(f.error_of(r)["field"] == "format");

    const auto cli = f.daemon.command({"escalation", "chronology", "ESC-1", "--format", "json"});
    REQUIRE(cli.exit_code == 0);
    const json from_cli = json::parse(cli.out);
    CHECK(from_cli["steps"] == j["steps"]);
    CHECK(from_cli["failure"] == j["failure"]);
    const auto md = f.daemon.command({"escalation", "chronology", "ESC-1"});
    CHECK(md.exit_code == 0);
    CHECK(md.out.rfind("# Referral pack summary: escalation ESC-1\n", 0) == 0);
    const auto missing = f.daemon.command({"escalation", "chronology", "ESC-7"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "reviewd escalation chronology: no escalation \"ESC-7\"\n");
}

TEST_CASE("every escalation action is audited by token and person, never with the description "
          "or the answers",
          "[e2e][escalation][api]") {
    escalation_api f;
    REQUIRE(f.raise("iro", escalation_api::c1()).status == 201);
    REQUIRE(f.act("manager", "respond", {{"person", "T1"}, {"answer", "Secret answer"}}).status ==
            200);
    REQUIRE(
        f.act("iro", "resolve", {{"outcome", "needs_met"}, {"note", "Private detail"}}).status ==
        200);
    CHECK(f.daemon.terminate() == 0);
    // db check replays the stored history under the configured ladder.
    const auto check = f.daemon.command({"db", "check"});
    CHECK(check.exit_code == 0);
    CHECK(check.out.find(", 1 escalations, 0 problems") != std::string::npos);
    auto db = reviewd::store::connection::open(f.daemon.database(), false, true);
    auto st = db.prepare("SELECT actor || ' ' || action || ' ' || subject || ' ' || detail FROM "
                         "audit WHERE action LIKE 'escalation.%' ORDER BY id");
    std::vector<std::string> rows;
    while (st.step())
        rows.push_back(st.text(0));
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].rfind("iro-I1 escalation.raised escalation ESC-1 child=C1 seq=1 "
                        "stage=team_manager by=I1 timers=+",
                        0) == 0);
    CHECK(rows[1].rfind("manager-1 escalation.responded escalation ESC-1 child=C1 seq=2", 0) == 0);
    CHECK(rows[1].find("by=T1") != std::string::npos);
    CHECK(rows[2].rfind("iro-I1 escalation.resolved escalation ESC-1", 0) == 0);
    for (const auto& row : rows) {
        CHECK(row.find("Sibling") == std::string::npos);
        CHECK(row.find("Secret") == std::string::npos);
        CHECK(row.find("Private") == std::string::npos);
    }
    const std::string log = f.daemon.log();
    CHECK(log.find("Sibling") == std::string::npos);
    CHECK(log.find("Secret") == std::string::npos);
}
