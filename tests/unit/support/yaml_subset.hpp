#pragma once
// A small reader for the subset of YAML the OpenSPF conformance suite is written in, so that the
// suite runs as it is published, without a YAML library or a conversion step.
//
// Handled: several documents separated by "---"; comment lines; block maps and block sequences
// by indentation (a sequence may sit at its key's indentation); "- key: value" items (maps in
// a sequence); plain scalars, also continued on more-indented lines; 'single' and "double"
// quoted scalars on one line (escapes \\ \" \0 \a \b \t \n \r \xHH); one-line flow sequences
// ("[a, 'b', "c"]", "[ ]"); block scalars "|" ">" with "-"/"+" chomping. Not handled (and not
// used by the suite): anchors, tags, flow maps, multi-line quoted or flow scalars. Anything it
// does not understand is reported as an error with its line number, never guessed.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace weerbaar::test::yaml {

struct Node;
using NodePtr = std::shared_ptr<Node>;

struct Node {
  enum class Kind { scalar, sequence, map } kind = Kind::scalar;
  std::string scalar;
  std::vector<NodePtr> items;                            // sequence
  std::vector<std::pair<std::string, NodePtr>> entries;  // map, in file order

  [[nodiscard]] const Node* get(std::string_view key) const {
    for (const auto& [k, v] : entries) {
      if (k == key) return v.get();
    }
    return nullptr;
  }
};

class ParseError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

namespace detail {

struct Line {
  std::size_t number = 0;  // 1-based, for messages
  std::size_t indent = 0;
  std::string text;    // without the indentation
  bool blank = false;  // empty or only spaces, or a comment line
};

inline std::string trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

class Parser {
 public:
  explicit Parser(std::vector<Line> lines) : lines_(std::move(lines)) {}

  NodePtr document() {
    skip_blank();
    if (pos_ >= lines_.size()) return nullptr;
    NodePtr n = block(lines_[pos_].indent);
    skip_blank();
    if (pos_ < lines_.size()) fail(lines_[pos_], "unexpected content");
    return n;
  }

 private:
  [[noreturn]] static void fail(const Line& l, const std::string& what) {
    throw ParseError("YAML line " + std::to_string(l.number) + ": " + what + ": " + l.text);
  }

  void skip_blank() {
    while (pos_ < lines_.size() && lines_[pos_].blank) ++pos_;
  }

  static bool is_item(const std::string& t) { return t == "-" || t.rfind("- ", 0) == 0; }

  // The block (map or sequence) whose lines start at indent.
  NodePtr block(std::size_t indent) {
    skip_blank();
    if (is_item(lines_[pos_].text)) return sequence(indent);
    return map(indent, std::nullopt);
  }

  NodePtr sequence(std::size_t indent) {
    auto n = std::make_shared<Node>();
    n->kind = Node::Kind::sequence;
    while (true) {
      skip_blank();
      if (pos_ >= lines_.size()) break;
      const Line& l = lines_[pos_];
      if (l.indent != indent || !is_item(l.text)) break;
      std::string rest = l.text == "-" ? std::string() : trim(std::string_view(l.text).substr(2));
      if (rest.empty()) {
        ++pos_;
        skip_blank();
        if (pos_ >= lines_.size() || lines_[pos_].indent <= indent) fail(l, "empty sequence item");
        n->items.push_back(block(lines_[pos_].indent));
      } else if (key_split(rest)) {
        // "- key: value": a map whose first entry is on the dash's line.
        Line first = l;
        first.indent = indent + 2;
        first.text = rest;
        n->items.push_back(map(indent + 2, first));
      } else {
        Line item = l;  // copied: value() moves pos_ on
        ++pos_;
        n->items.push_back(value(rest, item, indent));
      }
    }
    return n;
  }

  // Splits "key: value" / "key:"; nullopt when the text is not a map entry.
  static std::optional<std::pair<std::string, std::string>> key_split(const std::string& t) {
    if (t.empty()) return std::nullopt;
    if (t[0] == '"' || t[0] == '\'') {
      std::size_t end = 0;
      std::string key = quoted(t, 0, end);
      if (end < t.size() && t[end] == ':' && (end + 1 == t.size() || t[end + 1] == ' '))
        return std::make_pair(key, trim(std::string_view(t).substr(end + 1)));
      return std::nullopt;
    }
    if (t[0] == '[' || t[0] == '{') return std::nullopt;
    auto sep = t.find(": ");
    if (sep != std::string::npos) return std::make_pair(trim(t.substr(0, sep)), trim(t.substr(sep + 2)));
    if (t.back() == ':') return std::make_pair(trim(t.substr(0, t.size() - 1)), std::string());
    return std::nullopt;
  }

  NodePtr map(std::size_t indent, std::optional<Line> first) {
    auto n = std::make_shared<Node>();
    n->kind = Node::Kind::map;
    bool use_first = first.has_value();
    while (true) {
      Line l;
      if (use_first) {
        l = *first;
        use_first = false;
      } else {
        skip_blank();
        if (pos_ >= lines_.size()) break;
        l = lines_[pos_];
        if (l.indent != indent) {
          if (l.indent > indent) fail(l, "unexpected indentation");
          break;
        }
        if (is_item(l.text)) break;
      }
      auto kv = key_split(l.text);
      if (!kv) fail(l, "expected 'key: value'");
      ++pos_;
      n->entries.emplace_back(kv->first, value(kv->second, l, indent));
    }
    return n;
  }

  // The value after "key:" (or "- "), which may continue on the following lines.
  NodePtr value(const std::string& text, const Line& l, std::size_t indent) {
    auto n = std::make_shared<Node>();
    if (text.empty()) {
      std::size_t save = pos_;
      skip_blank();
      if (pos_ < lines_.size() &&
          (lines_[pos_].indent > indent || (lines_[pos_].indent == indent && is_item(lines_[pos_].text))))
        return block(lines_[pos_].indent);
      pos_ = save;
      return n;  // an empty scalar
    }
    if (text[0] == '|' || text[0] == '>') {
      n->scalar = block_scalar(text, l, indent);
      return n;
    }
    if (text[0] == '"' || text[0] == '\'') {
      std::size_t end = 0;
      n->scalar = quoted(text, 0, end);
      std::string rest = trim(std::string_view(text).substr(end));
      if (!rest.empty() && rest[0] != '#') fail(l, "text after a quoted scalar");
      return n;
    }
    if (text[0] == '[') {
      n->kind = Node::Kind::sequence;
      flow_sequence(text, l, *n);
      return n;
    }
    // A plain scalar, folded over more-indented continuation lines.
    std::string s = strip_comment(text);
    while (pos_ < lines_.size() && !lines_[pos_].blank && lines_[pos_].indent > indent) {
      s += ' ';
      s += strip_comment(lines_[pos_].text);
      ++pos_;
    }
    n->scalar = s;
    return n;
  }

  static std::string strip_comment(const std::string& t) {
    auto hash = t.find(" #");
    return trim(hash == std::string::npos ? t : t.substr(0, hash));
  }

  std::string block_scalar(const std::string& header, const Line& l, std::size_t indent) {
    bool folded = header[0] == '>';
    char chomp = header.size() > 1 ? header[1] : ' ';
    if (header.size() > 2 || (chomp != ' ' && chomp != '-' && chomp != '+')) fail(l, "unsupported block scalar");
    std::vector<std::string> body;
    std::size_t content_indent = 0;
    while (pos_ < lines_.size()) {
      const Line& c = lines_[pos_];
      bool empty = trim(c.text).empty();
      if (!empty && c.indent <= indent) break;
      if (!empty && content_indent == 0) content_indent = c.indent;
      if (empty) {
        body.emplace_back();
      } else {
        body.push_back(std::string(c.indent - content_indent, ' ') + c.text);
      }
      ++pos_;
    }
    std::size_t trailing = 0;
    while (!body.empty() && body.back().empty()) {
      body.pop_back();
      ++trailing;
    }
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (i > 0) {
        bool fold = folded && !body[i].empty() && !body[i - 1].empty() && body[i][0] != ' ';
        out += fold ? " " : "\n";
      }
      out += body[i];
    }
    if (!body.empty() && chomp != '-') out += '\n';
    if (chomp == '+') out.append(trailing, '\n');
    return out;
  }

  static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // A quoted scalar starting at t[start]; end is set to just past the closing quote.
  static std::string quoted(const std::string& t, std::size_t start, std::size_t& end) {
    char q = t[start];
    std::string out;
    std::size_t i = start + 1;
    while (i < t.size()) {
      char c = t[i];
      if (q == '\'' && c == '\'') {
        if (i + 1 < t.size() && t[i + 1] == '\'') {
          out += '\'';
          i += 2;
          continue;
        }
        end = i + 1;
        return out;
      }
      if (q == '"' && c == '"') {
        end = i + 1;
        return out;
      }
      if (q == '"' && c == '\\' && i + 1 < t.size()) {
        char e = t[i + 1];
        i += 2;
        switch (e) {
          case '\\': out += '\\'; break;
          case '"': out += '"'; break;
          case '/': out += '/'; break;
          case '0': out += '\0'; break;
          case 'a': out += '\a'; break;
          case 'b': out += '\b'; break;
          case 't': out += '\t'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 'x': {
            int hi = i < t.size() ? hex_value(t[i]) : -1;
            int lo = i + 1 < t.size() ? hex_value(t[i + 1]) : -1;
            if (hi < 0 || lo < 0) throw ParseError("bad \\x escape in: " + t);
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
            break;
          }
          default: throw ParseError(std::string("unsupported escape \\") + e + " in: " + t);
        }
        continue;
      }
      out += c;
      ++i;
    }
    throw ParseError("unterminated quoted scalar: " + t);
  }

  static void flow_sequence(const std::string& t, const Line& l, Node& n) {
    std::size_t i = 1;
    auto skip_spaces = [&] {
      while (i < t.size() && t[i] == ' ') ++i;
    };
    skip_spaces();
    if (i < t.size() && t[i] == ']') {
      ++i;
    } else {
      while (true) {
        skip_spaces();
        if (i >= t.size()) fail(l, "unterminated flow sequence");
        auto item = std::make_shared<Node>();
        if (t[i] == '"' || t[i] == '\'') {
          std::size_t end = 0;
          item->scalar = quoted(t, i, end);
          i = end;
        } else {
          std::size_t b = i;
          while (i < t.size() && t[i] != ',' && t[i] != ']') ++i;
          item->scalar = trim(std::string_view(t).substr(b, i - b));
        }
        n.items.push_back(item);
        skip_spaces();
        if (i >= t.size()) fail(l, "unterminated flow sequence");
        if (t[i] == ']') {
          ++i;
          break;
        }
        if (t[i] != ',') fail(l, "expected ',' or ']' in a flow sequence");
        ++i;
      }
    }
    if (!trim(std::string_view(t).substr(i)).empty()) fail(l, "text after a flow sequence");
  }

  std::vector<Line> lines_;
  std::size_t pos_ = 0;
};

}  // namespace detail

// Every document of a YAML stream, in order; empty documents (only comments) are skipped.
inline std::vector<NodePtr> parse_documents(std::string_view text) {
  std::vector<NodePtr> docs;
  std::vector<detail::Line> lines;
  auto finish = [&] {
    detail::Parser p(std::exchange(lines, {}));
    if (NodePtr d = p.document()) docs.push_back(std::move(d));
  };
  std::size_t number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(start, nl - start);
    start = nl + 1;
    ++number;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (raw == "---" || raw.rfind("--- ", 0) == 0) {
      finish();
      continue;
    }
    detail::Line l;
    l.number = number;
    while (l.indent < raw.size() && raw[l.indent] == ' ') ++l.indent;
    l.text = std::string(raw.substr(l.indent));
    while (!l.text.empty() && (l.text.back() == ' ' || l.text.back() == '\t')) l.text.pop_back();
    l.blank = l.text.empty() || l.text[0] == '#';
    lines.push_back(std::move(l));
    if (nl == text.size()) break;
  }
  finish();
  return docs;
}

}  // namespace weerbaar::test::yaml
