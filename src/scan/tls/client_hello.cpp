#include "scan/tls/client_hello.hpp"

#include <algorithm>
#include <string_view>

#include "scan/tls/cipher_suites.hpp"

namespace weerbaar::scan::tls {
namespace {

// ------------------------------------------------------------------ writing
class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) {
    u8(static_cast<std::uint8_t>(v >> 8));
    u8(static_cast<std::uint8_t>(v));
  }
  void bytes(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void bytes(std::string_view s) { out_.insert(out_.end(), s.begin(), s.end()); }

  // A length-prefixed block: reserve `width` bytes, write the body, then fill in its length.
  template <typename Body>
  void block(int width, Body&& body) {
    const std::size_t at = out_.size();
    out_.insert(out_.end(), static_cast<std::size_t>(width), 0);
    body();
    std::size_t len = out_.size() - at - static_cast<std::size_t>(width);
    for (int i = width - 1; i >= 0; --i) {
      out_[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(len);
      len >>= 8;
    }
  }
  void extension(std::uint16_t type, auto&& body) {
    u16(type);
    block(2, body);
  }
  [[nodiscard]] std::size_t size() const { return out_.size(); }
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  std::vector<std::uint8_t> out_;
};

constexpr auto kSignatureAlgorithms = std::to_array<std::uint16_t>({
    0x0403, 0x0503, 0x0603,  // ecdsa_secp256r1_sha256, secp384r1_sha384, secp521r1_sha512
    0x0807, 0x0808,          // ed25519, ed448
    0x0804, 0x0805, 0x0806,  // rsa_pss_rsae_sha256/384/512
    0x0809, 0x080A, 0x080B,  // rsa_pss_pss_sha256/384/512
    0x0401, 0x0501, 0x0601,  // rsa_pkcs1_sha256/384/512
    0x081A, 0x081B, 0x081C,  // ecdsa_brainpoolP256r1tls13_sha256, P384, P512
    0x0303, 0x0301, 0x0302,  // sha224 with ecdsa, rsa, dsa
    0x0402, 0x0502, 0x0602,  // dsa with sha256/384/512
    0x0203, 0x0201, 0x0202,  // ecdsa_sha1, rsa_pkcs1_sha1, dsa_sha1: for old servers
});

// True for an IP literal, which RFC 6066 forbids in server_name.
bool is_ip_literal(const std::string& host) {
  if (host.find(':') != std::string::npos) return true;
  return !host.empty() &&
         std::all_of(host.begin(), host.end(), [](char ch) { return ch == '.' || (ch >= '0' && ch <= '9'); });
}

void write_extensions(Writer& w, const ClientHelloOptions& opt, std::size_t hello_size_so_far) {
  if (!opt.sni.empty() && !is_ip_literal(opt.sni)) {
    w.extension(ext::server_name, [&] {
      w.block(2, [&] {
        w.u8(0);  // host_name
        w.block(2, [&] { w.bytes(opt.sni); });
      });
    });
  }
  if (opt.renegotiation_info) w.extension(ext::renegotiation_info, [&] { w.u8(0); });
  if (opt.extended_master_secret) w.extension(ext::extended_master_secret, [] {});
  if (!opt.supported_groups.empty()) {
    w.extension(ext::supported_groups, [&] {
      w.block(2, [&] {
        for (auto g : opt.supported_groups) w.u16(g);
      });
    });
  }
  if (opt.ec_point_formats) {
    w.extension(ext::ec_point_formats, [&] {
      w.block(1, [&] {
        w.u8(0);  // uncompressed
        w.u8(1);  // ansiX962_compressed_prime
        w.u8(2);  // ansiX962_compressed_char2
      });
    });
  }
  if (opt.signature_algorithms) {
    w.extension(ext::signature_algorithms, [&] {
      w.block(2, [&] {
        for (auto s : kSignatureAlgorithms) w.u16(s);
      });
    });
  }
  if (opt.status_request) {
    w.extension(ext::status_request, [&] {
      w.u8(1);   // ocsp
      w.u16(0);  // no responder ids
      w.u16(0);  // no request extensions
    });
  }
  if (!opt.supported_versions.empty()) {
    w.extension(ext::supported_versions, [&] {
      w.block(1, [&] {
        for (auto v : opt.supported_versions) w.u16(v);
      });
    });
  }
  if (opt.key_share != KeyShareOffer::none) {
    w.extension(ext::key_share, [&] {
      w.block(2, [&] {
        if (opt.key_share == KeyShareOffer::x25519) {
          w.u16(29);
          w.block(2, [&] { w.bytes(opt.x25519_public); });
        }
      });
    });
  }
  // Some TLS terminators (old F5 firmware) hang on a ClientHello message between 256 and 511
  // bytes long; RFC 7685 padding moves it to 512, as browsers do.
  const std::size_t message_len = 4 + hello_size_so_far + w.size();  // with handshake header
  if (message_len > 0xFF && message_len < 0x200) {
    std::size_t pad = 0x200 - message_len;
    pad = pad >= 5 ? pad - 4 : 1;  // the extension's own header counts too
    w.extension(ext::padding, [&] { w.bytes(std::vector<std::uint8_t>(pad, 0)); });
  }
}

// ------------------------------------------------------------------ reading
// A bounds-checked cursor over untrusted bytes: every read reports failure instead of
// running past the end, and once failed it stays failed.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> b) : b_(b) {}
  bool u8(std::uint8_t& v) {
    if (!need(1)) return false;
    v = b_[pos_++];
    return true;
  }
  bool u16(std::uint16_t& v) {
    if (!need(2)) return false;
    v = static_cast<std::uint16_t>((b_[pos_] << 8) | b_[pos_ + 1]);
    pos_ += 2;
    return true;
  }
  bool u24(std::uint32_t& v) {
    if (!need(3)) return false;
    v = (static_cast<std::uint32_t>(b_[pos_]) << 16) | (static_cast<std::uint32_t>(b_[pos_ + 1]) << 8) | b_[pos_ + 2];
    pos_ += 3;
    return true;
  }
  bool take(std::size_t n, std::span<const std::uint8_t>& out) {
    if (!need(n)) return false;
    out = b_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  // A vector with a length prefix of `width` bytes.
  bool vec(int width, std::span<const std::uint8_t>& out) {
    std::uint32_t len = 0;
    if (width == 1) {
      std::uint8_t l = 0;
      if (!u8(l)) return false;
      len = l;
    } else if (width == 2) {
      std::uint16_t l = 0;
      if (!u16(l)) return false;
      len = l;
    } else {
      if (!u24(len)) return false;
    }
    return take(len, out);
  }
  [[nodiscard]] bool empty() const { return ok_ && pos_ == b_.size(); }
  [[nodiscard]] std::size_t remaining() const { return b_.size() - pos_; }

 private:
  bool need(std::size_t n) {
    if (!ok_ || b_.size() - pos_ < n) ok_ = false;
    return ok_;
  }
  std::span<const std::uint8_t> b_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

constexpr std::array<std::uint8_t, 32> kHelloRetryRandom{
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

constexpr std::uint8_t kRecordChangeCipherSpec = 20;
constexpr std::uint8_t kRecordAlert = 21;
constexpr std::uint8_t kRecordHandshake = 22;
constexpr std::size_t kMaxRecord = (1U << 14) + 2048;  // TLSCiphertext limit
constexpr std::uint32_t kMaxHandshakeMessage = 64 * 1024;

constexpr std::uint8_t kHelloRequest = 0;
constexpr std::uint8_t kServerHello = 2;
constexpr std::uint8_t kCertificate = 11;
constexpr std::uint8_t kServerKeyExchange = 12;
constexpr std::uint8_t kServerHelloDone = 14;

ServerFlight malformed(ServerFlight f, std::string why) {
  f.status = ParseStatus::malformed;
  f.error = std::move(why);
  return f;
}

bool parse_server_hello(std::span<const std::uint8_t> body, ServerHello& sh) {
  Reader r(body);
  std::span<const std::uint8_t> random;
  std::span<const std::uint8_t> session_id;
  if (!r.u16(sh.legacy_version) || !r.take(32, random) || !r.vec(1, session_id) || session_id.size() > 32 ||
      !r.u16(sh.cipher_suite) || !r.u8(sh.compression)) {
    return false;
  }
  std::copy(random.begin(), random.end(), sh.random.begin());
  sh.hello_retry_request = sh.random == kHelloRetryRandom;
  sh.version = sh.legacy_version;
  if (r.empty()) return true;  // SSL 3.0 and old TLS servers may send no extensions at all
  std::span<const std::uint8_t> exts;
  if (!r.vec(2, exts) || !r.empty()) return false;
  sh.has_extensions = true;
  Reader e(exts);
  while (e.remaining() > 0) {
    std::uint16_t type = 0;
    std::span<const std::uint8_t> data;
    if (!e.u16(type) || !e.vec(2, data)) return false;
    if (std::find(sh.extension_types.begin(), sh.extension_types.end(), type) != sh.extension_types.end()) {
      return false;  // duplicate extension: RFC 8446 4.2
    }
    sh.extension_types.push_back(type);
    Reader d(data);
    switch (type) {
      case ext::supported_versions: {
        std::uint16_t v = 0;
        if (!d.u16(v) || !d.empty()) return false;
        sh.version = v;
        break;
      }
      case ext::renegotiation_info: {
        std::span<const std::uint8_t> renegotiated;
        if (!d.vec(1, renegotiated) || !d.empty()) return false;
        sh.secure_renegotiation = true;
        break;
      }
      case ext::extended_master_secret:
        if (!data.empty()) return false;
        sh.extended_master_secret = true;
        break;
      case ext::key_share: {
        std::uint16_t g = 0;
        if (!d.u16(g)) return false;  // HRR: just the group; ServerHello: group + share
        sh.key_share_group = g;
        break;
      }
      default: break;
    }
  }
  return true;
}

bool parse_certificate(std::span<const std::uint8_t> body, std::vector<std::vector<std::uint8_t>>& out) {
  Reader r(body);
  std::span<const std::uint8_t> list;
  if (!r.vec(3, list) || !r.empty()) return false;
  Reader l(list);
  while (l.remaining() > 0) {
    std::span<const std::uint8_t> der;
    if (!l.vec(3, der) || der.empty()) return false;
    out.emplace_back(der.begin(), der.end());
  }
  return true;
}

int bit_length(std::span<const std::uint8_t> n) {
  while (!n.empty() && n.front() == 0) n = n.subspan(1);
  if (n.empty()) return 0;
  int bits = static_cast<int>(n.size() - 1) * 8;
  for (std::uint8_t top = n.front(); top != 0; top >>= 1) ++bits;
  return bits;
}

// The ServerKeyExchange's layout depends on the suite's key exchange; PSK variants put an
// identity hint first. Other layouts (RSA_EXPORT, SRP) are skipped: nothing to judge there.
bool parse_server_key_exchange(std::span<const std::uint8_t> body, std::uint16_t suite, ServerKeyExchange& out) {
  const CipherSuite* s = find_cipher_suite(suite);
  if (s == nullptr) return true;
  Reader r(body);
  if (s->kx == KeyExchange::dhe_psk || s->kx == KeyExchange::ecdhe_psk) {
    std::span<const std::uint8_t> hint;
    if (!r.vec(2, hint)) return false;
  }
  switch (s->kx) {
    case KeyExchange::ecdhe:
    case KeyExchange::ecdh_anon:
    case KeyExchange::ecdhe_psk: {
      std::uint8_t curve_type = 0;
      if (!r.u8(curve_type)) return false;
      if (curve_type != 3) return true;  // explicit curves: no named group to report
      std::uint16_t curve = 0;
      if (!r.u16(curve)) return false;
      out.named_curve = curve;
      return true;
    }
    case KeyExchange::dhe:
    case KeyExchange::dh_anon:
    case KeyExchange::dhe_psk: {
      std::span<const std::uint8_t> p;
      std::span<const std::uint8_t> g;
      std::span<const std::uint8_t> ys;
      if (!r.vec(2, p) || !r.vec(2, g) || !r.vec(2, ys) || p.empty()) return false;
      out.dh_prime.assign(p.begin(), p.end());
      out.dh_prime_bits = bit_length(p);
      return true;
    }
    default: return true;
  }
}

}  // namespace

std::span<const std::uint16_t> offered_signature_algorithms() {
  return kSignatureAlgorithms;
}

std::vector<std::uint8_t> build_client_hello(const ClientHelloOptions& opt) {
  Writer body;
  body.u16(opt.legacy_version);
  body.bytes(opt.random);
  body.block(1, [&] { body.bytes(opt.session_id); });
  body.block(2, [&] {
    for (auto s : opt.suites) body.u16(s);
    if (!opt.extensions && opt.renegotiation_info) body.u16(kEmptyRenegotiationInfoScsv);
  });
  body.block(1, [&] {
    if (opt.offer_deflate) body.u8(1);
    body.u8(0);
  });
  if (opt.extensions) {
    Writer exts;
    write_extensions(exts, opt, body.size() + 2);
    body.block(2, [&] { body.bytes(exts.take()); });
  }

  Writer record;
  record.u8(kRecordHandshake);
  record.u16(opt.record_version);
  record.block(2, [&] {
    record.u8(1);  // client_hello
    record.block(3, [&] { record.bytes(body.take()); });
  });
  return record.take();
}

namespace {

// Takes the complete handshake messages from stream[pos..] into f. Returns false when f is
// decided (complete or malformed); true when more handshake bytes are needed.
bool consume_handshake(const std::vector<std::uint8_t>& stream, std::size_t& pos, ServerFlight& f) {
  Reader hs(std::span<const std::uint8_t>(stream).subspan(pos));
  while (hs.remaining() >= 4) {
    std::uint8_t msg_type = 0;
    std::uint32_t len = 0;
    hs.u8(msg_type);
    hs.u24(len);
    if (len > kMaxHandshakeMessage) {
      f = malformed(std::move(f), "handshake message too long");
      return false;
    }
    std::span<const std::uint8_t> body;
    if (!hs.take(len, body)) break;  // message continues in a later record
    pos += 4 + len;
    if (msg_type == kHelloRequest) continue;
    if (!f.hello) {
      if (msg_type != kServerHello) {
        f = malformed(std::move(f), "first handshake message is not a ServerHello");
        return false;
      }
      ServerHello sh;
      if (!parse_server_hello(body, sh)) {
        f = malformed(std::move(f), "ServerHello does not parse");
        return false;
      }
      f.hello = std::move(sh);
      if (f.hello->hello_retry_request || f.hello->version >= 0x0304) {
        f.status = ParseStatus::complete;  // the rest of a TLS 1.3 flight is encrypted
        return false;
      }
      continue;
    }
    switch (msg_type) {
      case kServerHello: f = malformed(std::move(f), "second ServerHello"); return false;
      case kCertificate:
        if (!parse_certificate(body, f.certificates)) {
          f = malformed(std::move(f), "Certificate does not parse");
          return false;
        }
        break;
      case kServerKeyExchange: {
        ServerKeyExchange ske;
        if (!parse_server_key_exchange(body, f.hello->cipher_suite, ske)) {
          f = malformed(std::move(f), "ServerKeyExchange does not parse");
          return false;
        }
        f.key_exchange = std::move(ske);
        break;
      }
      case kServerHelloDone:
        if (!body.empty()) {
          f = malformed(std::move(f), "ServerHelloDone is not empty");
          return false;
        }
        f.hello_done = true;
        f.status = ParseStatus::complete;
        return false;
      default: break;  // CertificateStatus, CertificateRequest, ...: not needed
    }
  }
  return true;
}

}  // namespace

ServerFlight parse_server_flight(std::span<const std::uint8_t> bytes) {
  ServerFlight f;
  // Records in order; handshake messages are taken as soon as they are complete, because
  // what follows a decisive message (encrypted TLS 1.3 records) is not for us to parse.
  std::vector<std::uint8_t> handshake;
  std::size_t consumed = 0;
  Reader records(bytes);
  while (records.remaining() >= 5) {
    std::uint8_t type = 0;
    std::uint16_t version = 0;
    std::uint16_t length = 0;
    records.u8(type);
    records.u16(version);
    records.u16(length);
    if ((version >> 8) != 3)
      return malformed(std::move(f), "not a TLS record (version byte " + std::to_string(version >> 8) + ")");
    if (length > kMaxRecord) return malformed(std::move(f), "record longer than TLS allows");
    std::span<const std::uint8_t> fragment;
    if (!records.take(length, fragment)) break;  // record not complete yet
    if (type == kRecordHandshake) {
      if (fragment.empty()) return malformed(std::move(f), "empty handshake record");
      handshake.insert(handshake.end(), fragment.begin(), fragment.end());
      if (!consume_handshake(handshake, consumed, f)) return f;
    } else if (type == kRecordAlert) {
      if (fragment.size() < 2) return malformed(std::move(f), "short alert record");
      TlsAlert a{fragment[0], fragment[1]};
      // A warning before the ServerHello (unrecognized_name, say) is no answer yet; a fatal
      // alert or close_notify is. One after a ServerHello leaves that ServerHello usable.
      if (a.level == 1 && a.description != 0) continue;
      f.alert = a;
      f.error = alert_name(a.description);
      f.status = ParseStatus::alert;
      return f;
    } else if (type == kRecordChangeCipherSpec) {
      continue;  // TLS 1.3 middlebox compatibility
    } else {
      // Application data or an unknown type before the part of the handshake we read.
      return malformed(std::move(f), "unexpected record type " + std::to_string(type));
    }
  }
  return f;
}

std::string alert_name(std::uint8_t description) {
  switch (description) {
    case 0: return "close_notify";
    case 10: return "unexpected_message";
    case 20: return "bad_record_mac";
    case 22: return "record_overflow";
    case 40: return "handshake_failure";
    case 42: return "bad_certificate";
    case 47: return "illegal_parameter";
    case 50: return "decode_error";
    case 51: return "decrypt_error";
    case 70: return "protocol_version";
    case 71: return "insufficient_security";
    case 80: return "internal_error";
    case 86: return "inappropriate_fallback";
    case 90: return "user_canceled";
    case 109: return "missing_extension";
    case 110: return "unsupported_extension";
    case 112: return "unrecognized_name";
    case 120: return "no_application_protocol";
    default: return "alert " + std::to_string(description);
  }
}

}  // namespace weerbaar::scan::tls
