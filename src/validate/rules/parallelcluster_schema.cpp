// PC-SCHEMA: the ParallelCluster 3.x cluster and build-image configs against their JSON
// Schemas (schemas/parallelcluster-*.schema.json), version-aware.
#include "pwpc/schema.hpp"
#include "validate/rule_context.hpp"

namespace pwpc::rules {
namespace {

const schema::Schema& cluster_schema() {
  static const schema::Schema s = schema::Schema::from_resource("schemas/parallelcluster-cluster.schema.json");
  return s;
}
const schema::Schema& image_schema() {
  static const schema::Schema s = schema::Schema::from_resource("schemas/parallelcluster-image.schema.json");
  return s;
}

void check(Context& ctx) {
  schema::CheckOptions o;
  o.rule = "PC-SCHEMA";
  o.version = ctx.pc_version();
  for (const auto* f : ctx.yaml_of(FileKind::ClusterConfig)) ctx.add(cluster_schema().check(f->doc, o));
  for (const auto* f : ctx.yaml_of(FileKind::ImageConfig)) ctx.add(image_schema().check(f->doc, o));
}

}  // namespace

const Family& parallelcluster_schema_family() {
  static const Family f{
      {{"PC-SCHEMA", "parallelcluster", Severity::Error,
        "The config matches ParallelCluster's own schema for the target version",
        "ParallelCluster refuses unknown keys, wrong types, values outside enums and patterns, and missing "
        "required keys before it creates anything; pwpc says so in milliseconds, with line and column.",
        "https://docs.aws.amazon.com/parallelcluster/latest/ug/cluster-configuration-file-v3.html"}},
      check};
  return f;
}

}  // namespace pwpc::rules
