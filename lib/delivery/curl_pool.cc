// The easy-handle pool; see curl_pool.h.
#include "delivery/curl_pool.h"

#include <stdexcept>

namespace reviewd::delivery {

void ensure_curl_initialised() {
    static const bool done = [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("curl_global_init failed");
        return true;
    }();
    (void)done;
}

curl_pool::curl_pool(int max_handles) : max_(max_handles) {
    if (max_handles < 1)
        throw std::invalid_argument("curl_pool needs at least one handle");
    ensure_curl_initialised();
}

curl_pool::~curl_pool() {
    for (CURL* h : idle_)
        curl_easy_cleanup(h);
}

curl_pool::lease::lease(lease&& other) noexcept : pool_(other.pool_), handle_(other.handle_) {
    other.pool_ = nullptr;
    other.handle_ = nullptr;
}

curl_pool::lease::~lease() {
    if (pool_)
        pool_->give_back(handle_);
}

curl_pool::lease curl_pool::acquire() {
    CURL* handle = nullptr;
    {
        std::unique_lock lock(mutex_);
        returned_.wait(lock, [this] { return lent_ < max_; });
        ++lent_;
        if (!idle_.empty()) {
            handle = idle_.back();
            idle_.pop_back();
        }
    }
    if (handle)
        curl_easy_reset(handle);
    else
        handle = curl_easy_init();
    if (handle)
        curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    return lease(this, handle);
}

void curl_pool::give_back(CURL* handle) {
    {
        std::lock_guard lock(mutex_);
        --lent_;
        if (handle)
            idle_.push_back(handle);
    }
    returned_.notify_one();
}

} // namespace reviewd::delivery
