// database.conf: load-balanced Workbench nodes share their state through PostgreSQL; the
// default provider, SQLite, is local to one node.
#include <fmt/format.h>

#include "validate/rules/workbench_checks.hpp"
#include "validate/rules/workbench_ini.hpp"

namespace pwpc::rules {

void check_workbench_database(Context& ctx) {
  for (const auto* f : ctx.ini_of(FileKind::DatabaseConf)) {
    const ini::Entry* p = top_level(f->ini, "provider");
    std::string value = p ? unquote(p->value) : std::string();
    if (value == "postgresql") continue;
    ctx.report("WB-DATABASE-PROVIDER", f->source->path, p ? p->value_mark : doc::Mark{1, 1},
               p ? fmt::format("provider={}: load-balanced Workbench nodes need a shared PostgreSQL database", value)
                 : std::string("provider is not set (default sqlite): load-balanced Workbench nodes need a shared "
                               "PostgreSQL database"),
               "set provider=postgresql with host, port=5432, database and username of the RDS PostgreSQL instance",
               "provider");
  }
}

}  // namespace pwpc::rules
