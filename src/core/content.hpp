#pragma once
// The texts of the product, in Dutch and English, loaded from content/ (compiled in).
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"

namespace weerbaar::content {

enum class Lang { nl, en };
std::optional<Lang> lang_from_string(std::string_view s);

// A text in both languages.
struct Text {
  std::string nl;
  std::string en;
  [[nodiscard]] const std::string& in(Lang lang) const { return lang == Lang::nl ? nl : en; }
};

struct FindingText {
  std::string id;
  Severity severity = Severity::low;
  Text title;   // one line: what is wrong
  Text impact;  // what it means for the business
  Text fix;     // what the owner does or asks, in plain words
  // What the owner asks of whoever fixes it, written to them ("Wilt u HSTS aanzetten op mijn
  // website?"): the ready-made message carries this, not `fix`, which is written to the owner.
  // Optional when loading; `weerbaar content check` requires it.
  Text request;
  // Configuration lines for the technician (record syntax, server directives); may be empty.
  // Kept out of `fix` so an owner's text stays readable; reports show it in a separate part.
  Text details;
  // The same lines for a mail server (Postfix, Exim), for findings of the TLS checks that also
  // judge each mail server's STARTTLS: a mail server's technician gets no nginx lines. Empty:
  // the finding has no lines for a mail server (`weerbaar content check` asks for them where
  // `details` has some).
  Text details_mail;
  // Order within one severity in the findings to fix first, higher first (docs/decisions.md,
  // issue 10): 20 a break-in or leak now, 10 broken for visitors or mail, 0 the rest.
  int priority = 0;
  // Sentences for a {placeholder} whose parameter holds a key, not words: the check names what it
  // saw (`cause`: `not_tls`), and the reader gets a sentence in their own language instead of the
  // key. Placeholder -> key -> text; phrases have no placeholders of their own.
  std::map<std::string, std::map<std::string, Text, std::less<>>, std::less<>> phrases;
};

struct CheckText {
  std::string id;
  Family family = Family::web;
  Text title;  // what is checked
  Text pass;   // one line shown when nothing is wrong
  std::map<std::string, FindingText> findings;
  std::vector<std::string> references;  // public guidance the check follows
};

class ContentError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Library {
 public:
  // The compiled-in content/. Throws ContentError if it does not parse.
  static const Library& embedded();
  // Parses files given as (path, JSON text); for tests.
  static Library from_files(const std::vector<std::pair<std::string, std::string>>& files);

  [[nodiscard]] const CheckText* check(std::string_view id) const;
  [[nodiscard]] const FindingText* finding(std::string_view id) const;
  [[nodiscard]] const std::map<std::string, CheckText, std::less<>>& checks() const { return checks_; }
  // A text of the user interface from content/ui.json; throws ContentError if it is missing.
  [[nodiscard]] const std::string& ui(std::string_view key, Lang lang) const;

 private:
  std::map<std::string, CheckText, std::less<>> checks_;
  std::map<std::string, const FindingText*, std::less<>> findings_;
  std::map<std::string, Text, std::less<>> ui_;
};

// The severity of this finding where it was found: its own (Finding::severity) when the check
// set one, else its content's; an id without content counts as high, so that it never looks harmless.
Severity severity_of(const Finding& f, const Library& lib);

// Fills {name} placeholders from params; unknown placeholders are left as they are.
std::string render(std::string_view text, const Params& params);

// params with each value that names one of the finding's phrases replaced by that phrase in lang,
// ready for render(); values without a phrase stay as they are.
Params phrased(const FindingText& text, Params params, Lang lang);

}  // namespace weerbaar::content
