// Files embedded into the binary at build time: templates/, schemas/, data/, examples/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pwpc {

// "schemas/profile.schema.json" -> contents, or nullopt.
std::optional<std::string_view> resource(std::string_view path);
// Every embedded path starting with prefix, sorted.
std::vector<std::string> resource_paths(std::string_view prefix = {});
// Like resource() but throws std::logic_error naming the path (a build defect).
std::string_view required_resource(std::string_view path);

}  // namespace pwpc
