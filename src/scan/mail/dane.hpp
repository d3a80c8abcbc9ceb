#pragma once
// DANE for SMTP (RFC 7671, RFC 7672): does a TLSA record match the certificates a mail server
// presented? Pure functions, tested in memory.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "scan/facts.hpp"

namespace weerbaar::scan::mail {

// A TLSA record from its rdata, or nullopt when it is too short or has a matching type whose
// data has the wrong length (such records are unusable, RFC 7671 section 5).
std::optional<TlsaRecord> parse_tlsa(std::string_view rdata);

// Usable for SMTP: usage 2 (DANE-TA) or 3 (DANE-EE), selector 0 or 1, matching 0, 1 or 2 with
// data of the right length. Usages 0 and 1 are not used for SMTP (RFC 7672 section 3.1.3).
bool usable_for_smtp(const TlsaRecord& r);

enum class DaneMatch {
  match,      // a usable record matches
  no_match,   // usable records, none matches
  no_usable,  // records, but none usable for SMTP: as if there were none
};

// DANE-EE (3) matches the leaf (chain[0]); DANE-TA (2) matches a certificate the server sent
// above the leaf (the server must send its trust anchor, RFC 7671 section 5.2.2). Dates and
// names are not judged (DANE-EE ignores them, RFC 7672 section 3.1.1); the signatures from a
// DANE-TA anchor down to the leaf are not verified again here.
DaneMatch dane_match(const std::vector<TlsaRecord>& records, const std::vector<CertificateInfo>& chain);

// Whether one record matches one certificate (selector and matching type applied).
bool record_matches(const TlsaRecord& r, const CertificateInfo& cert);

}  // namespace weerbaar::scan::mail
