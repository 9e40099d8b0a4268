// Standard base64 (RFC 4648 section 4, with padding), as used by Standard Webhooks secrets and
// signatures and by MIME. Decoding is strict: whitespace, a wrong length or a stray character is
// a failure, not a best guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reviewd::delivery {

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

} // namespace reviewd::delivery
