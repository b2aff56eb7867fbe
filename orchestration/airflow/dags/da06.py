"""ĐA06 steering warehouse on Apache Airflow 3.3 + Spark.

One Airflow DAG per dag of the pipeline definition (orchestration/src/main/resources/vn/da06/orchestration/
schedule/pipeline.yaml), read at parse time from its JSON export da06_pipeline.json beside this file
(`./da06 scheduler export-airflow`; a test checks the export equals the definition). The embedded scheduler
(`./da06 scheduler`) runs the same definition, so the two cannot drift: same tasks, main classes, arguments,
schedules (Asia/Ho_Chi_Minh), deadlines, retries and dependencies.

Written for Airflow 3.3 (the Task SDK's airflow.sdk.DAG, the standard provider's ExternalTaskSensor, the Spark
provider's SparkSubmitOperator), pinned in orchestration/airflow/requirements.txt and constraints.txt; AirflowDagTest
and SparkSubmitIT run it on that Airflow. Every task is a SparkSubmitOperator that submits the one job jar
(orchestration/target/da06-jobs.jar) with the task's main class. Each dag's deadline is a DeadlineAlert on the run's
logical date (its scheduled time): a run not finished by then makes Airflow call da06_alerts.mail_operators
(da06_alerts.py beside this file, copy both), which mails the operators of the reports' config as the embedded
scheduler does.

Airflow Variables (airflow variables set NAME VALUE, or AIRFLOW_VAR_NAME in the environment):
  da06_jobs_jar          the jar, e.g. hdfs:///da06/lib/da06-jobs.jar or /opt/da06/da06-jobs.jar
  da06_inbox             the inbox, e.g. hdfs://namenode:8020/da06/inbox
  da06_warehouse         the warehouse root, e.g. hdfs://namenode:8020/da06/warehouse or s3a://bucket/da06
  da06_reports_out       where reports are written
  da06_reports_config    the reports' config (recipients, due days, SMTP, operators); the deadline alerts read it
  da06_pseudonym_key_file  the pseudonymisation key file on the Airflow worker (the Spark driver runs there);
                         it reaches the job as DA06_PSEUDONYM_KEY_FILE, never on the command line
  da06_state_dir         optional: a local folder on the workers for the reports' ops records (DA06_STATE_DIR);
                         required when da06_warehouse is on s3a://
and the Spark connection (default spark_default, or DA06_SPARK_CONN_ID), e.g.
AIRFLOW_CONN_SPARK_DEFAULT='spark://master-host:7077?deploy-mode=client', or yarn. Cluster-wide Spark settings
(executor sizes, spark.hadoop.fs.s3a.*, extra jars) belong in spark-defaults.conf of the workers' SPARK_CONF_DIR.
See docs/orchestration.md.
"""
from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.providers.standard.sensors.external_task import ExternalTaskSensor
from airflow.sdk import DAG, DeadlineAlert, DeadlineReference, SyncCallback

DEFINITION = json.loads((Path(__file__).parent / "da06_pipeline.json").read_text(encoding="utf-8"))
TIMEZONE = DEFINITION["timezone"]

# How each placeholder of the definition's arguments is filled on Airflow. A run scheduled at T (Airflow's
# data_interval_end) takes T's local date and month, as the embedded scheduler does.
PLACEHOLDER_TEMPLATES = {
    "inbox": "{{ var.value.da06_inbox }}",
    "warehouse": "{{ var.value.da06_warehouse }}",
    "reports_out": "{{ var.value.da06_reports_out }}",
    "reports_config": "{{ var.value.da06_reports_config }}",
    "date": "{{ data_interval_end.in_timezone('%s').strftime('%%Y-%%m-%%d') }}" % TIMEZONE,
    "month": "{{ data_interval_end.in_timezone('%s').strftime('%%Y-%%m') }}" % TIMEZONE,
    "previous_month": "{{ data_interval_end.in_timezone('%s').subtract(months=1).strftime('%%Y-%%m') }}" % TIMEZONE,
}

APPLICATION = "{{ var.value.da06_jobs_jar }}"
SPARK_CONN_ID = os.environ.get("DA06_SPARK_CONN_ID", "spark_default")
# What the jobs need from Spark; the rest (executor sizes) belongs to the connection or the cluster's defaults.
SPARK_CONF = {
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
    "spark.sql.session.timeZone": TIMEZONE,
    "spark.ui.showConsoleProgress": "false",
    # Spark's generated code for typing a feed is over HotSpot's 8,000-byte method limit: without this flag it
    # stays interpreted (BENCHMARKS.md, scale).
    "spark.driver.extraJavaOptions": "-XX:-DontCompileHugeMethods",
    "spark.executor.extraJavaOptions": "-XX:-DontCompileHugeMethods",
}
ENV_VARS = {
    "DA06_PSEUDONYM_KEY_FILE": "{{ var.value.da06_pseudonym_key_file }}",
    # The local folder of the ops records kept as files (reports made, mail ledger), needed when the warehouse is
    # on S3 (no file locks there); empty = the warehouse folder itself (docs/orchestration.md, "S3").
    "DA06_STATE_DIR": "{{ var.value.get('da06_state_dir', '') }}",
}


def render(argument: str) -> str:
    for name, template in PLACEHOLDER_TEMPLATES.items():
        argument = argument.replace("{" + name + "}", template)
    return argument


for spec in DEFINITION["dags"]:
    # The definition's deadline is a constant offset from the scheduled time (the export checks it): with a cron
    # schedule Airflow 3's logical date is the scheduled time, so the deadline is logical date + that offset.
    to_deadline = timedelta(seconds=spec["deadline_seconds"])
    with DAG(
        dag_id=spec["dag_id"],
        description=spec["description"],
        schedule=spec["schedule"],
        start_date=pendulum.datetime(2025, 1, 1, tz=TIMEZONE),
        catchup=False,  # a missed time runs once, the latest, as in the embedded scheduler
        max_active_runs=1,  # no two runs of one task at once
        tags=["da06"],
        deadline=DeadlineAlert(
            reference=DeadlineReference.DAGRUN_LOGICAL_DATE,
            interval=to_deadline,
            callback=SyncCallback(
                "da06_alerts.mail_operators", kwargs={"dag_id": spec["dag_id"], "timezone": TIMEZONE}
            ),
        ),
    ) as dag:
        tasks = {}
        for task in spec["tasks"]:
            tasks[task["task_id"]] = SparkSubmitOperator(
                task_id=task["task_id"],
                name=spec["dag_id"] + "." + task["task_id"],  # the application's name on the Spark master
                conn_id=SPARK_CONN_ID,
                java_class=task["java_class"],
                application=APPLICATION,
                application_args=[render(argument) for argument in task["args"]],
                conf=SPARK_CONF,
                env_vars=ENV_VARS,
                retries=task["retries"],
                retry_delay=timedelta(seconds=task["retry_delay_seconds"]),
                retry_exponential_backoff=True,
            )
        for task in spec["tasks"]:
            for upstream in task["upstream"]:
                tasks[upstream] >> tasks[task["task_id"]]
        roots = [tasks[task["task_id"]] for task in spec["tasks"] if not task["upstream"]]
        for wait in spec["wait_for"]:
            sensor = ExternalTaskSensor(
                task_id="wait_for_" + wait["dag_id"],
                external_dag_id=wait["dag_id"],
                external_task_ids=wait["task_ids"],
                execution_delta=timedelta(seconds=wait["execution_delta_seconds"]),
                mode="reschedule",
                poke_interval=600,
                timeout=to_deadline.total_seconds(),
            )
            for root in roots:
                sensor >> root
    globals()[spec["dag_id"]] = dag
