// A small fixed thread pool with one operation: run tasks 0..n-1 on the pool's worker threads and
// the calling thread, and return when all are done. The backends split their work into tasks whose
// arithmetic does not depend on which thread runs them (GEMM column blocks / row tiles, attention
// heads, LayerNorm rows), so any thread count gives bit-identical results.
//
// Portable (POSIX threads + std::mutex / std::condition_variable, no Emscripten header): the same
// file runs natively and in the -pthread WebAssembly build. Where threads cannot be started (the
// single-threaded wasm builds, or pthread_create failing) the pool has fewer workers, or none, and
// the caller runs every task itself: nothing fails, it is only slower.
//
// Workers start at the first run (the first forward pass: warm-up), so a pool that a backend never
// uses (xnnpack, which has its own pthreadpool) costs no threads.
#pragma once

#include "minialbert.h"

#include <cstddef>

namespace mab {

struct thread_pool;

// n_threads counts the calling thread: 1 means no workers. 0 is refused (the caller resolves the
// "backend default" first, see default_thread_count).
mab_status thread_pool_create(size_t n_threads, thread_pool ** out);
void       thread_pool_free(thread_pool * pool);

// The pool of n_threads shared by every user that asks for that count (models: loading ten models
// does not start ten sets of threads, and in WebAssembly the workers the JS API starts for one
// model serve them all). Counted: the last release frees it. Runs on a shared pool take turns.
mab_status thread_pool_acquire(size_t n_threads, thread_pool ** out);
void       thread_pool_release(thread_pool * pool);
// Threads that run tasks, the caller included (1 for a null pool).
size_t     thread_pool_size(const thread_pool * pool);

// Runs task(ctx, i) for every i in [0, n), each exactly once, spread over the pool's threads and
// the calling thread, and returns when all have finished. A null pool runs them in order on the
// caller. Calls on one pool from several threads take turns. Tasks must not call run on the same pool.
void thread_pool_run(thread_pool * pool, size_t n, void (*task)(void * ctx, size_t i), void * ctx);

// thread_pool_run with a lambda: parallel_for(pool, n, [&](size_t i) { ... }).
template <class F>
void parallel_for(thread_pool * pool, size_t n, const F & f) {
    thread_pool_run(pool, n, [](void * ctx, size_t i) { (*(const F *) ctx)(i); }, (void *) &f);
}

// The thread count that n_threads = 0 (mab_model_params: "backend default") stands for: the
// hardware threads, at most 4, natively; 1 in WebAssembly, where web/src/bindings.js chooses the
// count and passes it explicitly when it loads the -pthread build.
size_t default_thread_count();

// The pool that kernel calls made on this thread use (null: single-threaded). The kernel_backend
// functions take no pool argument, so the forward pass sets it for its duration with a
// thread_pool_scope; a test does the same around direct kernel calls.
thread_pool * current_thread_pool();

struct thread_pool_scope {
    thread_pool * saved;
    explicit thread_pool_scope(thread_pool * pool);
    ~thread_pool_scope();
    thread_pool_scope(const thread_pool_scope &) = delete;
    thread_pool_scope & operator=(const thread_pool_scope &) = delete;
};

} // namespace mab
