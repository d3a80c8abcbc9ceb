#include "platform/mail_sender.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <chrono>
#include <cstring>
#include <ctime>

#include "platform/secrets.hpp"

namespace weerbaar::platform {
namespace {

std::string base64(std::string_view s) {
  std::string out(sodium_base64_ENCODED_LEN(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()), s.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// Header values: strip line breaks (no header injection), encode non-ASCII per RFC 2047.
std::string header_value(std::string_view v) {
  std::string clean;
  bool ascii = true;
  for (char c : v) {
    if (c == '\r' || c == '\n') continue;
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    clean += c;
  }
  return ascii ? clean : "=?UTF-8?B?" + base64(clean) + "?=";
}

std::string rfc5322_date() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

struct Reader {
  const std::string& data;
  std::size_t pos = 0;
};

std::size_t read_cb(char* buf, std::size_t size, std::size_t n, void* user) {
  auto* r = static_cast<Reader*>(user);
  std::size_t len = std::min(size * n, r->data.size() - r->pos);
  std::memcpy(buf, r->data.data() + r->pos, len);
  r->pos += len;
  return len;
}

}  // namespace

std::string format_message(const OutgoingMail& m, const std::string& message_id, const std::string& date) {
  std::string msg;
  msg += "From: " + header_value(m.from) + "\r\n";
  msg += "To: " + header_value(m.to) + "\r\n";
  msg += "Subject: " + header_value(m.subject) + "\r\n";
  msg += "Date: " + date + "\r\n";
  msg += "Message-ID: <" + message_id + ">\r\n";
  msg += "MIME-Version: 1.0\r\n";
  msg += "Content-Type: text/plain; charset=UTF-8\r\n";
  msg += "Content-Transfer-Encoding: 8bit\r\n";
  msg += "Auto-Submitted: auto-generated\r\n\r\n";
  for (char c : m.body) {
    if (c == '\r') continue;
    if (c == '\n') {
      msg += "\r\n";
    } else {
      msg += c;
    }
  }
  if (!msg.ends_with("\r\n")) msg += "\r\n";
  return msg;
}

std::string SmtpSender::send(const OutgoingMail& m) {
  static const bool init = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  if (!init) return "libcurl could not initialise";
  auto domain = m.from.substr(m.from.find('@') + 1);
  std::string payload = format_message(m, random_token() + "@" + domain, rfc5322_date());
  Reader reader{payload};
  CURL* c = curl_easy_init();
  if (c == nullptr) return "libcurl could not start a transfer";
  std::string from = "<" + m.from + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + m.to + ">").c_str());
  char err[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, opt_.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(c, CURLOPT_READDATA, &reader);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, opt_.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for DNS timeouts
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
  curl_easy_setopt(c, CURLOPT_USE_SSL, opt_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  if (!opt_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, opt_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, opt_.password.c_str());
  }
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(c);
  if (rc == CURLE_OK) return {};
  // curl's own text for the code: its error buffer may quote the server's reply, which can
  // contain the recipient's address.
  return std::string("smtp: ") + curl_easy_strerror(rc);
}

}  // namespace weerbaar::platform
