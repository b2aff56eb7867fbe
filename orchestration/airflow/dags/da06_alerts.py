"""Deadline alerts of the ĐA06 DAGs (da06.py): mail the operators of the reports' config.

Airflow 3 calls ``mail_operators`` (a SyncCallback of each DAG's DeadlineAlert) when a run has not finished by
its deadline, with the context Airflow builds for a missed deadline (``dag_run``, ``deadline``). It tells the
same people, through the same SMTP server, as the embedded scheduler's OperatorAlerts
(orchestration/src/main/java/vn/da06/orchestration/schedule/OperatorAlerts.java): every unit's ``operator`` in the
reports' config (config/reports.yaml; its path is the Airflow Variable ``da06_reports_config``), over its
``smtp`` section. The SMTP password comes only from the environment variable the config names
(``smtp.password_env``) and is never logged.

This module is beside the DAG file so Airflow's workers import it as ``da06_alerts`` (the dags folder is on their
sys.path); it defines no DAG.
"""
from __future__ import annotations

import logging
import os
import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import yaml

log = logging.getLogger(__name__)

DEFAULT_PORTS = {"tls": 465, "starttls": 587, "none": 25}


def operators(config: dict) -> list[str]:
    """Every unit's operator, once each, sorted (as OperatorAlerts does)."""
    return sorted({unit["operator"] for unit in config.get("units") or [] if unit.get("operator")})


def reports_config_path() -> str:
    from airflow.sdk import Variable

    return Variable.get("da06_reports_config")


def _local(value, timezone: str) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M")


def mail_operators(context: dict, dag_id: str, timezone: str) -> list[str]:
    """Mails the operators that the run of ``dag_id`` in ``context`` missed its deadline; returns who was told."""
    dag_run = context.get("dag_run") or {}
    deadline = context.get("deadline") or {}
    scheduled = dag_run.get("logical_date") or dag_run.get("run_after")
    problem = "the run scheduled at %s has not finished by its deadline %s" % (
        _local(scheduled, timezone),
        _local(deadline.get("deadline_time"), timezone),
    )
    # The same line as the embedded scheduler's, whoever gets mail.
    log.warning("da06 airflow: dag %s: %s", dag_id, problem)
    path = reports_config_path()
    if not path or not os.path.exists(path):
        log.warning("No operator told: the reports' config %s does not exist", path)
        return []
    with open(path, encoding="utf-8") as file:
        config = yaml.safe_load(file) or {}
    to = operators(config)
    if not to:
        return []
    smtp = config.get("smtp") or {}
    tls = str(smtp.get("tls", "starttls")).lower()
    if tls not in DEFAULT_PORTS:
        raise ValueError(
            "Cannot mail the operators: smtp.tls in %s is '%s' (use none, starttls or tls)" % (path, tls)
        )
    port = int(smtp.get("port") or DEFAULT_PORTS[tls])
    timeout = int(smtp.get("timeout_seconds") or 20)

    message = EmailMessage()
    message["From"] = smtp["from"]
    message["To"] = ", ".join(to)
    message["Subject"] = "[ĐA06] Lịch chạy cần xử lý: " + dag_id
    message.set_content(
        "Lượt chạy %s theo lịch lúc %s (giờ Việt Nam) cần người vận hành xử lý.\n\n%s\n\n"
        "Chi tiết: lượt chạy %s trên Airflow và bảng ops.job_runs.\n"
        % (
            dag_id,
            _local(scheduled, timezone).replace("T", " "),
            problem,
            dag_run.get("dag_run_id") or dag_run.get("run_id", ""),
        ),
        charset="utf-8",
    )
    password = os.environ.get(smtp["password_env"]) if smtp.get("password_env") else None
    if tls == "tls":
        server = smtplib.SMTP_SSL(smtp["host"], port, timeout=timeout, context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(smtp["host"], port, timeout=timeout)
    with server:
        if tls == "starttls":
            server.starttls(context=ssl.create_default_context())
        if smtp.get("user") and password is not None:
            server.login(smtp["user"], password)
        server.send_message(message, to_addrs=to)
    log.info("Told the operators %s that dag %s missed its deadline", to, dag_id)
    return to
