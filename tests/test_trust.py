"""One verifying context per CA bundle version: handed out again while the bundle is unchanged, read again when it
changes or when OpenSSL is pointed at another system store."""

import os

import pytest
import trustme

from dzdesk.trust import TrustError, trusting_context


def _subjects(context):
    return {dict(item[0] for item in cert["subject"]).get("organizationName") for cert in context.get_ca_certs()}


def test_the_same_bundle_gives_the_same_context_until_it_changes(tmp_path):
    bundle = tmp_path / "team-ca.pem"
    first_ca, second_ca = trustme.CA(organization_name="一组 CA"), trustme.CA(organization_name="二组 CA")
    first_ca.cert_pem.write_to_path(str(bundle))
    first = trusting_context(str(bundle))
    assert trusting_context(str(bundle)) is first
    assert "一组 CA" in _subjects(first)

    second_ca.cert_pem.write_to_path(str(bundle))
    os.utime(bundle, ns=(bundle.stat().st_atime_ns, bundle.stat().st_mtime_ns + 1_000_000))
    second = trusting_context(str(bundle))
    assert second is not first
    assert "二组 CA" in _subjects(second) and "一组 CA" not in _subjects(second)


def test_another_system_store_gives_another_context(tmp_path, monkeypatch):
    ca = trustme.CA(organization_name="系统 CA")
    ca.cert_pem.write_to_path(str(tmp_path / "system.pem"))
    before = trusting_context()
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "system.pem"))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    after = trusting_context()
    assert after is not before and trusting_context() is after


def test_a_bundle_that_goes_bad_is_refused_each_time(tmp_path):
    bundle = tmp_path / "team-ca.pem"
    bundle.write_text("not a certificate", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(TrustError, match="cannot be read"):
            trusting_context(str(bundle))
    bundle.unlink()
    with pytest.raises(TrustError, match="does not exist"):
        trusting_context(str(bundle))
