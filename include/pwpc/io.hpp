// Writing files safely: every write lands atomically (temporary file or directory, then
// rename), so a failure leaves the target exactly as it was.
#pragma once

#include <sys/types.h>

#include <functional>
#include <stdexcept>
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
  std::vector<std::string> changed;  // content or mode differs, or not a regular file
  std::vector<std::string> added;    // in the bundle, not in the directory
  std::vector<std::string> removed;  // in the directory, not in the bundle
  bool empty() const { return changed.empty() && added.empty() && removed.empty(); }
};

// Compares DIR with the bundle without writing anything. A missing DIR means every file
// is added. Symbolic links are never followed (a file under a link, or a link where a file
// belongs, is "changed"). Waits for a concurrent write_bundle next to DIR to finish.
// Throws InputError (rule IO) when DIR exists but cannot be read.
BundleDiff diff_bundle(const std::string& dir, const Bundle& bundle);

// True when DIR is empty or holds a bundle pwpc rendered (a plan.json carrying
// "schema_version" and "pwpc_version").
bool is_pwpc_bundle_dir(const std::string& dir);

struct WriteBundleOptions {
  // Replace a non-empty directory that is not a pwpc bundle. Its old content is kept,
  // renamed to a sibling ".<name>.pwpc-replaced-XXXXXX" (reported in `kept_aside`).
  bool force = false;
  // How long to wait for another `pwpc render` writing next to DIR (same parent) before
  // giving up with an InputError.
  int lock_timeout_ms = 60000;
  // Told about repairs as they happen, one sentence each (a killed render's leftovers
  // removed or moved back, a temporary directory that cannot be removed); also returned
  // in WriteBundleResult, but this way the caller hears of them when the write then fails.
  std::function<void(const std::string& message)> notice;
  // Test hook: called after each file is written to the temporary directory; an
  // exception thrown here aborts the write like an I/O error would.
  std::function<void(const std::string& path)> after_file;
};

struct WriteBundleResult {
  std::string kept_aside;  // where a replaced non-bundle directory went ("" if none)
  // Leftovers of an earlier render that was killed (SIGKILL, power loss) half-way, found
  // next to DIR and removed: ".<name>.pwpc-new-XXXXXX" / ".<name>.pwpc-old-XXXXXX".
  std::vector<std::string> removed_stale;
  // A ".<name>.pwpc-old-XXXXXX" that was moved back to DIR because a killed render had
  // moved DIR aside and not yet moved the new bundle in ("" if none).
  std::string restored;
  // Temporary directories that could not be removed, "path: reason" (an immutable file
  // in the old bundle, for example). The bundle itself was written.
  std::vector<std::string> left_behind;
  // SIGINT, SIGTERM or SIGHUP that arrived after the new bundle was in place (0 if none):
  // the write was completed; the caller should now act on the signal.
  int signal = 0;
};

// Thrown by write_bundle when SIGINT, SIGTERM or SIGHUP arrives before the new bundle is in
// place: the temporary directory has been removed and DIR is exactly as it was. The
// caller should report it and then end the way the signal asks (re-raise it).
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal) : std::runtime_error("interrupted by a signal"), signal_(signal) {}
  int signal() const { return signal_; }

 private:
  int signal_;
};

// Writes the bundle so that DIR ends up holding exactly its files with their modes: the
// files are written and fsynced in a temporary directory next to DIR, which is then
// swapped in with one rename (renameat2 RENAME_EXCHANGE when DIR exists). Any failure
// leaves DIR exactly as it was and removes the temporary directory. Refuses (InputError,
// rule IO) a DIR that is a symbolic link or not a directory, and a non-empty DIR that is
// not a pwpc bundle unless `force`.
//
// Concurrency: the parent directory of DIR is locked (flock) while writing, so two renders
// next to each other run one after the other (the second waits up to lock_timeout_ms) and
// DIR always holds one complete bundle. Leftovers of a killed render are removed first.
// Signals: while it runs, SIGINT, SIGTERM and SIGHUP (unless ignored) are caught; one that
// arrives before the swap aborts the write (Interrupted), one after it is reported in
// WriteBundleResult::signal. Not for use by several threads at once.
WriteBundleResult write_bundle(const std::string& dir, const Bundle& bundle, const WriteBundleOptions& opts = {});

}  // namespace pwpc
