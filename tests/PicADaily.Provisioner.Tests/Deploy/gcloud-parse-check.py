"""Runs gcloud command lines through the installed gcloud, in one Python process.

Reads shell-quoted lines ("gcloud group command args...") on stdin and writes one JSON object per line,
{"line", "exit", "output"}, on stdout. gcloud parses every argument before it looks for credentials, so
with an empty configuration (no account) a well-formed command stops at "no active account" and a
malformed one at the parser. Loading gcloud's command tree once instead of starting gcloud for every
line keeps ~130 lines within seconds, not minutes; the commands run exactly as `gcloud` runs them
(gcloud_main.CreateCLI, then Execute with the line's arguments).

Usage: python3 gcloud-parse-check.py <sdk root> < lines
"""
import json
import os
import shlex
import sys
import tempfile

sdk_root = sys.argv[1]
sys.path.insert(0, os.path.join(sdk_root, "lib", "third_party"))
sys.path.insert(0, os.path.join(sdk_root, "lib"))
results = os.fdopen(os.dup(1), "w")

from googlecloudsdk import gcloud_main  # noqa: E402  (needs the SDK on sys.path first)

cli = gcloud_main.CreateCLI([])

for line in sys.stdin:
    line = line.rstrip("\n")
    if not line:
        continue
    words = shlex.split(line)
    assert words[0] == "gcloud", line
    # The deploy scripts add --quiet to every call they run for real.
    argv = words[1:] + ["--quiet"]
    with tempfile.TemporaryFile() as capture:
        # gcloud writes to the process's stdout/stderr handles; catch both per command.
        saved = (os.dup(1), os.dup(2))
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(capture.fileno(), 1)
        os.dup2(capture.fileno(), 2)
        code = 0
        try:
            cli.Execute(argv)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException as error:  # noqa: BLE001  (any failure is reported, not raised)
            code = 1
            print("uncaught: " + repr(error), file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])
        capture.seek(0)
        output = capture.read().decode("utf-8", "replace")
    results.write(json.dumps({"line": line, "exit": code, "output": output}) + "\n")
    results.flush()
