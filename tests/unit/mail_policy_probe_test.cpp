// The mail policy probe's DKIM lookups against a scripted DNS server: when _domainkey.<domain>
// does not exist, no selector below it is asked (RFC 8020, as internet.nl's DKIM test reasons);
// when it exists as an empty non-terminal, is an alias or cannot be looked up, every selector is.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "scan/dns/resolver.hpp"
#include "scan/mail/policy_probe.hpp"
#include "scan/mail/policy_records.hpp"
#include "support/scripted_dns.hpp"

namespace weerbaar::scan::mail {
namespace {

namespace asio = net::asio;
using namespace std::chrono_literals;
using testing::DnsReply;
using testing::ScriptedDns;

constexpr int kTxt = 16;

MailPolicyFacts probe(ScriptedDns& server, const std::string& domain) {
  asio::io_context io;
  dns::Resolver resolver(io.get_executor(), testing::resolver_options(server));
  PolicyProbeOptions opt;
  net::SafeResolve no_resolve = [](std::string) -> net::awaitable<net::SafeAddresses> {
    co_return net::SafeAddresses{};
  };
  MailPolicyFacts facts;
  asio::co_spawn(
      io, [&]() -> net::awaitable<void> { facts = co_await probe_policy(resolver, domain, opt, no_resolve); },
      [](const std::exception_ptr& e) {
        if (e) std::rethrow_exception(e);
      });
  io.run_for(10s);
  EXPECT_TRUE(io.stopped()) << "the probe left work on the event loop";
  return facts;
}

TEST(MailPolicyProbe, NoSelectorIsAskedBelowAKeyTreeThatDoesNotExist) {
  ScriptedDns server;  // unscripted names are NXDOMAIN, _domainkey.zonder.test among them
  MailPolicyFacts facts = probe(server, "zonder.test");
  EXPECT_EQ(server.queries("_domainkey.zonder.test", kTxt), 1);
  ASSERT_EQ(facts.dkim.size(), dkim_selectors().size());
  for (const auto& s : facts.dkim) {
    EXPECT_EQ(server.queries(s.selector + "._domainkey.zonder.test", kTxt), 0) << s.selector;
    EXPECT_EQ(s.txt.status, LookupStatus::nxdomain) << s.selector;
    EXPECT_TRUE(s.txt.records.empty());
  }
}

TEST(MailPolicyProbe, EverySelectorIsAskedBelowAnEmptyNonTerminal) {
  ScriptedDns server;
  server.script("_domainkey.met.test", kTxt, DnsReply{0, {}, {}, false});  // exists, no records of its own
  server.script(
      "selector1._domainkey.met.test", kTxt,
      DnsReply{0, {{kTxt, testing::txt_rdata("v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ")}}, {}, false});
  MailPolicyFacts facts = probe(server, "met.test");
  bool found = false;
  for (const auto& s : facts.dkim) {
    EXPECT_EQ(server.queries(s.selector + "._domainkey.met.test", kTxt), 1) << s.selector;
    if (s.selector == "selector1") {
      EXPECT_EQ(s.txt.status, LookupStatus::ok);
      found = !s.txt.records.empty();
    } else {
      EXPECT_EQ(s.txt.status, LookupStatus::nxdomain) << s.selector;
    }
  }
  EXPECT_TRUE(found);
}

// A CNAME at _domainkey leads to a name that does not exist: that says nothing about the names
// below _domainkey itself, so the selectors are still asked.
TEST(MailPolicyProbe, SelectorsAreAskedWhenTheKeyTreeIsAnAliasToNothing) {
  ScriptedDns server;
  const std::string to_nothing = testing::mx_rdata(0, "nergens.test").substr(2);  // a name in wire form
  server.script("_domainkey.alias.test", kTxt, DnsReply{0, {{5, to_nothing}}, {}, false});
  MailPolicyFacts facts = probe(server, "alias.test");
  EXPECT_GE(server.queries("nergens.test", kTxt), 1);
  for (const auto& s : facts.dkim) EXPECT_EQ(server.queries(s.selector + "._domainkey.alias.test", kTxt), 1);
}

TEST(MailPolicyProbe, SelectorsAreAskedWhenTheKeyTreeCannotBeLookedUp) {
  ScriptedDns server;
  server.script("_domainkey.stuk.test", kTxt, DnsReply{2, {}, {}, false});  // SERVFAIL: tells nothing
  MailPolicyFacts facts = probe(server, "stuk.test");
  for (const auto& s : facts.dkim) EXPECT_EQ(server.queries(s.selector + "._domainkey.stuk.test", kTxt), 1);
}

}  // namespace
}  // namespace weerbaar::scan::mail
