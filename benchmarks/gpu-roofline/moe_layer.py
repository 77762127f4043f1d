"""Times routed-expert MoE layers on a real GPU and sets them against the simulator's MoE term.

The simulator charges a MoE layer for the distinct experts a batch touches,
E * (1 - (1 - k/E)^B) for B tokens each routed to k of E experts, streamed from HBM, or for the
FLOPs of B * k expert passes, whichever is larger (rounded roofline corner). This script routes B
random tokens uniformly to top-k experts, as the formula assumes, and times the expert GEMMs with
PyTorch's grouped GEMM (torch._grouped_mm, one kernel per projection over all experts), captured in a
CUDA graph over a stack of layers so launch cost is amortised. Shapes: Qwen3-30B-A3B's experts
(hidden 2048, expert intermediate 768, 128 experts, 8 per token), BF16.
Run: python3 benchmarks/gpu-roofline/moe_layer.py; writes $OUT/moe_layer.json.
"""
import json
import os

import torch
import torch.nn.functional as F

from gputime import timed

HIDDEN, INTER, EXPERTS, TOP_K, LAYERS = 2048, 768, 128, 8, 8
BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192]



def main():
    torch.manual_seed(0)
    dev, dt = "cuda", torch.bfloat16
    gate_up = [torch.randn(EXPERTS, HIDDEN, 2 * INTER, device=dev, dtype=dt) * 0.02 for _ in range(LAYERS)]
    down = [torch.randn(EXPERTS, INTER, HIDDEN, device=dev, dtype=dt) * 0.02 for _ in range(LAYERS)]
    rows = []
    for batch in BATCHES:
        # Uniform routing: each token picks TOP_K distinct experts at random.
        choice = torch.rand(batch, EXPERTS, device=dev).topk(TOP_K, dim=-1).indices.flatten()
        order = choice.argsort()
        counts = torch.bincount(choice, minlength=EXPERTS)
        offs = counts.cumsum(0).to(torch.int32)
        x = torch.randn(batch * TOP_K, HIDDEN, device=dev, dtype=dt)[order]

        def layers():
            h = x
            for gu, dn in zip(gate_up, down):
                g, u = torch._grouped_mm(h, gu, offs=offs).chunk(2, dim=-1)
                h = torch._grouped_mm(F.silu(g) * u, dn, offs=offs)
            return h

        side = torch.cuda.Stream()
        side.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(side):
            for _ in range(3):
                layers()
        torch.cuda.current_stream().wait_stream(side)
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph):
            layers()
        seconds = timed(graph.replay) / LAYERS
        rows.append({"batch": batch, "distinct_experts": int((counts > 0).sum()), "seconds_per_layer": seconds})
        print(rows[-1])
        del graph
    result = {"device": torch.cuda.get_device_properties(0).name, "torch": torch.__version__,
              "hidden": HIDDEN, "expert_intermediate": INTER, "experts": EXPERTS, "top_k": TOP_K,
              "layers_per_graph": LAYERS, "rows": rows}
    with open(os.path.join(os.environ.get("OUT", "."), "moe_layer.json"), "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
