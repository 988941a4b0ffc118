// Rendering: Plan -> Bundle (in memory). Templates (templates/, embedded; --templates DIR
// overrides per file) are logic-less; values are escaped for the target format when the
// render context is built. The bundle is validated by the same rules as `pwpc validate`
// before anything is written.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pwpc/diagnostics.hpp"
#include "pwpc/sizing.hpp"

namespace pwpc {

struct Artifact {
  std::string path;  // relative to the bundle root, '/' separated
  std::string bytes;
  mode_t mode = 0644;
};

struct Bundle {
  std::vector<Artifact> files;  // sorted by path
  // Values that were missing and written as "PWPC-MISSING-<Key>" (--allow-placeholders),
  // one line each: "<Key>: <where it can come from>". Empty for a complete bundle.
  std::vector<std::string> placeholders;
  const Artifact* find(const std::string& path) const;
};

struct RenderOptions {
  std::string templates_dir;                         // overrides, may be empty
  std::map<std::string, std::string> stack_outputs;  // OutputKey -> OutputValue
  bool allow_placeholders = false;
};

// Reads `aws cloudformation describe-stacks` JSON (one or more stacks) into
// OutputKey -> OutputValue. Throws InputError with positions for malformed input.
std::map<std::string, std::string> load_stack_outputs(const std::string& path);
// The same for text already read; `path` names it in diagnostics.
std::map<std::string, std::string> parse_stack_outputs(const std::string& path, std::string_view text);

// Renders the whole bundle. Throws InputError listing every missing ID (unless
// allow_placeholders), and for templates that do not render.
Bundle render_bundle(const Plan& plan, const RenderOptions& opts);

// Parses every artifact back and runs the same rules as `pwpc validate` on the bundle
// (bundle mode, the plan's peak sessions, the profile's ParallelCluster version).
// Findings on a line that holds a placeholder are warnings, not errors.
Diagnostics validate_bundle(const Bundle& bundle, const Plan& plan);

// The stack OutputKeys render reads, in documentation order, each with what it feeds.
struct StackOutputKey {
  std::string key;          // "HomeFileSystemId"
  std::string feeds;        // "parallelcluster/cluster-config.yaml SharedStorage /home FileSystemId"
  std::string produced_by;  // "cloudformation/infrastructure.yaml" or "your network stack"
};
const std::vector<StackOutputKey>& stack_output_keys();

}  // namespace pwpc
