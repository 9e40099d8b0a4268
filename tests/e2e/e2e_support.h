// Shared pieces of the end-to-end tests: running `reviewd` with the shipped configuration.
#pragma once

#include "support/process.h"

#include <string>
#include <vector>

namespace reviewd::test {

// Runs the built reviewd binary with `args`, using the shipped config unless args name one.
process_result run_reviewd(std::vector<std::string> args, const std::string& input = {});

// The shipped sample case (config/samples/case.json) as text.
std::string sample_case();

} // namespace reviewd::test
