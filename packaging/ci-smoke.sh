#!/usr/bin/env bash
# Builds the application image (jlink runtime + jpackage launcher; no tests, no installer) and checks that the
# packaged program starts and works as the command line, without a display. Run from anywhere; CI calls it after
# the tests. The .deb is not built here (it needs fakeroot and several minutes of compression).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp -q -Ppackage package -DskipTests -Dinstaller.skip=true

app=target/dist/LabExport/bin/LabExport
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export LABEXPORT_HOME="$home"
unset DISPLAY WAYLAND_DISPLAY

fail() { echo "ci-smoke: $*" >&2; exit 1; }

expected="LabExport $(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)"
actual=$("$app" --version) || fail "--version exited with $?"
[ "$actual" = "$expected" ] || fail "--version printed '$actual', expected '$expected'"
help=$("$app" --help) || fail "--help exited with $?"
# The launcher starts from the class-data archive the build made (docs/decisions/0123): -Xshare:on refuses to start
# if the archive is missing or does not match the runtime and jars, where the launcher's -Xshare:auto would go on.
_JAVA_OPTIONS=-Xshare:on "$app" --version > /dev/null 2>&1 || fail "the class-data archive is missing or unusable"

if grep -qE '^ +export ' <<<"$help"; then
  # One small export through the packaged runtime: CSV in, Parquet out, into a folder under the test home.
  printf 'sample_id,temperature_c,ok\nS1,21.5,true\nS2,22.25,false\nS3,,true\n' > "$home/sample.csv"
  "$app" export "$home/sample.csv" --format parquet --dest "$home/out" --json > "$home/job.json" \
    || fail "export exited with $? (job: $(cat "$home/job.json"))"
  output=$(tr -d '\n' < "$home/job.json" | sed -n 's/.*"output_path" *: *"\([^"]*\)".*/\1/p')
  [ -n "$output" ] || fail "no output_path in $(cat "$home/job.json")"
  [ -e "$output" ] || fail "the export's output $output does not exist"
  find "$output" -name '*.parquet' -size +0 | grep -q . || fail "no Parquet file in $output"
  echo "ci-smoke: export to Parquet wrote $output"
  # The installer keeps only this platform's native libraries (docs/decisions/0091): each bundled native must load.
  for spec in "parquet --option compression=zstd" "parquet --option compression=lz4_raw" "hdf5"; do
    # shellcheck disable=SC2086
    "$app" export "$home/sample.csv" --format $spec --dest "$home/out" > /dev/null \
      || fail "export --format $spec exited with $?"
  done
  echo "ci-smoke: zstd and lz4 Parquet and native HDF5 exports worked"
else
  echo "ci-smoke: this build has no export command; checked --version and --help only"
fi
echo "ci-smoke: $actual, application image OK"
