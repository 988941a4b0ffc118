// One validation run: parse every file by its kind, run every rule family, sort.
#include "validate/rule_context.hpp"

namespace pwpc {

Version newest_parallelcluster_version() { return Version{3, 14, 0}; }

namespace {
bool is_yaml_kind(FileKind k) {
  return k == FileKind::ClusterConfig || k == FileKind::ImageConfig || k == FileKind::Profile ||
         k == FileKind::CloudFormation;
}
}  // namespace

Diagnostics validate_files(const std::vector<SourceFile>& files, const ValidateOptions& opts) {
  Diagnostics out;
  rules::Context ctx(opts, out);
  for (const auto& f : files) {
    FileKind kind = opts.kind ? *opts.kind : f.kind != FileKind::Unknown ? f.kind : detect_kind(f.path, f.text);
    if (kind == FileKind::Unknown) {
      if (!f.from_directory) {
        out.push_back(Diagnostic{f.path,
                                 0,
                                 0,
                                 Severity::Error,
                                 "IO",
                                 "pwpc cannot tell what kind of file this is",
                                 "name its kind with --kind (cluster, image, profile, cloudformation, rserver, ...)",
                                 {}});
      }
      continue;
    }
    try {
      if (is_yaml_kind(kind)) {
        ctx.yaml().push_back(rules::YamlFile{&f, kind, doc::parse_yaml(f.path, f.text)});
      } else {
        ctx.ini().push_back(rules::IniFile{&f, kind, ini::parse_ini(f.path, f.text)});
      }
    } catch (const InputError& e) {
      ctx.add(e.diagnostics());
    }
  }
  for (const auto* fam : rules::families()) fam->check(ctx);
  ctx.finish();
  if (opts.werror) {
    for (auto& d : out) {
      if (d.severity == Severity::Warning) d.severity = Severity::Error;
    }
  }
  sort_diagnostics(out);
  return out;
}

}  // namespace pwpc
