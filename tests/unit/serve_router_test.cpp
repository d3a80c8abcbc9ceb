#include "web/router.hpp"

#include <gtest/gtest.h>

namespace weerbaar::web {
namespace {

Handler none() {
  return [](Context&) { return Response{}; };
}

TEST(WebRouter, MatchesLiteralAndNamedSegments) {
  Router r;
  r.add(http::verb::get, "/campaigns/new", Access::signed_in(), none());
  r.add(http::verb::get, "/campaigns/{id}", Access::signed_in(), none());
  r.add(http::verb::post, "/campaigns/{id}/helpers/{helper}", Access::signed_in(), none());

  auto m = r.match(http::verb::get, "/campaigns/new");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/campaigns/new");
  EXPECT_TRUE(m.params.empty());

  m = r.match(http::verb::get, "/campaigns/12");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "12");

  m = r.match(http::verb::post, "/campaigns/3/helpers/a%20b");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("helper"), "a b");
}

TEST(WebRouter, UnknownPathAndWrongMethodDiffer) {
  Router r;
  r.add(http::verb::get, "/login", Access::public_(), none());
  auto m = r.match(http::verb::get, "/nope");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_FALSE(m.path_known);
  m = r.match(http::verb::delete_, "/login");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_known);
}

TEST(WebRouter, HeadIsAnsweredByGet) {
  Router r;
  r.add(http::verb::get, "/", Access::public_(), none());
  EXPECT_NE(r.match(http::verb::head, "/").route, nullptr);
}

TEST(WebRouter, SegmentsMustMatchInNumberAndBeNonEmpty) {
  Router r;
  r.add(http::verb::get, "/campaigns/{id}", Access::signed_in(), none());
  EXPECT_EQ(r.match(http::verb::get, "/campaigns/").route, nullptr);
  EXPECT_EQ(r.match(http::verb::get, "/campaigns/1/x").route, nullptr);
  EXPECT_EQ(r.match(http::verb::get, "/campaigns/a%2Fb").route, nullptr);  // no slash smuggled into an id
  EXPECT_EQ(r.match(http::verb::get, "/campaigns/%zz").route, nullptr);
}

TEST(WebRouter, DuplicateRouteIsABug) {
  Router r;
  r.add(http::verb::get, "/", Access::public_(), none());
  EXPECT_THROW(r.add(http::verb::get, "/", Access::public_(), none()), std::logic_error);
}

TEST(WebRouter, AccessByRole) {
  auto a = Access::only({Role::coordinator});
  EXPECT_TRUE(a.allows(Role::coordinator));
  EXPECT_FALSE(a.allows(Role::helper));
  EXPECT_TRUE(Access::public_().allows(Role::entrepreneur));
}

}  // namespace
}  // namespace weerbaar::web
