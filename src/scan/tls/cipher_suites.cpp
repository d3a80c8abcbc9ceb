#include "scan/tls/cipher_suites.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace weerbaar::scan::tls {
namespace {
using k = KeyExchange;
using a = Authentication;
using c = BulkCipher;
using m = Mac;

// IANA TLS Cipher Suites registry, plus the EXPORT1024 suites (0x0060-0x0066) that old
// servers still had although IANA never assigned them. Ordered best first: a server that
// follows the client's order then picks the best suite it has, like a browser would see.
// Left out on purpose: KRB5, GOST and the pre-RFC ChaCha20 draft suites (no server a small
// business runs picks them), and SCSVs, which are signals, not suites.
// One suite a line reads as the IANA table it mirrors.
// clang-format off
constexpr std::array kSuites = std::to_array<CipherSuite>({
    {0x1301, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", k::tls13, a::tls13, c::aes128_gcm, m::aead, false},
    {0x1302, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", k::tls13, a::tls13, c::aes256_gcm, m::aead, false},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", k::tls13, a::tls13, c::chacha20_poly1305, m::aead, false},
    {0x1304, "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_SHA256", k::tls13, a::tls13, c::aes128_ccm, m::aead, false},
    {0x1305, "TLS_AES_128_CCM_8_SHA256", "TLS_AES_128_CCM_8_SHA256", k::tls13, a::tls13, c::aes128_ccm8, m::aead, false},
    {0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", k::ecdhe, a::ecdsa, c::aes256_gcm, m::aead, false},
    {0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384", k::ecdhe, a::rsa, c::aes256_gcm, m::aead, false},
    {0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305", k::ecdhe, a::ecdsa, c::chacha20_poly1305, m::aead, false},
    {0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305", k::ecdhe, a::rsa, c::chacha20_poly1305, m::aead, false},
    {0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", k::ecdhe, a::ecdsa, c::aes128_gcm, m::aead, false},
    {0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", k::ecdhe, a::rsa, c::aes128_gcm, m::aead, false},
    {0xC0AD, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM", "ECDHE-ECDSA-AES256-CCM", k::ecdhe, a::ecdsa, c::aes256_ccm, m::aead, false},
    {0xC0AC, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", "ECDHE-ECDSA-AES128-CCM", k::ecdhe, a::ecdsa, c::aes128_ccm, m::aead, false},
    {0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "DHE-RSA-AES256-GCM-SHA384", k::dhe, a::rsa, c::aes256_gcm, m::aead, false},
    {0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "DHE-RSA-CHACHA20-POLY1305", k::dhe, a::rsa, c::chacha20_poly1305, m::aead, false},
    {0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE-RSA-AES128-GCM-SHA256", k::dhe, a::rsa, c::aes128_gcm, m::aead, false},
    {0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE-ECDSA-AES256-SHA384", k::ecdhe, a::ecdsa, c::aes256_cbc, m::sha384, false},
    {0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE-RSA-AES256-SHA384", k::ecdhe, a::rsa, c::aes256_cbc, m::sha384, false},
    {0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256", k::ecdhe, a::ecdsa, c::aes128_cbc, m::sha256, false},
    {0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256", k::ecdhe, a::rsa, c::aes128_cbc, m::sha256, false},
    {0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "DHE-RSA-AES256-SHA256", k::dhe, a::rsa, c::aes256_cbc, m::sha256, false},
    {0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "DHE-RSA-AES128-SHA256", k::dhe, a::rsa, c::aes128_cbc, m::sha256, false},
    {0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA", k::ecdhe, a::ecdsa, c::aes256_cbc, m::sha1, false},
    {0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA", k::ecdhe, a::rsa, c::aes256_cbc, m::sha1, false},
    {0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA", k::ecdhe, a::ecdsa, c::aes128_cbc, m::sha1, false},
    {0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA", k::ecdhe, a::rsa, c::aes128_cbc, m::sha1, false},
    {0xC0AF, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", "ECDHE-ECDSA-AES256-CCM8", k::ecdhe, a::ecdsa, c::aes256_ccm8, m::aead, false},
    {0xC0AE, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "ECDHE-ECDSA-AES128-CCM8", k::ecdhe, a::ecdsa, c::aes128_ccm8, m::aead, false},
    {0xC09F, "TLS_DHE_RSA_WITH_AES_256_CCM", "DHE-RSA-AES256-CCM", k::dhe, a::rsa, c::aes256_ccm, m::aead, false},
    {0xC09E, "TLS_DHE_RSA_WITH_AES_128_CCM", "DHE-RSA-AES128-CCM", k::dhe, a::rsa, c::aes128_ccm, m::aead, false},
    {0xC0A3, "TLS_DHE_RSA_WITH_AES_256_CCM_8", "DHE-RSA-AES256-CCM8", k::dhe, a::rsa, c::aes256_ccm8, m::aead, false},
    {0xC0A2, "TLS_DHE_RSA_WITH_AES_128_CCM_8", "DHE-RSA-AES128-CCM8", k::dhe, a::rsa, c::aes128_ccm8, m::aead, false},
    {0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "DHE-RSA-AES256-SHA", k::dhe, a::rsa, c::aes256_cbc, m::sha1, false},
    {0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "DHE-RSA-AES128-SHA", k::dhe, a::rsa, c::aes128_cbc, m::sha1, false},
    {0x00A3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", "DHE-DSS-AES256-GCM-SHA384", k::dhe, a::dss, c::aes256_gcm, m::aead, false},
    {0x00A2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", "DHE-DSS-AES128-GCM-SHA256", k::dhe, a::dss, c::aes128_gcm, m::aead, false},
    {0x006A, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", "DHE-DSS-AES256-SHA256", k::dhe, a::dss, c::aes256_cbc, m::sha256, false},
    {0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", "DHE-DSS-AES128-SHA256", k::dhe, a::dss, c::aes128_cbc, m::sha256, false},
    {0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", "DHE-DSS-AES256-SHA", k::dhe, a::dss, c::aes256_cbc, m::sha1, false},
    {0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", "DHE-DSS-AES128-SHA", k::dhe, a::dss, c::aes128_cbc, m::sha1, false},
    {0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384", k::rsa, a::rsa, c::aes256_gcm, m::aead, false},
    {0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256", k::rsa, a::rsa, c::aes128_gcm, m::aead, false},
    {0xC09D, "TLS_RSA_WITH_AES_256_CCM", "AES256-CCM", k::rsa, a::rsa, c::aes256_ccm, m::aead, false},
    {0xC09C, "TLS_RSA_WITH_AES_128_CCM", "AES128-CCM", k::rsa, a::rsa, c::aes128_ccm, m::aead, false},
    {0xC0A1, "TLS_RSA_WITH_AES_256_CCM_8", "AES256-CCM8", k::rsa, a::rsa, c::aes256_ccm8, m::aead, false},
    {0xC0A0, "TLS_RSA_WITH_AES_128_CCM_8", "AES128-CCM8", k::rsa, a::rsa, c::aes128_ccm8, m::aead, false},
    {0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256", k::rsa, a::rsa, c::aes256_cbc, m::sha256, false},
    {0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256", k::rsa, a::rsa, c::aes128_cbc, m::sha256, false},
    {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA", k::rsa, a::rsa, c::aes256_cbc, m::sha1, false},
    {0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA", k::rsa, a::rsa, c::aes128_cbc, m::sha1, false},
    {0xC02E, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", "ECDH-ECDSA-AES256-GCM-SHA384", k::ecdh, a::ecdsa, c::aes256_gcm, m::aead, false},
    {0xC02D, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", "ECDH-ECDSA-AES128-GCM-SHA256", k::ecdh, a::ecdsa, c::aes128_gcm, m::aead, false},
    {0xC032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", "ECDH-RSA-AES256-GCM-SHA384", k::ecdh, a::rsa, c::aes256_gcm, m::aead, false},
    {0xC031, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", "ECDH-RSA-AES128-GCM-SHA256", k::ecdh, a::rsa, c::aes128_gcm, m::aead, false},
    {0xC026, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", "ECDH-ECDSA-AES256-SHA384", k::ecdh, a::ecdsa, c::aes256_cbc, m::sha384, false},
    {0xC025, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", "ECDH-ECDSA-AES128-SHA256", k::ecdh, a::ecdsa, c::aes128_cbc, m::sha256, false},
    {0xC02A, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", "ECDH-RSA-AES256-SHA384", k::ecdh, a::rsa, c::aes256_cbc, m::sha384, false},
    {0xC029, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", "ECDH-RSA-AES128-SHA256", k::ecdh, a::rsa, c::aes128_cbc, m::sha256, false},
    {0xC005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", "ECDH-ECDSA-AES256-SHA", k::ecdh, a::ecdsa, c::aes256_cbc, m::sha1, false},
    {0xC004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", "ECDH-ECDSA-AES128-SHA", k::ecdh, a::ecdsa, c::aes128_cbc, m::sha1, false},
    {0xC00F, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", "ECDH-RSA-AES256-SHA", k::ecdh, a::rsa, c::aes256_cbc, m::sha1, false},
    {0xC00E, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", "ECDH-RSA-AES128-SHA", k::ecdh, a::rsa, c::aes128_cbc, m::sha1, false},
    {0x00A1, "TLS_DH_RSA_WITH_AES_256_GCM_SHA384", "DH-RSA-AES256-GCM-SHA384", k::dh, a::rsa, c::aes256_gcm, m::aead, false},
    {0x00A0, "TLS_DH_RSA_WITH_AES_128_GCM_SHA256", "DH-RSA-AES128-GCM-SHA256", k::dh, a::rsa, c::aes128_gcm, m::aead, false},
    {0x00A5, "TLS_DH_DSS_WITH_AES_256_GCM_SHA384", "DH-DSS-AES256-GCM-SHA384", k::dh, a::dss, c::aes256_gcm, m::aead, false},
    {0x00A4, "TLS_DH_DSS_WITH_AES_128_GCM_SHA256", "DH-DSS-AES128-GCM-SHA256", k::dh, a::dss, c::aes128_gcm, m::aead, false},
    {0x0069, "TLS_DH_RSA_WITH_AES_256_CBC_SHA256", "DH-RSA-AES256-SHA256", k::dh, a::rsa, c::aes256_cbc, m::sha256, false},
    {0x0068, "TLS_DH_DSS_WITH_AES_256_CBC_SHA256", "DH-DSS-AES256-SHA256", k::dh, a::dss, c::aes256_cbc, m::sha256, false},
    {0x003F, "TLS_DH_RSA_WITH_AES_128_CBC_SHA256", "DH-RSA-AES128-SHA256", k::dh, a::rsa, c::aes128_cbc, m::sha256, false},
    {0x003E, "TLS_DH_DSS_WITH_AES_128_CBC_SHA256", "DH-DSS-AES128-SHA256", k::dh, a::dss, c::aes128_cbc, m::sha256, false},
    {0x0037, "TLS_DH_RSA_WITH_AES_256_CBC_SHA", "DH-RSA-AES256-SHA", k::dh, a::rsa, c::aes256_cbc, m::sha1, false},
    {0x0036, "TLS_DH_DSS_WITH_AES_256_CBC_SHA", "DH-DSS-AES256-SHA", k::dh, a::dss, c::aes256_cbc, m::sha1, false},
    {0x0031, "TLS_DH_RSA_WITH_AES_128_CBC_SHA", "DH-RSA-AES128-SHA", k::dh, a::rsa, c::aes128_cbc, m::sha1, false},
    {0x0030, "TLS_DH_DSS_WITH_AES_128_CBC_SHA", "DH-DSS-AES128-SHA", k::dh, a::dss, c::aes128_cbc, m::sha1, false},
    {0xC073, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDHE-ECDSA-CAMELLIA256-SHA384", k::ecdhe, a::ecdsa, c::camellia256_cbc, m::sha384, false},
    {0xC077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDHE-RSA-CAMELLIA256-SHA384", k::ecdhe, a::rsa, c::camellia256_cbc, m::sha384, false},
    {0xC072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDHE-ECDSA-CAMELLIA128-SHA256", k::ecdhe, a::ecdsa, c::camellia128_cbc, m::sha256, false},
    {0xC076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDHE-RSA-CAMELLIA128-SHA256", k::ecdhe, a::rsa, c::camellia128_cbc, m::sha256, false},
    {0xC075, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", "", k::ecdh, a::ecdsa, c::camellia256_cbc, m::sha384, false},
    {0xC074, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", "", k::ecdh, a::ecdsa, c::camellia128_cbc, m::sha256, false},
    {0xC079, "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384", "", k::ecdh, a::rsa, c::camellia256_cbc, m::sha384, false},
    {0xC078, "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256", "", k::ecdh, a::rsa, c::camellia128_cbc, m::sha256, false},
    {0xC087, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", "", k::ecdhe, a::ecdsa, c::camellia256_gcm, m::aead, false},
    {0xC086, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256", "", k::ecdhe, a::ecdsa, c::camellia128_gcm, m::aead, false},
    {0xC08B, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", "", k::ecdhe, a::rsa, c::camellia256_gcm, m::aead, false},
    {0xC08A, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", "", k::ecdhe, a::rsa, c::camellia128_gcm, m::aead, false},
    {0xC07D, "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", "", k::dhe, a::rsa, c::camellia256_gcm, m::aead, false},
    {0xC07C, "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", "", k::dhe, a::rsa, c::camellia128_gcm, m::aead, false},
    {0xC07B, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384", "", k::rsa, a::rsa, c::camellia256_gcm, m::aead, false},
    {0xC07A, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256", "", k::rsa, a::rsa, c::camellia128_gcm, m::aead, false},
    {0x00C4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256", "DHE-RSA-CAMELLIA256-SHA256", k::dhe, a::rsa, c::camellia256_cbc, m::sha256, false},
    {0x00C3, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256", "DHE-DSS-CAMELLIA256-SHA256", k::dhe, a::dss, c::camellia256_cbc, m::sha256, false},
    {0x00C2, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256", "", k::dh, a::rsa, c::camellia256_cbc, m::sha256, false},
    {0x00C1, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256", "", k::dh, a::dss, c::camellia256_cbc, m::sha256, false},
    {0x00C0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256", "CAMELLIA256-SHA256", k::rsa, a::rsa, c::camellia256_cbc, m::sha256, false},
    {0x00BE, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", "DHE-RSA-CAMELLIA128-SHA256", k::dhe, a::rsa, c::camellia128_cbc, m::sha256, false},
    {0x00BD, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256", "DHE-DSS-CAMELLIA128-SHA256", k::dhe, a::dss, c::camellia128_cbc, m::sha256, false},
    {0x00BC, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256", "", k::dh, a::rsa, c::camellia128_cbc, m::sha256, false},
    {0x00BB, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256", "", k::dh, a::dss, c::camellia128_cbc, m::sha256, false},
    {0x00BA, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256", "CAMELLIA128-SHA256", k::rsa, a::rsa, c::camellia128_cbc, m::sha256, false},
    {0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", "DHE-RSA-CAMELLIA256-SHA", k::dhe, a::rsa, c::camellia256_cbc, m::sha1, false},
    {0x0087, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA", "DHE-DSS-CAMELLIA256-SHA", k::dhe, a::dss, c::camellia256_cbc, m::sha1, false},
    {0x0086, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA", "DH-RSA-CAMELLIA256-SHA", k::dh, a::rsa, c::camellia256_cbc, m::sha1, false},
    {0x0085, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA", "DH-DSS-CAMELLIA256-SHA", k::dh, a::dss, c::camellia256_cbc, m::sha1, false},
    {0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", "CAMELLIA256-SHA", k::rsa, a::rsa, c::camellia256_cbc, m::sha1, false},
    {0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", "DHE-RSA-CAMELLIA128-SHA", k::dhe, a::rsa, c::camellia128_cbc, m::sha1, false},
    {0x0044, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA", "DHE-DSS-CAMELLIA128-SHA", k::dhe, a::dss, c::camellia128_cbc, m::sha1, false},
    {0x0043, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA", "DH-RSA-CAMELLIA128-SHA", k::dh, a::rsa, c::camellia128_cbc, m::sha1, false},
    {0x0042, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA", "DH-DSS-CAMELLIA128-SHA", k::dh, a::dss, c::camellia128_cbc, m::sha1, false},
    {0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", "CAMELLIA128-SHA", k::rsa, a::rsa, c::camellia128_cbc, m::sha1, false},
    {0xC05D, "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384", "ECDHE-ECDSA-ARIA256-GCM-SHA384", k::ecdhe, a::ecdsa, c::aria256_gcm, m::aead, false},
    {0xC05C, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256", "ECDHE-ECDSA-ARIA128-GCM-SHA256", k::ecdhe, a::ecdsa, c::aria128_gcm, m::aead, false},
    {0xC061, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384", "ECDHE-ARIA256-GCM-SHA384", k::ecdhe, a::rsa, c::aria256_gcm, m::aead, false},
    {0xC060, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256", "ECDHE-ARIA128-GCM-SHA256", k::ecdhe, a::rsa, c::aria128_gcm, m::aead, false},
    {0xC053, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384", "DHE-RSA-ARIA256-GCM-SHA384", k::dhe, a::rsa, c::aria256_gcm, m::aead, false},
    {0xC052, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256", "DHE-RSA-ARIA128-GCM-SHA256", k::dhe, a::rsa, c::aria128_gcm, m::aead, false},
    {0xC057, "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384", "DHE-DSS-ARIA256-GCM-SHA384", k::dhe, a::dss, c::aria256_gcm, m::aead, false},
    {0xC056, "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256", "DHE-DSS-ARIA128-GCM-SHA256", k::dhe, a::dss, c::aria128_gcm, m::aead, false},
    {0xC051, "TLS_RSA_WITH_ARIA_256_GCM_SHA384", "ARIA256-GCM-SHA384", k::rsa, a::rsa, c::aria256_gcm, m::aead, false},
    {0xC050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256", "ARIA128-GCM-SHA256", k::rsa, a::rsa, c::aria128_gcm, m::aead, false},
    {0xC049, "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384", "", k::ecdhe, a::ecdsa, c::aria256_cbc, m::sha384, false},
    {0xC048, "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256", "", k::ecdhe, a::ecdsa, c::aria128_cbc, m::sha256, false},
    {0xC04D, "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384", "", k::ecdhe, a::rsa, c::aria256_cbc, m::sha384, false},
    {0xC04C, "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256", "", k::ecdhe, a::rsa, c::aria128_cbc, m::sha256, false},
    {0xC045, "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384", "", k::dhe, a::rsa, c::aria256_cbc, m::sha384, false},
    {0xC044, "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256", "", k::dhe, a::rsa, c::aria128_cbc, m::sha256, false},
    {0xC043, "TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384", "", k::dhe, a::dss, c::aria256_cbc, m::sha384, false},
    {0xC042, "TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256", "", k::dhe, a::dss, c::aria128_cbc, m::sha256, false},
    {0xC03D, "TLS_RSA_WITH_ARIA_256_CBC_SHA384", "", k::rsa, a::rsa, c::aria256_cbc, m::sha384, false},
    {0xC03C, "TLS_RSA_WITH_ARIA_128_CBC_SHA256", "", k::rsa, a::rsa, c::aria128_cbc, m::sha256, false},
    {0x009A, "TLS_DHE_RSA_WITH_SEED_CBC_SHA", "DHE-RSA-SEED-SHA", k::dhe, a::rsa, c::seed, m::sha1, false},
    {0x0099, "TLS_DHE_DSS_WITH_SEED_CBC_SHA", "DHE-DSS-SEED-SHA", k::dhe, a::dss, c::seed, m::sha1, false},
    {0x0098, "TLS_DH_RSA_WITH_SEED_CBC_SHA", "DH-RSA-SEED-SHA", k::dh, a::rsa, c::seed, m::sha1, false},
    {0x0097, "TLS_DH_DSS_WITH_SEED_CBC_SHA", "DH-DSS-SEED-SHA", k::dh, a::dss, c::seed, m::sha1, false},
    {0x0096, "TLS_RSA_WITH_SEED_CBC_SHA", "SEED-SHA", k::rsa, a::rsa, c::seed, m::sha1, false},
    {0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA", "IDEA-CBC-SHA", k::rsa, a::rsa, c::idea, m::sha1, false},
    {0xC008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", "ECDHE-ECDSA-DES-CBC3-SHA", k::ecdhe, a::ecdsa, c::des3, m::sha1, false},
    {0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "ECDHE-RSA-DES-CBC3-SHA", k::ecdhe, a::rsa, c::des3, m::sha1, false},
    {0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", "DHE-RSA-DES-CBC3-SHA", k::dhe, a::rsa, c::des3, m::sha1, false},
    {0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", "DHE-DSS-DES-CBC3-SHA", k::dhe, a::dss, c::des3, m::sha1, false},
    {0xC003, "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA", "ECDH-ECDSA-DES-CBC3-SHA", k::ecdh, a::ecdsa, c::des3, m::sha1, false},
    {0xC00D, "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA", "ECDH-RSA-DES-CBC3-SHA", k::ecdh, a::rsa, c::des3, m::sha1, false},
    {0x0010, "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA", "DH-RSA-DES-CBC3-SHA", k::dh, a::rsa, c::des3, m::sha1, false},
    {0x000D, "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA", "DH-DSS-DES-CBC3-SHA", k::dh, a::dss, c::des3, m::sha1, false},
    {0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "DES-CBC3-SHA", k::rsa, a::rsa, c::des3, m::sha1, false},
    {0xC007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "ECDHE-ECDSA-RC4-SHA", k::ecdhe, a::ecdsa, c::rc4_128, m::sha1, false},
    {0xC011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "ECDHE-RSA-RC4-SHA", k::ecdhe, a::rsa, c::rc4_128, m::sha1, false},
    {0xC002, "TLS_ECDH_ECDSA_WITH_RC4_128_SHA", "ECDH-ECDSA-RC4-SHA", k::ecdh, a::ecdsa, c::rc4_128, m::sha1, false},
    {0xC00C, "TLS_ECDH_RSA_WITH_RC4_128_SHA", "ECDH-RSA-RC4-SHA", k::ecdh, a::rsa, c::rc4_128, m::sha1, false},
    {0x0066, "TLS_DHE_DSS_WITH_RC4_128_SHA", "DHE-DSS-RC4-SHA", k::dhe, a::dss, c::rc4_128, m::sha1, false},
    {0x0005, "TLS_RSA_WITH_RC4_128_SHA", "RC4-SHA", k::rsa, a::rsa, c::rc4_128, m::sha1, false},
    {0x0004, "TLS_RSA_WITH_RC4_128_MD5", "RC4-MD5", k::rsa, a::rsa, c::rc4_128, m::md5, false},
    {0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA", "EDH-RSA-DES-CBC-SHA", k::dhe, a::rsa, c::des, m::sha1, false},
    {0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA", "EDH-DSS-DES-CBC-SHA", k::dhe, a::dss, c::des, m::sha1, false},
    {0x000F, "TLS_DH_RSA_WITH_DES_CBC_SHA", "DH-RSA-DES-CBC-SHA", k::dh, a::rsa, c::des, m::sha1, false},
    {0x000C, "TLS_DH_DSS_WITH_DES_CBC_SHA", "DH-DSS-DES-CBC-SHA", k::dh, a::dss, c::des, m::sha1, false},
    {0x0009, "TLS_RSA_WITH_DES_CBC_SHA", "DES-CBC-SHA", k::rsa, a::rsa, c::des, m::sha1, false},
    {0x0065, "TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA", "EXP1024-DHE-DSS-RC4-SHA", k::dhe, a::dss, c::rc4_56, m::sha1, true},
    {0x0064, "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA", "EXP1024-RC4-SHA", k::rsa, a::rsa, c::rc4_56, m::sha1, true},
    {0x0063, "TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA", "EXP1024-DHE-DSS-DES-CBC-SHA", k::dhe, a::dss, c::des, m::sha1, true},
    {0x0062, "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA", "EXP1024-DES-CBC-SHA", k::rsa, a::rsa, c::des, m::sha1, true},
    {0x0061, "TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5", "EXP1024-RC2-CBC-MD5", k::rsa, a::rsa, c::rc2_40, m::md5, true},
    {0x0060, "TLS_RSA_EXPORT1024_WITH_RC4_56_MD5", "EXP1024-RC4-MD5", k::rsa, a::rsa, c::rc4_56, m::md5, true},
    {0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", "EXP-EDH-RSA-DES-CBC-SHA", k::dhe, a::rsa, c::des40, m::sha1, true},
    {0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", "EXP-EDH-DSS-DES-CBC-SHA", k::dhe, a::dss, c::des40, m::sha1, true},
    {0x000E, "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA", "EXP-DH-RSA-DES-CBC-SHA", k::dh, a::rsa, c::des40, m::sha1, true},
    {0x000B, "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA", "EXP-DH-DSS-DES-CBC-SHA", k::dh, a::dss, c::des40, m::sha1, true},
    {0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", "EXP-DES-CBC-SHA", k::rsa, a::rsa, c::des40, m::sha1, true},
    {0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", "EXP-RC2-CBC-MD5", k::rsa, a::rsa, c::rc2_40, m::md5, true},
    {0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5", "EXP-RC4-MD5", k::rsa, a::rsa, c::rc4_40, m::md5, true},
    {0xC006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA", "ECDHE-ECDSA-NULL-SHA", k::ecdhe, a::ecdsa, c::null, m::sha1, false},
    {0xC010, "TLS_ECDHE_RSA_WITH_NULL_SHA", "ECDHE-RSA-NULL-SHA", k::ecdhe, a::rsa, c::null, m::sha1, false},
    {0xC001, "TLS_ECDH_ECDSA_WITH_NULL_SHA", "ECDH-ECDSA-NULL-SHA", k::ecdh, a::ecdsa, c::null, m::sha1, false},
    {0xC00B, "TLS_ECDH_RSA_WITH_NULL_SHA", "ECDH-RSA-NULL-SHA", k::ecdh, a::rsa, c::null, m::sha1, false},
    {0x003B, "TLS_RSA_WITH_NULL_SHA256", "NULL-SHA256", k::rsa, a::rsa, c::null, m::sha256, false},
    {0x0002, "TLS_RSA_WITH_NULL_SHA", "NULL-SHA", k::rsa, a::rsa, c::null, m::sha1, false},
    {0x0001, "TLS_RSA_WITH_NULL_MD5", "NULL-MD5", k::rsa, a::rsa, c::null, m::md5, false},
    {0x00A7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384", "ADH-AES256-GCM-SHA384", k::dh_anon, a::anon, c::aes256_gcm, m::aead, false},
    {0x00A6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256", "ADH-AES128-GCM-SHA256", k::dh_anon, a::anon, c::aes128_gcm, m::aead, false},
    {0x006D, "TLS_DH_anon_WITH_AES_256_CBC_SHA256", "ADH-AES256-SHA256", k::dh_anon, a::anon, c::aes256_cbc, m::sha256, false},
    {0x006C, "TLS_DH_anon_WITH_AES_128_CBC_SHA256", "ADH-AES128-SHA256", k::dh_anon, a::anon, c::aes128_cbc, m::sha256, false},
    {0x003A, "TLS_DH_anon_WITH_AES_256_CBC_SHA", "ADH-AES256-SHA", k::dh_anon, a::anon, c::aes256_cbc, m::sha1, false},
    {0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA", "ADH-AES128-SHA", k::dh_anon, a::anon, c::aes128_cbc, m::sha1, false},
    {0x00C5, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256", "ADH-CAMELLIA256-SHA256", k::dh_anon, a::anon, c::camellia256_cbc, m::sha256, false},
    {0x00BF, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256", "ADH-CAMELLIA128-SHA256", k::dh_anon, a::anon, c::camellia128_cbc, m::sha256, false},
    {0x0089, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA", "ADH-CAMELLIA256-SHA", k::dh_anon, a::anon, c::camellia256_cbc, m::sha1, false},
    {0x0046, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA", "ADH-CAMELLIA128-SHA", k::dh_anon, a::anon, c::camellia128_cbc, m::sha1, false},
    {0x009B, "TLS_DH_anon_WITH_SEED_CBC_SHA", "ADH-SEED-SHA", k::dh_anon, a::anon, c::seed, m::sha1, false},
    {0x001B, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA", "ADH-DES-CBC3-SHA", k::dh_anon, a::anon, c::des3, m::sha1, false},
    {0x001A, "TLS_DH_anon_WITH_DES_CBC_SHA", "ADH-DES-CBC-SHA", k::dh_anon, a::anon, c::des, m::sha1, false},
    {0x0018, "TLS_DH_anon_WITH_RC4_128_MD5", "ADH-RC4-MD5", k::dh_anon, a::anon, c::rc4_128, m::md5, false},
    {0x0019, "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA", "EXP-ADH-DES-CBC-SHA", k::dh_anon, a::anon, c::des40, m::sha1, true},
    {0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5", "EXP-ADH-RC4-MD5", k::dh_anon, a::anon, c::rc4_40, m::md5, true},
    {0xC019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA", "AECDH-AES256-SHA", k::ecdh_anon, a::anon, c::aes256_cbc, m::sha1, false},
    {0xC018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", "AECDH-AES128-SHA", k::ecdh_anon, a::anon, c::aes128_cbc, m::sha1, false},
    {0xC017, "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA", "AECDH-DES-CBC3-SHA", k::ecdh_anon, a::anon, c::des3, m::sha1, false},
    {0xC016, "TLS_ECDH_anon_WITH_RC4_128_SHA", "AECDH-RC4-SHA", k::ecdh_anon, a::anon, c::rc4_128, m::sha1, false},
    {0xC015, "TLS_ECDH_anon_WITH_NULL_SHA", "AECDH-NULL-SHA", k::ecdh_anon, a::anon, c::null, m::sha1, false},
    {0x00AD, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384", "RSA-PSK-AES256-GCM-SHA384", k::rsa_psk, a::rsa, c::aes256_gcm, m::aead, false},
    {0x00AC, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", "RSA-PSK-AES128-GCM-SHA256", k::rsa_psk, a::rsa, c::aes128_gcm, m::aead, false},
    {0x00AB, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384", "DHE-PSK-AES256-GCM-SHA384", k::dhe_psk, a::psk, c::aes256_gcm, m::aead, false},
    {0x00AA, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", "DHE-PSK-AES128-GCM-SHA256", k::dhe_psk, a::psk, c::aes128_gcm, m::aead, false},
    {0x00A9, "TLS_PSK_WITH_AES_256_GCM_SHA384", "PSK-AES256-GCM-SHA384", k::psk, a::psk, c::aes256_gcm, m::aead, false},
    {0x00A8, "TLS_PSK_WITH_AES_128_GCM_SHA256", "PSK-AES128-GCM-SHA256", k::psk, a::psk, c::aes128_gcm, m::aead, false},
    {0xD002, "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384", "", k::ecdhe_psk, a::psk, c::aes256_gcm, m::aead, false},
    {0xD001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", "", k::ecdhe_psk, a::psk, c::aes128_gcm, m::aead, false},
    {0xD005, "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256", "", k::ecdhe_psk, a::psk, c::aes128_ccm, m::aead, false},
    {0xD003, "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256", "", k::ecdhe_psk, a::psk, c::aes128_ccm8, m::aead, false},
    {0xCCAE, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256", "RSA-PSK-CHACHA20-POLY1305", k::rsa_psk, a::rsa, c::chacha20_poly1305, m::aead, false},
    {0xCCAD, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "DHE-PSK-CHACHA20-POLY1305", k::dhe_psk, a::psk, c::chacha20_poly1305, m::aead, false},
    {0xCCAC, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-PSK-CHACHA20-POLY1305", k::ecdhe_psk, a::psk, c::chacha20_poly1305, m::aead, false},
    {0xCCAB, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", "PSK-CHACHA20-POLY1305", k::psk, a::psk, c::chacha20_poly1305, m::aead, false},
    {0xC0A7, "TLS_DHE_PSK_WITH_AES_256_CCM", "DHE-PSK-AES256-CCM", k::dhe_psk, a::psk, c::aes256_ccm, m::aead, false},
    {0xC0A6, "TLS_DHE_PSK_WITH_AES_128_CCM", "DHE-PSK-AES128-CCM", k::dhe_psk, a::psk, c::aes128_ccm, m::aead, false},
    {0xC0A5, "TLS_PSK_WITH_AES_256_CCM", "PSK-AES256-CCM", k::psk, a::psk, c::aes256_ccm, m::aead, false},
    {0xC0A4, "TLS_PSK_WITH_AES_128_CCM", "PSK-AES128-CCM", k::psk, a::psk, c::aes128_ccm, m::aead, false},
    {0xC0AB, "TLS_PSK_DHE_WITH_AES_256_CCM_8", "DHE-PSK-AES256-CCM8", k::dhe_psk, a::psk, c::aes256_ccm8, m::aead, false},
    {0xC0AA, "TLS_PSK_DHE_WITH_AES_128_CCM_8", "DHE-PSK-AES128-CCM8", k::dhe_psk, a::psk, c::aes128_ccm8, m::aead, false},
    {0xC0A9, "TLS_PSK_WITH_AES_256_CCM_8", "PSK-AES256-CCM8", k::psk, a::psk, c::aes256_ccm8, m::aead, false},
    {0xC0A8, "TLS_PSK_WITH_AES_128_CCM_8", "PSK-AES128-CCM8", k::psk, a::psk, c::aes128_ccm8, m::aead, false},
    {0xC06F, "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384", "RSA-PSK-ARIA256-GCM-SHA384", k::rsa_psk, a::rsa, c::aria256_gcm, m::aead, false},
    {0xC06E, "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256", "RSA-PSK-ARIA128-GCM-SHA256", k::rsa_psk, a::rsa, c::aria128_gcm, m::aead, false},
    {0xC06D, "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384", "DHE-PSK-ARIA256-GCM-SHA384", k::dhe_psk, a::psk, c::aria256_gcm, m::aead, false},
    {0xC06C, "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256", "DHE-PSK-ARIA128-GCM-SHA256", k::dhe_psk, a::psk, c::aria128_gcm, m::aead, false},
    {0xC06B, "TLS_PSK_WITH_ARIA_256_GCM_SHA384", "PSK-ARIA256-GCM-SHA384", k::psk, a::psk, c::aria256_gcm, m::aead, false},
    {0xC06A, "TLS_PSK_WITH_ARIA_128_GCM_SHA256", "PSK-ARIA128-GCM-SHA256", k::psk, a::psk, c::aria128_gcm, m::aead, false},
    {0xC038, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384", "ECDHE-PSK-AES256-CBC-SHA384", k::ecdhe_psk, a::psk, c::aes256_cbc, m::sha384, false},
    {0xC037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", "ECDHE-PSK-AES128-CBC-SHA256", k::ecdhe_psk, a::psk, c::aes128_cbc, m::sha256, false},
    {0xC036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA", "ECDHE-PSK-AES256-CBC-SHA", k::ecdhe_psk, a::psk, c::aes256_cbc, m::sha1, false},
    {0xC035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA", "ECDHE-PSK-AES128-CBC-SHA", k::ecdhe_psk, a::psk, c::aes128_cbc, m::sha1, false},
    {0xC034, "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA", "ECDHE-PSK-3DES-EDE-CBC-SHA", k::ecdhe_psk, a::psk, c::des3, m::sha1, false},
    {0xC033, "TLS_ECDHE_PSK_WITH_RC4_128_SHA", "ECDHE-PSK-RC4-SHA", k::ecdhe_psk, a::psk, c::rc4_128, m::sha1, false},
    {0xC03B, "TLS_ECDHE_PSK_WITH_NULL_SHA384", "ECDHE-PSK-NULL-SHA384", k::ecdhe_psk, a::psk, c::null, m::sha384, false},
    {0xC03A, "TLS_ECDHE_PSK_WITH_NULL_SHA256", "ECDHE-PSK-NULL-SHA256", k::ecdhe_psk, a::psk, c::null, m::sha256, false},
    {0xC039, "TLS_ECDHE_PSK_WITH_NULL_SHA", "ECDHE-PSK-NULL-SHA", k::ecdhe_psk, a::psk, c::null, m::sha1, false},
    {0x00B7, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384", "RSA-PSK-AES256-CBC-SHA384", k::rsa_psk, a::rsa, c::aes256_cbc, m::sha384, false},
    {0x00B6, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256", "RSA-PSK-AES128-CBC-SHA256", k::rsa_psk, a::rsa, c::aes128_cbc, m::sha256, false},
    {0x00B3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384", "DHE-PSK-AES256-CBC-SHA384", k::dhe_psk, a::psk, c::aes256_cbc, m::sha384, false},
    {0x00B2, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256", "DHE-PSK-AES128-CBC-SHA256", k::dhe_psk, a::psk, c::aes128_cbc, m::sha256, false},
    {0x00AF, "TLS_PSK_WITH_AES_256_CBC_SHA384", "PSK-AES256-CBC-SHA384", k::psk, a::psk, c::aes256_cbc, m::sha384, false},
    {0x00AE, "TLS_PSK_WITH_AES_128_CBC_SHA256", "PSK-AES128-CBC-SHA256", k::psk, a::psk, c::aes128_cbc, m::sha256, false},
    {0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA", "RSA-PSK-AES256-CBC-SHA", k::rsa_psk, a::rsa, c::aes256_cbc, m::sha1, false},
    {0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA", "RSA-PSK-AES128-CBC-SHA", k::rsa_psk, a::rsa, c::aes128_cbc, m::sha1, false},
    {0x0093, "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA", "RSA-PSK-3DES-EDE-CBC-SHA", k::rsa_psk, a::rsa, c::des3, m::sha1, false},
    {0x0092, "TLS_RSA_PSK_WITH_RC4_128_SHA", "RSA-PSK-RC4-SHA", k::rsa_psk, a::rsa, c::rc4_128, m::sha1, false},
    {0x0091, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA", "DHE-PSK-AES256-CBC-SHA", k::dhe_psk, a::psk, c::aes256_cbc, m::sha1, false},
    {0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA", "DHE-PSK-AES128-CBC-SHA", k::dhe_psk, a::psk, c::aes128_cbc, m::sha1, false},
    {0x008F, "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA", "DHE-PSK-3DES-EDE-CBC-SHA", k::dhe_psk, a::psk, c::des3, m::sha1, false},
    {0x008E, "TLS_DHE_PSK_WITH_RC4_128_SHA", "DHE-PSK-RC4-SHA", k::dhe_psk, a::psk, c::rc4_128, m::sha1, false},
    {0x008D, "TLS_PSK_WITH_AES_256_CBC_SHA", "PSK-AES256-CBC-SHA", k::psk, a::psk, c::aes256_cbc, m::sha1, false},
    {0x008C, "TLS_PSK_WITH_AES_128_CBC_SHA", "PSK-AES128-CBC-SHA", k::psk, a::psk, c::aes128_cbc, m::sha1, false},
    {0x008B, "TLS_PSK_WITH_3DES_EDE_CBC_SHA", "PSK-3DES-EDE-CBC-SHA", k::psk, a::psk, c::des3, m::sha1, false},
    {0x008A, "TLS_PSK_WITH_RC4_128_SHA", "PSK-RC4-SHA", k::psk, a::psk, c::rc4_128, m::sha1, false},
    {0xC09B, "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", "ECDHE-PSK-CAMELLIA256-SHA384", k::ecdhe_psk, a::psk, c::camellia256_cbc, m::sha384, false},
    {0xC09A, "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", "ECDHE-PSK-CAMELLIA128-SHA256", k::ecdhe_psk, a::psk, c::camellia128_cbc, m::sha256, false},
    {0xC099, "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384", "RSA-PSK-CAMELLIA256-SHA384", k::rsa_psk, a::rsa, c::camellia256_cbc, m::sha384, false},
    {0xC098, "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256", "RSA-PSK-CAMELLIA128-SHA256", k::rsa_psk, a::rsa, c::camellia128_cbc, m::sha256, false},
    {0xC097, "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", "DHE-PSK-CAMELLIA256-SHA384", k::dhe_psk, a::psk, c::camellia256_cbc, m::sha384, false},
    {0xC096, "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", "DHE-PSK-CAMELLIA128-SHA256", k::dhe_psk, a::psk, c::camellia128_cbc, m::sha256, false},
    {0xC095, "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384", "PSK-CAMELLIA256-SHA384", k::psk, a::psk, c::camellia256_cbc, m::sha384, false},
    {0xC094, "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256", "PSK-CAMELLIA128-SHA256", k::psk, a::psk, c::camellia128_cbc, m::sha256, false},
    {0x00B9, "TLS_RSA_PSK_WITH_NULL_SHA384", "RSA-PSK-NULL-SHA384", k::rsa_psk, a::rsa, c::null, m::sha384, false},
    {0x00B8, "TLS_RSA_PSK_WITH_NULL_SHA256", "RSA-PSK-NULL-SHA256", k::rsa_psk, a::rsa, c::null, m::sha256, false},
    {0x00B5, "TLS_DHE_PSK_WITH_NULL_SHA384", "DHE-PSK-NULL-SHA384", k::dhe_psk, a::psk, c::null, m::sha384, false},
    {0x00B4, "TLS_DHE_PSK_WITH_NULL_SHA256", "DHE-PSK-NULL-SHA256", k::dhe_psk, a::psk, c::null, m::sha256, false},
    {0x00B1, "TLS_PSK_WITH_NULL_SHA384", "PSK-NULL-SHA384", k::psk, a::psk, c::null, m::sha384, false},
    {0x00B0, "TLS_PSK_WITH_NULL_SHA256", "PSK-NULL-SHA256", k::psk, a::psk, c::null, m::sha256, false},
    {0x002E, "TLS_RSA_PSK_WITH_NULL_SHA", "RSA-PSK-NULL-SHA", k::rsa_psk, a::rsa, c::null, m::sha1, false},
    {0x002D, "TLS_DHE_PSK_WITH_NULL_SHA", "DHE-PSK-NULL-SHA", k::dhe_psk, a::psk, c::null, m::sha1, false},
    {0x002C, "TLS_PSK_WITH_NULL_SHA", "PSK-NULL-SHA", k::psk, a::psk, c::null, m::sha1, false},
    {0xC022, "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", "SRP-DSS-AES-256-CBC-SHA", k::srp, a::dss, c::aes256_cbc, m::sha1, false},
    {0xC021, "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", "SRP-RSA-AES-256-CBC-SHA", k::srp, a::rsa, c::aes256_cbc, m::sha1, false},
    {0xC020, "TLS_SRP_SHA_WITH_AES_256_CBC_SHA", "SRP-AES-256-CBC-SHA", k::srp, a::srp, c::aes256_cbc, m::sha1, false},
    {0xC01F, "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA", "SRP-DSS-AES-128-CBC-SHA", k::srp, a::dss, c::aes128_cbc, m::sha1, false},
    {0xC01E, "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", "SRP-RSA-AES-128-CBC-SHA", k::srp, a::rsa, c::aes128_cbc, m::sha1, false},
    {0xC01D, "TLS_SRP_SHA_WITH_AES_128_CBC_SHA", "SRP-AES-128-CBC-SHA", k::srp, a::srp, c::aes128_cbc, m::sha1, false},
    {0xC01C, "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA", "SRP-DSS-3DES-EDE-CBC-SHA", k::srp, a::dss, c::des3, m::sha1, false},
    {0xC01B, "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA", "SRP-RSA-3DES-EDE-CBC-SHA", k::srp, a::rsa, c::des3, m::sha1, false},
    {0xC01A, "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA", "SRP-3DES-EDE-CBC-SHA", k::srp, a::srp, c::des3, m::sha1, false},
});
// clang-format on

bool is_aead(BulkCipher cipher) {
  switch (cipher) {
    case c::aes128_gcm:
    case c::aes256_gcm:
    case c::aes128_ccm:
    case c::aes256_ccm:
    case c::aes128_ccm8:
    case c::aes256_ccm8:
    case c::chacha20_poly1305:
    case c::camellia128_gcm:
    case c::camellia256_gcm:
    case c::aria128_gcm:
    case c::aria256_gcm: return true;
    default: return false;
  }
}

bool is_aes_cbc(BulkCipher cipher) {
  return cipher == c::aes128_cbc || cipher == c::aes256_cbc;
}
bool is_aes_gcm(BulkCipher cipher) {
  return cipher == c::aes128_gcm || cipher == c::aes256_gcm;
}
bool is_aes_ccm16(BulkCipher cipher) {
  return cipher == c::aes128_ccm || cipher == c::aes256_ccm;
}

NcscLevel classify(const CipherSuite& s) {
  if (s.export_grade) return NcscLevel::insufficient;
  if (s.is_tls13()) {
    if (is_aes_gcm(s.cipher) || s.cipher == c::chacha20_poly1305) return NcscLevel::good;
    if (s.cipher == c::aes128_ccm) return NcscLevel::sufficient;
    return NcscLevel::insufficient;  // TLS_AES_128_CCM_8_SHA256: short tag
  }
  const bool ecdhe_signed = s.kx == k::ecdhe && (s.auth == a::ecdsa || s.auth == a::rsa);
  if (ecdhe_signed && (is_aes_gcm(s.cipher) || s.cipher == c::chacha20_poly1305)) return NcscLevel::good;
  if (s.kx == k::ecdhe && s.auth == a::ecdsa && is_aes_ccm16(s.cipher)) return NcscLevel::sufficient;
  if (s.kx == k::dhe && s.auth == a::rsa) {
    if (is_aes_gcm(s.cipher) || s.cipher == c::chacha20_poly1305) return NcscLevel::phase_out;
    if (is_aes_cbc(s.cipher) && s.mac == m::sha256) return NcscLevel::phase_out;
  }
  if (ecdhe_signed && is_aes_cbc(s.cipher) && (s.mac == m::sha256 || s.mac == m::sha384)) {
    return NcscLevel::phase_out;
  }
  // Static RSA/(EC)DH, anything CBC with SHA-1, 3DES, RC4, DES, NULL, anon, CCM_8, IDEA,
  // SEED, Camellia, ARIA, PSK, SRP, DHE-DSS.
  return NcscLevel::insufficient;
}
}  // namespace

std::string_view to_string(NcscLevel level) {
  switch (level) {
    case NcscLevel::good: return "good";
    case NcscLevel::sufficient: return "sufficient";
    case NcscLevel::phase_out: return "phase_out";
    case NcscLevel::insufficient: return "insufficient";
  }
  return "insufficient";
}

TlsVersion CipherSuite::min_version() const {
  if (is_tls13()) return TlsVersion::tls1_3;
  if (is_aead(cipher) || mac == m::sha256 || mac == m::sha384) return TlsVersion::tls1_2;
  return TlsVersion::ssl3;
}

std::span<const CipherSuite> all_cipher_suites() {
  return kSuites;
}

const CipherSuite* find_cipher_suite(std::uint16_t id) {
  // Sorted index built once; the table itself stays in preference order.
  static const auto by_id = [] {
    std::array<const CipherSuite*, kSuites.size()> index{};
    for (std::size_t i = 0; i < kSuites.size(); ++i) index[i] = &kSuites[i];
    std::sort(index.begin(), index.end(), [](const CipherSuite* x, const CipherSuite* y) { return x->id < y->id; });
    return index;
  }();
  auto it =
      std::lower_bound(by_id.begin(), by_id.end(), id, [](const CipherSuite* s, std::uint16_t v) { return s->id < v; });
  return it != by_id.end() && (*it)->id == id ? *it : nullptr;
}

std::string suite_name(std::uint16_t id) {
  if (const CipherSuite* s = find_cipher_suite(id)) {
    return std::string(s->openssl_name.empty() ? s->iana_name : s->openssl_name);
  }
  std::array<char, 8> buf{};
  std::snprintf(buf.data(), buf.size(), "0x%04X", static_cast<unsigned>(id));
  return buf.data();
}

std::vector<std::uint16_t> suites_for_version(TlsVersion v) {
  std::vector<std::uint16_t> out;
  for (const CipherSuite& s : kSuites) {
    if (v == TlsVersion::tls1_3 ? s.is_tls13() : (!s.is_tls13() && s.min_version() <= v)) out.push_back(s.id);
  }
  return out;
}

NcscLevel classify_suite(std::uint16_t id) {
  const CipherSuite* s = find_cipher_suite(id);
  return s == nullptr ? NcscLevel::insufficient : classify(*s);
}

}  // namespace weerbaar::scan::tls
