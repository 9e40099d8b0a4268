// Calendar feeds in the store: secrets created once and kept as hashes, usable only for their own
// IRO, revocable at once; the deadlines a feed shows, and withdrawn deadlines kept (schema v4) so
// a feed can cancel them with a higher SEQUENCE.
#include "store/sqlite.h"
#include "store/store_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace reviewd;
using reviewd::test::store_fixture;

namespace {

void add_staff(store_fixture& f) {
    REQUIRE(f.db->put_person(
        {"M1", "iro_manager", "Manager One", "m1@council.example", std::nullopt}, f.who, "t"));
    REQUIRE(f.db->put_person({"I1", "iro", "IRO One", "i1@council.example", std::string("M1")},
                             f.who, "t"));
    REQUIRE(f.db->put_person({"I2", "iro", "IRO Two", "i2@council.example", std::string("M1")},
                             f.who, "t"));
}

// Child `ref` assigned to IRO `iro`.
void add_child(store_fixture& f, const std::string& ref, const std::string& iro,
               const rules::case_facts& facts) {
    REQUIRE(f.db->put_case(facts, f.rules, f.who, "t"));
    REQUIRE(f.db->put_assignments(ref, {iro, std::nullopt, std::nullopt}, f.who, "t"));
}

const store::calendar_entry* find(const std::vector<store::calendar_entry>& entries,
                                  const std::string& child, const std::string& key) {
    const auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) {
        return e.child == child && e.stored.deadline.key() == key;
    });
    return it == entries.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("a feed secret is shown once and stored only as its hash", "[store][feeds]") {
    store_fixture f;
    add_staff(f);
    const auto created = f.db->create_feed("I1", "outlook", f.who, "2026-09-01T08:00:00Z");
    REQUIRE(created);
    const std::string secret = created.value().secret;
    CHECK(secret.size() == 68);
    CHECK(secret.rfind("rvf_", 0) == 0);
    CHECK(f.count("calendar_feeds") == 1);
    CHECK(f.count("calendar_feeds", "hash = '" + secret + "'") == 0);
    CHECK(f.count("calendar_feeds", "length(hash) = 64") == 1);
    CHECK(f.count("audit", "action = 'feed.create' AND detail = 'person=I1 label=outlook'") == 1);
    const auto listed = f.db->list_feeds();
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].id == created.value().id);
    CHECK(listed[0].person == "I1");
    CHECK(listed[0].label == "outlook");
    CHECK_FALSE(listed[0].revoked_at);
    // Two feeds of one IRO (two devices) have different secrets.
    const auto second = f.db->create_feed("I1", "phone", f.who, "t");
    REQUIRE(second);
    CHECK(second.value().secret != secret);
}

TEST_CASE("feeds are for IROs that exist", "[store][feeds]") {
    store_fixture f;
    add_staff(f);
    const auto manager = f.db->create_feed("M1", "x", f.who, "t");
    REQUIRE_FALSE(manager);
    CHECK(manager.err().field == "person");
    const auto unknown = f.db->create_feed("NOPE", "x", f.who, "t");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.err().code == "not_found");
    CHECK_FALSE(f.db->create_feed("I1", "", f.who, "t"));
    CHECK_FALSE(f.db->create_feed("I1", std::string(65, 'x'), f.who, "t"));
    CHECK(f.count("calendar_feeds") == 0);
}

TEST_CASE("a feed secret opens its own IRO's feed and nothing else", "[store][feeds]") {
    store_fixture f;
    add_staff(f);
    const std::string one = f.db->create_feed("I1", "cal", f.who, "t").value().secret;
    const std::string two = f.db->create_feed("I2", "cal", f.who, "t").value().secret;
    CHECK(f.db->feed_allows("I1", one));
    CHECK(f.db->feed_allows("I2", two));
    CHECK_FALSE(f.db->feed_allows("I2", one));
    CHECK_FALSE(f.db->feed_allows("I1", two));
    CHECK_FALSE(f.db->feed_allows("NOPE", one));
    CHECK_FALSE(f.db->feed_allows("M1", one));
    // One changed digit, a wrong prefix, the wrong length, nothing.
    std::string changed = one;
    changed.back() = changed.back() == 'a' ? 'b' : 'a';
    CHECK_FALSE(f.db->feed_allows("I1", changed));
    CHECK_FALSE(f.db->feed_allows("I1", "rvd_" + one.substr(4)));
    CHECK_FALSE(f.db->feed_allows("I1", one + "0"));
    CHECK_FALSE(f.db->feed_allows("I1", ""));
    // Feed secrets and API tokens are never taken for each other.
    CHECK_FALSE(f.db->authenticate(one));
    const std::string token =
        f.db->create_token({"iro-I1", "iro", std::string("I1")}, f.who, "t").value();
    CHECK_FALSE(f.db->feed_allows("I1", token));
}

TEST_CASE("revoking a feed takes effect at once, by id or for the whole IRO", "[store][feeds]") {
    store_fixture f;
    add_staff(f);
    const auto a = f.db->create_feed("I1", "outlook", f.who, "t").value();
    const auto b = f.db->create_feed("I1", "phone", f.who, "t").value();
    const auto c = f.db->create_feed("I2", "outlook", f.who, "t").value();
    REQUIRE(f.db->revoke_feed(a.id, f.who, "2026-09-02T00:00:00Z").value() == 1);
    CHECK_FALSE(f.db->feed_allows("I1", a.secret));
    CHECK(f.db->feed_allows("I1", b.secret));
    CHECK(f.db->revoke_feed(a.id, f.who, "t").value() == 0); // already revoked: nothing to do
    const auto missing = f.db->revoke_feed(999, f.who, "t");
    REQUIRE_FALSE(missing);
    CHECK(missing.err().code == "not_found");
    CHECK(f.db->list_feeds()[0].revoked_at == std::optional<std::string>("2026-09-02T00:00:00Z"));

    CHECK(f.db->revoke_feeds_of("I1", f.who, "t").value() == 1);
    CHECK_FALSE(f.db->feed_allows("I1", b.secret));
    CHECK(f.db->feed_allows("I2", c.secret));
    CHECK(f.db->revoke_feeds_of("I1", f.who, "t").value() == 0);
    CHECK_FALSE(f.db->revoke_feeds_of("NOPE", f.who, "t"));
    CHECK(f.count("audit", "action = 'feed.revoke'") == 2);
}

TEST_CASE("an IRO who is no longer active has no feed", "[store][feeds]") {
    store_fixture f;
    add_staff(f);
    const std::string secret = f.db->create_feed("I1", "cal", f.who, "t").value().secret;
    auto iro = *f.db->get_person("I1");
    iro.active = false;
    REQUIRE(f.db->put_person(iro, f.who, "t"));
    CHECK_FALSE(f.db->feed_allows("I1", secret));
}

TEST_CASE("an IRO's feed holds their open cases' deadlines only", "[store][feeds]") {
    store_fixture f;
    add_staff(f);
    add_child(f, "C1", "I1", store_fixture::simple_case("C1", "2026-01-05"));
    add_child(f, "C2", "I2", store_fixture::simple_case("C2", "2026-01-05"));
    add_child(f, "C3", "I1", store_fixture::simple_case("C3", "2026-02-02"));
    const auto since = core::make_day(2025, 1, 1);
    auto mine = f.db->calendar_entries("I1", since);
    REQUIRE_FALSE(mine.empty());
    for (const auto& e : mine) {
        CHECK((e.child == "C1" || e.child == "C3"));
        CHECK_FALSE(e.withdrawn);
    }
    REQUIRE(find(mine, "C1", "p1/review/1"));
    CHECK(find(mine, "C1", "p1/review/1")->stored.revision == 1);
    // By practical due date.
    CHECK(std::is_sorted(mine.begin(), mine.end(), [](const auto& a, const auto& b) {
        return a.stored.deadline.practical_due < b.stored.deadline.practical_due;
    }));
    CHECK(f.db->calendar_entries("NOPE", since).empty());
    REQUIRE(f.db->archive_case("C3", f.who, "t"));
    for (const auto& e : f.db->calendar_entries("I1", since))
        CHECK(e.child == "C1");
}

TEST_CASE("old deadlines leave the feed unless still open", "[store][feeds]") {
    store_fixture f;
    add_staff(f);
    auto facts = store_fixture::simple_case("C1", "2026-01-05");
    facts.reviews.push_back({core::make_day(2026, 1, 28), std::nullopt, std::nullopt});
    add_child(f, "C1", "I1", facts);
    const auto all = f.db->calendar_entries("I1", core::make_day(2025, 1, 1));
    REQUIRE(find(all, "C1", "p1/review/1"));
    CHECK(find(all, "C1", "p1/review/1")->stored.deadline.status == rules::deadline_status::met);
    // A year on, the met first review has gone; the open second one (now missed) stays.
    const auto later = f.db->calendar_entries("I1", core::make_day(2027, 1, 1));
    CHECK_FALSE(find(later, "C1", "p1/review/1"));
    REQUIRE(find(later, "C1", "p1/review/2"));
    CHECK(find(later, "C1", "p1/review/2")->stored.deadline.status ==
          rules::deadline_status::open); // as stored: "missed" is not derived here
}

TEST_CASE("a changed deadline's revision rises", "[store][feeds]") {
    store_fixture f;
    add_staff(f);
    add_child(f, "C1", "I1", store_fixture::simple_case("C1", "2026-01-05"));
    const auto since = core::make_day(2025, 1, 1);
    REQUIRE(find(f.db->calendar_entries("I1", since), "C1", "p1/review/1")->stored.revision == 1);
    auto facts = store_fixture::simple_case("C1", "2026-01-05");
    facts.reviews.push_back({core::make_day(2026, 1, 28), std::nullopt, std::nullopt});
    REQUIRE(f.db->put_case(facts, f.rules, f.who, "t"));
    CHECK(find(f.db->calendar_entries("I1", since), "C1", "p1/review/1")->stored.revision == 2);
}

TEST_CASE("a withdrawn deadline stays in the feed as withdrawn, one revision on, and a return "
          "carries on counting",
          "[store][feeds][withdrawn]") {
    store_fixture f;
    add_staff(f);
    auto facts = store_fixture::simple_case("C1", "2026-01-05");
    facts.review_requests.push_back(
        {core::make_day(2026, 2, 2), core::make_day(2026, 2, 16), "placement move"});
    add_child(f, "C1", "I1", facts);
    const auto since = core::make_day(2025, 1, 1);
    const auto before = f.db->calendar_entries("I1", since); // kept: find points into it
    const auto* requested = find(before, "C1", "p1/review_request/1");
    REQUIRE(requested);
    const int revision = requested->stored.revision;
    CHECK_FALSE(requested->withdrawn);

    auto without = facts;
    without.review_requests.clear();
    REQUIRE(f.db->put_case(without, f.rules, f.who, "t"));
    CHECK(f.count("deadlines", "key = 'p1/review_request/1'") == 0);
    CHECK(f.count("withdrawn_deadlines", "key = 'p1/review_request/1'") == 1);
    const auto after = f.db->calendar_entries("I1", since);
    const auto* withdrawn = find(after, "C1", "p1/review_request/1");
    REQUIRE(withdrawn);
    CHECK(withdrawn->withdrawn);
    CHECK(withdrawn->stored.revision == revision + 1);
    CHECK(withdrawn->stored.deadline.due == core::make_day(2026, 2, 16));
    // Not shown once it is long past, nor to another IRO.
    CHECK_FALSE(find(f.db->calendar_entries("I1", core::make_day(2026, 3, 1)), "C1",
                     "p1/review_request/1"));
    CHECK_FALSE(find(f.db->calendar_entries("I2", since), "C1", "p1/review_request/1"));

    REQUIRE(f.db->put_case(facts, f.rules, f.who, "t")); // the request comes back
    CHECK(f.count("withdrawn_deadlines") == 0);
    const auto returned = f.db->calendar_entries("I1", since);
    const auto* back = find(returned, "C1", "p1/review_request/1");
    REQUIRE(back);
    CHECK_FALSE(back->withdrawn);
    CHECK(back->stored.revision == revision + 2);
}

TEST_CASE("deleting a child outright is not blocked by the withdrawn-deadline trigger",
          "[store][feeds][withdrawn]") {
    store_fixture f;
    add_staff(f);
    add_child(f, "C1", "I1", store_fixture::simple_case("C1"));
    f.db.reset();
    {
        auto c = store::connection::open(f.file, false);
        c.exec("DELETE FROM children WHERE ref = 'C1'");
    }
    CHECK(f.count("children") == 0);
    CHECK(f.count("deadlines") == 0);
    CHECK(f.count("withdrawn_deadlines") == 0);
}
