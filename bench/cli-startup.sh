#!/usr/bin/env bash
# Times the command line as a user runs it, each command RUNS times (default 5) on a fresh LABEXPORT_HOME that holds
# a few jobs, and prints the median wall and CPU (user+sys) seconds per command: first `java -jar
# target/labexport.jar ...`, then the packaged command line (its jlink runtime and class-data archive or AOT cache)
# if `mvn -B -o -q -Ppackage package -DskipTests -Dinstaller.skip=true` made one: on Linux the start script
# target/dist/LabExport/bin/labexport that the installed `labexport` runs (docs/decisions/0143), else jpackage's
# target/dist/LabExport/bin/LabExport (LAUNCHER=jpackage asks for that one on Linux too).
# Build the jar first (mvn -B -o -q package -DskipTests). The machine's load is printed too: wall times on a busy
# machine say little, CPU times are steadier. Figures are in docs/decisions/0072 and 0123.
#   bench/cli-startup.sh [RUNS]      JAVA_OPTS="-XX:TieredStopAtLevel=1" bench/cli-startup.sh  (other JVM options)
#   ONLY=jar|app bench/cli-startup.sh   (one of the two)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jar=target/labexport.jar
app=target/dist/LabExport/bin/LabExport
if [ "${LAUNCHER:-}" != jpackage ] && [ -x target/dist/LabExport/bin/labexport ]; then
  app=target/dist/LabExport/bin/labexport
fi
[ -f "$jar" ] || { echo "cli-startup: build $jar first: mvn -B -o -q package -DskipTests" >&2; exit 1; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export LABEXPORT_HOME="$home"
unset DISPLAY WAYLAND_DISPLAY

# A 1 KB CSV, and three jobs so that the lists are not empty.
{ echo "sample_id,temperature_c,ok"; for i in $(seq 1 40); do echo "S$i,$((20 + i % 5)).$((i % 10)),true"; done; } \
  > "$home/sample.csv"
for i in 1 2 3; do java -jar "$jar" export "$home/sample.csv" --format csv --dest "$home/out" >/dev/null 2>&1; done

# median of a list of numbers
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# The command being timed: `java -jar` or the packaged launcher (which takes JVM options from _JAVA_OPTIONS only).
# shellcheck disable=SC2206
run_jar=(java ${JAVA_OPTS:-} -jar "$jar")
run_app=("$app")
[ -z "${JAVA_OPTS:-}" ] || run_app=(env "_JAVA_OPTIONS=$JAVA_OPTS" "$app")
runner=("${run_jar[@]}")

measure() {
  local label=$1; shift
  local walls=() cpus=()
  for _ in $(seq 1 "$runs"); do
    local t
    /usr/bin/time -o "$home/time.txt" -f "%e %U %S" "${runner[@]}" "$@" >/dev/null 2>&1 || true
    t=$(tail -1 "$home/time.txt")
    walls+=("$(awk '{print $1}' <<<"$t")")
    cpus+=("$(awk '{print $2 + $3}' <<<"$t")")
  done
  printf '%-34s wall %5.2f s   cpu %5.2f s\n' "$label" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)"
}

all_commands() {
  measure "--version" --version
  measure "--help" --help
  measure "jobs list" jobs list
  measure "jobs show 1" jobs show 1
  measure "stats" stats
  measure "files list" files list
  measure "export 1 KB CSV to csv" export "$home/sample.csv" --format csv --dest "$home/out"
  measure "export 1 KB CSV to parquet" export "$home/sample.csv" --format parquet --dest "$home/out"
}

echo "JDK: $(java -version 2>&1 | head -1); cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median of $runs runs ${JAVA_OPTS:+(JAVA_OPTS=$JAVA_OPTS)}"
if [ "${ONLY:-}" != app ]; then
  echo "== java -jar $jar"
  runner=("${run_jar[@]}"); all_commands
fi
if [ "${ONLY:-}" != jar ]; then
  if [ -x "$app" ]; then
    appdir="$(dirname "$app")/../lib/app"
    if [ -f "$appdir/labexport.aot" ]; then start="its AOT cache"
    elif [ -f "$appdir/labexport.jsa" ]; then start="its class-data archive"
    else start="no start-up archive"; fi
    echo "== $app ($start)"
    runner=("${run_app[@]}"); all_commands
  else
    echo "== no packaged launcher at $app (mvn -B -o -q -Ppackage package -DskipTests -Dinstaller.skip=true)"
  fi
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
