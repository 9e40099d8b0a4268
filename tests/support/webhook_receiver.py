#!/usr/bin/python3
"""An HTTP receiver for webhook and OAuth tests, on 127.0.0.1, HTTP/1.1 with keep-alive.

Run with /usr/bin/python3. Prints "READY <port>" once listening; exits on SIGTERM.

  --port N              0 (default) picks a free port
  --secret whsec_...    verifies Standard Webhooks signatures; each request records "verified"
  --script LIST         statuses to answer POSTs with, in order, e.g. "500,500,200" or
                        "429:7,200" (status:Retry-After); after the list, 200. Separate
                        with "|" instead when a Retry-After is an HTTP-date (it has a comma)
  --retry-after VALUE   Retry-After for scripted 429/503 answers without their own
  --oauth-expires-in S  expires_in of issued tokens (default 3600)
  --oauth-token-prefix  tokens are "<prefix>-<n>" for the n-th issued (default "token")
  --oauth-client-id ID / --oauth-client-secret S    required credentials (default: any)
  --oauth-status CODE   answer the token endpoint with CODE and an OAuth error instead
  --reject-unverified   answer 401 to a POST whose signature does not verify (with --secret)
  --tls-cert FILE --tls-key FILE    serve HTTPS with this certificate instead of plain HTTP

Endpoints:
  POST /oauth/token     client-credentials grant (application/x-www-form-urlencoded)
  GET  /stats           JSON: {"connections": n, "requests": [...], "token_requests": [...]}
                        each request: {"connection", "method", "path", "headers" (lower-case),
                        "body", "verified", "status"}
  GET  /summary         JSON: {"connections": n, "requests": n, "unverified": n,
                        "webhook_ids": [...]}: the webhook-id of each POST in order, without
                        the bodies, cheap enough to poll during long runs (crash loop, soak)
  any other POST        a webhook delivery, answered per --script (a 3xx carries a Location
                        to /moved, so a client that follows redirects is caught)
"""
import argparse
import base64
import hashlib
import hmac
import json
import signal
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"connections": 0, "requests": [], "token_requests": []}
ARGS = None
SCRIPT = []


def verify(headers, body):
    if not ARGS.secret:
        return None
    try:
        key = base64.b64decode(ARGS.secret[len("whsec_"):])
        msg_id = headers.get("webhook-id", "")
        timestamp = headers.get("webhook-timestamp", "")
        signed = "{}.{}.".format(msg_id, timestamp).encode() + body
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        for candidate in headers.get("webhook-signature", "").split(" "):
            version, _, value = candidate.partition(",")
            if version == "v1" and hmac.compare_digest(value, expected):
                return True
    except Exception:
        pass
    return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY the body waits for the client's
    # delayed ACK (40 ms a reply), which caps a long run at about 20 deliveries a second.
    disable_nagle_algorithm = True

    def setup(self):
        super().setup()
        with LOCK:
            STATE["connections"] += 1
            self.connection_id = STATE["connections"]

    def log_message(self, fmt, *args):
        sys.stderr.write("webhook_receiver: " + (fmt % args) + "\n")

    def reply(self, status, body=b"", content_type="application/json", extra=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def read_body(self):
        length = int(self.headers.get("Content-Length", "0") or "0")
        return self.rfile.read(length) if length > 0 else b""

    def do_GET(self):
        if self.path == "/stats":
            with LOCK:
                body = json.dumps(STATE).encode()
            self.reply(200, body)
        elif self.path == "/summary":
            with LOCK:
                posts = [r for r in STATE["requests"] if r["path"] != "/oauth/token"]
                body = json.dumps({
                    "connections": STATE["connections"], "requests": len(posts),
                    "unverified": sum(1 for r in posts if r["verified"] is False),
                    "webhook_ids": [r["headers"].get("webhook-id", "") for r in posts]}).encode()
            self.reply(200, body)
        else:
            self.reply(404, b'{"error": "not found"}')

    def do_POST(self):
        body = self.read_body()
        if self.path == "/oauth/token":
            return self.token(body)
        headers = {k.lower(): v for k, v in self.headers.items()}
        with LOCK:
            entry = SCRIPT.pop(0) if SCRIPT else "200"
            status_text, _, retry_after = entry.partition(":")
            status = int(status_text)
            verified = verify(headers, body)
            if ARGS.reject_unverified and verified is False:
                status = 401
            if not retry_after and status in (429, 503) and ARGS.retry_after:
                retry_after = ARGS.retry_after
            STATE["requests"].append({
                "connection": self.connection_id, "method": "POST", "path": self.path,
                "headers": headers, "body": body.decode("utf-8", "replace"),
                "verified": verified, "status": status})
        extra = {}
        if retry_after:
            extra["Retry-After"] = retry_after
        if 300 <= status < 400:
            extra["Location"] = "http://127.0.0.1:{}/moved".format(self.server.server_port)
        self.reply(status, json.dumps({"status": status}).encode(), extra=extra)

    def token(self, body):
        form = dict(urllib.parse.parse_qsl(body.decode()))
        content_type = self.headers.get("Content-Type", "")
        ok_client = ((not ARGS.oauth_client_id or form.get("client_id") == ARGS.oauth_client_id)
                     and (not ARGS.oauth_client_secret
                          or form.get("client_secret") == ARGS.oauth_client_secret))
        with LOCK:
            record = {"connection": self.connection_id, "content_type": content_type,
                      "grant_type": form.get("grant_type"), "client_id": form.get("client_id"),
                      "scope": form.get("scope"), "client_ok": ok_client}
            STATE["token_requests"].append(record)
            issued = sum(1 for r in STATE["token_requests"] if r.get("token"))
            if ARGS.oauth_status:
                status, answer = ARGS.oauth_status, {"error": "temporarily_unavailable"}
            elif content_type != "application/x-www-form-urlencoded" or \
                    form.get("grant_type") != "client_credentials":
                status, answer = 400, {"error": "unsupported_grant_type"}
            elif not ok_client:
                status, answer = 401, {"error": "invalid_client"}
            else:
                token = "{}-{}".format(ARGS.oauth_token_prefix, issued + 1)
                record["token"] = token
                status, answer = 200, {"access_token": token, "token_type": "Bearer",
                                       "expires_in": ARGS.oauth_expires_in}
            record["status"] = status
        self.reply(status, json.dumps(answer).encode())


def main():
    global ARGS, SCRIPT
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret")
    parser.add_argument("--script", default="")
    parser.add_argument("--retry-after")
    parser.add_argument("--oauth-expires-in", type=int, default=3600)
    parser.add_argument("--oauth-token-prefix", default="token")
    parser.add_argument("--oauth-client-id")
    parser.add_argument("--oauth-client-secret")
    parser.add_argument("--oauth-status", type=int)
    parser.add_argument("--reject-unverified", action="store_true")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    ARGS = parser.parse_args()
    separator = "|" if "|" in ARGS.script else ","
    SCRIPT = [s.strip() for s in ARGS.script.split(separator) if s.strip()]

    server = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    if ARGS.tls_cert:
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(ARGS.tls_cert, ARGS.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print("READY {}".format(server.server_port), flush=True)
    server.serve_forever(poll_interval=0.2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
