"""``dragoman serve`` refuses to expose the store off loopback without a token."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dragoman.cli import app
from dragoman.web.auth import is_loopback


@pytest.mark.parametrize(
    ("host", "expected"),
    [("127.0.0.1", True), ("::1", True), ("localhost", True), ("127.0.0.2", True), ("0.0.0.0", False),
     ("192.168.1.10", False), ("example.org", False), ("::", False)],
)  # fmt: skip
def test_serve_loopback_hosts(host, expected):
    assert is_loopback(host) is expected


def test_serve_refuses_a_public_host_without_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("DRAGOMAN_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "x.duckdb"), "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert "--token or $DRAGOMAN_TOKEN" in result.output
    assert not (tmp_path / "x.duckdb").exists()


def test_serve_is_registered_with_its_options():
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token"):
        assert option in result.output
