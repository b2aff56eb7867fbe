"""Loads the dags folder with the real Airflow's DagBag and prints, as JSON, what Airflow parsed (AirflowDagTest).

Run with the test venv's python, AIRFLOW_HOME set: python dump_dags.py DAGS_FOLDER OUT_JSON [SCHEDULED_TIME...]
With scheduled times (ISO-8601 instants), every SparkSubmitOperator's application_args are also rendered by Airflow's
own Jinja for a run at each of those times (Variables from AIRFLOW_VAR_* in the environment).
"""
from __future__ import annotations

import json
import sys
from datetime import timedelta

import pendulum
from airflow.dag_processing.dagbag import DagBag
from airflow.sdk.execution_time.context import VariableAccessor

FIELDS = [
    "java_class", "name", "application", "application_args", "conf", "env_vars", "conn_id", "retries",
    "retry_delay", "retry_exponential_backoff", "external_dag_id", "external_task_ids", "execution_delta",
    "mode", "poke_interval", "timeout",
]


def rendered_args(task, times):
    """application_args as Airflow renders them for a run whose logical date (= data interval end with a cron
    trigger timetable) is each of times."""
    rendered = {}
    for time in times:
        at = pendulum.parse(time)
        context = {
            "logical_date": at,
            "data_interval_start": at,
            "data_interval_end": at,
            "var": {"value": VariableAccessor(deserialize_json=False)},
        }
        rendered[time] = task.render_template(task.application_args, context)
    return rendered


def field_of(task, name):
    """An operator's argument as it kept it (some keep theirs private: SparkSubmitOperator's _conn_id)."""
    return getattr(task, name, getattr(task, "_" + name, None))


def plain(value):
    if isinstance(value, timedelta):
        return {"timedelta_seconds": value.total_seconds()}
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


bag = DagBag(dag_folder=sys.argv[1])
dags = []
for dag_id in sorted(bag.dag_ids):
    dag = bag.get_dag(dag_id)
    timetable = dag.timetable
    dags.append({
        "dag_id": dag.dag_id,
        "fileloc": dag.fileloc,
        "schedule": getattr(timetable, "expression", None),
        "timetable": type(timetable).__name__,
        "timetable_timezone": str(getattr(timetable, "timezone", None)),
        "timezone": dag.timezone.name,
        "start_date": dag.start_date.isoformat(),
        "catchup": dag.catchup,
        "max_active_runs": dag.max_active_runs,
        "deadlines": [
            {
                "reference": type(alert.reference).__name__,
                "interval_seconds": alert.interval.total_seconds(),
                "callback": type(alert.callback).__name__,
                "callback_path": alert.callback.path,
                "callback_kwargs": plain(alert.callback.kwargs),
            }
            for alert in (dag.deadline or [])
        ],
        "tasks": [
            {
                "task_id": task.task_id,
                "class": type(task).__name__,
                "module": type(task).__module__,
                "upstream": sorted(task.upstream_task_ids),
                **{field: plain(field_of(task, field)) for field in FIELDS if field_of(task, field) is not None},
                **({"rendered_args": rendered_args(task, sys.argv[3:])} if hasattr(task, "application_args") else {}),
            }
            for task in dag.tasks
        ],
    })
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump({"import_errors": {str(k): v for k, v in bag.import_errors.items()}, "dags": dags}, out)
