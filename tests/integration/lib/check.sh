# The reporting helpers of the integration scripts (sourced, not run):
# one "PASS: what", "FAIL: what" or "SKIP: what (why)" line per check, as
# tests/run.sh counts them; 'fails' counts the failures, so a script ends
# with  exit $((fails > 0)).
#   check WHAT CMD...   PASS if CMD succeeds, else FAIL
fails=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
skip() { echo "SKIP: $*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
