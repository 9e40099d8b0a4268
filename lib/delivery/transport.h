// The seam between the outbox worker and the wire: one transport per channel. Implementations:
// smtp_transport (libcurl), webhook_transport (libcurl, Standard Webhooks signatures),
// file_transport (writes .eml/.json files: the embedded default). Tests use recording fakes.
#pragma once

#include "delivery/message.h"

#include <span>
#include <vector>

namespace reviewd::delivery {

class transport {
public:
    virtual ~transport() = default;
    // Sends one message; never throws for network or protocol failures (those are results).
    // May be called from several worker threads at once.
    virtual send_result send(const message& m) = 0;

    // Sends several messages and returns their results in the same order. A transport that can
    // keep several requests in flight at once (webhooks) overrides this; the default sends them
    // one after another.
    virtual std::vector<send_result> send_all(std::span<const message> messages) {
        std::vector<send_result> results;
        results.reserve(messages.size());
        for (const message& m : messages)
            results.push_back(send(m));
        return results;
    }
};

} // namespace reviewd::delivery
