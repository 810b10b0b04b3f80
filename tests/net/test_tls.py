"""TLS: a host with --cert/--key serves wss://, and a client that trusts the certificate joins
(127.0.0.1 only; the certificate is made for the test with the openssl command)."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest

from game.net.client import Client
from game.net.hosting import HostThread
from game.net.server import Host
from game.realtime import RealClock
from game.table.table import Table
from tests.table.helpers import scenario

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


@pytest.fixture
def cert(tmp_path):
    key, crt = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(crt)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return crt, key


def test_a_client_that_trusts_the_certificate_joins_over_tls_and_plain_ws_is_refused(cert):
    crt, key = cert
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(crt, key)
    table = Table(scenario("tutorial"), clock=RealClock(), seed=1)
    thread = HostThread(
        Host(table, code="ABC234", facilitator_key="k"), "127.0.0.1", 0, tls=server_ctx
    )
    port = thread.start()
    try:
        trusted = ssl.create_default_context(cafile=str(crt))
        ok = Client(f"wss://127.0.0.1:{port}", seat="projector", code="ABC234", tls=trusted)
        assert ok.start().welcomed.wait(30)  # (a bound, not a goal: a loaded CI machine is slow)
        ok.close()
        plain = Client(f"ws://127.0.0.1:{port}", seat="projector", code="ABC234", reconnect=False)
        plain.start()
        assert not plain.welcomed.wait(3)
        plain.close()
        untrusted = Client(
            f"wss://127.0.0.1:{port}", seat="projector", code="ABC234", reconnect=False,
            tls=ssl.create_default_context(),
        )  # fmt: skip
        untrusted.start()
        assert not untrusted.welcomed.wait(3)
        untrusted.close()
    finally:
        thread.stop()
