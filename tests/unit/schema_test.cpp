#include <catch2/catch.hpp>

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
