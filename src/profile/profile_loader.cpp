// YAML -> Profile: schema check (schemas/profile.schema.json), then the values, then the
// cross-field rules (profile_checks.cpp). Every problem is reported at once.
#include <cmath>

#include "profile/profile_checks.hpp"
#include "pwpc/profile.hpp"
#include "pwpc/resources.hpp"
#include "pwpc/schema.hpp"

namespace pwpc {
namespace {

const schema::Schema& profile_schema() {
  static const schema::Schema s = schema::Schema::from_resource("schemas/profile.schema.json");
  return s;
}

std::string str(const doc::Node* n, const std::string& fallback = {}) {
  return n && n->is_scalar() ? n->scalar : fallback;
}

double num(const doc::Node* n, double fallback) {
  if (!n) return fallback;
  auto v = n->as_double();
  return v ? *v : fallback;
}

long long integer(const doc::Node* n, long long fallback) {
  if (!n) return fallback;
  if (auto v = n->as_int()) return *v;
  if (auto d = n->as_double()) return static_cast<long long>(*d);
  return fallback;
}

bool boolean(const doc::Node* n, bool fallback) {
  if (!n) return fallback;
  auto v = n->as_bool();
  return v ? *v : fallback;
}

std::vector<std::string> strings(const doc::Node* n, std::vector<std::string> fallback) {
  if (!n || !n->is_seq()) return fallback;
  std::vector<std::string> out;
  for (const auto& i : n->items) out.push_back(i->scalar);
  return out;
}

const doc::Node* at(const doc::Node& root, std::string_view a, std::string_view b) {
  const doc::Node* n = root.get(a);
  return n ? n->get(b) : nullptr;
}

}  // namespace

Profile parse_profile(const doc::Document& d) {
  const doc::Node& r = *d.root;
  if (!r.is_map()) {
    throw InputError(d.path, r.mark.line, r.mark.col, "PROFILE-SCHEMA",
                     r.is_null() ? "the profile is empty" : "the profile must be a mapping of keys",
                     "start from `pwpc init`, which writes a commented starter profile");
  }
  schema::CheckOptions opts;
  opts.rule = "PROFILE-SCHEMA";
  opts.lenient_numbers = false;
  Diagnostics ds = profile_schema().check(d, opts);
  if (has_errors(ds)) {
    sort_diagnostics(ds);
    throw InputError(std::move(ds));
  }

  Profile p;
  p.path = d.path;
  p.api_version = str(r.get("apiVersion"));

  p.cluster.name = str(at(r, "cluster", "name"));
  p.cluster.region = str(at(r, "cluster", "region"));
  if (const doc::Node* v = at(r, "cluster", "parallelcluster_version")) {
    p.cluster.parallelcluster_version = *Version::parse(v->scalar);  // pattern-checked
  }
  p.cluster.os = str(at(r, "cluster", "os"), p.cluster.os);
  p.cluster.head_node_instance_type = str(at(r, "cluster", "head_node_instance_type"));
  p.cluster.login_node_instance_type = str(at(r, "cluster", "login_node_instance_type"));
  if (const doc::Node* tags = at(r, "cluster", "tags")) {
    for (const auto& e : tags->entries) p.cluster.tags.emplace_back(e.key, e.value->scalar);
  }

  p.users.concurrent = integer(at(r, "users", "concurrent"), 0);
  p.users.named = integer(at(r, "users", "named"), p.users.concurrent);
  p.users.sessions_per_user = num(at(r, "users", "sessions_per_user"), p.users.sessions_per_user);

  for (const auto& w : r.get("workloads")->items) {
    Workload wl;
    wl.name = str(w->get("name"));
    wl.share = num(w->get("share"), 0);
    wl.cpus = static_cast<int>(integer(w->get("cpus"), 1));
    wl.memory_gib = num(w->get("memory_gib"), 1);
    wl.gpus = static_cast<int>(integer(w->get("gpus"), 0));
    wl.mark = w->mark;
    p.workloads.push_back(wl);
  }

  p.storage.home_gib_per_user = num(at(r, "storage", "home_gib_per_user"), p.storage.home_gib_per_user);
  p.storage.home_deployment_type = str(at(r, "storage", "home_deployment_type"), p.storage.home_deployment_type);
  p.storage.home_throughput_per_tib =
      static_cast<int>(integer(at(r, "storage", "home_throughput_per_tib"), p.storage.home_throughput_per_tib));

  p.network.vpc_id = str(at(r, "network", "vpc_id"));
  p.network.subnet_id = str(at(r, "network", "subnet_id"));
  p.network.load_balancer_subnet_ids = strings(at(r, "network", "load_balancer_subnet_ids"), {});
  p.network.ssh_key_name = str(at(r, "network", "ssh_key_name"));
  p.network.allowed_cidr = str(at(r, "network", "allowed_cidr"), p.network.allowed_cidr);

  p.image.custom_ami = str(at(r, "image", "custom_ami"));
  p.image.parent_image = str(at(r, "image", "parent_image"));
  p.image.build_instance_type = str(at(r, "image", "build_instance_type"), p.image.build_instance_type);

  p.directory.domain_name = str(at(r, "directory", "domain_name"));
  p.directory.domain_addr = str(at(r, "directory", "domain_addr"));
  p.directory.password_secret_arn = str(at(r, "directory", "password_secret_arn"));
  p.directory.read_only_user = str(at(r, "directory", "read_only_user"));
  p.directory.admin_group = str(at(r, "directory", "admin_group"), p.directory.admin_group);

  p.workbench.version = str(at(r, "workbench", "version"), p.workbench.version);
  p.workbench.r_versions = strings(at(r, "workbench", "r_versions"), p.workbench.r_versions);
  p.workbench.python_versions = strings(at(r, "workbench", "python_versions"), p.workbench.python_versions);
  if (const doc::Node* ides = at(r, "workbench", "ides")) {
    p.workbench.jupyter = boolean(ides->get("jupyter"), p.workbench.jupyter);
    p.workbench.vscode = boolean(ides->get("vscode"), p.workbench.vscode);
    p.workbench.positron = boolean(ides->get("positron"), p.workbench.positron);
  }
  p.workbench.hostname = str(at(r, "workbench", "hostname"));
  p.workbench.tls_certificate_arn = str(at(r, "workbench", "tls_certificate_arn"));

  p.pricing.compute_hours_per_month =
      num(at(r, "pricing", "compute_hours_per_month"), p.pricing.compute_hours_per_month);

  Diagnostics cross = check_profile(p, d);
  if (has_errors(cross)) {
    sort_diagnostics(cross);
    throw InputError(std::move(cross));
  }
  return p;
}

Profile load_profile(const std::string& path) { return parse_profile(doc::load_yaml_file(path)); }

std::string starter_profile() { return std::string(required_resource("templates/init/profile.yaml")); }

}  // namespace pwpc
