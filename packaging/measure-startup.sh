#!/usr/bin/env bash
# Measures the time from starting LabExport to its main window being on screen, a few times, and prints the
# median in milliseconds. Needs an X display (for example `Xvfb :99 & export DISPLAY=:99`) and x11-utils.
#   packaging/measure-startup.sh [launcher] [runs]
# launcher: default target/dist/LabExport/bin/LabExport (the application image). Each run uses a fresh
# LABEXPORT_HOME, so it includes creating the database, as a first start on a new workstation does.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=${1:-target/dist/LabExport/bin/LabExport}
runs=${2:-5}
[ -n "${DISPLAY:-}" ] || { echo "DISPLAY is not set" >&2; exit 1; }

viewable_window() {
  # The Stage's X window carries the JavaFX application class as its WM class.
  local id
  for id in $(xwininfo -root -tree | awk '/"org\.labexport\.ui\./ {print $1}'); do
    if xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
      return 0
    fi
  done
  return 1
}

times=()
for run in $(seq "$runs"); do
  home=$(mktemp -d)
  start=$(date +%s%N)
  LABEXPORT_HOME="$home" "$launcher" >/dev/null 2>&1 &
  pid=$!
  until viewable_window; do
    kill -0 "$pid" 2>/dev/null || { echo "run $run: LabExport exited before showing a window" >&2; exit 1; }
    if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 60000 ]; then
      kill "$pid"; echo "run $run: no window within 60 s" >&2; exit 1
    fi
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$home"
  echo "run $run: ${ms} ms"
  times+=("$ms")
  sleep 1
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}')
echo "median: ${median} ms over ${runs} runs"
