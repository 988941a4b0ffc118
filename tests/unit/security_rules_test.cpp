// The "security" rules: IMDSv1, CloudFormation templates (YAML short form and JSON),
// database.conf credentials.
#include <catch2/catch.hpp>

#include "rule_test_support.hpp"

using namespace pwpc;
using namespace pwpc::test;

namespace {

std::string cfn_good() { return fixture("SEC-OPEN-INGRESS/good.yaml"); }
Findings check_cfn(const std::string& text, const std::string& path = "stack.yaml") {
  return check({source(path, text)});
}

}  // namespace

TEST_CASE("the reference template passes every security rule", "[security]") {
  CHECK(check_cfn(cfn_good()).all.empty());
}

TEST_CASE("SEC-IMDSV1 on cluster and image configs", "[security]") {
  std::string cluster = fixture("ARCH-CUSTOM-AMI/good.yaml");
  auto d = check({source("c.yaml", cluster + "Imds:\n  ImdsSupport: v1.0\n")}).one("SEC-IMDSV1");
  CHECK(d.severity == Severity::Error);
  CHECK(d.col == 16);
  CHECK(check({source("c.yaml", cluster + "Imds:\n  ImdsSupport: v2.0\n")}).count("SEC-IMDSV1") == 0);
  std::string image =
      "Build:\n  InstanceType: c6i.xlarge\n  ParentImage: ami-0123456789abcdef0\nImds:\n  ImdsSupport: v1.0\n";
  CHECK(check({source("image.yaml", image)}).count("SEC-IMDSV1") == 1);
}

TEST_CASE("SEC-EFS-ENCRYPTION on new EFS in a cluster config is a warning", "[security]") {
  std::string cluster = fixture("ARCH-CUSTOM-AMI/good.yaml");
  auto d = check({source("c.yaml", edit(cluster, "Encrypted: true", "Encrypted: false"))}, bundle_options())
               .one("SEC-EFS-ENCRYPTION");
  CHECK(d.severity == Severity::Warning);
  CHECK(d.message.find("workbench-config") != std::string::npos);
  // an existing file system keeps whatever it was created with
  std::string existing = edit(cluster, "      Encrypted: true", "      FileSystemId: fs-0123456789abcdef1");
  CHECK(check({source("c.yaml", existing)}).count("SEC-EFS-ENCRYPTION") == 0);
}

TEST_CASE("SEC-OPEN-INGRESS: SSH, Workbench or everything open to the internet", "[security]") {
  const std::string admin = "          CidrIp: !Ref AdminCidr";
  SECTION("port 22 from 0.0.0.0/0") {
    auto d = check_cfn(edit(cfn_good(), admin, "          CidrIp: 0.0.0.0/0")).one("SEC-OPEN-INGRESS");
    CHECK(d.line == 35);
    CHECK(d.col == 19);
    CHECK(d.message.find("port 22 (SSH)") != std::string::npos);
  }
  SECTION("a parameter whose default is the internet") {
    auto d = check_cfn(edit(cfn_good(), "Default: 10.0.0.0/16", "Default: 0.0.0.0/0")).one("SEC-OPEN-INGRESS");
    CHECK(d.message.find("the Default of parameter AdminCidr") != std::string::npos);
  }
  SECTION("a range around 8787, all protocols, IPv6") {
    std::string range = edit(edit(cfn_good(), "FromPort: 443", "FromPort: 8000"), "ToPort: 443", "ToPort: 9000");
    CHECK(check_cfn(range).one("SEC-OPEN-INGRESS").message.find("8787 (Workbench) (range 8000-9000)") !=
          std::string::npos);
    std::string all = edit(cfn_good(), "        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n",
                           "        - IpProtocol: \"-1\"\n");
    CHECK(check_cfn(all).one("SEC-OPEN-INGRESS").message.find("every port") != std::string::npos);
    std::string v6 = edit(edit(cfn_good(), admin, "          CidrIpv6: \"::/0\""), "FromPort: 22", "FromPort: 20");
    CHECK(check_cfn(v6).count("SEC-OPEN-INGRESS") == 1);
  }
  SECTION("standalone ingress resources and JSON templates") {
    std::string json = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Ssh": {
      "Type": "AWS::EC2::SecurityGroupIngress",
      "Properties": {"GroupId": {"Ref": "Sg"}, "IpProtocol": "tcp", "FromPort": "22", "ToPort": "22",
                     "CidrIp": "0.0.0.0/0"}
    }
  }
}
)";
    CHECK(check_cfn(json, "stack.json").count("SEC-OPEN-INGRESS") == 1);
  }
  SECTION("HTTPS to the load balancer is what the internet should see") {
    CHECK(check_cfn(cfn_good()).count("SEC-OPEN-INGRESS") == 0);
  }
}

TEST_CASE("SEC-RDS-ENCRYPTION, SEC-EFS-ENCRYPTION and SEC-RDS-DELETION-PROTECTION", "[security]") {
  auto d = check_cfn(edit(cfn_good(), "      StorageEncrypted: true\n", "")).one("SEC-RDS-ENCRYPTION");
  CHECK(d.line == 40);  // the Properties key of the database
  CHECK(
      check_cfn(edit(cfn_good(), "StorageEncrypted: true", "StorageEncrypted: \"true\"")).count("SEC-RDS-ENCRYPTION") ==
      0);
  // an Aurora instance takes encryption from its cluster
  std::string aurora = edit(edit(cfn_good(), "      StorageEncrypted: true\n", ""), "      DeletionProtection: true\n",
                            "      DBClusterIdentifier: !Ref Cluster\n");
  auto r = check_cfn(aurora);
  CHECK(r.count("SEC-RDS-ENCRYPTION") == 0);
  CHECK(r.count("SEC-RDS-DELETION-PROTECTION") == 0);
  CHECK(r.count("SEC-STATEFUL-RETAIN") == 0);

  // Properties chosen by a condition cannot be judged offline
  std::string conditional =
      edit(cfn_good(), "    Properties:\n      Engine: postgres",
           "    Properties: !If [Prod, {Engine: postgres}, {Engine: mysql}]\n    Unused:\n      Engine: postgres");
  CHECK(check_cfn(conditional).count("SEC-RDS-ENCRYPTION") == 0);

  d = check_cfn(edit(cfn_good(), "      Encrypted: true\n", "")).one("SEC-EFS-ENCRYPTION");
  CHECK(d.severity == Severity::Error);

  d = check_cfn(edit(cfn_good(), "DeletionProtection: true", "DeletionProtection: false"))
          .one("SEC-RDS-DELETION-PROTECTION");
  CHECK(d.severity == Severity::Warning);
  CHECK(d.line == 47);
}

TEST_CASE("SEC-STATEFUL-RETAIN: explicit Retain, Snapshot only for RDS", "[security]") {
  std::string efs_snapshot = edit(cfn_good(), "    Type: AWS::EFS::FileSystem\n    DeletionPolicy: Retain",
                                  "    Type: AWS::EFS::FileSystem\n    DeletionPolicy: Snapshot");
  auto d = check_cfn(efs_snapshot).one("SEC-STATEFUL-RETAIN");
  CHECK(d.message.find("does not support Snapshot") != std::string::npos);
  std::string fsx_none =
      edit(cfn_good(), "    Type: AWS::FSx::FileSystem\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n",
           "    Type: AWS::FSx::FileSystem\n");
  auto r = check_cfn(fsx_none);
  REQUIRE(r.count("SEC-STATEFUL-RETAIN") == 2);
  CHECK(r.of("SEC-STATEFUL-RETAIN")[0].line == 54);  // the logical id HomeFileSystem
  std::string rds_delete = edit(cfn_good(), "DeletionPolicy: Snapshot", "DeletionPolicy: Delete");
  CHECK(check_cfn(rds_delete).one("SEC-STATEFUL-RETAIN").message.find("DeletionPolicy: Delete deletes the data") !=
        std::string::npos);
}

TEST_CASE("SEC-PLAINTEXT-PASSWORD: literals, visible parameters, defaults", "[security]") {
  const std::string secret = "MasterUserPassword: \"{{resolve:secretsmanager:workbench-db:SecretString:password}}\"";
  auto d = check_cfn(edit(cfn_good(), secret, "MasterUserPassword: hunter2-fixture")).one("SEC-PLAINTEXT-PASSWORD");
  CHECK(d.line == 45);
  CHECK(d.message.find("WorkbenchDatabase/MasterUserPassword") != std::string::npos);

  std::string param =
      edit(cfn_good(), "Parameters:\n", "Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n");
  CHECK(check_cfn(edit(param, secret, "MasterUserPassword: !Ref DbPassword")).count("SEC-PLAINTEXT-PASSWORD") == 0);
  std::string visible = edit(param, "    NoEcho: true\n", "");
  CHECK(check_cfn(edit(visible, secret, "MasterUserPassword: !Ref DbPassword"))
            .one("SEC-PLAINTEXT-PASSWORD")
            .message.find("not NoEcho") != std::string::npos);
  std::string with_default = edit(param, "    NoEcho: true\n", "    NoEcho: true\n    Default: fixture-default\n");
  CHECK(check_cfn(with_default).one("SEC-PLAINTEXT-PASSWORD").message.find("has a Default") != std::string::npos);

  CHECK(check_cfn(edit(cfn_good(), secret, "MasterUserPassword: !Sub '{{resolve:ssm-secure:/wb/${AWS::Region}/db}}'"))
            .count("SEC-PLAINTEXT-PASSWORD") == 0);
  CHECK(check_cfn(edit(cfn_good(), secret, "ManageMasterUserPassword: true")).count("SEC-PLAINTEXT-PASSWORD") == 0);
  CHECK(check_cfn(edit(cfn_good(), secret, "MasterUserPassword: !Join ['', [not, so, secret]]"))
            .count("SEC-PLAINTEXT-PASSWORD") == 1);
  CHECK(check_cfn(fixture("SEC-PLAINTEXT-PASSWORD/bad.json"), "stack.json").count("SEC-PLAINTEXT-PASSWORD") == 1);
}

TEST_CASE("SEC-DATABASE-PASSWORD and SEC-DATABASE-CONF-MODE on database.conf", "[security]") {
  std::string conf = fixture("WB-DATABASE-PROVIDER/good/database.conf");
  auto single = check({source("database.conf", conf + "password=fixture-not-a-secret\n")}).one("SEC-DATABASE-PASSWORD");
  CHECK(single.severity == Severity::Warning);
  CHECK(single.line == 6);
  CHECK(single.col == 10);
  auto in_bundle = check({source("database.conf", conf + "password=fixture-not-a-secret\n")}, bundle_options());
  CHECK(in_bundle.one("SEC-DATABASE-PASSWORD").severity == Severity::Error);
  CHECK(check({source("database.conf", "provider=postgresql\nconnection-uri=postgresql://wb:pw@db:5432/wb\n")})
            .count("SEC-DATABASE-PASSWORD") == 1);
  CHECK(check({source("database.conf", "provider=postgresql\nconnection-uri=postgresql://wb@db:5432/wb\n")})
            .count("SEC-DATABASE-PASSWORD") == 0);

  auto mode = check({source("database.conf", conf, 0640)}, bundle_options()).one("SEC-DATABASE-CONF-MODE");
  CHECK(mode.message.find("0640") != std::string::npos);
  CHECK(mode.message.find("group") != std::string::npos);
  CHECK(check({source("database.conf", conf, 0600)}, bundle_options()).count("SEC-DATABASE-CONF-MODE") == 0);
  CHECK(check({source("database.conf", conf, 0644)}).count("SEC-DATABASE-CONF-MODE") == 0);  // not a bundle
}
