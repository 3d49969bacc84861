# Int8 models, included from tests/CMakeLists.txt (label model): the golden full and tiny models
# converted by models/convert.py --dtype int8 (linears only, and with --int8-embeddings) into the
# build directory, never into the repository; test-int8 compares them with the f32 goldens.
set(MAB_INT8_MODELS ${CMAKE_CURRENT_BINARY_DIR}/int8-models)
foreach(model full tiny)
  add_test(NAME convert-int8-${model}
           COMMAND /usr/bin/python3 models/convert.py ${MAB_GOLDEN_DIR}/${model} ${MAB_INT8_MODELS}/${model}-int8
                   --dtype int8
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  add_test(NAME convert-int8e-${model}
           COMMAND /usr/bin/python3 models/convert.py ${MAB_GOLDEN_DIR}/${model} ${MAB_INT8_MODELS}/${model}-int8e
                   --dtype int8 --int8-embeddings
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(convert-int8-${model} convert-int8e-${model} PROPERTIES LABELS model FIXTURES_SETUP int8_models)
endforeach()

# The shipped default model (trained) in int8, and a long note made of held-out synthetic notes.
add_test(NAME convert-int8-deid
         COMMAND /usr/bin/python3 models/convert.py models/deid-minialbert-small ${MAB_INT8_MODELS}/deid-int8
                 --dtype int8
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME int8-long-note
         COMMAND /usr/bin/python3 -m synth.generate --split heldout --seed 7 --count 24
                 --out ${MAB_INT8_MODELS}/heldout-notes.jsonl
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}/models)
set_tests_properties(convert-int8-deid int8-long-note PROPERTIES LABELS model FIXTURES_SETUP int8_models)

mab_add_test(test-int8 ${CMAKE_CURRENT_LIST_DIR}/test-int8.cpp model)
target_compile_definitions(test-int8 PRIVATE MAB_INT8_MODELS="${MAB_INT8_MODELS}"
                                             MAB_DEFAULT_MODEL="${PROJECT_SOURCE_DIR}/models/deid-minialbert-small")
set_tests_properties(test-int8 PROPERTIES FIXTURES_REQUIRED int8_models)
