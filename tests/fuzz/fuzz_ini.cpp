// libFuzzer target: the INI reader of Workbench files and systemd drop-ins.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pwpc/ini.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto f = pwpc::ini::parse_ini("fuzz.conf", text);
    for (const auto& s : f.sections) (void)s.find("key");
  } catch (const pwpc::InputError&) {
  }
  return 0;
}
