// The API fuzz target's database; see api_world.h.
#include "api_world.h"

#include "fuzz_assert.h"
#include "shipped.h"

#include "rules/case_json.h"
#include "store/maintenance.h"

#include <date/date.h>

#include <fstream>
#include <sstream>

namespace reviewd::fuzz {
namespace {

const std::string now_text = "2026-06-01T09:00:00Z";

core::instant fixed_now() {
    return core::day{fixed_today()} + std::chrono::hours(9);
}

rules::case_facts sample_case(const std::string& ref) {
    std::ifstream in(std::filesystem::path(REVIEWD_SOURCE_DIR) / "config/samples/case.json");
    std::ostringstream text;
    text << in.rdbuf();
    auto facts = rules::parse_case_json(text.str());
    require(facts.ok(), "config/samples/case.json parses");
    facts.value().child.id = ref;
    return facts.value();
}

template <class T> void must(const core::result<T>& r, std::string_view what) {
    require(r.ok(), what, r ? "" : core::describe(r.err()));
}

void remove_database(const std::filesystem::path& file) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(file.string() + suffix);
}

} // namespace

api_world::api_world()
    : template_(dir_.path() / "template.db"), work_(dir_.path() / "work.db"), clock_(fixed_now()) {
    store::prepare_database(template_, true);
    {
        store::case_store db(template_);
        const store::actor who{"fuzz-setup"};
        const store::rule_context view = rules();
        must(db.put_person({"M1", "iro_manager", "Manager One", "m1@council.example", {}}, who,
                           now_text),
             "M1");
        must(db.put_person({"I1", "iro", "IRO One", "i1@council.example", "M1"}, who, now_text),
             "I1");
        must(db.put_person({"I2", "iro", "IRO Two", "i2@council.example", "M1"}, who, now_text),
             "I2");
        must(db.put_person({"T1", "team_manager", "TM One", "t1@council.example", {}}, who,
                           now_text),
             "T1");
        must(db.put_person({"S1", "social_worker", "SW One", "s1@council.example", {}}, who,
                           now_text),
             "S1");
        must(db.put_case(sample_case("C1"), view, who, now_text), "C1");
        must(db.put_case(sample_case("C2"), view, who, now_text), "C2");
        must(db.put_assignments("C1", {"I1", "S1", "T1"}, who, now_text), "C1 assignments");
        const auto token = [&](const std::string& name, const std::string& role,
                               std::optional<std::string> person) {
            auto t = db.create_token({"fuzz-" + name, role, std::move(person)}, who, now_text);
            must(t, "token " + name);
            tokens_[name] = t.value();
        };
        token("admin", "admin", {});
        token("manager", "manager", {});
        token("integration", "integration", {});
        token("iro", "iro", "I1");
        token("iro2", "iro", "I2");
        token("revoked", "admin", {});
        must(db.revoke_token("fuzz-revoked", who, now_text), "revoke");
        auto feed = db.create_feed("I1", "fuzz phone", who, now_text);
        must(feed, "feed");
        feed_secret_ = feed.value().secret;
    } // closing the last connection checkpoints the WAL into the file
}

store::rule_context api_world::rules() const {
    return shipped_snapshot()->view();
}

std::unique_ptr<api_world::session> api_world::open() {
    remove_database(work_);
    for (const char* suffix : {"", "-wal"})
        if (std::filesystem::exists(template_.string() + suffix))
            std::filesystem::copy_file(template_.string() + suffix, work_.string() + suffix);
    auto s = std::make_unique<session>();
    s->store = std::make_unique<store::case_store>(work_);
    api::dashboard_settings dashboard;
    dashboard.secure_cookie = false; // as on a loopback address: the cookie is "reviewd_session"
    s->dashboard = std::make_unique<api::dashboard_sessions>(dashboard);
    s->service = std::make_unique<api::api>(api::api_context{*s->store,
                                                             [] { return shipped_snapshot(); },
                                                             clock_,
                                                             shipped_config().time_zone,
                                                             s->stats,
                                                             {},
                                                             s->dashboard.get()});
    return s;
}

const std::string* api_world::token(const std::string& name) const {
    const auto it = tokens_.find(name);
    return it == tokens_.end() ? nullptr : &it->second;
}

} // namespace reviewd::fuzz
