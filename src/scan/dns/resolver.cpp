#include "scan/dns/resolver.hpp"

#include "scan/dns/forwarder.hpp"
#include "scan/dns/wire.hpp"

#include <unbound.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/redirect_error.hpp>
#include <filesystem>
#include <memory>
#include <mutex>

namespace weerbaar::scan::dns {

std::string_view to_string(DnsStatus s) {
  switch (s) {
    case DnsStatus::ok: return "ok";
    case DnsStatus::nodata: return "nodata";
    case DnsStatus::nxdomain: return "nxdomain";
    case DnsStatus::servfail: return "servfail";
    case DnsStatus::timeout: return "timeout";
    case DnsStatus::error: return "error";
  }
  return "unknown";
}

LookupStatus lookup_status(const Answer& a) {
  switch (a.status) {
    case DnsStatus::ok: return a.rdata.empty() ? LookupStatus::nodata : LookupStatus::ok;
    case DnsStatus::nodata: return LookupStatus::nodata;
    case DnsStatus::nxdomain: return LookupStatus::nxdomain;
    case DnsStatus::servfail:
    case DnsStatus::timeout:
    case DnsStatus::error: return LookupStatus::failed;
  }
  return LookupStatus::failed;
}

std::vector<std::string> Answer::addresses() const {
  std::vector<std::string> out;
  for (const auto& r : rdata) {
    if (r.size() == 4) {
      boost::asio::ip::address_v4::bytes_type b;
      std::copy(r.begin(), r.end(), b.begin());
      out.push_back(boost::asio::ip::address_v4(b).to_string());
    } else if (r.size() == 16) {
      boost::asio::ip::address_v6::bytes_type b;
      std::copy(r.begin(), r.end(), b.begin());
      out.push_back(boost::asio::ip::address_v6(b).to_string());
    }
  }
  return out;
}

std::string parse_forwarder(const std::string& s) {
  std::string addr = s;
  std::string port;
  bool has_port = false;
  const bool bracketed = !s.empty() && s.front() == '[';
  if (bracketed) {
    auto close = s.find(']');
    if (close == std::string::npos) throw ResolverError("resolver address '" + s + "' lacks a closing ]");
    addr = s.substr(1, close - 1);
    if (close + 1 < s.size()) {
      if (s[close + 1] != ':') throw ResolverError("resolver address '" + s + "' is not ADDR[:PORT]");
      port = s.substr(close + 2);
      has_port = true;
    }
  } else if (std::count(s.begin(), s.end(), ':') == 1) {
    addr = s.substr(0, s.find(':'));
    port = s.substr(s.find(':') + 1);
    has_port = true;
  }
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(addr, ec);
  if (ec) throw ResolverError("resolver '" + s + "' is not an IP address (ADDR or ADDR:PORT)");
  if (bracketed && !a.is_v6()) throw ResolverError("resolver '" + s + "': only IPv6 addresses go in brackets");
  // "ADDR:" with nothing after the colon is a typo, not the default port.
  if (has_port && (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
                   std::stoi(port) == 0 || std::stoi(port) > 65535)) {
    throw ResolverError("resolver port in '" + s + "' is not a number from 1 to 65535");
  }
  return has_port ? addr + "@" + port : addr;
}

namespace {

// One query's state. libunbound holds a shared_ptr to it (as its callback's mydata) from
// ub_resolve_async until the callback runs or ub_cancel succeeds, so the state outlives the
// coroutine that asked when that coroutine is cancelled first.
struct Pending {
  explicit Pending(const net::asio::any_io_executor& ex) : done(ex, net::Clock::time_point::max()) {}
  net::asio::steady_timer done;  // the query's deadline; cancelled when the answer arrives
  std::optional<Answer> answer;  // set on done's executor
  bool validating = false;
};

using Holder = std::shared_ptr<Pending>;

}  // namespace

struct Resolver::Impl {
  ub_ctx* ctx = nullptr;
  bool validating = false;
  // The pump that reads libunbound's answers runs on home (one handler at a time); queries may
  // come from scans on any thread.
  net::asio::any_io_executor home;
  net::asio::posix::stream_descriptor fd;
  std::mutex mutex;
  int in_flight = 0;     // guarded by mutex
  bool pumping = false;  // guarded by mutex

  explicit Impl(const net::asio::any_io_executor& ex) : home(ex), fd(ex) {}
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    // libunbound owns the descriptor; Asio must not close it.
    if (fd.is_open()) (void)fd.release();
    if (ctx != nullptr) ub_ctx_delete(ctx);
  }

  // Called by ub_process on the pump; hands the answer to the asking coroutine's executor.
  static void on_result(void* mydata, int err, ub_result* result) {
    Holder p = std::move(*static_cast<Holder*>(mydata));
    delete static_cast<Holder*>(mydata);
    Answer a;
    if (err != 0) {
      a.status = DnsStatus::error;
      a.error = ub_strerror(err);
    } else {
      if (result->rcode == 3 || result->nxdomain) {
        a.status = DnsStatus::nxdomain;
      } else if (result->rcode == 2) {
        a.status = DnsStatus::servfail;
      } else if (result->rcode != 0) {
        a.status = DnsStatus::error;
        a.error = "DNS rcode " + std::to_string(result->rcode);
      } else {
        a.status = result->havedata ? DnsStatus::ok : DnsStatus::nodata;
      }
      if (result->canonname != nullptr && result->qname != nullptr) {
        a.aliased = comparable_name(result->canonname) != comparable_name(result->qname);
      }
      for (int i = 0; result->havedata && result->data[i] != nullptr; ++i) {
        a.rdata.emplace_back(result->data[i], static_cast<std::size_t>(result->len[i]));
      }
      if (result->bogus) {
        a.dnssec = DnssecStatus::bogus;
        if (result->why_bogus != nullptr) a.error = result->why_bogus;
      } else if (result->secure) {
        a.dnssec = DnssecStatus::secure;
      } else {
        a.dnssec = p->validating ? DnssecStatus::insecure : DnssecStatus::unknown;
      }
      ub_resolve_free(result);
    }
    auto ex = p->done.get_executor();
    net::asio::post(ex, [p = std::move(p), a = std::move(a)]() mutable {
      p->answer = std::move(a);
      p->done.cancel();
    });
  }

  // Reads answers while queries are in flight. Holds the Impl alive while it runs.
  static net::awaitable<void> pump(std::shared_ptr<Impl> self) {
    for (;;) {
      {
        std::lock_guard lock(self->mutex);
        if (self->in_flight == 0) {
          self->pumping = false;
          co_return;
        }
      }
      boost::system::error_code ec;
      co_await self->fd.async_wait(net::asio::posix::stream_descriptor::wait_read,
                                   net::asio::redirect_error(net::asio::use_awaitable, ec));
      if (ec && ec != net::asio::error::operation_aborted) {
        std::lock_guard lock(self->mutex);
        self->pumping = false;
        co_return;
      }
      if (!ec) ub_process(self->ctx);
    }
  }

  void started(const std::shared_ptr<Impl>& self) {
    bool start = false;
    {
      std::lock_guard lock(mutex);
      ++in_flight;
      start = !pumping;
      pumping = true;
    }
    if (start) net::asio::co_spawn(home, pump(self), net::asio::detached);
  }

  void ended(const std::shared_ptr<Impl>& self) {
    std::lock_guard lock(mutex);
    // The pump's wait is cancelled on its own executor; it then sees nothing is in flight.
    if (--in_flight == 0 && pumping) net::asio::post(home, [self] { self->fd.cancel(); });
  }

  // Ends a query however the asking coroutine ends: answered, timed out, cancelled by an outer
  // deadline or by its caller. Without it, a cancelled query left libunbound a pointer to freed
  // state and the pump running for ever.
  class InFlight {
   public:
    InFlight(std::shared_ptr<Impl> impl, int async_id, Holder* holder, std::shared_ptr<Pending> pending)
        : impl_(std::move(impl)), async_id_(async_id), holder_(holder), pending_(std::move(pending)) {
      impl_->started(impl_);
    }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;
    ~InFlight() {
      // Once answered, the callback has run and freed its holder. Otherwise the holder is ours to
      // free only if ub_cancel succeeded: then the callback will never run. When it fails, the
      // answer is being delivered right now (or a system error) and the callback frees it.
      if (!pending_->answer && ub_cancel(impl_->ctx, async_id_) == UB_NOERROR) delete holder_;
      impl_->ended(impl_);
    }

   private:
    std::shared_ptr<Impl> impl_;
    int async_id_;
    Holder* holder_;
    std::shared_ptr<Pending> pending_;
  };
};

Resolver::Resolver(net::asio::any_io_executor ex, const ResolverOptions& opt) : impl_(std::make_shared<Impl>(ex)) {
  impl_->ctx = ub_ctx_create();
  if (impl_->ctx == nullptr) throw ResolverError("could not create a DNS resolver context");
  auto check = [](int err, const std::string& what) {
    if (err != 0) throw ResolverError(what + ": " + ub_strerror(err));
  };
  check(ub_ctx_async(impl_->ctx, 1), "resolver thread");
  if (!opt.forwarder.empty()) {
    std::string fwd = parse_forwarder(opt.forwarder);
    // Lab resolvers live on loopback; libunbound refuses to query those unless told.
    check(ub_ctx_set_option(impl_->ctx, "do-not-query-localhost:", "no"), "resolver option");
    check(ub_ctx_set_fwd(impl_->ctx, fwd.c_str()), "resolver '" + opt.forwarder + "'");
  } else {
    check(ub_ctx_resolvconf(impl_->ctx, nullptr), "reading /etc/resolv.conf");
  }
  std::string anchor = opt.trust_anchor_file;
  if (anchor.empty() && opt.use_root_anchor && std::filesystem::exists("/usr/share/dns/root.key")) {
    anchor = "/usr/share/dns/root.key";
  }
  if (!anchor.empty()) {
    if (!std::filesystem::exists(anchor)) throw ResolverError("trust anchor file '" + anchor + "' does not exist");
    check(ub_ctx_add_ta_file(impl_->ctx, anchor.c_str()), "trust anchor '" + anchor + "'");
    impl_->validating = true;
  }
  // Removing a zone finalises the context, so this comes after all other settings.
  for (const auto& zone : opt.served_special_zones) {
    check(ub_ctx_zone_remove(impl_->ctx, zone.c_str()), "resolver zone " + zone);
  }
  impl_->fd.assign(ub_fd(impl_->ctx));
}

Resolver::~Resolver() = default;

net::awaitable<Answer> Resolver::query(std::string name, RrType type, net::Duration limit) {
  auto ex = co_await net::asio::this_coro::executor;
  auto pending = std::make_shared<Pending>(ex);
  pending->validating = impl_->validating;
  pending->done.expires_after(limit);
  auto* holder = new Holder(pending);
  int async_id = 0;
  int err = ub_resolve_async(impl_->ctx, name.c_str(), static_cast<int>(type), 1, holder, &Impl::on_result, &async_id);
  if (err != 0) {
    delete holder;  // libunbound did not take it
    co_return Answer{DnsStatus::error, {}, DnssecStatus::unknown, ub_strerror(err)};
  }
  Impl::InFlight guard(impl_, async_id, holder, pending);
  // An answer cancels the timer early; expiry is the deadline. Cancellation of this coroutine
  // aborts the wait and the next co_await throws: the guard cleans up.
  while (!pending->answer && pending->done.expiry() > net::Clock::now()) {
    boost::system::error_code ec;
    co_await pending->done.async_wait(net::asio::redirect_error(net::asio::use_awaitable, ec));
  }
  if (!pending->answer) {
    co_return Answer{
        DnsStatus::timeout, {}, DnssecStatus::unknown, "no answer within " + std::to_string(limit.count()) + " ms"};
  }
  co_return std::move(*pending->answer);
}

}  // namespace weerbaar::scan::dns
