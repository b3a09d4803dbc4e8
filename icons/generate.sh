#!/usr/bin/env bash
# Regenerates the icon files from labexport.svg.
# Needs (Debian): librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" labexport.svg --output "labexport-$size.png"
done
# Windows: one .ico with the sizes Explorer and the taskbar pick from.
convert labexport-16.png labexport-32.png labexport-48.png labexport-64.png labexport-128.png labexport-256.png \
  labexport.ico
# macOS: png2icns takes the sizes the .icns format has slots for (64 has none).
png2icns labexport.icns labexport-16.png labexport-32.png labexport-48.png labexport-128.png labexport-256.png \
  labexport-512.png >/dev/null
# The window's own icon (loaded from the classpath by the desktop UI).
cp labexport-256.png ../src/main/resources/org/labexport/ui/icon.png
