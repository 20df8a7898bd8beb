"""What the bench scripts read from a running local stack: its control API and tracking-service's JSON, and each
process's CPU time from /proc. Standard library only."""

import json
import os
import urllib.request


def get_json(url, token=None):
    """GET a JSON document, with an operator token if given."""
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def cpu_seconds(pid):
    """User + system CPU time of a process and all its threads, in seconds (None once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
