// The shape each stack output pwpc uses must have (a VPC ID, a DNS name, an ARN of the
// right service...), so that a wrong or hostile --stack-outputs file is refused with the
// output's position instead of being written into the bundle.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pwpc::render {

struct ShapeProblem {
  std::string message;  // what is wrong, quoting (a capped part of) the value
  std::string hint;     // what the value should look like
};

// nullopt when `value` has the shape of output `key`, or when pwpc does not use `key`.
std::optional<ShapeProblem> output_value_problem(std::string_view key, std::string_view value);

// Whether pwpc knows a shape for output `key` (every key it reads has one).
bool output_has_shape(std::string_view key);

}  // namespace pwpc::render
