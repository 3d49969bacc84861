# Kernel benchmark and WebAssembly kernel tests, included from tests/CMakeLists.txt.

# bench-kernels: every backend and micro-kernel on the model's shapes; --smoke under label bench.
if(MAB_BUILD_BENCH)
  add_executable(bench-kernels ${CMAKE_CURRENT_LIST_DIR}/bench-kernels.cpp)
  target_link_libraries(bench-kernels PRIVATE minialbert_core)
  target_include_directories(bench-kernels PRIVATE ${PROJECT_SOURCE_DIR}/core)
  target_compile_definitions(bench-kernels PRIVATE MAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME bench-kernels-smoke COMMAND bench-kernels --smoke)
  set_tests_properties(bench-kernels-smoke PROPERTIES LABELS bench)
  # The native rate of the instructions V8 makes of the wasm int8 dot products (x86-64 only).
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
    add_executable(bench-int8-dot-x86 ${CMAKE_CURRENT_LIST_DIR}/bench-int8-dot-x86.cpp)
    target_compile_options(bench-int8-dot-x86 PRIVATE -mssse3 -msse4.1)
    add_test(NAME bench-int8-dot-x86-smoke COMMAND bench-int8-dot-x86 1000000)
    set_tests_properties(bench-int8-dot-x86-smoke PROPERTIES LABELS bench)
  endif()
endif()

# test-kernels-wasm (label wasm): em++ builds test-kernels-wasm.cpp with the kernel sources twice,
# -msimd128 and -msimd128 -mrelaxed-simd (whose prototype relaxed opcodes fix-relaxed-simd.py
# rewrites), and Node runs both. Building happens in the first ctest step, not in the default build.
find_program(MAB_EMXX em++)
find_program(MAB_NODE node)
if(MAB_EMXX AND MAB_NODE)
  set(_core ${PROJECT_SOURCE_DIR}/core)
  # The kernel layer: every source under core/kernels but the native-only XNNPACK backend (the
  # same rule as wasm-kernel-sources.sh and gemm-vs-xnnpack.mjs, so a new family needs no list).
  file(GLOB _kernel_sources CONFIGURE_DEPENDS ${_core}/kernels/*.cpp ${_core}/kernels/*/*.cpp)
  list(FILTER _kernel_sources EXCLUDE REGEX "/kernels/xnnpack/")
  # em++ runs as a custom command, which sees no header dependencies of its own: the kernels are
  # mostly header templates, so every header under core/kernels and the tests' case lists count.
  file(GLOB_RECURSE _kernel_headers CONFIGURE_DEPENDS ${_core}/kernels/*.h ${_core}/kernels/*.inc
    ${CMAKE_CURRENT_LIST_DIR}/*.h)
  set(_wasm_sources ${_core}/status.cpp ${_kernel_sources} ${CMAKE_CURRENT_LIST_DIR}/test-kernels-wasm.cpp)
  set(_wasm_flags -std=c++20 -O3 -fno-exceptions -I${_core}/include -I${_core} -I${PROJECT_SOURCE_DIR}/tests
    -sWASM_ASYNC_COMPILATION=0 -sALLOW_MEMORY_GROWTH=1)
  # .cjs: the repository's package.json says "type": "module"; Emscripten 3.1.6 emits CommonJS.
  # WASM_ASYNC_COMPILATION=0: Node 20's fetch() cannot load the .wasm by path, the sync path reads it.
  set(_dir ${CMAKE_CURRENT_BINARY_DIR}/kernels-wasm)
  add_custom_command(OUTPUT ${_dir}/test-kernels-simd128.cjs
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}
    COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs
            ${MAB_EMXX} ${_wasm_flags} -msimd128 ${_wasm_sources} -o ${_dir}/test-kernels-simd128.cjs
    DEPENDS ${_wasm_sources} ${_kernel_headers} VERBATIM)
  add_custom_command(OUTPUT ${_dir}/test-kernels-relaxed.cjs
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}
    COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs
            ${MAB_EMXX} ${_wasm_flags} -msimd128 -mrelaxed-simd ${_wasm_sources} -o ${_dir}/test-kernels-relaxed.cjs
    COMMAND /usr/bin/python3 ${_core}/kernels/wasmsimd/fix-relaxed-simd.py ${_dir}/test-kernels-relaxed.wasm
    DEPENDS ${_wasm_sources} ${_kernel_headers} ${_core}/kernels/wasmsimd/fix-relaxed-simd.py VERBATIM)
  add_custom_target(test-kernels-wasm DEPENDS ${_dir}/test-kernels-simd128.cjs ${_dir}/test-kernels-relaxed.cjs)

  add_test(NAME test-kernels-wasm-build
           COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target test-kernels-wasm)
  set_tests_properties(test-kernels-wasm-build PROPERTIES LABELS wasm FIXTURES_SETUP kernels_wasm)
  add_test(NAME test-kernels-wasm-simd128 COMMAND ${MAB_NODE} ${_dir}/test-kernels-simd128.cjs)
  # Node 20 has relaxed SIMD behind a flag (standard opcodes; on by default from V8 11.4 / Chrome 114).
  add_test(NAME test-kernels-wasm-relaxed
           COMMAND ${MAB_NODE} --experimental-wasm-relaxed-simd ${_dir}/test-kernels-relaxed.cjs)
  # Again with TurboFan only: Node 20's baseline compiler gets i32x4.relaxed_dot_i8x16_i7x16_add_s
  # wrong, so the run above skips the dotadd micro-kernels, which this one tests.
  add_test(NAME test-kernels-wasm-relaxed-turbofan
           COMMAND ${MAB_NODE} --experimental-wasm-relaxed-simd --no-liftoff ${_dir}/test-kernels-relaxed.cjs
                   --require-dot-add)
  set_tests_properties(test-kernels-wasm-simd128 test-kernels-wasm-relaxed test-kernels-wasm-relaxed-turbofan
                       PROPERTIES LABELS wasm FIXTURES_REQUIRED kernels_wasm)

  # test-thread-pool-wasm (label wasm): the thread pool in a -pthread build, where a pool thread
  # traps inside a task; test-thread-pool-wasm.mjs checks that the waiting caller is unwound. The
  # glue's pthread worker script is CommonJS named .worker.js: the folder says so for Node.
  file(WRITE ${_dir}/package.json "{ \"type\": \"commonjs\" }\n")
  set(_pool_sources ${_core}/status.cpp ${_core}/kernels/thread-pool.cpp ${CMAKE_CURRENT_LIST_DIR}/test-thread-pool-wasm.cpp)
  add_custom_command(OUTPUT ${_dir}/test-thread-pool-wasm.cjs
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}
    COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs
            ${MAB_EMXX} -std=c++20 -O2 -fno-exceptions -I${_core}/include -I${_core} -pthread -sPTHREAD_POOL_SIZE=1
            -sMODULARIZE=1 -sEXPORT_NAME=createTest -sEXPORTED_FUNCTIONS=_run_with_trapping_worker
            -sNODEJS_CATCH_EXIT=0 -sNODEJS_CATCH_REJECTION=0
            ${_pool_sources} -o ${_dir}/test-thread-pool-wasm.cjs
    DEPENDS ${_pool_sources} ${_core}/kernels/thread-pool.h VERBATIM)
  add_custom_target(test-thread-pool-wasm DEPENDS ${_dir}/test-thread-pool-wasm.cjs)
  add_test(NAME test-thread-pool-wasm-build
           COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target test-thread-pool-wasm)
  set_tests_properties(test-thread-pool-wasm-build PROPERTIES LABELS wasm FIXTURES_SETUP thread_pool_wasm)
  add_test(NAME test-thread-pool-wasm
           COMMAND ${MAB_NODE} ${CMAKE_CURRENT_LIST_DIR}/test-thread-pool-wasm.mjs ${_dir}/test-thread-pool-wasm.cjs)
  set_tests_properties(test-thread-pool-wasm PROPERTIES LABELS wasm FIXTURES_REQUIRED thread_pool_wasm TIMEOUT 60)
endif()
