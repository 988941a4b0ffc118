// Writing files safely: every write lands atomically (temporary file or directory, then
// rename), so a failure leaves the target exactly as it was.
#pragma once

#include <string>
#include <sys/types.h>

namespace pwpc {

// Writes `data` to `path` via a temporary file in the same directory, fsync, rename.
// Throws InputError (rule IO) when the file cannot be written.
void write_file_atomic(const std::string& path, const std::string& data, mode_t mode);

}  // namespace pwpc
