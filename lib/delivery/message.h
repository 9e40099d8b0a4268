// A message on its way out: what the outbox holds and a transport sends. Thin by design: ids,
// dates and the deadline's kind, never a child's name or date of birth.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace reviewd::delivery {

enum class channel { email, webhook };

struct message {
    std::string event_id; // stable across retries and restarts: "evt_..."; the webhook-id and
                          // part of the email Message-ID, so receivers can drop duplicates
    channel via = channel::email;
    std::string recipient;     // an email address, or the webhook's configured name
    std::string subject;       // email subject line (plain ASCII or UTF-8)
    std::string text_body;     // email plain-text part
    std::string html_body;     // email HTML part (may be empty: text only)
    std::string json_body;     // webhook payload (JSON text)
    std::string event_type;    // webhook event type, e.g. "deadline.reminder"
    std::string calendar_body; // email text/calendar (METHOD:PUBLISH) part (may be empty: none)
};

// What one attempt came to.
struct send_result {
    enum class outcome {
        sent,      // accepted by the server
        retry,     // a temporary failure: try again later
        permanent, // refused for good (5xx SMTP reply, 4xx webhook other than 408/429)
    };
    outcome result = outcome::sent;
    std::string detail;                              // "smtp 451 4.3.0 try later", "http 500", ...
    std::optional<std::chrono::seconds> retry_after; // from an HTTP Retry-After header
};

} // namespace reviewd::delivery
