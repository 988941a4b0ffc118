// Reading `aws cloudformation describe-stacks --output json` into OutputKey -> OutputValue.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "pwpc/document.hpp"
#include "pwpc/render.hpp"

namespace pwpc {
namespace {

doc::Mark mark_of_byte(const std::string& text, std::size_t byte) {
  doc::Mark m{1, 1};
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++m.line;
      m.col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++m.col;
    }
  }
  return m;
}

// Where "key": appears for the n-th time, for diagnostics on a structurally wrong file.
doc::Mark mark_of_key(const std::string& text, const std::string& key, int nth = 0) {
  std::string needle = "\"" + key + "\"";
  std::size_t pos = 0;
  for (int i = 0; i <= nth; ++i) {
    pos = text.find(needle, i == 0 ? 0 : pos + 1);
    if (pos == std::string::npos) return {0, 0};
  }
  return mark_of_byte(text, pos);
}

}  // namespace

std::map<std::string, std::string> load_stack_outputs(const std::string& path) {
  std::string text = doc::read_file(path);
  const std::string hint = "give the output of: aws cloudformation describe-stacks --stack-name NAME --output json";
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    auto m = mark_of_byte(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    auto colon = what.rfind(": ");
    throw InputError(path, m.line, m.col, "STACK-OUTPUTS",
                     "not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)), hint);
  } catch (const nlohmann::json::out_of_range& e) {
    // A number too large for a double ("number overflow parsing '1e400'") carries no byte
    // offset; find the quoted token in the text for the position.
    std::string what = e.what();
    auto open = what.find('\'');
    auto close = what.rfind('\'');
    std::string token = open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : "";
    auto at = token.empty() ? std::string::npos : text.find(token);
    auto m = mark_of_byte(text, at == std::string::npos ? 0 : at);
    throw InputError(path, m.line, m.col, "STACK-OUTPUTS",
                     "not usable JSON: the number " + (token.empty() ? std::string("in it") : token) +
                         " is too large",
                     hint);
  }
  std::vector<const nlohmann::json*> stacks;
  if (j.is_object() && j.contains("Stacks")) {
    if (!j["Stacks"].is_array()) {
      auto m = mark_of_key(text, "Stacks");
      throw InputError(path, m.line, m.col, "STACK-OUTPUTS", "\"Stacks\" is not a list", hint);
    }
    for (const auto& s : j["Stacks"]) stacks.push_back(&s);
  } else if (j.is_object() && j.contains("Outputs")) {
    stacks.push_back(&j);
  } else {
    throw InputError(path, 1, 1, "STACK-OUTPUTS", "no \"Stacks\" (or \"Outputs\") found", hint);
  }
  std::map<std::string, std::string> out;
  std::map<std::string, std::string> from;  // key -> stack name, for conflicts
  Diagnostics problems;
  int output_index = 0;
  for (const auto* s : stacks) {
    if (!s->is_object()) {
      problems.push_back({path, 0, 0, Severity::Error, "STACK-OUTPUTS", "a stack entry is not an object", hint, "Stacks"});
      continue;
    }
    std::string stack_name = s->contains("StackName") && (*s)["StackName"].is_string()
                                 ? (*s)["StackName"].get<std::string>()
                                 : std::string("(unnamed stack)");
    if (!s->contains("Outputs")) continue;  // a stack without outputs (still creating?)
    const auto& outs = (*s)["Outputs"];
    if (!outs.is_array()) {
      auto m = mark_of_key(text, "Outputs");
      problems.push_back({path, m.line, m.col, Severity::Error, "STACK-OUTPUTS",
                          "\"Outputs\" of stack " + stack_name + " is not a list", hint, "Outputs"});
      continue;
    }
    for (const auto& o : outs) {
      // The position is searched for only when there is something to report: searching it
      // for every output made a file of many outputs quadratic.
      const int index = output_index++;
      auto where = [&] { return mark_of_key(text, "OutputKey", index); };
      if (!o.is_object() || !o.contains("OutputKey") || !o["OutputKey"].is_string() || !o.contains("OutputValue") ||
          !o["OutputValue"].is_string()) {
        auto m = where();
        problems.push_back({path, m.line, m.col, Severity::Error, "STACK-OUTPUTS",
                            "an output of stack " + stack_name + " lacks a string OutputKey or OutputValue", hint,
                            "Outputs"});
        continue;
      }
      std::string key = o["OutputKey"].get<std::string>();
      std::string value = o["OutputValue"].get<std::string>();
      auto it = out.find(key);
      if (it != out.end() && it->second != value) {
        auto m = where();
        problems.push_back({path, m.line, m.col, Severity::Error, "STACK-OUTPUTS",
                            fmt::format("OutputKey {} is '{}' in stack {} but '{}' in stack {}", key, it->second,
                                        from[key], value, stack_name),
                            "give the stacks of one deployment only", "Outputs"});
        continue;
      }
      out[key] = value;
      from[key] = stack_name;
    }
  }
  if (!problems.empty()) throw InputError(problems);
  return out;
}

}  // namespace pwpc
