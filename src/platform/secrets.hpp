#pragma once
// Secrets: random tokens for links and sessions, their hashes for storage, and Argon2id
// password hashes (libsodium's crypto_pwhash_str, which embeds salt and cost in the string).
#include <string>
#include <string_view>

namespace weerbaar::platform {

// 256 random bits as 43 URL-safe characters, for links in e-mail and cookies.
std::string random_token();
// What the database keeps of a token: its BLAKE2b hash in hex. Lookups hash the presented
// token, so a copy of the database cannot be used to sign in or confirm anything.
std::string token_hash(std::string_view token);

// interactive: libsodium's recommended cost for logins. minimal: for tests only, where
// hundreds of hashes would otherwise take minutes.
enum class PasswordCost { interactive, minimal };
std::string hash_password(std::string_view password, PasswordCost cost);  // throws on out-of-memory
bool verify_password(std::string_view hash, std::string_view password);
// A password the platform accepts: at least 10 characters (NCSC advice favours length over
// composition rules); returns an error key or empty.
std::string password_problem(std::string_view password);

}  // namespace weerbaar::platform
