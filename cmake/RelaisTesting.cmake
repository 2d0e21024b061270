# SPDX-License-Identifier: EUPL-1.2
# relais_add_test(): the one way a test program is declared.
#
#   relais_add_test(<name>
#       [SOURCES file...]          default: <name>.cpp
#       [LIBRARIES target...]      what the test links besides Qt Test and tests/support/
#       [PROGRAMS target...]       programs the test starts: each is built first and its path
#                                  given as RELAIS_<TARGET>_EXE (relais-hub: RELAIS_HUB_EXE)
#       [DEFINITIONS def...]       more compile definitions
#       [ENVIRONMENT var=value...] the test's environment under ctest
#       [TIMEOUT seconds]          default 300
#       [CASES case...]            one ctest entry per test function (so that -j spreads the
#                                  long ones), named <PREFIX><case>, ':' and the like as '_'
#       [PREFIX text]              the ctest name (no CASES) or the cases' prefix;
#                                  default <name> or <name>_
#       [BACKENDS]                 run twice: <name>_sqlite, and <name>_postgresql with
#                                  RELAIS_TEST_BACKEND=postgresql (a PostgreSQL the test starts)
#       [BUILD_ONLY])              a program for the benchmarks: built, never run by ctest
#
# Every test gets RELAIS_SOURCE_DIR (the repository) and RELAIS_TEST_SOURCE_DIR (its folder),
# and reaches the harnesses of tests/support/ by their file name.
function(relais_add_test name)
    cmake_parse_arguments(ARG "BACKENDS;BUILD_ONLY" "TIMEOUT;PREFIX"
        "SOURCES;LIBRARIES;PROGRAMS;DEFINITIONS;ENVIRONMENT;CASES" ${ARGN})
    if(NOT ARG_SOURCES)
        set(ARG_SOURCES ${name}.cpp)
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()

    qt_add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE relais_test_support ${ARG_LIBRARIES})
    target_compile_definitions(${name} PRIVATE
        RELAIS_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        RELAIS_TEST_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}"
        ${ARG_DEFINITIONS})
    foreach(program ${ARG_PROGRAMS})
        string(TOUPPER ${program} macro)
        string(REGEX REPLACE "^RELAIS[-_]" "" macro ${macro})
        string(REGEX REPLACE "[^A-Z0-9]" "_" macro ${macro})
        target_compile_definitions(${name} PRIVATE
            RELAIS_${macro}_EXE="$<TARGET_FILE:${program}>")
        add_dependencies(${name} ${program})
    endforeach()
    if(ARG_BUILD_ONLY)
        return()
    endif()

    set(tests)
    if(ARG_CASES)
        if(NOT DEFINED ARG_PREFIX)
            set(ARG_PREFIX ${name}_)
        endif()
        foreach(case ${ARG_CASES})
            string(REGEX REPLACE "[^A-Za-z0-9_]" "_" case_name ${case})
            add_test(NAME ${ARG_PREFIX}${case_name} COMMAND ${name} ${case})
            list(APPEND tests ${ARG_PREFIX}${case_name})
        endforeach()
    elseif(ARG_BACKENDS)
        add_test(NAME ${name}_sqlite COMMAND ${name})
        add_test(NAME ${name}_postgresql COMMAND ${name})
        set_tests_properties(${name}_postgresql PROPERTIES
            ENVIRONMENT "RELAIS_TEST_BACKEND=postgresql;${ARG_ENVIRONMENT}")
        set(tests ${name}_sqlite)
        set_tests_properties(${name}_postgresql PROPERTIES TIMEOUT ${ARG_TIMEOUT})
    else()
        if(NOT DEFINED ARG_PREFIX)
            set(ARG_PREFIX ${name})
        endif()
        add_test(NAME ${ARG_PREFIX} COMMAND ${name})
        set(tests ${ARG_PREFIX})
    endif()
    set_tests_properties(${tests} PROPERTIES TIMEOUT ${ARG_TIMEOUT})
    if(ARG_ENVIRONMENT)
        set_tests_properties(${tests} PROPERTIES ENVIRONMENT "${ARG_ENVIRONMENT}")
    endif()
endfunction()
