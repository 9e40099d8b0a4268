// Secrets the store hands out once and keeps only as hashes: API tokens ("rvd_...") and calendar
// feed secrets ("rvf_..."). Internal to lib/store, but for lib/api's dashboard sessions, whose ids
// are made and hashed the same way (api/dashboard_sessions.h).
#pragma once

#include <string>
#include <string_view>

namespace reviewd::store {

// `prefix` followed by 64 lower-case hex digits from 32 bytes of OpenSSL's CSPRNG.
std::string random_secret(std::string_view prefix);

// Whether `text` has the shape random_secret(prefix) gives: the prefix, then 64 hex digits.
bool has_secret_shape(std::string_view text, std::string_view prefix);

// SHA-256 of `text` as 64 lower-case hex digits: what the database keeps instead of a secret.
std::string sha256_hex(std::string_view text);

// Compares two equal-length strings in time independent of where they differ (CRYPTO_memcmp).
bool equal_in_constant_time(std::string_view a, std::string_view b);

} // namespace reviewd::store
