# bench/preamble.sh: what each benchmark does first, sourced (after
# exporting PT_EXTRA_DEPS, the packages it needs beyond the build's):
# stop at the first failure, work from the root of the tree, install what
# PT_EXTRA_DEPS names, build the tools, and make bench/out ($out).
set -e
cd "$(dirname "$0")/.."
scripts/install-deps
make -s all
out=bench/out
mkdir -p "$out"
