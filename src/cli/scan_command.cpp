#include "cli/scan_command.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <array>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>
#include <unordered_set>

#include "cli/commands.hpp"
#include "cli/judge_command.hpp"
#include "cli/scan_settings_options.hpp"
#include "core/content.hpp"
#include "report/scan_report.hpp"
#include "report/score.hpp"
#include "scan/scan.hpp"

namespace weerbaar::cli {
namespace {

namespace asio = scan::net::asio;

struct ScanArgs {
  std::vector<std::string> domains;
  std::string input;
  std::string lang = "nl";
  std::string format = "text";
  scan::ScanSettings settings;
  int parallel = 200;
  int threads = 0;  // 0: one per core
  bool no_progress = false;
  bool quiet_passed = false;
  std::string save_facts;   // a directory: one weerbaar.facts/1 file per scanned domain
  bool with_facts = false;  // the JSON carries each domain's facts
};

// One line of a domain list: comments (#) and blank lines are skipped.
std::optional<std::string> list_entry(std::string line) {
  if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
  auto first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return std::nullopt;
  return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
}

// One domain to scan and where it came from ("domains.txt:3"; empty for the command line), so
// that an error about a line of a list names the file and the line. A bad line is kept: it is
// reported (rejected, with its reason) and the good lines of the same list are still scanned.
struct FeedEntry {
  std::string text;
  std::string origin;
};

// The domains to scan: those on the command line, then the list's, read as they are needed so
// that a list of any length costs no memory.
class Feed {
 public:
  explicit Feed(const ScanArgs& a) : given_(a.domains) {
    if (a.input.empty()) return;
    if (a.input == "-") {
      in_ = &std::cin;
      source_ = "standard input";
      return;
    }
    source_ = a.input;
    file_.open(a.input, std::ios::binary);
    if (!file_) throw std::runtime_error("cannot read domain list '" + a.input + "'");
    in_ = &file_;
    // For the progress line: how many there are, counted without keeping them.
    std::ifstream count(a.input, std::ios::binary);
    std::string line;
    std::size_t n = 0;
    while (std::getline(count, line)) n += list_entry(line) ? 1 : 0;
    total_ = given_.size() + n;
  }
  std::optional<FeedEntry> next() {
    if (next_given_ < given_.size()) return FeedEntry{given_[next_given_++], ""};
    std::string line;
    while (in_ != nullptr && std::getline(*in_, line)) {
      ++line_no_;
      if (auto entry = list_entry(line)) return FeedEntry{std::move(*entry), source_ + ":" + std::to_string(line_no_)};
    }
    return std::nullopt;
  }
  // 0 when unknown (standard input).
  [[nodiscard]] std::size_t total() const { return in_ == &std::cin ? 0 : (in_ ? total_ : given_.size()); }

 private:
  std::vector<std::string> given_;
  std::size_t next_given_ = 0;
  std::ifstream file_;
  std::istream* in_ = nullptr;
  std::string source_;
  std::size_t line_no_ = 0;
  std::size_t total_ = 0;
};

// Writes each domain's part as soon as it can: JSON Lines as each domain finishes; text and
// the JSON document in the order of the input (a finished domain waits only for the earlier
// ones still running). Not thread-safe: the runner calls it from one strand.
class Output {
 public:
  Output(const ScanArgs& a, const content::Library& lib, content::Lang lang, std::chrono::system_clock::time_point t0)
      : format_(a.format), with_facts_(a.with_facts), lib_(lib), lang_(lang), started_(t0) {
    text_.lang = lang;
    text_.color = isatty(STDOUT_FILENO) != 0;
    text_.show_passed = !a.quiet_passed;
  }

  // What the domain's entry will be; done on the domain's own thread.
  [[nodiscard]] std::string render(const scan::DomainReport& r) const {
    if (format_ == "text") return report::render_text({r}, lib_, text_);
    if (format_ == "jsonl") return report::render_json_line(r, lib_, lang_, with_facts_) + "\n";
    return report::render_json_domain(r, lib_, lang_, with_facts_);
  }

  void begin() {
    if (format_ == "json") std::cout << report::render_json_head(lang_, started_) << std::flush;
  }
  // index: place in the input; entry: nullopt for what is not written (a duplicate, a
  // domain cancelled by Ctrl-C).
  void put(std::size_t index, std::optional<std::string> entry) {
    if (format_ == "jsonl") {
      if (entry) write(*entry);
      return;
    }
    pending_.emplace(index, std::move(entry));
    while (!pending_.empty() && pending_.begin()->first == next_) {
      if (pending_.begin()->second) write(*pending_.begin()->second);
      pending_.erase(pending_.begin());
      ++next_;
    }
  }
  void end() {
    // After Ctrl-C, finished domains may wait behind cancelled ones: write them now.
    for (auto& [index, entry] : pending_) {
      if (entry) write(*entry);
    }
    pending_.clear();
    if (format_ == "json") std::cout << report::render_json_tail() << std::flush;
  }

 private:
  void write(const std::string& s) {
    if (format_ == "json") std::cout << report::json_domain_separator(written_);
    std::cout << s;
    ++written_;
    std::cout << std::flush;
  }
  std::string format_;
  bool with_facts_;
  const content::Library& lib_;
  content::Lang lang_;
  std::chrono::system_clock::time_point started_;
  report::RenderOptions text_;
  std::map<std::size_t, std::optional<std::string>> pending_;
  std::size_t next_ = 0;
  std::size_t written_ = 0;
};

// The progress line on the terminal: done, in flight, rate and time left.
class Progress {
 public:
  Progress(bool on, std::size_t total) : on_(on), total_(total), t0_(std::chrono::steady_clock::now()) {}
  void message(const std::string& line) {
    clear();
    std::cerr << line << "\n";
    draw();
  }
  void update(std::size_t done, std::size_t in_flight, std::size_t duplicates) {
    done_ = done;
    in_flight_ = in_flight;
    duplicates_ = duplicates;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200) && done != total_) return;
    last_ = now;
    draw();
  }
  void clear() const {
    if (on_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  void draw() {
    if (!on_) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
    std::string line = "[" + std::to_string(done_) + (total_ != 0 ? "/" + std::to_string(total_) : "") + "] " +
                       std::to_string(in_flight_) + " in flight, " + fixed(rate) + " domains/s";
    if (total_ != 0 && rate > 0 && done_ + duplicates_ < total_) {
      const auto left = static_cast<long>(static_cast<double>(total_ - done_ - duplicates_) / rate);
      line += ", " + std::to_string(left / 60) + " min " + std::to_string(left % 60) + " s left";
    }
    if (duplicates_ != 0) line += ", " + std::to_string(duplicates_) + " duplicates skipped";
    std::cerr << "\r\033[K" << line << std::flush;
  }
  static std::string fixed(double v) {
    std::array<char, 32> buf{};
    (void)std::snprintf(buf.data(), buf.size(), "%.1f", v);
    return buf.data();
  }
  bool on_;
  std::size_t total_;
  std::chrono::steady_clock::time_point t0_;
  std::chrono::steady_clock::time_point last_{};
  std::size_t done_ = 0, in_flight_ = 0, duplicates_ = 0;
};

// A scan of a list: at most `parallel` domains probing at once (a limit, not a batch: the
// next starts when one ends), and more waiting only for the exposure stage's shared limits.
// Runs on `threads` threads, each with an event loop of its own, the domains dealt out over
// them: a domain's steps then never wake another thread, which cost a tenth of the CPU when
// all threads shared one loop with a strand per domain (docs/benchmarks.md, issue 8). The
// home strand (feeding, output, the resolver's socket) is on the main thread's loop.
class Run {
 public:
  Run(const ScanArgs& a, scan::ScanOptions opt, Feed& feed, Output& out, Progress& progress)
      : args_(a),
        feed_(feed),
        out_(out),
        progress_(progress),
        home_(asio::make_strand(io_)),
        context_(home_, std::move(opt)),
        probing_(home_, std::max(1, a.parallel)),
        exposure_stage_(home_, std::max(1, a.parallel) * 4),
        signals_(io_, SIGINT, SIGTERM) {
    const unsigned threads =
        a.threads > 0 ? static_cast<unsigned>(a.threads) : std::max(1U, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < threads; ++i) loops_.push_back(std::make_unique<asio::io_context>(1));
  }

  struct Outcome {
    bool any_high = false, any_unscanned = false, any_failed = false, interrupted = false;
  };

  Outcome run() {
    signals_.async_wait([this](boost::system::error_code ec, int) {
      if (!ec) interrupt();
    });
    out_.begin();
    asio::co_spawn(home_, feed(), [](const std::exception_ptr& e) {
      if (e) std::rethrow_exception(e);
    });
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep;
    std::vector<std::thread> pool;
    for (auto& loop : loops_) {
      keep.push_back(asio::make_work_guard(*loop));
      pool.emplace_back([l = loop.get()] { l->run(); });
    }
    io_.run();
    // Every domain has finished (or the run was interrupted): the loops end when idle.
    keep.clear();
    for (auto& t : pool) t.join();
    progress_.clear();
    out_.end();
    return outcome_;
  }

 private:
  // On the home strand: starts domains while there is room and input.
  scan::net::awaitable<void> feed() {
    std::size_t index = 0;
    for (;;) {
      auto slot = co_await probing_.acquire();
      if (stopping_) break;
      auto input = feed_.next();
      if (!input) break;
      const std::size_t i = index++;
      // The same domain twice is scanned once (and reported once).
      auto parsed = parse_domain(input->text);
      if (parsed.ok() && !seen_.insert(parsed.domain).second) {
        ++duplicates_;
        out_.put(i, std::nullopt);
        progress_.update(done_, in_flight_, duplicates_);
        continue;
      }
      ++in_flight_;
      auto stop = std::make_shared<asio::cancellation_signal>();
      auto loop = loops_[i % loops_.size()]->get_executor();
      stops_.emplace(i, std::make_pair(stop, loop));
      // The completion handler keeps the signal alive until the coroutine has ended on its loop:
      // finished() drops the map's copy on the home thread while the domain's thread may still
      // be clearing its slot (AddressSanitizer caught that use after free).
      asio::co_spawn(loop, domain(i, std::move(*input), std::make_shared<scan::net::Limiter::Slot>(std::move(slot))),
                     asio::bind_cancellation_slot(stop->slot(), [stop](const std::exception_ptr&) {}));
    }
    feeding_ = false;
    if (in_flight_ == 0) signals_.cancel();
  }

  // On the domain's loop.
  scan::net::awaitable<void> domain(std::size_t index, FeedEntry input,
                                    std::shared_ptr<scan::net::Limiter::Slot> probing) {
    std::optional<scan::net::Limiter::Slot> stage;
    scan::ScanJob job(input.text);
    // Only the exposure stage is left: the next domain may start probing.
    job.on_exposure_stage = [&]() -> scan::net::awaitable<void> {
      probing.reset();
      stage.emplace(co_await exposure_stage_.acquire());
    };
    std::optional<std::string> entry;
    scan::DomainReport r;
    bool cancelled = false;
    try {
      r = co_await scan::scan(context_, std::move(job));
    } catch (const std::exception& e) {
      cancelled = scan::net::is_cancellation(e);
      // A bug must not cost the other domains their scan, nor stop the run from ending: every
      // domain reaches finished().
      if (!cancelled) {
        r.input = input.text;
        r.status = scan::DomainStatus::failed;
        r.message = std::string("internal error while scanning: ") + e.what();
      }
    }
    probing.reset();
    stage.reset();
    std::string save_error;
    if (!cancelled) {
      entry = out_.render(r);
      if (!args_.save_facts.empty()) {
        try {
          save_facts({r}, args_.save_facts);
        } catch (const std::runtime_error& e) {
          save_error = e.what();
        }
      }
    }
    asio::post(home_, [this, index, cancelled, r = std::move(r), entry = std::move(entry),
                       origin = std::move(input.origin), save_error = std::move(save_error)]() mutable {
      finished(index, cancelled, r, std::move(entry), origin, save_error);
    });
  }

  // On the home strand.
  void finished(std::size_t index, bool cancelled, const scan::DomainReport& r, std::optional<std::string> entry,
                const std::string& origin, const std::string& save_error) {
    stops_.erase(index);
    --in_flight_;
    if (!cancelled) {
      ++done_;
      if (r.status == scan::DomainStatus::failed) outcome_.any_failed = true;
      if (r.status != scan::DomainStatus::scanned) {
        outcome_.any_unscanned = true;
        // A rejected line of a list is named by file and line; its reason names the text.
        const bool by_line = r.status == scan::DomainStatus::rejected && !origin.empty();
        progress_.message("weerbaar: " + (by_line ? origin : r.domain.empty() ? r.input : r.domain) + ": " + r.message);
      }
      if (!save_error.empty()) {
        outcome_.any_failed = true;
        progress_.message("weerbaar: " + save_error);
      }
      for (const auto& c : r.results) {
        if (report::worst_severity(c, content::Library::embedded()) == Severity::high) outcome_.any_high = true;
      }
    }
    out_.put(index, std::move(entry));
    progress_.update(done_, in_flight_, duplicates_);
    if (!feeding_ && in_flight_ == 0) signals_.cancel();
  }

  // Ctrl-C: no new domains; those in flight are cancelled and what has finished is written.
  // A second Ctrl-C ends the program at once.
  void interrupt() {
    asio::post(home_, [this] {
      // Nothing left to stop: the run is ending, and a new wait for the signal would keep it.
      if (stopping_ || (!feeding_ && in_flight_ == 0)) return;
      stopping_ = true;
      outcome_.interrupted = true;
      progress_.message("weerbaar: interrupted; stopping the scans in flight (Ctrl-C again to quit at once)");
      for (auto& [index, stop] : stops_) {
        asio::post(stop.second, [s = stop.first] { s->emit(asio::cancellation_type::terminal); });
      }
      signals_.async_wait([](boost::system::error_code ec, int) {
        if (ec) return;
        std::cout << std::flush;
        std::_Exit(Exit::interrupted);
      });
    });
  }

  const ScanArgs& args_;
  Feed& feed_;
  Output& out_;
  Progress& progress_;
  asio::io_context io_;
  asio::strand<asio::io_context::executor_type> home_;
  scan::ScanContext context_;
  scan::net::Limiter probing_;
  scan::net::Limiter exposure_stage_;
  asio::signal_set signals_;
  // One event loop per thread (run()); last, so that they go first, after every domain ended.
  std::vector<std::unique_ptr<asio::io_context>> loops_;
  // Guarded by the home strand.
  std::unordered_set<std::string> seen_;
  std::map<std::size_t, std::pair<std::shared_ptr<asio::cancellation_signal>, asio::io_context::executor_type>> stops_;
  std::size_t in_flight_ = 0, done_ = 0, duplicates_ = 0;
  bool feeding_ = true, stopping_ = false;
  Outcome outcome_;
};

int run_scan(const ScanArgs& a) {
  auto lang = content::lang_from_string(a.lang);
  if (!lang) throw UsageError("--lang must be nl or en");
  scan::ScanOptions opt;
  try {
    opt = scan::make_scan_options(a.settings);
  } catch (const scan::SettingsError& e) {
    throw UsageError(e.what());
  }
  if (!a.save_facts.empty()) {
    // Made before the first domain, so that a directory that cannot be made stops nothing half-way.
    std::error_code ec;
    std::filesystem::create_directories(a.save_facts, ec);
    if (ec) throw UsageError("--save-facts: cannot create '" + a.save_facts + "': " + ec.message());
  }
  std::optional<Feed> feed;
  try {
    feed.emplace(a);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
  const auto& lib = content::Library::embedded();
  const auto started = std::chrono::system_clock::now();
  Output out(a, lib, *lang, started);
  Progress progress(isatty(STDERR_FILENO) != 0 && !a.no_progress, feed->total());
  if (a.domains.empty() && a.input.empty())
    throw UsageError("no domain given: weerbaar scan example.nl, or --input domains.txt");
  std::optional<Run> run;
  try {
    run.emplace(a, std::move(opt), *feed, out, progress);
  } catch (const scan::dns::ResolverError& e) {
    throw UsageError(e.what());
  }
  auto o = run->run();
  if (o.interrupted) return Exit::interrupted;
  if (o.any_failed) return Exit::failed;
  if (o.any_unscanned) return Exit::bad_input;
  return o.any_high ? Exit::high_findings : Exit::ok;
}

}  // namespace

void add_scan_command(CLI::App& app, int& code) {
  auto args = std::make_shared<ScanArgs>();
  auto* cmd = app.add_subcommand("scan", "Scan the website, TLS, mail, DNS and exposed services of domains");
  cmd->add_option("domains", args->domains, "Domain names, e.g. bakkerij-jansen.nl");
  cmd->add_option("-i,--input", args->input, "File with one domain per line (- for standard input)");
  cmd->add_option("-l,--lang", args->lang, "Language of the report: nl or en")->capture_default_str();
  cmd->add_option("-f,--format", args->format,
                  "Output: text, json (one document), or jsonl (one JSON object per domain, as each finishes)")
      ->check(CLI::IsMember({"text", "json", "jsonl"}))
      ->capture_default_str();
  add_scan_settings_options(*cmd, args->settings);
  cmd->add_option("--parallel", args->parallel, "Domains probed at once")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads (default: one per core)")->check(CLI::Range(0, 256));
  cmd->add_flag("--no-progress", args->no_progress, "No progress line on the terminal");
  cmd->add_flag("--only-problems", args->quiet_passed, "Leave passed checks out of the text report");
  cmd->add_option("--save-facts", args->save_facts,
                  "Also write what the probes saw, one DIR/<domain>.facts.json each (weerbaar judge reads them)");
  cmd->add_flag("--with-facts", args->with_facts, "JSON output: each domain with its facts (for weerbaar judge)");
  cmd->callback([args, &code] { code = run_scan(*args); });
}

}  // namespace weerbaar::cli
