// A throwaway self-signed certificate for 127.0.0.1 and localhost, made with the `openssl` CLI
// in a temporary folder: the server presents it, the client trusts exactly it (as its CA file).
#pragma once

#include "support/temp_dir.h"

#include <filesystem>

namespace reviewd::test {

class tls_certificate {
public:
    tls_certificate(); // throws std::runtime_error with openssl's output when it fails
    const std::filesystem::path& cert_file() const { return cert_; }
    const std::filesystem::path& key_file() const { return key_; }

private:
    temp_dir dir_;
    std::filesystem::path cert_;
    std::filesystem::path key_;
};

} // namespace reviewd::test
