from airflow._record import BaseOperator


class ExternalTaskSensor(BaseOperator):
    pass
