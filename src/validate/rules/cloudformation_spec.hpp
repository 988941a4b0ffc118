// The CloudFormation resource types pwpc knows the properties of: read once from the
// embedded data/cloudformation-resources.json, which scripts/gen-cfn-resources.mjs writes
// from the CloudFormation resource specification (npm @aws-cdk/aws-service-spec).
#pragma once

#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pwpc::rules::cfn_spec {

struct Shape;
struct Type;

enum class Kind { String, Integer, Number, Boolean, Json, Timestamp, List, Map, Object };

// One alternative of a value type: a primitive, a list or map of `element`, or an object
// of `shape` (a property type, or a tag {Key, Value}).
struct Alternative {
  Kind kind = Kind::String;
  const Type* element = nullptr;  // List, Map
  const Shape* shape = nullptr;   // Object
};

// A property's value type: any of its alternatives ("list<string>|json").
struct Type {
  std::vector<Alternative> alternatives;
};

struct Property {
  const Type* type = nullptr;
  bool required = false;
};

// A resource type's properties, or a property type's ("AWS::EC2::SecurityGroup.Ingress").
struct Shape {
  std::string name;
  std::map<std::string, Property, std::less<>> properties;
  std::vector<std::string> names;     // property names, sorted (for "did you mean")
  std::vector<std::string> required;  // the required ones, sorted

  const Property* property(std::string_view n) const;
};

class Spec {
 public:
  // Parses the data file; throws std::runtime_error naming what is wrong.
  explicit Spec(std::string_view json_text);
  Spec(const Spec&) = delete;  // shapes point into their own Spec
  Spec& operator=(const Spec&) = delete;

  // The resource type's properties, or null for a type pwpc does not know.
  const Shape* resource(std::string_view type) const;
  const std::string& version() const { return version_; }  // of the specification package
  std::size_t resource_count() const { return resources_.size(); }

 private:
  std::string version_;
  std::map<std::string, Shape, std::less<>> resources_;
  std::map<std::string, Shape, std::less<>> types_;
  std::deque<Type> pool_;  // every Type the shapes point to
  Shape tag_;              // {Key, Value}
};

// The embedded specification (data/cloudformation-resources.json), parsed on first use.
const Spec& spec();

// "a string", "a list", "a mapping (Ingress)", "an integer or a string", ...
std::string describe(const Type& t);
std::string describe(const Alternative& a);

}  // namespace pwpc::rules::cfn_spec
