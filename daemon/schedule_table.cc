// Fixed-width table of deadlines; see schedule_table.h.
#include "schedule_table.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <ostream>

namespace reviewd::app {

void print_schedule_table(std::ostream& out, const rules::case_facts& facts, core::day as_of,
                          const std::vector<rules::deadline>& deadlines) {
    fmt::print(out, "Child {} ({}), as of {}: {} deadlines\n\n", facts.child.id, facts.jurisdiction,
               core::format_iso_date(as_of), deadlines.size());
    fmt::print(out, "{:<3} {:<20} {:>4} {:<10} {:<10} {:<9} {:<10} {}\n", "P", "KIND", "SEQ", "DUE",
               "PRACTICAL", "STATUS", "MET ON", "BASIS");
    for (const auto& d : deadlines) {
        std::string sequence = std::to_string(d.sequence);
        if (d.placement > 0)
            sequence = std::to_string(d.placement) + "." + sequence;
        fmt::print(out, "{:<3} {:<20} {:>4} {:<10} {:<10} {:<9} {:<10} {}{}\n", d.period,
                   rules::to_string(d.kind), sequence, core::format_iso_date(d.due),
                   core::format_iso_date(d.practical_due), rules::to_string(d.status),
                   d.met_on ? core::format_iso_date(*d.met_on) : "-",
                   d.provisional ? "[provisional] " : "", d.basis);
    }
}

} // namespace reviewd::app
