from airflow._record import BaseOperator


class SparkSubmitOperator(BaseOperator):
    pass
