// The checks of the "architecture" rules on a ParallelCluster cluster config, split by
// subject; architecture_rules.cpp holds the rule list and runs them.
#pragma once

#include "validate/rule_context.hpp"

namespace pwpc::rules {

// Where the rules come from.
inline constexpr const char* kRefText = "reference architecture (posit-workbench-on-aws-parallelcluster.txt)";

void check_architecture_cluster(Context& ctx, const YamlFile& f);  // version, scheduler, nodes, AMI, ...
void check_architecture_storage(Context& ctx, const YamlFile& f);  // head node EFS, /opt/rstudio, /home

}  // namespace pwpc::rules
