// An f16 model (convert.py --dtype f16): every tensor is widened to f32 at load, and each Linear
// layer's widened copy is freed as soon as the layer is packed. Widening is exact, so the f16 file
// gives the same model as an f32 file of its values; and the load's peak holds one widened layer,
// not all of them.
#define BOOST_TEST_MODULE f16_weights
#include <boost/test/unit_test.hpp>

#include "core/golden.h"
#include "core/loader/st-writer.h"
#include "kernels/kernels.h"
#include "minialbert.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <string>
#include <sys/prctl.h>
#include <vector>

namespace {

// For the whole process, so that no test leaves the heap in a state that hides or inflates the
// next one's peak: blocks of 128 KB and more are mapped and unmapped one by one (glibc's default
// threshold rises as blocks are freed, after which freed blocks stay resident in the heap), and
// no huge page rounds a block up to 2 MB. The resident size then follows the live allocations.
struct resident_size_follows_allocations {
    resident_size_follows_allocations() {
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
        prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
};
BOOST_TEST_GLOBAL_FIXTURE(resident_size_follows_allocations);

// The golden full model with every f32 tensor rounded to f16, stored as F16 (`half`) or as the same
// values in F32 (`widened`: what the loader makes of `half`).
struct rounded_model {
    std::string config, half, widened;
};

rounded_model round_full_model() {
    const std::string dir = golden::dir("full");
    auto half = st_test::split(golden::read_text(dir + "/model.safetensors")), widened = half;
    BOOST_REQUIRE(!half.empty());
    for (size_t i = 0; i < half.size(); i++) {
        if (half[i].dtype != "F32") continue; // the int64 position_ids
        half[i].dtype    = "F16";
        half[i].bytes    = st_test::f16_of_f32(half[i].bytes);
        widened[i].bytes = st_test::f32_of_f16(half[i].bytes);
    }
    return {golden::read_text(dir + "/config.json"), st_test::join(half), st_test::join(widened)};
}

mab_model * load(const std::string & config, const std::string & weights, const char * backend) {
    void * buf = malloc(weights.size()); // the model takes it over
    BOOST_REQUIRE(buf);
    memcpy(buf, weights.data(), weights.size());
    mab_model_params mp = mab_model_default_params();
    mp.backend          = backend;
    mab_model * m       = nullptr;
    BOOST_REQUIRE_MESSAGE(mab_model_load_from_buffers(config.data(), config.size(), buf, weights.size(), "full", mp,
                                                      &m) == MAB_STATUS_OK,
                          backend << ": " << mab_last_error());
    return m;
}

// "VmRSS:" (resident now) or "VmHWM:" (its peak) from /proc/self/status, in bytes; -1 if absent.
double status_bytes(const char * key) {
    FILE * f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char   line[256];
    double kb = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, strlen(key)) == 0) kb = atof(line + strlen(key));
    }
    fclose(f);
    return kb < 0 ? -1 : kb * 1024;
}

// Sets VmHWM back to VmRSS (Linux >= 4.0); false where /proc does not allow it.
bool reset_peak_resident_size() {
    FILE * f = fopen("/proc/self/clear_refs", "w");
    if (!f) return false;
    const bool written = fputs("5", f) >= 0;
    return fclose(f) == 0 && written;
}

} // namespace

// The same weights in memory and bit-identical outputs, on every backend: freeing the widened
// copies changes nothing the forward pass reads.
BOOST_AUTO_TEST_CASE(same_model_as_its_f32_values) {
    const rounded_model rm = round_full_model();
    const golden::test_case c = golden::load_cases("full").front();
    for (size_t bi = 0; mab::all_backends()[bi]; bi++) {
        const char * backend = mab::all_backends()[bi]->name;
        BOOST_TEST_CONTEXT(backend) {
            mab_model *        m[2] = {load(rm.config, rm.half, backend), load(rm.config, rm.widened, backend)};
            mab_model_info     info[2];
            std::vector<float> logits[2];
            for (int i = 0; i < 2; i++) {
                mab_model_get_info(m[i], &info[i]);
                logits[i].resize((size_t) c.batch * c.seq_len * info[i].num_labels);
                BOOST_REQUIRE_MESSAGE(mab_forward(m[i], c.input_ids.data(), c.attention_mask.data(), nullptr, c.batch,
                                                  c.seq_len, logits[i].data(), nullptr,
                                                  mab_forward_default_params()) == MAB_STATUS_OK,
                                      mab_last_error());
                mab_model_free(m[i]);
            }
            BOOST_TEST(info[0].weight_bytes == info[1].weight_bytes);
            BOOST_TEST(memcmp(logits[0].data(), logits[1].data(), logits[0].size() * sizeof(float)) == 0);
        }
    }
}

// While it loads, an f16 model adds to its file the weights it ends with (weights in memory) and the
// widened copy of one Linear layer at a time: at most ffn's or ffn_output's, intermediate_size x
// hidden_size floats (the fused query/key/value's copies come while few layers are packed).
// On the full model that is 75 MB; keeping every widened copy until the last layer was packed, as
// the loader once did, made it 103 MB.
BOOST_AUTO_TEST_CASE(load_peak_holds_one_widened_layer) {
    const rounded_model rm = round_full_model();
    void * buf = malloc(rm.half.size());
    BOOST_REQUIRE(buf);
    memcpy(buf, rm.half.data(), rm.half.size()); // the file is resident before the load starts
    malloc_trim(0);                              // heap pages freed so far go back to the system
    if (!reset_peak_resident_size() || status_bytes("VmRSS:") < 0) {
        BOOST_TEST_MESSAGE("skipped: /proc/self/clear_refs or /proc/self/status is not available");
        return;
    }
    const double       base = status_bytes("VmRSS:");
    mab_model_params   mp   = mab_model_default_params();
    mp.backend              = "scalar";
    mab_model * m           = nullptr;
    BOOST_REQUIRE_MESSAGE(mab_model_load_from_buffers(rm.config.data(), rm.config.size(), buf, rm.half.size(), "full",
                                                      mp, &m) == MAB_STATUS_OK,
                          mab_last_error());
    const double growth = status_bytes("VmHWM:") - base;
    mab_model_info info;
    mab_model_get_info(m, &info);
    mab_model_free(m);
    const double layer = 4.0 * info.intermediate_size * info.hidden_size;
    const double slack = 2e6; // config, tensor table, thread pool
    printf("full f16 load: resident size grew by %.1f MB; weights in memory %.1f MB, largest layer %.1f MB\n",
           growth / 1e6, info.weight_bytes / 1e6, layer / 1e6);
    BOOST_TEST(growth <= info.weight_bytes + layer + slack);
}
