// The seam between the outbox worker and the wire: one transport per channel. Implementations:
// smtp_transport (libcurl), webhook_transport (libcurl, Standard Webhooks signatures),
// file_transport (writes .eml/.json files: the embedded default). Tests use recording fakes.
#pragma once

#include "delivery/message.h"

namespace reviewd::delivery {

class transport {
public:
    virtual ~transport() = default;
    // Sends one message; never throws for network or protocol failures (those are results).
    // May be called from several worker threads at once.
    virtual send_result send(const message& m) = 0;
};

} // namespace reviewd::delivery
