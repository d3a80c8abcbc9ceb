#pragma once
// Runs coroutines at the same time and waits for all of them.
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <exception>
#include <utility>
#include <vector>

#include "scan/net/async.hpp"

namespace weerbaar::scan::net {

// A task that throws (a bug, not a network problem: those are values) makes run_all throw once
// all tasks have ended.
inline awaitable<void> run_all(std::vector<awaitable<void>> tasks) {
  if (tasks.empty()) co_return;
  auto ex = co_await asio::this_coro::executor;
  using Op = decltype(asio::co_spawn(ex, std::declval<awaitable<void>>(), asio::deferred));
  std::vector<Op> ops;
  ops.reserve(tasks.size());
  for (auto& t : tasks) ops.push_back(asio::co_spawn(ex, std::move(t), asio::deferred));
  auto [order, errors] = co_await asio::experimental::make_parallel_group(std::move(ops))
                             .async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace weerbaar::scan::net
