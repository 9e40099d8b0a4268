// Atomic file writes for the file transport; see file_transport.h.
#include "delivery/file_transport.h"

#include "delivery/config_error.h"
#include "delivery/mime.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace reviewd::delivery {
namespace {

send_result failed(const std::string& what, const std::filesystem::path& p, int error) {
    return {send_result::outcome::retry,
            "file: " + what + " " + p.string() + ": " + std::strerror(error), std::nullopt};
}

bool write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

file_transport::file_transport(file_transport_config config, const core::clock& clock)
    : config_(std::move(config)), clock_(clock) {
    if (config_.directory.empty())
        throw config_error("file.directory", "must name a folder");
    if (!parse_mailbox(config_.from))
        throw config_error("file.from", "\"" + config_.from + "\" is not an email address");
}

std::filesystem::path file_transport::path_for(const message& m) const {
    return config_.directory / (m.event_id + (m.via == channel::email ? ".eml" : ".json"));
}

send_result file_transport::send(const message& m) {
    using o = send_result::outcome;
    if (!is_safe_event_id(m.event_id))
        return {o::permanent, "event id cannot be used as a file name", std::nullopt};
    if (m.via == channel::webhook)
        return write_atomically(path_for(m), m.json_body);
    auto text = build_email(m, config_.from, clock_.now());
    if (!text)
        return {o::permanent, core::describe(text.err()), std::nullopt};
    return write_atomically(path_for(m), text.value());
}

send_result file_transport::write_atomically(const std::filesystem::path& target,
                                             const std::string& text) {
    std::error_code ec;
    std::filesystem::create_directories(config_.directory, ec);
    if (ec)
        return failed("cannot create", config_.directory, ec.value());

    // Unique per process and call; the leading dot keeps half-written files out of "*.eml".
    const auto temp =
        config_.directory / ("." + target.filename().string() + "." + std::to_string(::getpid()) +
                             "." + std::to_string(counter_++) + ".tmp");
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0)
        return failed("cannot create", temp, errno);
    if (!write_all(fd, text) || ::fsync(fd) != 0) {
        const int e = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        return failed("cannot write", temp, e);
    }
    if (::close(fd) != 0) {
        const int e = errno;
        ::unlink(temp.c_str());
        return failed("cannot write", temp, e);
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        const int e = errno;
        ::unlink(temp.c_str());
        return failed("cannot rename into", target, e);
    }
    // Make the rename itself durable.
    const int dir = ::open(config_.directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {send_result::outcome::sent, "file " + target.string(), std::nullopt};
}

} // namespace reviewd::delivery
