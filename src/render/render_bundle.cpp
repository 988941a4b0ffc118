// Plan -> Bundle: one render context per artifact, logic-less templates, headers, modes.
// See docs/render.md for the bundle layout and the variables each template receives.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <utility>

#include "pwpc/render.hpp"
#include "pwpc/version.hpp"
#include "render/render_internal.hpp"
#include "render/values.hpp"

namespace pwpc {

const Artifact* Bundle::find(const std::string& path) const {
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const Artifact& a, const std::string& p) { return a.path < p; });
  return it != files.end() && it->path == path ? &*it : nullptr;
}

namespace render {
namespace {

// The names pwpc gives things (documented in docs/render.md).
constexpr const char* kLauncherCluster = "Slurm";
constexpr const char* kLoginPool = "workbench";
constexpr const char* kConfigDir = "/opt/rstudio";
constexpr const char* kSharedStorage = "/home/rstudio/shared-storage";
constexpr const char* kWorkbenchDbUser = "rstudio";
constexpr const char* kWorkbenchDbName = "rstudio";
constexpr const char* kSlurmDbUser = "slurmdbd";

struct OsInfo {
  bool deb = false;
  std::string workbench_url_dir;  // download2.rstudio.org/server/<dir>
  std::string posit_os;           // cdn.posit.co/r/<id>, cdn.posit.co/python/<id>
};

// Posit's package locations per ParallelCluster Image/Os:
//   Workbench https://docs.posit.co/ide/server-pro/getting_started/installation/installation.html
//   R         https://github.com/rstudio/r-builds#manual-installation
//   Python    https://github.com/rstudio/python-builds#manual-installation
std::optional<OsInfo> os_info(const std::string& os) {
  if (os == "ubuntu2004") return OsInfo{true, "focal/amd64", "ubuntu-2004"};
  if (os == "ubuntu2204") return OsInfo{true, "jammy/amd64", "ubuntu-2204"};
  if (os == "ubuntu2404") return OsInfo{true, "jammy/amd64", "ubuntu-2404"};
  if (os == "rhel8" || os == "rocky8") return OsInfo{false, "rhel8/x86_64", "centos-8"};
  if (os == "rhel9" || os == "rocky9") return OsInfo{false, "rhel9/x86_64", "rhel-9"};
  return std::nullopt;
}

std::string basename_of(const std::string& path) {
  std::string b = std::filesystem::path(path).filename().string();
  return b.empty() ? path : b;
}

// "2025.09.1+401.pro2" -> "2025.09.1-401.pro2" (the download file names use '-').
std::string workbench_file_version(std::string v) {
  std::replace(v.begin(), v.end(), '+', '-');
  return v;
}

// Workbench release year.month as a comparable number (2025.09 -> 202509).
int workbench_release(const std::string& v) {
  int y = 0, m = 0;
  if (std::sscanf(v.c_str(), "%d.%d", &y, &m) != 2) return 0;
  return y * 100 + m;
}

bool is_private_cidr(const std::string& cidr) {
  unsigned a = 0, b = 0, c = 0, d = 0, n = 0;
  if (std::sscanf(cidr.c_str(), "%u.%u.%u.%u/%u", &a, &b, &c, &d, &n) != 5) return false;
  if (a == 10 && n >= 8) return true;
  if (a == 172 && b >= 16 && b <= 31 && n >= 12) return true;
  if (a == 192 && b == 168 && n >= 16) return true;
  return false;
}

std::string sanitize_id(std::string s) {
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
  }
  return s;
}

std::string fmt_gib(double g) {
  if (std::fabs(g - std::round(g)) < 1e-9) return fmt::format("{}", static_cast<long long>(std::llround(g)));
  return fmt::format("{:.1f}", g);
}

class Builder {
 public:
  Builder(const Plan& plan, const RenderOptions& opts, const Values& v)
      : plan_(plan), p_(plan.profile), opts_(opts), v_(v), profile_name_(basename_of(p_.path)) {}

  Bundle build() {
    auto os = os_info(p_.cluster.os);
    if (!os) {
      throw InputError(p_.path, 0, 0, "RENDER-VALUE",
                       fmt::format("cluster.os: pwpc cannot build a Workbench AMI on {}: Posit publishes Workbench, R "
                                   "and Python packages for Ubuntu and RHEL/Rocky only",
                                   p_.cluster.os),
                       "use ubuntu2204, ubuntu2404, ubuntu2004, rhel8, rhel9, rocky8 or rocky9");
    }
    os_ = *os;
    Ctx base = common();

    plan_json();
    emit("parallelcluster/cluster-config.yaml", "parallelcluster/cluster-config.yaml.mustache", cluster_ctx(base),
         Format::Yaml, 0644, '#');
    emit("parallelcluster/image-config.yaml", "parallelcluster/image-config.yaml.mustache", image_ctx(base),
         Format::Yaml, 0644, '#');
    emit("parallelcluster/workbench-config-sync.sh", "parallelcluster/workbench-config-sync.sh.mustache", base,
         Format::Shell, 0755, '#');

    Ctx wb = workbench_ctx(base);
    const std::vector<std::pair<std::string, mode_t>> wb_files{
        {"rserver.conf", 0644},
        {"launcher.conf", 0644},
        {"launcher.slurm.conf", 0644},
        {"launcher.slurm.resources.conf", 0644},
        {"launcher.slurm.profiles.conf", 0644},
        {"database.conf", 0600},
        {"database-secret.env", 0644},
        {"load-balancer", 0644},
        {"jupyter.conf", 0644},
        {"vscode.conf", 0644},
        {"positron.conf", 0644},
        {"logging.conf", 0644},
    };
    for (const auto& [f, mode] : wb_files) {
      emit("workbench/" + f, "workbench/" + f + ".mustache", wb, Format::Ini, mode, '#');
    }

    const std::vector<std::string> units{
        "systemd/rstudio-server.service.d/override.conf",
        "systemd/rstudio-server.service.d/database-password.conf",
        "systemd/rstudio-launcher.service.d/override.conf",
        "systemd/pwpc-workbench.service",
    };
    for (const auto& u : units) emit(u, u + ".mustache", base, Format::Plain, 0644, '#');
    emit("image/libexec/workbench-db-password", "image/libexec/workbench-db-password.mustache", base, Format::Shell,
         0755, '#');
    emit("image/libexec/workbench-start", "image/libexec/workbench-start.mustache", base, Format::Shell, 0755, '#');
    emit("image/install-workbench.sh", "image/install-workbench.sh.mustache", install_ctx(base), Format::Shell, 0755,
         '#');

    emit("cloudformation/infrastructure.yaml", "cloudformation/infrastructure.yaml.mustache", cfn_ctx(base),
         Format::Yaml, 0644, '#');
    emit("DEPLOY.md", "DEPLOY.md.mustache", deploy_ctx(base), Format::Shell, 0644, 'm');

    std::sort(bundle_.files.begin(), bundle_.files.end(),
              [](const Artifact& a, const Artifact& b) { return a.path < b.path; });
    bundle_.placeholders = v_.missing;
    return std::move(bundle_);
  }

 private:
  const Plan& plan_;
  const Profile& p_;
  const RenderOptions& opts_;
  const Values& v_;
  std::string profile_name_;
  OsInfo os_;
  Bundle bundle_;

  std::string header_text() const {
    return fmt::format(
        "Rendered by pwpc {} from profile {}. Do not edit: change the profile and run pwpc render again.",
        pwpc_version(), profile_name_);
  }

  std::string s3_prefix() const { return fmt::format("s3://{}/{}", v_.artifact_bucket, p_.cluster.name); }

  Ctx common() const {
    Ctx c;
    c.set_text("profile_name", profile_name_, "the profile's file name");
    c.set_lit("pwpc_version", std::string(pwpc_version()));
    c.set_text("cluster_name", p_.cluster.name, "cluster.name");
    c.set_text("region", p_.cluster.region, "cluster.region");
    c.set_text("pc_version", p_.cluster.parallelcluster_version.str(), "cluster.parallelcluster_version");
    c.set_text("config_dir", kConfigDir);
    c.set_text("shared_storage_path", kSharedStorage);
    c.set_text("workbench_db_secret_arn", v_.workbench_db_secret_arn, "stack output WorkbenchDbSecretArn");
    c.set_text("artifact_bucket", v_.artifact_bucket, "stack output ArtifactBucketName");
    c.set_text("workbench_config_url", s3_prefix() + "/workbench/", "stack output ArtifactBucketName");
    c.set_text("config_sync_url", s3_prefix() + "/parallelcluster/workbench-config-sync.sh",
               "stack output ArtifactBucketName");
    c.set_text("component_url", s3_prefix() + "/image/install-workbench.sh", "stack output ArtifactBucketName");
    return c;
  }

  Ctx tags_list() const {
    Ctx tags = Ctx::list();
    for (const auto& [k, val] : p_.cluster.tags) {
      tags.push(Ctx().set_text("key", k, "cluster.tags key").set_text("value", val, "cluster.tags." + k));
    }
    return tags;
  }

  void emit(const std::string& path, const std::string& tmpl_name, Ctx ctx, Format f, mode_t mode, char comment) {
    std::string header;
    if (comment == 'm')
      header = "<!-- " + header_text() + " -->";
    else
      header = "# " + header_text();
    ctx.set_lit("header", header);
    std::string tmpl = load_template(tmpl_name, opts_.templates_dir);
    std::string out = render_template(tmpl_name, tmpl, ctx, f, p_.path);
    // LF only, exactly one trailing newline.
    out.erase(std::remove(out.begin(), out.end(), '\r'), out.end());
    while (!out.empty() && out.back() == '\n') out.pop_back();
    out += '\n';
    bundle_.files.push_back(Artifact{path, std::move(out), mode});
  }

  void plan_json() {
    Plan copy = plan_;
    copy.profile.path = profile_name_;  // the file name, not a path that varies between machines
    bundle_.files.push_back(Artifact{"plan.json", plan_to_json(copy), 0644});
  }

  Ctx cluster_ctx(Ctx c) const {
    c.set_text("os", p_.cluster.os, "cluster.os");
    c.set_text("custom_ami", v_.custom_ami, "image.custom_ami");
    c.set_text("head_instance_type", plan_.head_node.instance.name, "head node instance type");
    c.set_text("subnet_id", v_.subnet_id, "SubnetId");
    c.set_bool("has_ssh_key", !p_.network.ssh_key_name.empty());
    c.set_text("ssh_key_name", p_.network.ssh_key_name, "network.ssh_key_name");
    c.set_text("cluster_nodes_sg", v_.cluster_nodes_sg, "stack output ClusterNodesSecurityGroupId");
    c.set_text("head_node_sg", v_.head_node_sg, "stack output HeadNodeSecurityGroupId");
    c.set_text("login_nodes_sg", v_.login_nodes_sg, "stack output LoginNodesSecurityGroupId");
    c.set_text("artifact_read_policy_arn", v_.artifact_read_policy_arn, "stack output ArtifactReadPolicyArn");
    c.set_text("workbench_secret_policy_arn", v_.workbench_secret_policy_arn,
               "stack output WorkbenchSecretReadPolicyArn");
    c.set_text("login_pool_name", kLoginPool);
    c.set_lit("login_count", std::to_string(plan_.login_nodes.count));
    c.set_text("login_instance_type", plan_.login_nodes.instance.name, "login node instance type");
    c.set_text("slurm_db_uri", v_.slurm_db_endpoint + ":3306", "stack output SlurmDbEndpoint");
    c.set_text("slurm_db_user", kSlurmDbUser);
    c.set_text("slurm_db_secret_arn", v_.slurm_db_secret_arn, "stack output SlurmDbSecretArn");
    std::string dbname = p_.cluster.name;
    for (char& ch : dbname) ch = ch == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    c.set_text("slurm_db_name", dbname + "_acct", "cluster.name");
    Ctx queues = Ctx::list();
    for (const auto& q : plan_.queues) {
      queues.push(Ctx()
                      .set_text("name", q.name, "workloads[].name")
                      .set_text("compute_resource", q.compute_resource)
                      .set_text("instance_type", q.instance.name)
                      .set_lit("min_count", std::to_string(q.min_count))
                      .set_lit("max_count", std::to_string(q.max_count)));
    }
    c.set("queues", queues);
    c.set_text("rstudio_efs_id", v_.rstudio_efs_id, "stack output RStudioEfsId");
    c.set_text("home_fs_id", v_.home_fs_id, "stack output HomeFileSystemId");
    c.set_text("domain_name", v_.domain_name, "directory.domain_name");
    c.set_text("domain_addr", v_.domain_addr, "directory.domain_addr");
    c.set_text("directory_secret_arn", v_.directory_secret_arn, "directory.password_secret_arn");
    c.set_text("read_only_user", v_.read_only_user, "directory.read_only_user");
    Ctx tags = tags_list();
    c.set_bool("has_tags", !tags.items.empty());
    c.set("tags", tags);
    return c;
  }

  std::string image_id() const {
    return fmt::format("{}-workbench-{}", p_.cluster.name, sanitize_id(p_.workbench.version));
  }

  Ctx image_ctx(Ctx c) const {
    c.set_text("build_instance_type", p_.image.build_instance_type, "image.build_instance_type");
    c.set_text("parent_image", v_.parent_image, "image.parent_image");
    c.set_text("subnet_id", v_.subnet_id, "SubnetId");
    c.set_text("artifact_read_policy_arn", v_.artifact_read_policy_arn, "stack output ArtifactReadPolicyArn");
    c.set_text("image_name", image_id(), "cluster.name and workbench.version");
    c.set_lit("root_volume_gib", "100");
    Ctx tags = tags_list();
    c.set_bool("has_tags", !tags.items.empty());
    c.set("tags", tags);
    return c;
  }

  Ctx workbench_ctx(Ctx c) const {
    c.set_text("hostname", v_.hostname, "workbench.hostname");
    c.set_text("callback_url", "https://" + v_.hostname, "workbench.hostname");
    c.set_text("launcher_cluster", kLauncherCluster);
    c.set_text("admin_group", p_.directory.admin_group, "directory.admin_group");
    c.set_text("db_uri",
               fmt::format("postgresql://{}@{}:5432/{}?sslmode=require", kWorkbenchDbUser, v_.workbench_db_endpoint,
                           kWorkbenchDbName),
               "stack output WorkbenchDbEndpoint");
    // GPU types of the GPU queues, as Slurm GRES names them (ParallelCluster: EC2 GpuInfo
    // name, lower case, no spaces; aws-parallelcluster-cookbook config_utils.py).
    std::set<std::string> gpu_types;
    for (const auto& q : plan_.queues) {
      if (q.instance.gpus > 0 && !q.instance.gpu_type.empty()) gpu_types.insert(q.instance.gpu_type);
    }
    std::string gpu_list;
    for (const auto& g : gpu_types) gpu_list += (gpu_list.empty() ? "" : ",") + g;
    c.set_bool("gpus", !gpu_types.empty());
    c.set_text("gpu_types", gpu_list, "instance catalog gpu_type");
    c.set_bool("default_partition_supported", workbench_release(p_.workbench.version) >= 202309);
    c.set_text("default_partition", plan_.queues.empty() ? std::string() : plan_.queues.front().name,
               "workloads[0].name");
    Ctx resources = Ctx::list();
    int max_cpus = 0;
    long long max_mem = 0;
    std::string partitions;
    for (const auto& q : plan_.queues) {
      const Workload& w = q.workload;
      long long mem_mb = std::llround(w.memory_gib * 1024);
      long long node_mb = static_cast<long long>(std::floor(q.schedulable_memory_gib * 1024));
      if (mem_mb > node_mb) {
        throw InputError(p_.path, w.mark.line, w.mark.col, "RENDER-VALUE",
                         fmt::format("workload {} asks for {} MiB per session, more than the {} MiB Slurm can "
                                     "schedule on {}",
                                     w.name, mem_mb, node_mb, q.instance.name),
                         "lower memory_gib or let sizing pick a larger instance");
      }
      std::string label = fmt::format(
          "{}: {} CPU{}, {} GiB{} (partition {})", w.name, w.cpus, w.cpus == 1 ? "" : "s", fmt_gib(w.memory_gib),
          w.gpus > 0 ? fmt::format(", {} GPU{}", w.gpus, w.gpus == 1 ? "" : "s") : "", q.name);
      resources.push(Ctx()
                         .set_text("id", w.name, "workloads[].name")
                         .set_text("label", "\"" + label + "\"", "workloads[].name")
                         .set_lit("cpus", std::to_string(w.cpus))
                         .set_lit("mem_mb", std::to_string(mem_mb)));
      max_cpus = std::max(max_cpus, w.cpus);
      max_mem = std::max(max_mem, mem_mb);
      partitions += (partitions.empty() ? "" : ",") + q.name;
    }
    c.set("resources", resources);
    if (!plan_.queues.empty()) {
      const Workload& first = plan_.queues.front().workload;
      c.set_lit("default_cpus", std::to_string(first.cpus));
      c.set_lit("default_mem_mb", std::to_string(std::llround(first.memory_gib * 1024)));
    } else {
      c.set_lit("default_cpus", "1");
      c.set_lit("default_mem_mb", "1024");
    }
    c.set_lit("max_cpus", std::to_string(max_cpus));
    c.set_lit("max_mem_mb", std::to_string(max_mem));
    c.set_text("allowed_partitions", partitions, "workloads[].name");
    c.set_bool("jupyter", p_.workbench.jupyter);
    c.set_bool("vscode", p_.workbench.vscode);
    c.set_bool("positron", p_.workbench.positron);
    c.set_lit("jupyter_flag", p_.workbench.jupyter ? "1" : "0");
    c.set_lit("vscode_flag", p_.workbench.vscode ? "1" : "0");
    c.set_lit("positron_flag", p_.workbench.positron ? "1" : "0");
    return c;
  }

  Ctx install_ctx(Ctx c) const {
    c.set_text("workbench_version", p_.workbench.version, "workbench.version");
    std::string fv = workbench_file_version(p_.workbench.version);
    c.set_text("workbench_url",
               os_.deb ? fmt::format("https://download2.rstudio.org/server/{}/rstudio-workbench-{}-amd64.deb",
                                     os_.workbench_url_dir, fv)
                       : fmt::format("https://download2.rstudio.org/server/{}/rstudio-workbench-rhel-{}-x86_64.rpm",
                                     os_.workbench_url_dir, fv),
               "workbench.version");
    c.set_bool("deb", os_.deb);
    c.set_bool("rpm", !os_.deb);
    // Posit's R and Python builds: https://cdn.posit.co/<lang>/<os>/pkgs/<package file>.
    auto cdn_builds = [&](const std::vector<std::string>& versions, const char* lang, const char* deb_name,
                          const char* rpm_name, const char* origin) {
      Ctx list = Ctx::list();
      for (const auto& v : versions) {
        std::string file =
            os_.deb ? fmt::format("{}-{}_1_amd64.deb", deb_name, v) : fmt::format("{}-{}-1-1.x86_64.rpm", rpm_name, v);
        list.push(
            Ctx()
                .set_text("version", v, origin)
                .set_text("url", fmt::format("https://cdn.posit.co/{}/{}/pkgs/{}", lang, os_.posit_os, file), origin));
      }
      return list;
    };
    c.set("r_versions", cdn_builds(p_.workbench.r_versions, "r", "r", "R", "workbench.r_versions"));
    c.set("python_versions",
          cdn_builds(p_.workbench.python_versions, "python", "python", "python", "workbench.python_versions"));
    c.set_text("jupyter_python",
               p_.workbench.python_versions.empty() ? std::string() : p_.workbench.python_versions.front(),
               "workbench.python_versions[0]");
    c.set_bool("jupyter", p_.workbench.jupyter && !p_.workbench.python_versions.empty());
    // The files the AMI carries, embedded verbatim in quoted here-documents.
    auto embed = [&](const std::string& key, const std::string& path) {
      const Artifact* a = nullptr;
      for (const auto& f : bundle_.files) {
        if (f.path == path) a = &f;
      }
      if (!a) throw std::logic_error("render: " + path + " must be rendered before the install script");
      if (a->bytes.find("\nPWPC_EOF\n") != std::string::npos || a->bytes.starts_with("PWPC_EOF\n")) {
        throw InputError("templates/" + path, 0, 0, "RENDER-TEMPLATE",
                         "the file contains the line PWPC_EOF, which ends the install script's here-document",
                         "remove that line from the template override");
      }
      std::string body = a->bytes;
      if (!body.empty() && body.back() == '\n') body.pop_back();
      c.set_lit(key, body);
    };
    embed("server_override", "systemd/rstudio-server.service.d/override.conf");
    embed("server_db_password", "systemd/rstudio-server.service.d/database-password.conf");
    embed("launcher_override", "systemd/rstudio-launcher.service.d/override.conf");
    embed("workbench_unit", "systemd/pwpc-workbench.service");
    embed("db_password_helper", "image/libexec/workbench-db-password");
    embed("start_helper", "image/libexec/workbench-start");
    return c;
  }

  Ctx cfn_ctx(Ctx c) const {
    c.set_text("workbench_db_class", plan_.workbench_db.instance_class, "database class");
    c.set_text("slurm_db_class", plan_.slurm_accounting_db.instance_class, "database class");
    c.set_text("workbench_db_user", kWorkbenchDbUser);
    c.set_text("workbench_db_name", kWorkbenchDbName);
    c.set_text("slurm_db_user", kSlurmDbUser);
    c.set_lit("home_capacity_gib", std::to_string(plan_.home.capacity_gib));
    c.set_text("home_deployment_type", plan_.home.deployment_type, "storage.home_deployment_type");
    bool persistent = plan_.home.deployment_type.starts_with("PERSISTENT");
    c.set_bool("home_persistent", persistent);
    c.set_lit("home_throughput", std::to_string(plan_.home.throughput_per_tib));
    c.set_text("alb_scheme", is_private_cidr(p_.network.allowed_cidr) ? "internal" : "internet-facing",
               "network.allowed_cidr");
    c.set_text("allowed_cidr", p_.network.allowed_cidr, "network.allowed_cidr");
    return c;
  }

  Ctx deploy_ctx(Ctx c) const {
    Ctx base = cluster_ctx(image_ctx(workbench_ctx(std::move(c))));
    base.set_text("stack_name", "pwpc-" + p_.cluster.name, "cluster.name");
    base.set_text("vpc_id", v_.vpc_id, "VpcId");
    std::string lb;
    for (const auto& s : v_.lb_subnet_ids) lb += (lb.empty() ? "" : ",") + s;
    base.set_text("lb_subnet_ids", lb, "LoadBalancerSubnetIds");
    base.set_text("certificate_arn", v_.certificate_arn, "CertificateArn");
    base.set_text("allowed_cidr", p_.network.allowed_cidr, "network.allowed_cidr");
    base.set_text("alb_scheme", is_private_cidr(p_.network.allowed_cidr) ? "internal" : "internet-facing");
    base.set_text("target_group_arn", v_.target_group_arn, "TargetGroupArn");
    base.set_text("lb_dns_name", v_.lb_dns_name, "LoadBalancerDnsName");
    base.set_text("image_id", image_id());
    base.set_text("profile_path_hint", profile_name_);
    base.set_lit("login_count", std::to_string(plan_.login_nodes.count));
    base.set_lit("peak_sessions", std::to_string(plan_.sessions.peak));
    base.set_text("workbench_version", p_.workbench.version, "workbench.version");
    base.set_lit("home_summary", fmt::format("{} GiB {}", plan_.home.capacity_gib, plan_.home.deployment_type));
    std::string tag_args;
    for (const auto& [k, val] : p_.cluster.tags) tag_args += " " + shell_word(k + "=" + val);
    base.set_lit("cfn_tag_args", tag_args.empty() ? std::string() : " --tags" + tag_args);
    Ctx missing = Ctx::list();
    for (const auto& m : v_.missing) missing.push(Ctx().set_lit("item", m));
    base.set_bool("complete", v_.missing.empty());
    base.set_bool("incomplete", !v_.missing.empty());
    base.set("missing", missing);
    base.set_bool("stack_missing", v_.stack_missing);
    base.set_bool("ami_missing", v_.ami_missing);
    return base;
  }
};

}  // namespace
}  // namespace render

Bundle render_bundle(const Plan& plan, const RenderOptions& opts) {
  render::Values v = render::resolve_values(plan, opts);
  if (!v.missing.empty() && !opts.allow_placeholders) {
    Diagnostics ds;
    for (const auto& m : v.missing) {
      auto colon = m.find(": ");
      ds.push_back(Diagnostic{plan.profile.path, 0, 0, Severity::Error, "RENDER-MISSING-ID",
                              "missing " + m.substr(0, colon) + "; it can come from " + m.substr(colon + 2), "", ""});
    }
    ds.back().hint =
        "pwpc never invents IDs: add them to the profile or pass --stack-outputs FILE; or render with "
        "--allow-placeholders to get a bundle marked PWPC-MISSING-<Key> (DEPLOY.md says which steps come first)";
    throw InputError(ds);
  }
  render::Builder b(plan, opts, v);
  return b.build();
}

}  // namespace pwpc
