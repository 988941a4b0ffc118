// Writing files safely: every write lands atomically (temporary file or directory, then
// rename), so a failure leaves the target exactly as it was.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "pwpc/render.hpp"

namespace pwpc {

// Writes `data` to `path` via a temporary file in the same directory, fsync, rename.
// Throws InputError (rule IO) when the file cannot be written.
void write_file_atomic(const std::string& path, const std::string& data, mode_t mode);

// ---- Bundle directories (src/io/bundle_writer.cpp) ----

// How a bundle directory differs from a bundle: paths relative to the directory, sorted.
struct BundleDiff {
  std::vector<std::string> changed;   // content or mode differs, or not a regular file
  std::vector<std::string> added;     // in the bundle, not in the directory
  std::vector<std::string> removed;   // in the directory, not in the bundle
  bool empty() const { return changed.empty() && added.empty() && removed.empty(); }
};

// Compares DIR with the bundle without writing anything. A missing DIR means every file
// is added. Symbolic links are never followed (a link where a file belongs is "changed").
// Throws InputError (rule IO) when DIR exists but cannot be read.
BundleDiff diff_bundle(const std::string& dir, const Bundle& bundle);

// True when DIR is empty or holds a bundle pwpc rendered (a plan.json carrying
// "schema_version" and "pwpc_version").
bool is_pwpc_bundle_dir(const std::string& dir);

struct WriteBundleOptions {
  // Replace a non-empty directory that is not a pwpc bundle. Its old content is kept,
  // renamed to a sibling "<dir>.pwpc-replaced-XXXXXX" (reported in `kept_aside`).
  bool force = false;
  // Test hook: called after each file is written to the temporary directory; an
  // exception thrown here aborts the write like an I/O error would.
  std::function<void(const std::string& path)> after_file;
};

struct WriteBundleResult {
  std::string kept_aside;  // where a replaced non-bundle directory went ("" if none)
};

// Writes the bundle so that DIR ends up holding exactly its files with their modes: the
// files are written and fsynced in a temporary directory next to DIR, which is then
// swapped in with one rename (renameat2 RENAME_EXCHANGE when DIR exists). Any failure
// leaves DIR exactly as it was and removes the temporary directory. Refuses (InputError,
// rule IO) a DIR that is a symbolic link or not a directory, and a non-empty DIR that is
// not a pwpc bundle unless `force`.
WriteBundleResult write_bundle(const std::string& dir, const Bundle& bundle, const WriteBundleOptions& opts = {});

}  // namespace pwpc
