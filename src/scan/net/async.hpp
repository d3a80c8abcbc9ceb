#pragma once
// Conventions for all network I/O: Asio C++20 coroutines, and a deadline on every step.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <optional>
#include <utility>
#include <variant>

namespace weerbaar::scan::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
template <typename T>
using awaitable = asio::awaitable<T>;
using Clock = std::chrono::steady_clock;
using Duration = std::chrono::milliseconds;

// Runs op, but gives up when the deadline passes: the op is cancelled and nullopt returned.
template <typename T>
awaitable<std::optional<T>> with_deadline(awaitable<T> op, Duration limit) {
  using namespace asio::experimental::awaitable_operators;
  asio::steady_timer timer(co_await asio::this_coro::executor, limit);
  std::variant<T, std::monostate> r = co_await (std::move(op) || timer.async_wait(asio::use_awaitable));
  if (r.index() == 0) co_return std::get<0>(std::move(r));
  co_return std::nullopt;
}

// Same for an operation that returns nothing: true if it completed in time.
inline awaitable<bool> with_deadline(awaitable<void> op, Duration limit) {
  using namespace asio::experimental::awaitable_operators;
  asio::steady_timer timer(co_await asio::this_coro::executor, limit);
  auto r = co_await (std::move(op) || timer.async_wait(asio::use_awaitable));
  co_return r.index() == 0;
}

// A counting semaphore for coroutines: caps how many connections run at once (globally or
// towards one host), so that a small business's server is never hammered.
class Limiter {
 public:
  Limiter(asio::any_io_executor ex, int slots) : timer_(ex, Clock::time_point::max()), free_(slots) {}

  // Holds one slot for as long as it lives.
  class Slot {
   public:
    explicit Slot(Limiter* l) : l_(l) {}
    Slot(Slot&& o) noexcept : l_(std::exchange(o.l_, nullptr)) {}
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (l_ != nullptr) l_->release();
    }

   private:
    Limiter* l_;
  };

  awaitable<Slot> acquire() {
    while (free_ == 0) {
      boost::system::error_code ec;
      co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    --free_;
    co_return Slot(this);
  }

 private:
  void release() {
    ++free_;
    timer_.cancel_one();
  }
  asio::steady_timer timer_;
  int free_;
};

// Timeouts a scan uses; one place so that the CLI can scale them.
struct Timeouts {
  Duration connect{3000};
  Duration handshake{4000};
  Duration http_request{6000};  // whole request: send, headers and (capped) body
  Duration dns{5000};
};

}  // namespace weerbaar::scan::net
