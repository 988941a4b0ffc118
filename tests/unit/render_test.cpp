// Render: escaping (values come back exactly, or are refused), stack outputs, missing
// IDs and placeholders, templates, and the atomic bundle writer.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pwpc/document.hpp"
#include "pwpc/ini.hpp"
#include "pwpc/io.hpp"
#include "pwpc/profile.hpp"
#include "pwpc/render.hpp"
#include "pwpc/sizing.hpp"
#include "render/output_shapes.hpp"
#include "render/render_internal.hpp"
#include "render/values.hpp"
#include "test_support.hpp"

using namespace pwpc;
namespace fs = std::filesystem;

namespace {

// Renders `key: <escaped v>` and reads it back with pwpc's YAML reader.
std::string yaml_roundtrip(const std::string& v) {
  std::string text = "key: " + render::yaml_scalar(v) + "\n";
  auto d = doc::parse_yaml("t.yaml", text);
  const doc::Node* n = d.root->get("key");
  REQUIRE(n);
  REQUIRE(n->is_scalar());
  CHECK(n->scalar_type() == doc::ScalarType::String);
  return n->scalar;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Plan complete_plan() { return make_plan(load_profile(test::source_path("tests/golden/fixtures/team-complete.yaml"))); }

RenderOptions fixture_outputs() {
  RenderOptions o;
  o.stack_outputs = load_stack_outputs(test::source_path("tests/golden/fixtures/stack-outputs.json"));
  return o;
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "pwpc-render-test-XXXXXX").string();
    REQUIRE(mkdtemp(t.data()));
    path = t;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Every file below `dir` (path, mode, bytes), for "exactly as it was" comparisons.
std::string snapshot(const fs::path& dir) {
  std::vector<std::string> lines;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    struct stat st {};
    lstat(e.path().c_str(), &st);
    std::string line = fs::relative(e.path(), dir).string() + " " + std::to_string(st.st_mode);
    if (e.is_regular_file()) line += " " + slurp(e.path());
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("yaml_scalar: values come back exactly as strings", "[render]") {
  for (const std::string v : {"plain-value",
                              "ami-0123456789abcdef0",
                              "with: colon",
                              "trailing:",
                              "# not a comment",
                              "a #hash",
                              "it's quoted",
                              "say \"hi\"",
                              "line one\nline two",
                              "tab\there",
                              "Zoë Ōtsuka ☃",
                              "yes",
                              "No",
                              "on",
                              "off",
                              "null",
                              "~",
                              "",
                              "true",
                              "3.14",
                              "0x1F",
                              "1_000",
                              "1e3",
                              "2024-01-01",
                              "1:30",
                              "- dash",
                              "[list]",
                              "{map}",
                              "*star",
                              "&anchor",
                              "!tag",
                              "%pct",
                              "@at",
                              "`tick`",
                              " leading space",
                              "trailing space ",
                              "a\\b",
                              "\x01control"}) {
    INFO("value: " << v);
    CHECK(yaml_roundtrip(v) == v);
  }
  CHECK(render::yaml_scalar("ami-0123456789abcdef0") == "ami-0123456789abcdef0");  // plain when unambiguous
  CHECK(render::yaml_scalar("yes") == "'yes'");
  CHECK(render::yaml_scalar("3.14") == "'3.14'");
  CHECK(render::yaml_scalar("a\nb") == "\"a\\nb\"");
  // NEL, LS and PS are line breaks to PyYAML, even inside quotes (it folds a raw NEL into a
  // space): they are escaped, and read back as themselves.
  CHECK(render::yaml_scalar("Zo\xC3\xAB a\xC2\x85"
                            "b") == "\"Zo\xC3\xAB a\\u0085b\"");
  CHECK(render::yaml_scalar("x\xE2\x80\xA8y\xE2\x80\xA9z") == "\"x\\u2028y\\u2029z\"");
  CHECK(yaml_roundtrip("a\xC2\x85"
                       "b\xE2\x80\xA8") ==
        "a\xC2\x85"
        "b\xE2\x80\xA8");
}

TEST_CASE("ini_value: one-line values pass, others are refused naming their origin", "[render]") {
  CHECK(render::ini_value("postgresql://u@h:5432/db?sslmode=require", "x", "p.yaml") ==
        "postgresql://u@h:5432/db?sslmode=require");
  std::string v = render::ini_value("a # b ; c: \"d\" Zoë", "x", "p.yaml");
  auto f = ini::parse_ini("t.conf", "key=" + v + "\n");
  REQUIRE(f.find("key"));
  CHECK(f.find("key")->value == "a # b ; c: \"d\" Zoë");
  for (const std::string& bad :
       std::vector<std::string>{"a\nb", "a\rb", " lead", "trail ", std::string("nul\0x", 5), "bell\x07"}) {
    INFO("value: " << bad);
    auto ds = test::input_errors([&] { render::ini_value(bad, "workbench.hostname", "p.yaml"); });
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "RENDER-VALUE");
    CHECK(ds[0].file == "p.yaml");
    CHECK(test::mentions(ds, "workbench.hostname"));
  }
}

TEST_CASE("shell_word quotes what bash would split or expand", "[render]") {
  CHECK(render::shell_word("subnet-0123,subnet-4567") == "subnet-0123,subnet-4567");
  CHECK(render::shell_word("a b") == "'a b'");
  CHECK(render::shell_word("it's $HOME") == "'it'\\''s $HOME'");
  CHECK(render::shell_word("a\nb") == "$'a\\nb'");
}

TEST_CASE("profile values with quotes, colons, # and unicode come out exactly in every YAML file", "[render]") {
  Plan plan = complete_plan();
  plan.profile.cluster.tags = {{"team", "R&D: \"modelling\" #1"}, {"owner", "Zoë O'Brien"}, {"note", "yes"}};
  Bundle b = render_bundle(plan, fixture_outputs());
  for (const std::string path : {"parallelcluster/cluster-config.yaml", "parallelcluster/image-config.yaml"}) {
    const Artifact* a = b.find(path);
    REQUIRE(a);
    auto d = doc::parse_yaml(path, a->bytes);
    const doc::Node* tags = d.root->get("Tags");
    if (!tags) tags = d.root->get("Build")->get("Tags");
    REQUIRE(tags);
    REQUIRE(tags->items.size() == 3);
    CHECK(tags->items[0]->get("Value")->scalar == "R&D: \"modelling\" #1");
    CHECK(tags->items[1]->get("Value")->scalar == "Zoë O'Brien");
    CHECK(tags->items[2]->get("Value")->scalar == "yes");
    CHECK(tags->items[2]->get("Value")->scalar_type() == doc::ScalarType::String);
  }
  CHECK(!has_errors(validate_bundle(b, plan)));
}

TEST_CASE("a stack output with a line break cannot reach an INI file", "[render]") {
  RenderOptions o = fixture_outputs();
  o.stack_outputs["WorkbenchDbEndpoint"] = "db.example.com\nprovider=sqlite";
  auto ds = test::input_errors([&] { render_bundle(complete_plan(), o); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "RENDER-VALUE");
  CHECK(test::mentions(ds, "stack output WorkbenchDbEndpoint"));
}

TEST_CASE("load_stack_outputs reads describe-stacks JSON and reports malformed input with a position", "[render]") {
  auto outs = load_stack_outputs(test::source_path("tests/golden/fixtures/stack-outputs.json"));
  CHECK(outs.at("HomeFileSystemId") == "fs-00000000000000001");
  CHECK(outs.at("DomainName") == "corp.example.com");
  TempDir t;
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(t.path / name) << text;
    return (t.path / name).string();
  };
  auto ds =
      test::input_errors([&] { load_stack_outputs(write("a.json", "{\"Stacks\": [\n  {\"Outputs\": [,]}\n]}")); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "STACK-OUTPUTS");
  CHECK(ds[0].line == 2);
  CHECK(ds[0].col > 1);
  ds = test::input_errors([&] { load_stack_outputs(write("b.json", "[1, 2]")); });
  CHECK(test::mentions(ds, "no \"Stacks\""));
  ds = test::input_errors([&] {
    load_stack_outputs(
        write("c.json", R"({"Stacks": [{"StackName": "a", "Outputs": [{"OutputKey": "K", "OutputValue": "1"}]},
                                         {"StackName": "b", "Outputs": [{"OutputKey": "K", "OutputValue": "2"}]}]})"));
  });
  CHECK(test::mentions(ds, "OutputKey K is '1' in stack a but '2' in stack b"));
  ds = test::input_errors([&] { load_stack_outputs((t.path / "missing.json").string()); });
  CHECK(!ds.empty());
}

TEST_CASE("missing IDs are listed, each with where it can come from; never invented", "[render]") {
  Plan plan = make_plan(load_profile(test::source_path("examples/team-250.yaml")));
  auto ds = test::input_errors([&] { render_bundle(plan, RenderOptions{}); });
  CHECK(ds.size() == 24);
  for (const auto& d : ds) CHECK(d.rule == "RENDER-MISSING-ID");
  CHECK(test::mentions(ds, "missing SubnetId; it can come from profile key network.subnet_id"));
  CHECK(test::mentions(ds, "missing SlurmDbSecretArn; it can come from --stack-outputs OutputKey SlurmDbSecretArn"));

  RenderOptions o = fixture_outputs();
  o.allow_placeholders = true;
  Bundle b = render_bundle(plan, o);
  REQUIRE(b.placeholders.size() == 2);  // the examples name no host name and no AMI
  CHECK(b.placeholders[0].starts_with("WorkbenchHostname:"));
  CHECK(b.placeholders[1].starts_with("CustomAmi:"));
  CHECK(b.find("parallelcluster/cluster-config.yaml")->bytes.find("CustomAmi: PWPC-MISSING-CustomAmi") !=
        std::string::npos);
  CHECK(b.find("DEPLOY.md")->bytes.find("- CustomAmi: profile key image.custom_ami") != std::string::npos);
  // Exactly the placeholders are tolerated: findings on them are warnings.
  Diagnostics v = validate_bundle(b, plan);
  CHECK(!has_errors(v));
  bool warned = false;
  for (const auto& d : v) warned |= d.message.find("PWPC-MISSING-CustomAmi") != std::string::npos;
  CHECK(warned);
}

TEST_CASE("the bundle holds the contract's paths with their modes, and no password", "[render]") {
  Plan plan = complete_plan();
  Bundle b = render_bundle(plan, fixture_outputs());
  CHECK(b.placeholders.empty());
  for (const std::string p :
       {"plan.json", "DEPLOY.md", "parallelcluster/cluster-config.yaml", "parallelcluster/image-config.yaml",
        "image/install-workbench.sh", "workbench/rserver.conf", "workbench/launcher.conf",
        "workbench/launcher.slurm.conf", "workbench/launcher.slurm.resources.conf",
        "workbench/launcher.slurm.profiles.conf", "workbench/database.conf", "workbench/load-balancer",
        "workbench/jupyter.conf", "workbench/vscode.conf", "workbench/positron.conf", "workbench/logging.conf",
        "systemd/rstudio-server.service.d/override.conf", "systemd/rstudio-launcher.service.d/override.conf",
        "cloudformation/infrastructure.yaml"}) {
    INFO(p);
    CHECK(b.find(p));
  }
  CHECK(b.find("workbench/database.conf")->mode == 0600);
  CHECK(b.find("image/install-workbench.sh")->mode == 0755);
  CHECK(b.find("workbench/rserver.conf")->mode == 0644);
  CHECK(std::is_sorted(b.files.begin(), b.files.end(),
                       [](const Artifact& x, const Artifact& y) { return x.path < y.path; }));
  auto db = ini::parse_ini("database.conf", b.find("workbench/database.conf")->bytes);
  CHECK(!db.find("password"));
  CHECK(db.find("provider")->value == "postgresql");
  for (const auto& a : b.files) {
    INFO(a.path);
    CHECK(a.bytes.find("MasterUserPassword: '") == std::string::npos);
    CHECK(a.bytes.find('\r') == std::string::npos);
    CHECK(a.bytes.back() == '\n');
  }
  // Resource profiles never ask for more memory than a node of their queue can schedule.
  auto res = ini::parse_ini("r.conf", b.find("workbench/launcher.slurm.resources.conf")->bytes);
  for (const auto& q : plan.queues) {
    const ini::Section* s = res.section(q.name);
    REQUIRE(s);
    CHECK(std::stoll(s->find("mem-mb")->value) <= static_cast<long long>(q.schedulable_memory_gib * 1024));
    CHECK(std::stoi(s->find("cpus")->value) == q.workload.cpus);
  }
  // The cluster config: one pool sized by the plan, one queue per plan queue.
  auto cc = doc::parse_yaml("c.yaml", b.find("parallelcluster/cluster-config.yaml")->bytes);
  CHECK(cc.root->get("LoginNodes")->get("Pools")->items.at(0)->get("Count")->as_int() == plan.login_nodes.count);
  CHECK(cc.root->get("Scheduling")->get("SlurmQueues")->items.size() == plan.queues.size());
  CHECK(cc.root->get("HeadNode")->get("SharedStorageType")->scalar == "Efs");
}

TEST_CASE("template overrides apply per file; unknown variables are errors", "[render]") {
  TempDir t;
  fs::create_directories(t.path / "workbench");
  std::ofstream(t.path / "workbench/logging.conf.mustache") << "{{{header}}}\n[*]\nlog-level=debug\n";
  RenderOptions o = fixture_outputs();
  o.templates_dir = t.path.string();
  Bundle b = render_bundle(complete_plan(), o);
  CHECK(b.find("workbench/logging.conf")->bytes.find("log-level=debug") != std::string::npos);
  CHECK(b.find("workbench/rserver.conf")->bytes.find("load-balancing-enabled=1") != std::string::npos);
  std::ofstream(t.path / "workbench/logging.conf.mustache") << "{{{header}}}\nlog-level={{level}}\n";
  auto ds = test::input_errors([&] { render_bundle(complete_plan(), o); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "RENDER-TEMPLATE");
  CHECK(ds[0].line == 2);
  std::ofstream(t.path / "workbench/logging.conf.mustache") << "{{#broken}}\n";
  ds = test::input_errors([&] { render_bundle(complete_plan(), o); });
  CHECK(test::mentions(ds, "does not parse"));
}

TEST_CASE("standalone section lines leave no empty lines, true or false", "[render]") {
  render::Ctx c;
  c.set_bool("on", true).set_bool("off", false).set_lit("x", "X");
  std::string tmpl = "a\n{{#off}}\nhidden\n{{/off}}\n{{#on}}\nshown {{x}}\n{{/on}}\n\nb\n";
  CHECK(render::render_template("t", tmpl, c, render::Format::Plain, "p.yaml") == "a\nshown X\n\nb\n");
}

TEST_CASE("write_bundle: a failure half-way leaves the old bundle byte-identical and no temp dirs", "[render][io]") {
  TempDir t;
  fs::path dir = t.path / "deploy";
  Plan plan = complete_plan();
  Bundle first = render_bundle(plan, fixture_outputs());
  write_bundle(dir.string(), first);
  CHECK(diff_bundle(dir.string(), first).empty());
  CHECK(is_pwpc_bundle_dir(dir.string()));
  std::string before = snapshot(dir);

  plan.profile.users.concurrent = 350;
  Bundle second = render_bundle(make_plan(plan.profile), fixture_outputs());
  int written = 0;
  WriteBundleOptions o;
  o.after_file = [&](const std::string&) {
    if (++written == 7) throw InputError("x", 0, 0, "IO", "injected failure");
  };
  auto ds = test::input_errors([&] { write_bundle(dir.string(), second, o); });
  CHECK(test::mentions(ds, "injected failure"));
  CHECK(written == 7);
  CHECK(snapshot(dir) == before);
  for (const auto& e : fs::directory_iterator(t.path)) CHECK(e.path().filename() == "deploy");

  BundleDiff d = diff_bundle(dir.string(), second);
  CHECK(!d.empty());
  CHECK(std::find(d.changed.begin(), d.changed.end(), "parallelcluster/cluster-config.yaml") != d.changed.end());
  write_bundle(dir.string(), second);
  CHECK(diff_bundle(dir.string(), second).empty());
  for (const auto& e : fs::directory_iterator(t.path)) CHECK(e.path().filename() == "deploy");
}

TEST_CASE("write_bundle refuses foreign directories and symbolic links", "[render][io]") {
  TempDir t;
  Bundle b = render_bundle(complete_plan(), fixture_outputs());
  fs::create_directories(t.path / "mine");
  std::ofstream(t.path / "mine/notes.txt") << "precious";
  auto ds = test::input_errors([&] { write_bundle((t.path / "mine").string(), b); });
  CHECK(test::mentions(ds, "holds no bundle pwpc rendered"));
  CHECK(slurp(t.path / "mine/notes.txt") == "precious");
  WriteBundleOptions force;
  force.force = true;
  WriteBundleResult r = write_bundle((t.path / "mine").string(), b, force);
  REQUIRE(!r.kept_aside.empty());
  CHECK(slurp(fs::path(r.kept_aside) / "notes.txt") == "precious");
  CHECK(diff_bundle((t.path / "mine").string(), b).empty());

  fs::create_directories(t.path / "elsewhere");
  fs::create_directory_symlink(t.path / "elsewhere", t.path / "link");
  ds = test::input_errors([&] { write_bundle((t.path / "link").string(), b); });
  CHECK(test::mentions(ds, "symbolic link"));
  CHECK(fs::is_empty(t.path / "elsewhere"));
}

TEST_CASE("every stack output pwpc reads has a shape, and the fixture outputs have it", "[render][stack-outputs]") {
  for (const auto& k : stack_output_keys()) {
    INFO(k.key);
    CHECK(render::output_has_shape(k.key));
  }
  // Every value of the golden fixture (shaped like real describe-stacks output) passes.
  for (const auto& [key, value] : load_stack_outputs(test::source_path("tests/golden/fixtures/stack-outputs.json"))) {
    INFO(key << " = " << value);
    CHECK_FALSE(render::output_value_problem(key, value));
  }
  CHECK_FALSE(render::output_value_problem("VpcId", "vpc-1a2b3c4d"));
  CHECK_FALSE(render::output_value_problem("LoadBalancerSubnetIds", "subnet-0123456789abcdef0, subnet-1a2b3c4d"));
  CHECK_FALSE(render::output_value_problem("DomainAddr", "ldaps://10.0.0.10,ldaps://10.0.1.10:636"));
  CHECK_FALSE(render::output_value_problem("PasswordSecretArn",
                                           "arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/ad/ro"));
  CHECK_FALSE(render::output_value_problem("SomeOtherStacksOutput", std::string(1 << 20, '\n')));  // not read

  struct Bad {
    std::string key, value, says;
  };
  const Bad bad[] = {
      {"VpcId", "vpc-0123", "is not a VPC ID"},
      {"VpcId", "subnet-0123456789abcdef0", "is not a VPC ID"},
      {"VpcId", "vpc-" + std::string(10 << 20, 'a'), "is 10485764 characters long, too long for a VPC ID (at most 21)"},
      {"SubnetId", "subnet-0123456789ABCDEF0", "is not a subnet ID"},
      {"LoadBalancerSubnetIds", "subnet-0123456789abcdef0;subnet-1a2b3c4d", "is not a comma-separated list"},
      {"CertificateArn", "arn:aws:iam::111122223333:server-certificate/x", "is not an ACM certificate ARN"},
      {"DomainName", "corp.example.com\nprovider=sqlite",
       "'corp.example.com\\x0aprovider=sqlite' is not a domain name"},
      {"DomainAddr", "ldaps://corp.example.com/ou=x", "is not one or more directory addresses"},
      {"DomainReadOnlyUser", "ReadOnlyUser", "is not an LDAP distinguished name"},
      {"DomainReadOnlyUser", "cn=a\r\nb", "is not an LDAP distinguished name"},
      {"HomeFileSystemId", "fs-0123456789abcdef0 ", "is not a file system ID"},
      {"WorkbenchDbEndpoint", "db.example.com:5432", "is not a DNS name"},
      {"WorkbenchDbEndpoint", "-db.example.com", "is not a DNS name"},
      {"SlurmDbSecretArn", "arn:aws:ssm:us-east-1:111122223333:parameter/x", "is not a Secrets Manager secret ARN"},
      {"HeadNodeSecurityGroupId", "sg-0123456789abcdef", "is not a security group ID"},
      {"TargetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/x/0123456789abcdef",
       "is not a target group ARN"},
      {"ArtifactBucketName", "My_Bucket", "is not an S3 bucket name"},
      {"ArtifactReadPolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess", "is not an IAM managed policy ARN"},
  };
  for (const auto& b : bad) {
    INFO(b.key << " = " << b.value.substr(0, 80));
    auto p = render::output_value_problem(b.key, b.value);
    REQUIRE(p);
    CHECK(p->message.find(b.says) != std::string::npos);
    CHECK(p->message.size() < 300);  // a quotation, never the whole value
    CHECK_FALSE(p->hint.empty());
  }
}

TEST_CASE("a stack output of the wrong shape is refused at its line and column", "[render][stack-outputs]") {
  TempDir t;
  auto file = (t.path / "o.json").string();
  std::ofstream(file) << "{\"Stacks\": [{\"StackName\": \"net\", \"Outputs\": [\n"
                         "  {\"OutputKey\": \"VpcId\", \"OutputValue\": \"vpc-0123456789abcdef0\"},\n"
                         "  {\"OutputKey\": \"SubnetId\",\n   \"OutputValue\": \"vpc-0123456789abcdef0\"},\n"
                         "  {\"OutputKey\": \"Unrelated\", \"OutputValue\": \"anything at all\"}]},\n"
                         " [\"not a stack\"]]}\n";
  auto ds = test::input_errors([&] { load_stack_outputs(file); });
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].rule == "STACK-OUTPUTS");
  CHECK(ds[0].line == 4);
  CHECK(ds[0].col == 19);
  CHECK(ds[0].message == "stack output SubnetId 'vpc-0123456789abcdef0' is not a subnet ID (stack net)");
  CHECK(ds[1].line == 6);
  CHECK(ds[1].col == 2);
  CHECK(ds[1].message == "a stack entry is not an object");
}

TEST_CASE("the managed parent image is an Image Builder ARN of the region's partition", "[render]") {
  CHECK(render::managed_parent_image("ubuntu2204", "us-east-1") ==
        "arn:aws:imagebuilder:us-east-1:aws:image/ubuntu-server-22-lts-x86/x.x.x");
  CHECK(render::managed_parent_image("rhel9", "us-gov-west-1") ==
        "arn:aws-us-gov:imagebuilder:us-gov-west-1:aws:image/red-hat-enterprise-linux-9-x86/x.x.x");
  CHECK(render::managed_parent_image("ubuntu2404", "cn-north-1") ==
        "arn:aws-cn:imagebuilder:cn-north-1:aws:image/ubuntu-server-24-lts-x86/x.x.x");
  CHECK(render::managed_parent_image("rocky9", "us-east-1").empty());  // AWS publishes none: the profile names one
}
