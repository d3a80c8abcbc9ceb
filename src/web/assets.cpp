#include "web/assets.hpp"

#include <openssl/evp.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace weerbaar::web {
namespace {

namespace fs = std::filesystem;

std::string content_type_of(std::string_view path) {
  auto dot = path.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string etag_of(std::string_view body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  EVP_Digest(body.data(), body.size(), md.data(), &len, EVP_sha256(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string tag = "\"";
  for (unsigned i = 0; i < 12 && i < len; ++i) {
    tag += hex[md[i] >> 4];
    tag += hex[md[i] & 15];
  }
  return tag + "\"";
}

}  // namespace

void Assets::add(std::string path, std::string body) {
  Asset a;
  a.content_type = content_type_of(path);
  a.etag = etag_of(body);
  a.body = std::move(body);
  files_[std::move(path)] = std::move(a);
}

Assets Assets::load(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw AssetError("web assets not found in '" + dir +
                     "': run scripts/install-deps.sh (npm ci in web/) and build again, or pass --assets DIR");
  }
  Assets assets;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string body(std::istreambuf_iterator<char>(in), {});
    assets.add(fs::relative(entry.path(), dir).generic_string(), std::move(body));
  }
  for (auto required : kRequiredAssets) {
    if (assets.find(required) == nullptr) {
      throw AssetError("web asset '" + std::string(required) + "' is missing in '" + dir +
                       "': run npm ci in web/ and build again");
    }
  }
  return assets;
}

std::string Assets::default_dir() {
  if (const char* env = std::getenv("WEERBAAR_ASSETS"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto beside = exe.parent_path() / "web-assets";
    if (fs::is_directory(beside, ec)) return beside.string();
  }
  return "/usr/share/weerbaar/web-assets";
}

const Asset* Assets::find(std::string_view path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

Response Assets::serve(const Request& req, std::string_view path) const {
  const Asset* a = find(path);
  if (a == nullptr) return text_response(http::status::not_found, "Not found\n");
  Response res{http::status::ok, 11};
  res.set(http::field::etag, a->etag);
  // A day in the cache, then a cheap revalidation with the ETag.
  res.set(http::field::cache_control, "public, max-age=86400");
  auto inm = req.find(http::field::if_none_match);
  if (inm != req.end() && std::string_view(inm->value().data(), inm->value().size()) == a->etag) {
    res.result(http::status::not_modified);
    return res;
  }
  res.set(http::field::content_type, a->content_type);
  res.body() = a->body;
  return res;
}

}  // namespace weerbaar::web
