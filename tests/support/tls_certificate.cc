// Self-signed test certificates via `openssl req -x509`; see tls_certificate.h.
#include "support/tls_certificate.h"

#include "support/process.h"

#include <stdexcept>

namespace reviewd::test {

tls_certificate::tls_certificate()
    : cert_(dir_.path() / "cert.pem"), key_(dir_.path() / "key.pem") {
    const auto r = run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key_.string(),
                                "-out", cert_.string(), "-days", "2", "-subj", "/CN=127.0.0.1",
                                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"});
    if (r.exit_code != 0)
        throw std::runtime_error("openssl req failed:\n" + r.err);
}

} // namespace reviewd::test
