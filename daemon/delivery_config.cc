// Reading [reminders], [delivery] and [testing]; see delivery_config.h.
#include "delivery_config.h"

#include "config.h"

#include "core/toml_reader.h"

#include <fstream>
#include <sstream>

namespace reviewd::app {
namespace {

// A secret is named by a file (systemd's LoadCredential puts them in $CREDENTIALS_DIRECTORY): never
// only on the command line, and not in the configuration file itself.
secret_ref secret_from(core::table_reader& r, const std::string& key,
                       const std::filesystem::path& base) {
    const std::string name = r.string(key);
    return {name, resolve_path(base, name), r.file() + " " + r.path(key)};
}

std::vector<int> integers(core::table_reader& r, const std::string& key,
                          std::vector<int> fallback) {
    const toml::node* node = r.find(key);
    if (!node)
        return fallback;
    const toml::array* array = node->as_array();
    if (!array)
        r.fail(key, "wrong_type", "expected an array of whole numbers");
    std::vector<int> out;
    for (const auto& element : *array) {
        if (!element.is_integer() || *element.value<std::int64_t>() < 1 ||
            *element.value<std::int64_t>() > 60)
            r.fail(key, "wrong_type", "expected whole numbers from 1 to 60");
        out.push_back(static_cast<int>(*element.value<std::int64_t>()));
    }
    return out;
}

schedule::reminder_rule read_rule(core::table_reader& r) {
    schedule::reminder_rule rule;
    for (const auto& name : r.strings("kinds")) {
        const auto kind = rules::deadline_kind_from(name);
        if (!kind)
            r.fail("kinds", "invalid_value", "\"" + name + "\" is not a deadline kind");
        rule.kinds.push_back(*kind);
    }
    for (const auto& name : r.strings("to")) {
        const auto who = schedule::audience_from(name);
        if (!who)
            r.fail("to", "invalid_value",
                   "\"" + name +
                       "\" is not one of iro, iro_manager, team_manager, social_worker, webhook");
        rule.to.push_back(*who);
    }
    rule.before_working_days = integers(r, "before_working_days", rule.before_working_days);
    rule.on_due_day = r.boolean_or("on_due_day", rule.on_due_day);
    rule.after_missed = r.boolean_or("after_missed", rule.after_missed);
    rule.weekly_while_missed =
        static_cast<int>(r.integer_or("weekly_while_missed", rule.weekly_while_missed, 0, 52));
    r.reject_unknown_keys();
    return rule;
}

// A local time of day, "HH:MM".
std::chrono::minutes local_time_of(core::table_reader& r, const std::string& key,
                                   const std::string& fallback) {
    const std::string text = r.string_or(key, fallback);
    const auto digit = [&](std::size_t i) {
        return std::isdigit(static_cast<unsigned char>(text[i])) != 0;
    };
    if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4) ||
        text.substr(0, 2) > "23" || text.substr(3) > "59")
        r.fail(key, "invalid_value", "\"" + text + "\" is not a time HH:MM");
    return std::chrono::hours(std::stoi(text.substr(0, 2))) +
           std::chrono::minutes(std::stoi(text.substr(3)));
}

// [reminders.digest]: off unless enabled; its time defaults to the reminders' own.
schedule::digest_policy read_digest(core::table_reader& r, std::chrono::minutes reminder_time,
                                    std::string& division) {
    schedule::digest_policy d;
    d.local_time = reminder_time;
    d.enabled = r.boolean_or("enabled", false);
    if (r.find("to")) {
        d.to.clear();
        for (const auto& name : r.strings("to")) {
            const auto who = schedule::audience_from(name);
            if (!who || *who == schedule::audience::webhook)
                r.fail("to", "invalid_value",
                       "\"" + name +
                           "\" is not one of iro, iro_manager, team_manager, social_worker");
            d.to.push_back(*who);
        }
    }
    if (r.find("local_time"))
        d.local_time = local_time_of(r, "local_time", "08:00");
    d.horizon_working_days =
        static_cast<int>(r.integer_or("horizon_working_days", d.horizon_working_days, 0, 100));
    division = r.string_or("division", division);
    r.reject_unknown_keys();
    return d;
}

} // namespace

std::string read_secret(const secret_ref& ref) {
    std::filesystem::path file = ref.file;
    if (const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
        dir && !std::filesystem::path(ref.name).is_absolute() &&
        std::filesystem::exists(std::filesystem::path(dir) / ref.name))
        file = std::filesystem::path(dir) / ref.name;
    std::ifstream in(file);
    std::string secret;
    if (!in || !std::getline(in, secret) || secret.empty())
        throw std::runtime_error(ref.key + ": cannot read a secret from " + file.string());
    return secret;
}

reminder_settings read_reminders(core::table_reader& root, const std::filesystem::path& base) {
    reminder_settings s;
    s.policy = schedule::default_policy();
    s.templates = base / "templates";
    const toml::table* table = root.table("reminders");
    if (!table)
        return s;
    core::table_reader r = root.nested(*table, "reminders");
    s.enabled = r.boolean_or("enabled", true);
    s.policy.local_time = local_time_of(r, "local_time", "08:00");
    s.policy.late = r.one_of("late_policy", {"fire_once", "skip_older"}, "fire_once") == 0
                        ? schedule::late_policy::fire_once
                        : schedule::late_policy::skip_older;
    s.policy.skip_older_than_days =
        static_cast<int>(r.integer_or("skip_older_than_days", 14, 1, 365));
    s.policy.late_after = std::chrono::minutes(r.integer_or("late_after_minutes", 15, 1, 1440));
    s.templates = resolve_path(base, r.string_or("templates", "templates"));
    s.recheck_ms = static_cast<int>(r.integer_or("recheck_ms", s.recheck_ms, 10, 60000));
    s.calendar_part = r.boolean_or("calendar_part", s.calendar_part);
    if (const toml::array* rules = r.array_of_tables("rule")) {
        s.policy.rules.clear();
        for (std::size_t i = 0; i < rules->size(); ++i) {
            core::table_reader rr =
                r.nested(*rules->get(i)->as_table(), "rule[" + std::to_string(i) + "]");
            s.policy.rules.push_back(read_rule(rr));
        }
    }
    s.digest.local_time = s.policy.local_time;
    if (const toml::table* digest = r.table("digest")) {
        core::table_reader d = r.nested(*digest, "digest");
        s.digest = read_digest(d, s.policy.local_time, s.digest_division);
    }
    r.reject_unknown_keys();
    return s;
}

delivery_settings read_delivery(core::table_reader& root, const std::filesystem::path& base) {
    delivery_settings s;
    s.folder = base / "outbox";
    const toml::table* table = root.table("delivery");
    if (!table)
        return s;
    core::table_reader r = root.nested(*table, "delivery");
    s.transport = r.one_of("transport", {"file", "network"}, "file") == 0 ? "file" : "network";
    s.folder = resolve_path(base, r.string_or("folder", "outbox"));
    s.from = r.string_or("from", s.from);
    s.threads = static_cast<int>(r.integer_or("threads", s.threads, 1, 16));
    s.rate_per_minute =
        static_cast<int>(r.integer_or("rate_per_minute", s.rate_per_minute, 1, 100000));
    s.give_up_after_hours =
        static_cast<int>(r.integer_or("give_up_after_hours", s.give_up_after_hours, 1, 24 * 14));
    s.alert_email = r.string_or("alert_email", "");
    s.alert_webhook = r.string_or("alert_webhook", "");
    if (const toml::table* smtp = r.table("smtp")) {
        core::table_reader m = r.nested(*smtp, "smtp");
        smtp_settings t;
        t.url = m.string("url");
        t.from = m.string_or("from", s.from);
        t.require_tls = m.boolean_or("require_tls", true);
        t.allow_plain_on_loopback = m.boolean_or("allow_plain_on_loopback", false);
        t.ca_file = m.string_or("ca_file", "");
        if (!t.ca_file.empty())
            t.ca_file = resolve_path(base, t.ca_file).string();
        t.verify_peer = m.boolean_or("verify_peer", true);
        static constexpr const char* auth_names[] = {"none", "password", "oauth2"};
        t.auth = auth_names[m.one_of("auth", {"none", "password", "oauth2"}, "none")];
        if (t.auth == "password") {
            t.username = m.string("username");
            t.password = secret_from(m, "password_file", base);
        } else if (t.auth == "oauth2") {
            t.username = m.string("username");
            t.oauth_token_url = m.string("oauth_token_url");
            t.oauth_client_id = m.string("oauth_client_id");
            t.oauth_client_secret = secret_from(m, "oauth_client_secret_file", base);
            t.oauth_scope = m.string_or("oauth_scope", "https://outlook.office365.com/.default");
        }
        t.max_connections = static_cast<int>(m.integer_or("max_connections", 3, 1, 16));
        m.reject_unknown_keys();
        s.smtp = t;
    }
    if (const toml::array* hooks = r.array_of_tables("webhook")) {
        for (std::size_t i = 0; i < hooks->size(); ++i) {
            core::table_reader h =
                r.nested(*hooks->get(i)->as_table(), "webhook[" + std::to_string(i) + "]");
            webhook_settings w;
            w.name = h.string("name");
            if (s.transport == "network") {
                w.url = h.string("url");
                w.secret = secret_from(h, "secret_file", base);
            } else {
                (void)h.find("url");
                (void)h.find("secret_file");
            }
            w.ca_file = h.string_or("ca_file", "");
            w.max_connections =
                static_cast<int>(h.integer_or("max_connections", w.max_connections, 1, 100));
            w.rate_per_minute =
                static_cast<int>(h.integer_or("rate_per_minute", w.rate_per_minute, 0, 1000000));
            h.reject_unknown_keys();
            s.webhooks.push_back(w);
        }
    }
    if (s.transport == "network" && !s.smtp)
        r.fail("transport", "missing_key", "transport = \"network\" needs a [delivery.smtp] table");
    r.reject_unknown_keys();
    return s;
}

std::optional<std::filesystem::path> read_testing_clock(core::table_reader& root,
                                                        const std::filesystem::path& base) {
    const toml::table* table = root.table("testing");
    if (!table)
        return std::nullopt;
    core::table_reader r = root.nested(*table, "testing");
    const std::string file = r.string_or("clock_file", "");
    r.reject_unknown_keys();
    if (file.empty())
        return std::nullopt;
    return resolve_path(base, file);
}

} // namespace reviewd::app
