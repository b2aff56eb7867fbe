"""A stand-in for Airflow that only records what a DAG file builds (see AirflowDagTest). Not Airflow."""
from airflow._record import DAG  # noqa: F401
