// bench-tag: throughput of mab_tag (characters per second) on one long clinical note, with the model
// (windows of max_length tokens, default stride) and with rules only. Prints one JSON object per mode.
//   bench-tag [--model DIR] [--chars 200000] [--runs 3] [--backend auto] [--threads 0] [--smoke]
// --smoke: the golden tiny model on a 3000-character note, one run (registered under ctest label bench).
#include "minialbert.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

static const char * const k_paragraphs[] = {
    "DISCHARGE SUMMARY\r\nPatient: Maria Lopez-Hernandez   MRN: 4829173   DOB: 04/17/1948\r\n"
    "Admitted 03/14/2021 to Mercy General Hospital, discharged March 20, 2021. Attending: Dr. Alan Whitfield.\r\n",
    "HISTORY OF PRESENT ILLNESS: The patient is a 72-year-old woman with a history of hypertension, type 2 "
    "diabetes mellitus and chronic kidney disease stage 3 who presented with two days of worsening dyspnea, "
    "orthopnea and bilateral lower extremity edema. She denies chest pain, fever or cough. Her daughter, "
    "Ana Lopez, reports she had been skipping furosemide doses because of urinary frequency.\n",
    "HOSPITAL COURSE: She was diuresed with IV furosemide 40 mg twice daily with good response, net negative "
    "4.2 L over the stay. Echocardiogram on 03/15/2021 showed an ejection fraction of 35-40% with moderate "
    "mitral regurgitation. Cardiology (Dr. Priya Natarajan, pager 4471) recommended starting metoprolol "
    "succinate 25 mg daily and lisinopril 5 mg daily, titrated as tolerated. Creatinine peaked at 1.9 mg/dL.\n",
    "FOLLOW-UP: Heart failure clinic at 1200 Beacon Street, Suite 4B, Brookline, MA 02446 on 04/02/2021. "
    "Call (617) 555-0134 or fax 617-555-0188 with questions; portal https://portal.mercy.example.org. "
    "Insurance member ID XKQ9981234. Her neighbor, a 93 yo retired teacher, will drive her.\n",
    "Nursing note 3/16 0700: Pt resting comfortably, SpO2 96% on 2 L NC, HR 78, BP 132/76. Tolerating "
    "cardiac diet. Ambulated in hallway with PT x2. Daily weight 71.4 kg (down from 74.0 kg). Plan per team.\n",
};

static std::string make_note(size_t chars) {
    std::string note;
    for (size_t k = 0; note.size() < chars; k++) note += k_paragraphs[k % (sizeof k_paragraphs / sizeof k_paragraphs[0])];
    note.resize(chars);
    // Do not end inside a UTF-8 sequence (the paragraphs are ASCII, so this is only a guard).
    while (!note.empty() && ((uint8_t) note.back() & 0xC0) == 0x80) note.pop_back();
    return note;
}

int main(int argc, char ** argv) {
    std::string model_dir = std::string(MAB_GOLDEN_DIR) + "/tiny", backend = "auto";
    size_t chars = 200000;
    int runs = 3, threads = 0;
    for (int i = 1; i < argc; i++) {
        const std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--smoke") chars = 3000, runs = 1;
        else if (a == "--model" && has_value) model_dir = argv[++i];
        else if (a == "--chars" && has_value) chars = (size_t) atol(argv[++i]);
        else if (a == "--runs" && has_value) runs = std::max(1, atoi(argv[++i]));
        else if (a == "--backend" && has_value) backend = argv[++i];
        else if (a == "--threads" && has_value) threads = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: bench-tag [--model DIR] [--chars N] [--runs N] [--backend NAME] [--threads N] [--smoke]\n");
            return 2;
        }
    }
    mab_model_params mp = mab_model_default_params();
    mp.backend   = backend.c_str();
    mp.n_threads = threads;
    mab_tagger * tagger = nullptr;
    if (mab_tagger_load_from_dir(model_dir.c_str(), mp, &tagger) != MAB_STATUS_OK) {
        fprintf(stderr, "bench-tag: %s\n", mab_last_error());
        return 1;
    }
    const std::string note = make_note(chars);
    for (const bool use_model : {true, false}) {
        mab_tag_params p = mab_tag_default_params();
        p.use_model = use_model;
        std::vector<double> seconds;
        int32_t n_entities = 0;
        for (int r = 0; r < runs; r++) {
            mab_tag_result * res = nullptr;
            const auto t0 = std::chrono::steady_clock::now();
            if (mab_tag(tagger, note.data(), note.size(), &p, &res) != MAB_STATUS_OK) {
                fprintf(stderr, "bench-tag: %s\n", mab_last_error());
                mab_tagger_free(tagger);
                return 1;
            }
            seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
            n_entities = mab_tag_result_n_entities(res);
            mab_tag_result_free(res);
        }
        std::sort(seconds.begin(), seconds.end());
        const double median = seconds[seconds.size() / 2];
        printf("{\"bench\": \"tag\", \"mode\": \"%s\", \"model\": \"%s\", \"backend\": \"%s\", \"threads\": %d, "
               "\"hardware_threads\": %u, \"chars\": %zu, \"runs\": %d, \"median_s\": %.4f, \"chars_per_s\": %.0f, "
               "\"entities\": %d}\n",
               use_model ? "model+rules" : "rules-only", model_dir.c_str(), backend.c_str(), threads,
               std::thread::hardware_concurrency(), note.size(), runs, median, note.size() / median, n_entities);
    }
    mab_tagger_free(tagger);
    return 0;
}
