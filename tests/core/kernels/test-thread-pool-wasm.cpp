// The wasm side of test-thread-pool-wasm.mjs: a pool thread traps inside a task, while the calling
// thread waits for that task to finish. The caller must not wait for ever: Emscripten's waits on the
// runtime's main thread run in short slices, and each one unwinds the thread ('unwind' thrown to JS)
// once another thread has crashed. web/src/bindings.js reports that as WASM_TRAP.
#include "kernels/thread-pool.h"

#include <atomic>
#include <emscripten.h>
#include <pthread.h>

namespace {
std::atomic<bool> g_worker_in_task{false};
}

// Two tasks on a pool of two threads. The caller takes the first (it starts before the worker wakes)
// and holds it until the worker has taken the second. The worker traps there 200 ms later, when the
// caller is already waiting for it. Returns 1 if thread_pool_run came back, which it must not.
extern "C" EMSCRIPTEN_KEEPALIVE int run_with_trapping_worker() {
    mab::thread_pool * pool = nullptr;
    if (mab::thread_pool_create(2, &pool) != MAB_STATUS_OK) return 2;
    const pthread_t caller = pthread_self();
    mab::parallel_for(pool, 2, [&](size_t) {
        if (pthread_equal(pthread_self(), caller)) {
            while (!g_worker_in_task.load()) {
            }
            return;
        }
        g_worker_in_task.store(true);
        const double start = emscripten_get_now();
        while (emscripten_get_now() - start < 200) {
        }
        __builtin_trap();
    });
    return 1;
}
