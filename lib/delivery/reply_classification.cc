// The outcome tables of reply_classification.h.
#include "delivery/reply_classification.h"

namespace reviewd::delivery {
namespace {

std::string smtp_detail(const smtp_exchange& x) {
    std::string d = "smtp";
    if (x.reply_code > 0)
        d += " " + std::to_string(x.reply_code);
    if (!x.reply_text.empty())
        d += " " + x.reply_text;
    if (!x.transfer_ok && !x.transport_error.empty())
        d += (x.reply_code > 0 ? " (" : ": ") + x.transport_error + (x.reply_code > 0 ? ")" : "");
    return d;
}

} // namespace

bool is_smtp_auth_failure(long reply_code) {
    return reply_code == 530 || reply_code == 534 || reply_code == 535 || reply_code == 538;
}

send_result classify_smtp(const smtp_exchange& x) {
    using o = send_result::outcome;
    send_result r;
    r.detail = smtp_detail(x);
    if (x.transfer_ok)
        r.result = o::sent;
    else if (x.reply_code >= 500 && x.reply_code < 600 && !is_smtp_auth_failure(x.reply_code))
        r.result = o::permanent;
    else
        r.result = o::retry; // 4xx, a refused login, or no reply at all
    return r;
}

send_result classify_http(const http_exchange& x) {
    using o = send_result::outcome;
    send_result r;
    if (!x.transfer_ok) {
        r.result = o::retry;
        r.detail = "http: " + x.transport_error;
        return r;
    }
    r.detail = "http " + std::to_string(x.status);
    if (x.status >= 200 && x.status < 300) {
        r.result = o::sent;
    } else if (x.status == 408 || x.status == 429 || (x.status >= 500 && x.status < 600)) {
        r.result = o::retry;
        r.retry_after = x.retry_after;
    } else {
        r.result = o::permanent;
        if (x.status >= 300 && x.status < 400)
            r.detail += " (redirects are not followed: fix the webhook url)";
    }
    return r;
}

} // namespace reviewd::delivery
