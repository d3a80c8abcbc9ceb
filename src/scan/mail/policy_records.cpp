#include "scan/mail/policy_records.hpp"

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <set>

#include "scan/dns/wire.hpp"

namespace weerbaar::scan::mail {
namespace {

bool is_wsp(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_wsp(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_wsp(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return lower(a) == lower(b);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

const std::string* find_tag(const TagList& tags, std::string_view name) {
  for (const auto& [n, v] : tags) {
    if (n == name) return &v;
  }
  return nullptr;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    auto pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

// A mailto: URI with something@something after it (RFC 6068, only as far as reports need).
bool is_mailto(std::string_view uri) {
  if (!starts_with_ci(uri, "mailto:")) return false;
  std::string_view addr = uri.substr(7);
  auto q = addr.find('?');
  if (q != std::string_view::npos) addr = addr.substr(0, q);
  auto at = addr.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= addr.size()) return false;
  return std::none_of(addr.begin(), addr.end(), [](char c) { return is_wsp(c) || c == ',' || c == ';'; });
}

bool is_https_uri(std::string_view uri) {
  return starts_with_ci(uri, "https://") && uri.size() > 8 &&
         std::none_of(uri.begin(), uri.end(), [](char c) { return is_wsp(c) || c == ','; });
}

std::optional<DmarcPolicy> dmarc_policy(std::string_view v) {
  std::string l = lower(v);
  if (l == "none") return DmarcPolicy::none;
  if (l == "quarantine") return DmarcPolicy::quarantine;
  if (l == "reject") return DmarcPolicy::reject;
  return std::nullopt;
}

template <typename Int>
std::optional<Int> parse_uint(std::string_view s, std::size_t max_digits) {
  if (s.empty() || s.size() > max_digits || !std::all_of(s.begin(), s.end(), is_digit)) return std::nullopt;
  Int v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<TagList> parse_tag_list(std::string_view text, std::string& error) {
  TagList tags;
  std::set<std::string, std::less<>> seen;  // a lookup in tags per tag would be quadratic
  auto parts = split(text, ';');
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = trim(parts[i]);
    if (part.empty()) {
      if (i + 1 == parts.size()) break;  // a trailing ';'
      error = "an empty element between two ';'";
      return std::nullopt;
    }
    auto eq = part.find('=');
    if (eq == std::string_view::npos) {
      error = "'" + std::string(part) + "' is not tag=value";
      return std::nullopt;
    }
    std::string_view name = trim(part.substr(0, eq));
    std::string_view value = trim(part.substr(eq + 1));
    if (name.empty() || !is_alpha(name.front()) ||
        !std::all_of(name.begin(), name.end(), [](char c) { return is_alpha(c) || is_digit(c) || c == '_'; })) {
      error = "'" + std::string(name) + "' is not a valid tag name";
      return std::nullopt;
    }
    std::string key = lower(name);
    if (!seen.insert(key).second) {
      error = "the tag " + key + "= appears twice";
      return std::nullopt;
    }
    tags.emplace_back(std::move(key), std::string(value));
  }
  return tags;
}

// ---------------------------------------------------------------- DMARC
std::string_view to_string(DmarcPolicy p) {
  switch (p) {
    case DmarcPolicy::none: return "none";
    case DmarcPolicy::quarantine: return "quarantine";
    case DmarcPolicy::reject: return "reject";
  }
  return "?";
}

bool is_dmarc_candidate(std::string_view txt) {
  return lower(txt).find("v=dmarc1") != std::string::npos;
}

DmarcParse parse_dmarc(std::string_view txt) {
  DmarcParse out;
  auto tags = parse_tag_list(txt, out.error);
  if (!tags) return out;
  // §6.4: v=DMARC1 first, exactly so.
  if (tags->empty() || tags->front().first != "v" || tags->front().second != "DMARC1") {
    out.error = "the record does not start with v=DMARC1";
    return out;
  }
  DmarcRecord r;
  const std::string* p = find_tag(*tags, "p");
  if (p == nullptr) {
    out.error = "the policy tag p= is missing";
    return out;
  }
  auto policy = dmarc_policy(*p);
  if (!policy) {
    out.error = "p=" + *p + " is not none, quarantine or reject";
    return out;
  }
  r.policy = *policy;
  if (const std::string* sp = find_tag(*tags, "sp")) {
    r.subdomain_policy = dmarc_policy(*sp);
    if (!r.subdomain_policy) {
      out.error = "sp=" + *sp + " is not none, quarantine or reject";
      return out;
    }
  }
  if (const std::string* rua = find_tag(*tags, "rua")) {
    for (auto uri : split(*rua, ',')) {
      uri = trim(uri);
      auto bang = uri.find('!');  // an optional size limit: mailto:a@b.example!10m
      std::string_view address = uri.substr(0, bang);
      if (!is_mailto(address) && !is_https_uri(address)) {
        out.error = "rua=" + std::string(uri) + " is not a mailto: address";
        return out;
      }
      r.rua.emplace_back(address);
    }
  }
  if (const std::string* pct = find_tag(*tags, "pct")) {
    auto v = parse_uint<int>(*pct, 3);
    if (!v || *v > 100) {
      out.error = "pct=" + *pct + " is not a number from 0 to 100";
      return out;
    }
    r.pct = *v;
  }
  for (const char* flag : {"adkim", "aspf"}) {
    if (const std::string* a = find_tag(*tags, flag)) {
      if (!iequals(*a, "r") && !iequals(*a, "s")) {
        out.error = std::string(flag) + "=" + *a + " is not r or s";
        return out;
      }
    }
  }
  out.record = std::move(r);
  return out;
}

// ---------------------------------------------------------------- DKIM
const std::vector<std::string>& dkim_selectors() {
  static const std::vector<std::string> selectors{
      "default",    // cPanel, DirectAdmin, Plesk and many Dutch shared hosters
      "dkim",       // common hand-made choice
      "mail",       // idem
      "selector1",  // Microsoft 365
      "selector2",  // Microsoft 365 (the key it rotates to)
      "google",     // Google Workspace
      "k1",         // Mailchimp, Mailjet and other mailing services
      "k2",         // idem, rotation
      "s1",         // SendGrid and others
      "s2",         // idem, rotation
      "mxvault",    // mxroute-like hosters
      "smtp",       // common hand-made choice
  };
  return selectors;
}

std::optional<std::string> decode_base64(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  int padding = 0;
  std::size_t chars = 0;
  for (char c : text) {
    if (is_wsp(c)) continue;
    if (c == '=') {
      ++padding;
      ++chars;
      continue;
    }
    int v = value(c);
    if (v < 0 || padding > 0) return std::nullopt;  // a bad character, or data after padding
    ++chars;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xffU));
    }
  }
  if (chars % 4 != 0 || padding > 2) return std::nullopt;
  return out;
}

bool is_dkim_candidate(std::string_view txt) {
  std::string error;
  auto tags = parse_tag_list(txt, error);
  return tags && find_tag(*tags, "p") != nullptr;
}

DkimParse parse_dkim_key(std::string_view txt) {
  DkimParse out;
  auto tags = parse_tag_list(txt, out.error);
  if (!tags) return out;
  if (const std::string* v = find_tag(*tags, "v")) {
    if (tags->front().first != "v" || *v != "DKIM1") {
      out.error = "v= must come first and be DKIM1";
      return out;
    }
  }
  const std::string* p = find_tag(*tags, "p");
  if (p == nullptr) {
    out.error = "the public key tag p= is missing";
    return out;
  }
  DkimKey key;
  const std::string* k = find_tag(*tags, "k");
  key.key_type = k == nullptr ? "rsa" : lower(*k);
  if (key.key_type != "rsa" && key.key_type != "ed25519") {
    out.error = "k=" + key.key_type + " is not a known key type";
    return out;
  }
  if (trim(*p).empty()) {
    key.revoked = true;
    out.key = std::move(key);
    return out;
  }
  auto der = decode_base64(*p);
  if (!der || der->empty()) {
    out.error = "p= is not valid base64";
    return out;
  }
  if (key.key_type == "ed25519") {
    if (der->size() != 32) {
      out.error = "an Ed25519 key is 32 bytes, p= has " + std::to_string(der->size());
      return out;
    }
    key.bits = 256;
    out.key = std::move(key);
    return out;
  }
  // RSA: a SubjectPublicKeyInfo (RFC 6376 §3.6.1), or, as some publish, a bare RSAPublicKey.
  const auto* data = reinterpret_cast<const unsigned char*>(der->data());
  const unsigned char* cursor = data;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(d2i_PUBKEY(nullptr, &cursor, static_cast<long>(der->size())),
                                                           &EVP_PKEY_free);
  if (!pkey) {
    cursor = data;
    pkey.reset(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &cursor, static_cast<long>(der->size())));
  }
  if (!pkey || EVP_PKEY_get_base_id(pkey.get()) != EVP_PKEY_RSA) {
    out.error = "p= is not an RSA public key";
    return out;
  }
  key.bits = EVP_PKEY_get_bits(pkey.get());
  out.key = std::move(key);
  return out;
}

// ---------------------------------------------------------------- MTA-STS
bool is_mta_sts_candidate(std::string_view txt) {
  return trim(txt).starts_with("v=STSv1");
}

MtaStsRecordParse parse_mta_sts_record(std::string_view txt) {
  MtaStsRecordParse out;
  auto tags = parse_tag_list(txt, out.error);
  if (!tags) return out;
  if (tags->empty() || tags->front().first != "v" || tags->front().second != "STSv1") {
    out.error = "the record does not start with v=STSv1";
    return out;
  }
  const std::string* id = find_tag(*tags, "id");
  if (id == nullptr) {
    out.error = "the id= field is missing";
    return out;
  }
  if (id->empty() || id->size() > 32 ||
      !std::all_of(id->begin(), id->end(), [](char c) { return is_alpha(c) || is_digit(c); })) {
    out.error = "id=" + *id + " is not 1 to 32 letters and digits";
    return out;
  }
  out.record = MtaStsRecord{*id};
  return out;
}

std::string_view to_string(MtaStsMode m) {
  switch (m) {
    case MtaStsMode::enforce: return "enforce";
    case MtaStsMode::testing: return "testing";
    case MtaStsMode::none: return "none";
  }
  return "?";
}

MtaStsPolicyParse parse_mta_sts_policy(std::string_view text) {
  MtaStsPolicyParse out;
  std::optional<std::string> version;
  std::optional<std::string> mode;
  std::optional<std::string> max_age;
  MtaStsPolicy policy;
  for (auto line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      out.error = "the line '" + std::string(line.substr(0, 80)) + "' is not 'key: value'";
      return out;
    }
    std::string key = lower(trim(line.substr(0, colon)));
    std::string value(trim(line.substr(colon + 1)));
    // §3.2: a field given twice counts once, the first time; mx may repeat.
    if (key == "version" && !version) version = value;
    if (key == "mode" && !mode) mode = value;
    if (key == "max_age" && !max_age) max_age = value;
    if (key == "mx") {
      if (value.empty()) {
        out.error = "an empty mx line";
        return out;
      }
      policy.mx.push_back(dns::comparable_name(value));
    }
  }
  if (!version || *version != "STSv1") {
    out.error = version ? "version: " + *version + " is not STSv1" : "the version: line is missing";
    return out;
  }
  if (!mode) {
    out.error = "the mode: line is missing";
    return out;
  }
  if (*mode == "enforce") {
    policy.mode = MtaStsMode::enforce;
  } else if (*mode == "testing") {
    policy.mode = MtaStsMode::testing;
  } else if (*mode == "none") {
    policy.mode = MtaStsMode::none;
  } else {
    out.error = "mode: " + *mode + " is not enforce, testing or none";
    return out;
  }
  if (!max_age) {
    out.error = "the max_age: line is missing";
    return out;
  }
  auto age = parse_uint<std::int64_t>(*max_age, 10);
  if (!age || *age > kMtaStsMaxAge) {
    out.error = "max_age: " + *max_age + " is not a number of seconds up to " + std::to_string(kMtaStsMaxAge);
    return out;
  }
  policy.max_age = *age;
  if (policy.mode != MtaStsMode::none && policy.mx.empty()) {
    out.error = "no mx: line names the mail servers";
    return out;
  }
  out.policy = std::move(policy);
  return out;
}

bool mx_pattern_matches(std::string_view pattern, std::string_view host) {
  std::string p = dns::comparable_name(pattern);
  std::string h = dns::comparable_name(host);
  if (p.empty() || h.empty()) return false;
  if (p.rfind("*.", 0) != 0) return p == h;
  std::string_view suffix = std::string_view(p).substr(1);  // ".example.com"
  if (h.size() <= suffix.size() || h.compare(h.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  std::string_view label = std::string_view(h).substr(0, h.size() - suffix.size());
  return !label.empty() && label.find('.') == std::string_view::npos;
}

// ---------------------------------------------------------------- TLS-RPT
bool is_tls_rpt_candidate(std::string_view txt) {
  return trim(txt).starts_with("v=TLSRPTv1");
}

TlsRptParse parse_tls_rpt(std::string_view txt) {
  TlsRptParse out;
  auto tags = parse_tag_list(txt, out.error);
  if (!tags) return out;
  if (tags->empty() || tags->front().first != "v" || tags->front().second != "TLSRPTv1") {
    out.error = "the record does not start with v=TLSRPTv1";
    return out;
  }
  const std::string* rua = find_tag(*tags, "rua");
  if (rua == nullptr || trim(*rua).empty()) {
    out.error = "the rua= field with a reporting address is missing";
    return out;
  }
  TlsRptRecord r;
  for (auto uri : split(*rua, ',')) {
    uri = trim(uri);
    if (!is_mailto(uri) && !is_https_uri(uri)) {
      out.error = "rua=" + std::string(uri) + " is not a mailto: or https: address";
      return out;
    }
    r.rua.emplace_back(uri);
  }
  out.record = std::move(r);
  return out;
}

}  // namespace weerbaar::scan::mail
