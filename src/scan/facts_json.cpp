#include "scan/facts_json.hpp"

#include <algorithm>
#include <array>
#include <concepts>
#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/time_text.hpp"

namespace weerbaar::scan {
namespace {
using nlohmann::json;
using nlohmann::ordered_json;
using Bytes = std::vector<std::uint8_t>;

// ---------------------------------------------------------------- what travels
// One describe() per facts struct names each field once, for the writer and the reader alike.
// A field added to a struct and not here fails the unit tests (facts_json_unknown_fields()
// compares the fields each describe() names with the fields the struct has). The JSON names
// are the C++ names.
template <class X, class T>
concept FactsOf = std::same_as<std::remove_const_t<X>, T>;

// Suite code points are written as in the IANA registry ("0xc02f"); other numbers as numbers.
struct CodePoints {};

template <class V, FactsOf<HttpHeader> X>
void describe(V& v, X& x) {
  v("name", x.name);
  v("value", x.value);
}
template <class V, FactsOf<HttpResponse> X>
void describe(V& v, X& x) {
  v("status", x.status);
  v("headers", x.headers);
  v("body", x.body);
  v("body_truncated", x.body_truncated);
}
template <class V, FactsOf<HttpExchange> X>
void describe(V& v, X& x) {
  v("url", x.url);
  v("status", x.status);
  v("error", x.error);
  v("response", x.response);
  v("tls_failure", x.tls_failure);
}
template <class V, FactsOf<PathFetch> X>
void describe(V& v, X& x) {
  v("path", x.path);
  v("exchange", x.exchange);
}
template <class V, FactsOf<WebFacts> X>
void describe(V& v, X& x) {
  v("http_chain", x.http_chain);
  v("https_root", x.https_root);
  v("https_landing", x.https_landing);
  v("security_txt", x.security_txt);
  v("paths", x.paths);
}
template <class V, FactsOf<CertificateInfo> X>
void describe(V& v, X& x) {
  v("subject", x.subject);
  v("issuer", x.issuer);
  v("names", x.names);
  v("not_before", x.not_before);
  v("not_after", x.not_after);
  v("key_type", x.key_type);
  v("key_bits", x.key_bits);
  v("curve", x.curve);
  v("signature_algorithm", x.signature_algorithm);
  v("self_signed", x.self_signed);
  v("ocsp_urls", x.ocsp_urls);
  v("der", x.der);
  v("spki_der", x.spki_der);
}
template <class V, FactsOf<CertificateFacts> X>
void describe(V& v, X& x) {
  v("status", x.status);
  v("error", x.error);
  v("chain", x.chain);
  v("trusted", x.trusted);
  v("verify_error", x.verify_error);
  v("name_matches", x.name_matches);
  v("ocsp_stapled", x.ocsp_stapled);
}
template <class V, FactsOf<KeyExchangeGroup> X>
void describe(V& v, X& x) {
  v("id", x.id);
  v("version", x.version);
}
template <class V, FactsOf<TlsFacts> X>
void describe(V& v, X& x) {
  v("status", x.status);
  v("error", x.error);
  v("versions", x.versions);
  v("suites", x.suites, CodePoints{});
  v("server_order", x.server_order);
  v("groups", x.groups);
  v("dhe_bits", x.dhe_bits);
  v("dhe_is_rfc7919", x.dhe_is_rfc7919);
  v("compression", x.compression);
  v("secure_renegotiation", x.secure_renegotiation);
  v("client_renegotiation", x.client_renegotiation);
  v("extended_master_secret", x.extended_master_secret);
  v("early_data", x.early_data);
  v("certificate", x.certificate);
}
template <class V, FactsOf<CaaRecord> X>
void describe(V& v, X& x) {
  v("flags", x.flags);
  v("tag", x.tag);
  v("value", x.value);
}
template <class V, FactsOf<DnsFacts::NameServer> X>
void describe(V& v, X& x) {
  v("name", x.name);
  v("has_aaaa", x.has_aaaa);
}
template <class V, FactsOf<DnsFacts> X>
void describe(V& v, X& x) {
  v("dnssec", x.dnssec);
  v("dnssec_reason", x.dnssec_reason);
  v("caa_known", x.caa_known);
  v("caa", x.caa);
  v("caa_owner", x.caa_owner);
  v("caa_error", x.caa_error);
  v("aaaa", x.aaaa);
  v("aaaa_error", x.aaaa_error);
  v("ns_known", x.ns_known);
  v("ns_zone", x.ns_zone);
  v("name_servers", x.name_servers);
  v("ns_error", x.ns_error);
}
template <class V, FactsOf<MxRecord> X>
void describe(V& v, X& x) {
  v("preference", x.preference);
  v("host", x.host);
}
template <class V, FactsOf<TxtAnswer> X>
void describe(V& v, X& x) {
  v("name", x.name);
  v("status", x.status);
  v("error", x.error);
  v("records", x.records);
}
template <class V, FactsOf<SpfEvaluation> X>
void describe(V& v, X& x) {
  v("result", x.result);
  v("reason", x.reason);
  v("dns_lookups", x.dns_lookups);
  v("void_lookups", x.void_lookups);
}
template <class V, FactsOf<DkimSelectorLookup> X>
void describe(V& v, X& x) {
  v("selector", x.selector);
  v("txt", x.txt);
}
template <class V, FactsOf<MtaStsFetch> X>
void describe(V& v, X& x) {
  v("url", x.url);
  v("status", x.status);
  v("error", x.error);
  v("certificate_error", x.certificate_error);
  v("http_status", x.http_status);
  v("content_type", x.content_type);
  v("body", x.body);
  v("body_truncated", x.body_truncated);
}
template <class V, FactsOf<MailPolicyFacts> X>
void describe(V& v, X& x) {
  v("mx_status", x.mx_status);
  v("mx_error", x.mx_error);
  v("mx", x.mx);
  v("apex_txt", x.apex_txt);
  v("spf", x.spf);
  v("dmarc", x.dmarc);
  v("dkim", x.dkim);
  v("mta_sts", x.mta_sts);
  v("mta_sts_policy", x.mta_sts_policy);
  v("tls_rpt", x.tls_rpt);
}
template <class V, FactsOf<SmtpFacts> X>
void describe(V& v, X& x) {
  v("status", x.status);
  v("error", x.error);
  v("greeting_code", x.greeting_code);
  v("banner", x.banner);
  v("ehlo", x.ehlo);
  v("starttls_offered", x.starttls_offered);
}
template <class V, FactsOf<TlsaRecord> X>
void describe(V& v, X& x) {
  v("usage", x.usage);
  v("selector", x.selector);
  v("matching", x.matching);
  v("data", x.data);
}
template <class V, FactsOf<MailServerFacts> X>
void describe(V& v, X& x) {
  v("name", x.name);
  v("preference", x.preference);
  v("addresses", x.addresses);
  v("address", x.address);
  v("error", x.error);
  v("no_address", x.no_address);
  v("smtp", x.smtp);
  v("tls", x.tls);
  v("dnssec", x.dnssec);
  v("has_aaaa", x.has_aaaa);
  v("tlsa_status", x.tlsa_status);
  v("tlsa_dnssec", x.tlsa_dnssec);
  v("tlsa", x.tlsa);
  v("tlsa_error", x.tlsa_error);
}
template <class V, FactsOf<MailFacts> X>
void describe(V& v, X& x) {
  v("policy", x.policy);
  v("servers", x.servers);
}
template <class V, FactsOf<ServiceProbe> X>
void describe(V& v, X& x) {
  v("address", x.address);
  v("port", x.port);
  v("service", x.service);
  v("status", x.status);
  v("banner", x.banner);
  v("error", x.error);
  v("recognised", x.recognised);
  v("auth", x.auth);
}
template <class V, FactsOf<ExposureFacts> X>
void describe(V& v, X& x) {
  v("addresses", x.addresses);
  v("probes", x.probes);
  v("reference", x.reference);
}
template <class V, FactsOf<SenderValidation> X>
void describe(V& v, X& x) {
  v("mta_sts_enforce", x.mta_sts_enforce);
  v("dane", x.dane);
  v("dane_ta", x.dane_ta);
}
template <class V, FactsOf<HostFacts> X>
void describe(V& v, X& x) {
  v("host", x.host);
  v("address", x.address);
  v("no_address", x.no_address);
  v("site_host", x.site_host);
  v("scanned_at", x.scanned_at);
  v("web", x.web);
  v("tls", x.tls);
  v("dns", x.dns);
  v("mail", x.mail);
  v("exposure", x.exposure);
  v("mail_server", x.mail_server);
}

// Every value of each enumeration, for reading names back. The unit test checks that the value
// after the last one has no name of its own, so that a new value cannot be forgotten here.
template <class E>
struct Values;
template <>
struct Values<NetStatus> {
  static constexpr std::array all{NetStatus::ok,          NetStatus::timeout,    NetStatus::refused,
                                  NetStatus::unreachable, NetStatus::tls_failed, NetStatus::protocol_error,
                                  NetStatus::too_large,   NetStatus::reset,      NetStatus::closed};
};
template <>
struct Values<TlsFailure> {
  static constexpr std::array all{TlsFailure::none,         TlsFailure::not_tls, TlsFailure::no_common_version,
                                  TlsFailure::unknown_name, TlsFailure::refused, TlsFailure::other};
};
template <>
struct Values<TlsVersion> {
  static constexpr std::array all{TlsVersion::ssl3, TlsVersion::tls1_0, TlsVersion::tls1_1, TlsVersion::tls1_2,
                                  TlsVersion::tls1_3};
};
template <>
struct Values<DnssecStatus> {
  static constexpr std::array all{DnssecStatus::secure, DnssecStatus::insecure, DnssecStatus::bogus,
                                  DnssecStatus::unknown};
};
template <>
struct Values<LookupStatus> {
  static constexpr std::array all{LookupStatus::ok, LookupStatus::nodata, LookupStatus::nxdomain, LookupStatus::failed};
};
template <>
struct Values<mail::spf::SpfResult> {
  using R = mail::spf::SpfResult;
  static constexpr std::array all{R::none, R::neutral, R::pass, R::fail, R::softfail, R::temperror, R::permerror};
};
template <>
struct Values<ServiceAuth> {
  static constexpr std::array all{ServiceAuth::unknown, ServiceAuth::none, ServiceAuth::required};
};

template <class T>
concept Enum = std::is_enum_v<T>;

struct Probe {
  template <class T, class... Tag>
  void operator()(const char* /*key*/, T& /*value*/, Tag... /*tag*/) {}
};
template <class T>
concept Described = requires(Probe& p, T& x) {
  describe(p, x);
};

// ---------------------------------------------------------------- writing
constexpr std::string_view kHex = "0123456789abcdef";

std::string hex(const Bytes& b) {
  std::string out;
  out.reserve(b.size() * 2);
  for (auto c : b) {
    out += kHex[c >> 4U];
    out += kHex[c & 0xfU];
  }
  return out;
}

std::string code_point(std::uint16_t v) {
  std::string out = "0x";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(v >> static_cast<unsigned>(shift)) & 0xfU];
  return out;
}

ordered_json value_of(const std::string& s) {
  return s;
}
ordered_json value_of(bool b) {
  return b;
}
ordered_json value_of(int i) {
  return i;
}
ordered_json value_of(std::uint8_t i) {
  return i;
}
ordered_json value_of(std::uint16_t i) {
  return i;
}
ordered_json value_of(const Bytes& b) {
  return hex(b);
}
ordered_json value_of(std::chrono::system_clock::time_point t) {
  return iso8601_utc_exact(t);
}
template <Enum E>
ordered_json value_of(E e) {
  return std::string(to_string(e));
}
template <class T>
ordered_json value_of(const std::optional<T>& o);
template <class T>
ordered_json value_of(const std::vector<T>& v);
template <class T>
ordered_json value_of(const std::map<TlsVersion, T>& m);
template <Described T>
ordered_json value_of(const T& x);

template <class T>
ordered_json value_of(const std::optional<T>& o) {
  return o ? value_of(*o) : ordered_json(nullptr);
}
template <class T>
ordered_json value_of(const std::vector<T>& v) {
  ordered_json out = ordered_json::array();
  for (const auto& e : v) out.push_back(value_of(e));
  return out;
}
template <class T>
ordered_json value_of(const std::map<TlsVersion, T>& m) {
  ordered_json out = ordered_json::object();
  for (const auto& [version, e] : m) out[std::string(to_string(version))] = value_of(e);
  return out;
}

class Out {
 public:
  explicit Out(ordered_json& j) : j_(j) {}
  template <class T>
  void operator()(const char* key, const T& value) {
    j_[key] = value_of(value);
  }
  void operator()(const char* key, const std::map<TlsVersion, std::vector<std::uint16_t>>& suites, CodePoints) {
    ordered_json out = ordered_json::object();
    for (const auto& [version, list] : suites) {
      ordered_json codes = ordered_json::array();
      for (auto c : list) codes.push_back(code_point(c));
      out[std::string(to_string(version))] = std::move(codes);
    }
    j_[key] = std::move(out);
  }

 private:
  ordered_json& j_;
};

template <Described T>
ordered_json value_of(const T& x) {
  ordered_json j = ordered_json::object();
  Out out{j};
  describe(out, x);
  return j;
}

// ---------------------------------------------------------------- reading
[[noreturn]] void bad(const std::string& path, const std::string& what) {
  throw FactsError((path.empty() ? std::string("facts") : path) + ": " + what);
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

void read(const json& j, const std::string& path, std::string& out) {
  if (!j.is_string()) bad(path, "expected a string");
  out = j.get<std::string>();
}
void read(const json& j, const std::string& path, bool& out) {
  if (!j.is_boolean()) bad(path, "expected true or false");
  out = j.get<bool>();
}
template <std::integral I>
void read_integer(const json& j, const std::string& path, I& out) {
  if (!j.is_number_integer()) bad(path, "expected a whole number");
  const auto v = j.get<std::int64_t>();
  if (v < std::numeric_limits<I>::min() || v > std::numeric_limits<I>::max()) bad(path, "number out of range");
  out = static_cast<I>(v);
}
void read(const json& j, const std::string& path, int& out) {
  read_integer(j, path, out);
}
void read(const json& j, const std::string& path, std::uint8_t& out) {
  read_integer(j, path, out);
}
void read(const json& j, const std::string& path, std::uint16_t& out) {
  read_integer(j, path, out);
}

int hex_digit(char c) {
  const auto at = kHex.find(static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c));
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

void read(const json& j, const std::string& path, Bytes& out) {
  if (!j.is_string()) bad(path, "expected hexadecimal bytes as a string");
  const auto& s = j.get_ref<const std::string&>();
  if (s.size() % 2 != 0) bad(path, "odd number of hexadecimal digits");
  out.clear();
  out.reserve(s.size() / 2);
  for (std::size_t i = 0; i < s.size(); i += 2) {
    const int hi = hex_digit(s[i]);
    const int lo = hex_digit(s[i + 1]);
    if (hi < 0 || lo < 0) bad(path, "not a hexadecimal digit");
    out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
}
void read(const json& j, const std::string& path, std::chrono::system_clock::time_point& out) {
  if (!j.is_string()) bad(path, "expected a UTC time such as 2026-11-23T21:40:00Z");
  auto t = parse_iso8601_utc(j.get_ref<const std::string&>());
  if (!t) bad(path, "expected a UTC time such as 2026-11-23T21:40:00Z");
  out = *t;
}
template <Enum E>
E enum_named(std::string_view name, const std::string& path) {
  for (E e : Values<E>::all) {
    if (to_string(e) == name) return e;
  }
  std::string known;
  for (E e : Values<E>::all) known += std::string(known.empty() ? "" : ", ") + std::string(to_string(e));
  bad(path, "unknown value '" + std::string(name) + "' (known: " + known + ")");
}
template <Enum E>
void read(const json& j, const std::string& path, E& out) {
  if (!j.is_string()) bad(path, "expected a name");
  out = enum_named<E>(j.get_ref<const std::string&>(), path);
}
template <class T>
void read(const json& j, const std::string& path, std::optional<T>& out);
template <class T>
void read(const json& j, const std::string& path, std::vector<T>& out);
template <class T>
void read(const json& j, const std::string& path, std::map<TlsVersion, T>& out);
template <Described T>
void read(const json& j, const std::string& path, T& out);

template <class T>
void read(const json& j, const std::string& path, std::optional<T>& out) {
  if (j.is_null()) {
    out.reset();
    return;
  }
  T v{};
  read(j, path, v);
  out = std::move(v);
}
template <class T>
void read(const json& j, const std::string& path, std::vector<T>& out) {
  if (!j.is_array()) bad(path, "expected a list");
  out.clear();
  for (std::size_t i = 0; i < j.size(); ++i) {
    T v{};
    read(j[i], path + "[" + std::to_string(i) + "]", v);
    out.push_back(std::move(v));
  }
}
template <class T>
void read(const json& j, const std::string& path, std::map<TlsVersion, T>& out) {
  if (!j.is_object()) bad(path, "expected an object keyed by TLS version");
  out.clear();
  for (const auto& [name, e] : j.items()) {
    const std::string at = join(path, name);
    read(e, at, out[enum_named<TlsVersion>(name, at)]);
  }
}

class In {
 public:
  In(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) bad(path_, "expected an object");
  }
  template <class T>
  void operator()(const char* key, T& value) {
    if (const json* e = take(key)) read(*e, join(path_, key), value);
  }
  void operator()(const char* key, std::map<TlsVersion, std::vector<std::uint16_t>>& suites, CodePoints) {
    const json* e = take(key);
    if (e == nullptr) return;
    const std::string at = join(path_, key);
    if (!e->is_object()) bad(at, "expected an object keyed by TLS version");
    suites.clear();
    for (const auto& [name, list] : e->items()) {
      const std::string version_at = join(at, name);
      auto& codes = suites[enum_named<TlsVersion>(name, version_at)];
      if (!list.is_array()) bad(version_at, "expected a list of code points such as \"0xc02f\"");
      for (const auto& c : list) {
        const bool ok = c.is_string() && c.get_ref<const std::string&>().size() == 6 &&
                        c.get_ref<const std::string&>().starts_with("0x");
        Bytes two;
        if (ok) read(json(c.get_ref<const std::string&>().substr(2)), version_at, two);
        if (!ok || two.size() != 2) bad(version_at, "expected a code point such as \"0xc02f\"");
        codes.push_back(static_cast<std::uint16_t>(two[0] << 8U | two[1]));
      }
    }
  }
  // Every field of the object must have been known.
  void finish() const {
    for (const auto& [key, _] : j_.items()) {
      if (seen_.count(key) == 0) bad(join(path_, key), "unknown field");
    }
  }

 private:
  // Marks key as known; nullptr when the object leaves it out (the default stays).
  const json* take(const char* key) {
    seen_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }
  const json& j_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
};

template <Described T>
void read(const json& j, const std::string& path, T& out) {
  In in{j, path};
  describe(in, out);
  in.finish();
}

// ---------------------------------------------------------------- the field guard
// Counts an aggregate's fields: the most initialisers T{...} takes from a value that converts
// to anything (each initialises one field whole, so nested aggregates count once).
struct AnyField {
  // Never called, only overloaded on. Defined all the same: clang treats the use inside a
  // requires-expression as needing a definition (-Wundefined-internal in the sanitizer build).
  template <class T>
  operator T() const {  // NOLINT(google-explicit-constructor)
    throw std::logic_error("AnyField is never converted");
  }
};
template <class T, std::size_t... I>
constexpr bool takes(std::index_sequence<I...> /*unused*/) {
  return requires {
    T{(void(I), AnyField{})...};
  };
}
template <class T, std::size_t N = 0>
constexpr std::size_t field_count() {
  if constexpr (N > 64 || !takes<T>(std::make_index_sequence<N + 1>{})) {
    return N;
  } else {
    return field_count<T, N + 1>();
  }
}

struct Counter {
  std::size_t n = 0;
  template <class T, class... Tag>
  void operator()(const char* /*key*/, const T& /*value*/, Tag... /*tag*/) {
    ++n;
  }
};

template <class T>
void check_described(std::vector<std::string>& out, const char* name) {
  Counter c;
  const T x{};
  describe(c, x);
  if (c.n != field_count<T>()) {
    out.push_back(std::string(name) + " has " + std::to_string(field_count<T>()) + " fields, facts_json.cpp names " +
                  std::to_string(c.n));
  }
}

// The value after the last listed one must have no name of its own: otherwise the enumeration grew.
template <Enum E>
void check_values(std::vector<std::string>& out, const char* name) {
  const auto last = static_cast<std::underlying_type_t<E>>(Values<E>::all.back());
  const auto next = static_cast<E>(last + 1);
  const std::string_view next_name = to_string(next);
  const std::string_view fallback = to_string(static_cast<E>(last + 100));  // what to_string says of no value
  if (next_name != fallback) {
    out.push_back(std::string(name) + " has a value '" + std::string(next_name) +
                  "' that facts_json.cpp does not list");
  }
}

}  // namespace

std::vector<std::string> facts_json_unknown_fields() {
  std::vector<std::string> out;
  check_values<NetStatus>(out, "NetStatus");
  check_values<TlsFailure>(out, "TlsFailure");
  check_values<TlsVersion>(out, "TlsVersion");
  check_values<DnssecStatus>(out, "DnssecStatus");
  check_values<LookupStatus>(out, "LookupStatus");
  check_values<mail::spf::SpfResult>(out, "SpfResult");
  check_values<ServiceAuth>(out, "ServiceAuth");
  check_described<HttpHeader>(out, "HttpHeader");
  check_described<HttpResponse>(out, "HttpResponse");
  check_described<HttpExchange>(out, "HttpExchange");
  check_described<PathFetch>(out, "PathFetch");
  check_described<WebFacts>(out, "WebFacts");
  check_described<CertificateInfo>(out, "CertificateInfo");
  check_described<CertificateFacts>(out, "CertificateFacts");
  check_described<KeyExchangeGroup>(out, "KeyExchangeGroup");
  check_described<TlsFacts>(out, "TlsFacts");
  check_described<CaaRecord>(out, "CaaRecord");
  check_described<DnsFacts::NameServer>(out, "DnsFacts::NameServer");
  check_described<DnsFacts>(out, "DnsFacts");
  check_described<MxRecord>(out, "MxRecord");
  check_described<TxtAnswer>(out, "TxtAnswer");
  check_described<SpfEvaluation>(out, "SpfEvaluation");
  check_described<DkimSelectorLookup>(out, "DkimSelectorLookup");
  check_described<MtaStsFetch>(out, "MtaStsFetch");
  check_described<MailPolicyFacts>(out, "MailPolicyFacts");
  check_described<SmtpFacts>(out, "SmtpFacts");
  check_described<TlsaRecord>(out, "TlsaRecord");
  check_described<MailServerFacts>(out, "MailServerFacts");
  check_described<MailFacts>(out, "MailFacts");
  check_described<ServiceProbe>(out, "ServiceProbe");
  check_described<ExposureFacts>(out, "ExposureFacts");
  check_described<SenderValidation>(out, "SenderValidation");
  check_described<HostFacts>(out, "HostFacts");
  return out;
}

nlohmann::ordered_json facts_to_json(const HostFacts& facts) {
  return value_of(facts);
}

HostFacts facts_from_json(const nlohmann::json& j) {
  HostFacts out;
  read(j, "", out);
  return out;
}

std::string write_facts_document(const HostFacts& facts) {
  ordered_json doc;
  doc["schema"] = std::string(kFactsSchema);
  doc["tool"] = {{"name", "weerbaar"}, {"version", WEERBAAR_VERSION}};
  // Kept in a variable: a range-for over facts_to_json(...).items() would walk a destroyed temporary.
  ordered_json body = facts_to_json(facts);
  for (auto& [key, value] : body.items()) doc[key] = std::move(value);
  return doc.dump(2) + "\n";
}

HostFacts read_facts_document(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) throw FactsError("not JSON");
  if (!j.is_object() || !j.contains("schema") || j["schema"] != kFactsSchema) {
    throw FactsError("not weerbaar facts (schema " + std::string(kFactsSchema) + ")");
  }
  j.erase("schema");
  j.erase("tool");
  return facts_from_json(j);
}

}  // namespace weerbaar::scan
