"""An independent float64 NumPy implementation of the miniALBERT forward pass.

Written from the architecture description in ../shared/golden/README.md, validated against the
upstream goldens in test_forward_variants.py, then used to check the C++ engine on model variants
the goldens do not cover (other sizes, head counts, activations, label counts, heads).
"""

import math

import numpy as np

MASK_MIN = np.float32(np.finfo(np.float32).min)


def _erf(x):
    return np.vectorize(math.erf)(x)


def gelu_erf(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def gelu_tanh(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


ACT = {"gelu": gelu_erf, "gelu_python": gelu_erf, "gelu_new": gelu_tanh, "gelu_pytorch_tanh": gelu_tanh, "gelu_fast": gelu_tanh,
       "relu": lambda x: np.maximum(x, 0.0)}


def layer_norm(x, w, b, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def linear(x, t, prefix):
    return x @ t[prefix + "weight"].astype(np.float64).T + t[prefix + "bias"]


def forward(config, tensors, input_ids, attention_mask=None, token_type_ids=None):
    """Returns (logits or None, last_hidden_state) for a [B][L] batch."""
    t = {k: v.astype(np.float64) for k, v in tensors.items() if v.dtype.kind == "f"}
    ids = np.asarray(input_ids)
    B, L = ids.shape
    mask = np.ones((B, L)) if attention_mask is None else np.asarray(attention_mask, dtype=np.float64)
    tt = np.zeros((B, L), dtype=np.int64) if token_type_ids is None else np.asarray(token_type_ids)
    eps = config.get("layer_norm_eps", 1e-12)
    act = ACT[config.get("hidden_act", "gelu")]  # upstream reads config.json as a BertConfig
    H, nh = config["hidden_size"], config["num_attention_heads"]
    dh = H // nh
    emb, layer = "albert.albert.embeddings.", "albert.albert.encoder.albert_layer_groups.0.albert_layers.0."

    e = t[emb + "word_embeddings.weight"][ids] + t[emb + "token_type_embeddings.weight"][tt] \
        + t[emb + "position_embeddings.weight"][np.arange(L)][None]
    e = layer_norm(e, t[emb + "LayerNorm.weight"], t[emb + "LayerNorm.bias"], eps)
    h = linear(e, t, "albert.projector.") if config["embedding_size"] != H else e   # upstream: no projector if E == H
    # Upstream adds (1 - mask) * finfo(float32).min in float32: a fully masked row becomes uniform.
    add = (1.0 - mask)[:, None, None, :] * float(MASK_MIN)

    def adapter(x, prefix):
        y = linear(gelu_erf(linear(x, t, prefix + "block.0.")), t, prefix + "block.2.")
        return layer_norm(y + x, t[prefix + "norm.weight"], t[prefix + "norm.bias"], 1e-12)

    for i in range(config["num_hidden_layers"]):
        x = adapter(h, f"albert.att_adapters.{i}.") if config.get("use_adapter") else h
        heads = lambda y: y.reshape(B, L, nh, dh).transpose(0, 2, 1, 3)
        q, k, v = (heads(linear(x, t, layer + f"attention.{n}.")) for n in ("query", "key", "value"))
        s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(dh)
        s = (s.astype(np.float32) + add.astype(np.float32)).astype(np.float64)
        s = np.exp(s - s.max(-1, keepdims=True))
        p = s / s.sum(-1, keepdims=True)
        ctx = (p @ v).transpose(0, 2, 1, 3).reshape(B, L, H)
        a = layer_norm(x + linear(ctx, t, layer + "attention.dense."),
                       t[layer + "attention.LayerNorm.weight"], t[layer + "attention.LayerNorm.bias"], eps)
        y = adapter(a, f"albert.mlp_adapters.{i}.") if config.get("use_adapter") else a
        f = linear(act(linear(y, t, layer + "ffn.")), t, layer + "ffn_output.")
        h = layer_norm(y + f, t[layer + "full_layer_layer_norm.weight"],
                       t[layer + "full_layer_layer_norm.bias"], eps)

    if "classifier.weight" not in t:
        return None, h
    seq = any("SequenceClassification" in a for a in config.get("architectures", []))
    return linear(h[:, 0] if seq else h, t, "classifier."), h
