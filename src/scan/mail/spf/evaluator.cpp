#include "scan/mail/spf/evaluator.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <utility>

#include "scan/dns/wire.hpp"
#include "scan/mail/spf/macro.hpp"
#include "scan/mail/spf/record.hpp"

// GCC 12 reports a false -Wmismatched-new-delete for coroutines that await themselves
// (check() -> include/redirect -> check()): it pairs Asio's recycling frame allocator with the
// frame's own operator delete, which is the matching one. Silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace weerbaar::scan::mail::spf {
namespace {

// include/redirect nest; the lookup limit already bounds the depth, but a caller may raise
// that limit, and a coroutine frame per level must stay bounded regardless.
constexpr int kMaxDepth = 32;

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

// A name a DNS query can be composed from (RFC 1035): labels of 1 to 63 octets, 253 in all.
bool is_dns_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    auto dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    std::size_t len = dot - start;
    if (len == 0 || len > 63) return false;
    start = dot + 1;
  }
  return true;
}

// §4.3: check_host() answers "none" for a malformed domain or one that is not multi-label.
// The last label must look like a top-level domain, which also rules out address literals.
bool is_checkable_domain(std::string_view name) {
  if (!is_dns_name(name)) return false;
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string_view top = name.substr(dot + 1);
  bool alpha = false;
  for (char c : top) {
    bool is_alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool is_digit = c >= '0' && c <= '9';
    if (!is_alpha && !is_digit && c != '-') return false;
    alpha = alpha || is_alpha;
  }
  return alpha && top.front() != '-' && top.back() != '-';
}

// name equals domain or is below it, ignoring case.
bool is_within(std::string_view name, std::string_view domain) {
  std::string n = dns::comparable_name(name);
  std::string d = dns::comparable_name(domain);
  if (n == d) return true;
  return n.size() > d.size() && n.compare(n.size() - d.size(), d.size(), d) == 0 && n[n.size() - d.size() - 1] == '.';
}

// §5 "IPv4-mapped IPv6 addresses MUST be treated as IPv4".
IpAddress normalise(const IpAddress& ip) {
  if (ip.is_v6() && ip.to_v6().is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, ip.to_v6());
  return ip;
}

bool in_network(const IpAddress& ip, const IpAddress& net, int prefix) {
  if (ip.is_v4() != net.is_v4()) return false;
  auto compare = [prefix](const auto& a, const auto& b) {
    int bits = prefix;
    for (std::size_t i = 0; i < a.size() && bits > 0; ++i, bits -= 8) {
      unsigned mask = bits >= 8 ? 0xffU : (0xffU << (8 - bits)) & 0xffU;
      if ((a[i] & mask) != (b[i] & mask)) return false;
    }
    return true;
  };
  if (ip.is_v4()) return compare(ip.to_v4().to_bytes(), net.to_v4().to_bytes());
  return compare(ip.to_v6().to_bytes(), net.to_v6().to_bytes());
}

const char* kHexUpper = "0123456789ABCDEF";

// %{i}: dotted quad, or 32 dot-separated nibbles. The nibbles are uppercase as pyspf writes
// them and as the conformance suite's expected explanations require; DNS ignores the case.
std::string dotted_ip(const IpAddress& ip) {
  if (ip.is_v4()) return ip.to_string();
  std::string out;
  for (unsigned char b : ip.to_v6().to_bytes()) {
    if (!out.empty()) out += '.';
    out += kHexUpper[b >> 4];
    out += '.';
    out += kHexUpper[b & 0xf];
  }
  return out;
}

std::string reverse_name(const IpAddress& ip) {
  std::string out;
  if (ip.is_v4()) {
    auto b = ip.to_v4().to_bytes();
    for (std::size_t i = b.size(); i-- > 0;) out += std::to_string(b[i]) + ".";
    return out + "in-addr.arpa";
  }
  static const char* hex = "0123456789abcdef";
  auto b = ip.to_v6().to_bytes();
  for (std::size_t i = b.size(); i-- > 0;) {
    out += hex[b[i] & 0xf];
    out += '.';
    out += hex[b[i] >> 4];
    out += '.';
  }
  return out + "ip6.arpa";
}

SpfResult result_of(Qualifier q) {
  switch (q) {
    case Qualifier::pass: return SpfResult::pass;
    case Qualifier::fail: return SpfResult::fail;
    case Qualifier::softfail: return SpfResult::softfail;
    case Qualifier::neutral: return SpfResult::neutral;
  }
  return SpfResult::neutral;
}

std::string_view outcome_words(DnsOutcome o) {
  return o == DnsOutcome::timeout ? "timed out" : "failed";
}

// Where a fail's explanation is to come from: the exp= of the record that produced the fail
// (redirect passes it up, include discards it: §6.2). Fetched once, after the result is known,
// so that it never costs lookups toward the limits.
struct PendingExplanation {
  std::string domain_spec;
  std::string domain;
};

struct Verdict {
  SpfResult result = SpfResult::neutral;
  std::string reason;
  std::optional<PendingExplanation> explanation;
};

// The outcome of one mechanism: matched or not, or an error that ends evaluation.
struct Step {
  bool matched = false;
  std::optional<Verdict> stop;
};

class Evaluation {
 public:
  Evaluation(SpfDns& dns, const SpfQuery& q, const SpfLimits& limits)
      : dns_(dns), limits_(limits), client_(normalise(q.client)) {
    std::string sender = q.mail_from.empty() ? "postmaster@" + q.helo : q.mail_from;
    auto at = sender.rfind('@');
    std::string local = at == std::string::npos ? std::string() : sender.substr(0, at);
    std::string domain = at == std::string::npos ? sender : sender.substr(at + 1);
    if (local.empty()) local = "postmaster";  // §4.3
    values_.sender = local + "@" + domain;
    values_.local_part = local;
    values_.sender_domain = domain;
    values_.domain = domain;
    values_.helo = q.helo;
    values_.ip_dotted = dotted_ip(client_);
    values_.ip_readable = client_.to_string();
    values_.ip_version = client_.is_v4() ? "in-addr" : "ip6";
    values_.receiver = q.receiver.empty() ? "unknown" : q.receiver;
    values_.timestamp = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  }

  [[nodiscard]] const std::string& sender_domain() const { return values_.sender_domain; }
  [[nodiscard]] int lookups() const { return lookups_; }
  [[nodiscard]] int voids() const { return voids_; }

  net::awaitable<Verdict> check(std::string domain, int depth) {
    domain.resize(dns::without_root_dot(domain).size());
    if (depth > kMaxDepth) co_return Verdict{SpfResult::permerror, "include and redirect nest too deeply", {}};
    if (!is_checkable_domain(domain))
      co_return Verdict{SpfResult::none, "'" + domain + "' is not a valid domain name, so it has no SPF policy", {}};
    TxtLookup txt = co_await dns_.txt(domain);
    if (txt.outcome == DnsOutcome::timeout || txt.outcome == DnsOutcome::error)
      co_return Verdict{
          SpfResult::temperror, "the TXT lookup for " + domain + " " + std::string(outcome_words(txt.outcome)), {}};
    const std::string* found = nullptr;
    int count = 0;
    for (const std::string& r : txt.records) {
      if (!is_spf1(r)) continue;  // other TXT records are none of SPF's business (§4.5)
      found = &r;
      ++count;
    }
    if (count == 0) co_return Verdict{SpfResult::none, domain + " publishes no SPF record", {}};
    if (count > 1)
      co_return Verdict{SpfResult::permerror,
                        domain + " publishes " + std::to_string(count) + " SPF records; exactly one is allowed",
                        {}};
    ParsedRecord parsed = parse_record(*found);
    if (!parsed.record)
      co_return Verdict{SpfResult::permerror, "the SPF record of " + domain + " is invalid: " + parsed.error, {}};
    const Record& rec = *parsed.record;

    for (const Mechanism& m : rec.mechanisms) {
      Step step = co_await evaluate(m, domain, depth);
      if (step.stop) co_return std::move(*step.stop);
      if (!step.matched) continue;
      Verdict v{result_of(m.qualifier), "'" + m.text + "' matched in the SPF record of " + domain, {}};
      if (v.result == SpfResult::fail && rec.exp) v.explanation = PendingExplanation{*rec.exp, domain};
      co_return v;
    }
    if (rec.redirect) {  // §6.1: only when no mechanism matched
      if (auto over = count_lookup("redirect=" + *rec.redirect)) co_return std::move(*over);
      auto target = co_await expand_target(*rec.redirect, domain);
      if (!target) co_return Verdict{SpfResult::permerror, "redirect=" + *rec.redirect + " cannot be expanded", {}};
      Verdict inner = co_await check(*target, depth + 1);
      if (inner.result == SpfResult::none)
        co_return Verdict{SpfResult::permerror,
                          "redirect=" + *rec.redirect + " in the record of " + domain + " leads to no SPF record (" +
                              inner.reason + ")",
                          {}};
      co_return inner;
    }
    co_return Verdict{SpfResult::neutral, "no mechanism matched in the SPF record of " + domain, {}};
  }

  // §6.2: any problem with the explanation means there is none; it never changes the result.
  net::awaitable<std::optional<std::string>> explain(const PendingExplanation& pending) {
    MacroValues v = values_;
    v.domain = pending.domain;
    if (uses_validated_name(pending.domain_spec)) v.validated_name = co_await validated_name(pending.domain);
    Expansion name = expand_domain_spec(pending.domain_spec, v);
    if (!name.text || !is_dns_name(*name.text)) co_return std::nullopt;
    TxtLookup txt = co_await dns_.txt(*name.text);
    if (txt.outcome != DnsOutcome::ok || txt.records.size() != 1) co_return std::nullopt;
    const std::string& text = txt.records.front();
    for (char c : text) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u > 0x7e) co_return std::nullopt;  // explanations are 7-bit text (§6.2)
    }
    if (uses_validated_name(text)) v.validated_name = co_await validated_name(pending.domain);
    Expansion e = expand_macros(text, v, MacroUse::explanation);
    co_return e.text;
  }

 private:
  std::optional<Verdict> count_lookup(const std::string& term) {
    if (++lookups_ > limits_.dns_mechanisms)
      return Verdict{SpfResult::permerror,
                     "more than " + std::to_string(limits_.dns_mechanisms) + " DNS lookups are needed (limit hit at '" +
                         term + "')",
                     {}};
    return std::nullopt;
  }

  std::optional<Verdict> count_void(const Mechanism& m) {
    if (++voids_ > limits_.void_lookups)
      return Verdict{SpfResult::permerror,
                     "more than " + std::to_string(limits_.void_lookups) + " lookups found nothing (limit hit at '" +
                         m.text + "')",
                     {}};
    return std::nullopt;
  }

  static Verdict dns_failure(const Mechanism& m, const std::string& name, DnsOutcome o) {
    return Verdict{SpfResult::temperror,
                   "the DNS lookup of " + name + " for '" + m.text + "' " + std::string(outcome_words(o)),
                   {}};
  }

  // The name a domain-spec stands for; %{p} costs DNS queries, so only when used.
  net::awaitable<std::optional<std::string>> expand_target(const std::string& spec, const std::string& domain) {
    MacroValues v = values_;
    v.domain = domain;
    if (uses_validated_name(spec)) v.validated_name = co_await validated_name(domain);
    Expansion e = expand_domain_spec(spec, v);
    co_return e.text;
  }

  net::awaitable<AddressLookup> addresses(std::string name) {
    if (client_.is_v4()) co_return co_await dns_.a(std::move(name));
    co_return co_await dns_.aaaa(std::move(name));
  }

  static bool contains(const AddressLookup& l, const IpAddress& ip, int prefix) {
    for (const IpAddress& r : l.records) {
      if (in_network(ip, r, prefix)) return true;
    }
    return false;
  }

  // The PTR names of the client whose own addresses include the client (§5.5), at most
  // ptr_names of them; names whose lookup fails are skipped.
  net::awaitable<std::vector<std::string>> validated_names(const NameLookup& ptr, std::optional<std::string> within) {
    std::vector<std::string> out;
    if (ptr.outcome != DnsOutcome::ok) co_return out;
    std::size_t n = 0;
    for (const std::string& name : ptr.records) {
      if (n++ >= static_cast<std::size_t>(limits_.ptr_names)) break;  // §4.6.4: the rest is ignored
      if (within && !is_within(name, *within)) continue;
      std::string bare(dns::without_root_dot(name));
      if (!is_dns_name(bare)) continue;
      AddressLookup addrs = co_await addresses(bare);
      if (addrs.outcome == DnsOutcome::ok && contains(addrs, client_, client_.is_v4() ? 32 : 128))
        out.push_back(std::move(bare));
    }
    co_return out;
  }

  // %{p} (§7.3): the domain itself if validated, else a validated subdomain, else any.
  net::awaitable<std::string> validated_name(const std::string& domain) {
    NameLookup ptr = co_await dns_.ptr(reverse_name(client_));
    std::vector<std::string> names = co_await validated_names(ptr, std::nullopt);
    for (const auto& n : names) {
      if (lower(n) == lower(domain)) co_return n;
    }
    for (const auto& n : names) {
      if (is_within(n, domain)) co_return n;
    }
    if (!names.empty()) co_return names.front();
    co_return std::string("unknown");
  }

  net::awaitable<Step> evaluate(const Mechanism& m, const std::string& domain, int depth) {
    switch (m.kind) {
      case MechanismKind::all: co_return Step{true, {}};
      case MechanismKind::ip4:
      case MechanismKind::ip6:
        co_return Step{in_network(client_, m.network, m.network.is_v4() ? m.cidr4 : m.cidr6), {}};
      default: break;
    }
    if (auto over = count_lookup(m.text)) co_return Step{false, std::move(over)};
    std::optional<std::string> target = domain;
    if (!m.domain_spec.empty()) target = co_await expand_target(m.domain_spec, domain);
    if (!target) co_return Step{false, Verdict{SpfResult::permerror, "'" + m.text + "' cannot be expanded", {}}};
    const std::string& name = *target;

    if (m.kind == MechanismKind::include) {
      Verdict inner = co_await check(name, depth + 1);
      switch (inner.result) {
        case SpfResult::pass: co_return Step{true, {}};
        case SpfResult::fail:
        case SpfResult::softfail:
        case SpfResult::neutral: co_return Step{false, {}};
        case SpfResult::temperror:
          co_return Step{false, Verdict{SpfResult::temperror, "'" + m.text + "': " + inner.reason, {}}};
        case SpfResult::permerror:
          co_return Step{false, Verdict{SpfResult::permerror, "'" + m.text + "': " + inner.reason, {}}};
        case SpfResult::none:
          co_return Step{false, Verdict{SpfResult::permerror,
                                        "'" + m.text + "' includes a domain without SPF record (" + inner.reason + ")",
                                        {}}};
      }
    }

    // A name no query can be composed from (an empty or overlong label, often from a macro)
    // does not exist: the mechanism does not match. RFC 7208 leaves this open; the suite
    // accepts fail or permerror.
    if (!is_dns_name(name) && m.kind != MechanismKind::ptr) co_return Step{false, {}};

    switch (m.kind) {
      case MechanismKind::a: {
        AddressLookup addrs = co_await addresses(name);
        if (addrs.outcome == DnsOutcome::timeout || addrs.outcome == DnsOutcome::error)
          co_return Step{false, dns_failure(m, name, addrs.outcome)};
        if (addrs.outcome != DnsOutcome::ok || addrs.records.empty()) co_return Step{false, count_void(m)};
        co_return Step{contains(addrs, client_, client_.is_v4() ? m.cidr4 : m.cidr6), {}};
      }
      case MechanismKind::mx: {
        NameLookup mx = co_await dns_.mx(name);
        if (mx.outcome == DnsOutcome::timeout || mx.outcome == DnsOutcome::error)
          co_return Step{false, dns_failure(m, name, mx.outcome)};
        if (mx.outcome != DnsOutcome::ok || mx.records.empty()) co_return Step{false, count_void(m)};
        if (mx.records.size() > static_cast<std::size_t>(limits_.mx_names))
          co_return Step{false, Verdict{SpfResult::permerror,
                                        name + " has " + std::to_string(mx.records.size()) + " MX records; '" + m.text +
                                            "' may look at no more than " + std::to_string(limits_.mx_names),
                                        {}}};
        for (const std::string& exchange : mx.records) {
          std::string host(dns::without_root_dot(exchange));
          if (!is_dns_name(host)) continue;  // the null MX (RFC 7505) and unusable names
          AddressLookup addrs = co_await addresses(host);
          if (addrs.outcome == DnsOutcome::timeout || addrs.outcome == DnsOutcome::error)
            co_return Step{false, dns_failure(m, host, addrs.outcome)};
          if (contains(addrs, client_, client_.is_v4() ? m.cidr4 : m.cidr6)) co_return Step{true, {}};
        }
        co_return Step{false, {}};
      }
      case MechanismKind::ptr: {
        // §5.5: a DNS error on the PTR lookup means no match, not temperror.
        NameLookup ptr = co_await dns_.ptr(reverse_name(client_));
        if (ptr.outcome == DnsOutcome::nxdomain || ptr.outcome == DnsOutcome::nodata ||
            (ptr.outcome == DnsOutcome::ok && ptr.records.empty()))
          co_return Step{false, count_void(m)};
        if (ptr.outcome != DnsOutcome::ok) co_return Step{false, {}};
        std::vector<std::string> names = co_await validated_names(ptr, name);
        co_return Step{!names.empty(), {}};
      }
      case MechanismKind::exists: {
        // Always an A query, whatever the client's address family (§5.7).
        AddressLookup addrs = co_await dns_.a(name);
        if (addrs.outcome == DnsOutcome::timeout || addrs.outcome == DnsOutcome::error)
          co_return Step{false, dns_failure(m, name, addrs.outcome)};
        if (addrs.outcome != DnsOutcome::ok || addrs.records.empty()) co_return Step{false, count_void(m)};
        co_return Step{true, {}};
      }
      default: co_return Step{false, {}};
    }
  }

  SpfDns& dns_;
  SpfLimits limits_;
  IpAddress client_;
  MacroValues values_;
  int lookups_ = 0;
  int voids_ = 0;
};

DnsOutcome outcome_of(dns::DnsStatus s) {
  switch (s) {
    case dns::DnsStatus::ok: return DnsOutcome::ok;
    case dns::DnsStatus::nodata: return DnsOutcome::nodata;
    case dns::DnsStatus::nxdomain: return DnsOutcome::nxdomain;
    case dns::DnsStatus::timeout: return DnsOutcome::timeout;
    case dns::DnsStatus::servfail:
    case dns::DnsStatus::error: return DnsOutcome::error;
  }
  return DnsOutcome::error;
}

// Decodes every record with decode; a record that does not decode makes the whole answer a
// DNS error, since a half-understood answer could flip the result.
template <typename T, typename Decode>
Lookup<T> decode_answer(const dns::Answer& answer, Decode decode) {
  Lookup<T> out{outcome_of(answer.status), {}};
  if (out.outcome != DnsOutcome::ok) return out;
  for (const std::string& rdata : answer.rdata) {
    std::optional<T> v = decode(rdata);
    if (!v) return Lookup<T>{DnsOutcome::error, {}};
    out.records.push_back(std::move(*v));
  }
  if (out.records.empty()) out.outcome = DnsOutcome::nodata;
  return out;
}

// libunbound takes any RR type number; the project's enum has no PTR (yet).
constexpr auto kPtrType = static_cast<dns::RrType>(12);

}  // namespace

std::string_view to_string(SpfResult r) {
  switch (r) {
    case SpfResult::none: return "none";
    case SpfResult::neutral: return "neutral";
    case SpfResult::pass: return "pass";
    case SpfResult::fail: return "fail";
    case SpfResult::softfail: return "softfail";
    case SpfResult::temperror: return "temperror";
    case SpfResult::permerror: return "permerror";
  }
  return "?";
}

net::awaitable<SpfOutcome> check_host(SpfDns& dns, const SpfQuery& query, std::string domain, const SpfLimits& limits) {
  Evaluation eval(dns, query, limits);
  Verdict v = co_await eval.check(domain, 0);
  SpfOutcome out;
  out.result = v.result;
  out.reason = std::move(v.reason);
  out.domain = dns::without_root_dot(domain);
  if (v.result == SpfResult::fail && v.explanation) out.explanation = co_await eval.explain(*v.explanation);
  out.dns_lookups = eval.lookups();
  out.void_lookups = eval.voids();
  co_return out;
}

net::awaitable<SpfOutcome> check_host(SpfDns& dns, const SpfQuery& query, const SpfLimits& limits) {
  std::string sender = query.mail_from.empty() ? query.helo : query.mail_from;
  auto at = sender.rfind('@');
  std::string domain = at == std::string::npos ? sender : sender.substr(at + 1);
  co_return co_await check_host(dns, query, std::move(domain), limits);
}

net::awaitable<TxtLookup> LiveSpfDns::txt(std::string name) {
  dns::Answer answer = co_await resolver_.query(std::move(name), dns::RrType::txt, per_query_);
  co_return decode_answer<std::string>(answer, dns::decode_txt);
}

net::awaitable<AddressLookup> LiveSpfDns::a(std::string name) {
  dns::Answer answer = co_await resolver_.query(std::move(name), dns::RrType::a, per_query_);
  co_return decode_answer<IpAddress>(answer, [](const std::string& rdata) -> std::optional<IpAddress> {
    if (rdata.size() != 4) return std::nullopt;
    boost::asio::ip::address_v4::bytes_type b{};
    std::copy(rdata.begin(), rdata.end(), b.begin());
    return IpAddress(boost::asio::ip::address_v4(b));
  });
}

net::awaitable<AddressLookup> LiveSpfDns::aaaa(std::string name) {
  dns::Answer answer = co_await resolver_.query(std::move(name), dns::RrType::aaaa, per_query_);
  co_return decode_answer<IpAddress>(answer, [](const std::string& rdata) -> std::optional<IpAddress> {
    if (rdata.size() != 16) return std::nullopt;
    boost::asio::ip::address_v6::bytes_type b{};
    std::copy(rdata.begin(), rdata.end(), b.begin());
    return IpAddress(boost::asio::ip::address_v6(b));
  });
}

net::awaitable<NameLookup> LiveSpfDns::mx(std::string name) {
  dns::Answer answer = co_await resolver_.query(std::move(name), dns::RrType::mx, per_query_);
  co_return decode_answer<std::string>(answer, dns::decode_mx);
}

net::awaitable<NameLookup> LiveSpfDns::ptr(std::string name) {
  dns::Answer answer = co_await resolver_.query(std::move(name), kPtrType, per_query_);
  co_return decode_answer<std::string>(answer, dns::decode_name);
}

}  // namespace weerbaar::scan::mail::spf
