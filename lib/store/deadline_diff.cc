// Diffing stored against computed deadlines by key; see deadline_diff.h.
#include "store/deadline_diff.h"

#include <unordered_map>

namespace reviewd::store {

std::string deadline_diff::summary() const {
    return "deadlines +" + std::to_string(added.size()) + " ~" + std::to_string(changed.size()) +
           " -" + std::to_string(removed.size()) + " =" + std::to_string(kept);
}

bool same_content(const rules::deadline& a, const rules::deadline& b) {
    return a.kind == b.kind && a.period == b.period && a.placement == b.placement &&
           a.sequence == b.sequence && a.clock_start == b.clock_start && a.due == b.due &&
           a.practical_due == b.practical_due && a.status == b.status && a.met_on == b.met_on &&
           a.provisional == b.provisional && a.rule_set == b.rule_set && a.sure == b.sure &&
           a.basis == b.basis;
}

deadline_diff diff_deadlines(const std::vector<stored_deadline>& stored,
                             const std::vector<rules::deadline>& computed) {
    std::unordered_map<std::string, const stored_deadline*> by_key;
    by_key.reserve(stored.size());
    for (const auto& s : stored)
        by_key.emplace(s.deadline.key(), &s);
    deadline_diff diff;
    for (const auto& d : computed) {
        const auto it = by_key.find(d.key());
        if (it == by_key.end()) {
            diff.added.push_back(&d);
            continue;
        }
        if (same_content(it->second->deadline, d))
            ++diff.kept;
        else
            diff.changed.emplace_back(it->second->id, &d);
        by_key.erase(it);
    }
    for (const auto& s : stored)
        if (by_key.count(s.deadline.key()))
            diff.removed.push_back(s.id);
    return diff;
}

} // namespace reviewd::store
