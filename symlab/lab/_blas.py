"""Run numpy's matrix products on one BLAS thread.

These notebooks run on small shared machines (2 cores, several processes).
There, OpenBLAS's default of one thread per core makes a batch of matrix
products 3-4 times *slower* whenever another process is busy: its threads wait
for each other. Measured on the project's machine, 100 steps of five stacked
[64, 32, 32, 10] nets on the digits: 1.4-2.2 s on one thread, 5.5-6.1 s on two,
with two other busy processes (about 0.9 s either way on an idle machine).
The long experiments of notebooks 07-09 therefore run inside :func:`one_blas_thread`.
"""

from contextlib import contextmanager

from threadpoolctl import threadpool_limits


@contextmanager
def one_blas_thread():
    """Context manager: BLAS (OpenBLAS, MKL …) uses one thread inside the block."""
    with threadpool_limits(limits=1, user_api="blas"):
        yield
