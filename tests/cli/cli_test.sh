#!/usr/bin/env bash
# cli_test: the operator's command-line contract (DESIGN.md): --help
# everywhere, exit 2 with one line naming the field on bad usage, config
# precedence file < environment < flag, secrets masked.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
pass=0 fail=0

check() { # name expected-status command...
	local name=$1 want=$2; shift 2
	"$@" >out 2>err; local got=$?
	if [ "$got" -eq "$want" ]; then pass=$((pass + 1));
	else fail=$((fail + 1)); echo "FAIL $name: exit $got, want $want"; cat err; fi
}
expect_line() { # name file pattern
	if grep -qE -- "$3" "$2"; then pass=$((pass + 1));
	else fail=$((fail + 1)); echo "FAIL $1: no '$3' in $2:"; cat "$2"; fi
}
one_line() { # name
	if [ "$(wc -l < err)" -eq 1 ]; then pass=$((pass + 1));
	else fail=$((fail + 1)); echo "FAIL $1: stderr is not one line:"; cat err; fi
}

check "help" 0 "$bin" --help
expect_line "help lists serve" out '^  serve '
for c in serve migrate seed-demo version; do
	check "$c --help" 0 "$bin" "$c" --help
	expect_line "$c usage" out "^usage: gridcare $c"
done
check "no command" 2 "$bin"
check "unknown command" 2 "$bin" frobnicate
one_line "unknown command"
check "unknown flag" 2 "$bin" serve --frob
expect_line "unknown flag named" err 'unknown option --frob'
one_line "unknown flag"
check "bad threads" 2 "$bin" serve --threads 0 --print-config
expect_line "threads named" err '^gridcare serve: --threads: threads must be'
one_line "bad threads"
check "bad listen" 2 "$bin" serve --listen nowhere --print-config
expect_line "listen named" err 'listen must be HOST:PORT'
check "bad customers" 2 "$bin" seed-demo --customers -1 --db x.db
expect_line "customers named" err -- '--customers must be'
[ ! -e x.db ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL bad input created a database"; }
check "bad until" 2 "$bin" seed-demo --until 2026-02-30 --db x.db
expect_line "until named" err -- '--until must be a date'

# precedence: file < environment < flag
printf 'threads = 3\nmax_body = 2k\nsecret_key = hunter2\n' > gridcare.ini
check "file" 0 "$bin" serve --print-config
expect_line "file threads" out '^threads = 3$'
expect_line "file max_body" out '^max_body = 2048$'
expect_line "secret masked" out '^secret_key = \*\*\*\*\*\*\*\*$'
if grep -q hunter2 out; then fail=$((fail + 1)); echo "FAIL secret printed"; else pass=$((pass + 1)); fi
GRIDCARE_THREADS=5 check "env over file" 0 "$bin" serve --print-config
expect_line "env threads" out '^threads = 5$'
GRIDCARE_THREADS=5 check "flag over env" 0 "$bin" serve --print-config --threads 7
expect_line "flag threads" out '^threads = 7$'
check "json config" 0 "$bin" serve --print-config --json
expect_line "json threads" out '"threads":3'
GRIDCARE_THREADS=x check "bad env" 2 "$bin" serve --print-config
expect_line "env named" err 'GRIDCARE_THREADS: threads must be'
printf 'threads = 3\nthreds = 4\n' > gridcare.ini
check "bad file key" 2 "$bin" serve --print-config
expect_line "file line named" err 'gridcare.ini:2: unknown setting .threds.'
rm gridcare.ini
check "missing explicit config" 2 "$bin" serve --config /nonexistent.ini --print-config

# migrate and seed on a fresh database
check "migrate" 0 "$bin" migrate --db m.db
check "migrate status" 0 "$bin" migrate --status --db m.db
expect_line "status applied" out '^0001 core +applied'
check "migrate status json" 0 "$bin" migrate --status --json --db m.db
expect_line "status json" out '"state":"applied"'
check "seed" 0 "$bin" seed-demo --db m.db --customers 50 --until 2026-11-24 --json
expect_line "seed json" out '^\{"customers":50,"areas":25,"usage_rows":[0-9]+\}$'
check "seed again refused" 2 "$bin" seed-demo --db m.db --customers 50
expect_line "seed refusal" err 'already holds 50 customers'
check "version" 0 "$bin" version
expect_line "version" out '^gridcare [0-9]+\.[0-9]+\.[0-9]+$'

echo "cli_test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
