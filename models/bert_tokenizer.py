"""Hugging Face BertTokenizer (slow) semantics with character offsets, standard library only.

Reproduces BertTokenizer.tokenize(text) for do_lower_case False and True (BasicTokenizer with
tokenize_chinese_chars, never-split special tokens, then WordpieceTokenizer with
max_input_chars_per_word 100), and gives each token its [start, end) in the original text as
Python string indices, with the offset rule of ../shared/golden/README.md ("tokenizer/"):
a character produced by normalisation keeps the index of the character it came from, removed
characters own no position, an [UNK] for a whole word spans the whole word.

The training code uses it to align character-level labels to tokens, so the model is trained on
exactly the token sequence the engine will produce.
"""

import unicodedata

SPECIAL_TOKENS = ["[UNK]", "[SEP]", "[PAD]", "[CLS]", "[MASK]"]


def load_vocab(path):
    with open(path, encoding="utf-8") as f:
        return {line.rstrip("\n"): i for i, line in enumerate(f)}


def _is_whitespace(ch):
    if ch in (" ", "\t", "\n", "\r"):
        return True
    return unicodedata.category(ch) == "Zs"


def _is_control(ch):
    if ch in ("\t", "\n", "\r"):
        return False
    return unicodedata.category(ch).startswith("C")


def _is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_chinese_char(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or
            0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or
            0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


class BertTokenizer:
    def __init__(self, vocab, do_lower_case=False):
        self.vocab = vocab
        self.do_lower_case = do_lower_case
        self.unk = "[UNK]"

    # Each "word" below is a list of (char, original_index) so offsets survive normalisation.

    def _split_special(self, text):
        """PreTrainedTokenizer.tokenize: literal special tokens are cut out first (a trie match, longest
        first); the text around them is stripped of surrounding whitespace next to the token."""
        parts = []  # (kind, start, end): kind "text" or "special"
        i, start = 0, 0
        n = len(text)
        while i < n:
            hit = None
            if text[i] == "[":
                for tok in SPECIAL_TOKENS:
                    if text.startswith(tok, i):
                        hit = tok
                        break
            if hit:
                parts.append(("text", start, i))
                parts.append(("special", i, i + len(hit)))
                i += len(hit)
                start = i
            else:
                i += 1
        parts.append(("text", start, n))
        return parts

    def _basic(self, text, start, end):
        # clean_text: drop NUL, U+FFFD and controls; whitespace becomes a space.
        chars = []
        for k in range(start, end):
            ch = text[k]
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or _is_control(ch):
                continue
            if _is_whitespace(ch):
                chars.append((" ", k))
            elif _is_chinese_char(cp):
                chars.extend([(" ", k), (ch, k), (" ", k)])
            else:
                chars.append((ch, k))
        # whitespace_tokenize: str.split() semantics (also splits on U+2028 and friends).
        words, cur = [], []
        for ch, k in chars:
            if ch.isspace():
                if cur:
                    words.append(cur)
                    cur = []
            else:
                cur.append((ch, k))
        if cur:
            words.append(cur)
        out = []
        for w in words:
            if self.do_lower_case:
                low = []
                for ch, k in w:
                    for c2 in ch.lower():
                        low.append((c2, k))
                stripped = []
                for ch, k in low:
                    for c2 in unicodedata.normalize("NFD", ch):
                        if unicodedata.category(c2) != "Mn":
                            stripped.append((c2, k))
                w = stripped
            # split on punctuation
            piece = []
            for ch, k in w:
                if _is_punctuation(ch):
                    if piece:
                        out.append(piece)
                        piece = []
                    out.append([(ch, k)])
                else:
                    piece.append((ch, k))
            if piece:
                out.append(piece)
        return out

    def _wordpiece(self, word):
        chars = [c for c, _ in word]
        if len(chars) > 100:
            return [(self.unk, word[0][1], word[-1][1] + 1)]
        pieces = []
        start = 0
        while start < len(chars):
            end = len(chars)
            found = None
            while start < end:
                sub = "".join(chars[start:end])
                if start > 0:
                    sub = "##" + sub
                if sub in self.vocab:
                    found = sub
                    break
                end -= 1
            if found is None:
                return [(self.unk, word[0][1], word[-1][1] + 1)]
            pieces.append((found, word[start][1], word[end - 1][1] + 1))
            start = end
        return pieces

    def tokenize_with_offsets(self, text):
        """Returns [(token, start, end)] in the order BertTokenizer.tokenize produces the tokens."""
        result = []
        parts = self._split_special(text)
        for kind, s, e in parts:
            if kind == "special":
                result.append((text[s:e], s, e))
                continue
            for word in self._basic(text, s, e):
                result.extend(self._wordpiece(word))
        return result

    def tokenize(self, text):
        return [t for t, _, _ in self.tokenize_with_offsets(text)]

    def convert_tokens_to_ids(self, tokens):
        unk = self.vocab[self.unk]
        return [self.vocab.get(t, unk) for t in tokens]
