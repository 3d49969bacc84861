// Reading whole files into checked malloc buffers (native CLI and tests; the web hands buffers in).
#pragma once

#include "minialbert.h"

#include <cstddef>
#include <string>

namespace mab {

// Reads `path` into a malloc'd buffer (caller frees). A trailing NUL is appended (not counted in *len)
// so text files can be parsed in place.
mab_status read_file(const std::string & path, void ** data, size_t * len);

// `file` in directory (or URL) `dir`, with one '/' between them: "models/x/" and "models/x" both give
// "models/x/config.json", in paths opened and in the messages that name them.
std::string file_in(const std::string & dir, const char * file);

} // namespace mab
