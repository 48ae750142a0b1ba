"""The worker process: PID 1 of the sandbox's namespace. It reads jobs from the host, prepares each run
(a fresh workdir, a process forked by the zygote and moved into the run's cgroup), hands it its job,
watches it (output, input, the trusted report, the wall clock, the CPU budget), kills the whole run and
answers. Entry point of the assembled source: :func:`main`."""

from __future__ import annotations

import atexit
import base64
import gc
import json
import math
import os
import select
import signal
import socket
import time

from .cgroup import RunCgroup
from .framing import READ_CHUNK, RESULT_CAP, read_frame, write_all
from .isolation import (
    PR_SET_DUMPABLE,
    libc,
    limit_triples,
    prepare_setup,
    release_free_memory,
    set_name,
    spawn,
)
from .judge import trusted_main
from .runs import Drain, Run
from .solution import job_message, stdio_for_runs
from .values import rehearse
from .workdir import Workdir
from .zygote import zygote_main

STARTUP_S = 10.0  # seconds the zygote may take to fork a run
GRACE_S = 5.0  # seconds a killed run's process may take to be reported dead


class Supervisor:
    """The namespace's init, and the run's supervisor. At start it forks the long-lived trusted test
    process and the zygote; per job it prepares a run (a fresh tmpfs, a process forked by the zygote and
    moved into the run's cgroup), hands it the job, watches it (output, input, the trusted report, the
    wall clock and the CPU budget), kills it and answers."""

    def __init__(self, cfg: dict) -> None:
        prepare_setup(cfg)
        self.cfg = cfg
        self.uid_solution, self.uid_tests = cfg.get("uids") or (None, None)
        self.workdir = Workdir(cfg, self.uid_solution)
        self.cg = RunCgroup(cfg["cgroup"]) if cfg.get("cgroup") else None
        self.z_dead = False
        devnull = os.open("/dev/null", os.O_RDWR)
        self.zsock, z_t = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        uid, namespaces = self.uid_solution, cfg["ns_init"] and cfg.get("run_namespaces", True)
        fds = {0: devnull, 1: devnull, 2: 2, 3: z_t.fileno()}
        self.zpid = spawn(b"rlvr-zygote", fds, lambda: zygote_main(3, uid, namespaces), confine=False)
        z_t.close()
        ready = self._zygote_says(STARTUP_S) or b""
        if not ready.startswith(b"ready "):
            os.close(devnull)
            raise RuntimeError(f"the zygote did not start: {ready!r}")
        self.run_namespaces = ready == b"ready 1"  # each run: PID 1 of its own PID namespace, its own /proc
        # the trusted process keeps the runs' uid as its saved uid, to take it as its filesystem identity
        # while it runs a run's tests (isolation.FilesAs) — only where no run can see it (a PID namespace
        # each): a process's saved uid lets that uid signal it
        files_as = self.uid_solution if self.run_namespaces else None
        self.ctl, ctl_t = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        tlim = limit_triples({**cfg["limits"], "cpu_s": 1 << 30}, cfg)  # long-lived: CPU bounded by the wall clock
        fds = {0: 0, 1: devnull, 2: 2, 3: ctl_t.fileno(), 4: 1}
        self.tpid = spawn(
            b"rlvr-tests", fds, lambda: trusted_main(3, 4), uid=self.uid_tests, limits=tlim, files_as=files_as
        )
        ctl_t.close()
        os.close(devnull)
        self.ctl_buf = b""
        self.next: Run | None = None  # the prepared run
        self.live: Run | None = None  # the run whose process the zygote has not reported the exit of

    # ------------------------------------------------------------------------------------ processes
    def prepare(self, lim: dict) -> None:
        """Off the critical path, after answering a job: a fresh workdir and the next run's process, forked
        by the zygote, in the run's cgroup, waiting for its job."""
        self.workdir.fresh(lim)  # every run gets a fresh one
        if self.cg is not None:
            self.cg.limit(lim)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        for fd in (out_w, err_w):  # others may write (the run reopens /dev/stdout), only we read
            os.fchmod(fd, 0o622)
        in_r, in_w = os.pipe()
        job_r, job_w = os.pipe()
        u_sock, t_sock = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            socket.send_fds(self.zsock, [self.workdir.path.encode()], [in_r, out_w, err_w, u_sock.fileno(), job_r])
            reply = self._zygote_says(STARTUP_S)
        finally:
            for fd in (out_w, err_w, in_r, job_r):
                os.close(fd)
            u_sock.close()
        if reply is None or not reply.startswith(b"pid "):
            for fd in (out_r, err_r, in_w, job_w):
                os.close(fd)
            t_sock.close()
            raise RuntimeError(f"the zygote did not fork a run: {reply!r}")
        run = Run(int(reply[4:]), {"out": out_r, "err": err_r, "in": in_w, "job": job_w}, t_sock, Run.key_of(lim))
        self.live = run
        if self.cg is not None:
            self.cg.enter(run.pid)
            run.cpu0 = self.cg.cpu_s()
        self.next = run

    def _zygote_says(self, timeout_s: float) -> bytes | None:
        """The zygote's next message, or None when it is gone or silent for ``timeout_s``."""
        if self.z_dead or not select.select([self.zsock], [], [], timeout_s)[0]:
            self.z_dead = True
            return None
        try:
            msg = self.zsock.recv(256)
        except OSError:
            msg = b""
        if not msg:
            self.z_dead = True
            return None
        return msg

    def _exited(self, msg: bytes | None) -> None:
        """Take the zygote's ``exit`` message about the live run (None: the zygote is gone)."""
        run, self.live = self.live, None
        if run is not None and msg is not None and msg.startswith(b"exit "):
            status, cpu = msg.split()[1:3]
            run.status, run.cpu = int(status), float(cpu)

    def kill_run(self) -> bool:
        """SIGKILL every process of the run (all but this one, the trusted process and the zygote), wait
        for the zygote to report the run's own process and reap the rest. Returns False when the trusted
        process or the zygote is gone. As the namespace's init we see every process in /proc and inherit
        every orphan; outside a namespace (trusted mode) the run's process group and cgroup are killed."""
        alive = True
        if os.getpid() == 1:
            keep = {1, self.tpid, self.zpid}
            deadline = time.monotonic() + GRACE_S
            while True:
                pids = [int(d) for d in os.listdir("/proc") if d.isdigit() and int(d) not in keep]
                if not pids:
                    break
                if time.monotonic() > deadline:  # e.g. a zombie the zygote does not reap: a fresh worker
                    alive = False
                    break
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                if self.live is not None:  # the zygote reaps it
                    self._exited(self._zygote_says(GRACE_S))
                reaped, ok = self._reap(pids)
                alive &= ok
                if not reaped:  # only grandchildren not yet handed to us: let their parents finish dying
                    time.sleep(0.0002)
            if self.live is not None:  # it had exited already: the zygote's report may still be on its way
                self._exited(self._zygote_says(GRACE_S))
        else:
            victims = [self.live.pid] if self.live is not None else []
            for _ in range(1000):
                victims += self.cg.pids() if self.cg is not None else []
                for pid in victims:
                    for kill in (os.killpg, os.kill):
                        try:
                            kill(pid, signal.SIGKILL)
                        except (ProcessLookupError, PermissionError):
                            pass
                if self.live is not None:
                    self._exited(self._zygote_says(GRACE_S))
                alive &= self._reap([])[1]
                if self.cg is None or not self.cg.pids():
                    break
                victims = []
                time.sleep(0.001)
        return alive and not self.z_dead and self._reap([])[1]

    def _reap(self, pids: list[int]) -> tuple[bool, bool]:
        """Wait for each of ``pids`` that is our child (killed: it dies at once), then collect any other
        exited child. Returns (whether any of ``pids`` was reaped, whether the trusted process and the
        zygote live)."""
        alive, reaped = True, False
        for pid in pids:
            try:
                os.waitpid(pid, 0)
                reaped = True
            except ChildProcessError:  # not ours (yet): a grandchild whose parent is still dying
                pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            reaped = True
            if pid in (self.tpid, self.zpid):
                alive = False
        return reaped, alive

    # ------------------------------------------------------------------------------------------ one job
    def run(self, job: dict) -> dict:
        """Run one job: take the prepared run, start it, watch it, end it, answer."""
        lim, judging = job["limits"], job["kind"] == "judge"
        t_prepare = time.monotonic()
        run = self.take_prepared(lim)
        t0 = time.monotonic()
        self.start(run, job, judging)
        status = self.watch(run, lim, judging, t0)
        t1 = time.monotonic()
        workers_alive = self.end(run, judging)
        res = self.answer(job, run, status, judging)
        res["duration_s"] = time.monotonic() - t0
        res["phases"] = {"mount_s": t0 - t_prepare, "run_s": t1 - t0, "cleanup_s": time.monotonic() - t1}
        if not workers_alive or run.t_dead:
            res["recycle"] = True  # the trusted process or the zygote is gone (or stuck): a fresh worker takes over
        return res

    def take_prepared(self, lim: dict) -> Run:
        """The run prepared after the last answer, or a new one when it was made for other limits."""
        if self.next is None or self.next.key != Run.key_of(lim):
            if self.next is not None:
                self.next.close()
                self.next = None
            self.kill_run()
            self.prepare(lim)
        run, self.next = self.next, None
        assert run is not None
        return run

    def start(self, run: Run, job: dict, judging: bool) -> None:
        """Give the prepared run its job (its code and rlimits); when judging, give the trusted process
        the socket to it (the trusted process reads the secret half of the job itself)."""
        code = job["solution" if judging else "program"]
        try:
            kind = "input" if not judging and job.get("stdin") else job["kind"]  # (a program given input)
            kind = "module" if judging and job.get("as_module") else kind  # (a solution imported, call mode)
            write_all(run.job, job_message(kind, limit_triples(job["limits"], self.cfg), code))
        except OSError:
            pass  # the process is gone: reported as its exit status
        os.close(run.job)
        run.job = -1
        if judging:
            ctl_msg = json.dumps({"id": job["id"], "t_bytes": job["t_bytes"], "cwd": self.workdir.path}).encode()
            socket.send_fds(self.ctl, [ctl_msg], [run.t_sock.fileno()])
        cap = int(job["limits"]["output_bytes"])
        run.drains = {run.out: Drain(run.out, cap), run.err: Drain(run.err, cap)}
        for fd in run.drains:
            os.set_blocking(fd, False)
        if job.get("stdin"):
            run.stdin_data = job["stdin"].encode()
            os.set_blocking(run.stdin, False)
        else:
            os.close(run.stdin)
            run.stdin = -1

    def watch(self, run: Run, lim: dict, judging: bool, t0: float) -> str | None:
        """Until the run ends (judging: the trusted report; else its process's exit): drain its output,
        feed its input, and stop it at the wall clock or when its processes together used its CPU
        budget. Returns ``timeout`` or None."""
        stdin = memoryview(run.stdin_data)
        deadline = t0 + float(lim["wall_s"])
        budget = float(lim["cpu_s"])
        # all the run's processes can use at most cg.cpus CPUs at once: the budget cannot run out earlier
        check_at = t0 + budget / self.cg.cpus if self.cg is not None and self.cg.usage else math.inf
        poller = select.poll()
        for fd in run.drains:
            poller.register(fd, select.POLLIN)
        if run.stdin >= 0:
            poller.register(run.stdin, select.POLLOUT)
        ctl_fd, z_fd = self.ctl.fileno(), self.zsock.fileno()
        if judging:
            poller.register(ctl_fd, select.POLLIN)
        poller.register(z_fd, select.POLLIN)
        while True:
            if (judging and (run.report is not None or run.t_dead)) or (not judging and run.exited):
                return None
            now = time.monotonic()
            if now >= deadline:
                return "timeout"
            if now >= check_at:
                used = self.cg.cpu_s() - run.cpu0  # type: ignore[union-attr]
                if used >= budget:
                    return "timeout"
                check_at = now + (budget - used) / self.cg.cpus  # type: ignore[union-attr]
            for fd, _ev in poller.poll(max(0.0, min(deadline, check_at) - now) * 1000):
                if fd == z_fd:
                    poller.unregister(fd)
                    self._exited(self._zygote_says(0))
                    run.exited = True
                elif fd == ctl_fd:
                    run.report, run.t_dead = self._read_report()
                    if run.t_dead:
                        poller.unregister(fd)
                elif fd == run.stdin:
                    try:
                        stdin = stdin[os.write(run.stdin, stdin[:65536]) :]
                    except BlockingIOError:
                        continue
                    except OSError:
                        stdin = stdin[:0]
                    if not stdin:
                        poller.unregister(fd)
                        os.close(run.stdin)
                        run.stdin = -1
                elif not run.drains[fd].read():
                    poller.unregister(fd)

    def end(self, run: Run, judging: bool) -> bool:
        """Kill the whole run, take the trusted report if it is late, read what its pipes still hold,
        close them. Returns whether the trusted process and the zygote are alive."""
        alive = self.kill_run()
        if judging and run.report is None and not run.t_dead and alive:
            self.await_report(run)
        for drain in run.drains.values():
            while drain.read():
                pass
        run.close()
        return alive

    def await_report(self, run: Run) -> None:
        """The run timed out while judging: its solution is gone, so the trusted process reports at once,
        unless its own tests are stuck (then it is replaced with the whole worker)."""
        end = time.monotonic() + 1.0
        ctl_fd = self.ctl.fileno()
        while run.report is None and not run.t_dead and time.monotonic() < end:
            if select.select([ctl_fd], [], [], max(0.0, end - time.monotonic()))[0]:
                run.report, run.t_dead = self._read_report()
        run.t_dead = run.t_dead or run.report is None

    def answer(self, job: dict, run: Run, status: str | None, judging: bool) -> dict:
        """The job's answer to the host (judging: the trusted process reported to it directly)."""
        lim = job["limits"]
        st = run.status
        if (
            status is None
            and st is not None
            and os.WIFSIGNALED(st)
            and os.WTERMSIG(st) in (signal.SIGKILL, signal.SIGXCPU)
            and run.cpu >= 0.95 * float(lim["cpu_s"])
        ):
            status = "timeout"  # killed by RLIMIT_CPU just before the wall clock ran out: the same verdict
        if st is None:
            rc = -signal.SIGKILL
        elif os.WIFSIGNALED(st):
            rc = -os.WTERMSIG(st)
        else:
            rc = os.WEXITSTATUS(st)
        out, err = run.drains.values()  # (stdout's, stderr's)
        res = {
            "id": job["id"],
            "status": status or ("ok" if rc == 0 else "runtime_error"),
            "returncode": rc,
            "stdout": out.text(),
            "stderr": err.text(),
            "stdout_truncated": out.truncated,
            "stderr_truncated": err.truncated,
        }
        if judging:
            res["reported"] = run.report == "done"
            if status is None:
                res["status"] = "ok"
                res["returncode"] = rc if run.exited else None
        return res

    def _read_report(self) -> tuple[str | None, bool]:
        """One newline-terminated report from the trusted process: (report or None, process gone)."""
        try:
            chunk = self.ctl.recv(READ_CHUNK)
        except OSError:
            return None, True
        if not chunk:
            return None, True
        self.ctl_buf += chunk
        if len(self.ctl_buf) > RESULT_CAP + 2:
            return None, True
        if b"\n" not in self.ctl_buf:
            return None, False
        line, self.ctl_buf = self.ctl_buf.split(b"\n", 1)
        return line.decode("utf-8", "replace"), False

    def shutdown(self) -> None:
        """Stop the prepared run, the trusted process and the zygote, reaping all (their CPU time is then
        accounted to the host's children, as for any finished process)."""
        if self.next is not None:
            self.next.close()
        self.kill_run()
        self.ctl.close()  # the trusted process sees EOF and exits
        self.zsock.close()  # and the zygote
        for pid in (self.tpid, self.zpid):
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass

    def serve(self) -> None:
        while True:
            job = read_frame(0)
            if job is None:
                self.shutdown()
                return
            try:
                res = self.run(job)
            except Exception as e:  # report, then let the host replace us
                res = {"id": job.get("id"), "status": "sandbox_error", "error": f"{type(e).__name__}: {e}"}
                res["recycle"] = True
                self.kill_run()
            write_all(1, json.dumps(res).encode() + b"\n")
            if res.get("recycle"):
                return
            try:
                self.prepare(job["limits"])
            except Exception as e:  # the next job prepares again, or reports the failure
                os.write(2, f"rlvr sandbox: could not prepare a run: {e}\n".encode())
                self.next = None


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as namespace init, undelivered from inside
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # no /proc/1/mem, /proc/1/fd for the children
    cfg = read_frame(0)
    if cfg is None:
        return
    cfg["bpf"] = base64.b64decode(cfg.get("bpf") or "")
    cfg["ns_init"] = os.getpid() == 1
    set_name(b"rlvr-worker")
    stdio_for_runs()
    for name in cfg.get("preimport", []):
        try:
            __import__(name)
        except ImportError:
            pass
    rehearse()  # the codec's code specialised once, before any fork (fewer pages each run writes)
    atexit._clear()  # the worker's own (e.g. from .pth files): a run runs only those it registers itself
    gc.freeze()  # forked runs share these objects: their collector never walks (and copies) the pages
    release_free_memory()  # before the zygote's fork: fewer pages to copy, fault and unmap per run
    worker = Supervisor(cfg)
    hello = {"ready": True, "pid": os.getpid(), "uid": os.getuid(), "run_namespaces": worker.run_namespaces}
    write_all(1, json.dumps(hello).encode() + b"\n")
    worker.serve()


if __name__ == "__main__":
    main()
