// The ParallelCluster validator rules (src/validate/rules/parallelcluster_*.cpp): what a
// user sees for the traps ParallelCluster sets (defaults applied before checks, boundaries,
// version differences), and that no tree the schema rejects can make a rule throw.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pwpc/validate.hpp"
#include "test_support.hpp"

namespace {

using namespace pwpc;

struct Run {
  Diagnostics ds;

  std::vector<Diagnostic> of(const std::string& rule) const {
    std::vector<Diagnostic> out;
    for (const auto& d : ds) {
      if (d.rule == rule) out.push_back(d);
    }
    return out;
  }
  std::size_t errors(const std::string& rule) const {
    std::size_t n = 0;
    for (const auto& d : of(rule)) n += d.severity == Severity::Error;
    return n;
  }
  bool says(const std::string& rule, const std::string& text) const {
    for (const auto& d : of(rule)) {
      if (d.message.find(text) != std::string::npos || d.hint.find(text) != std::string::npos) return true;
    }
    return false;
  }
};

struct Opts {
  Opts(std::string v = "", std::string name = "", std::string r = "", FileKind k = FileKind::ClusterConfig)
      : version(std::move(v)), cluster_name(std::move(name)), region(std::move(r)), kind(k) {}
  std::string version;
  std::string cluster_name;
  std::string region;
  FileKind kind;
};

Run validate(const std::string& yaml, const Opts& o = {}) {
  SourceFile f;
  f.path = "cluster.yaml";
  f.text = yaml;
  f.kind = o.kind;
  ValidateOptions vo;
  if (!o.version.empty()) vo.parallelcluster_version = Version::parse(o.version);
  vo.cluster_name = o.cluster_name;
  vo.region = o.region;
  return Run{validate_files({f}, vo)};
}

const std::string kHead = R"(Image:
  Os: alinux2023
HeadNode:
  InstanceType: m6i.xlarge
  Networking:
    SubnetId: subnet-0123456789abcdef0
  Ssh:
    KeyName: admin
)";

// A Slurm cluster with one queue; `cr` is the compute resource body (indented 8), `extra`
// goes at the top level, `queue_extra` into the queue (indented 4).
std::string slurm(const std::string& cr = "        InstanceType: c6i.large\n", const std::string& extra = "",
                  const std::string& queue_extra = "", const std::string& settings = "") {
  return kHead + extra + "Scheduling:\n  Scheduler: slurm\n" + settings +
         "  SlurmQueues:\n"
         "  - Name: q1\n"
         "    Networking:\n"
         "      SubnetIds: [subnet-0123456789abcdef0]\n" +
         queue_extra +
         "    ComputeResources:\n"
         "      - Name: cr1\n" +
         cr;
}

std::string with_storage(const std::string& storage) {
  return slurm("        InstanceType: c6i.large\n", "SharedStorage:\n" + storage);
}

}  // namespace

TEST_CASE("a valid Slurm cluster has no ParallelCluster findings", "[parallelcluster]") {
  auto r = validate(slurm(), {"3.12.0", "oracle-cluster", "us-east-1"});
  for (const auto& d : r.ds) {
    CAPTURE(d.rule, d.message);
    CHECK(!d.rule.starts_with("PC-"));
  }
}

TEST_CASE("PC-NAME: upstream's compute_resource1 is refused where the name is", "[parallelcluster]") {
  auto r = validate(slurm("        InstanceType: c6i.large\n").replace(slurm().find("cr1"), 3, "compute_resource1"));
  auto ds = r.of("PC-NAME");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].severity == Severity::Error);
  CHECK(ds[0].line == 16);
  CHECK(ds[0].col == 15);
  CHECK(ds[0].path == "Scheduling/SlurmQueues[0]/ComputeResources[0]/Name");
  CHECK(ds[0].hint.find("'compute-resource1'") != std::string::npos);
}

TEST_CASE("PC-NAME: length 25, 'default' and 'default-queue'", "[parallelcluster]") {
  auto named = [](const std::string& n) {
    std::string y = slurm();
    y.replace(y.find("Name: q1"), 8, "Name: " + n);
    return validate(y);
  };
  CHECK(named(std::string(25, 'a')).errors("PC-NAME") == 0);
  CHECK(named(std::string(26, 'a')).says("PC-NAME", "at most 25"));
  CHECK(named("default").says("PC-NAME", "'default' is forbidden"));
  CHECK(named("default-queue").errors("PC-NAME") == 0);
  CHECK(named("Interactive").errors("PC-NAME") == 1);
}

TEST_CASE("PC-CLUSTER-NAME: 60 characters, 40 with Slurm accounting, skipped without --cluster-name",
          "[parallelcluster]") {
  const std::string db =
      "  SlurmSettings:\n    Database:\n      Uri: db.example.internal:3306\n      UserName: slurm\n"
      "      PasswordSecretArn: arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\n";
  const std::string name41 = "a" + std::string(40, 'b');
  CHECK(validate(slurm(), {"", name41}).errors("PC-CLUSTER-NAME") == 0);
  CHECK(validate(slurm("        InstanceType: c6i.large\n", "", "", db), {"", name41})
            .says("PC-CLUSTER-NAME", "40 characters"));
  CHECK(validate(slurm("        InstanceType: c6i.large\n", "", "", db), {"", name41.substr(0, 40)})
            .errors("PC-CLUSTER-NAME") == 0);
  CHECK(validate(slurm(), {"", "a" + std::string(60, 'b')}).errors("PC-CLUSTER-NAME") == 1);
  CHECK(validate(slurm(), {"", "1cluster"}).errors("PC-CLUSTER-NAME") == 1);
  CHECK(validate(slurm(), {"", "my_cluster"}).errors("PC-CLUSTER-NAME") == 1);
  CHECK(validate(slurm("        InstanceType: c6i.large\n", "", "", db)).of("PC-CLUSTER-NAME").empty());
}

TEST_CASE("PC-EBS-VOLUME applies ParallelCluster's defaults before checking", "[parallelcluster]") {
  auto ebs = [](const std::string& settings, const std::string& version = "3.12.0") {
    return validate(
        with_storage("  - Name: data\n    MountDir: /data\n    StorageType: Ebs\n    EbsSettings:\n" + settings),
        {version});
  };
  // st1/sc1 without Size get the default size, below their 500 GiB minimum.
  auto st1 = ebs("      VolumeType: st1\n");
  CHECK(st1.says("PC-EBS-VOLUME", "at least 500 GiB, Size is 35 GiB (the default)"));
  CHECK(ebs("      VolumeType: st1\n", "3.14.0").says("PC-EBS-VOLUME", "Size is 40 GiB (the default)"));
  CHECK(ebs("      VolumeType: st1\n      Size: 500\n").errors("PC-EBS-VOLUME") == 0);
  // gp3's default 3000 IOPS need 6 GiB at 500 IOPS/GiB.
  CHECK(ebs("      VolumeType: gp3\n      Size: 5\n").says("PC-EBS-VOLUME", "ratio"));
  CHECK(ebs("      VolumeType: gp3\n      Size: 6\n").errors("PC-EBS-VOLUME") == 0);
  // The ratio check is strict: 750 IOPS on 15 GiB io1 is exactly 50 per GiB.
  CHECK(ebs("      VolumeType: io1\n      Size: 15\n      Iops: 750\n").errors("PC-EBS-VOLUME") == 0);
  CHECK(ebs("      VolumeType: io1\n      Size: 15\n      Iops: 751\n").errors("PC-EBS-VOLUME") == 1);
  // Any Iops on a type without provisioned IOPS.
  CHECK(ebs("      VolumeType: gp2\n      Iops: 100\n").says("PC-EBS-VOLUME", "not supported for gp2"));
  CHECK(ebs("      VolumeType: gp3\n      Throughput: 1001\n      Iops: 16000\n")
            .says("PC-EBS-VOLUME", "between 125 MB/s and 1000 MB/s"));
  CHECK(ebs("      VolumeType: gp3\n      Throughput: 1000\n").says("PC-EBS-VOLUME", "Throughput to IOPS ratio"));
  // A root volume without Size takes the AMI's size: no size or ratio check offline.
  auto root = validate(kHead.substr(0, kHead.find("  Ssh:")) +
                           "  LocalStorage:\n    RootVolume:\n      VolumeType: io1\n      Iops: 5000\n" +
                           slurm().substr(kHead.size()),
                       {"3.12.0"});
  CHECK(root.errors("PC-EBS-VOLUME") == 0);
}

TEST_CASE("PC-DATABASE-URI: host:port is fine, a scheme is not, a missing port is a note", "[parallelcluster]") {
  auto uri = [](const std::string& u) {
    return validate(slurm("        InstanceType: c6i.large\n", "", "",
                          "  SlurmSettings:\n    Database:\n      Uri: " + u +
                              "\n      UserName: slurm\n"
                              "      PasswordSecretArn: arn:aws:secretsmanager:us-east-1:1:secret:db\n"),
                    {"3.12.0", "", "us-east-1"});
  };
  CHECK(uri("test.example.com:3306").of("PC-DATABASE-URI").empty());
  auto no_port = uri("test.example.com").of("PC-DATABASE-URI");
  REQUIRE(no_port.size() == 1);
  CHECK(no_port[0].severity == Severity::Info);
  CHECK(uri("mysql://test.example.com:3306").says("PC-DATABASE-URI", "scheme"));
  CHECK(uri("/test.example.com:3306").says("PC-DATABASE-URI", "leading '/'"));
  CHECK(uri("test.example.com:99999").says("PC-DATABASE-URI", "port"));
  CHECK(uri("test.example.com:33a").errors("PC-DATABASE-URI") == 1);
}

TEST_CASE("PC-SECRET-ARN ignores the ARN's own region, refuses SSM outside us-isob-east-1", "[parallelcluster]") {
  const std::string ds_base =
      "DirectoryService:\n  DomainName: corp.example.com\n  DomainAddr: ldaps://corp.example.com\n"
      "  DomainReadOnlyUser: cn=ro,dc=corp,dc=example,dc=com\n  PasswordSecretArn: ";
  auto ds = [&](const std::string& arn, const std::string& region) {
    return validate(slurm("        InstanceType: c6i.large\n", ds_base + arn + "\n"), {"3.12.0", "", region});
  };
  CHECK(ds("arn:aws:secretsmanager:eu-west-1:123456789:secret:pw", "us-east-1").errors("PC-SECRET-ARN") == 0);
  CHECK(ds("arn:aws:ssm:eu-west-1:123456789:parameter/a-parameter-name", "us-east-1").errors("PC-SECRET-ARN") == 1);
  CHECK(ds("arn:aws:ssm:us-isob-east-1:123456789:parameter/p", "us-isob-east-1").errors("PC-SECRET-ARN") == 0);
}

TEST_CASE("PC-LOGIN-POOLS follows the target version", "[parallelcluster]") {
  std::string pools = "LoginNodes:\n  Pools:\n";
  for (int i = 0; i < 2; ++i) {
    pools +=
        "  - Name: login" + std::to_string(i) +
        "\n    InstanceType: m6i.large\n    Count: 1\n    Networking:\n      SubnetIds: [subnet-0123456789abcdef0]\n";
  }
  auto y = slurm("        InstanceType: c6i.large\n", pools);
  CHECK(validate(y, {"3.10.0"}).says("PC-LOGIN-POOLS", "exactly one"));
  CHECK(validate(y, {"3.11.0"}).of("PC-LOGIN-POOLS").empty());
  CHECK(validate(y).of("PC-LOGIN-POOLS").empty());
}

TEST_CASE("PC-CUSTOM-SLURM-SETTINGS: OverSubscribe at queue level, SlurmConf deny list", "[parallelcluster]") {
  auto q = validate(
      slurm("        InstanceType: c6i.large\n", "", "    CustomSlurmSettings:\n      oversubscribe: FORCE:2\n"));
  CHECK(q.errors("PC-CUSTOM-SLURM-SETTINGS") == 1);
  CHECK(q.says("PC-CUSTOM-SLURM-SETTINGS", "#6082"));
  auto conf = [](const std::string& items, const std::string& v = "") {
    return validate(
        slurm("        InstanceType: c6i.large\n", "", "", "  SlurmSettings:\n    CustomSlurmSettings:\n" + items),
        {v});
  };
  CHECK(conf("      - SuspendTime: 60\n").errors("PC-CUSTOM-SLURM-SETTINGS") == 1);
  // Multi-key dicts (node and partition definitions) skip the deny list.
  CHECK(conf("      - NodeSet: ns1\n        Nodes: q1-st-cr1-[1-2]\n").errors("PC-CUSTOM-SLURM-SETTINGS") == 0);
  CHECK(conf("      - NodeName: q1-st-extra-1\n        CPUs: 4\n").says("PC-CUSTOM-SLURM-SETTINGS", "-st-"));
  CHECK(conf("      - CommunicationParameters: NoAddrCache\n", "3.8.0").errors("PC-CUSTOM-SLURM-SETTINGS") == 1);
  CHECK(conf("      - CommunicationParameters: NoAddrCache\n", "3.9.0").errors("PC-CUSTOM-SLURM-SETTINGS") == 0);
}

TEST_CASE("PC-MOUNT-DIR mirrors ParallelCluster; PC-MOUNT-DIR-NESTED is stricter", "[parallelcluster]") {
  auto two = [](const std::string& a, const std::string& b) {
    return validate(
        with_storage("  - Name: one\n    MountDir: " + a + "\n    StorageType: Efs\n  - Name: two\n    MountDir: " + b +
                     "\n    StorageType: Efs\n    EfsSettings:\n      FileSystemId: fs-0123456789abcdef0\n"));
  };
  CHECK(two("/opt", "/data").says("PC-MOUNT-DIR", "reserved"));
  CHECK(two("opt", "/data").says("PC-MOUNT-DIR", "reserved"));
  CHECK(two("/opt/", "/data").errors("PC-MOUNT-DIR") == 0);
  CHECK(two("/data", "/data").says("PC-MOUNT-DIR", "'one' and 'two'"));
  CHECK(two("/home", "/data").errors("PC-MOUNT-DIR") == 0);
  auto nested = two("/home", "/home/shared");
  CHECK(nested.errors("PC-MOUNT-DIR") == 0);
  CHECK(nested.says("PC-MOUNT-DIR-NESTED", "inside '/home'"));
  CHECK(two("/shared", "shared/").says("PC-MOUNT-DIR-NESTED", "same directory"));
  CHECK(two("/data", "/data2").of("PC-MOUNT-DIR-NESTED").empty());
}

TEST_CASE("PC-STORAGE-NAME reproduces the name-as-path overlap check", "[parallelcluster]") {
  auto r =
      validate(with_storage("  - Name: data\n    MountDir: /a\n    StorageType: Efs\n"
                            "  - Name: data/x\n    MountDir: /b\n    StorageType: Efs\n    EfsSettings:\n      "
                            "FileSystemId: fs-0123456789abcdef0\n"));
  CHECK(r.says("PC-STORAGE-NAME", "overlap"));
}

TEST_CASE("PC-IMDS: awsbatch must disable the secured default", "[parallelcluster]") {
  auto batch = [](const std::string& imds) {
    return validate(kHead + imds +
                    "Scheduling:\n  Scheduler: awsbatch\n  AwsBatchQueues:\n  - Name: q1\n    Networking:\n"
                    "      SubnetIds: [subnet-0123456789abcdef0]\n    ComputeResources:\n    - Name: cr1\n"
                    "      InstanceTypes: [optimal]\n");
  };
  CHECK(batch("").says("PC-IMDS", "defaults to true"));
  CHECK(batch("  Imds:\n    Secured: false\n").of("PC-IMDS").empty());
  CHECK(validate(slurm()).of("PC-IMDS").empty());
}

TEST_CASE("PC-EFA: a disabled placement group is only a warning", "[parallelcluster]") {
  auto efa = [](const std::string& placement_group) {
    return validate(kHead +
                    "Scheduling:\n  Scheduler: slurm\n  SlurmQueues:\n  - Name: mpi\n    Networking:\n"
                    "      SubnetIds: [subnet-0123456789abcdef0]\n" +
                    placement_group +
                    "    ComputeResources:\n    - Name: c5n\n      InstanceType: c5n.18xlarge\n"
                    "      Efa:\n        Enabled: true\n");
  };
  auto none = efa("");
  CHECK(none.errors("PC-EFA") == 1);
  CHECK(none.says("PC-EFA", "not explicit"));
  auto disabled = efa("      PlacementGroup:\n        Enabled: false\n").of("PC-EFA");
  REQUIRE(disabled.size() == 1);
  CHECK(disabled[0].severity == Severity::Warning);
  CHECK(efa("      PlacementGroup:\n        Enabled: true\n").of("PC-EFA").empty());
  CHECK(efa("      PlacementGroup:\n        Id: test-pg\n").of("PC-EFA").empty());
}

TEST_CASE("PC-REGION: placeholders, versions and unknown regions", "[parallelcluster]") {
  auto region = [](const std::string& r, const std::string& v = "3.12.0", const std::string& cli = "") {
    return validate(slurm("        InstanceType: c6i.large\n", "Region: " + r + "\n"), {v, "", cli});
  };
  CHECK(region("${REGION}").says("PC-REGION", "${REGION}"));
  CHECK(region("ap-southeast-5", "3.12.0").says("PC-REGION", "since ParallelCluster 3.13.0"));
  CHECK(region("ap-southeast-5", "3.13.0").of("PC-REGION").empty());
  auto unknown = region("ap-south-2").of("PC-REGION");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].severity == Severity::Warning);
  CHECK(region("''", "3.12.0", "us-east-1").of("PC-REGION").empty());
  CHECK(region("''", "3.12.0", "mars-1").errors("PC-REGION") == 1);
}

TEST_CASE("PC-URL: only the form of a script URL is checked", "[parallelcluster]") {
  auto script = [](const std::string& url) {
    std::string y = slurm();
    y.replace(y.find("  Ssh:"), 0, "  CustomActions:\n    OnNodeConfigured:\n      Script: " + url + "\n");
    return validate(y);
  };
  CHECK(script("s3://bucket/").of("PC-URL").empty());
  CHECK(script("s3://invalidbucket/invalidkey").of("PC-URL").empty());
  CHECK(script("https://test.tgz").of("PC-URL").empty());
  CHECK(script("s3://invalid").says("PC-URL", "bucket and a key"));
  CHECK(script("http://example.com/a.sh").errors("PC-URL") == 1);
  CHECK(script("S3://bucket/key").errors("PC-URL") == 1);
}

TEST_CASE("PC-FSX-CAPACITY and PC-FSX-OPTIONS with the default deployment type", "[parallelcluster]") {
  auto lustre = [](const std::string& settings) {
    return validate(with_storage(
        "  - Name: fsx\n    MountDir: /fsx\n    StorageType: FsxLustre\n    FsxLustreSettings:\n" + settings));
  };
  CHECK(lustre("      StorageCapacity: 3600\n").says("PC-FSX-CAPACITY", "the default deployment type"));
  CHECK(lustre("      StorageCapacity: 1200\n").errors("PC-FSX-CAPACITY") == 0);
  CHECK(lustre("      StorageCapacity: 4800\n").errors("PC-FSX-CAPACITY") == 0);
  CHECK(lustre("      BackupId: backup-0123456789abcdef0\n").of("PC-FSX-CAPACITY").empty());
  // AutomaticBackupRetentionDays: 0 counts as unset.
  auto backups = lustre(
      "      StorageCapacity: 1200\n      DeploymentType: PERSISTENT_2\n      PerUnitStorageThroughput: 125\n"
      "      AutomaticBackupRetentionDays: 0\n      DailyAutomaticBackupStartTime: '01:00'\n");
  CHECK(backups.says("PC-FSX-OPTIONS", "DailyAutomaticBackupStartTime"));
  CHECK(lustre("      StorageCapacity: 1200\n      PerUnitStorageThroughput: 200\n").errors("PC-FSX-OPTIONS") >= 1);
}

TEST_CASE("PC-QUEUE-LIMITS: exactly 50 compute resources is allowed", "[parallelcluster]") {
  auto crs = [](int n) {
    std::string body = "        InstanceType: c6i.large\n        MaxCount: 1\n";
    for (int i = 2; i <= n; ++i)
      body += "      - Name: cr" + std::to_string(i) + "\n        InstanceType: c6i.large\n        MaxCount: 1\n";
    return validate(slurm(body));
  };
  CHECK(crs(50).of("PC-QUEUE-LIMITS").empty());
  CHECK(crs(51).errors("PC-QUEUE-LIMITS") == 2);  // per queue and per cluster
}

TEST_CASE("PC-MIN-MAX-COUNT uses the defaults MinCount 0, MaxCount 10", "[parallelcluster]") {
  CHECK(validate(slurm("        InstanceType: c6i.large\n        MinCount: 11\n"))
            .says("PC-MIN-MAX-COUNT", "the default"));
  CHECK(validate(slurm("        InstanceType: c6i.large\n        MinCount: 10\n")).of("PC-MIN-MAX-COUNT").empty());
  CHECK(validate(slurm("        InstanceType: c6i.large\n        MinCount: 0\n        MaxCount: 2\n", "",
                       "    CapacityType: CAPACITY_BLOCK\n"))
            .errors("PC-MIN-MAX-COUNT") == 2);
}

TEST_CASE("no rule throws on trees the schema rejects", "[parallelcluster]") {
  const std::vector<std::string> docs = {
      R"(Scheduling: slurm
HeadNode: 3
SharedStorage: x
LoginNodes: []
Region: [a]
)",
      R"(Scheduling:
  Scheduler: [slurm]
  SlurmQueues: {a: 1}
  SlurmSettings: []
)",
      R"(Scheduling:
  Scheduler: slurm
  SlurmQueues:
  - 1
  - null
  - Name: [x]
    ComputeResources:
    - 1
    - null
    - {Name: {}, MinCount: abc, MaxCount: [], Efa: 3, Networking: {PlacementGroup: []}, CustomSlurmSettings: [1], Tags: {a: b}}
    Networking: {SubnetIds: {a: b}, PlacementGroup: 1}
    CustomSlurmSettings: x
    CustomActions: {OnNodeStart: []}
)",
      R"(SharedStorage:
- 1
- {Name: null, MountDir: {}, StorageType: Ebs, EbsSettings: [1]}
- Name: x
  MountDir: ''
  StorageType: FsxLustre
  FsxLustreSettings: {StorageCapacity: big, DataRepositoryAssociations: {a: 1}, FileSystemId: [], DeploymentType: 7}
- {StorageType: Efs, EfsSettings: {FileSystemId: {}, AccessPointId: []}}
)",
      R"(Scheduling:
  Scheduler: slurm
  SlurmSettings:
    Database: {Uri: ':::', PasswordSecretArn: 'a:b'}
    CustomSlurmSettings: [x, [1], {}, {NodeName: [1]}]
    ExternalSlurmdbd: 1
    MungeKeySecretArn: ':'
DirectoryService: {DomainAddr: [], AdditionalSssdConfigs: [], DomainName: ''}
Tags: [1, {Key: []}]
)",
      R"(Scheduling:
  Scheduler: awsbatch
  AwsBatchQueues: [{ComputeResources: [{MinvCpus: x, MaxvCpus: -1}]}]
HeadNode: {Imds: {Secured: maybe}, CustomActions: {OnNodeUpdated: {Sequence: 3}}}
)",       "- a list\n- as root\n", "just a scalar\n", "",
  };
  for (const auto& y : docs) {
    CAPTURE(y);
    Run r;
    REQUIRE_NOTHROW(r = validate(y, {"3.8.0", "c", "us-east-1"}));
    REQUIRE_NOTHROW(r = validate(y, {"", "c", ""}));
    REQUIRE_NOTHROW(r = validate(y, {"3.12.0", "", "", FileKind::ImageConfig}));
  }
}

TEST_CASE("every ParallelCluster rule explains itself", "[parallelcluster]") {
  std::size_t n = 0;
  for (const auto& r : all_rules()) {
    if (!r.id.starts_with("PC-")) continue;
    ++n;
    CAPTURE(r.id);
    CHECK(r.family == "parallelcluster");
    CHECK(!r.summary.empty());
    CHECK(r.rationale.size() > 40);
    CHECK((r.source.starts_with("https://") || r.source.starts_with("docs/")));
  }
  CHECK(n >= 40);
}
