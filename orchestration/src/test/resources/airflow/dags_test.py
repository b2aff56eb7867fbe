"""`airflow dags test ARGS...`, with a work-around for Apache Airflow 3.3.2 (SparkSubmitIT).

`dags test` builds its scheduler DAG by serialising and deserialising the parsed DAG in memory, so the DAG's
`deadline` holds the DeadlineAlerts' serialised dicts, not the ids of their rows in the database that a DAG the
DAG processor stored holds. When the run succeeds, `DagRun.update_state` looks those ids up to prune the run's
deadlines and fails (`AttributeError: 'dict' object has no attribute 'hex'`): every `dags test` of a DAG with a
DeadlineAlert exits 1 after its tasks succeeded. The scheduler, which reads the stored DAG, is not affected
(AirflowDagTest fires a real missed deadline through it). This gives the in-memory DAG the stored DAG's alert ids
(the same DAG file, synced to the database by `dags test` itself just before) and then runs the CLI unchanged.
"""
from __future__ import annotations

import sys

from airflow.models.dagrun import DagRun
from airflow.models.serialized_dag import SerializedDagModel

_update_state = DagRun.update_state


def update_state(self, *args, **kwargs):
    dag = getattr(self, "dag", None)
    if dag is not None and dag.deadline and any(isinstance(alert, dict) for alert in dag.deadline):
        dag.deadline = SerializedDagModel.get_dag(self.dag_id).deadline
    return _update_state(self, *args, **kwargs)


DagRun.update_state = update_state

if __name__ == "__main__":
    from airflow.__main__ import main

    sys.argv = ["airflow", "dags", "test", *sys.argv[1:]]
    main()
