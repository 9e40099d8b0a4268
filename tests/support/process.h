// Runs a program as a child process, feeding it standard input and capturing its output and exit
// status: how end-to-end tests drive the real `reviewd` binary.
#pragma once

#include <string>
#include <vector>

namespace reviewd::test {

struct process_result {
    int exit_code = -1; // the exit status, or 128 + signal number when killed by a signal
    std::string out;
    std::string err;
};

process_result run_process(const std::vector<std::string>& argv, const std::string& input = {});

} // namespace reviewd::test
