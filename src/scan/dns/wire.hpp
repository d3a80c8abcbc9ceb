#pragma once
// Decoders of record data as the resolver hands it over, one for every module that reads DNS
// (the DNS, mail and SPF probes, the platform's proof of domain control). libunbound gives the
// rdata of each record uncompressed, so a compression pointer inside a name is malformed here.
#include <optional>
#include <string>
#include <string_view>

namespace weerbaar::scan::dns {

// A wire-format name in presentation form, without the trailing dot ("" is the root). Case is
// kept (names compare case-insensitively; callers that compare lower them). A byte outside
// printable ASCII, and '.' or '\' inside a label, is written as \DDD, the form resolvers read
// back, so a hostile name can neither forge a label boundary nor carry control bytes into a
// report. nullopt: a compression pointer, a label past the end, bytes after the root label, or
// more than 255 octets.
std::optional<std::string> decode_name(std::string_view wire);

// TXT rdata: its character-strings joined without separator (RFC 7208 §3.3, RFC 7489 §6.6.3
// read records so). nullopt: a length past the end.
std::optional<std::string> decode_txt(std::string_view rdata);

// MX rdata: the exchange's name (decode_name after the 16-bit preference). "" is a null MX
// (RFC 7505).
std::optional<std::string> decode_mx(std::string_view rdata);

// A name in lower case for comparing: ASCII letters only, as DNS compares (RFC 4343); escaped
// bytes (\DDD) stay as they are.
std::string lower_name(std::string name);

// A name without its root dot: "example.nl." (as records and resolvers write it) and
// "example.nl" (as people type it) are one name. Only one dot goes; case is kept.
std::string_view without_root_dot(std::string_view name);

// The form in which names are compared and kept: lower_name of without_root_dot.
std::string comparable_name(std::string_view name);

}  // namespace weerbaar::scan::dns
