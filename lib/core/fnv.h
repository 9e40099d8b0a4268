// FNV-1a (64-bit): a small, stable, non-cryptographic hash for ids and fingerprints that must
// come out the same on every run and build (event ids, MIME boundaries, the rules fingerprint).
#pragma once

#include <cstdint>
#include <string_view>

namespace reviewd::core {

class fnv1a64 {
public:
    fnv1a64& add(std::string_view text) {
        for (const unsigned char c : text)
            add_byte(c);
        return *this;
    }
    // Marks the end of one part, so ("ab", "c") and ("a", "bc") hash apart.
    fnv1a64& end_part() {
        add_byte(0xff);
        return *this;
    }
    std::uint64_t value() const { return h_; }

private:
    void add_byte(unsigned char c) {
        h_ ^= c;
        h_ *= 1099511628211ull;
    }
    std::uint64_t h_ = 1469598103934665603ull;
};

} // namespace reviewd::core
