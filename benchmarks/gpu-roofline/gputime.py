"""Median GPU time of a callable, by CUDA events: shared by the scripts in this folder."""
import statistics

import torch


def timed(fn, iters=30, warmup=5):
    """Seconds one call of fn takes on the GPU: the median of iters calls after warmup calls."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(iters):
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end) / 1e3)
    return statistics.median(times)
