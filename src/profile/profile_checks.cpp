#include "profile/profile_checks.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

namespace pwpc {
namespace {

// The position of a key path such as {"users", "named"}; falls back to the nearest parent.
doc::Mark mark_of(const doc::Document& d, std::initializer_list<std::string_view> keys) {
  const doc::Node* n = d.root.get();
  doc::Mark m = n->mark;
  for (auto k : keys) {
    const doc::Entry* e = n ? n->entry(k) : nullptr;
    if (!e) break;
    m = e->value->is_scalar() ? e->value->mark : e->key_mark;
    n = e->value.get();
  }
  return m;
}

}  // namespace

Diagnostics check_profile(const Profile& p, const doc::Document& d) {
  Diagnostics out;
  auto add = [&](doc::Mark m, std::string path, std::string msg, std::string hint) {
    out.push_back(Diagnostic{d.path, m.line, m.col, Severity::Error, "PROFILE-RULE", std::move(msg), std::move(hint),
                             std::move(path)});
  };

  const Version minimum{3, 8, 0};
  if (p.cluster.parallelcluster_version < minimum) {
    add(mark_of(d, {"cluster", "parallelcluster_version"}), "cluster/parallelcluster_version",
        "ParallelCluster " + p.cluster.parallelcluster_version.str() +
            " is older than 3.8.0, the minimum for this architecture",
        "use 3.8.0 or later (login nodes, SharedStorageType: Efs and /home on FSx need it)");
  }

  if (p.users.named < p.users.concurrent) {
    add(mark_of(d, {"users", "named"}), "users/named",
        fmt::format("{} named users is fewer than {} concurrent users", p.users.named, p.users.concurrent),
        "named counts accounts (home directories); it is at least the number of concurrent users");
  }

  double total = 0;
  std::set<std::string> names;
  const doc::Node* wl = d.root->get("workloads");
  for (std::size_t i = 0; i < p.workloads.size(); ++i) {
    const auto& w = p.workloads[i];
    total += w.share;
    std::string path = "workloads[" + std::to_string(i) + "]/name";
    doc::Mark m = w.mark;
    if (wl && i < wl->items.size()) {
      if (const doc::Node* nm = wl->items[i]->get("name")) m = nm->mark;
    }
    if (!names.insert(w.name).second) {
      add(m, path, "workload name '" + w.name + "' is used twice",
          "each workload becomes a Slurm queue; names must be unique");
    }
    if (w.name == "default") {
      add(m, path, "'default' cannot be a workload name", "ParallelCluster reserves 'default' for queue names");
    }
  }
  if (std::fabs(total - 1.0) > 0.001) {
    add(mark_of(d, {"workloads"}), "workloads", fmt::format("workload shares sum to {:.4g}, not 1", total),
        "shares are fractions of all sessions; make them add up to 1 (within 0.001)");
  }

  const std::string& dt = p.storage.home_deployment_type;
  int tp = p.storage.home_throughput_per_tib;
  const doc::Node* st = d.root->get("storage");
  bool tp_given = st && st->get("home_throughput_per_tib");
  if (tp_given) {
    bool ok = (dt == "PERSISTENT_2" && (tp == 125 || tp == 250 || tp == 500 || tp == 1000)) ||
              (dt == "PERSISTENT_1" && (tp == 50 || tp == 100 || tp == 200));
    if (!ok) {
      std::string allowed = dt == "PERSISTENT_2"   ? "125, 250, 500 or 1000"
                            : dt == "PERSISTENT_1" ? "50, 100 or 200"
                                                   : "none (scratch file systems have no throughput setting)";
      add(mark_of(d, {"storage", "home_throughput_per_tib"}), "storage/home_throughput_per_tib",
          fmt::format("throughput {} MB/s/TiB does not exist for {}", tp, dt), "allowed: " + allowed);
    }
  }

  for (const auto& [k, v] : p.cluster.tags) {
    if (k.size() > 128 || k.starts_with("parallelcluster:")) {
      add(mark_of(d, {"cluster", "tags"}), "cluster/tags/" + k, "tag key '" + k + "' is not allowed",
          "keys are at most 128 characters and may not start with 'parallelcluster:'");
    }
  }
  if (p.cluster.tags.size() > 40) {
    add(mark_of(d, {"cluster", "tags"}), "cluster/tags", "more than 40 tags", "ParallelCluster allows at most 40 tags");
  }
  return out;
}

}  // namespace pwpc
