// Private helpers for the ParallelCluster rule families (parallelcluster_*.cpp): a
// defensive view of a cluster or build-image config that never throws on a tree the
// schema rejected (missing keys, wrong types), and reads values with marshmallow's
// leniency (Int accepts "10", Bool accepts "yes"), the way ParallelCluster loads them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "validate/rule_context.hpp"

namespace pwpc::rules::pc {

struct Field;

// A place in the document: the node (nullptr when the key is absent), its key path and
// the position to report (the value for scalars, the key for collections, the parent's
// position when absent).
struct At {
  const doc::Node* node = nullptr;
  std::string path;
  doc::Mark mark;

  // Exists and is not YAML null.
  bool present() const;
  bool is_map() const { return node && node->is_map(); }
  bool is_seq() const { return node && node->is_seq(); }
  bool is_scalar() const { return present() && node->is_scalar(); }

  At operator[](std::string_view key) const;  // child of a mapping (absent otherwise)
  At at(std::initializer_list<std::string_view> keys) const;
  std::vector<At> items() const;  // items of a sequence (empty otherwise)

  std::vector<struct Field> fields() const;  // entries of a mapping (empty otherwise)

  // Scalar text of a non-null scalar (any YAML type).
  std::optional<std::string> str() const;
  // Text of a scalar that YAML 1.1 reads as a string (what marshmallow's fields.Str takes).
  std::optional<std::string> string() const;
  // marshmallow fields.Int: integers, numeric strings, floats truncated; not booleans.
  std::optional<long long> integer() const;
  // marshmallow fields.Float.
  std::optional<double> number() const;
  // marshmallow fields.Bool: YAML booleans, 1/0 and the strings true/yes/on/t/y/1 ...
  std::optional<bool> boolean() const;
  // Python truthiness of the loaded value: present and not false, 0, "" or empty.
  bool truthy() const;
  // boolean() == true
  bool is_true() const { return boolean().value_or(false); }
};

// One key of a mapping and its value.
struct Field {
  std::string key;
  doc::Mark key_mark;
  At value;
};

// One cluster config and the facts most rules need.
struct Cluster {
  Context* ctx = nullptr;
  const YamlFile* file = nullptr;
  At root;
  std::string scheduler;  // Scheduling/Scheduler as written ("" when absent)
  std::string region;     // Region in the file when non-empty, else --region, else ""
  std::string os;         // Image/Os as written

  bool slurm() const { return scheduler == "slurm"; }
  bool batch() const { return scheduler == "awsbatch"; }
  Version version() const { return ctx->pc_version(); }

  // Scheduling/SlurmQueues or Scheduling/AwsBatchQueues, as the scheduler says.
  At queues_node() const;
  std::vector<At> queues() const { return queues_node().items(); }
  std::vector<At> storages() const { return root["SharedStorage"].items(); }
  At slurm_settings() const { return root.at({"Scheduling", "SlurmSettings"}); }
  // Slurm accounting through SlurmSettings/Database (a mapping).
  bool has_database() const;

  void report(std::string_view rule, const At& where, std::string message, std::string hint = {}) const;
  void report(std::string_view rule, Severity sev, const At& where, std::string message, std::string hint = {}) const;
};

// Runs f on every cluster config (FileKind::ClusterConfig) whose root is a mapping.
void for_each_cluster(Context& ctx, const std::function<void(const Cluster&)>& f);
// Runs f on every build-image config (FileKind::ImageConfig) whose root is a mapping.
void for_each_image(Context& ctx, const std::function<void(const Cluster&)>& f);

// ---- small helpers shared by several rule files ----

// Quotes a value for a message: 'value' (long values clipped to 80 bytes).
std::string q(std::string_view s);
// "a, b and c"
std::string join(const std::vector<std::string>& parts, std::string_view sep = ", ");

// Python re.match semantics for a pattern that ends in `$`: `$` also matches before one
// final newline. Returns s without that newline.
std::string_view strip_final_newline(std::string_view s);

// The scheme Python's urllib.parse.urlsplit finds (lower-cased; "" when none).
std::string url_scheme(std::string_view url);

// Parts of a URL as urllib.parse.urlsplit splits them.
struct UrlParts {
  std::string scheme;
  std::string netloc;
  std::string port_text;  // the text after the first ':' of the host part ("" when none)
  bool has_port = false;
};
UrlParts url_split(std::string_view url);

// The rule groups, one per parallelcluster_<concern>.cpp. parallelcluster_validators.cpp
// joins them into the family that rule_registry.cpp registers.
const Family& names_family();
const Family& queues_family();
const Family& efa_family();
const Family& networking_family();
const Family& storage_family();
const Family& ebs_family();
const Family& fsx_family();
const Family& efs_family();
const Family& slurm_settings_family();
const Family& scheduler_family();
const Family& region_family();
const Family& urls_family();
const Family& tags_family();
const Family& iam_family();
const Family& directory_service_family();
const Family& image_family();

// Builds a RuleInfo of family "parallelcluster".
RuleInfo rule(std::string id, Severity sev, std::string summary, std::string rationale, std::string source);

// Where RuleInfo.source points: the user guide and the upstream source tree.
inline constexpr std::string_view kPcDocs = "https://docs.aws.amazon.com/parallelcluster/latest/ug/";
inline constexpr std::string_view kPcSource =
    "https://github.com/aws/aws-parallelcluster/blob/develop/cli/src/pcluster/";

}  // namespace pwpc::rules::pc
