// Running the reviewd binary for end-to-end tests; see e2e_support.h.
#include "e2e/e2e_support.h"

#include "support/test_data.h"

#include <algorithm>

namespace reviewd::test {

process_result run_reviewd(std::vector<std::string> args, const std::string& input) {
    std::vector<std::string> argv{REVIEWD_BINARY};
    const bool names_config = std::find(args.begin(), args.end(), "--config") != args.end();
    if (!names_config) {
        argv.push_back("--config");
        argv.push_back(source_path("config/reviewd.toml"));
    }
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, input);
}

std::string sample_case() {
    return read_text_file(source_path("config/samples/case.json"));
}

} // namespace reviewd::test
