"""Maps the load harness's fake host names to 127.0.0.1 for mitmproxy (its /etc/hosts without root).

Sieve gets the same mapping from `upstream.resolve` and Squid from `hosts_file`. The names come from the
environment variable SIEVE_BENCH_RESOLVE ("name=ip,name=ip"). Only the TCP destination changes: SNI and the
upstream certificate check still use the original name, so every route verifies the same certificate.
"""
import os

_MAP = dict(
    pair.split("=", 1) for pair in os.environ.get("SIEVE_BENCH_RESOLVE", "").split(",") if "=" in pair
)


def server_connect(data):
    """mitmproxy's hook before it opens an upstream connection (data: ServerConnectionHookData)."""
    host, port = data.server.address
    ip = _MAP.get(host)
    if ip is not None:
        if data.server.sni is None:
            data.server.sni = host
        data.server.address = (ip, port)
