// The embedded default transport: instead of sending, writes each message into a folder, email
// as DIR/<event_id>.eml (the full RFC 5322 text, as SMTP would carry it) and webhooks as
// DIR/<event_id>.json (the payload). Each file appears whole or not at all: written to a
// temporary name in the same folder, fsynced, renamed over, and the folder fsynced. Sending the
// same event again overwrites its file, so a retry after a crash leaves one file, not two.
// A failed write is a retry with the system's reason in the detail.
#pragma once

#include "core/clock.h"
#include "delivery/transport.h"

#include <atomic>
#include <filesystem>
#include <string>

namespace reviewd::delivery {

struct file_transport_config {
    std::filesystem::path directory; // created on first use when missing
    std::string from;                // the From of the .eml files
};

class file_transport final : public transport {
public:
    // Throws config_error (key "file.from" or "file.directory").
    file_transport(file_transport_config config, const core::clock& clock);

    send_result send(const message& m) override;

    // Where the message with this id and channel is (or would be) written.
    std::filesystem::path path_for(const message& m) const;

private:
    send_result write_atomically(const std::filesystem::path& target, const std::string& text);

    const file_transport_config config_;
    const core::clock& clock_;
    std::atomic<unsigned> counter_{0};
};

} // namespace reviewd::delivery
