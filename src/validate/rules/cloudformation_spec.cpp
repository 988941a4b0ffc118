#include "validate/rules/cloudformation_spec.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "pwpc/resources.hpp"

namespace pwpc::rules::cfn_spec {

namespace {

constexpr std::string_view kDataPath = "data/cloudformation-resources.json";

[[noreturn]] void bad(const std::string& what) { throw std::runtime_error(std::string(kDataPath) + ": " + what); }

// A value type written as in scripts/gen-cfn-resources.mjs: primitives, list<T>, map<T>,
// A|B, or the name of a property type of the owning resource.
class TypeReader {
 public:
  TypeReader(std::string_view text, std::string owner, std::deque<Type>& pool,
             const std::map<std::string, Shape, std::less<>>& types, const Shape& tag)
      : text_(text), owner_(std::move(owner)), pool_(pool), types_(types), tag_(tag) {}

  const Type* read() {
    const Type* t = either();
    if (pos_ != text_.size()) fail("unexpected text");
    return t;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    bad(owner_ + ": cannot read the type \"" + std::string(text_) + "\" (" + why + ")");
  }

  const Type* either() {
    Type t;
    t.alternatives.push_back(one());
    while (pos_ < text_.size() && text_[pos_] == '|') {
      ++pos_;
      t.alternatives.push_back(one());
    }
    pool_.push_back(std::move(t));
    return &pool_.back();
  }

  Alternative one() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) != 0 || text_[pos_] == '-'))
      ++pos_;
    std::string_view word = text_.substr(start, pos_ - start);
    if (word.empty()) fail("a type name is missing");
    Alternative a;
    if (word == "list" || word == "map") {
      if (pos_ >= text_.size() || text_[pos_] != '<') fail("list and map take <element>");
      ++pos_;
      a.kind = word == "list" ? Kind::List : Kind::Map;
      a.element = either();
      if (pos_ >= text_.size() || text_[pos_] != '>') fail("a > is missing");
      ++pos_;
      return a;
    }
    static const std::map<std::string_view, Kind> primitives{{"string", Kind::String}, {"integer", Kind::Integer},
                                                             {"number", Kind::Number}, {"boolean", Kind::Boolean},
                                                             {"json", Kind::Json},     {"timestamp", Kind::Timestamp}};
    if (auto it = primitives.find(word); it != primitives.end()) {
      a.kind = it->second;
      return a;
    }
    a.kind = Kind::Object;
    if (word == "tag") {
      a.shape = &tag_;
      return a;
    }
    auto it = types_.find(owner_ + "." + std::string(word));
    if (it == types_.end()) fail("no property type " + owner_ + "." + std::string(word));
    a.shape = &it->second;
    return a;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string owner_;  // the resource type whose property types bare names refer to
  std::deque<Type>& pool_;
  const std::map<std::string, Shape, std::less<>>& types_;
  const Shape& tag_;
};

}  // namespace

const Property* Shape::property(std::string_view n) const {
  auto it = properties.find(n);
  return it == properties.end() ? nullptr : &it->second;
}

Spec::Spec(std::string_view json_text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    bad(std::string("not JSON: ") + e.what());
  }
  if (!j.is_object() || !j.contains("version") || !j["version"].is_string() || !j.contains("resources") ||
      !j["resources"].is_object() || !j.contains("types") || !j["types"].is_object()) {
    bad("expected {version, resources, types}");
  }
  version_ = j["version"].get<std::string>();

  pool_.push_back(Type{{Alternative{Kind::String, nullptr, nullptr}}});
  tag_.name = "Tag";
  tag_.properties["Key"] = Property{&pool_.back(), true};
  tag_.properties["Value"] = Property{&pool_.back(), true};
  tag_.names = {"Key", "Value"};
  tag_.required = tag_.names;

  // Every shape exists before any type refers to one.
  for (const auto& [name, body] : j["types"].items()) types_[name].name = name;
  for (const auto& [name, body] : j["resources"].items()) resources_[name].name = name;

  auto fill = [this](Shape& shape, const nlohmann::json& body, const std::string& owner) {
    if (!body.is_object() || !body.contains("properties") || !body["properties"].is_object() ||
        !body.contains("required") || !body["required"].is_array()) {
      bad(shape.name + ": expected {required, properties}");
    }
    for (const auto& [pname, ptype] : body["properties"].items()) {
      if (!ptype.is_string()) bad(shape.name + "." + pname + ": the type is not a string");
      std::string text = ptype.get<std::string>();
      shape.properties[pname].type = TypeReader(text, owner, pool_, types_, tag_).read();
      shape.names.push_back(pname);
    }
    for (const auto& r : body["required"]) {
      auto it = r.is_string() ? shape.properties.find(r.get<std::string>()) : shape.properties.end();
      if (it == shape.properties.end()) bad(shape.name + ": a required property is not one of its properties");
      it->second.required = true;
      shape.required.push_back(it->first);
    }
    std::sort(shape.names.begin(), shape.names.end());
    std::sort(shape.required.begin(), shape.required.end());
  };
  for (const auto& [name, body] : j["types"].items()) {
    auto dot = name.rfind('.');
    if (dot == std::string::npos) bad("property type " + name + " names no resource type");
    fill(types_[name], body, name.substr(0, dot));
  }
  for (const auto& [name, body] : j["resources"].items()) fill(resources_[name], body, name);
}

const Shape* Spec::resource(std::string_view type) const {
  auto it = resources_.find(type);
  return it == resources_.end() ? nullptr : &it->second;
}

const Spec& spec() {
  static const Spec s(required_resource(kDataPath));
  return s;
}

std::string describe(const Alternative& a) {
  switch (a.kind) {
    case Kind::String: return "a string";
    case Kind::Integer: return "an integer";
    case Kind::Number: return "a number";
    case Kind::Boolean: return "a boolean (true or false)";
    case Kind::Json: return "a JSON value";
    case Kind::Timestamp: return "a timestamp";
    case Kind::List: return "a list";
    case Kind::Map: return "a mapping";
    case Kind::Object: {
      const std::string& n = a.shape->name;
      auto dot = n.rfind('.');
      return "a mapping (" + (dot == std::string::npos ? n : n.substr(dot + 1)) + ")";
    }
  }
  return "a value";
}

std::string describe(const Type& t) {
  std::string out;
  for (const auto& a : t.alternatives) {
    std::string d = describe(a);
    if (out.find(d) != std::string::npos) continue;
    out += (out.empty() ? "" : " or ") + d;
  }
  return out;
}

}  // namespace pwpc::rules::cfn_spec
