// Self-validation of a rendered bundle: every artifact is parsed back and checked by the
// same rules as `pwpc validate`, in bundle mode. Placeholders are tolerated exactly
// where they are: a finding on a line holding "PWPC-MISSING-" is a warning.
#include <algorithm>

#include "pwpc/render.hpp"
#include "pwpc/validate.hpp"
#include "render/render_internal.hpp"

namespace pwpc {
namespace render {

void tolerate_placeholders(Diagnostics& ds, const Bundle& b) {
  for (auto& d : ds) {
    if (d.severity != Severity::Error) continue;
    bool on_placeholder = d.message.find(kPlaceholderPrefix) != std::string::npos;
    if (!on_placeholder) {
      for (const auto& a : b.files) {
        if (a.path != d.file) continue;
        if (d.line <= 0) break;  // whole-file findings are tolerated only when they name a placeholder
        std::size_t pos = 0;
        for (int l = 1; l < d.line && pos != std::string::npos; ++l) {
          pos = a.bytes.find('\n', pos);
          if (pos != std::string::npos) ++pos;
        }
        if (pos == std::string::npos) break;
        std::size_t end = a.bytes.find('\n', pos);
        std::string_view line(a.bytes.data() + pos, (end == std::string::npos ? a.bytes.size() : end) - pos);
        on_placeholder = line.find(kPlaceholderPrefix) != std::string_view::npos;
        break;
      }
    }
    if (on_placeholder) {
      d.severity = Severity::Warning;
      d.message += " (a placeholder: render again with the real value)";
    }
  }
}

}  // namespace render

Diagnostics validate_bundle(const Bundle& bundle, const Plan& plan) {
  std::vector<SourceFile> files;
  files.reserve(bundle.files.size());
  for (const auto& a : bundle.files) {
    SourceFile f;
    f.path = a.path;
    f.text = a.bytes;
    f.mode = a.mode;
    f.from_directory = true;  // files pwpc has no rules for (DEPLOY.md, scripts) are skipped quietly
    // Only the kinds `pwpc validate` knows; the rest (plan.json, scripts, units) are not configs.
    files.push_back(std::move(f));
  }
  ValidateOptions o;
  o.bundle = true;
  o.sessions = plan.sessions.peak;
  o.parallelcluster_version = plan.profile.cluster.parallelcluster_version;
  o.cluster_name = plan.profile.cluster.name;
  o.region = plan.profile.cluster.region;
  Diagnostics ds = validate_files(files, o);
  render::tolerate_placeholders(ds, bundle);
  sort_diagnostics(ds);
  return ds;
}

}  // namespace pwpc
