/**
 * Orchestration: the pipeline definition, the embedded scheduler, the Airflow DAG's source, and the
 * reports.
 */
package vn.da06.orchestration;
