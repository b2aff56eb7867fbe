"""A stand-in for pendulum.datetime: records its arguments (see AirflowDagTest)."""


def datetime(year, month, day, hour=0, minute=0, second=0, tz="UTC"):
    return {"pendulum_datetime": [year, month, day, hour, minute, second], "tz": tz}
