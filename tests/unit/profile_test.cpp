#include <catch2/catch.hpp>

#include "pwpc/profile.hpp"
#include "test_support.hpp"

using namespace pwpc;
using pwpc::test::input_errors;
using pwpc::test::mentions;

namespace {
Profile parse(const std::string& yaml) { return parse_profile(doc::parse_yaml("p.yaml", yaml)); }
const char* kMinimal =
    "apiVersion: pwpc/v1\n"
    "cluster: {name: ds, region: eu-west-1}\n"
    "users: {concurrent: 40}\n"
    "workloads:\n"
    "  - {name: interactive, share: 1, cpus: 2, memory_gib: 8}\n";
}  // namespace

TEST_CASE("a minimal profile gets the documented defaults", "[profile]") {
  Profile p = parse(kMinimal);
  CHECK(p.cluster.name == "ds");
  CHECK(p.cluster.region == "eu-west-1");
  CHECK(p.cluster.parallelcluster_version == Version{3, 14, 0});
  CHECK(p.users.concurrent == 40);
  CHECK(p.users.named == 40);  // defaults to concurrent
  CHECK(p.users.sessions_per_user == 2.0);
  CHECK(p.storage.home_deployment_type == "PERSISTENT_2");
  REQUIRE(p.workloads.size() == 1);
  CHECK(p.workloads[0].gpus == 0);
  CHECK(p.workloads[0].mark.line == 5);
  CHECK(p.network.subnet_id.empty());  // unknown before the infrastructure exists
}

TEST_CASE("the starter profile and every example load", "[profile]") {
  Profile starter = parse_profile(doc::parse_yaml("starter.yaml", starter_profile()));
  CHECK(starter.users.concurrent > 0);
  for (const char* ex :
       {"team-15", "team-250", "team-500", "team-1000", "team-2500", "team-gpu", "team-above-tested"}) {
    INFO(ex);
    Profile p = load_profile(pwpc::test::source_path(std::string("examples/") + ex + ".yaml"));
    CHECK_FALSE(p.workloads.empty());
  }
}

TEST_CASE("all problems are reported together", "[profile]") {
  auto ds = input_errors([] {
    parse("apiVersion: pwpc/v1\ncluster: {name: 9lives, region: moon}\nusers: {concurrent: 0}\nworkloads: []\n");
  });
  CHECK(ds.size() >= 4);
  CHECK(mentions(ds, "cluster/name"));
  CHECK(mentions(ds, "cluster/region"));
  CHECK(mentions(ds, "below the minimum 1"));
  CHECK(mentions(ds, "at least 1 item"));
}

TEST_CASE("cross-field rules: shares, named users, duplicate workloads, throughput", "[profile]") {
  std::string y = std::string(kMinimal) + "  - {name: interactive, share: 0.5, cpus: 1, memory_gib: 1}\n";
  auto ds = input_errors([&] { parse(y); });
  CHECK(mentions(ds, "used twice"));
  CHECK(mentions(ds, "sum to 1.5"));
  ds = input_errors([] {
    parse(std::string(kMinimal) + "storage: {home_deployment_type: SCRATCH_2, home_throughput_per_tib: 125}\n");
  });
  CHECK(mentions(ds, "does not exist for SCRATCH_2"));
  ds = input_errors([] {
    parse(
        "apiVersion: pwpc/v1\ncluster: {name: ds, region: eu-west-1}\nusers: {concurrent: 40, named: 10}\n"
        "workloads:\n  - {name: default, share: 1, cpus: 2, memory_gib: 8}\n");
  });
  CHECK(mentions(ds, "fewer than 40 concurrent"));
  CHECK(mentions(ds, "'default' cannot be a workload name"));
}

TEST_CASE("shares within 0.001 of 1 are accepted", "[profile]") {
  CHECK_NOTHROW(parse(
      "apiVersion: pwpc/v1\ncluster: {name: ds, region: eu-west-1}\nusers: {concurrent: 40}\nworkloads:\n"
      "  - {name: a, share: 0.3333, cpus: 1, memory_gib: 1}\n  - {name: b, share: 0.3333, cpus: 1, memory_gib: 1}\n"
      "  - {name: c, share: 0.3333, cpus: 1, memory_gib: 1}\n"));
}

TEST_CASE("quoted numbers are not numbers in a profile", "[profile]") {
  auto ds = input_errors([] {
    parse(
        "apiVersion: pwpc/v1\ncluster: {name: ds, region: eu-west-1}\nusers: {concurrent: '40'}\nworkloads:\n"
        "  - {name: a, share: 1, cpus: 1, memory_gib: 1}\n");
  });
  CHECK(mentions(ds, "expected an integer, got the string '40'"));
}
