#!/usr/bin/env bash
# Usage: ./run-matrix.sh [server-mode burst|stream] [reps] [N] [WARM] [clients...]
set -u
cd "$(dirname "$0")"
. ../../scripts/find-jdk.sh; servebench_find_jdk || exit 1
mkdir -p results
J=$JAVA_HOME/bin/java
JAR=target/eval-http-1.0.jar
MODE=${1:-burst}; REPS=${2:-2}; N=${3:-40000}; WARM=${4:-5000}; shift 4 2>/dev/null || true
CLIENTS=${*:-jdk netty jetty jetty-async}
ulimit -n 20000
rm -f /tmp/evalhttp.port
taskset -c 1 $J -Xms1g -Xmx1g -jar $JAR server 0 /tmp/evalhttp.port $MODE > results/server-$MODE.log 2>&1 &
SP=$!
trap 'kill $SP' EXIT
while [ ! -s /tmp/evalhttp.port ]; do sleep 0.2; done
PORT=$(cat /tmp/evalhttp.port)
for rep in $(seq 1 $REPS); do
  for C in ${CS:-100 500 2000}; do
    for k in $CLIENTS; do
      taskset -c 0 $J -Xms1g -Xmx1g -jar $JAR client $k $PORT $C $N $WARM $SP 2>&1 | grep -E "RESULT|rror|xception" | head -5 | sed "s/^/rep=$rep mode=$MODE /"
      sleep 1
    done
  done
done
