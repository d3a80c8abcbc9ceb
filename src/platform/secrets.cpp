#include "platform/secrets.hpp"

#include <sodium.h>

#include <stdexcept>

namespace weerbaar::platform {
namespace {

void ensure_sodium() {
  static const bool ready = [] { return sodium_init() >= 0; }();
  if (!ready) throw std::runtime_error("libsodium could not initialise");
}

}  // namespace

std::string random_token() {
  ensure_sodium();
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string token_hash(std::string_view token) {
  ensure_sodium();
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string hash_password(std::string_view password, PasswordCost cost) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops =
      cost == PasswordCost::interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MIN;
  std::size_t mem = cost == PasswordCost::interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE : crypto_pwhash_MEMLIMIT_MIN;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_sodium();
  std::string h(hash);  // libsodium wants a NUL-terminated string
  return !h.empty() && crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string password_problem(std::string_view password) {
  if (password.size() < 10) return "password.too_short";
  if (password.size() > 256) return "password.too_long";
  return {};
}

}  // namespace weerbaar::platform
