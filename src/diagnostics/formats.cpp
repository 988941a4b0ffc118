// The four output formats of diagnostics. JSON field names are a documented contract
// (docs/output-formats.md): add fields, never rename them.
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "pwpc/diagnostics.hpp"
#include "pwpc/version.hpp"

namespace pwpc {
namespace {

std::string position(const Diagnostic& d) {
  std::string s = d.file;
  if (d.line > 0) {
    s += ":" + std::to_string(d.line);
    if (d.col > 0) s += ":" + std::to_string(d.col);
  }
  return s;
}

const char* color_of(Severity s) {
  switch (s) {
    case Severity::Error: return "\x1b[1;31m";
    case Severity::Warning: return "\x1b[1;33m";
    case Severity::Info: return "\x1b[1;36m";
  }
  return "";
}

std::string json_format(const Diagnostics& ds) {
  nlohmann::ordered_json out;
  out["version"] = 1;
  out["tool"] = {{"name", "pwpc"}, {"version", std::string(pwpc_version())}};
  auto& arr = out["diagnostics"] = nlohmann::ordered_json::array();
  std::size_t errors = 0, warnings = 0, infos = 0;
  for (const auto& d : ds) {
    arr.push_back({{"file", d.file},
                   {"line", d.line},
                   {"column", d.col},
                   {"severity", std::string(to_string(d.severity))},
                   {"rule", d.rule},
                   {"message", d.message},
                   {"hint", d.hint},
                   {"path", d.path}});
    (d.severity == Severity::Error ? errors : d.severity == Severity::Warning ? warnings : infos)++;
  }
  out["summary"] = {{"errors", errors}, {"warnings", warnings}, {"infos", infos}};
  return out.dump(2) + "\n";
}

std::string sarif_level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "error";
}

std::string sarif_format(const Diagnostics& ds, const RuleLookup& lookup) {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  std::map<std::string, std::size_t> index;
  for (const auto& d : ds) {
    if (index.count(d.rule)) continue;
    index[d.rule] = rules.size();
    nlohmann::ordered_json r{{"id", d.rule}};
    if (lookup) {
      auto [summary, uri] = lookup(d.rule);
      if (!summary.empty()) r["shortDescription"] = {{"text", summary}};
      if (!uri.empty()) r["helpUri"] = uri;
    }
    rules.push_back(r);
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const auto& d : ds) {
    nlohmann::ordered_json region;
    region["startLine"] = d.line > 0 ? d.line : 1;
    if (d.col > 0) region["startColumn"] = d.col;
    std::string text = d.message;
    if (!d.hint.empty()) text += " (" + d.hint + ")";
    results.push_back(
        {{"ruleId", d.rule},
         {"ruleIndex", index[d.rule]},
         {"level", sarif_level(d.severity)},
         {"message", {{"text", text}}},
         {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", d.file}}}, {"region", region}}}}}}});
  }
  nlohmann::ordered_json run{{"tool",
                              {{"driver",
                                {{"name", "pwpc"},
                                 {"version", std::string(pwpc_version())},
                                 {"informationUri", "https://github.com/pwpc/pwpc"},
                                 {"rules", rules}}}}},
                             {"results", results}};
  nlohmann::ordered_json out{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                             {"version", "2.1.0"},
                             {"runs", nlohmann::ordered_json::array({run})}};
  return out.dump(2) + "\n";
}

// GitHub workflow commands: data must escape %, CR, LF; properties also : and ,.
std::string gh_escape(const std::string& s, bool property) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '%': o += "%25"; break;
      case '\r': o += "%0D"; break;
      case '\n': o += "%0A"; break;
      case ':': o += property ? "%3A" : ":"; break;
      case ',': o += property ? "%2C" : ","; break;
      default: o += c;
    }
  }
  return o;
}

std::string github_format(const Diagnostics& ds) {
  std::string out;
  for (const auto& d : ds) {
    std::string level = d.severity == Severity::Error     ? "error"
                        : d.severity == Severity::Warning ? "warning"
                                                          : "notice";
    out += "::" + level + " file=" + gh_escape(d.file, true);
    if (d.line > 0) out += ",line=" + std::to_string(d.line);
    if (d.col > 0) out += ",col=" + std::to_string(d.col);
    out += ",title=" + gh_escape(d.rule, true) + "::";
    std::string text = d.message;
    if (!d.hint.empty()) text += "\n" + d.hint;
    out += gh_escape(text, false) + "\n";
  }
  return out;
}

}  // namespace

std::string format_text(const Diagnostic& d, bool color) {
  std::string sev(to_string(d.severity));
  std::string s = position(d) + ": ";
  if (color) {
    s += std::string(color_of(d.severity)) + sev + "\x1b[0m";
  } else {
    s += sev;
  }
  s += ": [" + d.rule + "] " + d.message + "\n";
  if (!d.hint.empty()) s += "    hint: " + d.hint + "\n";
  return s;
}

std::string format_diagnostics(const Diagnostics& ds, OutputFormat f, bool color, const RuleLookup& rules) {
  switch (f) {
    case OutputFormat::Json: return json_format(ds);
    case OutputFormat::Sarif: return sarif_format(ds, rules);
    case OutputFormat::Github: return github_format(ds);
    case OutputFormat::Text: break;
  }
  std::string out;
  for (const auto& d : ds) out += format_text(d, color);
  return out;
}

}  // namespace pwpc
