// Private to src/sizing: small numeric helpers shared by the rules and the output.
#pragma once

#include <string>

namespace pwpc::sizing {

// ceil(x), but a value within 1e-9 (relative) of an integer is that integer, so that
// 10 x 1.1 sessions is 11, not 12. Non-positive and NaN give 0.
long long ceil_tolerant(double x);
// 16 -> "16", 0.1856 -> "0.1856" (shortest round-trip form).
std::string fmt_num(double x);
// GiB with at most two decimals: 15.19921875 -> "15.2".
std::string fmt_gib(double x);

}  // namespace pwpc::sizing
