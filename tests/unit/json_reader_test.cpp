#include <catch2/catch.hpp>

#include <string>

#include "pwpc/document.hpp"
#include "test_support.hpp"

using namespace pwpc;
using pwpc::test::input_errors;

TEST_CASE("JSON gets a position on every key and value", "[document][json]") {
  auto d = doc::parse_json("f.json", "{\"a\": 1,\n \"b\": {\"c\": \"x\\n\\u00e9\", \"d\": [true, null, -2.5e3]}}\n");
  const auto& r = *d.root;
  REQUIRE(r.is_map());
  const auto* b = r.entry("b");
  REQUIRE(b);
  CHECK(b->key_mark.line == 2);
  CHECK(b->key_mark.col == 2);
  CHECK(b->value->mark.col == 7);
  const auto* c = b->value->get("c");
  REQUIRE(c);
  CHECK(c->scalar == "x\n\xC3\xA9");  // escapes decoded
  CHECK_FALSE(c->plain);              // a JSON string is a string, whatever it reads like
  CHECK(c->scalar_type() == doc::ScalarType::String);
  const auto* list = b->value->get("d");
  REQUIRE(list->is_seq());
  REQUIRE(list->items.size() == 3);
  CHECK(list->items[0]->scalar == "true");
  CHECK(list->items[0]->as_bool() == true);
  CHECK(list->items[1]->is_null());
  CHECK(list->items[2]->scalar == "-2.5e3");  // numbers as written
  CHECK(list->items[2]->mark.col == 44);
  CHECK(r.get("a")->as_int() == 1);
}

TEST_CASE("a JSON string that reads like a number stays a string", "[document][json]") {
  auto d = doc::parse_json("f.json", R"({"n": "123", "m": 123})");
  CHECK(d.root->get("n")->scalar_type() == doc::ScalarType::String);
  CHECK(d.root->get("m")->scalar_type() == doc::ScalarType::Int);
}

TEST_CASE("broken JSON is reported at the offending token", "[document][json]") {
  struct Case {
    std::string text;
    int line, col;
    std::string says;
  };
  const Case cases[] = {
      {"{\"a\": 1,\n \"b\": }", 2, 7, "not valid JSON"},
      {"{\"a\": NaN}", 1, 7, "invalid literal"},
      {"{\"a\": 1e400}", 1, 7, "the number 1e400 is too large"},
      {"{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key \"a\" (first at line 1, column 2)"},
      {"{}\n{}", 2, 1, "expected end of input"},
      {"", 1, 1, "unexpected end of input"},
      {"{\"a\": \"\xff\"}", 1, 8, "ill-formed UTF-8"},
      {"{'a': 1}", 1, 2, "invalid literal"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto ds = input_errors([&] { doc::parse_json("f.json", c.text, doc::JsonOptions{"MY-RULE", "my hint", {}}); });
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "MY-RULE");
    CHECK(ds[0].line == c.line);
    CHECK(ds[0].col == c.col);
    CHECK(ds[0].message.find(c.says) != std::string::npos);
    CHECK(ds[0].message.find('\xff') == std::string::npos);  // no raw bytes quoted
  }
}

TEST_CASE("JSON nesting and size are bounded, with the position where the limit is hit", "[document][json]") {
  std::string deep(10000, '[');
  deep += std::string(10000, ']');
  auto ds = input_errors([&] { doc::parse_json("deep.json", "\n  " + deep); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].line == 2);
  CHECK(ds[0].col == 3 + 200);  // the 201st '['
  CHECK(ds[0].message == "nested deeper than 200 levels");

  doc::JsonOptions small;
  small.limits.max_expanded_nodes = 100;
  std::string many = "[";
  for (int i = 0; i < 200; ++i) many += "0,";
  many += "0]";
  ds = input_errors([&] { doc::parse_json("many.json", many, small); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message == "more than 100 values");

  small.limits.max_bytes = 10;
  ds = input_errors([&] { doc::parse_json("big.json", "[1, 2, 3, 4, 5]", small); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("larger than") != std::string::npos);
}

TEST_CASE("a UTF-8 byte order mark is skipped and positions count from after it", "[document][json]") {
  auto d = doc::parse_json("bom.json", "\xEF\xBB\xBF{\"a\": \"b\"}");
  CHECK(d.root->entry("a")->key_mark.col == 2);
  CHECK(d.root->get("a")->scalar == "b");
}
