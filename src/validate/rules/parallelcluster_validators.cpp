// The ParallelCluster validators as one rule family: the groups of parallelcluster_*.cpp,
// in the order ParallelCluster would meet them. See docs/parallelcluster-validation.md.
#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules {

const Family& parallelcluster_validators_family() {
  static const Family f = [] {
    const std::vector<const Family*> parts{
        &pc::scheduler_family(),
        &pc::region_family(),
        &pc::names_family(),
        &pc::queues_family(),
        &pc::networking_family(),
        &pc::efa_family(),
        &pc::storage_family(),
        &pc::ebs_family(),
        &pc::fsx_family(),
        &pc::efs_family(),
        &pc::slurm_settings_family(),
        &pc::urls_family(),
        &pc::tags_family(),
        &pc::iam_family(),
        &pc::directory_service_family(),
        &pc::image_family(),
    };
    Family all;
    for (const auto* p : parts) all.rules.insert(all.rules.end(), p->rules.begin(), p->rules.end());
    all.check = [parts](Context& ctx) {
      for (const auto* p : parts) p->check(ctx);
    };
    return all;
  }();
  return f;
}

}  // namespace pwpc::rules
