#include "cli/serve_command.hpp"

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/worker_command.hpp"
#include "platform/platform.hpp"
#include "web/api/api.hpp"
#include "web/app.hpp"
#include "web/pages/pages.hpp"
#include "web/server.hpp"

namespace weerbaar::cli {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  // The first administrator's account name. The platform accepts only addresses with a dotted
  // domain, so the default sits under the reserved .invalid: the link is printed, not mailed.
  std::string admin_email = "beheerder@weerbaar.invalid";
  std::string tls_cert;
  std::string tls_key;
  std::string tls_ocsp;
  std::string redirect_http;
  std::vector<std::string> trusted_proxies;
  PlatformArgs platform;
  std::string security_contact;
  std::string assets;
  int threads = 4;
  bool list_routes = false;
};

// One JSON object a line: {"method":"GET","path":"/campaigns/{id}","access":"coordinator"}.
int list_routes(web::App& app) {
  for (const auto& r : app.router().routes()) {
    nlohmann::json line{
        {"method", std::string(web::http::to_string(r.method))}, {"path", r.pattern}, {"access", r.access.describe()}};
    std::cout << line.dump() << "\n";
  }
  return Exit::ok;
}

int serve(const ServeArgs& a) {
  if (a.tls_cert.empty() != a.tls_key.empty()) {
    std::cerr << "weerbaar: --tls-cert and --tls-key go together\n";
    return Exit::bad_input;
  }
  web::Assets assets;
  if (!a.list_routes) {
    try {
      assets = web::Assets::load(a.assets.empty() ? web::Assets::default_dir() : a.assets);
    } catch (const web::AssetError& e) {
      std::cerr << "weerbaar: " << e.what() << "\n";
      return Exit::failed;
    }
  }
  web::App app({.public_url = a.platform.base_url, .security_contact = a.security_contact}, std::move(assets));
  web::add_public_pages(app);
  web::add_account_pages(app);
  platform::Runtime rt;
  if (a.list_routes) {
    // The routes only: no database is opened.
    web::add_platform_routes(app);
    web::api::add_api_routes(app, nullptr);
    return list_routes(app);
  }
  try {
    rt = platform::make_runtime(runtime_options(a.platform));
  } catch (const std::exception& e) {
    std::cerr << "weerbaar: " << e.what() << "\n";
    return Exit::bad_input;
  }
  web::add_platform_pages(app, *rt.platform);
  web::api::add_api_routes(app, rt.platform.get());

  web::ServerOptions opt;
  opt.listen = a.listen;
  if (!a.tls_cert.empty()) opt.tls = web::TlsFiles{a.tls_cert, a.tls_key, a.tls_ocsp};
  opt.redirect_listen = a.redirect_http;
  opt.trusted_proxies = a.trusted_proxies;
  opt.threads = a.threads;
  web::Server server(opt,
                     [&app](const web::Request& req, const web::Origin& origin) { return app.dispatch(req, origin); });
  try {
    server.start();
  } catch (const web::ServerError& e) {
    std::cerr << "weerbaar: " << e.what() << "\n";
    return Exit::bad_input;
  }
  if (!start_workers(*rt.worker, a.platform, "serve")) return Exit::failed;
  std::cout << "weerbaar serve: listening on " << (opt.tls ? "https" : "http") << "://"
            << a.listen.substr(0, a.listen.rfind(':')) << ":" << server.port() << std::endl;
  // First start: a one-time link for the first administrator to choose a password.
  if (auto token = rt.platform->accounts().first_start(a.admin_email)) {
    std::cout << "weerbaar serve: first start; set the administrator's password at " << a.platform.base_url
              << "/invite/" << *token << std::endl;
  }
  server.wait(true);
  rt.worker->stop();
  std::cout << "weerbaar serve: stopped" << std::endl;
  return Exit::ok;
}

}  // namespace

void add_serve_command(CLI::App& app, int& code) {
  static ServeArgs args;
  auto* cmd = app.add_subcommand("serve", "Run the campaign platform (web server)");
  cmd->add_option("--listen", args.listen, "Address and port to listen on, ADDR:PORT")->capture_default_str();
  cmd->add_option("--admin-email", args.admin_email, "E-mail address of the first administrator (first start only)")
      ->capture_default_str();
  cmd->add_option("--tls-cert", args.tls_cert, "Certificate chain (PEM) to serve HTTPS directly");
  cmd->add_option("--tls-key", args.tls_key, "Private key (PEM) of --tls-cert");
  cmd->add_option("--tls-ocsp", args.tls_ocsp, "OCSP response (DER) to staple; re-read when the file changes");
  cmd->add_option("--redirect-http", args.redirect_http,
                  "Also listen on this ADDR:PORT with plain HTTP that redirects to HTTPS (e.g. port 80)");
  cmd->add_option("--trusted-proxy", args.trusted_proxies,
                  "Address of a reverse proxy whose X-Forwarded-Proto/X-Forwarded-For are believed (repeatable)");
  add_platform_options(*cmd, args.platform);
  cmd->add_option("--security-contact", args.security_contact,
                  "Contact in /.well-known/security.txt (mailto: or https:)");
  cmd->add_option("--assets", args.assets, "Directory of the web assets (default: web-assets beside the program)");
  cmd->add_option("--threads", args.threads, "Threads that serve requests")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_flag("--list-routes", args.list_routes, "Print every route and who may use it, then exit");
  cmd->callback([&code] { code = serve(args); });
}

}  // namespace weerbaar::cli
