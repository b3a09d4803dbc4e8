#!/usr/bin/env bash
# Builds the application image (jlink runtime + jpackage launcher; no tests, no installer) and checks that the
# packaged program starts and works as the command line, without a display. Run from anywhere; CI calls it after
# the tests. The .deb is not built here (it needs fakeroot and several minutes of compression).
# The image is built with the JDK that runs Maven (JAVA_HOME), and then once more with JDK 25 if one is installed
# (JDK25_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64; JDK25_HOME=none skips it): a JDK 25 build starts from an AOT
# cache instead of a class-data archive (docs/decisions/0129). target/dist keeps the last image built.
set -euo pipefail
cd "$(dirname "$0")/.."

app=target/dist/LabExport/bin/LabExport
# The command line's own start script on Linux (docs/decisions/0143): what /usr/bin/labexport runs.
cli=target/dist/LabExport/bin/labexport
appdir=target/dist/LabExport/lib/app
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export LABEXPORT_HOME="$home"
unset DISPLAY WAYLAND_DISPLAY

fail() { echo "ci-smoke: $*" >&2; exit 1; }

# Whether the JVM that LAUNCHER starts for --version has FLAG at VALUE. JAVA_TOOL_OPTIONS, not JDK_JAVA_OPTIONS:
# only the java command reads the latter, and jpackage's launcher does not.
jvm_flag_is() {
  local flags
  flags=$(JAVA_TOOL_OPTIONS=-XX:+PrintFlagsFinal "$1" --version 2>/dev/null) || fail "$1 --version with the JVM's flags failed"
  grep -Eq "$2 +:?= $3 " <<< "$flags"
}

# Whether the JVM that LAUNCHER starts has the boolean FLAG on.
jvm_flag_on() {
  jvm_flag_is "$1" "$2" true
}

build_and_check() {
  mvn -B -ntp -q -Ppackage package -DskipTests -Dinstaller.skip=true
  rm -rf "${home:?}"/*

  expected="LabExport $(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)"
  actual=$("$app" --version) || fail "--version exited with $?"
  [ "$actual" = "$expected" ] || fail "--version printed '$actual', expected '$expected'"
  help=$("$app" --help) || fail "--help exited with $?"
  # The launcher starts from the start-up file the build made, and the options that make the JVM refuse to start when
  # that file is missing or does not match the runtime and jars, where the launcher's own options would go on without
  # it: -Xshare:on for the class-data archive (docs/decisions/0123), -XX:AOTMode=on for JDK 25's AOT cache (0129).
  if [ -f "$appdir/labexport.aot" ]; then
    startup="AOT cache"
    strict=-XX:AOTMode=on
    # The .deb's postinst sets the jars' times back from this list; without it the installed cache is never used.
    [ -s "$appdir/labexport.aot.mtimes" ] || fail "no list of the jars' times beside the AOT cache"
  else
    startup="class-data archive"
    strict=-Xshare:on
  fi
  _JAVA_OPTIONS=$strict "$app" --version > /dev/null 2>&1 || fail "the $startup is missing or unusable"
  # On Linux the heap is in transparent huge pages wherever the system offers them (docs/decisions/0144).
  thp=/sys/kernel/mm/transparent_hugepage/enabled
  if [ -r "$thp" ] && ! grep -q '\[never\]' "$thp"; then
    jvm_flag_on "$app" UseTransparentHugePages || fail "the launcher's JVM does not use transparent huge pages"
  fi

  run=$app # the launcher that the exports below go through
  if [ -e "$cli" ]; then
    # The start script starts the same JVM from the same start-up file: the strict option proves it, here too.
    [ "$("$cli" --version)" = "$expected" ] || fail "$cli --version printed something else than '$expected'"
    _JAVA_OPTIONS=$strict "$cli" --version > /dev/null 2>&1 || fail "$cli does not start from the $startup"
    # Commands run on the serial collector (docs/decisions/0145); the window keeps the JVM's default.
    jvm_flag_on "$cli" UseSerialGC || fail "$cli does not run on the serial collector"
    # Short commands compile with the JIT's first tier alone (docs/decisions/0146), from the same start-up file.
    jvm_flag_is "$cli" TieredStopAtLevel 1 || fail "$cli --version does not compile with the first tier alone"
    # Through a link, as /usr/bin/labexport runs it, and from a folder whose name has a space.
    ln -s "$PWD/$cli" "$home/labexport-link"
    [ "$("$home/labexport-link" --version)" = "$expected" ] || fail "$cli through a symbolic link failed"
    cp -a target/dist/LabExport "$home/with space"
    [ "$("$home/with space/bin/labexport" --version)" = "$expected" ] || fail "$cli from a path with a space failed"
    rm -rf "$home/with space" "$home/labexport-link"
    # A wrong command reaches the program's own error and exit code, not the script's.
    set +e
    "$cli" no-such-command > /dev/null 2> "$home/stderr.txt"
    code=$?
    set -e
    [ "$code" = 2 ] && grep -q "no-such-command" "$home/stderr.txt" \
      || fail "an unknown command through $cli gave exit $code: $(cat "$home/stderr.txt")"
    run=$cli # the exports below run as a user runs them
  elif [ "$(uname -s)" = Linux ]; then
    fail "no $cli in the Linux image"
  fi

  if grep -qE '^ +export ' <<<"$help"; then
    # One small export through the packaged runtime: CSV in, Parquet out, into a folder under the test home.
    printf 'sample_id,temperature_c,ok\nS1,21.5,true\nS2,22.25,false\nS3,,true\n' > "$home/sample.csv"
    "$run" export "$home/sample.csv" --format parquet --dest "$home/out" --json > "$home/job.json" \
      || fail "export exited with $? (job: $(cat "$home/job.json"))"
    output=$(tr -d '\n' < "$home/job.json" | sed -n 's/.*"output_path" *: *"\([^"]*\)".*/\1/p')
    [ -n "$output" ] || fail "no output_path in $(cat "$home/job.json")"
    [ -e "$output" ] || fail "the export's output $output does not exist"
    find "$output" -name '*.parquet' -size +0 | grep -q . || fail "no Parquet file in $output"
    echo "ci-smoke: export to Parquet wrote $output"
    # The installer keeps only this platform's native libraries (docs/decisions/0091): each bundled native must load.
    for spec in "parquet --option compression=zstd" "parquet --option compression=lz4_raw" "hdf5"; do
      # shellcheck disable=SC2086
      "$run" export "$home/sample.csv" --format $spec --dest "$home/out" > /dev/null 2> "$home/stderr.txt" \
        || fail "export --format $spec exited with $?: $(cat "$home/stderr.txt")"
      # Loading the bundled natives must not make the JVM warn in the user's terminal (JDK 25: native access, Unsafe)
      ! grep -q '^WARNING' "$home/stderr.txt" || fail "export --format $spec warned: $(grep '^WARNING' "$home/stderr.txt")"
    done
    echo "ci-smoke: zstd and lz4 Parquet and native HDF5 exports worked"
  else
    echo "ci-smoke: this build has no export command; checked --version and --help only"
  fi
  runtime=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/JDK \1/p' "$appdir/../runtime/release")
  echo "ci-smoke: $actual on $runtime, starting from its $startup, application image OK"
}

build_and_check
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -f "$appdir/labexport.aot" ]; then
  echo "ci-smoke: that build was already on JDK 25 or newer"
elif [ "$jdk25" != none ] && [ -x "$jdk25/bin/java" ]; then
  echo "ci-smoke: building the image again with $jdk25"
  JAVA_HOME="$jdk25" build_and_check
  [ -f "$appdir/labexport.aot" ] || fail "the build on $jdk25 made no AOT cache"
else
  echo "ci-smoke: no JDK 25 at $jdk25; the AOT cache build was not checked"
fi
