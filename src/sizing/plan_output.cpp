// plan_to_json (the documented, versioned machine output of `pwpc plan --format json`) and
// plan_to_text (the table a reviewer reads). Both are deterministic: same Plan, same bytes.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pwpc/sizing.hpp"
#include "pwpc/version.hpp"
#include "sizing/sizing_util.hpp"

namespace pwpc {

using sizing::fmt_gib;
using sizing::fmt_num;

namespace {

using ojson = nlohmann::ordered_json;

// Bump only for an incompatible change; fields are added, never renamed or removed.
constexpr int kPlanSchemaVersion = 1;

ojson reason_json(const Reason& r) {
  ojson j;
  j["rule"] = r.rule;
  j["text"] = r.text;
  j["source"] = r.source;
  return j;
}

// Round to 2 decimals for display in JSON (GiB figures); money uses round_cents.
double two_decimals(double x) { return std::round(x * 100.0) / 100.0; }

ojson nodes_json(const Plan::Nodes& n) {
  ojson j;
  j["count"] = n.count;
  j["instance_type"] = n.instance.name;
  j["vcpus"] = n.instance.vcpus;
  j["memory_gib"] = n.instance.memory_gib;
  j["usd_per_hour"] = n.instance.usd_per_hour;
  j["reason"] = reason_json(n.reason);
  j["instance_type_reason"] = reason_json(n.type_reason);
  return j;
}

ojson database_json(const Plan::Database& d) {
  ojson j;
  j["engine"] = d.engine;
  j["instance_class"] = d.instance_class;
  j["reason"] = reason_json(d.reason);
  return j;
}

ojson queue_json(const QueuePlan& q) {
  ojson j;
  j["name"] = q.name;
  j["compute_resource"] = q.compute_resource;
  j["instance_type"] = q.instance.name;
  j["vcpus"] = q.instance.vcpus;
  j["memory_gib"] = q.instance.memory_gib;
  j["schedulable_memory_gib"] = two_decimals(q.schedulable_memory_gib);
  j["gpus"] = q.instance.gpus;
  j["gpu_type"] = q.instance.gpu_type.empty() ? ojson(nullptr) : ojson(q.instance.gpu_type);
  j["usd_per_hour"] = q.instance.usd_per_hour;
  j["session"] = {{"share", q.workload.share},
                  {"cpus", q.workload.cpus},
                  {"memory_gib", q.workload.memory_gib},
                  {"gpus", q.workload.gpus}};
  j["peak_sessions"] = q.peak_sessions;
  j["sessions_per_node"] = q.sessions_per_node;
  j["min_count"] = q.min_count;
  j["max_count"] = q.max_count;
  j["reason"] = reason_json(q.reason);
  return j;
}

}  // namespace

std::string plan_to_json(const Plan& plan) {
  const Profile& p = plan.profile;
  ojson j;
  j["schema_version"] = kPlanSchemaVersion;
  j["pwpc_version"] = std::string(pwpc_version());
  j["profile"] = p.path;
  j["cluster"] = {{"name", p.cluster.name}, {"region", p.cluster.region}};

  j["sessions"] = {{"concurrent_users", p.users.concurrent},
                   {"sessions_per_user", p.users.sessions_per_user},
                   {"peak", plan.sessions.peak},
                   {"reason", reason_json(plan.sessions.reason)}};
  j["head_node"] = nodes_json(plan.head_node);
  j["login_nodes"] = nodes_json(plan.login_nodes);
  j["databases"] = {{"workbench", database_json(plan.workbench_db)},
                    {"slurm_accounting", database_json(plan.slurm_accounting_db)}};

  ojson home;
  home["type"] = "fsx-lustre";
  home["mount_dir"] = "/home";
  home["deployment_type"] = plan.home.deployment_type;
  home["throughput_per_tib"] = plan.home.throughput_per_tib > 0 ? ojson(plan.home.throughput_per_tib) : ojson(nullptr);
  home["need_gib"] = two_decimals(plan.home.need_gib);
  home["capacity_gib"] = plan.home.capacity_gib;
  home["reason"] = reason_json(plan.home.reason);
  ojson efs = ojson::array();
  for (const auto& e : plan.efs) {
    ojson x;
    x["name"] = e.name;
    x["purpose"] = e.purpose;
    x["mount_dir"] = e.mount_dir.empty() ? ojson(nullptr) : ojson(e.mount_dir);
    x["assumed_gb"] = e.assumed_gb;
    x["reason"] = reason_json(e.reason);
    efs.push_back(std::move(x));
  }
  j["storage"] = {{"home", home}, {"efs", efs}};

  ojson queues = ojson::array();
  for (const auto& q : plan.queues) queues.push_back(queue_json(q));
  j["queues"] = queues;

  ojson cost;
  cost["currency"] = "USD";
  cost["region"] = plan.cost.region;
  cost["prices_as_of"] = plan.cost.prices_as_of;
  cost["monthly_usd"] = round_cents(plan.cost.monthly_usd);
  cost["reason"] = reason_json(plan.cost.reason);
  ojson items = ojson::array();
  for (const auto& i : plan.cost.items) {
    ojson x;
    x["item"] = i.item;
    x["detail"] = i.detail;
    x["monthly_usd"] = round_cents(i.monthly_usd);
    x["price_source"] = i.price_source;
    items.push_back(std::move(x));
  }
  cost["items"] = items;
  cost["excluded"] = plan.cost.excluded;
  j["cost"] = cost;

  ojson warnings = ojson::array();
  for (const auto& w : plan.warnings) {
    ojson x;
    x["code"] = w.code;
    x["severity"] = w.severity;
    x["message"] = w.message;
    warnings.push_back(std::move(x));
  }
  j["warnings"] = warnings;

  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// ---------------------------------------------------------------------------------------
// Text

namespace {

constexpr std::size_t kWidth = 100;

// Words of `text` wrapped to kWidth, every line starting with `indent`; the first line
// starts with `first` instead (same width).
std::string wrap(std::string_view text, const std::string& first, const std::string& indent) {
  std::string out;
  std::string line = first;
  bool empty = true;
  std::istringstream words{std::string(text)};
  std::string word;
  while (words >> word) {
    if (!empty && line.size() + 1 + word.size() > kWidth) {
      out += line + "\n";
      line = indent;
      empty = true;
    }
    if (!empty) line += ' ';
    line += word;
    empty = false;
  }
  out += line + "\n";
  return out;
}

std::string why(const Reason& r, const std::string& indent = "      ") {
  std::string s = wrap(r.text, indent + "why: ", indent + "     ");
  s += wrap(fmt::format("[{}] {}", r.rule, r.source), indent + "src: ", indent + "     ");
  return s;
}

std::string dollars(double usd) {
  long long cents = std::llround(usd * 100.0);
  bool neg = cents < 0;
  if (neg) cents = -cents;
  std::string whole = std::to_string(cents / 100);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  return fmt::format("{}{}.{:02}", neg ? "-" : "", grouped, cents % 100);
}

std::string row(std::string_view label, std::string_view value) {
  return wrap(value, fmt::format("  {:<30} ", label), std::string(33, ' '));
}

}  // namespace

std::string plan_to_text(const Plan& plan) {
  const Profile& p = plan.profile;
  std::string o;
  o += fmt::format("pwpc plan for {} (pwpc {})\n", p.path.empty() ? "<profile>" : p.path, pwpc_version());
  if (!p.cluster.name.empty() || !p.cluster.region.empty()) {
    o += fmt::format("cluster {} in {}\n", p.cluster.name.empty() ? "(unnamed)" : p.cluster.name,
                     p.cluster.region.empty() ? "(region not set)" : p.cluster.region);
  }
  o += "Every number is followed by why it is what it is (why:) and where the rule comes from (src:).\n";

  o += "\nSESSIONS AND NODES\n";
  o += row("Peak concurrent sessions", fmt::format("{}", plan.sessions.peak));
  o += why(plan.sessions.reason);
  auto node_value = [](const Plan::Nodes& n) {
    return n.instance.vcpus > 0 ? fmt::format("{} x {} ({} vCPUs, {} GiB)", n.count, n.instance.name, n.instance.vcpus,
                                              fmt_num(n.instance.memory_gib))
                                : fmt::format("{} x {}", n.count, n.instance.name);
  };
  o += row("Head node", node_value(plan.head_node));
  o += why(plan.head_node.reason);
  o += why(plan.head_node.type_reason);
  o += row("Login nodes (Workbench)", node_value(plan.login_nodes));
  o += why(plan.login_nodes.reason);
  o += why(plan.login_nodes.type_reason);

  o += "\nDATABASES (Amazon RDS)\n";
  o += row("Workbench (PostgreSQL)", plan.workbench_db.instance_class);
  o += why(plan.workbench_db.reason);
  o += row("Slurm accounting (MySQL)", plan.slurm_accounting_db.instance_class);
  o += why(plan.slurm_accounting_db.reason);

  o += "\nSTORAGE\n";
  o += row("/home (FSx for Lustre)", plan.home.throughput_per_tib > 0
                                         ? fmt::format("{} GiB {}, {} MB/s/TiB", plan.home.capacity_gib,
                                                       plan.home.deployment_type, plan.home.throughput_per_tib)
                                         : fmt::format("{} GiB {}", plan.home.capacity_gib, plan.home.deployment_type));
  o += why(plan.home.reason);
  for (const auto& e : plan.efs) {
    std::string label = e.mount_dir.empty() ? "EFS " + e.name : "EFS " + e.mount_dir;
    o += row(label, fmt::format("~{} GB (elastic): {}", fmt_num(e.assumed_gb), e.purpose));
  }
  if (!plan.efs.empty()) o += why(plan.efs.front().reason);

  o += "\nCOMPUTE QUEUES (one Slurm queue per workload; MinCount 0, MaxCount = nodes at peak)\n";
  if (plan.queues.empty()) {
    o += "  none (the profile has no workloads)\n";
  } else {
    std::vector<std::array<std::string, 7>> cells;
    cells.push_back({"queue", "instance", "per session", "sessions", "per node", "min", "max"});
    for (const auto& q : plan.queues) {
      std::string per = fmt::format("{} vCPU, {} GiB", q.workload.cpus, fmt_num(q.workload.memory_gib));
      if (q.workload.gpus > 0) per += fmt::format(", {} GPU", q.workload.gpus);
      cells.push_back({q.name, q.instance.name, per, std::to_string(q.peak_sessions),
                       std::to_string(q.sessions_per_node), std::to_string(q.min_count), std::to_string(q.max_count)});
    }
    std::array<std::size_t, 7> w{};
    for (const auto& c : cells) {
      for (std::size_t i = 0; i < c.size(); ++i) w[i] = std::max(w[i], c[i].size());
    }
    auto line = [&](const std::array<std::string, 7>& c) {
      return fmt::format("  {:<{}}  {:<{}}  {:<{}}  {:>{}}  {:>{}}  {:>{}}  {:>{}}\n", c[0], w[0], c[1], w[1], c[2],
                         w[2], c[3], w[3], c[4], w[4], c[5], w[5], c[6], w[6]);
    };
    o += line(cells[0]);
    for (std::size_t i = 0; i < plan.queues.size(); ++i) {
      const auto& q = plan.queues[i];
      o += line(cells[i + 1]);
      std::string extra =
          fmt::format("compute resource {}: {} vCPUs, {} GiB ({} GiB schedulable by Slurm)", q.compute_resource,
                      q.instance.vcpus, fmt_num(q.instance.memory_gib), fmt_gib(q.schedulable_memory_gib));
      if (q.instance.gpus > 0) extra += fmt::format(", {} x {} GPU", q.instance.gpus, q.instance.gpu_type);
      o += wrap(extra, "      ", "      ");
      o += why(q.reason);
    }
  }

  o += fmt::format("\nMONTHLY COST (USD, {} on-demand; price data compiled {})\n",
                   plan.cost.region.empty() ? "us-east-1" : plan.cost.region, plan.cost.prices_as_of);
  std::vector<std::string> sources;
  std::size_t wi = 5, wd = 6, wm = 5;
  for (const auto& i : plan.cost.items) {
    wi = std::max(wi, i.item.size());
    wd = std::max(wd, i.detail.size());
    wm = std::max(wm, dollars(i.monthly_usd).size());
  }
  std::string total = dollars(plan.cost.monthly_usd);
  wm = std::max(wm, total.size());
  o += fmt::format("  {:<{}}  {:<{}}  {:>{}}  {}\n", "item", wi, "detail", wd, "month", wm, "price source");
  for (const auto& i : plan.cost.items) {
    auto it = std::find(sources.begin(), sources.end(), i.price_source);
    std::size_t n = static_cast<std::size_t>(it - sources.begin()) + 1;
    if (it == sources.end()) sources.push_back(i.price_source);
    o += fmt::format("  {:<{}}  {:<{}}  {:>{}}  [{}]\n", i.item, wi, i.detail, wd, dollars(i.monthly_usd), wm, n);
  }
  o += fmt::format("  {:-<{}}\n", "", wi + wd + wm + 4);
  o += fmt::format("  {:<{}}  {:<{}}  {:>{}}\n", "total per month", wi, "", wd, total, wm);
  o += why(plan.cost.reason, "  ");
  o += "  price sources:\n";
  for (std::size_t i = 0; i < sources.size(); ++i) {
    o += wrap(sources[i], fmt::format("    [{}] ", i + 1), "        ");
  }
  if (!plan.cost.excluded.empty()) {
    std::string ex;
    for (std::size_t i = 0; i < plan.cost.excluded.size(); ++i) ex += (i ? "; " : "") + plan.cost.excluded[i];
    o += wrap(ex, "  not included: ", "                 ");
  }

  o += "\nNOTES\n";
  if (plan.warnings.empty()) {
    o += "  none\n";
  } else {
    std::size_t wc = 0;
    for (const auto& w : plan.warnings) wc = std::max(wc, w.code.size());
    for (const auto& w : plan.warnings) {
      std::string head = fmt::format("  {:<7} {:<{}} ", w.severity, "[" + w.code + "]", wc + 2);
      o += wrap(w.message, head, std::string(head.size(), ' '));
    }
  }
  return o;
}

}  // namespace pwpc
