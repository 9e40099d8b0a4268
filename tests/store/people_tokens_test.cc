// People, assignments and API tokens in the store.
#include "store/sqlite.h"
#include "store/store_fixture.h"

#include <catch2/catch.hpp>

using reviewd::store::person;
using reviewd::test::store_fixture;

namespace {
void add_staff(store_fixture& f) {
    REQUIRE(f.db->put_person(
        {"M1", "iro_manager", "Manager One", "m1@council.example", std::nullopt}, f.who, "t"));
    REQUIRE(f.db->put_person({"I1", "iro", "IRO One", "i1@council.example", std::string("M1")},
                             f.who, "t"));
    REQUIRE(f.db->put_person({"I2", "iro", "IRO Two", "i2@council.example", std::string("M1")},
                             f.who, "t"));
    REQUIRE(f.db->put_person({"T1", "team_manager", "TM One", "t1@council.example", std::nullopt},
                             f.who, "t"));
}
} // namespace

TEST_CASE("people are stored with their manager and updated idempotently", "[store][people]") {
    store_fixture f;
    add_staff(f);
    const auto iro = f.db->get_person("I1");
    REQUIRE(iro);
    CHECK(iro->manager == std::optional<std::string>("M1"));
    CHECK(f.db->list_people().size() == 4);
    const auto same = f.db->put_person(*iro, f.who, "t2");
    REQUIRE(same);
    CHECK_FALSE(same.value().changed);
    CHECK(f.count("audit", "subject = 'person I1'") == 1);
    CHECK_FALSE(f.db->put_person({"X", "wizard", "X", "x@x", std::nullopt}, f.who, "t"));
    const auto unknown_manager =
        f.db->put_person({"X", "iro", "X", "x@x", std::string("NOPE")}, f.who, "t");
    REQUIRE_FALSE(unknown_manager);
    CHECK(unknown_manager.err().field == "manager");
}

TEST_CASE("assignments must name people of the matching role", "[store][people]") {
    store_fixture f;
    add_staff(f);
    REQUIRE(f.db->put_case(store_fixture::simple_case("C1"), f.rules, f.who, "t"));
    REQUIRE(f.db->put_assignments("C1", {std::string("I1"), std::nullopt, std::string("T1")}, f.who,
                                  "t"));
    const auto a = f.db->get_assignments("C1");
    REQUIRE(a);
    CHECK(a->iro == std::optional<std::string>("I1"));
    CHECK(a->team_manager == std::optional<std::string>("T1"));
    const auto wrong =
        f.db->put_assignments("C1", {std::string("T1"), std::nullopt, std::nullopt}, f.who, "t");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.err().field == "iro");
    CHECK(f.db->get_assignments("C1")->iro == std::optional<std::string>("I1")); // unchanged
    CHECK_FALSE(f.db->put_assignments("C404", {}, f.who, "t"));
}

TEST_CASE("a token is shown once, stored only as a hash, and stops working when revoked",
          "[store][tokens]") {
    store_fixture f;
    add_staff(f);
    const auto token = f.db->create_token({"ops", "admin", std::nullopt}, f.who, "t");
    REQUIRE(token);
    CHECK(token.value().rfind("rvd_", 0) == 0);
    CHECK(token.value().size() == 68);
    CHECK(f.count("tokens", "hash = '" + token.value() + "'") == 0);
    CHECK(f.count("tokens", "instr(hash, '" + token.value().substr(4, 16) + "') > 0") == 0);
    const auto who = f.db->authenticate(token.value());
    REQUIRE(who);
    CHECK(who->name == "ops");
    CHECK(who->role == "admin");
    CHECK_FALSE(f.db->authenticate("rvd_" + std::string(64, '0')));
    CHECK_FALSE(f.db->authenticate("nonsense"));
    REQUIRE(f.db->revoke_token("ops", f.who, "t2"));
    CHECK_FALSE(f.db->authenticate(token.value()));
    CHECK(f.count("audit", "action IN ('token.create', 'token.revoke')") == 2);
}

TEST_CASE("an iro token names an IRO, and only iro tokens name anyone", "[store][tokens]") {
    store_fixture f;
    add_staff(f);
    const auto iro = f.db->create_token({"iro-1", "iro", std::string("I1")}, f.who, "t");
    REQUIRE(iro);
    CHECK(f.db->authenticate(iro.value())->person == std::optional<std::string>("I1"));
    CHECK_FALSE(f.db->create_token({"iro-x", "iro", std::nullopt}, f.who, "t"));
    CHECK_FALSE(f.db->create_token({"iro-y", "iro", std::string("T1")}, f.who, "t"));
    CHECK_FALSE(f.db->create_token({"admin-z", "admin", std::string("I1")}, f.who, "t"));
    CHECK_FALSE(f.db->create_token({"iro-1", "manager", std::nullopt}, f.who, "t")); // name taken
    CHECK_FALSE(f.db->create_token({"bad", "root", std::nullopt}, f.who, "t"));
}
