"""The run's working directory: a fresh tmpfs per run, or what stands for one where there is no mount."""

from __future__ import annotations

import os

from .isolation import MNT_DETACH, MS_NODEV, MS_NOSUID, check_rc, libc


class Workdir:
    """The run's only writable places, fresh for every run: a size- and inode-limited tmpfs on /tmp (its
    working directory and ``HOME``) and /dev/shm. Where the kernel refuses the worker a mount (some
    user-namespace setups), bwrap's own tmpfs is wiped between runs instead; outside a namespace (trusted
    mode) it is a fresh directory under the pool's scratch directory; in a container (one job each) the
    container's own tmpfs."""

    def __init__(self, cfg: dict, uid: int | None) -> None:
        self.cfg, self.uid = cfg, uid  # (uid: the runs', None in a user namespace)
        self.mounted = False
        self.can_mount = True

    @property
    def path(self) -> str:
        return self.cfg["workdir"]

    def fresh(self, lim: dict) -> None:
        """A fresh workdir for the next run, sized by its limits (``disk_mb``, ``inodes``)."""
        if not self.cfg.get("mount", True):  # a container: its own fresh tmpfs, one job per container
            return
        if not self.cfg["isolated"]:
            import shutil
            import tempfile

            if self.cfg.get("workdir") and self.cfg["workdir"] != self.cfg["scratch"]:
                shutil.rmtree(self.cfg["workdir"], ignore_errors=True)
            self.cfg["workdir"] = tempfile.mkdtemp(prefix="run-", dir=self.cfg["scratch"])
            return
        if self.can_mount:
            uid = self.uid if self.uid is not None else os.getuid()
            gid = uid if self.uid is not None else os.getgid()
            try:
                for path in (b"/tmp", b"/dev/shm"):
                    if self.mounted:
                        check_rc(libc.umount2(path, MNT_DETACH), "umount")
                    opts = f"size={int(lim['disk_mb'])}m,nr_inodes={int(lim['inodes'])},mode=0700,uid={uid},gid={gid}"
                    check_rc(libc.mount(b"tmpfs", path, b"tmpfs", MS_NOSUID | MS_NODEV, opts.encode()), "mount tmpfs")
                self.mounted = True
                return
            except OSError as e:
                if self.mounted:
                    raise
                self.can_mount = False  # e.g. some user-namespace setups: wipe bwrap's own tmpfs instead
                os.write(2, f"rlvr sandbox: no per-run tmpfs ({e}); wiping the worker's tmpfs between runs\n".encode())
        import shutil

        for root in ("/tmp", "/dev/shm"):
            for name in os.listdir(root):
                p = os.path.join(root, name)
                if os.path.isdir(p) and not os.path.islink(p):
                    os.chmod(p, 0o700)
                    for d, subdirs, _ in os.walk(p):  # a run may have made its directories unreadable
                        for sub in subdirs:
                            os.chmod(os.path.join(d, sub), 0o700, follow_symlinks=False)
                    shutil.rmtree(p)
                else:
                    os.unlink(p)
