// A read-only view of the parts of a ParallelCluster cluster config that the Workbench
// architecture rules and the cross-file Workbench rules need: shared storage (type, mount
// dir) and the compute resources of the Slurm queues with the size of their nodes.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pwpc/document.hpp"
#include "pwpc/sizing.hpp"

namespace pwpc::rules {

struct StorageView {
  std::string name;
  std::string type;                     // StorageType as written: Efs, FsxLustre, FsxOpenZfs, Ebs, ...
  std::string mount_dir;                // normalised: a leading '/', no trailing '/'
  bool existing = false;                // FileSystemId/VolumeId given: not created by ParallelCluster
  const doc::Node* item = nullptr;      // the SharedStorage[] item
  const doc::Node* settings = nullptr;  // EfsSettings, FsxLustreSettings, ... (may be null)
  doc::Mark mark;                       // the item
  doc::Mark type_mark;                  // the StorageType value (or the item)
  doc::Mark mount_mark;                 // the MountDir value (or the item)
};

struct ComputeResourceView {
  std::string_view queue;  // points into the document (one copy per queue, not per resource)
  std::string name;
  std::vector<std::string> instance_types;          // InstanceType, or every Instances[]/InstanceType
  bool smt_disabled = false;                        // DisableSimultaneousMultithreading: true
  std::optional<long long> schedulable_memory_mib;  // SchedulableMemory when set
  doc::Mark mark;
};

// What one node of a compute resource offers Slurm, when pwpc knows every instance type
// of it (data/instance-catalog.yaml). A flexible compute resource (Instances[]) counts as
// its smallest type.
struct NodeCapacity {
  std::optional<int> vcpus;  // unknown when simultaneous multithreading is disabled
  long long memory_mib = 0;  // schedulable memory
  int gpus = 0;
  std::set<std::string> gpu_types;  // lower-case, as ParallelCluster names Slurm GRES types
};

struct ClusterView {
  std::vector<StorageView> storage;
  std::vector<ComputeResourceView> compute_resources;

  // The storage mounted exactly at dir, or null.
  const StorageView* mounted_at(std::string_view dir) const;
  // The storage whose mount dir contains path (the deepest one), or null.
  const StorageView* containing(std::string_view path) const;
};

ClusterView view_cluster(const doc::Node& root);

// "/home/" -> "/home", "efs" -> "/efs" (ParallelCluster accepts mount dirs without '/').
std::string normalise_dir(std::string_view dir);
// True when path is dir or lies below it.
bool path_within(std::string_view path, std::string_view dir);

// Capacity of one node of cr, or nullopt when an instance type is not in the catalog.
std::optional<NodeCapacity> node_capacity(const ComputeResourceView& cr);

// The scalar text of a node, or "" for anything else.
std::string scalar_of(const doc::Node* n);

}  // namespace pwpc::rules
