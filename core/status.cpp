#include "status.h"

#include <cstdarg>
#include <cstdio>

namespace mab {

static thread_local std::string g_last_error;

mab_status set_error(mab_status code, const char * fmt, ...) {
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    g_last_error = buf;
    return code;
}

mab_status add_context(mab_status code, const std::string & context) {
    g_last_error = context + ": " + g_last_error;
    return code;
}

const std::string & last_error() { return g_last_error; }

} // namespace mab

extern "C" const char * mab_last_error(void) { return mab::g_last_error.c_str(); }

extern "C" const char * mab_status_name(mab_status status) {
    switch (status) {
        case MAB_STATUS_OK:               return "OK";
        case MAB_STATUS_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
        case MAB_STATUS_IO:               return "IO";
        case MAB_STATUS_BAD_CONFIG:       return "BAD_CONFIG";
        case MAB_STATUS_BAD_WEIGHTS:      return "BAD_WEIGHTS";
        case MAB_STATUS_BAD_INPUT:        return "BAD_INPUT";
        case MAB_STATUS_NO_HEAD:          return "NO_HEAD";
        case MAB_STATUS_OUT_OF_MEMORY:    return "OUT_OF_MEMORY";
        case MAB_STATUS_UNSUPPORTED:      return "UNSUPPORTED";
        case MAB_STATUS_ABORTED:          return "ABORTED";
        case MAB_STATUS_BAD_TOKENIZER:    return "BAD_TOKENIZER";
    }
    return "UNKNOWN";
}
