// Data-safety rules on CloudFormation templates: RDS and EFS encrypted at rest, RDS
// deletion protection, explicit Retain/Snapshot policies on the stateful resources (RDS,
// EFS, FSx) so that deleting or replacing a stack never deletes user data.
#include <fmt/format.h>

#include <algorithm>

#include "validate/rules/security_cfn.hpp"
#include "validate/rules/security_checks.hpp"

namespace pwpc::rules {
namespace {

bool is_rds(const cfn::Resource& r) { return r.type == "AWS::RDS::DBInstance" || r.type == "AWS::RDS::DBCluster"; }

bool has(const cfn::Resource& r, const char* key) { return r.properties && r.properties->get(key); }

// An Aurora instance: storage, encryption and backups belong to its DBCluster.
bool cluster_member(const cfn::Resource& r) {
  return r.type == "AWS::RDS::DBInstance" && has(r, "DBClusterIdentifier");
}

// Storage that comes from a snapshot or a source database keeps that one's encryption.
bool restored(const cfn::Resource& r) {
  return has(r, "DBSnapshotIdentifier") || has(r, "SnapshotIdentifier") || has(r, "SourceDBInstanceIdentifier") ||
         has(r, "SourceDBClusterIdentifier");
}

void require_true(Context& ctx, const YamlFile& f, const cfn::Resource& r, const char* key, const char* rule,
                  const std::string& why, const std::string& hint) {
  // Properties chosen by an intrinsic (!If ...) cannot be judged offline
  if (r.properties_entry && cfn::is_intrinsic(*r.properties_entry->value)) return;
  const doc::Node* n = r.properties ? r.properties->get(key) : nullptr;
  if (!n) {
    ctx.report(rule, f.source->path, r.anchor(),
               fmt::format("{} {} does not set {}: {}", r.type, r.logical_id, key, why), hint,
               "Resources/" + r.logical_id + "/Properties");
    return;
  }
  std::string via;
  auto b = cfn::resolve_bool(*f.doc.root, *n, &via);
  if (!b || *b) return;  // true, or decided at deploy time (a condition, an import)
  std::string how = via.empty() ? std::string("false") : fmt::format("false (the Default of parameter {})", via);
  ctx.report(rule, f.source->path, n->mark, fmt::format("{} {} sets {} to {}: {}", r.type, r.logical_id, key, how, why),
             hint, "Resources/" + r.logical_id + "/Properties/" + key);
}

void check_policy(Context& ctx, const YamlFile& f, const cfn::Resource& r, const char* attr) {
  const bool rds = is_rds(r);
  std::vector<std::string> allowed{"Retain"};
  if (std::string(attr) == "DeletionPolicy") allowed.emplace_back("RetainExceptOnCreate");
  if (rds) allowed.emplace_back("Snapshot");
  std::string choices = rds ? "Retain or Snapshot" : "Retain";
  const doc::Node* n = r.entry->value->get(attr);
  if (!n) {
    const bool deletion = std::string(attr) == "DeletionPolicy";
    std::string effect = !deletion ? "CloudFormation deletes the old data when an update replaces it"
                         : rds     ? "it relies on CloudFormation's implicit Snapshot default when the stack removes it"
                                   : "CloudFormation deletes the data when the stack removes it";
    ctx.report("SEC-STATEFUL-RETAIN", f.source->path, r.entry->key_mark,
               fmt::format("{} {} has no {}; {}", r.type, r.logical_id, attr, effect),
               fmt::format("set {}: {} explicitly (cfn-lint I3011)", attr, choices), "Resources/" + r.logical_id);
    return;
  }
  if (!n->is_scalar() || cfn::is_intrinsic(*n)) return;
  if (std::find(allowed.begin(), allowed.end(), n->scalar) != allowed.end()) return;
  std::string why = n->scalar == "Snapshot" ? fmt::format("{} does not support Snapshot", r.type)
                                            : fmt::format("{}: {} deletes the data", attr, n->scalar);
  ctx.report("SEC-STATEFUL-RETAIN", f.source->path, n->mark, fmt::format("{} {}: {}", r.type, r.logical_id, why),
             fmt::format("set {}: {}", attr, choices), "Resources/" + r.logical_id + "/" + attr);
}

}  // namespace

void check_security_data(Context& ctx, const YamlFile& f) {
  for (const auto& r : cfn::resources(*f.doc.root)) {
    const bool stateful = is_rds(r) || r.type == "AWS::EFS::FileSystem" || r.type == "AWS::FSx::FileSystem";
    if (is_rds(r) && !cluster_member(r)) {
      if (!restored(r)) {
        require_true(ctx, f, r, "StorageEncrypted", "SEC-RDS-ENCRYPTION",
                     "the database and its backups are stored unencrypted",
                     "set StorageEncrypted: true (optionally KmsKeyId); it cannot be turned on later without a "
                     "snapshot-and-restore");
      }
      require_true(ctx, f, r, "DeletionProtection", "SEC-RDS-DELETION-PROTECTION",
                   "one API call or console click can delete the database", "set DeletionProtection: true");
    }
    if (r.type == "AWS::EFS::FileSystem") {
      require_true(ctx, f, r, "Encrypted", "SEC-EFS-ENCRYPTION", "the file system is stored unencrypted",
                   "set Encrypted: true (optionally KmsKeyId); it cannot be changed after creation");
    }
    if (stateful && !cluster_member(r)) {
      check_policy(ctx, f, r, "DeletionPolicy");
      check_policy(ctx, f, r, "UpdateReplacePolicy");
    }
  }
}

}  // namespace pwpc::rules
