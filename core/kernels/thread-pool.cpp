#include "kernels/thread-pool.h"

#include "status.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>
#include <pthread.h>
#include <thread>

namespace mab {

struct thread_pool {
    size_t      n_threads = 1; // asked for, caller included
    pthread_t * workers   = nullptr;
    size_t      n_workers = 0; // started (fewer than n_threads - 1 if pthread_create failed)
    bool        started   = false;

    std::mutex run_mutex; // one run at a time

    // The current job; written under `mutex`, read by each worker under it when it wakes.
    std::mutex              mutex;
    std::condition_variable wake; // a new generation, or stop
    std::condition_variable done; // every task of the current job has finished
    uint32_t                generation = 0;
    bool                    stop       = false;
    void (*task)(void *, size_t) = nullptr;
    void *   ctx     = nullptr;
    uint32_t n_tasks = 0;

    // The next task to take, tagged with its job's generation (high 32 bits): a worker that wakes
    // late, after its job has ended, cannot take a task of the next job with the old job's
    // arguments. The caller waits for `finished`, not for the workers, so a worker that the OS
    // has not scheduled yet (a loaded machine) delays nothing: the others take its share.
    std::atomic<uint64_t> next{0};
    std::atomic<uint32_t> finished{0};

    // thread_pool_acquire's list, under g_shared_mutex.
    size_t        refs        = 0;
    thread_pool * next_shared = nullptr;
};

namespace {

// Takes tasks of job `generation` until none are left; which thread runs a task never changes
// what it computes.
void run_tasks(thread_pool & p, uint32_t generation, void (*task)(void *, size_t), void * ctx, uint32_t n) {
    uint64_t cur = p.next.load(std::memory_order_relaxed);
    for (;;) {
        const uint32_t i = (uint32_t) cur;
        if ((uint32_t) (cur >> 32) != generation || i >= n) return;
        if (!p.next.compare_exchange_weak(cur, cur + 1, std::memory_order_relaxed)) continue;
        task(ctx, i);
        if (p.finished.fetch_add(1, std::memory_order_acq_rel) + 1 == n) {
            std::lock_guard<std::mutex> lock(p.mutex);
            p.done.notify_one();
        }
        cur = p.next.load(std::memory_order_relaxed);
    }
}

void * worker_main(void * arg) {
    thread_pool & p    = *(thread_pool *) arg;
    uint32_t      seen = 0;
    std::unique_lock<std::mutex> lock(p.mutex);
    for (;;) {
        p.wake.wait(lock, [&] { return p.stop || p.generation != seen; });
        if (p.stop) return nullptr;
        seen = p.generation;
        auto *         task = p.task;
        void *         ctx  = p.ctx;
        const uint32_t n    = p.n_tasks;
        lock.unlock();
        run_tasks(p, seen, task, ctx, n);
        lock.lock();
    }
}

// Starts the workers once. A worker that cannot be started is simply not there: the tasks it would
// have taken are taken by the others and the caller.
void start_workers(thread_pool & p) {
    p.started = true;
    for (size_t i = 0; i + 1 < p.n_threads; i++) {
        if (pthread_create(&p.workers[i], nullptr, worker_main, &p) != 0) break;
        p.n_workers++;
    }
}

thread_local thread_pool * t_current_pool = nullptr;

std::mutex    g_shared_mutex;
thread_pool * g_shared = nullptr; // pools handed out by thread_pool_acquire

} // namespace

mab_status thread_pool_create(size_t n_threads, thread_pool ** out) {
    *out = nullptr;
    if (n_threads == 0) return set_error(MAB_STATUS_INVALID_ARGUMENT, "thread pool: 0 threads (expected at least 1)");
    auto * p = new (std::nothrow) thread_pool();
    auto * w = n_threads > 1 ? (pthread_t *) calloc(n_threads - 1, sizeof(pthread_t)) : nullptr;
    if (!p || (n_threads > 1 && !w)) {
        delete p;
        free(w);
        return set_error(MAB_STATUS_OUT_OF_MEMORY, "thread pool: out of memory for %zu threads", n_threads);
    }
    p->n_threads = n_threads;
    p->workers   = w;
    *out         = p;
    return MAB_STATUS_OK;
}

void thread_pool_free(thread_pool * p) {
    if (!p) return;
    {
        std::lock_guard<std::mutex> lock(p->mutex);
        p->stop = true;
    }
    p->wake.notify_all();
    for (size_t i = 0; i < p->n_workers; i++) pthread_join(p->workers[i], nullptr);
    free(p->workers);
    delete p;
}

mab_status thread_pool_acquire(size_t n_threads, thread_pool ** out) {
    std::lock_guard<std::mutex> lock(g_shared_mutex);
    for (thread_pool * p = g_shared; p; p = p->next_shared) {
        if (p->n_threads == n_threads) {
            p->refs++;
            *out = p;
            return MAB_STATUS_OK;
        }
    }
    const mab_status st = thread_pool_create(n_threads, out);
    if (st != MAB_STATUS_OK) return st;
    (*out)->refs        = 1;
    (*out)->next_shared = g_shared;
    g_shared            = *out;
    return MAB_STATUS_OK;
}

void thread_pool_release(thread_pool * pool) {
    if (!pool) return;
    {
        std::lock_guard<std::mutex> lock(g_shared_mutex);
        if (--pool->refs > 0) return;
        for (thread_pool ** link = &g_shared; *link; link = &(*link)->next_shared) {
            if (*link == pool) {
                *link = pool->next_shared;
                break;
            }
        }
    }
    thread_pool_free(pool);
}

size_t thread_pool_size(const thread_pool * p) { return p ? p->n_threads : 1; }

void thread_pool_run(thread_pool * p, size_t n, void (*task)(void *, size_t), void * ctx) {
    if (!p || p->n_threads == 1 || n <= 1 || n > UINT32_MAX) {
        for (size_t i = 0; i < n; i++) task(ctx, i);
        return;
    }
    std::lock_guard<std::mutex> run_lock(p->run_mutex);
    if (!p->started) start_workers(*p);
    if (p->n_workers == 0) {
        for (size_t i = 0; i < n; i++) task(ctx, i);
        return;
    }
    uint32_t generation;
    {
        std::lock_guard<std::mutex> lock(p->mutex);
        generation = ++p->generation;
        p->task    = task;
        p->ctx     = ctx;
        p->n_tasks = (uint32_t) n;
        p->finished.store(0, std::memory_order_relaxed);
        p->next.store((uint64_t) generation << 32, std::memory_order_relaxed);
    }
    p->wake.notify_all();
    run_tasks(*p, generation, task, ctx, (uint32_t) n);
    std::unique_lock<std::mutex> lock(p->mutex);
    p->done.wait(lock, [&] { return p->finished.load(std::memory_order_acquire) == n; });
}

size_t default_thread_count() {
#if defined(__EMSCRIPTEN__)
    return 1;
#else
    const size_t hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : hw < 4 ? hw : 4;
#endif
}

thread_pool * current_thread_pool() { return t_current_pool; }

thread_pool_scope::thread_pool_scope(thread_pool * pool) : saved(t_current_pool) { t_current_pool = pool; }
thread_pool_scope::~thread_pool_scope() { t_current_pool = saved; }

} // namespace mab
