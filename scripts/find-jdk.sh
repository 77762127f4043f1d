# Sourced by ./servebench and .ci/run. Sets JAVA_HOME to a JDK >= 21 or explains why it cannot.
# Order: $JAVA_HOME, then the usual install folders, then the java on PATH.

servebench_java_major() {
  # Prints the major version of the java binary given as $1, or nothing.
  "$1" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { v=$2; sub(/^1\./, "", v); print int(v); exit }'
}

servebench_find_jdk() {
  local candidates=() dir major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* \
             "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
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
