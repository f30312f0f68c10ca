"""Runs a Python script as bench/rss.cjs runs a Node one: at exit, prints the process's peak RSS
and CPU time on stderr as `@@bench {...}` for bench/run.mjs.

python3 bench/pyrss.py SCRIPT.py ARGS...
"""
import atexit
import json
import resource
import runpy
import sys


def report():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    sys.stderr.write("\n@@bench " + json.dumps({"maxRssBytes": usage.ru_maxrss * scale, "cpuMs": (usage.ru_utime + usage.ru_stime) * 1000}) + "\n")


atexit.register(report)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
