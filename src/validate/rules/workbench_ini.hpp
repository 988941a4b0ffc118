// Small helpers for reading values of Workbench INI files (rserver.conf, launcher.conf, ...)
// the way Workbench reads them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pwpc/ini.hpp"

namespace pwpc::rules {

// A value without the surrounding double quotes Workbench allows ("Small (1 cpu)").
std::string unquote(std::string_view v);
// Workbench booleans: 1/0, true/false, yes/no, on/off (any case); nullopt otherwise.
std::optional<bool> ini_bool(std::string_view v);
// A whole decimal number; nullopt otherwise.
std::optional<long long> ini_int(std::string_view v);
// ASCII lower case (Workbench and Slurm names compare without regard to case).
std::string lower(std::string s);
// Comma-separated list, items trimmed and unquoted, empty items dropped.
std::vector<std::string> split_list(std::string_view v);
// Where to report a key that a section lacks: its [header], or 1:1 for the unnamed one.
doc::Mark missing_mark(const ini::Section& s);
// The last value of key in the unnamed section (what Workbench uses), or null.
const ini::Entry* top_level(const ini::File& f, std::string_view key);

}  // namespace pwpc::rules
