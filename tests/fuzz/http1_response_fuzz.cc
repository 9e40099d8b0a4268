// Fuzz target: the plain-HTTP client's response reader (lib/delivery/http1_response), which reads
// what a webhook receiver sends back: any bytes must give a response, "more", or an error with a
// reason, never a crash. The same bytes fed whole and split at a point the input chooses (its
// first byte) must read alike, since the network may cut them anywhere.
#include "fuzz_assert.h"

#include "delivery/http1_response.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using reviewd::delivery::http1_response;

namespace {

struct outcome {
    http1_response::progress progress;
    long status;
    bool keep_alive;
};

outcome read(std::string_view bytes, std::size_t cut) {
    http1_response r;
    http1_response::progress p = r.feed(bytes.substr(0, cut));
    // The rest is fed even after a finished response: bytes beyond it must spoil the connection
    // whichever read they arrive in.
    if (p != http1_response::progress::bad && cut < bytes.size())
        p = r.feed(bytes.substr(cut));
    if (p == http1_response::progress::bad)
        reviewd::fuzz::require(!r.error().empty(), "a refused response says why");
    if (p == http1_response::progress::more) {
        p = r.end_of_stream();
        if (p == http1_response::progress::bad)
            reviewd::fuzz::require(!r.error().empty(), "an unfinished response says why");
    }
    if (p == http1_response::progress::done)
        reviewd::fuzz::require(r.status() >= 200 && r.status() <= 999,
                               "a finished response has a final status");
    return {p, r.status(), r.keep_alive()};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::size_t cut = bytes.empty() ? 0 : data[0] % (bytes.size() + 1);
    const outcome whole = read(bytes, bytes.size());
    const outcome split = read(bytes, cut);
    reviewd::fuzz::require(whole.progress == split.progress, "a split response reads alike",
                           std::string(bytes));
    if (whole.progress == http1_response::progress::done) {
        reviewd::fuzz::require(whole.status == split.status, "a split response has one status",
                               std::string(bytes));
        reviewd::fuzz::require(whole.keep_alive == split.keep_alive,
                               "a split response keeps the connection alike", std::string(bytes));
    }
    return 0;
}
