#!/usr/bin/env bash
# Takes the README's screenshots from the real application: builds the jar, prepares a LabExport home with jobs in
# several states through the command line, starts the window under a virtual X server (Xvfb) and captures the
# screen with ImageMagick's `import`.
#
# Needs: JDK 17+, Maven, Xvfb, libgtk-3-0, ImageMagick, x11-utils (xwininfo), python3.
#   apt-get install -y xvfb libgtk-3-0 imagemagick x11-utils
# Usage: docs/screenshots/make-screenshots.sh
#   (writes docs/screenshots/main-window.png, main-window-dark.png and create-dialog.png)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=docs/screenshots
[ -f target/labexport.jar ] && [ -d target/lib ] || mvn -B -q package -DskipTests

WORK=$(mktemp -d)
APP_PID=""
XVFB_PID=""
BG_PID=""
cleanup() {
    for p in $APP_PID $BG_PID $XVFB_PID; do kill "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

export LABEXPORT_HOME="$WORK/home"
DATA="$WORK/data"
mkdir -p "$LABEXPORT_HOME" "$DATA/plates"
CLI=(java -jar target/labexport.jar)

# ---- sample data ----
python3 - "$DATA" <<'PY'
import json, random, sys, os
d = sys.argv[1]
random.seed(7)
for w in range(1, 4):
    with open(f"{d}/plates/plate_reader_w{46 + w}.csv", "w") as f:
        f.write("plate,well,od600,temperature_c,read_at\n")
        for p in range(40):
            for r in "ABCDEFGH":
                for c in range(1, 13):
                    f.write(f"P{p:03d},{r}{c},{random.uniform(0.05, 1.9):.4f},{random.uniform(36.5, 37.5):.2f},"
                            f"2024-11-{10 + w:02d}T0{p % 10}:00:00Z\n")
with open(f"{d}/growth_curves.json", "w") as f:
    json.dump([{"strain": f"S{i % 12}", "hour": i // 12, "od": round(0.05 * 1.3 ** (i // 12 % 14), 4)}
               for i in range(2000)], f)
with open(f"{d}/microscopy_summary.tsv", "w") as f:
    f.write("image\tcells\tmean_area_um2\tfocus_score\n")
    for i in range(5000):
        f.write(f"img_{i:05d}.tif\t{random.randint(20, 400)}\t{random.uniform(80, 160):.1f}\t{random.random():.3f}\n")
with open(f"{d}/broken_export.csv", "w") as f:
    f.write("a,b\n1,\"unterminated\n")
# a large file for a job that is still running when the screenshot is taken
with open(f"{d}/sequencing_run_42.csv", "w") as f:
    f.write("read_id,lane,quality,length,gc\n")
    block = "".join(f"r{i},{i % 8},{30 + i % 11},{100 + i % 51},{0.4 + (i % 20) / 100:.2f}\n" for i in range(20000))
    for _ in range(220):
        f.write(block)
PY

# ---- jobs in several states, made with the command line ----
"${CLI[@]}" export --format parquet --name "Plate reader, weeks 47-49" \
    --description "OD600 of 96-well plates, three weekly runs" --metadata --lineage "$DATA"/plates/*.csv >/dev/null
"${CLI[@]}" export --format excel --name "Growth curves for the paper" \
    --description "Figure 2 source data" "$DATA/growth_curves.json" >/dev/null
"${CLI[@]}" export --format json --name "Microscopy summary" --description "Segmentation counts per image" \
    --compress "$DATA/microscopy_summary.tsv" "$DATA/broken_export.csv" >/dev/null || true
"${CLI[@]}" export --format hdf5 --name "Broken instrument dump" --description "Truncated file from the reader" \
    "$DATA/broken_export.csv" >/dev/null 2>&1 || true
# a failed one: an S3 destination with no S3 profile configured
"${CLI[@]}" export --format csv --name "Upload to the shared bucket" --description "For the collaborators in Oslo" \
    --dest s3://lab-share/2024 "$DATA/microscopy_summary.tsv" >/dev/null 2>&1 || true
# completed with a failed file: one input vanished after it was added to the catalog
cp "$DATA/growth_curves.json" "$DATA/growth_curves_copy.json"
"${CLI[@]}" files add "$DATA/growth_curves_copy.json" >/dev/null
FILE_ID=$("${CLI[@]}" files list --json | python3 -c \
    'import json,sys; print(next(f["id"] for f in json.load(sys.stdin) if f["path"].endswith("growth_curves_copy.json")))' \
    || true)
rm -f "$DATA/growth_curves_copy.json"
[ -n "$FILE_ID" ] && "${CLI[@]}" export --format tsv --name "Growth and plates, all weeks" \
    --file-id "$FILE_ID" "$DATA"/plates/*.csv >/dev/null 2>&1 || true
# a cancelled one: start, then cancel it from a second process (on a busy machine the export may finish first)
"${CLI[@]}" export --format csv --name "Old sequencing run (superseded)" "$DATA/sequencing_run_42.csv" \
    >/dev/null 2>&1 &
BG_PID=$!
for _ in $(seq 1 100); do
    ID=$("${CLI[@]}" jobs list --status processing --json 2>/dev/null | python3 -c \
        'import json,sys; j=json.load(sys.stdin); print(j[0]["id"] if j else "")' || true)
    [ -n "$ID" ] && break
    sleep 0.2
done
# the database may be briefly busy with the running export: try a few times
for _ in 1 2 3 4 5; do
    "${CLI[@]}" jobs cancel "$ID" >/dev/null 2>&1 && break
    sleep 1
done
wait "$BG_PID" 2>/dev/null || true
BG_PID=""

# the window fills a 1280x820 screen, in the theme given
set_theme() {
    python3 - "$LABEXPORT_HOME/settings.json" "$1" <<'PY'
import json, os, sys
p = sys.argv[1]
s = json.load(open(p)) if os.path.exists(p) else {}
s.update({"windowX": 0.0, "windowY": 0.0, "windowWidth": 1280.0, "windowHeight": 820.0, "theme": sys.argv[2]})
json.dump(s, open(p, "w"))
PY
}
set_theme light

Xvfb :77 -screen 0 1280x820x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=:77
sleep 2

# Waits until the window has loaded its jobs (it logs "Window shows N export jobs"), then a little longer for the
# first pulses to paint. Start-up is a few seconds on an idle machine, much longer on a busy one.
wait_for_window() {
    local before=$1
    for _ in $(seq 1 300); do
        local now
        now=$(grep -c "Window shows" "$LABEXPORT_HOME/logs/labexport.log" 2>/dev/null || true)
        [ "${now:-0}" -gt "$before" ] && { sleep 4; return 0; }
        sleep 0.5
    done
    echo "The window did not start" >&2
    return 1
}

# ---- main window, with one export running (started from the command line while the window is open) ----
SHOWN=$(grep -c "Window shows" "$LABEXPORT_HOME/logs/labexport.log" 2>/dev/null || true)
java -jar target/labexport.jar >/dev/null 2>&1 &
APP_PID=$!
wait_for_window "${SHOWN:-0}"
"${CLI[@]}" export --format parquet --name "Sequencing run 42" --description "Read quality per lane" \
    "$DATA/sequencing_run_42.csv" >/dev/null 2>&1 &
BG_PID=$!
# wait until the export runs, then for the window's 2 s poll and a few progress updates
for _ in $(seq 1 300); do
    RUNNING=$("${CLI[@]}" jobs list --status processing --json 2>/dev/null | python3 -c \
        'import json,sys; print(len(json.load(sys.stdin)))' || echo 0)
    [ "${RUNNING:-0}" -gt 0 ] && break
    sleep 0.5
done
sleep 6
import -window root "$OUT/main-window.png"
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
kill "$BG_PID" 2>/dev/null || true; wait "$BG_PID" 2>/dev/null || true
APP_PID=""; BG_PID=""

# ---- the same window in the dark theme (the export left running above is resumed by the window) ----
set_theme dark
SHOWN=$(grep -c "Window shows" "$LABEXPORT_HOME/logs/labexport.log" 2>/dev/null || true)
java -jar target/labexport.jar >/dev/null 2>&1 &
APP_PID=$!
wait_for_window "${SHOWN:-0}"
sleep 2
import -window root "$OUT/main-window-dark.png"
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
APP_PID=""
set_theme light

# ---- create-export dialog, opened with files as a file manager's "Open with" does ----
SHOWN=$(grep -c "Window shows" "$LABEXPORT_HOME/logs/labexport.log" 2>/dev/null || true)
java -jar target/labexport.jar "$DATA"/plates/*.csv "$DATA/growth_curves.json" >/dev/null 2>&1 &
APP_PID=$!
wait_for_window "${SHOWN:-0}"
DIALOG=$(xwininfo -root -tree | awk '/"New export"/ {print $1; exit}')
import -window "$DIALOG" "$OUT/create-dialog.png"
echo "Wrote $OUT/main-window.png, $OUT/main-window-dark.png and $OUT/create-dialog.png"
