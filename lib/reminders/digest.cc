// Daily digest composition; see digest.h.
#include "reminders/digest.h"

#include "core/fnv.h"
#include "reminders/mail_body.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace reviewd::reminders {
namespace {

struct listed {
    const store::digest_entry* entry;
    schedule::digest_standing standing;
};

const std::optional<std::string>& address_of(const store::digest_entry& e, schedule::audience a) {
    switch (a) {
    case schedule::audience::iro:
        return e.iro;
    case schedule::audience::iro_manager:
        return e.iro_manager;
    case schedule::audience::team_manager:
        return e.team_manager;
    case schedule::audience::social_worker:
    case schedule::audience::webhook:
        break;
    }
    return e.social_worker;
}

std::string standing_words(const schedule::digest_standing& s, const rules::deadline& d) {
    if (s.overdue)
        return "overdue since " + core::format_iso_date(d.due);
    if (s.working_days_left == 0)
        return "due today";
    return "due in " + std::to_string(s.working_days_left) +
           (s.working_days_left == 1 ? " working day" : " working days");
}

std::string digest_event_id(core::day day, const std::string& recipient) {
    core::fnv1a64 hash;
    hash.add(recipient).end_part();
    std::string date = core::format_iso_date(day);
    date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "evt_digest_%s_%016llx", date.c_str(),
                  static_cast<unsigned long long>(hash.value()));
    return buffer;
}

} // namespace

std::vector<store::outbox_message> compose_digests(const std::vector<store::digest_entry>& entries,
                                                   const digest_options& how,
                                                   const compose_options& options) {
    std::map<std::string, std::vector<listed>> by_recipient;
    for (const auto& e : entries) {
        const calendar::working_calendar* cal = how.calendar_for(e.deadline);
        const schedule::reminder_rule* rule = how.reminders->rule_for(e.deadline.deadline.kind);
        if (!cal || !rule)
            continue;
        const auto standing =
            schedule::digest_standing_of(e.deadline.deadline, how.day, *how.digest, *cal);
        if (!standing)
            continue;
        std::set<std::string> told; // one line per deadline, even if two roles share an address
        for (const schedule::audience a : rule->to) {
            const auto& address = address_of(e, a);
            if (how.digest->covers(a) && address && told.insert(*address).second)
                by_recipient[*address].push_back({&e, *standing});
        }
    }
    std::vector<store::outbox_message> out;
    for (auto& [recipient, items] : by_recipient) {
        std::stable_sort(items.begin(), items.end(), [](const listed& a, const listed& b) {
            if (a.standing.overdue != b.standing.overdue)
                return a.standing.overdue;
            return std::tie(a.entry->deadline.deadline.due, a.entry->child) <
                   std::tie(b.entry->deadline.deadline.due, b.entry->child);
        });
        std::vector<mail_line> lines;
        int overdue = 0;
        for (const auto& item : items) {
            const rules::deadline& d = item.entry->deadline.deadline;
            lines.push_back({item.entry->child, &d, standing_words(item.standing, d), false});
            overdue += item.standing.overdue ? 1 : 0;
        }
        const std::string subject =
            "[" + options.service + "] " + (how.late ? "(late) " : "") + "Daily digest for " +
            core::format_iso_date(how.day) + ": " + std::to_string(overdue) + " overdue, " +
            std::to_string(lines.size() - static_cast<std::size_t>(overdue)) + " due soon";
        store::outbox_message m = render_mail(recipient, digest_event_id(how.day, recipient),
                                              subject, lines, how.late, options);
        m.event_type = "deadline.digest";
        out.push_back(std::move(m));
    }
    return out;
}

} // namespace reviewd::reminders
