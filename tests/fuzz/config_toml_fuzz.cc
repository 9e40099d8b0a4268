// Fuzz target: the daemon's configuration loader (reviewd.toml: calendar, rules, store, api,
// reminders, delivery, testing). load_config reads a file, so each input is written to a file in a
// scratch folder first. Any bytes must load or throw config_error with a message naming the file,
// never crash or throw anything else. Nothing the file names is read: load_config only resolves
// paths, and this target does not go on to load the rules (which would read whatever file the
// fuzzer named).
#include "fuzz_assert.h"

#include "config.h"
#include "support/temp_dir.h"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

using namespace reviewd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const test::temp_dir scratch;
    const std::filesystem::path file = scratch.path() / "reviewd.toml";
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        fuzz::require(static_cast<bool>(out), "the input is written to the scratch file");
    }
    try {
        const app::config cfg = app::load_config(file);
        fuzz::require(cfg.api.threads >= 1 && cfg.api.max_body_bytes >= 1024,
                      "a loaded configuration keeps its limits in range");
    } catch (const app::config_error& e) {
        const std::string message = e.what();
        fuzz::require(message.find(file.string()) != std::string::npos,
                      "a configuration error names the file", message);
    }
    return 0;
}
