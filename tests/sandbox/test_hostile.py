"""Adversarial suite: every case asserts the verdict AND the host-side effect.

Outside the cage this module defines one test that re-runs it inside the cage (``conftest.run_caged``: a
PID namespace of its own, pids + memory cgroups, an address-space limit). The hostile cases exist only
inside the cage, so they can never run on the bare machine.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

IN_CAGE = os.environ.get("RLVR_HOSTILE_CAGE") == "1" and os.getpid() == 1

if not IN_CAGE:

    @pytest.mark.hostile
    @pytest.mark.slow
    def test_adversarial_suite_in_cage(caged_suite) -> None:  # type: ignore[no-untyped-def]
        caged_suite(__file__)

else:
    from rlvr.sandbox import pool as pool_mod
    from rlvr.sandbox.base import JudgeSpec, Limits
    from rlvr.sandbox.pool import SandboxPool
    from rlvr.verifiers.code import CodeVerifier

    pytestmark = pytest.mark.hostile

    LIMITS = Limits(wall_s=3.0, cpu_s=3.0, memory_mb=512, disk_mb=8, inodes=512, nproc=16, output_bytes=1 << 16)
    TESTS = "assert add(1, 2) == 3\nassert add(-1, 1) == 0\nassert add(10, 5) == 15\n"
    CALL = {"fn_name": "add", "inputs": [[1, 2], [-1, 1]], "outputs": [3, 0]}
    SECRET_ENV = "RLVR_HOSTILE_SECRET_ENV"
    SECRET = "s3cr3t-" + os.urandom(8).hex()
    NONCE = "feedfacecafebeef" * 2
    SANDBOX_UIDS = range(20000, 60001)

    class Host:
        """Things on the host the sandbox must not touch."""

        def __init__(self, root: Path) -> None:
            self.root = root
            self.secret_file = root / "secret.txt"
            self.secret_file.write_text(SECRET)
            self.marker = root / "MARKER"
            self.sleeper = subprocess.Popen(["sleep", "3600"])
            self.srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.srv.bind(("127.0.0.1", 0))
            self.srv.listen(8)
            self.port = self.srv.getsockname()[1]
            self.usrv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.usrv.bind("\0rlvr-hostile-abstract")
            self.usrv.listen(8)
            self.connections = 0
            for s in (self.srv, self.usrv):
                threading.Thread(target=self._accept, args=(s,), daemon=True).start()
            self.bashrc = Path.home() / ".bashrc"
            self.watched = [Path("/usr/bin/env"), Path(os.path.realpath(sys.executable)), self.secret_file]
            if self.bashrc.exists():
                self.watched.append(self.bashrc)
            self.hashes = self.digest()

        def _accept(self, s: socket.socket) -> None:
            while True:
                try:
                    c, _ = s.accept()
                except OSError:
                    return
                self.connections += 1
                c.close()

        def digest(self) -> dict[Path, str]:
            return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in self.watched}

        def check(self) -> None:
            assert self.sleeper.poll() is None, "a host process was killed"
            assert self.connections == 0, "the sandbox reached a host socket"
            assert not self.marker.exists(), "a marker file appeared on the host"
            assert self.digest() == self.hashes, "a host file changed"
            assert sorted(p.name for p in self.root.iterdir()) == ["secret.txt"]

    @pytest.fixture(scope="module")
    def host(tmp_path_factory: pytest.TempPathFactory) -> Host:
        os.environ[SECRET_ENV] = SECRET
        h = Host(tmp_path_factory.mktemp("host"))
        yield h
        h.sleeper.kill()

    LIVE_POOLS: list[SandboxPool] = []  # every pool of this module that is open: their workers are expected

    def _open_pool(workers: int, limits: Limits = LIMITS) -> SandboxPool:
        p = SandboxPool(workers=workers, limits=limits)
        LIVE_POOLS.append(p)
        return p

    def _close_pool(p: SandboxPool) -> None:
        LIVE_POOLS.remove(p)
        p.close()

    @pytest.fixture(scope="module")
    def pool(host: Host) -> SandboxPool:
        p = _open_pool(2)
        yield p
        _close_pool(p)

    @pytest.fixture(scope="module")
    def solo(host: Host) -> SandboxPool:
        """A pool of one worker: consecutive runs land on the same worker (cross-run attacks)."""
        p = _open_pool(1)
        yield p
        _close_pool(p)

    @pytest.fixture(scope="module")
    def verifier(pool: SandboxPool) -> CodeVerifier:
        return CodeVerifier(sandbox=pool, timeout_s=LIMITS.wall_s)

    def sandbox_processes() -> tuple[list[int], list[int]]:
        """(processes of solution uids, of trusted-test uids): the pool gives each worker an even uid for
        solutions and the next odd one for its long-lived trusted test process."""
        out = []
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    uid = int(Path(f"/proc/{d}/status").read_text().split("Uid:")[1].split()[0])
                except (OSError, IndexError):
                    continue
                if uid in SANDBOX_UIDS:
                    out.append((uid, int(d)))
        solutions = [p for u, p in out if u % 2 == 0]
        ready = [p for p in solutions if Path(f"/proc/{p}/comm").read_text().strip() == "rlvr-ready"]
        # each worker may hold one process prepared for its next run (forked after it answered, not yet
        # given any code); anything else of a solution uid outlived its run
        workers = sum(p.size for p in LIVE_POOLS)
        if len(ready) <= len(solutions) <= workers and len(ready) == len(solutions):
            solutions = []
        return solutions, [p for u, p in out if u % 2]

    @pytest.fixture(autouse=True)
    def host_untouched(host: Host, pool: SandboxPool, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(pool_mod.secrets, "token_hex", lambda n=16: NONCE)
        yield
        solutions, trusted = sandbox_processes()
        assert solutions == [], "processes outlived the run"
        assert len(trusted) == sum(p.size for p in LIVE_POOLS), "a trusted test process is missing or multiplied"
        host.check()
        assert len(pool._all) == pool.size
        r = pool.run("print('alive')")  # the pool survives everything
        assert r.status == "ok" and r.stdout == "alive\n", r

    def judge(verifier: CodeVerifier, code: str, reference: object = None):  # type: ignore[no-untyped-def]
        res = verifier.verify(f"```python\n{code}\n```", reference if reference is not None else {"tests": TESTS})
        assert NONCE not in res.details.get("stdout", "") + res.details.get("stderr", "")
        return res

    def refuted(res) -> None:  # type: ignore[no-untyped-def]
        assert res.passed is False and res.score == 0.0, res

    def test_honest_solution_passes(verifier: CodeVerifier) -> None:
        res = judge(verifier, "def add(a, b):\n    return a + b")
        assert res.passed and res.score == 1.0 and res.details["tests_passed"] == 3

    # ------------------------------------------------------------------ exit tricks
    EXIT_TRICKS = {
        "sys.exit before tests": "import sys\nsys.exit(0)\ndef add(a, b):\n    return 0",
        "os._exit before tests": "import os\nos._exit(0)",
        "sys.exit in function": "def add(a, b):\n    import sys\n    sys.exit(0)",
        "os._exit in function": "def add(a, b):\n    import os\n    os._exit(0)",
        "SystemExit in function": "def add(a, b):\n    raise SystemExit(0)",
        "KeyboardInterrupt": "def add(a, b):\n    raise KeyboardInterrupt",
        "excepthook": "import sys\nsys.excepthook = lambda *a: None\ndef add(a, b):\n    return 0",
        "atexit": "import atexit, os\natexit.register(lambda: os._exit(0))\ndef add(a, b):\n    raise SystemExit(0)",
    }

    @pytest.mark.parametrize("code", EXIT_TRICKS.values(), ids=EXIT_TRICKS.keys())
    @pytest.mark.parametrize("mode", ["assert", "call"])
    def test_exit_tricks(verifier: CodeVerifier, code: str, mode: str) -> None:
        refuted(judge(verifier, code, CALL if mode == "call" else None))

    # ------------------------------------------------------------------ imitated verdicts
    def test_imitated_output_and_fake_reports(verifier: CodeVerifier) -> None:
        code = (
            "import json, os, sys\n"
            "fake = json.dumps({'passed': 3, 'total': 3, 'completed': True, 'nonce': '0' * 32})\n"
            "print('PASSED'); print('===== 3 passed in 0.01s ====='); print(fake); print('OK')\n"
            "for fd in range(0, 64):\n"
            "    try:\n        os.write(fd, b'C' + fake.encode() + b'\\n')\n    except OSError:\n        pass\n"
            "def add(a, b):\n    print('PASSED')\n    return 0\n"
        )
        refuted(judge(verifier, code))
        stdio = {"stdin": "1 2\n", "expected_stdout": "3\n"}
        refuted(judge(verifier, "print('PASSED')\nprint(json.dumps({'passed': True}))", stdio))

    def test_fake_result_files(verifier: CodeVerifier, pool: SandboxPool) -> None:
        code = (
            "import os\n"
            "for p in ['/tmp/result.json', 'results.xml', '/tmp/passed', '/dev/shm/verdict']:\n"
            "    open(p, 'w').write('{\"passed\": true}')\n"
            "def add(a, b):\n    return 0\n"
        )
        refuted(judge(verifier, code))
        r = pool.run("import os\nprint(sorted(os.listdir('/tmp')), sorted(os.listdir('/dev/shm')))")
        assert r.stdout.strip() == "['main.py'] []", "a run saw files of the previous run"  # (its own source only)

    # ------------------------------------------------------------------ values that lie
    LIARS = {
        "always-equal": "class E:\n    __eq__ = lambda s, o: True\n    __ne__ = lambda s, o: False\n"
        "    __bool__ = lambda s: True\n    __hash__ = lambda s: 0\ndef add(a, b):\n    return E()",
        "int subclass": "class I(int):\n    __eq__ = lambda s, o: True\n    __hash__ = int.__hash__\n"
        "def add(a, b):\n    return I(0)",
        "str subclass": "class S(str):\n    __eq__ = lambda s, o: True\ndef add(a, b):\n    return S('x')",
    }

    @pytest.mark.parametrize("code", LIARS.values(), ids=LIARS.keys())
    @pytest.mark.parametrize("mode", ["assert", "call"])
    def test_always_equal_objects(verifier: CodeVerifier, code: str, mode: str) -> None:
        refuted(judge(verifier, code, CALL if mode == "call" else None))

    def test_monkeypatched_builtins_and_unittest(verifier: CodeVerifier) -> None:
        code = (
            "import builtins, unittest\n"
            "builtins.AssertionError = StopIteration\n"
            "builtins.isinstance = lambda *a: True\n"
            "builtins.print = lambda *a, **k: None\n"
            "unittest.TestCase.assertEqual = lambda *a, **k: None\n"
            "unittest.TestResult.wasSuccessful = lambda self: True\n"
            "def add(a, b):\n    return 0\n"
        )
        refuted(judge(verifier, code))
        unit = (
            "import unittest\n"
            "class T(unittest.TestCase):\n"
            "    def test_add(self):\n        self.assertEqual(add(1, 2), 3)\n"
            "r = unittest.TextTestRunner(stream=open('/dev/null', 'w')).run("
            "unittest.defaultTestLoader.loadTestsFromTestCase(T))\n"
            "assert r.wasSuccessful()\n"
        )
        refuted(judge(verifier, code, {"tests": unit}))
        assert judge(verifier, "def add(a, b):\n    return a + b", {"tests": unit}).passed

    FRAME_WALK = (
        "import gc, sys\n"
        "def _forge():\n"
        "    f = sys._getframe()\n"
        "    while f is not None:\n"
        "        for d in (f.f_locals, f.f_globals):\n"
        "            for v in list(d.values()):\n"
        "                if isinstance(v, dict) and ('passed' in v or 'nonce' in v):\n"
        "                    v.update(passed=3, total=3, completed=True)\n"
        "                if isinstance(v, list):\n"
        "                    v.append('passed')\n"
        "        f = f.f_back\n"
        "    for o in gc.get_objects():\n"
        "        if isinstance(o, dict) and ('passed' in o or 'nonce' in o):\n"
        "            o.update(passed=3, total=3, completed=True)\n"
        "def add(a, b):\n    _forge()\n    return 0\n"
        "_forge()\n"
    )

    def test_frame_walking_and_gc(verifier: CodeVerifier) -> None:
        refuted(judge(verifier, FRAME_WALK))

    def test_frame_walking_beats_a_naive_harness(pool: SandboxPool, verifier: CodeVerifier) -> None:
        """The same idea against tests run in the solution's interpreter: the attack wins there."""
        naive = (
            "import sys\nresult = []\n"
            "def harness(nonce):\n"
            "    ns = {}\n"
            "    exec(SOLUTION + '\\n' + TESTS, ns)\n"
            "    result.append('passed')\n"
            "    print(nonce)\n"
            "try:\n    harness('%s')\nexcept BaseException:\n    pass\n"
            "print('passed' if result else 'failed')\n"
        ) % "n0nce"
        attack = (
            "import sys, os\n"
            "f = sys._getframe(1)\n"
            "while f is not None and 'nonce' not in f.f_locals:\n    f = f.f_back\n"
            "print(f.f_locals['nonce']); sys.stdout.flush()\n"
            "f.f_globals['result'].append('passed')\n"
            "print('passed'); sys.stdout.flush(); os._exit(0)\n"
        )
        prog = f"SOLUTION = {attack!r}\nTESTS = {TESTS!r}\n" + naive
        r = pool.run(prog)
        assert "n0nce" in r.stdout and "passed" in r.stdout  # the naive design is fooled
        refuted(judge(verifier, attack))

    def test_nonce_and_tests_are_out_of_reach(pool: SandboxPool) -> None:
        # The probe reports only what it finds (its full dump would be cut by the 4 KiB output cap), and its
        # patterns are written so that they cannot match its own source or objects.
        code = (
            "import gc, os, re, ctypes, glob\n"
            "NONCE = re.compile(rb'(?:feedfacecafebeef){2}')\n"
            "TEST = re.compile(rb'assert add\\(|add\\(10, 5\\)')\n"
            "found = set()\n"
            "for o in gc.get_objects():\n"
            "    if isinstance(o, dict):\n"
            "        for v in list(o.values()):\n"
            "            if isinstance(v, (str, bytes)):\n"
            "                found.add(v if isinstance(v, bytes) else v.encode('utf-8', 'replace'))\n"
            "for line in open('/proc/self/maps'):\n"
            "    a, b = (int(x, 16) for x in line.split()[0].split('-'))\n"
            "    if 'rw' in line.split()[1] and b - a < 64 << 20:\n"
            "        try:\n            found.add(ctypes.string_at(a, b - a))\n        except Exception:\n            pass\n"
            "for p in glob.glob('/proc/[0-9]*/mem') + glob.glob('/proc/[0-9]*/fd/*') + glob.glob('/proc/[0-9]*/environ'):\n"
            "    try:\n        found.add(open(p, 'rb').read(1 << 16))\n    except Exception:\n        pass\n"
            "leaks = set()\n"
            "for blob in found:\n"
            "    if NONCE.search(blob):\n        leaks.add('LEAK-nonce')\n"
            "    if TEST.search(blob):\n        leaks.add('LEAK-tests')\n"
            "libc = ctypes.CDLL(None, use_errno=True)\n"
            "for pid in range(1, 64):\n"
            "    if libc.ptrace(16, pid, 0, 0) == 0:\n        leaks.add('ptrace-attached-%d' % pid)\n"
            "print('probe done', *sorted(leaks))\n"
            "def add(a, b):\n    return 0\n"
        )
        # the probe reads every writable mapping and what /proc lets it open: about a second alone, more beside
        # other test workers, so it gets a longer limit than the attacks (it must run to its end to prove anything)
        res = judge(CodeVerifier(sandbox=pool, timeout_s=20.0), code)  # judge() asserts the nonce is not in the output
        refuted(res)
        out = res.details.get("stdout", "")
        assert "probe done" in out, res  # the probe ran to its end
        assert "LEAK" not in out and "ptrace-attached" not in out, out

    def test_pickle_reduce(verifier: CodeVerifier, host: Host) -> None:
        code = (
            "import os\n"
            "class Evil:\n"
            f"    def __reduce__(self):\n        return (os.system, ('touch {host.marker}',))\n"
            "def add(a, b):\n    return Evil()\n"
        )
        refuted(judge(verifier, code))
        refuted(judge(verifier, code, CALL))

    # ------------------------------------------------------------------ time and processes
    @pytest.mark.parametrize(
        "code",
        [
            "def add(a, b):\n    while True:\n        pass",
            "while True:\n    pass",
            "import signal\nfor s in (signal.SIGTERM, signal.SIGINT, signal.SIGXCPU, signal.SIGHUP):\n"
            "    signal.signal(s, signal.SIG_IGN)\nimport time\nwhile True:\n    time.sleep(0.01)",
        ],
        ids=["loop in function", "loop at import", "ignored signals"],
    )
    def test_infinite_loops_time_out(verifier: CodeVerifier, code: str) -> None:
        t0 = time.monotonic()
        res = judge(verifier, code)
        refuted(res)
        assert res.status == "timeout"
        assert time.monotonic() - t0 < LIMITS.wall_s + 2

    def test_non_daemon_threads(verifier: CodeVerifier, pool: SandboxPool) -> None:
        code = "import threading, time\nthreading.Thread(target=time.sleep, args=(3600,)).start()\n"
        refuted(judge(verifier, code + "def add(a, b):\n    return 0"))
        r = pool.run(code)
        assert r.status == "timeout"

    def test_blocking_stdin(verifier: CodeVerifier, pool: SandboxPool) -> None:
        t0 = time.monotonic()
        refuted(judge(verifier, "input()\ndef add(a, b):\n    return a + b"))
        assert time.monotonic() - t0 < LIMITS.wall_s
        r = pool.run("import sys\nprint(repr(sys.stdin.read()))")
        assert r.status == "ok" and r.stdout == "''\n"

    @pytest.mark.parametrize("fork", ["os.fork()", "posix.fork()"])
    def test_fork_bombs(verifier: CodeVerifier, fork: str) -> None:
        code = f"import os, posix\nwhile True:\n    try:\n        {fork}\n    except OSError:\n        pass"
        refuted(judge(verifier, code))

    def test_double_fork_daemon(verifier: CodeVerifier, pool: SandboxPool) -> None:
        code = (
            "import os, time\n"
            "if os.fork() == 0:\n"
            "    os.setsid()\n"
            "    if os.fork() == 0:\n"
            "        while True:\n"
            "            open('/tmp/daemon', 'a').write('x')\n            time.sleep(0.01)\n"
            "    os._exit(0)\n"
            "time.sleep(0.2)\n"
            "def add(a, b):\n    return 0\n"
        )
        refuted(judge(verifier, code))
        r = pool.run("import os\nprint(os.path.exists('/tmp/daemon'))")
        assert r.stdout == "False\n"

    def test_background_grandchildren(verifier: CodeVerifier) -> None:
        code = (
            "import subprocess\n"
            "subprocess.Popen(['sh', '-c', 'sleep 3600 & sleep 3600 &'])\n"
            "subprocess.Popen(['sleep', '3600'], start_new_session=True)\n"
            "def add(a, b):\n    return 0\n"
        )
        refuted(judge(verifier, code))

    def test_killing_parent_and_everything(verifier: CodeVerifier, pool: SandboxPool, host: Host) -> None:
        before = {w.proc.pid for w in pool._all}
        code = (
            "import os, signal\n"
            "for pid in (os.getppid(), 1, -1, " + str(host.sleeper.pid) + "):\n"
            "    for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGSTOP):\n"
            "        try:\n            os.kill(pid, sig)\n        except OSError:\n            pass\n"
            "def add(a, b):\n    return 0\n"
        )
        refuted(judge(verifier, code))
        # kill(-1) reaches only the run's own processes (here none: ESRCH): the trusted process survives
        res = judge(
            verifier, "import os\ntry:\n    os.kill(-1, 9)\nexcept OSError:\n    pass\ndef add(a, b):\n    return a + b"
        )
        assert res.passed and res.details["tests_passed"] == 3
        assert {w.proc.pid for w in pool._all} == before, "a worker had to be replaced"

    # ------------------------------------------------------------------ resources
    @pytest.mark.parametrize(
        "code",
        [
            "x = bytearray(8 * 1024 ** 3)",
            "chunks = []\nwhile True:\n    chunks.append(bytearray(10 ** 7))",
        ],
        ids=["one allocation", "gradual"],
    )
    def test_memory_bombs(verifier: CodeVerifier, code: str) -> None:
        refuted(judge(verifier, code + "\ndef add(a, b):\n    return a + b"))

    def test_raising_rlimits(pool: SandboxPool) -> None:
        code = (
            "import resource\n"
            "for r in (resource.RLIMIT_AS, resource.RLIMIT_CPU, resource.RLIMIT_NPROC, resource.RLIMIT_FSIZE):\n"
            "    try:\n        resource.setrlimit(r, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))\n"
            "        print('raised', r)\n    except (ValueError, OSError):\n        pass\n"
            "print(resource.getrlimit(resource.RLIMIT_AS))\n"
        )
        r = pool.run(code)
        assert r.status == "ok" and "raised" not in r.stdout
        assert r.stdout.strip() == str((LIMITS.memory_mb << 20,) * 2)

    @pytest.mark.parametrize(
        "code",
        [
            "import ctypes\nctypes.string_at(0)",
            "import sys\nsys.setrecursionlimit(10 ** 8)\nf = lambda n: list(map(f, [n]))\nf(0)",
        ],
        ids=["ctypes", "recursion"],
    )
    def test_segfaults(verifier: CodeVerifier, pool: SandboxPool, code: str) -> None:
        refuted(judge(verifier, "def add(a, b):\n    " + code.replace("\n", "\n    ") + "\n    return a + b"))
        r = pool.run(code)
        assert r.status == "runtime_error" and r.returncode != 0

    def test_100mb_of_stdout(pool: SandboxPool) -> None:
        rss0 = _rss()
        t0 = time.monotonic()
        r = pool.run("import sys\nblock = 'x' * (1 << 20)\nfor _ in range(100):\n    sys.stdout.write(block)\n")
        assert r.status == "ok" and r.stdout_truncated
        assert len(r.stdout) == LIMITS.output_bytes
        assert time.monotonic() - t0 < LIMITS.wall_s
        assert _rss() - rss0 < 50 << 20

    def test_disk_fill_and_inodes(pool: SandboxPool) -> None:
        r = pool.run(
            "n = 0\ntry:\n    with open('/tmp/big', 'wb') as f:\n        while True:\n"
            "            f.write(b'x' * (1 << 20)); f.flush(); n += 1\nexcept OSError as e:\n    print(n, e.errno)\n"
        )
        n, errno_ = map(int, r.stdout.split())
        assert n <= LIMITS.disk_mb and errno_ in (27, 28)  # EFBIG or ENOSPC
        r = pool.run(
            "import os\nn = 0\ntry:\n    while True:\n        os.mkdir(f'/tmp/d{n}'); n += 1\n"
            "except OSError as e:\n    print(n, e.errno)\n"
        )
        n, errno_ = map(int, r.stdout.split())
        assert n <= LIMITS.inodes and errno_ == 28

    # ------------------------------------------------------------------ filesystem, secrets, network
    def test_filesystem_outside_workdir(pool: SandboxPool, host: Host) -> None:
        code = (
            "import os, shutil\nhits = []\n"
            f"for p in ['/usr/bin/env', {os.path.realpath(sys.executable)!r}, {str(host.secret_file)!r}, "
            f"'/etc/passwd', '/root/.bashrc', {str(host.root / 'new')!r}, '/work/main/pyproject.toml', '/x']:\n"
            "    try:\n        open(p, 'a').write('pwned'); hits.append('write ' + p)\n    except OSError:\n        pass\n"
            "    try:\n        os.remove(p); hits.append('delete ' + p)\n    except OSError:\n        pass\n"
            "for p in ['/usr/bin', '/root']:\n"
            "    try:\n        shutil.rmtree(p); hits.append('rmtree ' + p)\n    except OSError:\n        pass\n"
            "print(hits)\n"
        )
        r = pool.run(code)
        assert r.stdout == "[]\n", r

    def test_secrets_dotfiles_and_env(pool: SandboxPool, host: Host) -> None:
        code = (
            "import os, glob\nseen = dict(os.environ)\n"
            f"paths = [{str(host.secret_file)!r}, '/root/.ssh/id_rsa', '/root/.bashrc', '/etc/shadow', "
            "'/work/main/pyproject.toml', '/proc/1/environ']\n"
            "paths += glob.glob('/root/*') + glob.glob('/home/*/.*') + glob.glob('/work/*')\n"
            "for p in paths:\n"
            "    try:\n        seen[p] = open(p).read()\n    except OSError:\n        pass\n"
            "open(os.path.expanduser('~/.bashrc'), 'a').write('echo pwned')\n"
            "print(seen)\n"
        )
        r = pool.run(code)
        assert r.status == "ok", r.stderr
        assert SECRET not in r.stdout and SECRET_ENV not in r.stdout
        assert "pyproject" not in r.stdout and "/root/" not in r.stdout
        assert set(eval(r.stdout)) <= {*pool_mod.SANDBOX_ENV, "PWD"}  # our own dict, printed

    def test_network_and_loopback(pool: SandboxPool, host: Host) -> None:
        code = (
            "import socket\nhits = []\n"
            "for fam, addr in ((socket.AF_INET, ('127.0.0.1', %d)), (socket.AF_INET6, ('::1', %d)),"
            " (socket.AF_UNIX, '\\0rlvr-hostile-abstract'), (socket.AF_INET, ('1.1.1.1', 53))):\n"
            "    try:\n        s = socket.socket(fam, socket.SOCK_STREAM)\n        s.settimeout(0.5)\n"
            "        s.connect(addr)\n        hits.append(addr)\n    except OSError as e:\n        pass\n"
            "print(hits)\n"
        ) % (host.port, host.port)
        r = pool.run(code)
        assert r.stdout == "[]\n", r

    def test_judge_spec_direct_call_mode_liar(pool: SandboxPool) -> None:
        spec = JudgeSpec(solution=LIARS["always-equal"], mode="call", fn_name="add", inputs=[[1, 2]], outputs=[3])
        res = pool.judge(spec)
        assert res.status == "ok" and not res.all_passed and res.passed == 0

    # ================================================================== second round (issue 17)
    # ------------------------------------------------------------------ 1. names injected into the tests
    LOOP_TESTS = {
        "range": "for i in range(4):\n    assert add(i, 1) == i + 1\n",
        "all": "assert all([add(i, i) == 2 * i for i in range(1, 4)])\n",
        "abs": "assert abs(add(1, 2) - 3) < 1e-9\n",
        "len": "assert len([x for x in [add(1, 2)] if x == 3]) == 1\n",
    }
    #: fake builtins an attacker wants in the tests' globals: ``range`` -> [], ``all``/``any`` -> True,
    #: ``abs`` -> 0, ``len`` -> 1
    _FAKES = (
        "FAKES = {'range': lambda *a: [], 'all': lambda *a: True, 'any': lambda *a: True,\n"
        "         'abs': lambda *a: 0, 'len': lambda *a: 1}\n"
    )
    INJECTORS = {
        # speaks the judge's protocol itself on its socket, naming builtins it was never asked for
        "speaks the protocol": _FAKES
        + (
            "import json, os\n"
            "def enc(x):\n"
            "    if x is True or x is False:\n        return ['b', x]\n"
            "    if isinstance(x, int):\n        return ['i', hex(x)]\n"
            "    if isinstance(x, list):\n        return ['l', [enc(e) for e in x]]\n"
            "    return ['n']\n"
            "OBJS = [lambda *a, **k: 0] + list(FAKES.values())\n"
            "NAMES = ['add'] + list(FAKES)\n"
            "for line in os.fdopen(3, 'rb'):\n"
            "    req = json.loads(line)\n"
            "    if req.get('op') == 'lookup':\n"
            "        resp = {'ok': {n: ['r', i] for i, n in enumerate(NAMES)}}\n"
            "        resp['ok']['__builtins__'] = ['d', [[['s', n], ['r', i]] for i, n in enumerate(NAMES)]]\n"
            "    elif req.get('op') == 'call':\n"
            "        resp = {'ok': enc(OBJS[req['ref']]())}\n"
            "    else:\n"
            "        resp = {'exc': ['TypeError', 'no']}\n"
            "    os.write(3, (json.dumps(resp) + '\\n').encode())\n"
            "os._exit(0)\n"
        ),
        # patches its own json.loads so that its server is asked for more names than the tests asked
        "patched json.loads": _FAKES
        + (
            "import json\n"
            "_loads = json.loads\n"
            "def loads(s, *a, **k):\n"
            "    obj = _loads(s, *a, **k)\n"
            "    if isinstance(obj, dict) and isinstance(obj.get('names'), list):\n"
            "        obj['names'] = obj['names'] + list(FAKES)\n"
            "    return obj\n"
            "json.loads = loads\n"
            "globals().update(FAKES)\n"
            "def add(a, b):\n    return 0\n"
        ),
        # patches its own json.dumps so that every answer about names carries the fakes too
        "patched json.dumps": _FAKES
        + (
            "import json, sys\n"
            "_dumps = json.dumps\n"
            "def dumps(obj, *a, **k):\n"
            "    ok = obj.get('ok') if isinstance(obj, dict) else None\n"
            "    if isinstance(ok, dict):\n"
            "        f = sys._getframe(1)\n"
            "        while f is not None and not callable(f.f_locals.get('ref')):\n"
            "            f = f.f_back\n"
            "        if f is not None:\n"
            "            for n, fn in FAKES.items():\n"
            "                ok[n] = ['r', f.f_locals['ref'](fn)]\n"
            "    return _dumps(obj, *a, **k)\n"
            "json.dumps = dumps\n"
            "def add(a, b):\n    return 0\n"
        ),
        # writes its answer about names before it is asked, then serves the rest like the protocol speaker
        "answers before being asked": _FAKES
        + (
            "import json, os\n"
            "NAMES = ['add'] + list(FAKES)\n"
            "os.write(3, (json.dumps({'ok': {n: ['r', i] for i, n in enumerate(NAMES)}}) + '\\n').encode())\n"
            "OBJS = [lambda *a, **k: 0] + list(FAKES.values())\n"
            "def enc(x):\n"
            "    if x is True or x is False:\n        return ['b', x]\n"
            "    return ['i', hex(x)] if isinstance(x, int) else ['l', []] if x == [] else ['n']\n"
            "first = True\n"
            "for line in os.fdopen(3, 'rb'):\n"
            "    req = json.loads(line)\n"
            "    if first and req.get('op') == 'lookup':\n"
            "        first = False\n"
            "        continue\n"
            "    resp = {'ok': enc(OBJS[req['ref']]())} if req.get('op') == 'call' else {'exc': ['TypeError', 'no']}\n"
            "    os.write(3, (json.dumps(resp) + '\\n').encode())\n"
            "os._exit(0)\n"
        ),
    }

    @pytest.mark.parametrize("tests", LOOP_TESTS.values(), ids=LOOP_TESTS.keys())
    @pytest.mark.parametrize("attack", INJECTORS.values(), ids=INJECTORS.keys())
    def test_names_injected_into_the_tests(verifier: CodeVerifier, attack: str, tests: str) -> None:
        refuted(judge(verifier, attack, {"tests": tests}))
        assert judge(verifier, "def add(a, b):\n    return a + b", {"tests": tests}).passed

    # ------------------------------------------------------------------ 2. objects that lie
    DIVISORS = "def divisors(n):\n    return [d for d in range(1, n + 1) if n % d == 0]\n"
    LIES = {  # (solution, tests): a wrong answer dressed as data by one special method
        "__contains__": (
            "class L:\n    def __contains__(self, k):\n        return True\n"
            "    def __iter__(self):\n        return iter(())\n"
            "def divisors(n):\n    return L()\n",
            "assert 4 in divisors(12)\nassert 6 in divisors(12)\n",
        ),
        "__contains__ without __iter__": (
            "class L:\n    def __contains__(self, k):\n        return True\ndef divisors(n):\n    return L()\n",
            "assert 4 in divisors(12)\n",
        ),
        "__len__": (
            "class L:\n    def __len__(self):\n        return 6\n"
            "    def __iter__(self):\n        return iter(())\n"
            "def divisors(n):\n    return L()\n",
            "assert len(divisors(12)) == 6\n",
        ),
        "__len__ and __getitem__": (
            "class L:\n    def __len__(self):\n        return 6\n"
            "    def __getitem__(self, i):\n        raise IndexError(i)\n"
            "def divisors(n):\n    return L()\n",
            "assert len(divisors(12)) == 6\n",
        ),
        "__bool__": (
            "class B:\n    def __bool__(self):\n        return True\ndef divisors(n):\n    return B()\n",
            "assert divisors(12)\n",
        ),
        "ordering": (
            "class O:\n    __lt__ = __le__ = __gt__ = __ge__ = lambda s, o: True\ndef divisors(n):\n    return O()\n",
            "assert divisors(12) >= [1, 2, 3, 4, 6, 12] and divisors(12) <= [1, 2, 3, 4, 6, 12]\n",
        ),
        "__hash__ and __eq__": (
            "class H:\n    __hash__ = lambda s: hash((1, 2, 3, 4, 6, 12))\n    __eq__ = lambda s, o: True\n"
            "def divisors(n):\n    return H()\n",
            "assert divisors(12) in {(1, 2, 3, 4, 6, 12)}\n",
        ),
        "__index__": (
            "class I:\n    __index__ = lambda s: 6\ndef divisors(n):\n    return I()\n",
            "assert list(range(divisors(12)))[-1] == 5\n",
        ),
    }

    @pytest.mark.parametrize("lie", LIES)
    def test_objects_that_lie(verifier: CodeVerifier, lie: str) -> None:
        code, tests = LIES[lie]
        refuted(judge(verifier, code, {"tests": tests}))
        refuted(judge(CodeVerifier(sandbox=verifier.sandbox, partial=True), code, {"tests": tests}))
        if lie not in ("__index__", "__hash__ and __eq__"):  # (tests that no list can pass)
            assert judge(verifier, DIVISORS, {"tests": tests}).passed

    # ------------------------------------------------------------------ 3. the previous run out of reach
    PROBE = (  # reports which of frames, the gc heap and its own memory hold the previous run's marker
        "import ctypes, gc, re, sys\n"
        "NEEDLE = re.compile(rb'(?:%s){3}')\n"
        "found = set()\n"
        "def check(kind, v):\n"
        "    if isinstance(v, str):\n        v = v.encode('utf-8', 'replace')\n"
        "    if isinstance(v, (bytes, bytearray)) and NEEDLE.search(v):\n        found.add(kind)\n"
        "def values(o):\n"
        "    return list(o.values()) if isinstance(o, dict) else list(o) if isinstance(o, (list, tuple)) else [o]\n"
        "f = sys._getframe()\n"
        "while f is not None:\n"
        "    for d in (f.f_locals, f.f_globals):\n"
        "        for v in list(d.values()):\n"
        "            for w in values(v):\n                check('frames', w)\n"
        "    f = f.f_back\n"
        "for o in gc.get_objects():\n"
        "    for v in values(o):\n        check('gc', v)\n"
        "for line in open('/proc/self/maps'):\n"
        "    parts = line.split()\n"
        "    a, b = (int(x, 16) for x in parts[0].split('-'))\n"
        "    if parts[1].startswith('rw') and b - a < 256 << 20:\n"
        "        try:\n            check('memory', ctypes.string_at(a, b - a))\n"
        "        except Exception:\n            pass\n"
        "print('probe done', *sorted(found))\n"
    )

    def test_previous_run_is_not_in_the_next_runs_memory(solo: SandboxPool) -> None:
        part = os.urandom(6).hex()
        marker = part * 3
        v = CodeVerifier(sandbox=solo, timeout_s=LIMITS.wall_s)
        code = f"# {marker}\nSEEN = {marker!r}\nprint(SEEN)\ndef add(a, b):\n    return a + b"
        assert judge(v, code).passed
        r = solo.run("print(input())", stdin=marker + "\n")
        assert r.stdout == marker + "\n"
        probe = solo.run(PROBE % part, limits=LIMITS.replace(wall_s=20.0, cpu_s=20.0))  # must run to its end
        assert probe.stdout.strip() == "probe done", probe  # nothing found in frames, on the gc heap or in memory

    THIEF = (  # execs a sibling's solution found in frames or on the gc heap
        "import gc, sys\n"
        "def _steal():\n"
        "    seen, f = [], sys._getframe()\n"
        "    while f is not None:\n"
        "        seen += list(f.f_locals.values()) + list(f.f_globals.values())\n"
        "        f = f.f_back\n"
        "    for o in seen + gc.get_objects():\n"
        "        for v in (list(o.values()) if isinstance(o, dict) else [o]):\n"
        "            if isinstance(v, str) and 'def add' in v and '_steal' not in v:\n"
        "                try:\n                    exec(v, globals())\n                    return\n"
        "                except BaseException:\n                    pass\n"
        "_steal()\n"
    )
    REPLAY = (  # prints a sibling's stdout found in frames or on the gc heap
        "import gc, sys\n"
        "def _replay():\n"
        "    seen, f = [], sys._getframe()\n"
        "    while f is not None:\n"
        "        seen += list(f.f_locals.values()) + list(f.f_globals.values())\n"
        "        f = f.f_back\n"
        "    for o in seen + gc.get_objects():\n"
        "        if isinstance(o, dict) and isinstance(o.get('stdout'), str) and o['stdout'].strip():\n"
        "            sys.stdout.write(o['stdout'])\n            return\n"
        "_replay()\n"
    )

    def test_a_run_cannot_copy_its_siblings_answer(solo: SandboxPool) -> None:
        v = CodeVerifier(sandbox=solo, timeout_s=LIMITS.wall_s)
        assert judge(v, "def add(a, b):\n    return a + b").passed
        refuted(judge(v, THIEF))
        stdio = {"stdin": "6 7\n", "expected_stdout": "42\n"}
        assert judge(v, "a, b = map(int, input().split())\nprint(a * b)", stdio).passed
        refuted(judge(v, REPLAY, stdio))

    def test_a_run_cannot_count_earlier_runs_processes(solo: SandboxPool) -> None:
        """The PID counter is state too: a run that could read it would learn how many processes the runs
        before it started (a channel from run to run). Each run is PID 1 of a namespace of its own, with
        its own /proc: it sees the same numbers whatever ran before, and none of the worker's processes."""
        spawner = "import os\nfor _ in range(50):\n    pid = os.fork()\n    if pid == 0:\n        os._exit(0)\n    os.waitpid(pid, 0)\n"
        probe = (
            "import os\npid = os.fork()\nif pid == 0:\n    os._exit(0)\nos.waitpid(pid, 0)\n"
            "print(os.getpid(), pid, os.readlink('/proc/self'), sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))\n"
        )
        seen = set()
        for before in ("pass", spawner, spawner):
            assert solo.run(before).status == "ok"
            seen.add(solo.run(probe).stdout)
        assert len(seen) == 1, seen

    # ------------------------------------------------------------------ 4. IPC and limits of the run as a whole
    _LIBC = (
        "import ctypes, os\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "libc.shmat.restype = ctypes.c_void_p\n"
        "libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]\n"
        "libc.shmdt.argtypes = [ctypes.c_void_p]\n"
        "BAD = ctypes.c_void_p(-1).value\n"
    )
    IPC_LEAVE = _LIBC + (
        "made = []\n"
        "shm = libc.shmget(0x5eed, 4096, 0o1666)\n"
        "if shm >= 0:\n"
        "    p = libc.shmat(shm, None, 0)\n"
        "    if p not in (None, BAD):\n        ctypes.memmove(p, b'left-by-run-1', 13)\n        made.append('shm')\n"
        "mq = libc.msgget(0x5eee, 0o1666)\n"
        "msg = ctypes.create_string_buffer(b'\\x01' + b'\\0' * 7 + b'left-by-run-1')\n"
        "if mq >= 0 and libc.msgsnd(mq, msg, 13, 0) == 0:\n    made.append('msg')\n"
        "if libc.semget(0x5eef, 1, 0o1666) >= 0:\n    made.append('sem')\n"
        "mqd = libc.mq_open(b'/rlvr-left', 0o102, 0o666, None)\n"
        "if mqd >= 0 and libc.mq_send(mqd, b'left-by-run-1', 13, 0) == 0:\n    made.append('mqueue')\n"
        "print('made', *made)\n"
    )
    IPC_FIND = _LIBC + (
        "found = []\n"
        "shm = libc.shmget(0x5eed, 0, 0)\n"
        "if shm >= 0:\n"
        "    p = libc.shmat(shm, None, 0)\n"
        "    if p not in (None, BAD) and ctypes.string_at(p, 13) == b'left-by-run-1':\n        found.append('shm')\n"
        "mq = libc.msgget(0x5eee, 0)\n"
        "buf = ctypes.create_string_buffer(64)\n"
        "if mq >= 0 and libc.msgrcv(mq, buf, 56, 0, 0o4000) > 0:\n    found.append('msg')\n"
        "if libc.semget(0x5eef, 0, 0) >= 0:\n    found.append('sem')\n"
        "mqd = libc.mq_open(b'/rlvr-left', 0o4002)\n"
        "if mqd >= 0 and libc.mq_receive(mqd, ctypes.create_string_buffer(1 << 16), 1 << 16, None) > 0:\n"
        "    found.append('mqueue')\n"
        "print('found', *found)\n"
    )

    def test_ipc_does_not_outlive_the_run(solo: SandboxPool) -> None:
        for _ in range(2):
            r = solo.run(IPC_LEAVE)
            assert r.status == "ok" and r.stdout.startswith("made"), r
            r = solo.run(IPC_FIND)
            assert r.status == "ok" and r.stdout == "found\n", r

    def test_shared_memory_stays_within_the_memory_limit(solo: SandboxPool) -> None:
        hoard = _LIBC + (  # 64 MiB System V segments, each attached, filled and detached (out of RLIMIT_AS)
            "total = 0\n"
            "for _ in range(%d):\n"
            "    shm = libc.shmget(0, 64 << 20, 0o1600)\n"
            "    if shm < 0:\n        break\n"
            "    p = libc.shmat(shm, None, 0)\n"
            "    if p in (None, BAD):\n        break\n"
            "    ctypes.memset(p, 1, 64 << 20)\n"
            "    libc.shmdt(p)\n"
            "    total += 64\n"
            "    print(total, flush=True)\n"
        ) % (2 * LIMITS.memory_mb // 64)
        r = solo.run(hoard)
        held = int(r.stdout.split()[-1]) if r.stdout.split() else 0
        assert held <= LIMITS.memory_mb, r
        memfd = (  # memfds below RLIMIT_FSIZE each, kept open: tmpfs pages outside the address space
            "import os\nfds, total = [], 0\n"
            "for i in range(%d):\n"
            "    fd = os.memfd_create('x%%d' %% i)\n"
            "    for _ in range(12):\n        os.write(fd, b'x' * (1 << 20))\n"
            "    fds.append(fd)\n    total += 12\n    print(total, flush=True)\n"
        ) % (LIMITS.nofile - 8)
        r = solo.run(memfd)
        held = int(r.stdout.split()[-1]) if r.stdout.split() else 0
        assert held <= LIMITS.memory_mb, r

    def test_forked_children_share_one_memory_limit(solo: SandboxPool) -> None:
        size = int(LIMITS.memory_mb * 0.45) << 20  # each child fits its own RLIMIT_AS; three do not fit one run
        code = (
            "import os, time\nkids = []\n"
            "for _ in range(3):\n"
            "    r, w = os.pipe()\n"
            "    pid = os.fork()\n"
            "    if pid == 0:\n"
            "        b = bytearray(%d)\n"
            "        for i in range(0, len(b), 4096):\n            b[i] = 1\n"
            "        os.write(w, b'held')\n        time.sleep(60)\n"
            "    os.close(w)\n    kids.append((pid, r))\n"
            "time.sleep(1.5)\n"
            "alive = 0\n"
            "for pid, r in kids:\n"
            "    held = os.read(r, 4) == b'held'\n"
            "    alive += held and os.waitpid(pid, os.WNOHANG) == (0, 0)\n"
            "print('holding at once:', alive)\n"
        ) % size
        r = solo.run(code, limits=LIMITS.replace(wall_s=20.0, cpu_s=20.0))  # its children must all get to hold
        assert r.stdout.startswith("holding at once:"), r
        assert int(r.stdout.split()[-1]) <= 2, r.stdout  # 2 x 0.45 of the limit fit; 3 do not

    # ------------------------------------------------------------------ 5. semantics of `python solution_plus_tests.py`
    WRONG_ADD = "def add(a, b):\n    return 0"
    SEMANTICS = {
        "__main__ block": "if __name__ == '__main__':\n    assert add(1, 2) == 3\n    assert add(2, 2) == 4\n",
        "pytest functions": "def test_add():\n    assert add(1, 2) == 3\n\ndef test_negative():\n    assert add(-1, -1) == -2\n",
        "pytest class": "class TestAdd:\n    def test_small(self):\n        assert add(1, 2) == 3\n",
        "unittest case": (
            "import unittest\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(1, 2), 3)\n"
        ),
        "unittest.main": (
            "import unittest\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(1, 2), 3)\n"
            "if __name__ == '__main__':\n    unittest.main()\n"
        ),
    }

    @pytest.mark.parametrize("tests", SEMANTICS.values(), ids=SEMANTICS.keys())
    def test_tests_run_as_the_file_would(verifier: CodeVerifier, tests: str) -> None:
        refuted(judge(verifier, WRONG_ADD, {"tests": tests}))
        ok = judge(verifier, "def add(a, b):\n    return a + b", {"tests": tests})
        assert ok.passed and ok.details["tests_passed"] >= 1, ok

    BUILTIN_NAMED = {  # name: (reference, wrong solution, right solution)
        "HumanEval sorted": (
            {
                "prompt": 'def sorted(xs):\n    """xs in ascending order"""\n',
                "test": "def check(candidate):\n    xs = [5, 3, 9]\n    assert candidate(xs) == sorted(xs)\n"
                "    assert candidate([2, 1]) == [1, 2]\n",
                "entry_point": "sorted",
            },
            "def sorted(xs):\n    return xs",
            "def sorted(xs):\n    return __import__('heapq').nsmallest(len(xs), xs)",
        ),
        "assert-style max": (
            {"tests": "assert max([1, 5, 2]) == 5\nassert max([-3, -7]) == -3\n", "entry_point": "max"},
            "def max(xs):\n    return xs[0]",
            "def max(xs):\n    return __import__('functools').reduce(lambda a, b: a if a > b else b, xs)",
        ),
    }

    @pytest.mark.parametrize(("reference", "wrong", "right"), BUILTIN_NAMED.values(), ids=BUILTIN_NAMED.keys())
    def test_an_entry_point_named_like_a_builtin(
        verifier: CodeVerifier, reference: dict, wrong: str, right: str
    ) -> None:
        refuted(judge(verifier, wrong, reference))
        assert judge(verifier, right, reference).passed

    @pytest.mark.parametrize("partial", [False, True])
    def test_zero_checks_is_a_failure_of_its_own(verifier: CodeVerifier, partial: bool) -> None:
        v = CodeVerifier(sandbox=verifier.sandbox, partial=partial)
        res = judge(v, "def add(a, b):\n    return a + b", {"tests": "x = add(1, 2)\n"})
        assert (res.status, res.passed, res.score) == ("no_tests", False, 0.0), res
        emptied = judge(v, "def values():\n    return []", {"tests": "for v in values():\n    assert v > 0\n"})
        assert (emptied.status, emptied.passed, emptied.score) == ("no_tests", False, 0.0), emptied
        in_tests = "def test_values():\n    for v in values():\n        assert v > 0\n"  # a test that checked nothing
        emptied = judge(v, "def values():\n    return []", {"tests": in_tests})
        assert (emptied.status, emptied.passed, emptied.score) == ("no_tests", False, 0.0), emptied
        unit = "import unittest\nclass T(unittest.TestCase):\n    def test_v(self):\n        for v in values():\n"
        emptied = judge(v, "def values():\n    return []", {"tests": unit + "            self.assertGreater(v, 0)\n"})
        assert (emptied.status, emptied.passed, emptied.score) == ("no_tests", False, 0.0), emptied

    # ------------------------------------------------------------------ 6. CPU: one budget per run, a fair share
    HOG = (  # 40 busy processes, each in a session of its own; reports the CPU/s they got in a 3 s window
        "import os, time\n"
        "kids = []\n"
        "for _ in range(40):\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        try:\n            os.setsid()\n        except OSError:\n            pass\n"
        "        while True:\n            pass\n"
        "    kids.append(pid)\n"
        "def cpu():\n"
        "    t = 0\n"
        "    for pid in kids:\n"
        "        with open(f'/proc/{pid}/stat') as f:\n"
        "            fields = f.read().rsplit(')', 1)[1].split()\n"
        "        t += int(fields[11]) + int(fields[12])\n"
        "    return t / os.sysconf('SC_CLK_TCK')\n"
        "time.sleep(0.5)\n"
        "c0, t0 = cpu(), time.monotonic()\n"
        "time.sleep(3.0)\n"
        "print((cpu() - c0) / (time.monotonic() - t0), flush=True)\n"
    )
    NEIGHBOUR = (  # busy for 3 s of wall time; reports the CPU/s it got
        "import time\n"
        "t0, c0 = time.monotonic(), time.process_time()\n"
        "while time.monotonic() - t0 < 3.0:\n    pass\n"
        "print((time.process_time() - c0) / (time.monotonic() - t0))\n"
    )

    def test_a_run_cannot_starve_its_neighbour() -> None:
        """While a run keeps 40 processes busy in sessions of their own, a neighbour run of the same pool
        gets as much CPU per second as all of them together (their groups share the CPU, not their
        processes). Shares, not wall times: the machine's other load scales both alike."""
        p = _open_pool(2)
        try:
            hog: list = []
            limits = LIMITS.replace(wall_s=20.0, cpu_s=20.0, nproc=64)
            t = threading.Thread(target=lambda: hog.append(p.run(HOG, None, limits)))
            t.start()
            time.sleep(1.5)
            neighbour = p.run(NEIGHBOUR, limits=limits)
            t.join()
            assert neighbour.status == "ok" and hog[0].stdout, (neighbour, hog)
            hog_rate, rate = float(hog[0].stdout), float(neighbour.stdout)
            assert rate >= hog_rate / 3, (rate, hog_rate)  # before: ~1/40 of the hog's
        finally:
            _close_pool(p)

    def test_a_runs_processes_share_one_cpu_budget(solo: SandboxPool) -> None:
        code = (
            "import os, time\n"
            "for _ in range(3):\n"
            "    if os.fork() == 0:\n"
            "        t = time.process_time()\n"
            "        while time.process_time() - t < 0.8:\n            pass\n"
            "        os._exit(0)\n"
            "while True:\n"
            "    try:\n        os.wait()\n    except ChildProcessError:\n        break\n"
            "print('done')\n"
        )
        r = solo.run(code, limits=LIMITS.replace(wall_s=30.0, cpu_s=1.0))
        assert r.status == "timeout" and r.duration_s < 20.0, r  # the budget, long before the wall clock

    def _rss() -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0
