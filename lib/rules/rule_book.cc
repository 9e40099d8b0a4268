// Rule-set selection by jurisdiction, care type and date; see rule_book.h.
#include "rules/rule_book.h"

#include <algorithm>
#include <set>

namespace reviewd::rules {

std::string_view to_string(certainty c) {
    switch (c) {
    case certainty::confirmed: return "confirmed";
    case certainty::to_confirm: return "to-confirm";
    case certainty::local_practice: return "local-practice";
    }
    return "to-confirm";
}

namespace {
bool serves(const rule_set& set, std::string_view jurisdiction) {
    return std::find(set.jurisdictions.begin(), set.jurisdictions.end(), jurisdiction) !=
           set.jurisdictions.end();
}
} // namespace

core::result<rule_book> rule_book::make(std::vector<rule_set> sets) {
    std::stable_sort(sets.begin(), sets.end(), [](const rule_set& a, const rule_set& b) {
        return a.in_force_from < b.in_force_from;
    });
    std::set<std::string> ids;
    for (const auto& set : sets)
        if (!ids.insert(set.id).second)
            return core::make_error("duplicate_rule_set", "rule set id \"" + set.id + "\" is defined twice",
                                    set.source_file + " id");
    for (std::size_t i = 0; i < sets.size(); ++i)
        for (std::size_t j = i + 1; j < sets.size(); ++j) {
            const auto& a = sets[i];
            const auto& b = sets[j];
            if (a.care != b.care || a.in_force_from != b.in_force_from)
                continue;
            for (const auto& jurisdiction : a.jurisdictions)
                if (serves(b, jurisdiction))
                    return core::make_error(
                        "conflicting_rule_sets",
                        "rule sets \"" + a.id + "\" and \"" + b.id + "\" both come into force for " +
                            jurisdiction + " on " + core::format_iso_date(a.in_force_from),
                        b.source_file + " in_force_from");
        }
    rule_book book;
    book.sets_ = std::move(sets);
    return book;
}

const rule_set* rule_book::in_force(std::string_view jurisdiction, care_type care, core::day day) const {
    const rule_set* found = nullptr;
    for (const auto& set : sets_) {
        if (set.in_force_from > day)
            break;
        if (set.care == care && serves(set, jurisdiction))
            found = &set;
    }
    return found;
}

const rule_set* rule_book::earliest(std::string_view jurisdiction, care_type care) const {
    for (const auto& set : sets_)
        if (set.care == care && serves(set, jurisdiction))
            return &set;
    return nullptr;
}

bool rule_book::knows_jurisdiction(std::string_view jurisdiction) const {
    return std::any_of(sets_.begin(), sets_.end(),
                       [&](const rule_set& s) { return serves(s, jurisdiction); });
}

std::vector<std::string> rule_book::jurisdictions() const {
    std::set<std::string> names;
    for (const auto& set : sets_)
        names.insert(set.jurisdictions.begin(), set.jurisdictions.end());
    return {names.begin(), names.end()};
}

} // namespace reviewd::rules
