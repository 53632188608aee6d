"""Run untrusted parsing in a forked child with hard memory and time limits.

A crafted 5 KB spreadsheet can make a native reader allocate hundreds of gigabytes and abort
the whole process, which no ``except`` can catch. The parsing therefore happens in a child
process: it inherits the loaded code (fork, so no start-up cost), turns bytes into plain Python
values and sends them back pickled through a pipe. It never touches the database or the cache.
If the child hits its limits or dies, the parent (the web or Celery worker) lives on and says so.
"""

import faulthandler
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any

# What the child may add to the address space it inherits from the parent.
DEFAULT_MEMORY_BYTES = 512 * 1024 * 1024
DEFAULT_SECONDS = 30.0


class ChildFailed(Exception):
    """The child was killed or died before it answered. ``reason`` is "memory", "time" or
    "crashed"; the message is for logs, not for users."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def _address_space_now() -> int:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * resource.getpagesize()


def run_in_child(
    func: Callable[..., Any],
    *args: Any,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    seconds: float = DEFAULT_SECONDS,
    **kwargs: Any,
) -> Any:
    """Return ``func(*args, **kwargs)`` computed in a forked child.

    An exception raised by ``func`` is raised again here (it must pickle). A child that runs out
    of memory, passes ``seconds`` or dies any other way raises ChildFailed.
    """
    read_end, write_end = os.pipe()
    limit = _address_space_now() + memory_bytes
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        status = 0
        # A native abort here is expected and reported as ChildFailed; pytest's fault handler
        # would add a Python traceback of the whole parent stack to the log for each one.
        faulthandler.disable()
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            cpu = int(seconds) + 1
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
            try:
                outcome = ("ok", func(*args, **kwargs))
            except MemoryError:
                outcome = ("memory", None)
            except Exception as error:
                outcome = ("raised", error)
            payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        except BaseException:
            status = 70
        finally:
            # Skip atexit handlers and buffered files of the parent: they are not ours to close.
            os._exit(status)

    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    timed_out = False
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_end], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)

    if timed_out:
        raise ChildFailed("time", f"no answer within {seconds:g} s")
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        reason = "time" if number == signal.SIGXCPU else "crashed"
        raise ChildFailed(reason, f"killed by signal {number}")
    if not chunks:
        raise ChildFailed("crashed", f"exit status {os.WEXITSTATUS(status)}")
    kind, value = pickle.loads(b"".join(chunks))  # noqa: S301 (our own child wrote it)
    if kind == "ok":
        return value
    if kind == "memory":
        raise ChildFailed("memory", f"over {memory_bytes // (1024 * 1024)} MB")
    raise value
