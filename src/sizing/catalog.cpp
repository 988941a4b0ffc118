// Loads the embedded data files data/instance-catalog.yaml and data/prices.yaml. They are
// compiled into the binary, so this is not I/O; a malformed file is a build defect and
// throws std::logic_error naming the file, line and key.
#include <fmt/format.h>

#include <stdexcept>
#include <string>

#include "pwpc/document.hpp"
#include "pwpc/resources.hpp"
#include "pwpc/sizing.hpp"
#include "sizing/sizing_data.hpp"

namespace pwpc {
namespace sizing {
namespace {

constexpr std::string_view kCatalogPath = "data/instance-catalog.yaml";
constexpr std::string_view kPricesPath = "data/prices.yaml";

[[noreturn]] void defect(std::string_view file, const doc::Node* n, std::string_view what) {
  int line = n ? n->mark.line : 0;
  int col = n ? n->mark.col : 0;
  throw std::logic_error(fmt::format("{}:{}:{}: malformed embedded data: {}", file, line, col, what));
}

const doc::Node& need(std::string_view file, const doc::Node& parent, std::string_view key) {
  const doc::Node* n = parent.get(key);
  if (!n) defect(file, &parent, fmt::format("missing key '{}'", key));
  return *n;
}

std::string str(std::string_view file, const doc::Node& parent, std::string_view key) {
  const doc::Node& n = need(file, parent, key);
  if (!n.is_scalar()) defect(file, &n, fmt::format("'{}' must be a string", key));
  return n.scalar;
}

std::string opt_str(const doc::Node& parent, std::string_view key) {
  const doc::Node* n = parent.get(key);
  return n && n->is_scalar() ? n->scalar : std::string();
}

double num(std::string_view file, const doc::Node& parent, std::string_view key) {
  const doc::Node& n = need(file, parent, key);
  auto v = n.is_scalar() ? n.as_double() : std::nullopt;
  if (!v || *v < 0) defect(file, &n, fmt::format("'{}' must be a non-negative number", key));
  return *v;
}

int integer(std::string_view file, const doc::Node& parent, std::string_view key) {
  const doc::Node& n = need(file, parent, key);
  auto v = n.is_scalar() ? n.as_int() : std::nullopt;
  if (!v || *v < 0 || *v > 1'000'000) defect(file, &n, fmt::format("'{}' must be a small non-negative integer", key));
  return static_cast<int>(*v);
}

bool boolean(std::string_view file, const doc::Node& parent, std::string_view key) {
  const doc::Node& n = need(file, parent, key);
  auto v = n.is_scalar() ? n.as_bool() : std::nullopt;
  if (!v) defect(file, &n, fmt::format("'{}' must be true or false", key));
  return *v;
}

const doc::Node& seq(std::string_view file, const doc::Node& parent, std::string_view key) {
  const doc::Node& n = need(file, parent, key);
  if (!n.is_seq()) defect(file, &n, fmt::format("'{}' must be a list", key));
  return n;
}

struct Catalog {
  std::string as_of;
  std::vector<InstanceType> types;
};

Catalog load_catalog() {
  auto d = doc::parse_yaml(std::string(kCatalogPath), required_resource(kCatalogPath));
  const doc::Node& root = *d.root;
  Catalog c;
  c.as_of = str(kCatalogPath, root, "as_of");
  std::string prices_source = str(kCatalogPath, root, "prices_source");
  for (const auto& item : seq(kCatalogPath, root, "instance_types").items) {
    const doc::Node& e = *item;
    InstanceType t;
    t.name = str(kCatalogPath, e, "name");
    t.vcpus = integer(kCatalogPath, e, "vcpus");
    t.memory_gib = num(kCatalogPath, e, "memory_gib");
    t.gpus = integer(kCatalogPath, e, "gpus");
    t.gpu_type = opt_str(e, "gpu_type");
    t.burstable = boolean(kCatalogPath, e, "burstable");
    t.usd_per_hour = num(kCatalogPath, e, "usd_per_hour");
    t.price_confidence = str(kCatalogPath, e, "price_confidence");
    t.price_source =
        fmt::format("{}, confidence {}; {} compiled {}", prices_source, t.price_confidence, kCatalogPath, c.as_of);
    if (t.vcpus == 0 || t.memory_gib <= 0 || t.usd_per_hour <= 0) {
      defect(kCatalogPath, &e, "an instance type needs vcpus, memory_gib and usd_per_hour > 0");
    }
    if ((t.gpus > 0) == t.gpu_type.empty()) defect(kCatalogPath, &e, "gpu_type must be set exactly when gpus > 0");
    for (const auto& other : c.types) {
      if (other.name == t.name) defect(kCatalogPath, &e, "duplicate instance type " + t.name);
    }
    c.types.push_back(std::move(t));
  }
  if (c.types.empty()) defect(kCatalogPath, &root, "no instance types");
  return c;
}

const Catalog& catalog() {
  static const Catalog c = load_catalog();
  return c;
}

Prices load_prices() {
  constexpr auto f = kPricesPath;
  auto d = doc::parse_yaml(std::string(f), required_resource(f));
  const doc::Node& r = *d.root;
  Prices p;
  p.as_of = str(f, r, "as_of");
  p.region = str(f, r, "region");
  p.currency = str(f, r, "currency");
  const doc::Node& h = need(f, r, "hours_per_month");
  p.hours_per_month = num(f, h, "value");
  p.hours_source = fmt::format("{} ({})", str(f, h, "source"), str(f, h, "as_of"));

  for (const auto& item : seq(f, r, "rds").items) {
    Prices::Rds x;
    x.engine = str(f, *item, "engine");
    x.instance_class = str(f, *item, "instance_class");
    x.usd_per_hour = num(f, *item, "usd_per_hour");
    x.confidence = str(f, *item, "confidence");
    x.as_of = str(f, *item, "as_of");
    x.source = str(f, *item, "source");
    p.rds.push_back(std::move(x));
  }
  for (const auto& item : seq(f, r, "fsx_lustre").items) {
    Prices::Fsx x;
    x.deployment_type = str(f, *item, "deployment_type");
    x.throughput_per_tib = integer(f, *item, "throughput_per_tib");
    x.usd_per_gb_month = num(f, *item, "usd_per_gb_month");
    x.confidence = str(f, *item, "confidence");
    x.as_of = str(f, *item, "as_of");
    x.source = str(f, *item, "source");
    p.fsx.push_back(std::move(x));
  }
  const doc::Node& efs = need(f, r, "efs");
  p.efs.usd_per_gb_month = num(f, efs, "usd_per_gb_month");
  p.efs.assumed_gb = num(f, efs, "assumed_gb_per_file_system");
  p.efs.confidence = str(f, efs, "confidence");
  p.efs.as_of = str(f, efs, "as_of");
  p.efs.source = str(f, efs, "source");
  p.efs.assumption = str(f, efs, "assumption");

  const doc::Node& alb = need(f, r, "alb");
  p.alb.usd_per_hour = num(f, alb, "usd_per_hour");
  p.alb.usd_per_lcu_hour = num(f, alb, "usd_per_lcu_hour");
  p.alb.assumed_lcus = num(f, alb, "assumed_lcus");
  p.alb.confidence = str(f, alb, "confidence");
  p.alb.as_of = str(f, alb, "as_of");
  p.alb.source = str(f, alb, "source");
  p.alb.assumption = str(f, alb, "assumption");

  const doc::Node& sm = need(f, r, "secrets_manager");
  p.secrets.usd_per_secret_month = num(f, sm, "usd_per_secret_month");
  p.secrets.confidence = str(f, sm, "confidence");
  p.secrets.as_of = str(f, sm, "as_of");
  p.secrets.source = str(f, sm, "source");
  for (const auto& s : seq(f, sm, "secrets").items) {
    p.secrets.secrets.push_back({str(f, *s, "name"), str(f, *s, "purpose")});
  }
  if (p.hours_per_month <= 0) defect(f, &h, "hours_per_month must be > 0");
  return p;
}

}  // namespace

const Prices::Rds* Prices::find_rds(std::string_view engine, std::string_view instance_class) const {
  for (const auto& x : rds) {
    if (x.engine == engine && x.instance_class == instance_class) return &x;
  }
  return nullptr;
}

const Prices::Fsx* Prices::find_fsx(std::string_view deployment_type, int throughput_per_tib) const {
  bool scratch = deployment_type.starts_with("SCRATCH");
  for (const auto& x : fsx) {
    if (x.deployment_type == deployment_type && (scratch || x.throughput_per_tib == throughput_per_tib)) return &x;
  }
  return nullptr;
}

const Prices& prices() {
  static const Prices p = load_prices();
  return p;
}

const std::string& catalog_as_of() { return catalog().as_of; }

}  // namespace sizing

const std::vector<InstanceType>& instance_catalog() { return sizing::catalog().types; }

const InstanceType* find_instance_type(std::string_view name) {
  for (const auto& t : instance_catalog()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace pwpc
