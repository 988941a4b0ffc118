// pwpc profiles given to `pwpc validate`: the same checks `pwpc plan` makes (schema,
// cross-field rules, and whether every workload fits an instance type).
#include "pwpc/profile.hpp"
#include "pwpc/sizing.hpp"
#include "validate/rule_context.hpp"

namespace pwpc::rules {
namespace {

void check(Context& ctx) {
  for (const auto* f : ctx.yaml_of(FileKind::Profile)) {
    try {
      (void)make_plan(parse_profile(f->doc));
    } catch (const InputError& e) {
      ctx.add(e.diagnostics());
    }
  }
}

}  // namespace

const Family& profile_family() {
  // The rules themselves (PROFILE-SCHEMA, PROFILE-RULE, ...) are registered with the input
  // rules in rule_registry.cpp, because `pwpc plan` reports them too.
  static const Family f{{}, check};
  return f;
}

}  // namespace pwpc::rules
