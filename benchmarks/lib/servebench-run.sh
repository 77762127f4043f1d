# Shared by the benchmark scripts (sourced, not run): a work folder each script owns, and one frozen
# copy of the servebench jar so that edits to the tree during a long run cannot change the tool.
# The caller defines root (the repository), log, die and abs, and has cd'ed to root.

# bench_work_folder DIR MARK: empties DIR if it is this script's own work folder (it holds MARK),
# refuses any other existing DIR, and creates it.
bench_work_folder() {
  local dir=$1 mark=$2
  if [ -e "$dir" ]; then
    [ -f "$dir/$mark" ] || die "$dir exists and is not a ${mark#.} work folder; choose another OUT"
    rm -rf "$dir"
  fi
  mkdir -p "$dir"
  touch "$dir/$mark"
}

# bench_frozen_jar DIR: finds a JDK 21+, builds servebench if needed (or takes SERVEBENCH_JAR), copies
# the jar to DIR/servebench.jar and checks that it starts. Sets JAR, sb_origin (where it came from)
# and jar_sha (its sha256).
bench_frozen_jar() {
  local dir=$1 jar commit
  # shellcheck source=../../scripts/find-jdk.sh
  . "$root/scripts/find-jdk.sh"
  servebench_find_jdk >/dev/null || die "no JDK 21+ found"
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
  if [ -n "${SERVEBENCH_JAR:-}" ]; then
    jar=$(abs "$SERVEBENCH_JAR")
    [ -f "$jar" ] || die "SERVEBENCH_JAR=$SERVEBENCH_JAR: no such file"
    sb_origin="the jar $SERVEBENCH_JAR (given with SERVEBENCH_JAR; the repository was at commit $commit)"
  else
    log "building servebench (if needed)"
    timeout 900 ./servebench --version >"$dir/servebench-build.txt" 2>&1 \
      || die "servebench does not build or start (see $dir/servebench-build.txt); fix the build, or set SERVEBENCH_JAR to a jar built elsewhere"
    jar=target/servebench.jar
    local dirty
    dirty=$(git status --porcelain -- src/main pom.xml 2>/dev/null | wc -l)
    sb_origin="built from the working tree at commit $commit$([ "$dirty" -eq 0 ] || echo " plus $dirty uncommitted changes in src/main")"
  fi
  cp "$jar" "$dir/servebench.jar"
  JAR="$dir/servebench.jar"
  "$JAVA_HOME/bin/java" -jar "$JAR" --version >"$dir/servebench-version.txt" 2>&1 \
    || die "$JAR does not start; see $dir/servebench-version.txt"
  jar_sha=$(sha256sum "$JAR" | cut -d' ' -f1)
}
