"""Writes the two TorchScript cast modules the engine's bf16 path loads (DJL 0.36 aborts the JVM on
NDArray.toType(BFLOAT16); a scripted cast works and keeps autograd). Regenerate with
/usr/bin/python3 bench/make_casts.py; the files are committed under engine/src/main/resources.
"""
import os
import torch


class ToBf16(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.bfloat16)


class ToFp32(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.float32)


out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "engine", "src", "main", "resources",
                   "dev", "segfold", "engine", "network")
os.makedirs(out, exist_ok=True)
torch.jit.save(torch.jit.script(ToBf16()), os.path.join(out, "to_bf16.pt"))
torch.jit.save(torch.jit.script(ToFp32()), os.path.join(out, "to_fp32.pt"))
