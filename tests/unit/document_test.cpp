#include <catch2/catch.hpp>

#include "pwpc/document.hpp"
#include "test_support.hpp"

using namespace pwpc;
using pwpc::test::input_errors;

TEST_CASE("positions of keys and values are 1-based", "[document]") {
  auto d = doc::parse_yaml("f.yaml", "a: 1\nb:\n  c: hello\n");
  const auto* b = d.root->entry("b");
  REQUIRE(b);
  CHECK(b->key_mark.line == 2);
  CHECK(b->key_mark.col == 1);
  const auto* c = b->value->entry("c");
  REQUIRE(c);
  CHECK(c->key_mark.line == 3);
  CHECK(c->key_mark.col == 3);
  CHECK(c->value->mark.col == 6);
  CHECK(c->value->scalar == "hello");
}

TEST_CASE("YAML 1.1 scalar resolution follows PyYAML", "[document]") {
  auto d = doc::parse_yaml("f.yaml",
                           "a: yes\nb: 'yes'\nc: 0x1F\nd: 1.5\ne: 1e5\nf: ~\ng: 010\nh: .inf\ni: 1_000\n");
  const auto& r = *d.root;
  CHECK(r.get("a")->scalar_type() == doc::ScalarType::Bool);
  CHECK(r.get("b")->scalar_type() == doc::ScalarType::String);
  CHECK(r.get("c")->as_int() == 31);
  CHECK(r.get("d")->scalar_type() == doc::ScalarType::Float);
  CHECK(r.get("e")->scalar_type() == doc::ScalarType::String);  // PyYAML needs a dot
  CHECK(r.get("f")->scalar_type() == doc::ScalarType::Null);
  CHECK(r.get("g")->as_int() == 8);
  CHECK(r.get("h")->scalar_type() == doc::ScalarType::Float);
  CHECK(r.get("i")->as_int() == 1000);
}

TEST_CASE("duplicate keys are an error at the second key", "[document]") {
  auto ds = input_errors([] { doc::parse_yaml("f.yaml", "a: 1\nb: 2\na: 3\n"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "YAML-DUPLICATE-KEY");
  CHECK(ds[0].line == 3);
  CHECK(ds[0].col == 1);
  CHECK(ds[0].hint.find("line 1") != std::string::npos);
}

TEST_CASE("tabs in indentation are reported with their position", "[document]") {
  auto ds = input_errors([] { doc::parse_yaml("f.yaml", "a:\n\tb: 1\n"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].line == 2);
  CHECK(ds[0].col == 1);
  // A tab inside a block scalar is content, not indentation.
  CHECK_NOTHROW(doc::parse_yaml("f.yaml", "a: |\n  x\n  \ty\nb: 1\n"));
}

TEST_CASE("invalid UTF-8 is reported at the first bad byte", "[document]") {
  auto ds = input_errors([] { doc::parse_yaml("f.yaml", "a: 1\nb: \xff\xfe\n"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "YAML-ENCODING");
  CHECK(ds[0].line == 2);
  CHECK(ds[0].col == 4);
}

TEST_CASE("a byte order mark and CRLF line ends are accepted", "[document]") {
  auto d = doc::parse_yaml("f.yaml", "\xEF\xBB\xBF" "a: 1\r\nb: two\r\n");
  CHECK(d.root->get("b")->scalar == "two");
}

TEST_CASE("several documents in one file are refused", "[document]") {
  auto ds = input_errors([] { doc::parse_yaml("f.yaml", "a: 1\n---\nb: 2\n"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "YAML-MULTIPLE-DOCUMENTS");
}

TEST_CASE("alias bombs are stopped by the expansion limit", "[document]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", " : "") + "*" + prev;
    bomb += "]\n";
    prev = c;
  }
  auto ds = input_errors([&] { doc::parse_yaml("f.yaml", bomb); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "YAML-LIMIT");
}

TEST_CASE("merge keys copy missing keys only", "[document]") {
  auto d = doc::parse_yaml("f.yaml", "base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n");
  const auto* use = d.root->get("use");
  REQUIRE(use);
  CHECK(use->get("x")->scalar == "1");
  CHECK(use->get("y")->scalar == "3");
  CHECK(use->get("<<") == nullptr);
}

TEST_CASE("deep nesting is refused, not a stack overflow", "[document]") {
  std::string deep(5000, '[');
  auto ds = input_errors([&] { doc::parse_yaml("f.yaml", deep); });
  REQUIRE_FALSE(ds.empty());
}

TEST_CASE("an empty document is a null root", "[document]") {
  auto d = doc::parse_yaml("f.yaml", "");
  CHECK(d.root->is_null());
  auto c = doc::parse_yaml("f.yaml", "# only a comment\n");
  CHECK(c.root->is_null());
}

TEST_CASE("malformed YAML gives a position", "[document]") {
  auto ds = input_errors([] { doc::parse_yaml("f.yaml", "a: [1, 2\nb: 3\n"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "YAML-SYNTAX");
  CHECK(ds[0].line >= 1);
}

TEST_CASE("reading a directory or a missing file is a clear error", "[document]") {
  auto ds = input_errors([] { doc::load_yaml_file("/"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("directory") != std::string::npos);
  ds = input_errors([] { doc::load_yaml_file("/nonexistent/pwpc.yaml"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("no such file") != std::string::npos);
}
