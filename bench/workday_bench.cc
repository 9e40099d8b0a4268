// Benchmark: "N working days after a date" (England and Wales, start day excluded) over many
// random (start, n) pairs on one core, with the shipped GOV.UK holidays. Prints M ops/s, best of
// a few repeats, and a checksum of the results so the optimiser cannot drop the work.
//
//   workday_bench [--count N] [--repeat R] [--dump DIR] [HOLIDAYS_JSON]
//
// Starts are uniform over 2011-01-01..2026-12-31 and n over 1..60, from a fixed-seed
// std::mt19937_64, so every run times the same work. With --dump DIR the inputs and results are
// also written as raw little-endian int32 days since 1970-01-01 (DIR/starts.i32, offsets.i32,
// results.i32) for bench/workday_vs_numpy.py, which checks them against numpy.busday_offset.
#include "calendar/calendar_set.h"
#include "calendar/holidays.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using reviewd::core::day;

struct options {
    long count = 1'000'000;
    int repeat = 5;
    std::string dump_dir;
    std::string holidays_path = REVIEWD_SOURCE_DIR "/config/bank-holidays.json";
};

bool parse_options(int argc, char** argv, options& out) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--count" && has_value)
            out.count = std::atol(argv[++i]);
        else if (arg == "--repeat" && has_value)
            out.repeat = std::atoi(argv[++i]);
        else if (arg == "--dump" && has_value)
            out.dump_dir = argv[++i];
        else if (!arg.empty() && arg[0] != '-')
            out.holidays_path = arg;
        else
            return false;
    }
    return out.count > 0 && out.repeat > 0;
}

bool read_file(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    return true;
}

// Raw little-endian int32, whatever the host's byte order.
bool write_i32(const std::string& path, const std::vector<std::int32_t>& values) {
    std::vector<char> bytes;
    bytes.reserve(values.size() * 4);
    for (const std::int32_t v : values) {
        const auto u = static_cast<std::uint32_t>(v);
        for (int shift = 0; shift < 32; shift += 8)
            bytes.push_back(static_cast<char>((u >> shift) & 0xffu));
    }
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out);
}

} // namespace

int main(int argc, char** argv) {
    options opt;
    if (!parse_options(argc, argv, opt)) {
        std::fprintf(
            stderr, "usage: workday_bench [--count N] [--repeat R] [--dump DIR] [HOLIDAYS_JSON]\n");
        return 2;
    }
    std::string text;
    if (!read_file(opt.holidays_path, text)) {
        std::fprintf(stderr, "workday_bench: cannot read %s\n", opt.holidays_path.c_str());
        return 1;
    }
    const auto parsed = reviewd::calendar::parse_bank_holidays(text, opt.holidays_path);
    if (!parsed) {
        std::fprintf(stderr, "workday_bench: %s\n", reviewd::core::describe(parsed.err()).c_str());
        return 1;
    }
    const reviewd::calendar::calendar_set calendars(parsed.value(), {});
    const auto* cal = calendars.find("england-and-wales");
    if (cal == nullptr) {
        std::fprintf(stderr, "workday_bench: %s has no england-and-wales division\n",
                     opt.holidays_path.c_str());
        return 1;
    }

    const auto count = static_cast<std::size_t>(opt.count);
    const day first = reviewd::core::make_day(2011, 1, 1);
    const day last = reviewd::core::make_day(2026, 12, 31);
    std::mt19937_64 rng(20261123);
    std::uniform_int_distribution<int> start_offset(0, static_cast<int>((last - first).count()));
    std::uniform_int_distribution<int> working_days(1, 60);
    std::vector<std::int32_t> starts(count), offsets(count), results(count);
    for (std::size_t i = 0; i < count; ++i) {
        starts[i] = (first + date::days{start_offset(rng)}).time_since_epoch().count();
        offsets[i] = working_days(rng);
    }

    double best = 0;
    for (int r = 0; r < opt.repeat; ++r) {
        const auto begin = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < count; ++i)
            results[i] = cal->add_working_days(day{date::days{starts[i]}}, offsets[i])
                             .time_since_epoch()
                             .count();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        best = r == 0 ? seconds : std::min(best, seconds);
    }
    std::int64_t checksum = 0;
    for (const std::int32_t v : results)
        checksum += v;
    std::printf("workday_add: %zu ops in %.4f s = %.1f M ops/s (best of %d; checksum %lld)\n",
                count, best, static_cast<double>(count) / best / 1e6, opt.repeat,
                static_cast<long long>(checksum));

    if (!opt.dump_dir.empty()) {
        for (const auto& [name, values] :
             {std::pair{"starts.i32", &starts}, std::pair{"offsets.i32", &offsets},
              std::pair{"results.i32", &results}}) {
            const std::string path = opt.dump_dir + "/" + name;
            if (!write_i32(path, *values)) {
                std::fprintf(stderr, "workday_bench: cannot write %s\n", path.c_str());
                return 1;
            }
        }
    }
    return 0;
}
