// libFuzzer target: the JSON reader with positions and the reading of describe-stacks
// output (--stack-outputs), including the shape checks of the values.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pwpc/render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto outputs = pwpc::parse_stack_outputs("fuzz.json", text);
    for (const auto& [k, v] : outputs) (void)k.size(), (void)v.size();
  } catch (const pwpc::InputError&) {
  }
  return 0;
}
