// A small JSON Schema (draft 2020-12 subset) interpreter that checks a YAML document
// with positions, says "did you mean" for unknown keys, and knows which keys and enum
// values exist in which ParallelCluster version (x-since / x-until extensions).
// The supported subset is documented in schemas/README.md.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pwpc/diagnostics.hpp"
#include "pwpc/document.hpp"
#include "pwpc/version.hpp"

namespace pwpc::schema {

struct CheckOptions {
  std::string rule = "SCHEMA";     // rule ID put on every diagnostic
  std::optional<Version> version;  // for x-since / x-until; unset = ignore versions
  bool lenient_numbers = true;     // accept quoted numeric strings for integer/number
                                   // (marshmallow's non-strict Int/Float)
  bool yaml11_bools = true;        // yes/no/on/off are booleans (PyYAML)
};

class Schema {
 public:
  // Throws std::invalid_argument for a schema that uses keywords outside the subset.
  static Schema from_json(const nlohmann::json& j);
  static Schema from_resource(const std::string& resource_path);  // e.g. "schemas/profile.schema.json"

  Diagnostics check(const doc::Document& d, const CheckOptions& opts) const;

  // The valid property names at a path like {"Scheduling","SlurmQueues","*"} (for hints).
  const nlohmann::json& raw() const { return *root_; }

 private:
  std::shared_ptr<const nlohmann::json> root_;
};

// Levenshtein distance; used for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a sensible distance, or empty.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace pwpc::schema
