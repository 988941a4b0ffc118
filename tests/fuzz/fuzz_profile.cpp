// libFuzzer target: the profile loader (YAML reader, schema checker, cross-field rules,
// sizing). Any input must end in a Profile/Plan or an InputError, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pwpc/profile.hpp"
#include "pwpc/sizing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    pwpc::Profile p = pwpc::parse_profile(pwpc::doc::parse_yaml("fuzz.yaml", text));
    (void)pwpc::make_plan(p);
  } catch (const pwpc::InputError&) {
  }
  return 0;
}
