#pragma once
// Conventions for all network I/O: Asio C++20 coroutines, and a deadline on every step.
#include <array>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
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

namespace detail {
inline void throw_if_cancelled(asio::cancellation_type cancelled) {
  if (cancelled != asio::cancellation_type::none) {
    throw boost::system::system_error(asio::error::operation_aborted, "scan cancelled");
  }
}

// The end of a with_deadline race: the caller's cancellation first, then op's exception;
// true when op finished before the timer.
inline bool op_won(asio::cancellation_type cancelled, const std::array<std::size_t, 2>& order,
                   const std::exception_ptr& op_error) {
  throw_if_cancelled(cancelled);
  if (order[0] != 0) return false;
  if (op_error) std::rethrow_exception(op_error);
  return true;
}
}  // namespace detail

// Whether e is how a cancelled scan ends (with_deadline throws it when the caller is
// cancelled): not a failure of the scan or of the peer, so not to be reported as one.
inline bool is_cancellation(const std::exception& e) {
  const auto* system = dynamic_cast<const boost::system::system_error*>(&e);
  return system != nullptr && system->code() == asio::error::operation_aborted;
}

// Runs op, but gives up when the deadline passes: the op is cancelled and nullopt returned.
// An exception op throws (a bug: network failures are values) comes out of here at once.
// Cancelling the caller cancels op and throws operation_aborted.
//
// The timer waits in the race directly, not as a coroutine of its own, and its cancellation is
// a value, not an exception: every step of a scan has a deadline, and an exception thrown per
// step (as Asio's awaitable operator|| does for the loser) was a measurable share of the
// scan's CPU (docs/benchmarks.md, issue 8).
template <typename T>
awaitable<std::optional<T>> with_deadline(awaitable<T> op, Duration limit) {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer timer(ex, limit);
  auto [order, op_error, result, timer_error] =
      co_await asio::experimental::make_parallel_group(asio::co_spawn(ex, std::move(op), asio::deferred),
                                                       timer.async_wait(asio::deferred))
          .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
  (void)timer_error;
  auto state = co_await asio::this_coro::cancellation_state;
  if (!detail::op_won(state.cancelled(), order, op_error)) co_return std::nullopt;
  co_return std::optional<T>(std::move(result));
}

// Same for an operation that returns nothing: true if it completed in time.
inline awaitable<bool> with_deadline(awaitable<void> op, Duration limit) {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer timer(ex, limit);
  auto [order, op_error, timer_error] =
      co_await asio::experimental::make_parallel_group(asio::co_spawn(ex, std::move(op), asio::deferred),
                                                       timer.async_wait(asio::deferred))
          .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
  (void)timer_error;
  auto state = co_await asio::this_coro::cancellation_state;
  co_return detail::op_won(state.cancelled(), order, op_error);
}

namespace detail {

// Coroutines waiting for something another coroutine, perhaps on another thread, will give
// them. Each waits on a timer of its own executor; the giver cancels it there. Callers hold
// their own mutex around every call. A waiter's executor must run one handler at a time (an
// io_context with one thread, or a strand), so that the wake-up cannot overtake the wait.
class Waiters {
 public:
  struct Waiter {
    explicit Waiter(const asio::any_io_executor& ex) : timer(ex, Clock::time_point::max()) {}
    asio::steady_timer timer;
    bool woken = false;
  };
  std::shared_ptr<Waiter> add(const asio::any_io_executor& ex) {
    auto w = std::make_shared<Waiter>(ex);
    queue_.push_back(w);
    return w;
  }
  void remove(const std::shared_ptr<Waiter>& w) { std::erase(queue_, w); }
  [[nodiscard]] bool empty() const { return queue_.empty(); }
  // Wakes the longest waiting; false when nobody waits.
  bool wake_one() {
    if (queue_.empty()) return false;
    wake(queue_.front());
    queue_.pop_front();
    return true;
  }
  void wake_all() {
    for (auto& w : queue_) wake(w);
    queue_.clear();
  }

 private:
  static void wake(const std::shared_ptr<Waiter>& w) {
    w->woken = true;
    asio::post(w->timer.get_executor(), [w] { w->timer.cancel(); });
  }
  std::deque<std::shared_ptr<Waiter>> queue_;
};

}  // namespace detail

// A counting semaphore for coroutines: caps how many connections run at once (globally or
// towards one host), so that a small business's server is never hammered. Safe to share
// between coroutines on different threads; first come, first served.
class Limiter {
 public:
  // ex is unused; kept so that a limiter is made like every other Asio object.
  Limiter(const asio::any_io_executor& /*ex*/, int slots) : free_(slots) {}
  Limiter(const Limiter&) = delete;
  Limiter& operator=(const Limiter&) = delete;

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

  // Throws operation_aborted when cancelled while waiting.
  awaitable<Slot> acquire() {
    std::shared_ptr<detail::Waiters::Waiter> me;
    {
      std::lock_guard lock(mutex_);
      if (free_ > 0 && waiters_.empty()) {
        --free_;
        co_return Slot(this);
      }
      me = waiters_.add(co_await asio::this_coro::executor);
    }
    // However this coroutine ends (cancelled, destroyed), it leaves the queue, and passes on a
    // slot handed to it that it can no longer use.
    struct Leave {
      Limiter* l;
      std::shared_ptr<detail::Waiters::Waiter> me;
      bool kept = false;
      ~Leave() {
        if (kept) return;
        std::lock_guard lock(l->mutex_);
        if (!me->woken) {
          l->waiters_.remove(me);
        } else if (!l->waiters_.wake_one()) {
          ++l->free_;
        }
      }
    } leave{this, me};
    for (;;) {
      boost::system::error_code ec;
      co_await me->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      std::lock_guard lock(mutex_);
      if (me->woken) {
        leave.kept = true;
        co_return Slot(this);
      }
    }
  }

  [[nodiscard]] int free_slots() const {
    std::lock_guard lock(mutex_);
    return free_;
  }

 private:
  void release() {
    std::lock_guard lock(mutex_);
    // The slot goes straight to the next waiter, so a newcomer cannot take it in between.
    if (!waiters_.wake_one()) ++free_;
  }
  mutable std::mutex mutex_;
  int free_;
  detail::Waiters waiters_;
};

// Opens once; everyone waiting (on any thread) then goes on. For "the first asker probes, the
// others wait for its facts".
class Latch {
 public:
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    waiters_.wake_all();
  }
  [[nodiscard]] bool is_open() const {
    std::lock_guard lock(mutex_);
    return open_;
  }
  // Throws operation_aborted when cancelled while waiting.
  awaitable<void> wait() {
    std::shared_ptr<detail::Waiters::Waiter> me;
    {
      std::lock_guard lock(mutex_);
      if (open_) co_return;
      me = waiters_.add(co_await asio::this_coro::executor);
    }
    struct Leave {
      Latch* l;
      std::shared_ptr<detail::Waiters::Waiter> me;
      ~Leave() {
        std::lock_guard lock(l->mutex_);
        if (!me->woken) l->waiters_.remove(me);
      }
    } leave{this, me};
    for (;;) {
      boost::system::error_code ec;
      co_await me->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      std::lock_guard lock(mutex_);
      if (me->woken) co_return;
    }
  }

 private:
  mutable std::mutex mutex_;
  bool open_ = false;
  detail::Waiters waiters_;
};

// Timeouts a scan uses; one place so that the CLI can scale them.
struct Timeouts {
  Duration connect{3000};
  Duration handshake{4000};
  Duration http_request{6000};  // whole request: send, headers and (capped) body
  Duration dns{5000};
};

}  // namespace weerbaar::scan::net
