# gridcare: a thin driver over CMake.  See README.md.
#
#   make run      install what is missing, build, migrate, seed, serve :8080
#   make test     ASan+UBSan build and every test (unit, API, browser, pg)
#   make lint     clang-tidy, cppcheck, include directions, banned calls
#   make bench    benchmarks (docs/PERFORMANCE.md)
#   make fuzz     libFuzzer targets for FUZZ_SECONDS each (default 60)
#   make valgrind unit tests under valgrind (no sanitizers)

JOBS      ?= $(shell nproc)
BUILD     ?= build/release
TESTBUILD ?= build/asan
DB        ?= var/gridcare.db
CUSTOMERS ?= 20000
FUZZ_SECONDS ?= 60
TEST_FUZZ_SECONDS ?= 10

.PHONY: all deps build run seed test test-build lint bench fuzz valgrind \
        chaos clean web

all: build

deps:
	@scripts/install-deps

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGC_TESTS=OFF

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

web:
	@scripts/build-web

# Seed once: a database that already has customers is kept.
$(DB): | build
	$(BUILD)/gridcare seed-demo --db $(DB) --customers $(CUSTOMERS)

seed: build
	$(BUILD)/gridcare seed-demo --db $(DB) --customers $(CUSTOMERS) --replace

run: build web $(DB)
	$(BUILD)/gridcare serve --db $(DB) --web-root web/dist

test-build: deps
	cmake -S . -B $(TESTBUILD) -DCMAKE_BUILD_TYPE=Debug \
	      -DSANITIZE=address,undefined -DGC_TESTS=ON
	cmake --build $(TESTBUILD) -j $(JOBS)

# PostgreSQL tests run against a throw-away local cluster on a loopback
# port (scripts/test-pg-start); GC_SKIP_PG=1 skips them.
test: test-build web
	@pg=""; if [ -z "$$GC_SKIP_PG" ]; then pg=$$(scripts/test-pg-start); fi; \
	cd $(TESTBUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  GC_TEST_PG="$${pg:+$$pg/gc_unit}" GC_TEST_PG_API="$${pg:+$$pg/gc_api}" \
	  ctest --output-on-failure -j $(JOBS) --timeout 600
	scripts/fuzz $(TEST_FUZZ_SECONDS)

lint: test-build
	scripts/lint $(TESTBUILD)

valgrind: deps
	cmake -S . -B build/valgrind -DCMAKE_BUILD_TYPE=Debug -DGC_TESTS=ON
	cmake --build build/valgrind -j $(JOBS)
	cd build/valgrind && ctest -L unit -T memcheck --output-on-failure

bench: build
	bench/run

fuzz: deps
	scripts/fuzz $(FUZZ_SECONDS)

chaos: build
	tests/chaos/run

clean:
	rm -rf build
