#include "scripted_dns.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cctype>
#include <stdexcept>

namespace weerbaar::testing {

namespace asio = boost::asio;
using asio::ip::udp;

namespace {

std::string wire_name(const std::string& name) {
  std::string out;
  std::size_t start = 0;
  while (start < name.size()) {
    auto dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    out.push_back(static_cast<char>(dot - start));
    out += name.substr(start, dot - start);
    start = dot + 1;
  }
  out.push_back('\0');
  return out;
}

void put16(std::string& s, unsigned v) {
  s.push_back(static_cast<char>((v >> 8) & 0xff));
  s.push_back(static_cast<char>(v & 0xff));
}

}  // namespace

std::string a_rdata(const std::string& ipv4) {
  auto bytes = asio::ip::make_address_v4(ipv4).to_bytes();
  return std::string(bytes.begin(), bytes.end());
}

std::string mx_rdata(int preference, const std::string& host) {
  std::string s;
  put16(s, static_cast<unsigned>(preference));
  return s + wire_name(host);
}

std::string txt_rdata(const std::string& text) {
  std::string s;
  for (std::size_t i = 0; i < text.size(); i += 255) {
    auto part = text.substr(i, 255);
    s.push_back(static_cast<char>(part.size()));
    s += part;
  }
  if (text.empty()) s.push_back('\0');
  return s;
}

struct ScriptedDns::Impl {
  asio::io_context io;
  udp::socket socket{io};
  std::thread thread;
  mutable std::mutex mutex;
  std::map<std::pair<std::string, int>, DnsReply> script;
  std::map<std::pair<std::string, int>, int> counts;
  std::array<char, 1500> buf{};
  udp::endpoint from;
  std::atomic<int>* total = nullptr;

  void receive() {
    socket.async_receive_from(asio::buffer(buf), from, [this](boost::system::error_code ec, std::size_t n) {
      if (ec) return;  // closed
      answer(std::string(buf.data(), n), from);
      receive();
    });
  }

  void answer(const std::string& q, const udp::endpoint& to) {
    if (q.size() < 12) return;
    // The question: labels up to the root, then type and class.
    std::size_t pos = 12;
    std::string name;
    while (pos < q.size() && q[pos] != 0) {
      const auto len = static_cast<unsigned char>(q[pos]);
      if ((len & 0xc0) != 0 || pos + 1 + len > q.size()) return;
      if (!name.empty()) name.push_back('.');
      for (std::size_t i = 0; i < len; ++i)
        name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(q[pos + 1 + i]))));
      pos += 1 + len;
    }
    if (pos + 5 > q.size()) return;
    const int type = (static_cast<unsigned char>(q[pos + 1]) << 8) | static_cast<unsigned char>(q[pos + 2]);
    const std::string question = q.substr(12, pos + 5 - 12);
    DnsReply reply{3, {}, {}, false};
    {
      std::lock_guard lock(mutex);
      ++counts[{name, type}];
      auto it = script.find({name, type});
      if (it != script.end()) {
        reply = it->second;
      } else {
        // A name scripted with other types exists: NODATA, not NXDOMAIN.
        for (const auto& [key, r] : script) {
          if (key.first == name) reply.rcode = 0;
        }
      }
    }
    ++*total;
    if (reply.silent) return;
    std::string r;
    r += q.substr(0, 2);                                                           // id
    r.push_back(static_cast<char>(0x80 | (q[2] & 0x79)));                          // QR, opcode, RD
    r.push_back(static_cast<char>(0x80 | (reply.rcode & 0x0f)));                   // RA, rcode
    put16(r, 1);                                                                   // qdcount
    put16(r, static_cast<unsigned>(reply.rcode == 0 ? reply.records.size() : 0));  // ancount
    put16(r, 0);
    put16(r, 0);
    r += question;
    if (reply.rcode == 0) {
      for (const auto& rec : reply.records) {
        put16(r, 0xc00c);  // the question's name
        put16(r, static_cast<unsigned>(rec.type));
        put16(r, 1);  // IN
        put16(r, 0);
        put16(r, 60);  // TTL
        put16(r, static_cast<unsigned>(rec.rdata.size()));
        r += rec.rdata;
      }
    }
    auto out = std::make_shared<std::string>(std::move(r));
    auto send = [this, out, to] {
      socket.async_send_to(asio::buffer(*out), to, [out](boost::system::error_code, std::size_t) {});
    };
    if (reply.delay.count() == 0) {
      send();
      return;
    }
    auto timer = std::make_shared<asio::steady_timer>(io, reply.delay);
    timer->async_wait([timer, send](boost::system::error_code ec) {
      if (!ec) send();
    });
  }
};

ScriptedDns::ScriptedDns(const std::string& address) : impl_(std::make_unique<Impl>()) {
  impl_->total = &total_;
  impl_->socket.open(udp::v4());
  impl_->socket.bind(udp::endpoint(asio::ip::make_address(address), 0));
  impl_->receive();
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

ScriptedDns::~ScriptedDns() {
  asio::post(impl_->io, [this] {
    boost::system::error_code ec;
    impl_->socket.close(ec);
    impl_->io.stop();
  });
  impl_->thread.join();
}

void ScriptedDns::script(const std::string& name, int type, DnsReply reply) {
  std::lock_guard lock(impl_->mutex);
  impl_->script[{name, type}] = std::move(reply);
}

std::string ScriptedDns::forwarder() const {
  auto ep = impl_->socket.local_endpoint();
  return ep.address().to_string() + ":" + std::to_string(ep.port());
}

int ScriptedDns::queries(const std::string& name, int type) const {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->counts.find({name, type});
  return it == impl_->counts.end() ? 0 : it->second;
}

scan::dns::ResolverOptions resolver_options(const ScriptedDns& server) {
  scan::dns::ResolverOptions opt;
  opt.forwarder = server.forwarder();
  opt.use_root_anchor = false;
  opt.served_special_zones = {"test."};
  return opt;
}

}  // namespace weerbaar::testing
