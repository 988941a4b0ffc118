// CFN-PROPERTIES, shared between the walk over a template's resources
// (cloudformation_properties.cpp) and the documented value checks (cloudformation_values.cpp).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pwpc/document.hpp"
#include "validate/rules/cloudformation_spec.hpp"

namespace pwpc::rules::cfn_props {

// One step from a resource's Properties down to a value: a property name, or a list index
// (key empty). Steps live on the walker's stack; names and paths are spelled out only for a
// finding, so a clean 10 MB template costs no string building.
struct Step {
  const Step* parent = nullptr;
  std::string_view key;
  std::size_t index = 0;
};

// Where an object (a resource's Properties, or a property-type value inside them) sits.
struct Site {
  std::string_view resource;  // logical ID
  const Step* at = nullptr;   // null: the resource's Properties
  doc::Mark anchor;           // where to report something missing from the object

  // "SecurityGroupIngress[0]"; empty for the resource's Properties
  std::string prefix() const;
  // "resource Sg" / "resource Sg: SecurityGroupIngress[0]"
  std::string subject() const;
  // "resource Sg: SecurityGroupIngress[0].IpProtocol"
  std::string name(std::string_view property) const;
  // "Resources/Sg/Properties/SecurityGroupIngress[0]/IpProtocol" (the object's, without property)
  std::string path(std::string_view property = {}) const;
};

using Report = std::function<void(doc::Mark at, std::string message, std::string hint, std::string path)>;

// The documented value checks of objects of `shape` (security-group rules, ports, ...),
// on literal values only: an intrinsic function is CloudFormation's to evaluate.
void check_values(const cfn_spec::Shape& shape, const doc::Node& object, const Site& site, const Report& report);

// (shape, property) of every documented value check, for the tests: each must exist in the data.
std::vector<std::pair<std::string, std::string>> checked_properties();

// "20", "-1", "+5": an optional sign and decimal digits.
bool integer_text(std::string_view s);
// A scalar written as a whole number ("20", 20), not an intrinsic function; one beyond 64
// bits comes back as the largest (or smallest) long long.
std::optional<long long> literal_int(const doc::Node& n);
// A scalar that is no intrinsic function: its text.
std::optional<std::string> literal_text(const doc::Node& n);
// A value as a diagnostic shows it: "text" for a scalar, "a list", "a mapping", "null".
std::string shown(const doc::Node& n);

}  // namespace pwpc::rules::cfn_props
