// The Slurm launcher files against the cluster config in the same run: every resource
// profile fits on some compute node, and gpu-types names the GPUs the queues really have.
// Node sizes come from pwpc's instance catalog (data/instance-catalog.yaml); a compute
// resource with a type outside the catalog makes the answer unknown, and pwpc then stays
// silent rather than guess.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "validate/rules/architecture_cluster_view.hpp"
#include "validate/rules/workbench_checks.hpp"
#include "validate/rules/workbench_ini.hpp"

namespace pwpc::rules {
namespace {

struct Node {
  std::string label;  // "m6i.2xlarge in queue interactive"
  NodeCapacity cap;
};

struct Nodes {
  std::vector<Node> known;
  std::vector<std::string> unknown;  // instance types (or compute resources) pwpc cannot size
  bool any = false;                  // the run has a cluster config with compute resources
};

Nodes collect_nodes(const Context& ctx) {
  Nodes out;
  for (const auto* c : ctx.yaml_of(FileKind::ClusterConfig)) {
    if (!c->doc.root->is_map()) continue;
    for (const auto& cr : view_cluster(*c->doc.root).compute_resources) {
      out.any = true;
      std::string types;
      for (const auto& t : cr.instance_types) types += (types.empty() ? "" : "/") + t;
      auto cap = node_capacity(cr);
      if (cap) {
        out.known.push_back(Node{fmt::format("{} in queue {}", types, cr.queue), *cap});
      } else {
        out.unknown.push_back(types.empty() ? cr.name : types);
      }
    }
  }
  return out;
}

void check_profile(Context& ctx, const IniFile& f, const ini::Section& s, const Nodes& nodes) {
  const ini::Entry* cpus_e = s.find("cpus");
  const ini::Entry* mem_e = s.find("mem-mb");
  // 0 = not asked for (a missing or non-numeric value is not this rule's business)
  const long long cpus = cpus_e ? ini_int(cpus_e->value).value_or(0) : 0;
  const long long mem = mem_e ? ini_int(mem_e->value).value_or(0) : 0;
  if (cpus == 0 && mem == 0) return;
  const Node* best_cpu = nullptr;  // most vCPUs
  const Node* best_mem = nullptr;  // most memory among nodes with enough vCPUs
  for (const auto& n : nodes.known) {
    if (!n.cap.vcpus) return;  // SMT disabled: vCPUs unknown, so the answer is too
    bool cpu_ok = *n.cap.vcpus >= cpus;
    bool mem_ok = n.cap.memory_mib >= mem;
    if (cpu_ok && mem_ok) return;
    if (!best_cpu || *n.cap.vcpus > *best_cpu->cap.vcpus) best_cpu = &n;
    if (cpu_ok && (!best_mem || n.cap.memory_mib > best_mem->cap.memory_mib)) best_mem = &n;
  }
  if (!nodes.unknown.empty() || !best_cpu) return;  // a node pwpc cannot size might fit
  std::string profile = s.name;
  if (const ini::Entry* n = s.find("name")) profile += " \"" + unquote(n->value) + "\"";
  if (!best_mem) {
    ctx.report("WB-RESOURCE-PROFILE-FIT", f.source->path, cpus_e->value_mark,
               fmt::format("resource profile [{}] asks for {} CPUs; the largest compute node, {}, has {} vCPUs",
                           profile, cpus, best_cpu->label, *best_cpu->cap.vcpus),
               "lower cpus, or add a larger instance type to a queue; the session would wait in Slurm forever",
               s.name + "/cpus");
    return;
  }
  ctx.report(
      "WB-RESOURCE-PROFILE-FIT", f.source->path, mem_e->value_mark,
      fmt::format("resource profile [{}] asks for {} MiB; a compute node with at least {} vCPUs schedules at most "
                  "{} MiB ({})",
                  profile, mem, std::max(cpus, 1LL), best_mem->cap.memory_mib, best_mem->label),
      fmt::format("lower mem-mb to {} or less, or add a larger instance type; ParallelCluster lets Slurm "
                  "schedule about 95% of a node's EC2 memory",
                  best_mem->cap.memory_mib),
      s.name + "/mem-mb");
}

void check_gpu_types(Context& ctx, const IniFile& f, const Nodes& nodes) {
  const ini::Entry* e = top_level(f.ini, "gpu-types");
  if (!e || !nodes.unknown.empty()) return;
  std::set<std::string> present;
  for (const auto& n : nodes.known) present.insert(n.cap.gpu_types.begin(), n.cap.gpu_types.end());
  std::string have;
  for (const auto& t : present) have += (have.empty() ? "" : ", ") + t;
  const std::string hint =
      "ParallelCluster names each node's Slurm GRES type after its EC2 GPU in lower case (T4 -> t4, A10G -> a10g); "
      "list exactly those";
  std::set<std::string> listed;
  std::size_t from = 0;  // items are in order: each is searched for after the last one
  for (const auto& item : split_list(e->value)) {
    listed.insert(lower(item));
    auto off = e->value.find(item, from);
    if (off != std::string::npos) from = off + item.size();
    if (present.count(lower(item))) continue;
    doc::Mark at = e->value_mark;
    if (off != std::string::npos) at.col += static_cast<int>(off);
    ctx.report("WB-GPU-TYPES", f.source->path, at,
               fmt::format("gpu-types lists '{}', but no compute node has that GPU ({})", item,
                           present.empty() ? std::string("the queues have no GPU instances") : "GPU types: " + have),
               hint, "gpu-types");
  }
  for (const auto& t : present) {
    if (listed.count(t)) continue;
    ctx.report("WB-GPU-TYPES", f.source->path, e->value_mark,
               fmt::format("the queues have '{}' GPUs that gpu-types does not list; users cannot ask for them", t),
               hint, "gpu-types");
  }
}

}  // namespace

void check_workbench_slurm(Context& ctx) {
  Nodes nodes = collect_nodes(ctx);
  if (!nodes.any) return;
  for (const auto* f : ctx.ini_of(FileKind::LauncherSlurmResources)) {
    for (const auto& s : f->ini.sections) {
      if (!s.name.empty()) check_profile(ctx, *f, s, nodes);
    }
  }
  for (const auto* f : ctx.ini_of(FileKind::LauncherSlurmConf)) check_gpu_types(ctx, *f, nodes);
}

}  // namespace pwpc::rules
