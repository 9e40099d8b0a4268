// Standard Webhooks signatures (https://www.standardwebhooks.com): the sender signs
// "{webhook-id}.{webhook-timestamp}.{body}" with HMAC-SHA256, keyed by the base64-decoded part of
// a "whsec_..." secret, and sends "v1,<base64 signature>" in the webhook-signature header.
// Receivers check the signature and the timestamp's freshness, and drop repeated webhook-ids.
// Pure: the timestamp is the caller's.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace reviewd::delivery {

// The raw HMAC key inside "whsec_<base64>"; an error (code "invalid_webhook_secret") when the
// prefix is missing, the base64 is malformed or the key is empty.
core::result<std::string> webhook_key(std::string_view secret);

// "v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">", or webhook_key's error.
core::result<std::string> sign_webhook(std::string_view secret, std::string_view id,
                                       std::int64_t timestamp, std::string_view body);

} // namespace reviewd::delivery
