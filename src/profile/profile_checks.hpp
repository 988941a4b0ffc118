// Cross-field rules of the profile that a JSON Schema cannot say.
#pragma once

#include "pwpc/diagnostics.hpp"
#include "pwpc/document.hpp"
#include "pwpc/profile.hpp"

namespace pwpc {

Diagnostics check_profile(const Profile& p, const doc::Document& d);

}  // namespace pwpc
