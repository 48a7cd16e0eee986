#!/bin/bash
# The RSVP-TE engine's own cost (dom0/engine_bench.c): LSP setups per
# second and the CPU share of refreshing 100,000 sessions at R = 30 s,
# without sockets, netlink or BPF map writes (those are measured end to end
# by the control-plane benchmark once quasard and quasar-rsvp run it).
# Targets of issue 3, for the whole daemon: 5,000 setups/s; 100,000
# sessions under 10% of one core.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.." || exit 2
exec "$BUILD/dom0/bench_engine" -n "${ENGINE_SESSIONS:-100000}" -p 2
