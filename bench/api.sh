#!/bin/bash
# The host RSVP-TE API's own cost (host/api_bench.c), without sockets or
# kernel: its timer heap against libevent's evtimers, N senders opened and
# refreshed once (CPU per 1,000 refreshes, the share of one core for N
# sessions at R = 30 s), N Paths answered by a receiver, heap per session.
# The end-to-end figures of quasar-rsvp on real sockets are in
# bench/control_plane.sh, which runs this again as its baseline.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.." || exit 2
exec "$BUILD/host/bench_api" "${API_SESSIONS:-100000}"
