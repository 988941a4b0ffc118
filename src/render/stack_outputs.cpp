// Reading `aws cloudformation describe-stacks --output json` into OutputKey -> OutputValue.
// The file is read into the positioned tree (doc::parse_json), so every problem, however
// deep in the file, is reported at its line and column; the values pwpc uses are checked
// against the shape AWS gives them (output_shapes.hpp) before they reach a bundle.
#include <fmt/format.h>

#include "pwpc/document.hpp"
#include "pwpc/render.hpp"
#include "render/output_shapes.hpp"

namespace pwpc {
namespace {

const char* const kHint = "give the output of: aws cloudformation describe-stacks --stack-name NAME --output json";

// A JSON string (not a number or null that happens to read as one).
const doc::Node* string_at(const doc::Node& obj, std::string_view key) {
  const doc::Node* n = obj.get(key);
  return n && n->is_scalar() && !n->plain ? n : nullptr;
}

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  std::map<std::string, std::string> read(const doc::Node& root) {
    const doc::Entry* stacks = root.is_map() ? root.entry("Stacks") : nullptr;
    if (stacks) {
      if (!stacks->value->is_seq()) {
        throw InputError(path_, stacks->key_mark.line, stacks->key_mark.col, "STACK-OUTPUTS",
                         "\"Stacks\" is not a list", kHint);
      }
      for (const auto& s : stacks->value->items) read_stack(*s);
    } else if (root.is_map() && root.get("Outputs")) {
      read_stack(root);
    } else {
      throw InputError(path_, root.mark.line, root.mark.col, "STACK-OUTPUTS", "no \"Stacks\" (or \"Outputs\") found",
                       kHint);
    }
    if (!problems_.empty()) throw InputError(problems_);
    return std::move(out_);
  }

 private:
  void problem(doc::Mark m, std::string message, std::string hint, std::string path) {
    problems_.push_back(
        {path_, m.line, m.col, Severity::Error, "STACK-OUTPUTS", std::move(message), std::move(hint), std::move(path)});
  }

  void read_stack(const doc::Node& s) {
    if (!s.is_map()) {
      problem(s.mark, "a stack entry is not an object", kHint, "Stacks");
      return;
    }
    const doc::Node* name = string_at(s, "StackName");
    std::string stack_name = name ? clip_text(name->scalar) : std::string("(unnamed stack)");  // quoted per output
    const doc::Entry* outs = s.entry("Outputs");
    if (!outs) return;  // a stack without outputs (still creating?)
    if (!outs->value->is_seq()) {
      problem(outs->key_mark, "\"Outputs\" of stack " + stack_name + " is not a list", kHint, "Outputs");
      return;
    }
    for (const auto& o : outs->value->items) read_output(*o, stack_name);
  }

  void read_output(const doc::Node& o, const std::string& stack_name) {
    const doc::Node* key = o.is_map() ? string_at(o, "OutputKey") : nullptr;
    const doc::Node* value = o.is_map() ? string_at(o, "OutputValue") : nullptr;
    if (!key || !value) {
      // Point at the member that is wrong when there is one, else at the output.
      const doc::Node* wrong = o.is_map() ? (key ? o.get("OutputValue") : o.get("OutputKey")) : nullptr;
      doc::Mark m = wrong ? wrong->mark : o.mark;
      problem(m, "an output of stack " + stack_name + " lacks a string OutputKey or OutputValue", kHint, "Outputs");
      return;
    }
    const std::string& k = key->scalar;
    const std::string& v = value->scalar;
    if (auto bad = render::output_value_problem(k, v)) {
      problem(value->mark, bad->message + " (stack " + stack_name + ")", bad->hint, "Outputs/" + clip_text(k));
      return;
    }
    auto it = out_.find(k);
    if (it != out_.end() && it->second != v) {
      problem(key->mark,
              fmt::format("OutputKey {} is '{}' in stack {} but '{}' in stack {}", clip_text(k), clip_text(it->second),
                          from_[k], clip_text(v), stack_name),
              "give the stacks of one deployment only", "Outputs");
      return;
    }
    out_[k] = v;
    from_[k] = stack_name;
  }

  std::string path_;
  std::map<std::string, std::string> out_;
  std::map<std::string, std::string> from_;  // key -> stack name, for conflicts
  Diagnostics problems_;
};

}  // namespace

std::map<std::string, std::string> parse_stack_outputs(const std::string& path, std::string_view text) {
  doc::Document d = doc::parse_json(path, text, doc::JsonOptions{"STACK-OUTPUTS", kHint, {}});
  return Reader(path).read(*d.root);
}

std::map<std::string, std::string> load_stack_outputs(const std::string& path) {
  return parse_stack_outputs(path, doc::read_file(path));
}

}  // namespace pwpc
