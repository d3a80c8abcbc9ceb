"""The lab's PKI: a root CA in the state directory, host keys (cached) and date-relative
certificates with the weaknesses a business plants (expiry, self-signed, weak keys, SHA-1), and
OCSP responses to staple."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from .base import LabError, names_of, run


def asn1(t: dt.datetime) -> str:
    return t.strftime("%Y%m%d%H%M%SZ")


def make_key(state: Path, kind: str, name: str) -> Path:
    """Cached private key: state/keys/<name>.<kind>.key."""
    kd = state / "keys"
    kd.mkdir(parents=True, exist_ok=True)
    path = kd / f"{name}.{kind}.key"
    if path.exists():
        return path
    if kind == "ec256":
        cmd = ["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
    elif kind.startswith("rsa"):
        cmd = ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{int(kind[3:])}"]
    else:
        raise LabError(f"unknown key kind {kind}")
    tmp = path.with_suffix(".tmp")
    run(cmd + ["-out", str(tmp)])
    tmp.chmod(0o600)
    tmp.rename(path)
    return path


CA_CNF = """\
[ ca ]
default_ca = lab_ca
[ lab_ca ]
dir = {dir}
database = $dir/index.txt
new_certs_dir = $dir/issued
certificate = $dir/ca.pem
private_key = $dir/ca.key
rand_serial = yes
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ policy_any ]
commonName = supplied
organizationName = optional
[ req ]
distinguished_name = dn
[ dn ]
"""


def ensure_ca(state: Path) -> Path:
    ca = state / "ca"
    ca.mkdir(parents=True, exist_ok=True)
    key, pem = ca / "ca.key", ca / "ca.pem"
    if pem.exists():
        r = subprocess.run(["openssl", "x509", "-in", str(pem), "-noout", "-checkend", str(400 * 86400)],
                           capture_output=True)
        if r.returncode == 0:
            return pem
    if not key.exists():
        run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", str(key)])
        key.chmod(0o600)
    (ca / "ca.cnf").write_text(CA_CNF.format(dir=ca))
    run(["openssl", "req", "-config", str(ca / "ca.cnf"), "-new", "-x509", "-key", str(key), "-sha256",
         "-days", "3650", "-subj", "/O=Weerbaar Lab/CN=Weerbaar Lab Root CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
         "-addext", "subjectKeyIdentifier=hash",
         "-out", str(pem)])
    return pem


def reset_ca_db(state: Path) -> None:
    ca = state / "ca"
    (ca / "ca.cnf").write_text(CA_CNF.format(dir=ca))
    (ca / "index.txt").write_text("")
    (ca / "index.txt.attr").write_text("unique_subject = no\n")
    shutil.rmtree(ca / "issued", ignore_errors=True)
    (ca / "issued").mkdir()


def ocsp_response(state: Path, hd: Path, issuer: Path, issuer_key: Path, index: Path, cert: Path) -> Path:
    req, resp = hd / "ocsp-req.der", hd / "ocsp.der"
    run(["openssl", "ocsp", "-issuer", str(issuer), "-cert", str(cert), "-no_nonce", "-reqout", str(req)])
    run(["openssl", "ocsp", "-index", str(index), "-rsigner", str(issuer), "-rkey", str(issuer_key),
         "-CA", str(issuer), "-reqin", str(req), "-respout", str(resp), "-ndays", "7"])
    return resp


def make_cert(state: Path, b: dict, hd: Path, now: dt.datetime) -> dict:
    """Key, certificate and (if the CA can answer for it) an OCSP response for one host."""
    p = b.get("plant", {})
    c = p.get("cert", {})
    kind = p.get("key", "ec256")
    key = make_key(state, kind, b["domain"])
    names = c.get("names", names_of(b))
    san = ",".join(f"DNS:{n}" for n in names)
    start = now + dt.timedelta(days=c.get("valid_from_days", -1))
    end = now + dt.timedelta(days=c.get("valid_until_days", 365))
    md = c.get("md", "sha256")
    cert = hd / "cert.pem"
    ku = "digitalSignature,keyEncipherment" if kind.startswith("rsa") else "digitalSignature"
    ext = hd / "ext.cnf"
    ext.write_text("[ req ]\ndistinguished_name = dn\n[ dn ]\n[ v3 ]\nbasicConstraints = critical,CA:FALSE\n"
                   f"keyUsage = critical,{ku}\nextendedKeyUsage = serverAuth\n"
                   f"subjectAltName = {san}\nsubjectKeyIdentifier = hash\n"
                   # Like most public CAs until 2025 the lab CA names an OCSP responder (nothing
                   # answers there: the OCSP response is stapled from a file). ocsp_url false: a
                   # certificate without one, as Let's Encrypt issues since 2025.
                   + ("authorityInfoAccess = OCSP;URI:http://ocsp.lab-ca.test/\n" if c.get("ocsp_url", True) else ""))
    subj = f"/O={b.get('organisation', b['domain'])}/CN={names[0]}"
    if c.get("self_signed"):
        days = max(1, (end - now).days)
        run(["openssl", "req", "-new", "-x509", "-key", str(key), f"-{md}", "-days", str(days),
             "-subj", subj, "-config", str(ext), "-extensions", "v3", "-out", str(cert)])
        # A one-line index so that the self-signed "issuer" can answer OCSP for itself.
        serial = run(["openssl", "x509", "-in", str(cert), "-noout", "-serial"]).stdout.strip().split("=")[1]
        subject = run(["openssl", "x509", "-in", str(cert), "-noout", "-subject", "-nameopt", "compat"]
                      ).stdout.strip().split("=", 1)[1].strip()
        idx = hd / "self-index.txt"
        idx.write_text(f"V\t{end.strftime('%y%m%d%H%M%SZ')}\t\t{serial}\tunknown\t{subject}\n")
        issuer, issuer_key = cert, key
    else:
        csr = hd / "cert.csr"
        run(["openssl", "req", "-new", "-key", str(key), "-subj", subj, "-config",
             str(state / "ca" / "ca.cnf"), "-out", str(csr)])
        run(["openssl", "ca", "-batch", "-config", str(state / "ca" / "ca.cnf"), "-in", str(csr),
             "-out", str(cert), "-notext", "-md", md, "-startdate", asn1(start), "-enddate", asn1(end),
             "-extfile", str(ext), "-extensions", "v3", "-preserveDN"])
        idx = state / "ca" / "index.txt"
        issuer, issuer_key = state / "ca" / "ca.pem", state / "ca" / "ca.key"
    key_copy = hd / "key.pem"
    shutil.copyfile(key, key_copy)
    key_copy.chmod(0o600)
    ocsp = None
    if p.get("tls", {}).get("ocsp", True):
        ocsp = ocsp_response(state, hd, issuer, issuer_key, idx, cert)
    return {"cert": cert, "key": key_copy, "ocsp": ocsp}
