#!/usr/bin/env bash
# Prints the JDK modules LabExport's code and its runtime libraries need, as jdeps sees them, comma-separated.
# Run after `mvn package` (it reads target/labexport.jar and target/lib/). The result goes into jlink.conf.
#
# jdeps resolves a modular jar's `requires` as modules and fails when they sit on the class path, so each
# modular jar is analysed from a copy without its module-info (the app runs them all from the class path anyway).
# JavaFX is left out: its modules are linked from the JavaFX jars, not from the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -f target/labexport.jar ] || { echo "target/labexport.jar is missing: run mvn package first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lib"
for jar in target/lib/*.jar; do
  case "$(basename "$jar")" in javafx-*) continue ;; esac
  cp "$jar" "$work/lib/"
  copy="$work/lib/$(basename "$jar")"
  { unzip -Z1 "$copy" | grep 'module-info\.class$' || true; } | while read -r entry; do
    zip -q -d "$copy" "$entry" >/dev/null
  done
done
"$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 \
  --class-path "$work/lib/*" target/labexport.jar "$work"/lib/*.jar
