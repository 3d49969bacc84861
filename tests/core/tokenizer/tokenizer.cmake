# Tokenizer benchmark and fuzzer, included from tests/CMakeLists.txt.

# bench-tokenizer: MB/s on the ACI-Bench clinical notes (../shared/data); --smoke under label bench.
if(MAB_BUILD_BENCH)
  add_executable(bench-tokenizer ${CMAKE_CURRENT_LIST_DIR}/bench-tokenizer.cpp)
  target_link_libraries(bench-tokenizer PRIVATE minialbert_core)
  target_compile_definitions(bench-tokenizer PRIVATE MAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME bench-tokenizer-smoke COMMAND bench-tokenizer --smoke)
  set_tests_properties(bench-tokenizer-smoke PROPERTIES LABELS bench)
endif()

# fuzz-tokenizer (libFuzzer), only with -DMAB_BUILD_FUZZ=ON and clang as the C++ compiler:
#   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DMAB_BUILD_FUZZ=ON
#   cmake --build build-fuzz --target fuzz-tokenizer
# The tokenizer sources are compiled into the fuzzer itself, so all of them carry the fuzzer's
# coverage instrumentation and ASan/UBSan. ctest runs a short fixed-seed run (label unit); the long
# run is documented in docs (build-fuzz/fuzz-tokenizer -max_total_time=900 CORPUS_DIR).
if(MAB_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "MAB_BUILD_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  set(_core ${PROJECT_SOURCE_DIR}/core)
  # MAB_TOKENIZER_SOURCES of core/CMakeLists.txt, as the core target lists them (relative to core/).
  get_target_property(_tokenizer_sources minialbert_core SOURCES)
  list(FILTER _tokenizer_sources INCLUDE REGEX "^tokenizer/")
  list(TRANSFORM _tokenizer_sources PREPEND ${_core}/)
  add_executable(fuzz-tokenizer ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz-tokenizer.cpp ${_tokenizer_sources}
    ${_core}/status.cpp ${_core}/loader/reader.cpp)
  target_include_directories(fuzz-tokenizer PRIVATE ${_core}/include ${_core})
  target_link_libraries(fuzz-tokenizer PRIVATE nlohmann_json::nlohmann_json)
  target_compile_definitions(fuzz-tokenizer PRIVATE MAB_GOLDEN_DIR="${MAB_GOLDEN_DIR}")
  set(_fuzz_flags -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-exceptions -g -O1)
  target_compile_options(fuzz-tokenizer PRIVATE ${_fuzz_flags})
  target_link_options(fuzz-tokenizer PRIVATE ${_fuzz_flags})
  add_test(NAME fuzz-tokenizer-short COMMAND fuzz-tokenizer -seed=1 -runs=30000 -max_total_time=120 -max_len=4096 -timeout=10)
  set_tests_properties(fuzz-tokenizer-short PROPERTIES LABELS unit)
endif()
