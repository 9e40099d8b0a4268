// Reading [escalation] and [[escalation.stage]]; see escalation_config.h.
#include "escalation_config.h"

#include "config.h"

#include "core/toml_reader.h"

#include <optional>
#include <vector>

namespace reviewd::app {
namespace {

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

int days(core::table_reader& r, const std::string& key, int fallback, int min, int max) {
    return static_cast<int>(r.integer_or(key, fallback, min, max));
}

// validate_ladder() names its field as "stages[2].id" or "total_limit_working_days": point at the
// line that set it (the stage's own table when the stages were written out).
[[noreturn]] void fail_at(core::table_reader& r, std::vector<core::table_reader>& stages,
                          const core::error& e) {
    if (e.field.rfind("stages[", 0) == 0) {
        const auto close = e.field.find(']');
        const std::size_t index = std::stoul(e.field.substr(7, close - 7));
        std::string key = close + 2 <= e.field.size() ? e.field.substr(close + 2) : "";
        if (index < stages.size())
            stages[index].fail(key.empty() ? "id" : key, e.code, e.message);
        r.fail("stage", e.code, e.message + " (the default stage " + e.field + ")");
    }
    r.fail(e.field, e.code, e.message);
}

} // namespace

store::escalation_setup read_escalation(core::table_reader& root) {
    store::escalation_setup s;
    const toml::table* table = root.table("escalation");
    if (!table)
        return s;
    core::table_reader r = root.nested(*table, "escalation");
    escalation::ladder& l = s.ladder;
    s.holidays = r.string_or("holidays", s.holidays);
    s.local_time = local_time_of(r, "local_time", "08:00");
    l.total_limit_working_days =
        days(r, "total_limit_working_days", l.total_limit_working_days, 1, 260);
    l.chase_interval_working_days =
        days(r, "chase_interval_working_days", l.chase_interval_working_days, 1, 260);
    l.max_chases = days(r, "max_chases", l.max_chases, 0, 52);
    l.endorsement_working_days =
        days(r, "endorsement_working_days", l.endorsement_working_days, 1, 260);
    l.cafcass_report_interval_days =
        days(r, "cafcass_report_interval_days", l.cafcass_report_interval_days, 1, 366);
    l.mediator_role = r.string_or("mediator_role", l.mediator_role);
    // Defaults for every stage that does not say otherwise.
    const int response = days(r, "response_working_days", 5, 1, 260);
    const bool automatic = r.boolean_or("auto_escalate", false);
    for (auto& st : l.stages) {
        st.response_working_days = response;
        st.auto_escalate = automatic && !st.cafcass;
    }
    std::vector<core::table_reader> stage_readers;
    if (const toml::array* stages = r.array_of_tables("stage")) {
        l.stages.clear();
        for (std::size_t i = 0; i < stages->size(); ++i)
            stage_readers.push_back(
                r.nested(*stages->get(i)->as_table(), "stage[" + std::to_string(i) + "]"));
        for (auto& sr : stage_readers) {
            escalation::stage st;
            st.id = sr.string("id");
            st.owner_role = sr.string_or("owner_role", st.id);
            st.response_working_days = days(sr, "response_working_days", response, 1, 260);
            st.needs_endorsement = sr.boolean_or("needs_endorsement", false);
            st.cafcass = sr.boolean_or("cafcass", false);
            st.auto_escalate = sr.boolean_or("auto_escalate", automatic && !st.cafcass);
            st.formal = sr.boolean_or("formal", st.needs_endorsement || st.cafcass);
            if (const auto mailbox = sr.string_or("owner_email", ""); !mailbox.empty()) {
                if (mailbox.find('@') == std::string::npos)
                    sr.fail("owner_email", "invalid_value",
                            "\"" + mailbox + "\" is not an email address");
                s.owner_emails[st.id] = mailbox;
            }
            sr.reject_unknown_keys();
            l.stages.push_back(std::move(st));
        }
    }
    auto valid = escalation::validate_ladder(l);
    if (!valid)
        fail_at(r, stage_readers, valid.err());
    s.ladder = std::move(valid).value();
    r.reject_unknown_keys();
    return s;
}

void check_escalation_holidays(const store::escalation_setup& setup,
                               const calendar::calendar_set& calendars,
                               const std::string& config_file) {
    if (calendars.find(setup.holidays))
        return;
    std::string known;
    for (const auto& d : calendars.divisions())
        known += (known.empty() ? "" : ", ") + d;
    throw config_error(config_file + ": escalation.holidays: \"" + setup.holidays +
                       "\" is not a division of the holiday file (it has " + known + ")");
}

} // namespace reviewd::app
