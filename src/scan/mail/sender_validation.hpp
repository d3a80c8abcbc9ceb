#pragma once
// Whether senders check a mail server's certificate. SMTP between servers is opportunistic:
// without DANE or an MTA-STS policy in enforce mode, a sender encrypts with whatever certificate
// it gets, so an expired, self-signed or misnamed certificate changes nothing (internet.nl rates
// the mail server's certificate trust and name as information only: checks/scoring.py
// MAIL_TLS_TRUSTED_WORST_STATUS, MAIL_TLS_HOSTMATCH_WORST_STATUS). With DANE or MTA-STS enforce,
// the same certificate makes senders refuse to deliver.
#include "scan/facts.hpp"

namespace weerbaar::scan::mail {

// The policy at https://mta-sts.<domain>/ was fetched, parses, is in enforce mode and names
// this MX host (RFC 8461 §4.1, §5): senders that know it check the certificate by PKIX.
bool mta_sts_enforces(const MailPolicyFacts& policy, const std::string& mx_host);

// The server has secure, usable TLSA records that match the certificate it presents (RFC 7672).
bool dane_validates(const MailServerFacts& server);

// What senders check of this server's certificate, for the TLS checks run on its STARTTLS.
SenderValidation sender_validation(const MailPolicyFacts& policy, const MailServerFacts& server);

}  // namespace weerbaar::scan::mail
