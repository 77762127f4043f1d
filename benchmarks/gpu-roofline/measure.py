"""Measures what the simulator's roofline needs from a real GPU: achievable HBM bandwidth and
BF16/FP8 GEMM time across batch sizes (M) for weight shapes of the study's models under TP 8.
Writes JSON to $OUT/roofline.json (or ./roofline.json). Needs PyTorch with CUDA; nothing else.
Run: python3 benchmarks/gpu-roofline/measure.py
"""
import json
import os
import platform

import torch

from gputime import timed as gpu_timed

ITERS = 50
WARMUP = 10


def timed(fn):
    return gpu_timed(fn, ITERS, WARMUP)



def bandwidth():
    n = 2 * 1024 ** 3 // 2  # 2 GiB of bf16
    src = torch.empty(n, dtype=torch.bfloat16, device="cuda").normal_()
    dst = torch.empty_like(src)
    copy_s = timed(lambda: dst.copy_(src))
    # A matrix-vector product reads the matrix once: the access pattern of decode GEMMs.
    rows = 32768
    mat = src.view(rows, -1)
    vec = torch.randn(mat.shape[1], dtype=torch.bfloat16, device="cuda")
    gemv_s = timed(lambda: torch.mv(mat, vec))
    return {"copy_bytes_per_s": 2 * src.numel() * 2 / copy_s,
            "gemv_read_bytes_per_s": mat.numel() * 2 / gemv_s}


SHAPES = [  # (name, K, N) of one GPU's share under TP 8
    ("llama-405b mlp up+gate (16384 x 2*53248/8)", 16384, 13312),
    ("llama-405b o_proj (16384/8 x 16384)", 2048, 16384),
    ("square 8192", 8192, 8192),
]
MS = [1, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]


def gemms():
    out = []
    for name, k, n in SHAPES:
        w = torch.randn(k, n, dtype=torch.bfloat16, device="cuda")
        w8 = w.to(torch.float8_e4m3fn).t().contiguous().t()  # column-major, as _scaled_mm wants
        one = torch.tensor(1.0, device="cuda")
        for m in MS:
            a = torch.randn(m, k, dtype=torch.bfloat16, device="cuda")
            bf16_s = timed(lambda: torch.mm(a, w))
            row = {"shape": name, "m": m, "k": k, "n": n, "bf16_s": bf16_s}
            m8 = max(m, 16)  # FP8 GEMMs need dimensions divisible by 16; vLLM pads M likewise
            a8 = torch.randn(m8, k, dtype=torch.bfloat16, device="cuda").to(torch.float8_e4m3fn)
            try:
                row["fp8_s"] = timed(lambda: torch._scaled_mm(a8, w8, scale_a=one, scale_b=one,
                                                              out_dtype=torch.bfloat16))
                row["fp8_m"] = m8
            except RuntimeError as e:  # an old GPU without FP8
                row["fp8_error"] = str(e).splitlines()[0]
            out.append(row)
        del w, w8
        torch.cuda.empty_cache()
    return out


def main():
    props = torch.cuda.get_device_properties(0)
    result = {
        "device": props.name,
        "memory_bytes": props.total_memory,
        "sm_count": props.multi_processor_count,
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "host": platform.node(),
        "iterations": ITERS,
        "bandwidth": bandwidth(),
        "gemm": gemms(),
    }
    path = os.path.join(os.environ.get("OUT", "."), "roofline.json")
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result["bandwidth"]))
    for r in result["gemm"]:
        print(r)


if __name__ == "__main__":
    main()
