// CFN-PROPERTIES: property names, required properties, value kinds and documented values of
// CloudFormation resources, in YAML (short-form tags) and JSON (long-form intrinsics).
#include <catch2/catch.hpp>

#include <functional>
#include <regex>
#include <set>

#include "pwpc/resources.hpp"
#include "rule_test_support.hpp"
#include "validate/rules/cloudformation_properties.hpp"
#include "validate/rules/cloudformation_spec.hpp"

using namespace pwpc;
using namespace pwpc::test;

namespace {

const char* kRule = "CFN-PROPERTIES";

std::string good() { return fixture("CFN-PROPERTIES/good.yaml"); }

Findings check_cfn(const std::string& text, const std::string& path = "stack.yaml") {
  SourceFile f = source(path, text);
  f.kind = FileKind::CloudFormation;
  return check({f});
}

// A template with one resource of `type` whose Properties are `props` (indented 6).
std::string one(const std::string& type, const std::string& props) {
  return "Resources:\n  R:\n    Type: " + type + "\n    Properties:\n" + props;
}

std::string sg_rule(const std::string& rule_lines) {
  return one("AWS::EC2::SecurityGroup",
             "      GroupDescription: rule test\n      SecurityGroupIngress:\n" + rule_lines);
}

}  // namespace

TEST_CASE("CFN-PROPERTIES: a correct template passes", "[cloudformation]") {
  auto f = check_cfn(good());
  CHECK(f.count(kRule) == 0);
  CHECK(f.count_prefix("CFN-") == 0);
}

TEST_CASE("CFN-PROPERTIES: the bundled specification", "[cloudformation]") {
  const auto& spec = rules::cfn_spec::spec();
  CHECK(spec.version().empty() == false);
  CHECK(spec.resource("AWS::EC2::SecurityGroup") != nullptr);
  CHECK(spec.resource("AWS::EC2::NoSuchThing") == nullptr);
  SECTION("every type the rendered templates use is known") {
    std::string text(required_resource("templates/cloudformation/infrastructure.yaml.mustache"));
    std::regex type(R"(\n\s*Type: (AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)\s*\n)");
    std::set<std::string> seen;
    for (std::sregex_iterator it(text.begin(), text.end(), type), end; it != end; ++it) seen.insert((*it)[1]);
    REQUIRE(seen.size() >= 10);
    for (const auto& t : seen) {
      INFO(t);
      CHECK(spec.resource(t) != nullptr);
    }
  }
  SECTION("every documented value check names a property the specification has") {
    for (const auto& checked : rules::cfn_props::checked_properties()) {
      const std::string& shape = checked.first;
      const std::string& property = checked.second;
      INFO(shape << "." << property);
      auto dot = shape.find('.');
      const auto* s = spec.resource(shape.substr(0, dot));
      REQUIRE(s != nullptr);
      if (dot != std::string::npos) {
        // a property type: reachable from the resource through some property
        bool found = false;
        std::set<const rules::cfn_spec::Shape*> seen;
        std::function<void(const rules::cfn_spec::Type&)> visit = [&](const rules::cfn_spec::Type& t) {
          for (const auto& a : t.alternatives) {
            if (a.element) visit(*a.element);
            if (!a.shape || !seen.insert(a.shape).second) continue;
            if (a.shape->name == shape) found = found || a.shape->property(property) != nullptr;
            for (const auto& [n, p] : a.shape->properties) visit(*p.type);
          }
        };
        for (const auto& [n, p] : s->properties) visit(*p.type);
        CHECK(found);
      } else {
        CHECK(s->property(property) != nullptr);
      }
    }
  }
  SECTION("a malformed data file is refused with its reason") {
    CHECK_THROWS_WITH(rules::cfn_spec::Spec("{"), Catch::Contains("not JSON"));
    CHECK_THROWS_WITH(
        rules::cfn_spec::Spec(
            R"({"version":"1","resources":{"AWS::X::Y":{"required":[],"properties":{"A":"list<Nope>"}}},"types":{}})"),
        Catch::Contains("no property type AWS::X::Y.Nope"));
    CHECK_THROWS_WITH(
        rules::cfn_spec::Spec(
            R"({"version":"1","resources":{"AWS::X::Y":{"required":["B"],"properties":{"A":"string"}}},"types":{}})"),
        Catch::Contains("required"));
  }
}

TEST_CASE("CFN-PROPERTIES: unknown property names, with a suggestion", "[cloudformation]") {
  auto d = check_cfn(edit(good(), "      StorageEncrypted: \"true\"", "      StorageEncryptd: \"true\"")).one(kRule);
  CHECK(d.line == 71);
  CHECK(d.col == 7);
  CHECK(d.message == "resource Database (AWS::RDS::DBInstance) has no property StorageEncryptd");
  CHECK(d.hint == "did you mean StorageEncrypted?");
  CHECK(d.path == "Resources/Database/Properties/StorageEncryptd");

  SECTION("in a nested property type") {
    auto n = check_cfn(edit(good(), "            StatusCode: HTTP_301", "            StatusCod: HTTP_301"));
    REQUIRE(n.count(kRule) == 2);  // the misspelled key, and the required StatusCode is missing
    CHECK(mentions(n.of(kRule),
                   "DefaultActions[0].RedirectConfig (AWS::ElasticLoadBalancingV2::Listener.RedirectConfig) has no "
                   "property StatusCod"));
    CHECK(mentions(n.of(kRule), "did you mean StatusCode?"));
    CHECK(mentions(n.of(kRule), "lacks the required property StatusCode"));
  }
  SECTION("in a tag") {
    auto t = check_cfn(edit(good(), "        - Key: Name\n", "        - Kee: Name\n"));
    CHECK(mentions(t.of(kRule), "Tags[0] (Tag) has no property Kee"));
    CHECK(mentions(t.of(kRule), "Tags[0] (Tag) lacks the required property Key"));
  }
  SECTION("nothing close: the hint lists the names") {
    auto t = check_cfn(
                 sg_rule("        - IpProtocol: tcp\n          FromPort: 1\n          ToPort: 2\n          Zebra: 1\n"))
                 .one(kRule);
    CHECK(t.hint.find("CidrIp, CidrIpv6, Description, FromPort") != std::string::npos);
  }
}

TEST_CASE("CFN-PROPERTIES: required properties", "[cloudformation]") {
  auto d = check_cfn(edit(good(), "      GroupDescription: Load balancer\n", "")).one(kRule);
  CHECK(d.message ==
        "resource LoadBalancerSecurityGroup (AWS::EC2::SecurityGroup) lacks the required property GroupDescription");
  CHECK(d.line == 47);  // the Properties key
  SECTION("a resource without Properties is reported at its logical ID") {
    auto n = check_cfn("Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n").one(kRule);
    CHECK(n.line == 2);
    CHECK(n.col == 3);
  }
  SECTION("several at once") {
    auto n = check_cfn(one("AWS::ElasticLoadBalancingV2::Listener", "      Port: 80\n")).one(kRule);
    CHECK(n.message.find("lacks the required properties DefaultActions, LoadBalancerArn") != std::string::npos);
  }
  SECTION("Fn::Transform may supply them") {
    CHECK(check_cfn(one("AWS::EC2::SecurityGroup",
                        "      Fn::Transform:\n        Name: AWS::Include\n        Parameters: {Location: s3://b/k}\n"))
              .count(kRule) == 0);
  }
}

TEST_CASE("CFN-PROPERTIES: value kinds, as leniently as CloudFormation", "[cloudformation]") {
  SECTION("a list where a string belongs") {
    auto d = check_cfn(edit(good(), "DBInstanceClass: db.t3.micro", "DBInstanceClass: [db.t3.micro]")).one(kRule);
    CHECK(d.message == "resource Database: DBInstanceClass must be a string, not a list");
    CHECK(d.col == 24);
  }
  SECTION("text where an integer belongs") {
    auto d = check_cfn(edit(good(), "BackupRetentionPeriod: 35", "BackupRetentionPeriod: seven")).one(kRule);
    CHECK(d.message == "resource Database: BackupRetentionPeriod must be an integer, not \"seven\"");
  }
  SECTION("text where a boolean belongs") {
    auto d = check_cfn(edit(good(), "DeletionProtection: true", "DeletionProtection: maybe")).one(kRule);
    CHECK(d.message.find("must be a boolean (true or false), not \"maybe\"") != std::string::npos);
  }
  SECTION("a scalar where a list of objects belongs") {
    auto d =
        check_cfn(
            edit(good(),
                 "      Tags:\n        - Key: Name\n          Value: !Join [\"-\", [!Ref \"AWS::StackName\", admin]]\n",
                 "      Tags: Name\n"))
            .one(kRule);
    CHECK(d.message == "resource AdminSecurityGroup: Tags must be a list, not \"Name\"");
  }
  SECTION("a mapping where a property type belongs is checked, a list is not one") {
    auto m =
        check_cfn(edit(good(), "      Matcher:\n        HttpCode: \"200\"\n", "      Matcher: [\"200\"]\n")).one(kRule);
    CHECK(m.message == "resource TargetGroup: Matcher must be a mapping (Matcher), not a list");
  }
  SECTION("quoted numbers and booleans, integral floats and YAML 1.1 booleans pass") {
    std::string t = edit(edit(good(), "BackupRetentionPeriod: 35", "BackupRetentionPeriod: \"35\""),
                         "DeletionProtection: true", "DeletionProtection: \"False\"");
    t = edit(t, "Priority: 10", "Priority: 10.0");
    t = edit(t, "ManageMasterUserPassword: true", "ManageMasterUserPassword: yes");
    CHECK(check_cfn(t).count(kRule) == 0);
  }
  SECTION("null values are refused") {
    auto d = check_cfn(edit(good(), "      GroupDescription: Load balancer\n", "      GroupDescription:\n")).one(kRule);
    CHECK(d.message == "resource LoadBalancerSecurityGroup: GroupDescription has no value");
    CHECK(d.line == 48);  // the key
    auto p = check_cfn("Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n").one(kRule);
    CHECK(p.message == "resource Sg: Properties has no value");
  }
  SECTION("Json properties take anything") {
    CHECK(check_cfn(edit(good(), "          PolicyDocument: !Sub |",
                         "          PolicyDocument: [1, {a: b}]\n          Description: !Sub |"))
              .count(kRule) == 1);  // Description is no property of a policy; the list passes
  }
}

TEST_CASE("CFN-PROPERTIES: intrinsic functions stand for any value", "[cloudformation]") {
  for (const char* v : {"!Ref X", "!GetAtt A.B", "!Sub '${X}'", "!Join [',', [a]]", "!Select [0, [a]]", "!GetAZs ''",
                        "!ImportValue x", "!FindInMap [M, K, V]", "!Split [',', a]", "!Base64 a", "!Cidr [a, 1, 2]",
                        "{Ref: X}", "{'Fn::GetAtt': [A, B]}", "!If [C, !Ref X, !Ref AWS::NoValue]"}) {
    INFO(v);
    // Integer, list of property types and mapping positions
    std::string t =
        one("AWS::ElasticLoadBalancingV2::TargetGroup",
            std::string("      Port: ") + v + "\n      TargetGroupAttributes: " + v + "\n      Matcher: " + v + "\n");
    CHECK(check_cfn(t).count(kRule) == 0);
  }
  SECTION("the branches of Fn::If are values too") {
    auto d =
        check_cfn(one("AWS::ElasticLoadBalancingV2::TargetGroup", "      Port: !If [C, 8787, eighty]\n")).one(kRule);
    CHECK(d.message == "resource R: Port must be an integer, not \"eighty\"");
    CHECK(check_cfn(one("AWS::ElasticLoadBalancingV2::TargetGroup", "      Port: !If [C, 8787, !Ref AWS::NoValue]\n"))
              .count(kRule) == 0);
  }
}

TEST_CASE("CFN-PROPERTIES: security-group rules", "[cloudformation]") {
  SECTION("the hostile template cut off below a rule: the word is folded into the protocol") {
    std::string path = source_path("tests/hostile/cloudformation/truncated-folded.yaml");
    auto f = check_cfn(doc::read_file(path), "truncated-folded.yaml").of(kRule);
    REQUIRE(f.size() == 1);
    CHECK(f[0].line == 13);
    CHECK(f[0].col == 23);
    CHECK(f[0].message.find("IpProtocol is \"tcp From\", not a protocol") != std::string::npos);
  }
  SECTION("a rule without ports, and a cut-off key") {
    auto f = check_cfn(sg_rule("        - IpProtocol: tcp\n          CidrIp: 10.0.0.0/8\n"
                               "        - IpProtocol: udp\n          From: 53\n          ToPort: 53\n"))
                 .of(kRule);
    REQUIRE(f.size() == 3);
    CHECK(f[0].message == "resource R: SecurityGroupIngress[0] is a tcp rule without FromPort and ToPort");
    CHECK(f[1].message.find("SecurityGroupIngress[1] is a udp rule without FromPort") != std::string::npos);
    CHECK(f[2].message.find("has no property From") != std::string::npos);
    CHECK(f[2].hint == "is it FromPort, cut off (a truncated file)?");
  }
  SECTION("a key folded into the protocol") {
    auto d = check_cfn(sg_rule("        - IpProtocol: tcp\n            From\n")).of(kRule);
    REQUIRE(d.size() == 1);
    CHECK(d[0].message ==
          "resource R: SecurityGroupIngress[0].IpProtocol is \"tcp From\", not a protocol: tcp, udp, icmp, icmpv6, -1 "
          "or a number 0-255");
    CHECK(d[0].hint.find("YAML joined the next line \"From\" to this value: is the key FromPort cut off") == 0);
    CHECK(d[0].line == 7);
    CHECK(d[0].col == 23);
  }
  SECTION("protocol names in any case, numbers 0-255 and -1") {
    for (const char* p : {"TCP", "Udp", "icmpv6", "6", "\"-1\"", "-1", "255", "0"}) {
      INFO(p);
      CHECK(check_cfn(
                sg_rule(std::string("        - IpProtocol: ") + p + "\n          FromPort: 1\n          ToPort: 2\n"))
                .count(kRule) == 0);
    }
    for (const char* p : {"all", "256", "-2", "tcpp"}) {
      INFO(p);
      auto d = check_cfn(sg_rule(std::string("        - IpProtocol: ") + p + "\n")).one(kRule);
      CHECK(d.message.find("not a protocol") != std::string::npos);
      CHECK(d.hint.find("API_IpPermission") != std::string::npos);
    }
  }
  SECTION("ports") {
    auto range =
        check_cfn(sg_rule("        - IpProtocol: tcp\n          FromPort: 70000\n          ToPort: 70001\n")).of(kRule);
    REQUIRE(range.size() == 2);
    CHECK(range[0].message == "resource R: SecurityGroupIngress[0].FromPort is \"70000\", outside -1..65535");
    auto swapped =
        check_cfn(sg_rule("        - IpProtocol: udp\n          FromPort: 600\n          ToPort: 500\n")).one(kRule);
    CHECK(swapped.message == "resource R: SecurityGroupIngress[0] has FromPort 600 above ToPort 500");
    auto no_to = check_cfn(sg_rule("        - IpProtocol: udp\n          FromPort: 600\n")).one(kRule);
    CHECK(no_to.message == "resource R: SecurityGroupIngress[0] is a udp rule without ToPort");
    // icmpv6, -1 and protocol numbers need no ports; intrinsic ports are not evaluated
    CHECK(check_cfn(sg_rule("        - IpProtocol: icmpv6\n        - IpProtocol: -1\n        - IpProtocol: 50\n"))
              .count(kRule) == 0);
    CHECK(check_cfn(sg_rule("        - IpProtocol: tcp\n          FromPort: !Ref P\n          ToPort: 1\n"))
              .count(kRule) == 0);
  }
  SECTION("the stand-alone rule resources") {
    auto d = check_cfn(one("AWS::EC2::SecurityGroupEgress",
                           "      GroupId: sg-1\n      IpProtocol: tcp\n      FromPort: 443\n"))
                 .one(kRule);
    CHECK(d.message == "resource R is a tcp rule without ToPort");
    CHECK(d.line == 4);  // the Properties key
  }
}

TEST_CASE("CFN-PROPERTIES: documented values of RDS, load balancers and logs", "[cloudformation]") {
  auto msg = [](const std::string& text) { return check_cfn(text).one(kRule).message; };
  CHECK(msg(edit(good(), "BackupRetentionPeriod: 35", "BackupRetentionPeriod: 36")) ==
        "resource Database: BackupRetentionPeriod is \"36\", outside 0-35");
  CHECK(msg(edit(good(), "AllocatedStorage: \"20\"", "AllocatedStorage: 20GB")) ==
        "resource Database: AllocatedStorage is \"20GB\", not a whole number of GiB");
  CHECK(msg(edit(good(), "Port: 8787", "Port: 0")) == "resource TargetGroup: Port is \"0\", outside 1-65535");
  CHECK(
      msg(edit(good(), "      Protocol: HTTP\n      DefaultActions", "      Protocol: HTTP2\n      DefaultActions")) ==
      "resource HttpListener: Protocol is \"HTTP2\", not one of HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, GENEVE, QUIC, "
      "TCP_QUIC");
  CHECK(msg(edit(good(), "Port: \"443\"", "Port: \"99999\"")) ==
        "resource HttpListener: DefaultActions[0].RedirectConfig.Port is \"99999\", not 1-65535 or #{port}");
  CHECK(msg(edit(good(), "StatusCode: HTTP_301", "StatusCode: \"301\"")) ==
        "resource HttpListener: DefaultActions[0].RedirectConfig.StatusCode is \"301\", not one of HTTP_301, HTTP_302");
  CHECK(msg(edit(good(), "Priority: 10", "Priority: 0")) ==
        "resource WorkbenchRule: Priority is \"0\", outside 1-50000");
  CHECK(msg(edit(good(), "RetentionInDays: !FindInMap [Retention, Logs, Days]", "RetentionInDays: 8")) ==
        "resource Logs: RetentionInDays is \"8\", not a retention CloudWatch Logs offers");
  // lenient where the services are: protocol case, #{port}
  CHECK(check_cfn(edit(edit(good(), "Protocol: HTTPS", "Protocol: https"), "Port: \"443\"", "Port: \"#{port}\""))
            .count(kRule) == 0);
}

TEST_CASE("CFN-PROPERTIES: JSON templates", "[cloudformation]") {
  std::string json = R"({
  "Resources": {
    "Sg": {
      "Type": "AWS::EC2::SecurityGroup",
      "Properties": {
        "GroupDescription": {"Fn::Sub": "${AWS::StackName}"},
        "VpcId": {"Ref": "VpcId"},
        "SecurityGroupIngress": [
          {"IpProtocol": "tcp", "FromPort": "443", "ToPort": 443,
           "SourceSecurityGroupId": {"Fn::GetAtt": ["Other", "GroupId"]}}
        ]
      }
    }
  }
}
)";
  CHECK(check_cfn(json, "stack.json").count(kRule) == 0);
  auto d = check_cfn(edit(json, R"("ToPort": 443)", R"("ToPrt": 443)"), "stack.json").of(kRule);
  REQUIRE(d.size() == 2);
  CHECK(d[0].message == "resource Sg: SecurityGroupIngress[0] is a tcp rule without ToPort");
  CHECK(d[1].message == "resource Sg: SecurityGroupIngress[0] (AWS::EC2::SecurityGroup.Ingress) has no property ToPrt");
  CHECK(d[1].line == 9);
  CHECK(d[1].col == 52);
}

TEST_CASE("CFN-PROPERTIES: what it leaves alone", "[cloudformation]") {
  // unknown and custom types, other files, templates rewritten by a macro
  CHECK(check_cfn(one("AWS::Some::Future", "      Anything: [1]\n")).count(kRule) == 0);
  CHECK(check_cfn(one("Custom::Thing", "      Anything: [1]\n")).count(kRule) == 0);
  CHECK(check_cfn(one("AWS::CloudFormation::CustomResource", "      ServiceToken: x\n      Anything: 1\n"))
            .count(kRule) == 0);
  std::string bad = one("AWS::EC2::SecurityGroup", "      Nope: 1\n");
  CHECK(check_cfn("Transform: MyMacro\n" + bad).count(kRule) == 0);
  // Nope, and the missing GroupDescription
  CHECK(check_cfn("Transform: [AWS::LanguageExtensions]\n" + bad).count(kRule) == 2);
  CHECK(check_cfn("Transform: AWS::Serverless-2016-10-31\n" + bad).count(kRule) == 2);
}

TEST_CASE("CFN-PROPERTIES: a 10 MB template is checked whole", "[cloudformation]") {
  // About 10 MB: 24,000 security groups with two rules each (within the YAML reader's
  // limit of 2^20 nodes), and one mistake at the end.
  const std::string padding(100, 'x');
  std::string t = "Resources:\n";
  for (int i = 0; i < 24000; ++i) {
    t += "  Sg" + std::to_string(i) +
         ":\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: group number " +
         std::to_string(i) + " " + padding +
         "\n      VpcId: !Ref VpcId\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 443\n"
         "          ToPort: 443\n          CidrIp: 10.0.0.0/16\n        - IpProtocol: udp\n          FromPort: 53\n"
         "          ToPort: 53\n          SourceSecurityGroupId: !GetAtt Other.GroupId\n";
  }
  t += "  Last:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescriptio: x\n";
  REQUIRE(t.size() > 10'000'000);
  // Its speed is measured in bench/validate_bench.sh, not asserted here.
  auto f = check_cfn(t);
  CHECK(f.count("YAML-LIMIT") == 0);
  CHECK(f.count(kRule) == 2);  // the misspelled key, and the missing required one
}
