#!/usr/bin/env python3
"""Eager PyTorch Timer-S1, the obvious alternative to this library, timed on the same checkpoint.

Reads a checkpoint in the release layout (config.json + safetensors, one file or shards), runs
batched forecasts of the same seeded random walks as `./timers1 bench` in one forward pass (the
horizon must fit one pass: output_token_lens[-1] + input_token_len * num_mtp_tokens points) and
prints series_per_s. `--dtype bfloat16` is `model.to(torch.bfloat16)`: weights and activations in
bfloat16 (RevIN in float64, as the engine does). Formulas: docs/timer-s1-model.md.

    python3 model/bench/eager_timer_s1.py --model /tmp/release-slice --batch 8 --context 2880 \\
        --horizon 32 --threads 2 --dtype bfloat16

Not part of the build; needs numpy and PyTorch (Debian: python3-torch).
"""
import argparse
import json
import os
import time

import numpy as np
import torch


def read_safetensors(path):
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        a, b = t["data_offsets"]
        raw = data[a:b]
        if t["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype=np.uint16).astype(np.int32) << 16
            x = torch.from_numpy(bits).view(torch.float32)
        elif t["dtype"] == "F16":
            x = torch.from_numpy(np.frombuffer(raw, dtype=np.float16).astype(np.float32))
        else:
            x = torch.from_numpy(np.frombuffer(raw, dtype=np.float32).copy())
        out[name] = x.reshape(t["shape"])
    return out


def load(folder):
    config = json.load(open(os.path.join(folder, "config.json")))
    index = os.path.join(folder, "model.safetensors.index.json")
    files = sorted(set(json.load(open(index))["weight_map"].values())) if os.path.exists(index) else ["model.safetensors"]
    weights = {}
    for f in files:
        weights.update(read_safetensors(os.path.join(folder, f)))
    return config, weights


def rms_norm(x, w):
    return x / (x.pow(2).mean(-1, keepdim=True).sqrt() + 1e-6) * w


class TimerS1(torch.nn.Module):
    def __init__(self, config, weights):
        super().__init__()
        self.c = config
        self.w = torch.nn.ParameterDict({k.replace(".", "__"): torch.nn.Parameter(v, requires_grad=False) for k, v in weights.items()})

    def p(self, name):
        return self.w[name.replace(".", "__")]

    def linear(self, x, name, bias=True):
        return torch.nn.functional.linear(x, self.p(name + ".weight"), self.p(name + ".bias") if bias else None)

    def two_layer(self, z, prefix):
        return self.linear(torch.nn.functional.silu(self.linear(z, prefix + ".hidden_layer")), prefix + ".output_layer") \
            + self.linear(z, prefix + ".residual_layer")

    def decoder(self, x, p, cos, sin, mask):
        heads = self.c["num_attention_heads"]
        b, t, d = x.shape
        hd = d // heads
        h = rms_norm(x, self.p(p + "norm1.weight"))
        split = lambda y: y.view(b, t, heads, hd).transpose(1, 2)
        q, k, v, g = (split(self.linear(h, p + "self_attn." + n)) for n in ("q_proj", "k_proj", "v_proj", "gate_proj"))
        rot = lambda y: y * cos + torch.cat([-y[..., hd // 2:], y[..., :hd // 2]], -1) * sin
        qk_norm = lambda y, s: y * torch.rsqrt(y.pow(2).mean(-1, keepdim=True) + 1e-6) * s
        q = qk_norm(rot(q), self.p(p + "self_attn.q_scale"))
        k = qk_norm(rot(k), self.p(p + "self_attn.k_scale"))
        att = torch.softmax(q @ k.transpose(-1, -2) / hd ** 0.5 + mask, -1) @ v * torch.sigmoid(g)
        x = x + self.linear(att.transpose(1, 2).reshape(b, t, d), p + "self_attn.o_proj", bias=False)
        h = rms_norm(x, self.p(p + "norm2.weight")).reshape(-1, d)
        probs = torch.softmax(self.linear(h, p + "ffn_layer.gate", bias=False).float(), -1)
        top_p, top_e = probs.topk(self.c["num_experts_per_token"], -1)
        out = torch.zeros_like(h)
        for e in top_e.unique().tolist():
            rows, slot = (top_e == e).nonzero(as_tuple=True)
            ep = p + "ffn_layer.experts.%d." % e
            y = self.linear(torch.nn.functional.silu(self.linear(h[rows], ep + "gate_proj", False)) * self.linear(h[rows], ep + "up_proj", False),
                            ep + "down_proj", False)
            out.index_add_(0, rows, y * top_p[rows, slot, None].to(y.dtype))
        return x + out.view(b, t, d)

    def forward(self, tokens, steps):
        b, t, _ = tokens.shape
        hd = self.c["hidden_size"] // self.c["num_attention_heads"]
        inv = self.c["rope_theta"] ** (-torch.arange(0, hd, 2, dtype=torch.float64) / hd)
        ang = torch.arange(t, dtype=torch.float64)[:, None] * inv[None]
        cos = torch.cat([ang.cos(), ang.cos()], -1).to(tokens.dtype)
        sin = torch.cat([ang.sin(), ang.sin()], -1).to(tokens.dtype)
        mask = torch.full((t, t), -1e30, dtype=tokens.dtype).triu(1)
        e = self.two_layer(tokens, "model.embed_layer")
        h = e
        for i in range(self.c["num_hidden_layers"]):
            h = self.decoder(h, "model.layers.%d." % i, cos, sin, mask)
        h = rms_norm(h, self.p("model.norm.weight"))
        chunks = [self.two_layer(h[:, -1], "output_patch_embedding")]
        hm = h
        for k in range(steps):
            m = "mtp_modules.%d." % k
            z = torch.nn.functional.linear(torch.cat([rms_norm(hm, self.p(m + "norm_hidden.weight")), rms_norm(e, self.p(m + "norm_embeds.weight"))], -1),
                                           self.p(m + "projection_matrix.weight"))
            hm = rms_norm(self.decoder(z, m + "layer.", cos, sin, mask), self.p(m + "norm.weight"))
            chunks.append(self.two_layer(hm[:, -1], "output_patch_embedding"))
        q = len(self.c["quantiles"])
        return torch.cat([c.view(b, q, -1) for c in chunks], -1)


def random_walks(count, length, seed):
    # The same walks as EngineBenchmark.randomWalks only in distribution (Java's Random differs): fine for timing.
    rng = np.random.default_rng(seed)
    return np.cumsum(rng.standard_normal((count, length)), 1) + rng.standard_normal((count, 1)) * 10


def forecast(model, contexts, horizon, dtype):
    c = model.c
    p, out_len = c["input_token_len"], c["output_token_lens"][-1]
    steps = 0 if horizon <= out_len else -(-(horizon - out_len) // p)
    if steps > c["num_mtp_tokens"]:
        raise SystemExit("horizon %d needs more than one pass; use at most %d" % (horizon, out_len + p * c["num_mtp_tokens"]))
    x = torch.from_numpy(contexts)
    mean = x.mean(1, keepdim=True)
    std = x.std(1, unbiased=False, keepdim=True) + 1e-5
    z = ((x - mean) / std).to(dtype)
    b, n = z.shape
    pad = -n % p
    values = torch.cat([torch.zeros(b, pad, dtype=dtype), z], 1).view(b, -1, p)
    m = torch.cat([torch.zeros(b, pad, dtype=dtype), torch.ones(b, n, dtype=dtype)], 1).view(b, -1, p)
    y = model(torch.cat([values, m], -1), steps)[..., :horizon]
    return y.double() * std[:, None] + mean[:, None]


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--model", required=True)
    a.add_argument("--batch", type=int, default=8)
    a.add_argument("--context", type=int, default=2880)
    a.add_argument("--horizon", type=int, default=32)
    a.add_argument("--threads", type=int, default=2)
    a.add_argument("--repeats", type=int, default=3)
    a.add_argument("--dtype", choices=["float32", "bfloat16"], default="bfloat16")
    args = a.parse_args()
    torch.set_num_threads(args.threads)
    dtype = getattr(torch, args.dtype)
    config, weights = load(args.model)
    model = TimerS1(config, weights).to(dtype).eval()
    contexts = random_walks(args.batch, args.context, 42)
    with torch.inference_mode():
        forecast(model, contexts, args.horizon, dtype)
        best = best_cpu = float("inf")
        for _ in range(args.repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            forecast(model, contexts, args.horizon, dtype)
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
    # best_cpu_s is the process's CPU time: with --threads 1 it stays meaningful on a loaded machine.
    print("torch=%s dtype=%s threads=%d batch=%d context=%d horizon=%d best_s=%.4f series_per_s=%.2f best_cpu_s=%.4f series_per_cpu_s=%.2f"
          % (torch.__version__, args.dtype, args.threads, args.batch, args.context, args.horizon, best, args.batch / best,
             best_cpu, args.batch / best_cpu))


if __name__ == "__main__":
    main()
