"""Records DAG and operator constructor keyword arguments and >> links, nothing else."""
DAGS = []
_current = []


class DAG:
    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.operators = []
        self.edges = []
        DAGS.append(self)

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()
        return False


class BaseOperator:
    def __init__(self, **kwargs):
        if not _current:
            raise RuntimeError("operator %s created outside a DAG context" % kwargs.get("task_id"))
        self.kwargs = kwargs
        self.dag = _current[-1]
        self.dag.operators.append(self)

    def __rshift__(self, other):
        self.dag.edges.append([self.kwargs["task_id"], other.kwargs["task_id"]])
        return other
