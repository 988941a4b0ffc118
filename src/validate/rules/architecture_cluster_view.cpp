#include "validate/rules/architecture_cluster_view.hpp"

#include <algorithm>
#include <cmath>

namespace pwpc::rules {

std::string scalar_of(const doc::Node* n) { return n && n->is_scalar() ? n->scalar : std::string(); }

std::string normalise_dir(std::string_view dir) {
  std::string d(dir);
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  if (d.empty() || d.front() != '/') d.insert(d.begin(), '/');
  return d;
}

bool path_within(std::string_view path, std::string_view dir) {
  if (dir == "/") return path.starts_with("/");
  if (!path.starts_with(dir)) return false;
  return path.size() == dir.size() || path[dir.size()] == '/';
}

const StorageView* ClusterView::mounted_at(std::string_view dir) const {
  std::string d = normalise_dir(dir);
  for (const auto& s : storage) {
    if (s.mount_dir == d) return &s;
  }
  return nullptr;
}

const StorageView* ClusterView::containing(std::string_view path) const {
  std::string p = normalise_dir(path);
  const StorageView* best = nullptr;
  for (const auto& s : storage) {
    if (path_within(p, s.mount_dir) && (!best || s.mount_dir.size() > best->mount_dir.size())) best = &s;
  }
  return best;
}

namespace {

// The `*Settings` key that belongs to each StorageType.
std::string settings_key(const std::string& type) {
  if (type == "Efs") return "EfsSettings";
  if (type == "FsxLustre") return "FsxLustreSettings";
  if (type == "FsxOpenZfs") return "FsxOpenZfsSettings";
  if (type == "FsxOntap") return "FsxOntapSettings";
  if (type == "FileCache") return "FileCacheSettings";
  if (type == "Ebs") return "EbsSettings";
  return {};
}

void add_storage(ClusterView& v, const doc::Node& item) {
  if (!item.is_map()) return;
  StorageView s;
  s.item = &item;
  s.mark = item.mark;
  s.name = scalar_of(item.get("Name"));
  s.type = scalar_of(item.get("StorageType"));
  s.type_mark = item.get("StorageType") ? item.get("StorageType")->mark : item.mark;
  const doc::Node* mount = item.get("MountDir");
  s.mount_dir = mount && mount->is_scalar() ? normalise_dir(mount->scalar) : std::string();
  s.mount_mark = mount ? mount->mark : item.mark;
  if (auto key = settings_key(s.type); !key.empty()) s.settings = item.get(key);
  if (s.settings) {
    s.existing = s.settings->get("FileSystemId") != nullptr || s.settings->get("VolumeId") != nullptr ||
                 s.settings->get("FileCacheId") != nullptr;
  }
  v.storage.push_back(std::move(s));
}

void add_compute_resource(ClusterView& v, std::string_view queue, const doc::Node& cr) {
  if (!cr.is_map()) return;
  ComputeResourceView c;
  c.queue = queue;
  c.name = scalar_of(cr.get("Name"));
  c.mark = cr.mark;
  if (const auto* it = cr.get("InstanceType"); it && it->is_scalar()) c.instance_types.push_back(it->scalar);
  if (const auto* list = cr.get("Instances"); list && list->is_seq()) {
    for (const auto& i : list->items) {
      if (auto t = scalar_of(i->get("InstanceType")); !t.empty()) c.instance_types.push_back(t);
    }
  }
  if (const auto* smt = cr.get("DisableSimultaneousMultithreading")) c.smt_disabled = smt->as_bool().value_or(false);
  if (const auto* sm = cr.get("SchedulableMemory")) c.schedulable_memory_mib = sm->as_int();
  v.compute_resources.push_back(std::move(c));
}

}  // namespace

ClusterView view_cluster(const doc::Node& root) {
  ClusterView v;
  if (const auto* ss = root.get("SharedStorage"); ss && ss->is_seq()) {
    for (const auto& item : ss->items) add_storage(v, *item);
  }
  const doc::Node* sched = root.get("Scheduling");
  const doc::Node* queues = sched ? sched->get("SlurmQueues") : nullptr;
  if (queues && queues->is_seq()) {
    for (const auto& q : queues->items) {
      if (!q->is_map()) continue;
      const doc::Node* name = q->get("Name");
      std::string_view qname = name && name->is_scalar() ? std::string_view(name->scalar) : std::string_view();
      const doc::Node* crs = q->get("ComputeResources");
      if (!crs || !crs->is_seq()) continue;
      for (const auto& cr : crs->items) add_compute_resource(v, qname, *cr);
    }
  }
  return v;
}

std::optional<NodeCapacity> node_capacity(const ComputeResourceView& cr) {
  if (cr.instance_types.empty()) return std::nullopt;
  NodeCapacity cap;
  bool first = true;
  for (const auto& name : cr.instance_types) {
    const InstanceType* it = find_instance_type(name);
    if (!it) return std::nullopt;
    auto mem = static_cast<long long>(std::llround(schedulable_memory_gib(*it) * 1024.0));
    if (first) {
      cap.vcpus = it->vcpus;
      cap.memory_mib = mem;
      cap.gpus = it->gpus;
      first = false;
    } else {
      cap.vcpus = std::min(*cap.vcpus, it->vcpus);
      cap.memory_mib = std::min(cap.memory_mib, mem);
      cap.gpus = std::min(cap.gpus, it->gpus);
    }
    if (!it->gpu_type.empty()) cap.gpu_types.insert(it->gpu_type);
  }
  if (cr.smt_disabled) cap.vcpus.reset();
  if (cr.schedulable_memory_mib && *cr.schedulable_memory_mib > 0) cap.memory_mib = *cr.schedulable_memory_mib;
  return cap;
}

}  // namespace pwpc::rules
