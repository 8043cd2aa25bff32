#!/usr/bin/env bash
# Build the documentation site as CI does: HTML with warnings as errors, every REPL example run as a doctest,
# then the grammar page rendered in headless Chromium (skipped, with a note, when Chromium is absent).
#
#   pip install -e '.[docs]' && bash docs/build.sh       # the site lands in docs/_build/html
#
# PYTHON picks the interpreter (default python3, e.g. a venv's); CHROMIUM the browser (default: chromium on
# PATH; Debian: apt-get install chromium). Exit status: 0 when every step that ran passed, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
out=docs/_build
failures=()

step() {
    local name=$1
    shift
    echo "::: docs: $name"
    local start=$SECONDS
    "$@"
    local rc=$?
    echo "::: docs: $name: exit $rc after $((SECONDS - start)) s"
    if [ "$rc" -ne 0 ]; then
        failures+=("$name")
    fi
}

# Sphinx reads the sources once (-E: a fresh environment, so -W sees every page's warnings); the doctest
# builder reuses what the HTML build read.
step html "$python" -m sphinx -E -W --keep-going -q -b html -d "$out/doctrees" docs "$out/html"
step doctest "$python" -m sphinx -W --keep-going -q -b doctest -d "$out/doctrees" docs "$out/doctest"

if [ -n "${CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    if [ ${#failures[@]} -eq 0 ]; then
        step render "$python" docs/check_render.py --html "$out/html" --screenshot "$out/grammar.png"
    else
        echo "::: docs: render check not run: the build failed"
    fi
else
    echo "::: docs: NOTE: render check SKIPPED: Chromium is not installed (apt-get install -y chromium, or set CHROMIUM)"
fi

if [ ${#failures[@]} -ne 0 ]; then
    echo "docs failed: ${failures[*]}"
    exit 1
fi
echo "docs passed"
