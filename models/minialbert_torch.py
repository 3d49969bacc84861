"""miniALBERT token and sequence classifiers in PyTorch, with the upstream module tree so that state_dict keys are the
upstream tensor names (../shared/golden/README.md, "Architecture"):

  embeddings (word + position + token type, LayerNorm) width E
  -> albert.projector Linear E->H (upstream has none when E == H)
  -> N recursions of ONE shared ALBERT layer; recursion i wraps the attention block and the FFN in
     att_adapters[i] / mlp_adapters[i] = LN(up(GELU_erf(down(h))) + h)
  -> classifier at every position (token classification) or on the first token (sequence
     classification).

train.py trains it, evaluate.py scores it and export_onnx.py traces it to ONNX.

The unused pooler and the position_ids buffer are kept because upstream checkpoints carry them.
"""

import math

import torch
from torch import nn


def gelu_erf(x):
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


ACT = {"gelu": gelu_erf, "gelu_new": gelu_new}


class Embeddings(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        E = cfg["embedding_size"]
        self.word_embeddings = nn.Embedding(cfg["vocab_size"], E)
        self.position_embeddings = nn.Embedding(cfg["max_position_embeddings"], E)
        self.token_type_embeddings = nn.Embedding(cfg["type_vocab_size"], E)
        self.LayerNorm = nn.LayerNorm(E, eps=cfg["layer_norm_eps"])
        self.register_buffer("position_ids", torch.arange(cfg["max_position_embeddings"]).unsqueeze(0))
        self.dropout = nn.Dropout(cfg["hidden_dropout_prob"])

    def forward(self, ids, token_type_ids):
        L = ids.shape[1]
        e = self.word_embeddings(ids) + self.token_type_embeddings(token_type_ids) + \
            self.position_embeddings(self.position_ids[:, :L])
        return self.dropout(self.LayerNorm(e))


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        H = cfg["hidden_size"]
        self.nh = cfg["num_attention_heads"]
        self.dh = H // self.nh
        self.query = nn.Linear(H, H)
        self.key = nn.Linear(H, H)
        self.value = nn.Linear(H, H)
        self.dense = nn.Linear(H, H)
        self.LayerNorm = nn.LayerNorm(H, eps=cfg["layer_norm_eps"])
        self.attention_dropout = nn.Dropout(cfg["attention_probs_dropout_prob"])
        self.output_dropout = nn.Dropout(cfg["hidden_dropout_prob"])

    def forward(self, x, mask):
        B, L, H = x.shape

        def heads(t):
            return t.view(B, L, self.nh, self.dh).permute(0, 2, 1, 3)

        q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.dh) + mask
        probs = torch.softmax(scores, dim=-1)
        ctx = torch.matmul(self.attention_dropout(probs), v).permute(0, 2, 1, 3).reshape(B, L, H)
        return self.LayerNorm(x + self.output_dropout(self.dense(ctx))), probs


class AlbertLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        H, F = cfg["hidden_size"], cfg["intermediate_size"]
        self.attention = Attention(cfg)
        self.ffn = nn.Linear(H, F)
        self.ffn_output = nn.Linear(F, H)
        self.full_layer_layer_norm = nn.LayerNorm(H, eps=cfg["layer_norm_eps"])
        self.act = ACT[cfg["hidden_act"]]
        self.dropout = nn.Dropout(cfg["hidden_dropout_prob"])


class LayerGroup(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.albert_layers = nn.ModuleList([AlbertLayer(cfg)])


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.albert_layer_groups = nn.ModuleList([LayerGroup(cfg)])


class Pooler(nn.Linear):
    """Upstream's unused ALBERT pooler (albert.albert.pooler.*), kept for checkpoint compatibility."""


class Albert(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embeddings = Embeddings(cfg)
        self.encoder = Encoder(cfg)
        self.pooler = Pooler(cfg["hidden_size"], cfg["hidden_size"])


class Adapter(nn.Module):
    def __init__(self, H, r):
        super().__init__()
        self.block = nn.Sequential(nn.Linear(H, H // r), nn.GELU(), nn.Linear(H // r, H))
        self.norm = nn.LayerNorm(H, eps=1e-12)   # upstream hard-codes 1e-12

    def forward(self, h):
        return self.norm(self.block(h) + h)


class MiniAlbert(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        H, N = cfg["hidden_size"], cfg["num_hidden_layers"]
        self.cfg = cfg
        self.albert = Albert(cfg)
        # Upstream builds the projector only when the widths differ.
        self.projector = nn.Linear(cfg["embedding_size"], H) if cfg["embedding_size"] != H else None
        self.use_adapter = cfg.get("use_adapter", False)
        if self.use_adapter:
            self.att_adapters = nn.ModuleList([Adapter(H, cfg["reduction_factor"]) for _ in range(N)])
            self.mlp_adapters = nn.ModuleList([Adapter(H, cfg["reduction_factor"]) for _ in range(N)])

    def forward(self, ids, attention_mask, token_type_ids=None):
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(ids)
        dtype = self.albert.embeddings.word_embeddings.weight.dtype
        mask = (1.0 - attention_mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min
        h = self.albert.embeddings(ids, token_type_ids)
        if self.projector is not None:
            h = self.projector(h)
        layer = self.albert.encoder.albert_layer_groups[0].albert_layers[0]
        for i in range(self.cfg["num_hidden_layers"]):
            x = self.att_adapters[i](h) if self.use_adapter else h
            a, _ = layer.attention(x, mask)
            y = self.mlp_adapters[i](a) if self.use_adapter else a
            f = layer.ffn_output(layer.act(layer.ffn(y)))
            h = layer.full_layer_layer_norm(y + layer.dropout(f))
        return h


class MiniAlbertForTokenClassification(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.albert = MiniAlbert(cfg)
        self.dropout = nn.Dropout(cfg["hidden_dropout_prob"])
        self.classifier = nn.Linear(cfg["hidden_size"], len(cfg["id2label"]))

    def forward(self, ids, attention_mask, token_type_ids=None):
        return self.classifier(self.dropout(self.albert(ids, attention_mask, token_type_ids)))


class MiniAlbertForSequenceClassification(MiniAlbertForTokenClassification):
    """Upstream's sequence head: the classifier on the first token's final hidden state (no pooler)."""

    def forward(self, ids, attention_mask, token_type_ids=None):
        return self.classifier(self.dropout(self.albert(ids, attention_mask, token_type_ids)[:, 0]))


# config.json "architectures" -> module.
ARCHITECTURES = {
    "MiniAlbertForTokenClassification": MiniAlbertForTokenClassification,
    "MiniAlbertForSequenceClassification": MiniAlbertForSequenceClassification,
}
