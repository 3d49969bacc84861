#include "loader/reader.h"
#include "status.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>

namespace mab {

mab_status read_file(const std::string & path, void ** data, size_t * len) {
    FILE * f = fopen(path.c_str(), "rb");
    if (!f) return set_error(MAB_STATUS_IO, "cannot open '%s': %s", path.c_str(), strerror(errno));
    mab_status st = MAB_STATUS_OK;
    char *     buf = nullptr;
    long       size = -1;
    struct stat info;
    // A directory opens for reading on Linux, and ftell then says LONG_MAX: say what it is instead.
    if (fstat(fileno(f), &info) == 0 && S_ISDIR(info.st_mode)) {
        st = set_error(MAB_STATUS_IO, "cannot read '%s': it is a directory, not a file", path.c_str());
    } else if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        st = set_error(MAB_STATUS_IO, "cannot determine the size of '%s' (not a regular file?)", path.c_str());
    } else if (!(buf = (char *) malloc((size_t) size + 1))) {
        st = set_error(MAB_STATUS_OUT_OF_MEMORY, "out of memory reading '%s' (%ld bytes)", path.c_str(), size);
    } else if (fread(buf, 1, (size_t) size, f) != (size_t) size) {
        st = set_error(MAB_STATUS_IO, "short read on '%s'", path.c_str());
    }
    fclose(f);
    if (st != MAB_STATUS_OK) {
        free(buf);
        return st;
    }
    buf[size] = '\0';
    *data = buf;
    *len  = (size_t) size;
    return MAB_STATUS_OK;
}

std::string file_in(const std::string & dir, const char * file) {
    return dir.empty() || dir.back() == '/' ? dir + file : dir + "/" + file;
}

} // namespace mab
