// PC-NAME, PC-CLUSTER-NAME, PC-DUPLICATE-NAME: ParallelCluster's NameValidator,
// ClusterNameValidator and DuplicateNameValidator.
#include <map>

#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

constexpr std::size_t kMaxResourceName = 25;

bool lower_alnum_dash(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// ^[a-z][a-z0-9\-]*$ with Python's `$`.
bool valid_resource_name(std::string_view name) {
  name = strip_final_newline(name);
  if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name) {
    if (!lower_alnum_dash(c)) return false;
  }
  return true;
}

// A name that would pass, derived from the bad one, for the hint.
std::string suggest_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    out.push_back(lower_alnum_dash(l) ? l : '-');
  }
  // From the first letter on, cut once (erasing one character at a time was quadratic).
  std::size_t first = out.find_first_of("abcdefghijklmnopqrstuvwxyz");
  out = first == std::string::npos ? std::string() : out.substr(first, kMaxResourceName);
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.empty() || out == "default") out = "name1";
  return out;
}

void check_resource_name(const Cluster& c, const At& name_at, std::string_view what) {
  auto name = name_at.string();
  if (!name) return;
  const std::string why = " ParallelCluster builds Slurm partition and node names and AWS resource names from it.";
  if (!valid_resource_name(*name)) {
    c.report("PC-NAME", name_at,
             "invalid " + std::string(what) + " name " + q(*name) +
                 ": it must begin with a lowercase letter and contain only lowercase letters, digits and hyphens",
             "rename it, for example to " + q(suggest_name(*name)) + "." + why);
  }
  if (name->size() > kMaxResourceName) {
    c.report("PC-NAME", name_at,
             "invalid " + std::string(what) + " name " + q(*name) + ": it has " + std::to_string(name->size()) +
                 " characters, at most 25 are allowed",
             "shorten it to 25 characters or fewer." + why);
  }
  if (*name == "default") {
    c.report("PC-NAME", name_at, std::string(what) + " name 'default' is forbidden",
             "choose another name; 'default' is reserved by Slurm");
  }
}

void check_names(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    for (const char* list : {"SlurmQueues", "AwsBatchQueues"}) {
      for (const auto& queue : c.root.at({"Scheduling", list}).items()) {
        check_resource_name(c, queue["Name"], "queue");
        for (const auto& cr : queue["ComputeResources"].items()) check_resource_name(c, cr["Name"], "compute resource");
      }
    }
    for (const auto& pool : c.root.at({"LoginNodes", "Pools"}).items())
      check_resource_name(c, pool["Name"], "login node pool");
  });
}

// ^[a-zA-Z][a-zA-Z0-9-]{0,N}$
bool valid_cluster_name(std::string_view name, std::size_t max) {
  name = strip_final_newline(name);
  if (name.empty() || name.size() > max) return false;
  auto alpha = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); };
  if (!alpha(name[0])) return false;
  for (char ch : name) {
    if (!alpha(ch) && !(ch >= '0' && ch <= '9') && ch != '-') return false;
  }
  return true;
}

void check_cluster_name(Context& ctx) {
  const std::string& name = ctx.options().cluster_name;
  if (name.empty()) return;
  for_each_cluster(ctx, [&](const Cluster& c) {
    bool accounting = c.has_database();
    std::size_t max = accounting ? 40 : 60;
    if (valid_cluster_name(name, max)) return;
    At where = accounting ? c.slurm_settings()["Database"] : c.root;
    std::string msg = "the cluster name " + q(name) +
                      " (--cluster-name) can contain only letters, digits and hyphens, must start with a letter and "
                      "can't be longer than " +
                      std::to_string(max) + " characters";
    if (accounting) msg += " when Slurm accounting (SlurmSettings/Database) is configured";
    c.report("PC-CLUSTER-NAME", where, msg,
             accounting ? "Slurm names its accounting tables after the cluster and MySQL limits table names to 64 "
                          "characters; choose a name of at most 40 characters"
                        : "choose a name such as 'workbench-prod' (pcluster create-cluster -n NAME)");
  });
}

// Reports each value that appeared before, pointing at the repeat.
void report_duplicates(const Cluster& c, const std::vector<At>& values, std::string_view what, std::string_view hint) {
  std::map<std::string, const At*> first;
  for (const auto& v : values) {
    auto s = v.str();
    if (!s) continue;
    auto [it, fresh] = first.emplace(*s, &v);
    if (fresh) continue;
    c.report("PC-DUPLICATE-NAME", v,
             std::string(what) + " " + q(*s) + " must be unique; it is also used at line " +
                 std::to_string(it->second->mark.line),
             std::string(hint));
  }
}

// The existing resource a shared storage entry mounts, if any (VolumeId, FileSystemId, FileCacheId).
At existing_id(const At& storage) {
  auto type = storage["StorageType"].str().value_or("");
  if (type == "Ebs") return storage.at({"EbsSettings", "VolumeId"});
  if (type == "Efs") return storage.at({"EfsSettings", "FileSystemId"});
  if (type == "FsxLustre") return storage.at({"FsxLustreSettings", "FileSystemId"});
  if (type == "FsxOpenZfs") return storage.at({"FsxOpenZfsSettings", "VolumeId"});
  if (type == "FsxOntap") return storage.at({"FsxOntapSettings", "VolumeId"});
  if (type == "FileCache") return storage.at({"FileCacheSettings", "FileCacheId"});
  return At{};
}

void check_duplicates(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    for (const char* list : {"SlurmQueues", "AwsBatchQueues"}) {
      std::vector<At> names;
      for (const auto& queue : c.root.at({"Scheduling", list}).items()) {
        names.push_back(queue["Name"]);
        std::vector<At> crs;
        for (const auto& cr : queue["ComputeResources"].items()) crs.push_back(cr["Name"]);
        report_duplicates(c, crs, "Compute resource name",
                          "compute resource names must differ within a queue (the same name in two queues is fine)");
      }
      report_duplicates(c, names, "Queue name", "each queue needs its own name; it becomes a Slurm partition");
    }
    std::vector<At> pools;
    for (const auto& pool : c.root.at({"LoginNodes", "Pools"}).items()) pools.push_back(pool["Name"]);
    report_duplicates(c, pools, "Login node pool name", "give each pool its own name");
    std::vector<At> storage_names, ids;
    for (const auto& s : c.storages()) {
      storage_names.push_back(s["Name"]);
      At id = existing_id(s);
      if (id.present()) ids.push_back(id);
    }
    report_duplicates(c, storage_names, "Shared storage name", "give each SharedStorage entry its own Name");
    report_duplicates(c, ids, "Existing storage id",
                      "mount each existing volume, file system or cache once; remove the repeated entry");
  });
}

}  // namespace

const Family& names_family() {
  static const Family f{
      {rule("PC-NAME", Severity::Error, "Queue, compute resource and login pool names are valid Slurm/AWS names",
            "ParallelCluster's NameValidator refuses names that do not match ^[a-z][a-z0-9-]*$, are longer than 25 "
            "characters or are 'default'; pcluster create-cluster stops on them.",
            std::string(kPcSource) + "validators/cluster_validators.py"),
       rule("PC-CLUSTER-NAME", Severity::Error,
            "The cluster name (--cluster-name) fits ParallelCluster's pattern and length (40 with Slurm accounting)",
            "ParallelCluster's ClusterNameValidator: letters, digits and hyphens, starting with a letter, at most 60 "
            "characters, or 40 with SlurmSettings/Database because Slurm derives table names from it.",
            std::string(kPcSource) + "validators/cluster_validators.py"),
       rule("PC-DUPLICATE-NAME", Severity::Error,
            "Queue, compute resource, login pool and shared storage names, and existing storage ids, are unique",
            "ParallelCluster's DuplicateNameValidator refuses a repeated queue name, compute resource name within a "
            "queue, pool name, storage name or existing volume/file system id.",
            std::string(kPcSource) + "validators/cluster_validators.py")},
      [](Context& ctx) {
        check_names(ctx);
        check_cluster_name(ctx);
        check_duplicates(ctx);
      }};
  return f;
}

}  // namespace pwpc::rules::pc
