"""Runs a DAG file against the recording stand-ins and prints what it built as JSON."""
import json
import runpy
import sys
from datetime import timedelta

from airflow import _record


def encode(value):
    if isinstance(value, timedelta):
        return {"timedelta_seconds": value.total_seconds()}
    raise TypeError("cannot encode %r" % (value,))


module = runpy.run_path(sys.argv[1])
out = {
    "placeholder_templates": module["PLACEHOLDER_TEMPLATES"],
    "dags": [
        {
            "kwargs": dag.kwargs,
            "operators": [{"class": type(op).__name__, "kwargs": op.kwargs} for op in dag.operators],
            "edges": dag.edges,
            "module_global": any(v is dag for v in module.values()),
        }
        for dag in _record.DAGS
    ],
}
print(json.dumps(out, default=encode, indent=1))
