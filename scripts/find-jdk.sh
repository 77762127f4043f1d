# Sourced by ./servebench and .ci/run. Sets JAVA_HOME to a JDK >= 21 or explains why it cannot.
# Order: $JAVA_HOME, then the usual install folders, then the java on PATH.

servebench_java_major() {
  # Prints the major version of the java binary given as $1, or nothing.
  "$1" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { v=$2; sub(/^1\./, "", v); print int(v); exit }'
}

servebench_jdk_candidates() {
  # Sets the array servebench_candidates: the folders that may hold a JDK, in the order they are tried.
  local dir
  servebench_candidates=()
  [ -n "${JAVA_HOME:-}" ] && servebench_candidates+=("$JAVA_HOME")
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* \
             "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && servebench_candidates+=("$dir")
  done
  if command -v java >/dev/null 2>&1; then
    servebench_candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
}

servebench_release_major() {
  # Prints the major version that the JDK folder $1 declares in its release file (JAVA_VERSION="21.0.5"),
  # or nothing. Bash built-ins only: this is the cached path's check and must start no program.
  local line v
  [ -r "$1/release" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      JAVA_VERSION=*)
        v="${line#JAVA_VERSION=}"; v="${v//\"/}"; v="${v#1.}"; v="${v%%[!0-9]*}"
        [ -n "$v" ] && printf '%s\n' "$v"
        return 0 ;;
    esac
  done <"$1/release"
}

servebench_find_jdk_cached() {
  # servebench_find_jdk, remembered in the file $1: probing means starting a JVM per candidate (about half a
  # second in all), which ./servebench would otherwise pay on every call. The file holds the candidate list it
  # was chosen from and the choice; it is used only while the candidates (JAVA_HOME, the install folders, the
  # java on PATH) are the same ones and the chosen folder still has java and javac and a release file saying
  # 21 or newer. Anything else probes again as servebench_find_jdk does, and rewrites the file (if it can).
  local cache="$1" key="" line1="" line2="" major
  servebench_jdk_candidates
  key="$(printf '%s|' ${servebench_candidates[@]+"${servebench_candidates[@]}"})"
  if [ -r "$cache" ]; then
    { IFS= read -r line1 && IFS= read -r line2; } <"$cache" || true
    if [ "$line1" = "$key" ] && [ -n "$line2" ] && [ -x "$line2/bin/java" ] && [ -x "$line2/bin/javac" ]; then
      major="$(servebench_release_major "$line2")"
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        export JAVA_HOME="$line2"
        export PATH="$JAVA_HOME/bin:$PATH"
        return 0
      fi
    fi
  fi
  servebench_find_jdk || return 1
  # Best effort: a read-only checkout just probes every time. Written whole, then renamed into place.
  { mkdir -p "$(dirname "$cache")" && printf '%s\n%s\n' "$key" "$JAVA_HOME" >"$cache.$$" &&
      mv -f "$cache.$$" "$cache"; } 2>/dev/null || rm -f "$cache.$$" 2>/dev/null || true
  return 0
}

servebench_find_jdk() {
  local dir major
  servebench_jdk_candidates
  local candidates=(${servebench_candidates[@]+"${servebench_candidates[@]}"})
  local best="" best_major=0
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(servebench_java_major "$dir/bin/java")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ]; then
      # JAVA_HOME wins when it qualifies; otherwise take the newest found.
      if [ "$dir" = "${JAVA_HOME:-}" ]; then best="$dir"; break; fi
      if [ "$major" -gt "$best_major" ]; then best="$dir"; best_major="$major"; fi
    fi
  done
  if [ -z "$best" ]; then
    echo "servebench: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt, ~/.sdkman, PATH)." >&2
    echo "servebench: install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) and/or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Run directly (not sourced), print the chosen JAVA_HOME: used by ./mvnw, which is a POSIX sh script.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  servebench_find_jdk && printf '%s\n' "$JAVA_HOME"
fi
