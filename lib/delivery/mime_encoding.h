// The encodings an email needs, each pure and separately tested: quoted-printable bodies
// (RFC 2045), RFC 2047 encoded-words for non-ASCII header text, and the RFC 5322 date.
// Everything produced uses CRLF line endings and keeps lines well under 998 octets.
#pragma once

#include "core/clock.h"

#include <string>
#include <string_view>

namespace reviewd::delivery {

// Quoted-printable with soft line breaks at 76 columns. Any line ending in the input (CRLF, LF or
// a lone CR) becomes CRLF; trailing spaces and tabs, '=', a leading '.', control characters and
// bytes above 127 are escaped.
std::string quoted_printable(std::string_view text);

// Header text ready to follow "Name: " (`used` = the length of that, for folding): plain
// printable ASCII is kept (folded before spaces past 78 columns) unless it could be mistaken for
// an encoded-word; anything else becomes UTF-8 base64 encoded-words of at most 64 characters,
// split on character boundaries and folded with CRLF SP. The caller removes CR and LF first.
std::string encode_header_text(std::string_view text, std::size_t used = 0);

// True when every byte is printable ASCII or a space.
bool is_printable_ascii(std::string_view text);

// "Thu, 05 Mar 2026 09:00:00 +0000": RFC 5322 section 3.3, always in UTC.
std::string rfc5322_date(core::instant at);

} // namespace reviewd::delivery
