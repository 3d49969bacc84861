# nlohmann_json for Emscripten builds. The Emscripten toolchain searches only its own sysroot, and the
# host package's config would put all of /usr/include on the include path, where the host libc headers
# shadow the sysroot's. The library is header-only, so this config exposes just its headers, through a
# directory in the build tree that holds nothing but a link to the host's nlohmann/ folder.
find_path(MAB_HOST_NLOHMANN_JSON_INCLUDE nlohmann/json.hpp PATHS /usr/include /usr/local/include
          NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
if(NOT MAB_HOST_NLOHMANN_JSON_INCLUDE)
  set(nlohmann_json_FOUND FALSE)
  set(nlohmann_json_NOT_FOUND_MESSAGE "nlohmann/json.hpp not found on the host (apt-get install nlohmann-json3-dev)")
  return()
endif()
set(_mab_json_shim "${CMAKE_BINARY_DIR}/nlohmann-json-include")
file(MAKE_DIRECTORY "${_mab_json_shim}")
if(NOT EXISTS "${_mab_json_shim}/nlohmann")
  file(CREATE_LINK "${MAB_HOST_NLOHMANN_JSON_INCLUDE}/nlohmann" "${_mab_json_shim}/nlohmann" SYMBOLIC)
endif()
if(NOT TARGET nlohmann_json::nlohmann_json)
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_mab_json_shim}")
endif()
set(nlohmann_json_FOUND TRUE)
