"""pyftpdlib test server for @ftpdeck/test-servers.

Usage: python3 pyftpdlib_server.py CONFIG.json

The pyftpdlib CLI has no TLS, anonymous-upload or FEAT switches, hence this
small wrapper. CONFIG keys: port, passive ([min, max]), root, user, password,
anonymous (bool), upload_dir (absolute path or null), tls ("none" |
"explicit"), cert, key, require_tls (bool), tls_version ("TLSv1.2" |
"TLSv1.3" | null), utf8 (true | false | null), local_times (bool: LIST, MDTM
and MLSD in the TZ zone's local time), mlst (false: no MLST/MLSD at all, so
FEAT does not list MLST | null).
"""
import json
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

FULL_PERMS = "elradfmwMT"


def make_handler(cfg):
    base = FTPHandler
    if cfg["tls"] != "none":
        from OpenSSL import SSL
        from pyftpdlib.handlers import TLS_FTPHandler

        base = TLS_FTPHandler
        context = SSL.Context(SSL.TLS_METHOD)
        context.use_certificate_chain_file(cfg["cert"])
        context.use_privatekey_file(cfg["key"])
        context.set_options(SSL.OP_NO_COMPRESSION)
        # Clients resume the control connection's session on data connections;
        # without a session id context OpenSSL fails that resumption and the
        # data connection is reset.
        context.set_session_id(b"ftpdeck-pyftpdlib")
        versions = {"TLSv1.2": SSL.TLS1_2_VERSION, "TLSv1.3": SSL.TLS1_3_VERSION}
        if cfg.get("tls_version"):
            context.set_min_proto_version(versions[cfg["tls_version"]])
            context.set_max_proto_version(versions[cfg["tls_version"]])
        else:
            context.set_min_proto_version(SSL.TLS1_2_VERSION)

    class Handler(base):
        # Without "UTF8" in FEAT when the test asks for a server that does not
        # announce it; pyftpdlib always lists it otherwise.
        def ftp_FEAT(self, line):
            if cfg.get("utf8") is not False:
                return super().ftp_FEAT(line)
            original_push = self.push

            def push_without_utf8(data):
                original_push(data.replace(" UTF8\r\n", ""))

            self.push = push_without_utf8
            try:
                return super().ftp_FEAT(line)
            finally:
                self.push = original_push

    if cfg.get("local_times"):
        Handler.use_gmt_times = False
    if cfg.get("mlst") is False:
        Handler.proto_cmds = {k: v for k, v in base.proto_cmds.items() if k not in ("MLST", "MLSD")}

    if cfg["tls"] != "none":
        Handler.ssl_context = context
        Handler.tls_control_required = bool(cfg.get("require_tls"))
        Handler.tls_data_required = bool(cfg.get("require_tls"))

    authorizer = DummyAuthorizer()
    authorizer.add_user(cfg["user"], cfg["password"], cfg["root"], perm=FULL_PERMS)
    if cfg.get("anonymous"):
        authorizer.add_anonymous(cfg["root"], perm="elr")
        if cfg.get("upload_dir"):
            authorizer.override_perm("anonymous", cfg["upload_dir"], "elradfmw", recursive=True)
    Handler.authorizer = authorizer
    Handler.passive_ports = range(cfg["passive"][0], cfg["passive"][1] + 1)
    Handler.permit_foreign_addresses = False
    Handler.banner = "pyftpdlib test server ready."
    return Handler


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cfg = json.load(f)
    server = FTPServer(("127.0.0.1", cfg["port"]), make_handler(cfg))
    server.max_cons = 256
    server.max_cons_per_ip = 0
    server.serve_forever(handle_exit=True)


if __name__ == "__main__":
    main()
