#include <catch2/catch.hpp>

#include <chrono>

#include "pwpc/schema.hpp"
#include "test_support.hpp"

using namespace pwpc;

namespace {
Diagnostics run(const nlohmann::json& s, const std::string& yaml, schema::CheckOptions o = {}) {
  return schema::Schema::from_json(s).check(doc::parse_yaml("t.yaml", yaml), o);
}
const nlohmann::json kSchema = nlohmann::json::parse(R"({
  "type": "object", "additionalProperties": false, "required": ["Name"],
  "properties": {
    "Name": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 5},
    "Count": {"type": "integer", "minimum": 0, "maximum": 10},
    "Os": {"type": "string", "enum": ["alinux2", "rhel9", "centos7"],
           "x-enum-since": {"rhel9": "3.9.0"}, "x-enum-until": {"centos7": "3.10.0"}},
    "NewKey": {"type": "boolean", "x-since": "3.11.0"},
    "List": {"type": "array", "maxItems": 2, "items": {"$ref": "#/$defs/Item"}}
  },
  "$defs": {"Item": {"type": "object", "additionalProperties": false, "properties": {"Id": {"type": "string"}}}}
})");
}  // namespace

TEST_CASE("unknown keys get did-you-mean and a position", "[schema]") {
  auto ds = run(kSchema, "Name: abc\nCuont: 3\n");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].line == 2);
  CHECK(ds[0].col == 1);
  CHECK(ds[0].hint == "did you mean 'Count'?");
  CHECK(ds[0].path == "Cuont");
}

TEST_CASE("types, ranges, patterns, lengths and required keys", "[schema]") {
  auto ds = run(kSchema, "Count: 11\n");
  CHECK(pwpc::test::mentions(ds, "missing required key 'Name'"));
  CHECK(pwpc::test::mentions(ds, "above the maximum 10"));
  ds = run(kSchema, "Name: ABCDEFG\nCount: many\n");
  CHECK(pwpc::test::mentions(ds, "not in the expected form"));
  CHECK(pwpc::test::mentions(ds, "too long"));
  CHECK(pwpc::test::mentions(ds, "expected an integer, got the string 'many'"));
  ds = run(kSchema, "Name:\n");
  CHECK(pwpc::test::mentions(ds, "has no value"));
}

TEST_CASE("marshmallow leniency: quoted numbers are integers when allowed", "[schema]") {
  CHECK(run(kSchema, "Name: abc\nCount: '3'\n").empty());
  schema::CheckOptions strict;
  strict.lenient_numbers = false;
  CHECK_FALSE(run(kSchema, "Name: abc\nCount: '3'\n", strict).empty());
}

TEST_CASE("enum values and keys are version-gated", "[schema]") {
  schema::CheckOptions v38;
  v38.version = Version{3, 8, 0};
  auto ds = run(kSchema, "Name: abc\nOs: rhel9\n", v38);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("since ParallelCluster 3.9.0") != std::string::npos);
  schema::CheckOptions v310;
  v310.version = Version{3, 10, 0};
  CHECK(run(kSchema, "Name: abc\nOs: rhel9\n", v310).empty());
  ds = run(kSchema, "Name: abc\nOs: centos7\n", v310);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("removed in ParallelCluster 3.10.0") != std::string::npos);
  ds = run(kSchema, "Name: abc\nNewKey: true\n", v310);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("since ParallelCluster 3.11.0") != std::string::npos);
  ds = run(kSchema, "Name: abc\nOs: alinx2\n");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].hint.find("did you mean 'alinux2'") != std::string::npos);
}

TEST_CASE("arrays: items through $ref, maxItems", "[schema]") {
  auto ds = run(kSchema, "Name: abc\nList:\n  - Id: a\n  - Idd: b\n  - Id: c\n");
  CHECK(pwpc::test::mentions(ds, "at most 2"));
  CHECK(pwpc::test::mentions(ds, "unknown key 'Idd'"));
  bool path_ok = false;
  for (const auto& d : ds) path_ok |= d.path == "List[1]/Idd";
  CHECK(path_ok);
}

TEST_CASE("keywords outside the subset are refused when the schema loads", "[schema]") {
  CHECK_THROWS_AS(schema::Schema::from_json(nlohmann::json::parse(R"({"oneOf": []})")), std::invalid_argument);
}

TEST_CASE("closest_match stays within a sensible distance", "[schema]") {
  CHECK(schema::closest_match("concurent", {"concurrent", "named"}) == "concurrent");
  CHECK(schema::closest_match("xyz", {"concurrent", "named"}).empty());
}

// Hostile input (tests/hostile/README.md): each case below was a bug.

TEST_CASE("a pattern is checked on a 1 MB value without overflowing the stack", "[schema][hostile]") {
  // libstdc++'s default regex executor recursed once per character: `pwpc plan` on a
  // profile with a 10 MB cluster name died of SIGSEGV (from some 30,000 characters on;
  // 8,000 under AddressSanitizer). 1 MB keeps the test quick in a sanitizer build.
  std::string big(1'000'000, 'a');
  auto ds = run(kSchema, "Name: " + big + "\n");
  REQUIRE(ds.size() == 1);  // the pattern matches ([a-z]+); maxLength does not
  CHECK(test::mentions(ds, "is too long (1000000 characters; at most 5)"));
  ds = run(kSchema, "Name: " + big + "9\n");
  REQUIRE(ds.size() == 2);
  CHECK(test::mentions(ds, "is not in the expected form"));
  for (const auto& d : ds) CHECK(d.message.size() < 200);  // the value is quoted, not copied
}

TEST_CASE("messages quote at most the start of a long value or key", "[schema][hostile]") {
  std::string big(100'000, 'x');
  auto ds = run(kSchema, "Name: abc\nOs: " + big + "\n" + std::string(1000, 'K') + ": 1\n");
  REQUIRE(ds.size() == 2);
  for (const auto& d : ds) {
    CHECK(d.message.size() < 500);
    CHECK(d.message.find("bytes)") != std::string::npos);
  }
}

TEST_CASE("integers beyond 64 bits are out of range, not strings", "[schema][hostile]") {
  auto ds = run(kSchema, "Name: abc\nCount: 1000000000000000000000000000000\n");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].line == 2);
  CHECK(ds[0].col == 8);
  CHECK(test::mentions(ds, "too large a number"));
  CHECK_FALSE(test::mentions(ds, "string"));
  ds = run(kSchema, "Name: abc\nCount: 1.0e+400\n");  // a float: infinity
  REQUIRE(ds.size() == 1);
  CHECK(test::mentions(ds, "expected an integer"));
}

TEST_CASE("closest_match on a huge word is immediate", "[schema][hostile]") {
  // The edit distance against every candidate cost |word| x |candidate| steps each: a
  // 10 MB unknown key in rserver.conf kept `pwpc validate` busy for minutes.
  std::string big(10'000'000, 'k');
  std::vector<std::string> candidates;
  for (int i = 0; i < 200; ++i) candidates.push_back("some-option-name-" + std::to_string(i));
  auto start = std::chrono::steady_clock::now();
  CHECK(schema::closest_match(big, candidates).empty());
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 5.0);
  CHECK(schema::closest_match("some-option-nam-7", candidates) == "some-option-name-7");
}
