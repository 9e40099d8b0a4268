// `reviewd schedule`; see schedule_command.h.
#include "schedule_command.h"

#include "core/clock.h"
#include "rules/case_json.h"
#include "rules/deadline_json.h"
#include "rules/deadlines.h"
#include "rules_loader.h"
#include "schedule_table.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <iterator>

namespace reviewd::app {

int run_schedule(const config& cfg, const schedule_options& options, std::ostream& out,
                 std::ostream& err) {
    const loaded_rules loaded = load_rules(cfg);
    std::string text;
    if (options.input == "-")
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    else
        text = read_file(options.input);

    const std::string source = options.input == "-" ? "<stdin>" : options.input;
    auto facts = rules::parse_case_json(text);
    if (!facts) {
        err << "reviewd schedule: " << source << ": " << core::describe(facts.err()) << "\n";
        return 2;
    }
    const core::day as_of =
        options.as_of.value_or(core::local_date(core::system_clock_source{}.now(), cfg.time_zone));
    auto deadlines = rules::compute_deadlines(facts.value(), loaded.book, loaded.calendars, as_of);
    if (!deadlines) {
        err << "reviewd schedule: " << source << ": " << core::describe(deadlines.err()) << "\n";
        return 2;
    }
    if (options.format == "table")
        print_schedule_table(out, facts.value(), as_of, deadlines.value());
    else
        out << rules::schedule_to_json(facts.value().child.id, facts.value().jurisdiction, as_of,
                                       deadlines.value())
                   .dump(2)
            << "\n";
    return 0;
}

} // namespace reviewd::app
