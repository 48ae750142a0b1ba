"""The compiled seccomp filter."""

from __future__ import annotations

import struct

from rlvr.sandbox.seccomp import DENIED_SYSCALLS, sandbox_filter_bpf


def test_filter_compiles_to_bpf_instructions() -> None:
    bpf = sandbox_filter_bpf()
    assert len(bpf) % 8 == 0 and len(bpf) // 8 > len(DENIED_SYSCALLS)
    codes = [struct.unpack("HBBI", bpf[i : i + 8])[0] for i in range(0, len(bpf), 8)]
    assert codes[0] == 0x20  # BPF_LD|BPF_W|BPF_ABS: load the architecture first
    assert 0x06 in codes  # BPF_RET


def test_denied_calls_cover_the_dangerous_families() -> None:
    for name in ("ptrace", "process_vm_readv", "bpf", "mount", "unshare", "setns", "keyctl", "io_uring_setup"):
        assert name in DENIED_SYSCALLS
