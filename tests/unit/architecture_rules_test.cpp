// The "architecture" rules on a ParallelCluster cluster config.
#include <catch2/catch.hpp>

#include "rule_test_support.hpp"

using namespace pwpc;
using namespace pwpc::test;

namespace {

// A cluster config that follows the reference architecture (a fixture's good file).
std::string good_cluster() { return fixture("ARCH-CUSTOM-AMI/good.yaml"); }

Findings check_cluster(const std::string& text, const ValidateOptions& o = {}) {
  return check({source("cluster-config.yaml", text)}, o);
}

}  // namespace

TEST_CASE("a cluster that follows the reference architecture has no findings at all", "[architecture]") {
  auto r = check_cluster(good_cluster(), bundle_options());
  CHECK(r.all.empty());
}

TEST_CASE("architecture findings are errors in a bundle and warnings on a single file", "[architecture]") {
  std::string text = edit(good_cluster(), "  CustomAmi: ami-0123456789abcdef0\n", "");
  CHECK(check_cluster(text).one("ARCH-CUSTOM-AMI").severity == Severity::Warning);
  CHECK(check_cluster(text, bundle_options()).one("ARCH-CUSTOM-AMI").severity == Severity::Error);
}

TEST_CASE("ARCH-PC-VERSION checks the target version only when it is given", "[architecture]") {
  ValidateOptions o;
  CHECK(check_cluster(good_cluster(), o).count("ARCH-PC-VERSION") == 0);
  o.parallelcluster_version = Version{3, 8, 0};
  CHECK(check_cluster(good_cluster(), o).count("ARCH-PC-VERSION") == 0);
  o.parallelcluster_version = Version{3, 7, 2};
  auto d = check_cluster(good_cluster(), o).one("ARCH-PC-VERSION");
  CHECK(d.message.find("3.7.2") != std::string::npos);
  CHECK(d.message.find("3.8.0") != std::string::npos);
  CHECK(d.line == 2);  // the config's first key (line 1 is a comment)
}

TEST_CASE("ARCH-LOGIN-NODES wants two login nodes, more for the tested session counts", "[architecture]") {
  SECTION("one login node is reported at its Count") {
    auto d = check_cluster(edit(good_cluster(), "      Count: 2", "      Count: 1")).one("ARCH-LOGIN-NODES");
    CHECK(d.line == 17);
    CHECK(d.col == 14);
    CHECK(d.message.find("1 login node in total") != std::string::npos);
  }
  SECTION("no LoginNodes section is reported at the document") {
    std::string text = good_cluster();
    auto from = text.find("LoginNodes:");
    auto to = text.find("Scheduling:");
    text.erase(from, to - from);
    auto d = check_cluster(text).one("ARCH-LOGIN-NODES");
    CHECK(d.line == 2);
    CHECK(d.message.find("no LoginNodes") != std::string::npos);
  }
  SECTION("the peak sessions raise the requirement to the tested table") {
    ValidateOptions o;
    o.sessions = 1000;
    auto d = check_cluster(good_cluster(), o).one("ARCH-LOGIN-NODES");
    CHECK(d.message.find("needs 4 for 1000 peak sessions") != std::string::npos);
    CHECK(check_cluster(edit(good_cluster(), "      Count: 2", "      Count: 4"), o).count("ARCH-LOGIN-NODES") == 0);
    o.sessions = 400;  // the first tested row: 2 login nodes
    CHECK(check_cluster(good_cluster(), o).count("ARCH-LOGIN-NODES") == 0);
    o.sessions = 2001;
    CHECK(check_cluster(edit(good_cluster(), "      Count: 2", "      Count: 5"), o).count("ARCH-LOGIN-NODES") == 1);
  }
  SECTION("several pools add up") {
    std::string pool2 =
        "    - Name: workbench-b\n      InstanceType: t2.xlarge\n      Count: 1\n      Networking:\n"
        "        SubnetIds:\n          - subnet-0123456789abcdef0\n";
    std::string text = edit(good_cluster(), "      Count: 2", "      Count: 1");
    text = edit(text, "Scheduling:", pool2 + "Scheduling:");
    CHECK(check_cluster(text).count("ARCH-LOGIN-NODES") == 0);
  }
}

TEST_CASE("ARCH-SLURM-ACCOUNTING and ARCH-SLURM-SCHEDULER", "[architecture]") {
  std::string text = good_cluster();
  auto from = text.find("  SlurmSettings:");
  auto to = text.find("  SlurmQueues:");
  std::string no_db = text.substr(0, from) + text.substr(to);
  auto d = check_cluster(no_db).one("ARCH-SLURM-ACCOUNTING");
  CHECK(d.line == 21);  // the Scheduling key: there is no SlurmSettings to point at
  CHECK(d.col == 1);

  std::string external =
      edit(good_cluster(), "    Database:\n", "    ExternalSlurmdbd:\n      Host: slurmdbd.example.com\n    Unused:\n");
  CHECK(check_cluster(external).count("ARCH-SLURM-ACCOUNTING") == 0);

  auto r = check_cluster(edit(no_db, "Scheduler: slurm", "Scheduler: awsbatch"));
  CHECK(r.one("ARCH-SLURM-SCHEDULER").message.find("awsbatch") != std::string::npos);
  CHECK(r.count("ARCH-SLURM-ACCOUNTING") == 0);  // a Slurm setting means nothing without Slurm
}

TEST_CASE("ARCH-HEADNODE-EFS points at the value, or at HeadNode when the key is missing", "[architecture]") {
  auto d =
      check_cluster(edit(good_cluster(), "SharedStorageType: Efs", "SharedStorageType: Ebs")).one("ARCH-HEADNODE-EFS");
  CHECK(d.line == 8);
  CHECK(d.col == 22);
  d = check_cluster(edit(good_cluster(), "  SharedStorageType: Efs\n", "")).one("ARCH-HEADNODE-EFS");
  CHECK(d.line == 6);
  CHECK(d.message.find("default Ebs") != std::string::npos);
}

TEST_CASE("ARCH-CONFIG-EFS wants an EFS at /opt/rstudio", "[architecture]") {
  CHECK(check_cluster(edit(good_cluster(), "MountDir: /opt/rstudio", "MountDir: /opt/rstudio/"))
            .count("ARCH-CONFIG-EFS") == 0);
  auto d =
      check_cluster(edit(good_cluster(), "MountDir: /opt/rstudio", "MountDir: /opt/workbench")).one("ARCH-CONFIG-EFS");
  CHECK(d.message.find("no EFS") != std::string::npos);
  std::string fsx = edit(good_cluster(), "MountDir: /home", "MountDir: /opt/rstudio");
  fsx = edit(fsx, "MountDir: /opt/rstudio\n    EfsSettings", "MountDir: /efs\n    EfsSettings");
  d = check_cluster(fsx).one("ARCH-CONFIG-EFS");
  CHECK(d.message.find("FsxLustre") != std::string::npos);
}

TEST_CASE("ARCH-HOME-FSX: Lustre expected, EFS and OpenZFS only warned about", "[architecture]") {
  std::string efs =
      edit(good_cluster(),
           "StorageType: FsxLustre\n    MountDir: /home\n    FsxLustreSettings:\n"
           "      FileSystemId: fs-0123456789abcdef0",
           "StorageType: Efs\n    MountDir: /home\n    EfsSettings:\n      FileSystemId: fs-0123456789abcdef1");
  auto d = check_cluster(efs, bundle_options()).one("ARCH-HOME-FSX");
  CHECK(d.severity == Severity::Warning);  // even in a bundle: "not recommended"
  CHECK(d.message.find("not recommended") != std::string::npos);

  std::string zfs = edit(good_cluster(), "StorageType: FsxLustre", "StorageType: FsxOpenZfs");
  CHECK(check_cluster(zfs, bundle_options()).one("ARCH-HOME-FSX").severity == Severity::Warning);

  std::string none = edit(good_cluster(), "MountDir: /home", "MountDir: /data");
  d = check_cluster(none, bundle_options()).one("ARCH-HOME-FSX");
  CHECK(d.severity == Severity::Error);
  CHECK(d.message.find("no shared storage is mounted at /home") != std::string::npos);
}

TEST_CASE("ARCH-DIRECTORY-SERVICE and ARCH-CUSTOM-AMI", "[architecture]") {
  std::string text = good_cluster();
  text.erase(text.find("DirectoryService:"));
  CHECK(check_cluster(text).count("ARCH-DIRECTORY-SERVICE") == 1);
  auto d = check_cluster(edit(good_cluster(), "  CustomAmi: ami-0123456789abcdef0\n", "")).one("ARCH-CUSTOM-AMI");
  CHECK(d.line == 3);  // the Image key
}

TEST_CASE("architecture rules say nothing about other files or a config that is no mapping", "[architecture]") {
  auto list = source("cluster-config.yaml", "- just\n- a list\n");
  list.kind = FileKind::ClusterConfig;
  auto r = check({list});
  CHECK(r.all.size() >= 1);  // PC-SCHEMA says what is wrong
  CHECK(r.count_prefix("ARCH-") == 0);
  CHECK(check({source("x/rserver.conf", "www-port=8787\n")}).count_prefix("ARCH-") == 0);
}
