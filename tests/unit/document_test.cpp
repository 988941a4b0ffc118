#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <limits>

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
  auto d = doc::parse_yaml("f.yaml", "a: yes\nb: 'yes'\nc: 0x1F\nd: 1.5\ne: 1e5\nf: ~\ng: 010\nh: .inf\ni: 1_000\n");
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
  auto d = doc::parse_yaml("f.yaml",
                           "\xEF\xBB\xBF"
                           "a: 1\r\nb: two\r\n");
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

// Hostile input (tests/hostile/README.md): each case below was a bug.

TEST_CASE("an unclosed flow collection is reported where it opens", "[document][hostile]") {
  // yaml-cpp marks column 1 of the last line; the bracket is what the user must close.
  auto ds = input_errors([] { doc::parse_yaml("f.yaml", "x: 1\ny: [1, {a: 2"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "YAML-SYNTAX");
  CHECK(ds[0].line == 2);
  CHECK(ds[0].col == 8);
  CHECK(ds[0].message.find("'{'") != std::string::npos);
  ds = input_errors([] { doc::parse_yaml("f.yaml", "x: 1\ny:\n  a: [1, 2"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].line == 3);
  CHECK(ds[0].col == 6);
  CHECK(ds[0].message.find("'['") != std::string::npos);
}

TEST_CASE("merging two large mappings takes linear time", "[document][hostile]") {
  // merge_keys looked every merged key up by a linear scan: two 200,000-key mappings ran
  // for minutes. The limits are raised so that the merge itself is what is measured.
  const int n = 200000;
  std::string text = "a: &a {";
  for (int i = 0; i < n; ++i) text += (i ? ", k" : "k") + std::to_string(i) + ": 0";
  text += "}\nb: {<<: *a";
  for (int i = 0; i < n; ++i) text += ", j" + std::to_string(i) + ": 1";
  text += ", k0: 2}\n";
  doc::Limits limits;
  limits.max_expanded_nodes = 4u << 20;
  auto start = std::chrono::steady_clock::now();
  auto d = doc::parse_yaml("f.yaml", text, limits);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto* b = d.root->get("b");
  REQUIRE(b);
  CHECK(b->entries.size() == 2u * n);
  CHECK(b->get("k0")->scalar == "2");  // a key present in the mapping wins over the merge
  CHECK(b->get("k199999")->scalar == "0");
  CHECK(seconds < 30.0);  // minutes before the fix; a second or two after (more under sanitizers)
}

TEST_CASE("integers beyond 64 bits are integers, approximated as doubles", "[document][hostile]") {
  auto d = doc::parse_yaml("f.yaml",
                           "a: 1000000000000000000000000000000\nb: -0x1_0000_0000_0000_0000\n"
                           "c: -9223372036854775808\n");
  const auto& a = *d.root->get("a");
  CHECK(a.scalar_type() == doc::ScalarType::Int);  // as PyYAML: not a string
  CHECK_FALSE(a.as_int());
  REQUIRE(a.as_double());
  CHECK(*a.as_double() == Approx(1e30));
  const auto& b = *d.root->get("b");
  CHECK(b.scalar_type() == doc::ScalarType::Int);
  CHECK(*b.as_double() == Approx(-18446744073709551616.0));
  CHECK(d.root->get("c")->as_int() == std::numeric_limits<long long>::min());
}

TEST_CASE("a FIFO, a symlink loop and an unreadable /proc file are IO errors, not hangs", "[document][hostile]") {
  namespace fs = std::filesystem;
  auto dir = fs::temp_directory_path() / ("pwpc-hostile-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto fifo = (dir / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // No process writes to it: opening it used to wait forever.
  auto ds = input_errors([&] { doc::read_file(fifo); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "IO");
  CHECK(ds[0].line == 0);
  CHECK(ds[0].message.find("FIFO") != std::string::npos);
  fs::create_symlink(dir / "loop-b", dir / "loop-a");
  fs::create_symlink(dir / "loop-a", dir / "loop-b");
  ds = input_errors([&] { doc::read_file((dir / "loop-a").string()); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "IO");
  CHECK(ds[0].message.find("no such file") == std::string::npos);  // it exists; it loops
  ds = input_errors([] { doc::read_file("/proc/self/mem"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "IO");
  fs::remove_all(dir);
}

TEST_CASE("a lone word on a line of a block mapping is a syntax error, as in PyYAML", "[document]") {
  struct Case {
    std::string text;
    int line, col;
  };
  const Case bad[] = {
      {"a: 1\nFrom\n", 2, 1},                         // a file cut off in the middle of a key
      {"a:\n  - IpProtocol: tcp\n    From\n", 3, 5},  // ... inside a list item
      {"a: 1\n\xC3\xA9t\xC3\xA9\n", 2, 1},            // after non-ASCII text
  };
  for (const auto& c : bad) {
    INFO(c.text);
    auto ds = input_errors([&] { doc::parse_yaml("f.yaml", c.text); });
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "YAML-SYNTAX");
    CHECK(ds[0].line == c.line);
    CHECK(ds[0].col == c.col);
    CHECK(ds[0].message.find("is not followed by ':'") != std::string::npos);
  }
  // Still keys: explicit keys, flow mappings, keys with spaces before the colon, URLs,
  // anchors and tags before a key, and a word folded into the value above.
  const char* good[] = {"? a\n: 1\n",   "{a, b: 1}\n",           "a   : 1\n", "http://x: 1\n", "&\xC3\xA9 a: 1\nb: 2\n",
                        "!!str a: 1\n", "a: tcp\n  From\nb: 1\n"};
  for (const char* g : good) {
    INFO(g);
    CHECK_NOTHROW(doc::parse_yaml("f.yaml", g));
  }
  CHECK(doc::parse_yaml("f.yaml", "a: tcp\n  From\n").root->get("a")->scalar == "tcp From");
}

TEST_CASE("flow collections are bounded before yaml-cpp reads them", "[document]") {
  doc::Limits small;
  small.max_depth = 3;
  small.max_flow_bytes = 64;
  // Depth: the 4th '[' is refused where it stands.
  auto ds = input_errors([&] { doc::parse_yaml("f.yaml", "a: [[[[1]]]]\n", small); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "YAML-LIMIT");
  CHECK(ds[0].line == 1);
  CHECK(ds[0].col == 7);
  // Size: more than 64 bytes inside brackets in all.
  ds = input_errors([&] { doc::parse_yaml("f.yaml", "a: [" + std::string(80, 'x') + "]\n", small); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("flow collections") != std::string::npos);
  // Brackets that open no flow collection do not count: inside quotes, comments, block
  // scalars and plain scalars.
  std::string deep(40, '[');
  const std::string quiet = "a: '" + deep + "'\nb: \"" + deep + "\"\nc: x" + deep + "\n# " + deep + "\nd: |\n  " +
                            deep + "\n  " + deep + "\ne: [ok, 'it''s ]]]', \"q\\\"[[[\"]\n";
  CHECK_NOTHROW(doc::parse_yaml("f.yaml", quiet, small));
}

TEST_CASE("aliases count by the text they repeat, not only by nodes", "[document]") {
  doc::Limits small;
  small.max_expanded_bytes = 1000;
  const std::string big(100, 'x');
  std::string doc = "a: &v " + big + "\nb:\n";
  for (int i = 0; i < 5; ++i) doc += "  - *v\n";
  CHECK_NOTHROW(doc::parse_yaml("f.yaml", doc, small));  // 600 bytes
  for (int i = 0; i < 10; ++i) doc += "  - {*v : 1}\n";  // aliases as keys count too
  auto ds = input_errors([&] { doc::parse_yaml("f.yaml", doc, small); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "YAML-LIMIT");
  CHECK(ds[0].message.find("of text (anchors and aliases repeat it)") != std::string::npos);
}
