// The comma lists of the C parameters and the CLI ("phone,date", "O, DATE", "NAME=surrogate, *=tag").
#pragma once

#include <string>
#include <vector>

namespace mab {

// s without the spaces and tabs around it.
std::string trim_blanks(const std::string & s);

// "a,b, c" -> {"a", "b", "c"}: the entries of a comma list, each without the blanks around it (so
// "phone, date" is what it looks like), empty entries skipped.
std::vector<std::string> split_commas(const char * list);

} // namespace mab
