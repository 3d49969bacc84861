// Stand-in for <pthreadpool.h>, which Debian's libxnnpack-dev includes from xnnpack.h but whose
// libpthreadpool-dev package (and its header) is not installed. xnnpack.h only needs the handle
// type; we always pass a null threadpool (single thread). Same declaration as pthreadpool's own.
#pragma once

typedef struct pthreadpool * pthreadpool_t;
