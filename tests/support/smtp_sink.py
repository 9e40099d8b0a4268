#!/usr/bin/python3
"""An SMTP server for tests: accepts mail on 127.0.0.1 and records what happened.

Built on aiosmtpd's Controller (Debian's python3-aiosmtpd; run with /usr/bin/python3).
Prints "READY <port>" once listening and exits on SIGTERM.

  --port N                  0 (default) picks a free port
  --maildir DIR             saves each accepted message as DIR/<n>.eml (raw bytes as received)
  --stats FILE              keeps FILE up to date (rewritten atomically) with JSON:
                            {"connections", "messages", "rejected", "auth": [{"user", "token"}],
                             "deliveries": [{"mail_from", "rcpt_tos", "tls", "file"}]}
                            connections counts SMTP sessions that said EHLO/HELO
  --tls-cert F --tls-key F  offers STARTTLS and refuses mail until it is used
  --auth-xoauth2-token T    requires AUTH XOAUTH2 with bearer T (repeat to accept several)
  --auth-xoauth2-any        requires AUTH XOAUTH2 with any non-empty bearer
  --reject-code CODE        answers every RCPT (or DATA, see --reject-at) with CODE
  --reject-at rcpt|data
"""
import argparse
import asyncio
import base64
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

REPLIES = {
    421: "421 4.3.2 Service not available, closing channel",
    450: "450 4.2.1 Mailbox busy, try again later",
    451: "451 4.3.0 Temporary failure, try again later",
    452: "452 4.3.1 Insufficient system storage",
    550: "550 5.1.1 Mailbox unavailable",
    552: "552 5.3.4 Message too big",
    553: "553 5.1.3 Mailbox name not allowed",
    554: "554 5.7.1 Message refused",
}


class Recorder:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.stats = {"connections": 0, "messages": 0, "rejected": 0, "auth": [],
                      "deliveries": []}
        self.write_stats()

    def write_stats(self):
        if not self.args.stats:
            return
        temp = self.args.stats + ".tmp"
        with open(temp, "w") as f:
            json.dump(self.stats, f)
        os.replace(temp, self.args.stats)

    def update(self, change):
        with self.lock:
            change(self.stats)
            self.write_stats()

    # aiosmtpd hooks -------------------------------------------------------------------------
    def _count_connection(self, server):
        if not getattr(server, "_reviewd_counted", False):
            server._reviewd_counted = True
            self.update(lambda s: s.__setitem__("connections", s["connections"] + 1))

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self._count_connection(server)
        session.host_name = hostname
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):
        self._count_connection(server)
        session.host_name = hostname
        return "250 {}".format(server.hostname)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.reject_code and self.args.reject_at == "rcpt":
            self.update(lambda s: s.__setitem__("rejected", s["rejected"] + 1))
            return REPLIES.get(self.args.reject_code, "{} refused".format(self.args.reject_code))
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.reject_code and self.args.reject_at == "data":
            self.update(lambda s: s.__setitem__("rejected", s["rejected"] + 1))
            return REPLIES.get(self.args.reject_code, "{} refused".format(self.args.reject_code))
        with self.lock:
            self.stats["messages"] += 1
            n = self.stats["messages"]
            name = None
            if self.args.maildir:
                name = os.path.join(self.args.maildir, "{}.eml".format(n))
                with open(name + ".tmp", "wb") as f:
                    f.write(envelope.original_content)
                os.replace(name + ".tmp", name)
            self.stats["deliveries"].append({
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "tls": session.ssl is not None,
                "file": name,
            })
            self.write_stats()
        return "250 2.0.0 OK queued as {}".format(n)

    async def auth_XOAUTH2(self, server, args):
        if len(args) == 2:  # initial response with the command (SASL-IR)
            try:
                decoded = base64.b64decode(args[1], validate=True)
            except Exception:
                return AuthResult(success=False, handled=False,
                                  message="501 5.5.2 Cannot decode base64")
        else:
            decoded = await server.challenge_auth("")
            if not isinstance(decoded, bytes):
                return AuthResult(success=False, handled=True)
        text = decoded.decode("utf-8", "replace")
        fields = dict(part.split("=", 1) for part in text.split("\x01") if "=" in part)
        user = fields.get("user", "")
        bearer = fields.get("auth", "")
        token = bearer[len("Bearer "):] if bearer.startswith("Bearer ") else ""
        ok = bool(token) and (self.args.auth_xoauth2_any or token in self.args.auth_xoauth2_token)
        self.update(lambda s: s["auth"].append({"user": user, "token": token, "ok": ok}))
        if not ok:
            return AuthResult(success=False, handled=False,
                              message="535 5.7.3 Authentication unsuccessful")
        return AuthResult(success=True, auth_data=user)


class BoundController(Controller):
    """A Controller on a socket we bound ourselves, so port 0 works without a race."""

    def __init__(self, handler, sock, **kwargs):
        self.sock = sock
        super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1], **kwargs)

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self.sock)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--maildir")
    parser.add_argument("--stats")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--auth-xoauth2-token", action="append", default=[])
    parser.add_argument("--auth-xoauth2-any", action="store_true")
    parser.add_argument("--reject-code", type=int)
    parser.add_argument("--reject-at", choices=["rcpt", "data"], default="rcpt")
    args = parser.parse_args()
    if args.maildir:
        os.makedirs(args.maildir, exist_ok=True)

    kwargs = {"server_hostname": "sink.test", "enable_SMTPUTF8": False}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        kwargs.update(tls_context=context, require_starttls=True)
    auth = bool(args.auth_xoauth2_token) or args.auth_xoauth2_any
    if auth:
        kwargs.update(auth_required=True, auth_require_tls=bool(args.tls_cert))

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    sock.listen(64)
    controller = BoundController(Recorder(args), sock, **kwargs)
    controller.start()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("READY {}".format(sock.getsockname()[1]), flush=True)
    while not stop.wait(0.5):
        pass
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
