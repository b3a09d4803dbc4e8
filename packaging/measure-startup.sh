#!/usr/bin/env bash
# Measures the time from starting LabExport to its main window being on screen, a few times, and prints the
# median in milliseconds. Needs an X display (for example `Xvfb :99 & export DISPLAY=:99`) and x11-utils.
#   packaging/measure-startup.sh [launcher] [runs] [cold|warm]
# launcher: default target/dist/LabExport/bin/LabExport (the application image). "cold" (default): each run uses a
# fresh LABEXPORT_HOME, so it includes creating the database, as a first start on a new workstation does. "warm":
# all runs share one home that an uncounted first run has set up, as every later start does.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=${1:-target/dist/LabExport/bin/LabExport}
runs=${2:-5}
mode=${3:-cold}
shared=$(mktemp -d)
trap 'rm -rf "$shared"' EXIT
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
first=1
[ "$mode" = warm ] && first=0
for run in $(seq "$first" "$runs"); do
  if [ "$mode" = warm ]; then home=$shared; else home=$(mktemp -d); fi
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
  [ "$mode" = warm ] || rm -rf "$home"
  if [ "$run" -eq 0 ]; then echo "warm-up run: ${ms} ms (not counted)"; sleep 1; continue; fi
  echo "run $run: ${ms} ms"
  times+=("$ms")
  sleep 1
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}')
echo "median: ${median} ms over ${runs} ${mode} runs"
