// Security rules on ParallelCluster configs: IMDSv1 and EFS file systems that
// ParallelCluster creates unencrypted (EfsSettings/Encrypted defaults to false).
#include <fmt/format.h>

#include "validate/rules/architecture_cluster_view.hpp"
#include "validate/rules/security_checks.hpp"

namespace pwpc::rules {
namespace {

void check_imds(Context& ctx, const YamlFile& f) {
  const doc::Node* imds = f.doc.root->get("Imds");
  const doc::Node* support = imds ? imds->get("ImdsSupport") : nullptr;
  if (!support || !support->is_scalar() || support->scalar != "v1.0") return;
  ctx.report("SEC-IMDSV1", f.source->path, support->mark,
             "Imds/ImdsSupport: v1.0 lets every process on a node read the instance role's credentials with one "
             "unauthenticated HTTP request (SSRF)",
             "remove the setting or set ImdsSupport: v2.0 (the default since ParallelCluster 3.7.0)",
             "Imds/ImdsSupport");
}

void check_efs(Context& ctx, const YamlFile& f) {
  ClusterView v = view_cluster(*f.doc.root);
  for (const auto& s : v.storage) {
    if (s.type != "Efs" || s.existing) continue;  // an existing file system keeps its own setting
    const doc::Node* enc = s.settings ? s.settings->get("Encrypted") : nullptr;
    if (enc && enc->as_bool().value_or(false)) continue;
    doc::Mark at = enc ? enc->mark : s.settings ? s.settings->mark : s.type_mark;
    ctx.report("SEC-EFS-ENCRYPTION", Severity::Warning, f.source->path, at,
               fmt::format("the EFS file system '{}' that ParallelCluster creates is not encrypted at rest "
                           "(EfsSettings/Encrypted defaults to false)",
                           s.name),
               "set EfsSettings/Encrypted: true (optionally with KmsKeyId); it cannot be changed after creation");
  }
}

}  // namespace

void check_security_cluster(Context& ctx, const YamlFile& f) {
  if (!f.doc.root->is_map()) return;
  check_imds(ctx, f);
  if (f.kind == FileKind::ClusterConfig) check_efs(ctx, f);
}

}  // namespace pwpc::rules
