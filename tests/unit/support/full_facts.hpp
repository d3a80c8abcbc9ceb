#pragma once
// HostFacts with every field of every facts struct set to a value other than its default: for
// the tests that facts and reports travel whole.
#include <chrono>
#include <string>
#include <string_view>

#include "scan/facts.hpp"

namespace weerbaar::scan::facts_samples {
using namespace std::chrono_literals;

inline std::chrono::system_clock::time_point at(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / m / d};
}

inline TlsFacts full_tls(std::string_view name) {
  TlsFacts t;
  t.status = NetStatus::ok;
  t.error = "none";
  t.versions = {{TlsVersion::tls1_0, false}, {TlsVersion::tls1_2, true}, {TlsVersion::tls1_3, true}};
  t.suites = {{TlsVersion::tls1_2, {0xc02f, 0x009c}}, {TlsVersion::tls1_3, {0x1301}}};
  t.server_order = true;
  t.groups = {{29, TlsVersion::tls1_3}, {23, TlsVersion::tls1_2}};
  t.dhe_bits = 2048;
  t.dhe_is_rfc7919 = false;
  t.compression = false;
  t.secure_renegotiation = true;
  t.client_renegotiation = false;
  t.extended_master_secret = true;
  t.early_data = false;
  t.certificate.status = NetStatus::ok;
  t.certificate.error = "e";
  CertificateInfo c;
  c.subject = "CN=" + std::string(name);
  c.issuer = "CN=Lab CA";
  c.names = {std::string(name), "www." + std::string(name)};
  c.not_before = at(2026, 1, 1);
  c.not_after = at(2027, 1, 1) + 12h + 250ms;
  c.key_type = "EC";
  c.key_bits = 256;
  c.curve = "prime256v1";
  c.signature_algorithm = "ecdsa-with-SHA256";
  c.self_signed = true;
  c.ocsp_urls = {"http://ocsp.lab.test/"};
  c.der = {0x30, 0x82, 0x00, 0xff};
  c.spki_der = {0x30, 0x59};
  t.certificate.chain = {c, c};
  t.certificate.trusted = true;
  t.certificate.verify_error = "v";
  t.certificate.name_matches = true;
  t.certificate.ocsp_stapled = true;
  return t;
}

// Every field of every facts struct set, to a value other than its default.
inline HostFacts full_facts() {
  HostFacts f;
  f.host = "bakkerij-jansen.test";
  f.address = "127.60.0.10";
  f.scanned_at = at(2026, 11, 23) + 21h + 40min + 123456789ns;

  WebFacts w;
  HttpExchange ex;
  ex.url = "http://bakkerij-jansen.test/";
  ex.status = NetStatus::ok;
  ex.error = "x";
  ex.response =
      HttpResponse{301, {{"location", "https://bakkerij-jansen.test/"}, {"set-cookie", "a=b"}}, "moved\n", true};
  w.http_chain = {ex, HttpExchange{"https://bakkerij-jansen.test/", NetStatus::timeout, "timed out", std::nullopt}};
  w.https_root = ex;
  w.https_root.tls_failure = TlsFailure::unknown_name;
  w.security_txt =
      HttpExchange{"https://bakkerij-jansen.test/.well-known/security.txt", NetStatus::too_large, "big", {}};
  f.web = w;
  f.tls = full_tls("bakkerij-jansen.test");

  DnsFacts d;
  d.dnssec = DnssecStatus::bogus;
  d.dnssec_reason = "signature expired";
  d.caa_known = true;
  d.caa = {{128, "issue", "letsencrypt.org"}};
  d.caa_owner = "bakkerij-jansen.test";
  d.caa_error = "c";
  d.aaaa = std::vector<std::string>{"2001:db8::1"};
  d.aaaa_error = "a";
  d.ns_known = true;
  d.ns_zone = "test";
  d.name_servers = {{"ns1.test", true}, {"ns2.test", std::nullopt}};
  d.ns_error = "n";
  f.dns = d;

  MailFacts m;
  m.policy.mx_status = LookupStatus::ok;
  m.policy.mx_error = "m";
  m.policy.mx = {{10, "mx.bakkerij-jansen.test"}, {0, ""}};
  m.policy.apex_txt = {"bakkerij-jansen.test", LookupStatus::ok, "t", {"v=spf1 -all", "other"}};
  m.policy.spf = SpfEvaluation{mail::spf::SpfResult::softfail, "r", 3, 1};
  m.policy.dmarc = {"_dmarc.bakkerij-jansen.test", LookupStatus::nxdomain, "", {}};
  m.policy.dkim = {{"selector1", {"selector1._domainkey.bakkerij-jansen.test", LookupStatus::failed, "timeout", {}}}};
  m.policy.mta_sts = {"_mta-sts.bakkerij-jansen.test", LookupStatus::nodata, "", {}};
  m.policy.mta_sts_policy = MtaStsFetch{"https://mta-sts.bakkerij-jansen.test/.well-known/mta-sts.txt",
                                        NetStatus::tls_failed,
                                        "handshake",
                                        "expired",
                                        404,
                                        "text/plain",
                                        "version: STSv1\n",
                                        true};
  m.policy.tls_rpt = {"_smtp._tls.bakkerij-jansen.test", LookupStatus::ok, "", {"v=TLSRPTv1; rua=mailto:a@b"}};
  MailServerFacts s;
  s.name = "mx.bakkerij-jansen.test";
  s.preference = 10;
  s.addresses = {"127.60.0.11", "::1"};
  s.address = "127.60.0.11";
  s.error = "e";
  s.no_address = true;
  s.smtp = {NetStatus::protocol_error, "bad", 220, "220 mx ESMTP", {"STARTTLS", "SIZE 10240000"}, true};
  s.tls = full_tls("mx.bakkerij-jansen.test");
  s.dnssec = DnssecStatus::secure;
  s.has_aaaa = false;
  s.tlsa_status = LookupStatus::ok;
  s.tlsa_dnssec = DnssecStatus::insecure;
  s.tlsa = {{3, 1, 1, {0xde, 0xad, 0xbe, 0xef}}};
  s.tlsa_error = "t";
  m.servers = {s};
  f.mail = m;

  ExposureFacts e;
  e.addresses = {"127.60.0.10", "127.60.0.11"};
  e.probes = {{"127.60.0.10", 6379, "redis", NetStatus::ok, "+PONG", "", true, ServiceAuth::none},
              {"127.60.0.10", 3389, "rdp", NetStatus::refused, "", "refused", false, ServiceAuth::unknown}};
  e.reference = {{"127.60.0.11", 443, "https", NetStatus::unreachable, "", "no route", false, ServiceAuth::required}};
  f.exposure = e;
  f.no_address = true;
  f.mail_server = SenderValidation{.mta_sts_enforce = true, .dane = true, .dane_ta = true};
  return f;
}

}  // namespace weerbaar::scan::facts_samples
