#!/usr/bin/env python3
"""Time commands for the bench scripts, alternating them run by run.

    timeit.py RUNS OUT1 [OUT2 ...] -- CMD1 ARGS... [::: CMD2 ARGS...]

Runs every command RUNS times, one after the other in turn (so a change in
the machine's load affects all of them alike), and prints one line per
command: best wall seconds, best CPU seconds (user+sys of the process, from
wait4's rusage, microsecond resolution), peak RSS in KB and median wall
seconds. The last run's stdout of command N is kept in OUTN.

The process is started with posix_spawn and reaped with wait4 directly: a
shell's fork and SIGCHLD handling added 1-3 ms to every run, a third of
mast's time on the 1k analyze input.
"""

import os
import statistics
import sys
import time


def main(argv):
    runs = int(argv[1])
    sep = argv.index("--")
    outs = argv[2:sep]
    cmds, cur = [], []
    for a in argv[sep + 1:]:
        if a == ":::":
            cmds.append(cur)
            cur = []
        else:
            cur.append(a)
    cmds.append(cur)
    if len(cmds) != len(outs) or any(not c for c in cmds):
        sys.exit("timeit.py: give one output file per command")
    walls = [[] for _ in cmds]
    cpus = [[] for _ in cmds]
    rss = [0 for _ in cmds]
    null = os.open(os.devnull, os.O_RDWR)
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            out = os.open(outs[i], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            actions = [
                (os.POSIX_SPAWN_DUP2, null, 0),
                (os.POSIX_SPAWN_DUP2, out, 1),
                (os.POSIX_SPAWN_DUP2, null, 2),
            ]
            t0 = time.perf_counter()
            try:
                pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=actions)
            except OSError as e:
                sys.exit(f"timeit.py: cannot run {cmd[0]}: {e.strerror}")
            _, _, usage = os.wait4(pid, 0)
            walls[i].append(time.perf_counter() - t0)
            os.close(out)
            cpus[i].append(usage.ru_utime + usage.ru_stime)
            rss[i] = max(rss[i], usage.ru_maxrss)
    for i in range(len(cmds)):
        print(
            f"{min(walls[i]):.4f} {min(cpus[i]):.4f} {rss[i]} "
            f"{statistics.median(walls[i]):.4f}"
        )


if __name__ == "__main__":
    main(sys.argv)
