"""Times one engine step of a Llama-architecture model on a real GPU, with random BF16 weights:
decode steps of B sequences at a context of C tokens (captured in a CUDA graph, as vLLM runs
decode) and single-sequence prefills of N tokens (eager). It is the GPU work of a step without a
serving engine's host time, to set against the simulator's prediction for the same shapes
(StepTimeProbe in src/test/java/dev/servebench/sim/perf/). RoPE is left out (element-wise, small).
Run: python3 benchmarks/gpu-roofline/decode_step.py [config.json]; writes $OUT/decode_step.json.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

from gputime import timed

HERE = os.path.dirname(os.path.abspath(__file__))
DECODES = [(1, 512), (8, 512), (32, 512), (64, 512), (128, 512), (256, 512), (1, 4096), (8, 4096), (32, 4096)]
PREFILLS = [512, 2048, 8192]



class Model:
    def __init__(self, cfg):
        self.h = cfg["hidden_size"]
        self.nh = cfg["num_attention_heads"]
        self.nkv = cfg["num_key_value_heads"]
        self.hd = cfg.get("head_dim", self.h // self.nh)
        self.inter = cfg["intermediate_size"]
        self.n_layers = cfg["num_hidden_layers"]
        self.vocab = cfg["vocab_size"]
        self.eps = cfg.get("rms_norm_eps", 1e-5)
        dev, dt = "cuda", torch.bfloat16
        s = 0.02

        def w(*shape):
            return torch.randn(*shape, device=dev, dtype=dt) * s

        self.embed = w(self.vocab, self.h)
        self.layers = [dict(
            ln1=torch.ones(self.h, device=dev, dtype=dt),
            qkv=w(self.h, (self.nh + 2 * self.nkv) * self.hd),
            o=w(self.nh * self.hd, self.h),
            ln2=torch.ones(self.h, device=dev, dtype=dt),
            gate_up=w(self.h, 2 * self.inter),
            down=w(self.inter, self.h)) for _ in range(self.n_layers)]
        self.norm = torch.ones(self.h, device=dev, dtype=dt)
        self.lm_head = w(self.h, self.vocab)

    def rms(self, x, weight):
        return F.rms_norm(x, (self.h,), weight, self.eps)

    def forward(self, tokens, caches, context, causal):
        """tokens [b, n]; caches: per layer (k, v) of [b, nkv, capacity, hd]; writes at context.."""
        b, n = tokens.shape
        x = self.embed[tokens]
        for layer, (kc, vc) in zip(self.layers, caches):
            h = self.rms(x, layer["ln1"])
            qkv = h @ layer["qkv"]
            q, k, v = qkv.split([self.nh * self.hd, self.nkv * self.hd, self.nkv * self.hd], dim=-1)
            q = q.view(b, n, self.nh, self.hd).transpose(1, 2)
            kc[:, :, context:context + n] = k.view(b, n, self.nkv, self.hd).transpose(1, 2)
            vc[:, :, context:context + n] = v.view(b, n, self.nkv, self.hd).transpose(1, 2)
            a = F.scaled_dot_product_attention(q, kc[:, :, :context + n], vc[:, :, :context + n],
                                               is_causal=causal, enable_gqa=True)
            x = x + a.transpose(1, 2).reshape(b, n, self.nh * self.hd) @ layer["o"]
            h = self.rms(x, layer["ln2"])
            g, u = (h @ layer["gate_up"]).chunk(2, dim=-1)
            x = x + (F.silu(g) * u) @ layer["down"]
        # Only the last position is sampled, as in an engine.
        return (self.rms(x[:, -1], self.norm) @ self.lm_head).argmax(-1)

    def caches(self, batch, capacity):
        shape = (batch, self.nkv, capacity, self.hd)
        return [(torch.zeros(shape, device="cuda", dtype=torch.bfloat16),
                 torch.zeros(shape, device="cuda", dtype=torch.bfloat16)) for _ in range(self.n_layers)]


def decode_seconds(model, batch, context):
    caches = model.caches(batch, context + 1)
    tokens = torch.zeros(batch, 1, dtype=torch.long, device="cuda")
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        for _ in range(3):
            model.forward(tokens, caches, context, False)
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        model.forward(tokens, caches, context, False)
    seconds = timed(graph.replay)
    del graph, caches
    torch.cuda.empty_cache()
    return seconds


def prefill_seconds(model, tokens_count):
    caches = model.caches(1, tokens_count)
    tokens = torch.zeros(1, tokens_count, dtype=torch.long, device="cuda")
    seconds = timed(lambda: model.forward(tokens, caches, 0, True), iters=10, warmup=3)
    del caches
    torch.cuda.empty_cache()
    return seconds


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "llama-3.1-8b.config.json")
    cfg = json.load(open(path))
    torch.manual_seed(0)
    model = Model(cfg)
    with torch.inference_mode():
        decodes = [{"batch": b, "context": c, "seconds": decode_seconds(model, b, c)} for b, c in DECODES]
        prefills = [{"tokens": n, "seconds": prefill_seconds(model, n)} for n in PREFILLS]
    result = {"device": torch.cuda.get_device_properties(0).name, "torch": torch.__version__,
              "cuda": torch.version.cuda, "config": os.path.basename(path), "decode": decodes, "prefill": prefills}
    with open(os.path.join(os.environ.get("OUT", "."), "decode_step.json"), "w") as f:
        json.dump(result, f, indent=1)
    for r in decodes + prefills:
        print(r)


if __name__ == "__main__":
    main()
