// Builds the RFC 5322 / MIME text of a reminder email from an outbox message. Pure: the Date
// header comes from the `date` argument, the Message-ID from the message's stable event id
// (<EVENT_ID@DOMAIN-OF-FROM>, so a receiver can drop a duplicate sent after a retry).
//
// Shape: Date, From, To, Subject, Message-ID, MIME-Version, Auto-Submitted headers, then either
// one quoted-printable UTF-8 text/plain body (no HTML), or multipart/alternative with text/plain
// and text/html parts. A message with a calendar_body wraps that in multipart/mixed, followed by
// the calendar as a base64 `text/calendar; method=PUBLISH` attachment named deadlines.ics. CRLF
// line endings throughout, every line at most 78 octets except headers that cannot fold (never more
// than 998).
//
// Header injection is impossible by construction: addresses and event ids containing CR, LF or
// anything else outside their grammar are refused (an error value), and CR/LF in the subject are
// replaced by spaces before it is (if need be) encoded.
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "delivery/message.h"

#include <string>
#include <string_view>

namespace reviewd::delivery {

struct mailbox {
    std::string display_name; // may be empty; any UTF-8
    std::string address;      // local@domain, ASCII
    std::string domain() const { return address.substr(address.rfind('@') + 1); }
};

// Accepts "local@domain", "<local@domain>" and "Display Name <local@domain>" (the name may be
// quoted). Error code "invalid_address" naming the value otherwise.
core::result<mailbox> parse_mailbox(std::string_view text);

// The mailbox as a header value: the bare address, or the name (quoted or encoded) and <address>.
std::string format_mailbox(const mailbox& box);

// True when the event id can go into a Message-ID and a file name: 1-200 of [A-Za-z0-9._-],
// not starting with '.'.
bool is_safe_event_id(std::string_view event_id);

// The full message, ready for SMTP DATA or an .eml file. Errors: "invalid_address" (from or
// m.recipient), "invalid_event_id".
core::result<std::string> build_email(const message& m, std::string_view from, core::instant date);

} // namespace reviewd::delivery
