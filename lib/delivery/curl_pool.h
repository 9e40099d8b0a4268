// A small pool of libcurl easy handles, so connections (SMTP sessions, HTTP keep-alive) are
// reused across sends: libcurl keeps a connection cache per easy handle, and curl_easy_reset
// clears the options but keeps the live connections.
//
// At most `max_handles` are lent out at once; acquire() blocks further callers until a lease is
// returned, which also caps the number of simultaneous connections to the server (Microsoft 365
// allows 3 per mailbox). Handles are handed out most-recently-used first, so a burst of sends
// stays on warm connections. Thread-safe.
#pragma once

#include <curl/curl.h>

#include <condition_variable>
#include <mutex>
#include <vector>

namespace reviewd::delivery {

// Calls curl_global_init once per process, before the first handle is made.
void ensure_curl_initialised();

class curl_pool {
public:
    explicit curl_pool(int max_handles);
    ~curl_pool();
    curl_pool(const curl_pool&) = delete;
    curl_pool& operator=(const curl_pool&) = delete;

    class lease {
    public:
        lease(curl_pool* pool, CURL* handle) : pool_(pool), handle_(handle) {}
        lease(lease&& other) noexcept;
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        lease& operator=(lease&&) = delete;
        ~lease();
        CURL* get() const { return handle_; } // nullptr when libcurl could not make a handle

    private:
        curl_pool* pool_;
        CURL* handle_;
    };

    // A handle with all options reset (connections kept) and CURLOPT_NOSIGNAL set. Waits while
    // max_handles are lent out.
    lease acquire();

private:
    void give_back(CURL* handle);

    const int max_;
    int lent_ = 0;
    std::vector<CURL*> idle_;
    std::mutex mutex_;
    std::condition_variable returned_;
};

} // namespace reviewd::delivery
