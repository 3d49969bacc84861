"""Tests for models/convert.py and models/safetensors_io.py.

Run from the repository root:  /usr/bin/python3 -m unittest -v tests/models/test_convert.py
The golden checkpoints are read in place from ../shared/golden (override: MAB_GOLDEN_DIR).
torch is used only here, when importable, to write extra checkpoints; the converter never needs it.
"""

import argparse
import contextlib
import io
import json
import os
import pickle
import pickletools
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import zipfile

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN = os.environ.get("MAB_GOLDEN_DIR", os.path.join(REPO, "..", "shared", "golden"))
# The native CLI, when built: EngineAgreementTest checks that the engine loads what we write.
CLI = os.environ.get("MINIALBERT_CLI", os.path.join(REPO, "build", "minialbert"))
TINY_MODELS = ("tiny", "tiny-gelu-new", "tiny-seqcls")
sys.path.insert(0, os.path.join(REPO, "models"))

import convert  # noqa: E402
from convert import ConvertError  # noqa: E402
from safetensors_io import (SafetensorsError, read_safetensors,  # noqa: E402
                            read_safetensors_metadata, write_safetensors)

try:
    import torch
except ImportError:
    torch = None

DROPPED = ("albert.albert.embeddings.position_ids", "albert.albert.pooler.weight",
           "albert.albert.pooler.bias")
LAYER = "albert.albert.encoder.albert_layer_groups.0.albert_layers.0."
INT8_LINEARS = ("albert.projector.weight", LAYER + "attention.query.weight",
                LAYER + "attention.key.weight", LAYER + "attention.value.weight",
                LAYER + "attention.dense.weight", LAYER + "ffn.weight", LAYER + "ffn_output.weight",
                "classifier.weight")


def golden(*parts):
    return os.path.join(GOLDEN, *parts)


def bit_equal(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


# --- hand-written torch pickles -------------------------------------------------------------

def _unicode(s):
    b = s.encode("utf-8")
    return b"X" + struct.pack("<I", len(b)) + b


def _int(v):
    return b"J" + struct.pack("<i", v)


def _ints_tuple(values):
    return b"(" + b"".join(_int(v) for v in values) + b"t"


def state_dict_pickle(specs):
    """torch.save-style pickle of a plain dict; spec = (name, storage, key, numel, offset, size,
    stride). Written opcode by opcode so each test controls every field."""
    out = b"\x80\x02}("
    for name, storage, key, numel, offset, size, stride in specs:
        out += _unicode(name) + b"ctorch._utils\n_rebuild_tensor_v2\n("
        out += b"(" + _unicode("storage") + f"ctorch\n{storage}\n".encode() + _unicode(key)
        out += _unicode("cpu") + _int(numel) + b"tQ"
        out += _int(offset) + _ints_tuple(size) + _ints_tuple(stride)
        out += b"\x89ccollections\nOrderedDict\n)RtR"
    return out + b"u."


def checkpoint_pickle(entries):
    """torch.save-style pickle of a training checkpoint dict; entries = (key, value) with value a
    list of state_dict_pickle specs (a state_dict), an int, a float, or bytes: a pickle fragment
    written as it is."""
    out = b"\x80\x02}("
    for key, value in entries:
        out += _unicode(key)
        if isinstance(value, list):
            out += state_dict_pickle(value)[2:-1]  # without PROTO and STOP
        elif isinstance(value, bytes):
            out += value
        elif isinstance(value, float):
            out += b"G" + struct.pack(">d", value)
        else:
            out += _int(value)
    return out + b"u."


# Objects a training checkpoint holds beside its state_dict. Module-level, so that pickle saves
# them by reference (tests.models.test_convert.<name>), as it saves a user's or a library's class.

class HyperParameters(dict):
    """A dict subclass with attributes, standing in for Lightning's AttributeDict (its
    checkpoint['hyper_parameters'])."""


class Thing:
    def __init__(self):
        self.size = 3


class KeywordNew:
    """Pickled with NEWOBJ_EX at protocol 4 and above: __getnewargs_ex__ has keyword arguments."""

    def __new__(cls, *, width):
        self = super().__new__(cls)
        self.width = width
        return self

    def __getnewargs_ex__(self):
        return (), {"width": self.width}


def class_name(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def write_torch_zip(path, pickle_bytes, storages, folder="archive"):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr(f"{folder}/data.pkl", pickle_bytes)
        for key, data in storages.items():
            z.writestr(f"{folder}/data/{key}", data)
        z.writestr(f"{folder}/version", "3\n")


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def bin_from_pickle(self, pickle_bytes, storages=None, name="x.bin"):
        path = self.path(name)
        write_torch_zip(path, pickle_bytes, storages or {})
        return path

    def assertConvertError(self, fn, *fragments):
        with self.assertRaises(ConvertError) as ctx:
            fn()
        for fragment in fragments:
            self.assertIn(fragment, str(ctx.exception))
        return str(ctx.exception)


# --- safetensors_io ---------------------------------------------------------------------------

class SafetensorsIOTest(TempDirTest):
    def test_rewrite_of_golden_files_is_byte_identical(self):
        for model in TINY_MODELS + ("full",):
            src = golden(model, "model.safetensors")
            write_safetensors(self.path("out.safetensors"), read_safetensors(src))
            with open(src, "rb") as a, open(self.path("out.safetensors"), "rb") as b:
                self.assertEqual(a.read(), b.read(), model)

    def test_round_trip_every_dtype(self):
        rng = np.random.default_rng(7)
        tensors = {
            "f64": rng.standard_normal((3, 5)),
            "f32": rng.standard_normal((4,)).astype(np.float32),
            "f16": rng.standard_normal((2, 3, 1)).astype(np.float16),
            "i64": np.arange(7, dtype=np.int64) - 3,
            "i32": np.array([[-(2 ** 31), 2 ** 31 - 1]], dtype=np.int32),
            "i16": np.array([-5, 5], dtype=np.int16),
            "i8": np.array([-127, 0, 127], dtype=np.int8),
            "u8": np.array([0, 255], dtype=np.uint8),
            "bool": np.array([True, False, True]),
            "empty": np.zeros((0, 3), dtype=np.float32),
            "scalar": np.array(2.5, dtype=np.float32),
            "big_endian": np.array([1.5, -2.0], dtype=">f4"),
        }
        write_safetensors(self.path("a.safetensors"), tensors, {"k": "v"})
        back = read_safetensors(self.path("a.safetensors"))
        self.assertEqual(set(back), set(tensors))
        for name, array in tensors.items():
            self.assertEqual(back[name].dtype, array.dtype.newbyteorder("="), name)
            np.testing.assert_array_equal(back[name], array, name)
        self.assertEqual(read_safetensors_metadata(self.path("a.safetensors")), {"k": "v"})

    def test_layout(self):
        tensors = {"b": np.ones(3, np.int8), "a": np.ones(3, np.float32), "c": np.ones(1, np.int64),
                   "d": np.ones(5, np.float16)}
        write_safetensors(self.path("a.safetensors"), tensors)
        header, data_len, header_len = read_raw_header(self.path("a.safetensors"))
        check_layout(self, header, data_len, header_len)
        self.assertEqual(list(header)[0], "__metadata__")
        self.assertEqual(header["__metadata__"], {"format": "pt"})

    def test_bf16_is_widened_to_f32(self):
        values = np.array([1.0, -2.5, 3.140625, 0.0], dtype=np.float32)
        bf16 = (values.view(np.uint32) >> 16).astype("<u2")
        write_raw_safetensors(self.path("bf.safetensors"),
                              {"t": {"dtype": "BF16", "shape": [2, 2], "data_offsets": [0, 8]}},
                              bf16.tobytes())
        t = read_safetensors(self.path("bf.safetensors"))["t"]
        self.assertEqual(t.dtype, np.float32)
        np.testing.assert_array_equal(t.ravel(), values)

    def test_writer_refuses_bad_input(self):
        with self.assertRaises(SafetensorsError):
            write_safetensors(self.path("a"), {"t": np.zeros(2, np.complex64)})
        with self.assertRaises(SafetensorsError):
            write_safetensors(self.path("a"), {"t": np.zeros(2)}, {"n": 1})
        with self.assertRaises(SafetensorsError):
            write_safetensors(self.path("a"), {"__metadata__": np.zeros(2)})
        self.assertFalse(os.path.exists(self.path("a")))

    def test_reader_refuses_corrupt_files(self):
        entry = {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}
        cases = {
            "overlap": ({"a": entry, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}},
                        bytes(12), "overlaps"),
            "gap": ({"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, bytes(8),
                    "gap"),
            "out_of_range": ({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}},
                             bytes(8), "outside"),
            "wrong_nbytes": ({"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}},
                             bytes(8), "needs 12"),
            "unknown_dtype": ({"a": {"dtype": "Q4", "shape": [2], "data_offsets": [0, 8]}},
                              bytes(8), "unsupported dtype"),
            "negative_dim": ({"a": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}},
                             bytes(8), "invalid shape"),
            "trailing_bytes": ({"a": entry}, bytes(12), "cover 8 bytes"),
            "extra_key": ({"a": dict(entry, extra=1)}, bytes(8), "exactly"),
        }
        for case, (header, data, fragment) in cases.items():
            path = self.path(case)
            write_raw_safetensors(path, header, data)
            with self.assertRaises(SafetensorsError, msg=case) as ctx:
                read_safetensors(path)
            self.assertIn(fragment, str(ctx.exception), case)
            self.assertIn(path, str(ctx.exception), case)

        with open(self.path("bad_json"), "wb") as f:
            f.write(struct.pack("<Q", 8) + b"{nope   ")
        with open(self.path("huge_header"), "wb") as f:
            f.write(struct.pack("<Q", 1 << 40) + b"{}      ")
        with open(self.path("short"), "wb") as f:
            f.write(b"\x01\x00")
        deep = b"[" * 100000 + b"]" * 100000
        with open(self.path("deep_json"), "wb") as f:
            f.write(struct.pack("<Q", len(deep)) + deep)
        for case, fragment in (("bad_json", "JSON"), ("huge_header", "header length"),
                               ("deep_json", "JSON"),
                               ("short", "too short")):
            with self.assertRaises(SafetensorsError, msg=case) as ctx:
                read_safetensors(self.path(case))
            self.assertIn(fragment, str(ctx.exception), case)

        # Every truncation of a real file is refused.
        with open(golden("tiny", "model.safetensors"), "rb") as f:
            data = f.read()
        for cut in (0, 7, 8, 100, 7015, 7016, len(data) // 2, len(data) - 1):
            with open(self.path("cut"), "wb") as f:
                f.write(data[:cut])
            with self.assertRaises(SafetensorsError, msg=f"cut at {cut}"):
                read_safetensors(self.path("cut"))


def write_raw_safetensors(path, header, data):
    body = json.dumps(header).encode()
    body += b" " * (-len(body) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(body)) + body + data)


def read_raw_header(path):
    """Return (header dict in file order, data section length, header length)."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack_from("<Q", data, 0)
    return json.loads(data[8:8 + n].decode("utf-8")), len(data) - 8 - n, n


def check_layout(test, header, data_len, header_len):
    """The written layout: padded header, metadata first, keys sorted, data ordered by
    (element size descending, name), each tensor aligned to its element size, no gaps."""
    test.assertEqual(header_len % 8, 0)
    names = [n for n in header if n != "__metadata__"]
    test.assertEqual(list(header)[0], "__metadata__")
    test.assertEqual(names, sorted(names))
    size = {"F64": 8, "I64": 8, "F32": 4, "I32": 4, "F16": 2, "BF16": 2, "I16": 2, "I8": 1,
            "U8": 1, "BOOL": 1}
    order = sorted(names, key=lambda n: (-size[header[n]["dtype"]], n))
    position = 0
    for name in order:
        begin, end = header[name]["data_offsets"]
        test.assertEqual(begin, position, name)
        test.assertEqual(begin % size[header[name]["dtype"]], 0, name)
        position = end
    test.assertEqual(position, data_len)


# --- the restricted torch reader ----------------------------------------------------------------

class PytorchBinTest(TempDirTest):
    def test_golden_bins_match_golden_safetensors_bit_for_bit(self):
        for model in TINY_MODELS:
            from_bin, key, left_out = convert.load_pytorch_bin(golden(model, "pytorch_model.bin"))
            self.assertEqual((key, left_out), (None, []), model)
            reference = read_safetensors(golden(model, "model.safetensors"))
            self.assertEqual(sorted(from_bin), sorted(reference), model)
            for name in reference:
                self.assertTrue(bit_equal(from_bin[name], reference[name]), f"{model}: {name}")

    def test_folder_name_is_not_hard_coded(self):
        with zipfile.ZipFile(golden("tiny", "pytorch_model.bin")) as src, \
                zipfile.ZipFile(self.path("renamed.bin"), "w") as dst:
            for info in src.infolist():
                renamed = "something_else/" + info.filename.split("/", 1)[1]
                dst.writestr(renamed, src.read(info.filename), zipfile.ZIP_DEFLATED)
        tensors, _, _ = convert.load_pytorch_bin(self.path("renamed.bin"))
        reference = read_safetensors(golden("tiny", "model.safetensors"))
        self.assertTrue(all(bit_equal(tensors[n], reference[n]) for n in reference))

    def test_offset_stride_and_shared_storage(self):
        storage = np.arange(12, dtype="<f4")
        specs = [("rows", "FloatStorage", "0", 12, 2, (2, 3), (3, 1)),
                 ("whole", "FloatStorage", "0", 12, 0, (3, 4), (4, 1)),
                 # A size-1 dimension may carry any stride; it is still contiguous.
                 ("column", "FloatStorage", "0", 12, 5, (3, 1), (1, 7)),
                 ("scalar", "FloatStorage", "0", 12, 11, (), ()),
                 ("empty", "FloatStorage", "0", 12, 0, (0, 4), (4, 1))]
        path = self.bin_from_pickle(state_dict_pickle(specs), {"0": storage.tobytes()})
        t, _, _ = convert.load_pytorch_bin(path)
        np.testing.assert_array_equal(t["rows"], storage[2:8].reshape(2, 3))
        np.testing.assert_array_equal(t["whole"], storage.reshape(3, 4))
        np.testing.assert_array_equal(t["column"], storage[5:8].reshape(3, 1))
        self.assertEqual(t["scalar"].shape, ())
        self.assertEqual(float(t["scalar"]), 11.0)
        self.assertEqual(t["empty"].shape, (0, 4))

    def test_storage_dtypes(self):
        values = np.array([1.0, -2.5, 3.140625, 0.0], dtype=np.float32)
        bf16 = (values.view(np.uint32) >> 16).astype("<u2")
        storages = {"f64": values.astype("<f8"), "f16": values.astype("<f2"), "bf16": bf16,
                    "i64": np.array([-1, 2, 3, 4], "<i8"), "i32": np.array([-1, 2, 3, 4], "<i4"),
                    "i8": np.array([-1, 2, 3, 4], "i1"), "u8": np.array([1, 2, 3, 255], "u1"),
                    "b": np.array([True, False, True, True])}
        kinds = {"f64": "DoubleStorage", "f16": "HalfStorage", "bf16": "BFloat16Storage",
                 "i64": "LongStorage", "i32": "IntStorage", "i8": "CharStorage",
                 "u8": "ByteStorage", "b": "BoolStorage"}
        specs = [(k, kinds[k], k, 4, 0, (4,), (1,)) for k in kinds]
        path = self.bin_from_pickle(state_dict_pickle(specs),
                                    {k: v.tobytes() for k, v in storages.items()})
        t, _, _ = convert.load_pytorch_bin(path)
        self.assertEqual(t["bf16"].dtype, np.float32)
        np.testing.assert_array_equal(t["bf16"], values)
        for k in ("f64", "f16", "i64", "i32", "i8", "u8", "b"):
            np.testing.assert_array_equal(t[k], storages[k], k)
            self.assertEqual(t[k].dtype, storages[k].dtype.newbyteorder("="), k)

    def test_big_endian_archive(self):
        storage = np.array([1.5, -2.0, 4.0], dtype=">f4")
        path = self.path("be.bin")
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("be/data.pkl",
                       state_dict_pickle([("t", "FloatStorage", "0", 3, 0, (3,), (1,))]))
            z.writestr("be/data/0", storage.tobytes())
            z.writestr("be/byteorder", "big")
        np.testing.assert_array_equal(convert.load_pytorch_bin(path)[0]["t"], [1.5, -2.0, 4.0])

    # Malicious or broken inputs: each is refused with a ConvertError that says why.

    def test_os_system_alone_is_no_state_dict(self):
        marker = self.path("pwned")
        evil = b"\x80\x02cos\nsystem\n" + _unicode(f"touch {marker}") + b"\x85R."
        self.assertConvertError(lambda: convert.load_pytorch_bin(self.bin_from_pickle(evil)),
                                "the pickle holds an os.system object, not a state_dict")
        self.assertFalse(os.path.exists(marker))

    def test_python_pickles_with_reduce_payloads_are_inert(self):
        marker = self.path("pwned")

        class Payload:
            def __reduce__(self):
                return (os.system, (f"touch {marker}",))

        for protocol in (2, 4, 5):
            data = pickle.dumps({"w": Payload()}, protocol=protocol)
            self.assertConvertError(
                lambda: convert.load_pytorch_bin(self.bin_from_pickle(data)),
                f"entry 'w' is not a tensor (it is a {os.system.__module__}.system object")
            self.assertFalse(os.path.exists(marker))

    def test_reduce_of_unknown_callable_is_refused(self):
        on_storage_type = b"\x80\x02ctorch\nFloatStorage\n)R."
        on_string = b"\x80\x02" + _unicode("eval") + b")R."
        on_dict = b"\x80\x02})R."
        # An object built from an unknown global is no callable either (nothing is ever called).
        on_object = b"\x80\x02cfunctools\npartial\n)R)R."
        new_on_string = b"\x80\x02" + _unicode("eval") + b")\x81."
        for data, fragment in ((on_storage_type, "REDUCE at offset 23 calls torch.FloatStorage"),
                               (on_string, "REDUCE at offset 12 calls a str"),
                               (on_dict, "REDUCE at offset 4 calls a dict"),
                               (on_object, "REDUCE at offset 24 calls a functools.partial object"),
                               (new_on_string, "NEWOBJ at offset 12 calls a str"),
                               # torch.save calls collections.OrderedDict through REDUCE only.
                               (b"\x80\x02ccollections\nOrderedDict\n)\x81.",
                                "NEWOBJ at offset 28 calls collections.OrderedDict")):
            self.assertConvertError(lambda: convert.parse_state_dict_pickle(data), fragment,
                                    "not an allowed callable")

    def test_other_globals_are_inert_placeholders(self):
        # `this` prints the Zen of Python when imported: a stand-in for a module with side effects.
        self.assertNotIn("this", sys.modules)
        for module, name in (("builtins", "eval"), ("torch", "load"), ("numpy", "frombuffer"),
                             ("torch._utils", "_rebuild_qtensor"), ("collections", "deque"),
                             ("this", "s"), ("no_such_module.sub", "Thing")):
            data = b"\x80\x02" + f"c{module}\n{name}\n.".encode()
            stack_global = b"\x80\x04" + bytes([0x8c, len(module)]) + module.encode() \
                + bytes([0x8c, len(name)]) + name.encode() + b"\x93."
            for pickled in (data, stack_global):
                value = convert.parse_state_dict_pickle(pickled)
                self.assertIsInstance(value, convert._Global)
                self.assertEqual(value.describe(), f"{module}.{name}")
                self.assertConvertError(
                    lambda: convert.load_pytorch_bin(self.bin_from_pickle(pickled)),
                    f"the pickle holds {module}.{name} (a class or function), not a state_dict")
        self.assertNotIn("this", sys.modules)
        self.assertNotIn("no_such_module", sys.modules)

    def test_unknown_and_disallowed_opcodes_are_refused(self):
        cases = {
            b"\x80\x02\xff.": "unknown pickle opcode 0xff at offset 2",
            b"\x80\x02(ccollections\nOrderedDict\no.": "OBJ",
            b"\x80\x02(cbuiltins\nobject\no.": "OBJ",
            b"\x80\x02(ibuiltins\nobject\n.": "INST",
            b"\x80\x02\x82\x01.": "EXT1",
            b"\x80\x02P1\n.": "PERSID",
            b"\x80\x02U\x01x.": "SHORT_BINSTRING",
            b"\x80\x02F0.5\n.": "FLOAT",
            b"\x80\x05\x97.": "NEXT_BUFFER",
            b"\x80\x02I1\n.": "INT",
        }
        for data, fragment in cases.items():
            self.assertConvertError(lambda: convert.parse_state_dict_pickle(data), fragment)

    def test_truncated_pickles_are_refused(self):
        with zipfile.ZipFile(golden("tiny", "pytorch_model.bin")) as z:
            data = z.read("pytorch_model/data.pkl")
        cuts = list(range(0, 300)) + list(range(300, len(data), 97)) + [len(data) - 1]
        for cut in cuts:
            with self.assertRaises(ConvertError, msg=f"cut at {cut}"):
                convert.parse_state_dict_pickle(data[:cut])
        self.assertConvertError(lambda: convert.parse_state_dict_pickle(data + b"."), "after STOP")

    def test_malformed_structure_is_refused(self):
        cases = {
            b"\x80\x02t.": "without MARK",
            b"\x80\x02h\x05.": "never stored",
            b"\x80\x02R.": "empty stack",
            b"\x80\x02]K\x01K\x02s.": "SETITEM",
            b"\x80\x02}(K\x01u.": "SETITEMS",
            b"\x80\x02}]K\x01s.": "a list cannot be a dict key",
            b"\x80\x02}K\x01b.": "BUILD",
            b"\x80\x02K\x01K\x02.": "left on the stack",
            b"\x80\x02(K\x01.": "left on the stack",
            b"\x80\x02(X\x02\x00\x00\x00\xff\xfe.": "not UTF-8",
            b"\x80\x02\x85.": "TUPLE1",
            b"\x80\x02(K\x01tQ.": "persistent id",
            b"\x80\x02ctorch._utils\n_rebuild_tensor_v2\n)R.": "6 or 7 arguments",
            b"\x80\x02ccollections\nOrderedDict\nK\x01\x85R.": "OrderedDict called",
            b"\x80\x02cm\nD\n)\x81(K\x01u.": "SETITEMS at offset 12 on a m.D object with 1 items",
            b"\x80\x02cm\nD\n)\x81]K\x01s.": "a list cannot be a dict key",
            b"\x80\x02cm\nL\nK\x01a.": "APPEND at offset 9 on m.L (a class or function), not a list",
            b"\x80\x02cm\nL\n}b.": "BUILD at offset 8 on something other than an OrderedDict",
            b"\x80\x04\x8f(]\x90.": "a list cannot be a dict key or a set item",
            b"\x80\x04(}\x91.": "a dict cannot be a dict key or a set item",
            b"\x80\x04(K\x01\x91(K\x02\x90.": "ADDITEMS at offset 9 on a frozenset, not a set",
            b"\x80\x02](K\x01\x90.": "ADDITEMS at offset 6 on a list, not a set",
            b"\x80\x02(K\x01d.": "DICT at offset 5 on a dict with 1 items",
            b"\x80\x020.": "POP at offset 2 on an empty stack",
            b"\x80\x022.": "DUP at offset 2 on empty stack",
            b"\x80\x021.": "POP_MARK at offset 2 without MARK",
            b"\x80\x02)\x81.": "NEWOBJ at offset 3 on an empty stack",
            b"\x80\x02cm\nC\nK\x01\x81.": "NEWOBJ at offset 9 with non-tuple arguments",
            b"\x80\x04cm\nC\n))\x92.": "NEWOBJ_EX at offset 9 with non-dict keyword arguments",
            b"\x80\x04B\x05\x00\x00\x00ab.": "BINBYTES at offset 2 needs 5 bytes, 3 left",
            # A length far beyond the file is refused before anything is allocated.
            b"\x80\x05\x96" + b"\xff" * 8 + b".": "BYTEARRAY8 at offset 2 needs 18446744073709551615",
        }
        for data, fragment in cases.items():
            self.assertConvertError(lambda: convert.parse_state_dict_pickle(data), fragment)

    def test_deeply_nested_values_are_refused_with_a_short_message(self):
        deep = b"\x80\x02N" + b"\x85" * 20000
        storage = b"(" + _unicode("storage") + b"ctorch\nFloatStorage\n" + _unicode("0") \
            + _unicode("cpu") + _int(4) + b"tQ"
        rebuild = b"ctorch._utils\n_rebuild_tensor_v2\n(" + storage
        cases = {deep + b"Q.": "persistent id", deep + b")R.": "calls a tuple",
                 rebuild + b"N" + b"\x85" * 20000 + b"))\x89}tR.": "invalid storage offset"}
        for data, fragment in cases.items():
            message = self.assertConvertError(lambda: convert.parse_state_dict_pickle(data),
                                              fragment)
            self.assertLess(len(message), 400)

    def test_missing_storage_is_refused(self):
        specs = [("a", "FloatStorage", "0", 2, 0, (2,), (1,)),
                 ("b", "FloatStorage", "7", 2, 0, (2,), (1,))]
        path = self.bin_from_pickle(state_dict_pickle(specs), {"0": bytes(8)})
        self.assertConvertError(lambda: convert.load_pytorch_bin(path), "'b'", "storage '7'",
                                "missing", "archive/data/7")

    def test_storage_too_small_is_refused(self):
        # The tensor reaches past the storage's declared element count.
        for offset, size, stride in ((0, (5,), (1,)), (3, (2,), (1,)), (0, (2, 2), (3, 1))):
            specs = [("w", "FloatStorage", "0", 4, offset, size, stride)]
            path = self.bin_from_pickle(state_dict_pickle(specs), {"0": bytes(16)})
            self.assertConvertError(lambda: convert.load_pytorch_bin(path), "'w'",
                                    "storage '0' has 4")
        # The zip entry holds fewer bytes than the storage declares.
        specs = [("w", "FloatStorage", "0", 4, 0, (4,), (1,))]
        path = self.bin_from_pickle(state_dict_pickle(specs), {"0": bytes(12)})
        self.assertConvertError(lambda: convert.load_pytorch_bin(path), "has 12 bytes",
                                "need 16")
        # One storage key declared with two different sizes.
        specs = [("a", "FloatStorage", "0", 4, 0, (4,), (1,)),
                 ("b", "FloatStorage", "0", 8, 0, (8,), (1,))]
        path = self.bin_from_pickle(state_dict_pickle(specs), {"0": bytes(16)})
        self.assertConvertError(lambda: convert.load_pytorch_bin(path), "declared both")

    def test_non_contiguous_tensor_is_refused(self):
        specs = [("t", "FloatStorage", "0", 6, 0, (2, 3), (1, 2))]
        path = self.bin_from_pickle(state_dict_pickle(specs), {"0": bytes(24)})
        self.assertConvertError(lambda: convert.load_pytorch_bin(path), "'t'", "not contiguous")

    def test_not_a_state_dict_is_refused(self):
        path = self.bin_from_pickle(b"\x80\x02]K\x01a.")
        self.assertConvertError(lambda: convert.load_pytorch_bin(path), "list", "not a state_dict")
        path = self.bin_from_pickle(b"\x80\x02}" + _unicode("step") + b"K\x05s.")
        self.assertConvertError(lambda: convert.load_pytorch_bin(path), "'step'", "not a tensor",
                                "none of 'state_dict', 'model_state_dict' or 'model'",
                                "save model.state_dict() alone")
        storage = b"(" + _unicode("storage") + b"ctorch\nFloatStorage\n" + _unicode("0") \
            + _unicode("cpu") + _int(1) + b"tQ"
        path = self.bin_from_pickle(b"\x80\x02}" + _unicode("w") + storage + b"s.")
        self.assertConvertError(lambda: convert.load_pytorch_bin(path),
                                "entry 'w' is not a tensor (it is a storage;")

    def test_floats_are_data(self):
        half = b"\x80\x02G" + struct.pack(">d", 0.5) + b"."
        self.assertEqual(convert.parse_state_dict_pickle(half), 0.5)
        self.assertConvertError(lambda: convert.parse_state_dict_pickle(b"\x80\x02G?\xe0."),
                                "BINFLOAT", "truncated")

    def test_plain_data_opcodes(self):
        # Bytes, a bytearray, a set and a frozenset as protocols 4 and 5 write them; DICT and LIST,
        # their older siblings; DUP, POP and POP_MARK. pickle.loads of it (no globals) agrees.
        data = (b"\x80\x05(" + b"C\x02ab" + b"B\x01\x00\x00\x00c" + b"\x8e" + struct.pack("<Q", 1)
                + b"d" + b"\x96" + struct.pack("<Q", 1) + b"e" + b"\x8f(K\x01K\x02\x90"
                + b"(K\x03\x91" + b"(" + _unicode("k") + b"K\x04d" + b"(K\x05l" + b"K\x062\x86"
                + b"K\x070" + b"(K\x08K\x091" + b"l.")
        value = convert.parse_state_dict_pickle(data)
        expected = pickle.loads(data)
        self.assertEqual(expected, [b"ab", b"c", b"d", bytearray(b"e"), {1, 2}, frozenset({3}),
                                    {"k": 4}, [5], (6, 6)])
        self.assertEqual(value[:4], expected[:4])
        self.assertEqual(type(value[3]), bytearray)
        self.assertEqual((value[4].items, value[4].frozen), ([1, 2], False))
        self.assertEqual((value[5].items, value[5].frozen), ([3], True))
        self.assertEqual(value[6:], expected[6:])

    def test_objects_are_opaque_and_their_contents_dropped(self):
        # What pickle writes for objects, read without importing their classes: each is an opaque
        # object that records its class; its state and items are checked and dropped.
        objects = {"hp": HyperParameters(lr=0.1), "args": argparse.Namespace(lr=0.1),
                   "kw": KeywordNew(width=3), "thing": Thing()}
        objects["hp"].name = "tiny"
        names = {"hp": class_name(HyperParameters), "args": "argparse.Namespace",
                 "kw": class_name(KeywordNew), "thing": class_name(Thing)}
        for protocol in (4, 5):
            value = convert.parse_state_dict_pickle(pickle.dumps(objects, protocol=protocol))
            self.assertEqual(list(value), list(objects))
            for key, name in names.items():
                self.assertIsInstance(value[key], convert._Object, (protocol, key))
                self.assertEqual(value[key].describe(), name, (protocol, key))
        # Hand-written: APPEND(S), SETITEM and ADDITEMS on objects, BUILD with any state.
        for data in (b"\x80\x02cm\nL\n)\x81(K\x01K\x02e.", b"\x80\x02cm\nL\n)\x81K\x01a.",
                     b"\x80\x04cm\nS\n)\x81(K\x01\x90.", b"\x80\x02cm\nD\n)\x81K\x01K\x02s.",
                     b"\x80\x02cm\nD\n)\x81K\x01b.", b"\x80\x02cm\nD\nK\x01\x85R}b."):
            value = convert.parse_state_dict_pickle(data)
            self.assertIsInstance(value, convert._Object, data)
            self.assertEqual(value.describe(), "m." + chr(data[5]), data)
        # Below protocol 4, pickle builds KeywordNew by calling a functools.partial object: an
        # object called as a function, which the reader does not stand in for.
        self.assertConvertError(
            lambda: convert.parse_state_dict_pickle(pickle.dumps(KeywordNew(width=3), protocol=2)),
            "calls a functools.partial object, which is not an allowed callable")

    def test_dict_keys_other_than_strings_are_kept_unhashed(self):
        # Old Lightning keyed 'callbacks' by class; tuples, floats and objects are keys too.
        data = pickle.dumps({Thing: 1, ("a", 1): 2, 0.5: 3, 7: 4, "s": 5}, protocol=4)
        value = convert.parse_state_dict_pickle(data)
        self.assertEqual(list(value.values()), [1, 2, 3, 4, 5])
        keys = list(value)
        self.assertIsInstance(keys[0].value, convert._Global)
        self.assertEqual(keys[0].value.describe(), class_name(Thing))
        self.assertEqual([k.value for k in keys[1:3]], [("a", 1), 0.5])
        self.assertEqual(keys[3:], [7, "s"])

    def test_memo_references_cost_no_more_than_the_file(self):
        # A tuple doubled 100 times through the memo (2**100 leaves) as a set item and a dict key:
        # hashing it by value, as pickle.loads would, never ends. Then a 1 MB module name
        # referenced 10000 times by STACK_GLOBAL: no copy of it is made, and messages clip it.
        tree = b"K\x01K\x01\x86q\x00" + b"".join(bytes([0x30, 0x68, i, 0x32, 0x86, 0x71, i + 1])
                                                  for i in range(100))
        name = b"X" + struct.pack("<I", 1 << 20) + b"m" * (1 << 20) + b"q\x65"
        data = (b"\x80\x04(" + tree + b"0" + b"\x8f(h\x64\x90" + b"}h\x64K\x01s" + name + b"0"
                + b"h\x65h\x65\x930" * 9999 + b"h\x65h\x65\x93)Rl.")
        started = time.monotonic()
        kinds, table, thing = convert.parse_state_dict_pickle(data)
        self.assertLess(time.monotonic() - started, 30)
        self.assertEqual(len(kinds.items), 1)
        self.assertEqual(list(table.values()), [1])
        self.assertIsInstance(thing, convert._Object)
        self.assertEqual(len(thing.describe()), 2 * 123 + 1)  # each half clipped to 120 + "..."
        archive = self.bin_from_pickle(checkpoint_pickle([("model", name + b"2\x93)R")]))
        message = self.assertConvertError(lambda: convert.load_pytorch_bin(archive),
                                          "'model' holds a mmmm", "save model.state_dict()")
        self.assertLess(len(message), 600)

    def test_training_checkpoints_give_their_state_dict(self):
        storage = np.arange(6, dtype="<f4")
        weights = [("w", "FloatStorage", "0", 6, 0, (2, 3), (3, 1))]
        # The optimizer's tensors are never read: their storage is not even in the archive.
        moments = [("0", "FloatStorage", "9", 6, 0, (2, 3), (3, 1))]
        for key in ("state_dict", "model_state_dict", "model"):
            data = checkpoint_pickle([("epoch", 3), (key, weights), ("lr", 0.001),
                                      ("optimizer", moments)])
            tensors, used, left_out = convert.load_pytorch_bin(
                self.bin_from_pickle(data, {"0": storage.tobytes()}))
            self.assertEqual(list(tensors), ["w"], key)
            np.testing.assert_array_equal(tensors["w"], storage.reshape(2, 3))
            self.assertEqual((used, left_out), (key, ["epoch", "lr", "optimizer"]))

    def test_checkpoints_without_one_state_dict_are_refused(self):
        weights = [("w", "FloatStorage", "0", 6, 0, (2, 3), (3, 1))]
        two = self.bin_from_pickle(checkpoint_pickle([("model", weights), ("state_dict", weights)]))
        self.assertConvertError(lambda: convert.load_pytorch_bin(two),
                                "under each of 'state_dict', 'model'",
                                "save the one to convert alone")
        # 'net' is no key of CHECKPOINT_KEYS, and 'model' holds an int, not a state_dict.
        none = self.bin_from_pickle(checkpoint_pickle([("net", weights), ("model", 1),
                                                       ("lr", 0.1)]))
        self.assertConvertError(lambda: convert.load_pytorch_bin(none),
                                "entry 'net' is not a tensor", "['net', 'model', 'lr']",
                                "save model.state_dict() alone")

    def test_legacy_and_non_zip_files_are_refused(self):
        legacy = self.path("legacy.bin")
        with open(legacy, "wb") as f:  # what torch < 1.6 writes first: PROTO 2, LONG1 magic
            f.write(b"\x80\x02\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19.\x80\x02M\xe9\x03.")
        self.assertConvertError(lambda: convert.load_pytorch_bin(legacy), "Legacy",
                                "not a readable torch zip archive")
        with zipfile.ZipFile(self.path("nopkl.bin"), "w") as z:
            z.writestr("a/version", "3")
        self.assertConvertError(lambda: convert.load_pytorch_bin(self.path("nopkl.bin")),
                                "found 0")

    def test_random_corruptions_never_escape_as_other_errors(self):
        """Damaged files end in a ConvertError (or load, when the damage hits nothing checked)."""
        path = self.path("mutant.bin")

        def load_or_refuse(data, trial):
            with open(path, "wb") as f:
                f.write(data)
            try:
                self.assertIsInstance(convert.load_pytorch_bin(path)[0], dict, trial)
            except ConvertError:
                pass

        with open(golden("tiny", "pytorch_model.bin"), "rb") as f:
            archive = f.read()
        with zipfile.ZipFile(io.BytesIO(archive)) as z:
            entries = {i.filename: z.read(i.filename) for i in z.infolist()}
        pkl = entries["pytorch_model/data.pkl"]
        rng = random.Random(1234)
        # Mutated pickles in a well-formed archive.
        for trial in range(100):
            mutant = bytearray(pkl)
            for _ in range(rng.randint(1, 4)):
                mutant[rng.randrange(len(mutant))] = rng.randrange(256)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as z:
                for name, data in entries.items():
                    z.writestr(name, bytes(mutant) if name.endswith("data.pkl") else data)
            load_or_refuse(buffer.getvalue(), f"pickle trial {trial}")
        # Mutated archives, mostly in the zip headers at either end.
        for trial in range(200):
            mutant = bytearray(archive)
            for _ in range(rng.randint(1, 3)):
                where = rng.choice((rng.randrange(8192), len(mutant) - 1 - rng.randrange(8192),
                                    rng.randrange(len(mutant))))
                mutant[where] = rng.randrange(256)
            load_or_refuse(bytes(mutant), f"archive trial {trial}")


@unittest.skipIf(torch is None, "python3-torch is not installed")
class TorchWrittenCheckpointTest(TempDirTest):
    """Checkpoints written by torch.save itself (torch only writes the fixtures)."""

    def test_ordered_dict_state_dicts_in_every_float_dtype(self):
        torch.manual_seed(0)
        module = torch.nn.Sequential(torch.nn.Linear(5, 3), torch.nn.LayerNorm(3),
                                     torch.nn.Embedding(4, 5))
        for dtype in (torch.float32, torch.float16, torch.bfloat16, torch.float64):
            state = module.to(dtype).state_dict()
            for protocol in (2, 4):
                path = self.path(f"sd-{dtype}-{protocol}.bin")
                torch.save(state, path, pickle_protocol=protocol)
                tensors, _, _ = convert.load_pytorch_bin(path)
                self.assertEqual(list(tensors), list(state), (dtype, protocol))
                for name, value in state.items():
                    expected = value.float().numpy() if dtype == torch.bfloat16 else value.numpy()
                    self.assertTrue(bit_equal(tensors[name], expected), (dtype, protocol, name))

    def test_parameters_saved_as_they_are(self):
        # state_dict(keep_vars=True), or a dict of nn.Parameters: torch pickles _rebuild_parameter.
        torch.manual_seed(0)
        module = torch.nn.Linear(5, 3)
        torch.save(module.state_dict(keep_vars=True), self.path("params.bin"))
        tensors, _, _ = convert.load_pytorch_bin(self.path("params.bin"))
        for name, value in module.state_dict().items():
            self.assertTrue(bit_equal(tensors[name], value.numpy()), name)

    def test_views_into_shared_storage(self):
        base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
        state = {"tail": base[2:], "row": base[1], "whole": base, "flat": base.view(-1)[5:9]}
        torch.save(state, self.path("views.bin"))
        tensors, _, _ = convert.load_pytorch_bin(self.path("views.bin"))
        for name, value in state.items():
            self.assertTrue(bit_equal(tensors[name], value.numpy()), name)

    def test_training_checkpoints_convert_as_their_state_dict(self):
        # A real training run's checkpoint around the golden tiny model: AdamW after one step
        # (tensor moments, float betas and lr), an LR scheduler, the epoch.
        state = torch.load(golden("tiny", "pytorch_model.bin"))
        params = [torch.nn.Parameter(v.clone()) for v in state.values() if v.is_floating_point()]
        optimizer = torch.optim.AdamW(params, lr=1e-3)
        sum((p * p).sum() for p in params).backward()
        optimizer.step()
        scheduler = torch.optim.lr_scheduler.LinearLR(optimizer)
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin", "model.safetensors"))
        _, expected, _, _ = convert.load_weights(golden("tiny"), "pytorch_model.bin")
        for key in ("state_dict", "model_state_dict", "model"):
            for protocol in (2, 4):
                torch.save({"epoch": 3, key: state, "optimizer": optimizer.state_dict(),
                            "scheduler": scheduler.state_dict(), "lr": 0.001},
                           os.path.join(src, "pytorch_model.bin"), pickle_protocol=protocol)
                out = self.path(f"out-{key}-{protocol}")
                convert.convert(src, out)
                tensors = read_safetensors(os.path.join(out, "model.safetensors"))
                self.assertEqual(sorted(tensors), sorted(n for n in expected if n not in DROPPED))
                for name, array in tensors.items():
                    self.assertTrue(bit_equal(array, expected[name]), (key, protocol, name))

    def test_checkpoints_holding_objects_convert_as_their_state_dict(self):
        # A Lightning-like checkpoint with what torchvision's and timm's reference scripts save
        # beside the model ('args') and other objects and data training code keeps: each is parsed
        # as inert data and left out, and the output is the bare state_dict's, byte for byte.
        state = torch.load(golden("tiny", "pytorch_model.bin"))
        bare = self.path("bare")
        convert.convert(golden("tiny"), bare, weights="pytorch_model.bin")
        with open(os.path.join(bare, "model.safetensors"), "rb") as f:
            expected = f.read()
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin", "model.safetensors"))
        hyper_parameters = HyperParameters(lr=1e-3, layers=[64, 64])
        hyper_parameters.name = "tiny"  # an attribute beside the items: the object's BUILD state
        checkpoint = {
            "epoch": 3, "global_step": 120, "pytorch-lightning_version": "2.0.0",
            "state_dict": state,
            "loops": {"fit_loop": {"epoch_progress": {"total": {"ready": 3}}}},
            # Lightning before 1.5 keyed callbacks' state by class.
            "callbacks": {"ModelCheckpoint{'monitor': 'val_loss'}": {
                "best_model_score": torch.tensor(0.25), "dirpath": "ckpt"}, Thing: {"count": 1}},
            "optimizer_states": [{"state": {}, "param_groups": [{"lr": 1e-3, "params": [0, 1]}]}],
            "hyper_parameters": hyper_parameters,
            "args": argparse.Namespace(lr=1e-3, model="minialbert", sizes=(64, 64)),
            "labels": {"O", "B-NAME"}, "frozen_labels": frozenset({"I-NAME"}),
            "best_f1": np.float32(0.875), "seed": np.int64(42),
            "rng_state": b"\x00\xff" * 40, "scratch": bytearray(b"xyz"),
            "input_shape": torch.Size([1, 128]),
            "ema": torch.nn.Linear(4, 2),
            "pairs": {("a", 1): 0.5},
        }
        for protocol in (2, 4, 5):
            if protocol >= 4:  # below 4, pickle builds it by calling an object (see above)
                checkpoint["width"] = KeywordNew(width=64)
            path = os.path.join(src, "pytorch_model.bin")
            torch.save(checkpoint, path, pickle_protocol=protocol)
            if protocol == 4:  # the opcodes this test is about are in the file
                with zipfile.ZipFile(path) as z:
                    ops = {op.name for op, _, _ in pickletools.genops(z.read("pytorch_model/data.pkl"))}
                self.assertLessEqual({"NEWOBJ", "NEWOBJ_EX", "EMPTY_SET", "ADDITEMS", "FROZENSET",
                                      "SHORT_BINBYTES", "BUILD", "STACK_GLOBAL"}, ops)
            out = self.path(f"out-{protocol}")
            summary = convert.convert(src, out)
            self.assertEqual(summary["checkpoint_key"], "state_dict")
            self.assertEqual(summary["left_out"], [k for k in checkpoint if k != "state_dict"])
            with open(os.path.join(out, "model.safetensors"), "rb") as f:
                self.assertEqual(f.read(), expected, protocol)

    def test_whole_modules_are_refused(self):
        module = torch.nn.Linear(2, 2)
        torch.save(module, self.path("module.bin"))
        self.assertConvertError(lambda: convert.load_pytorch_bin(self.path("module.bin")),
                                "the pickle holds a torch.nn.modules.linear.Linear object, not a "
                                "state_dict (a whole module cannot be read without running its "
                                "code); save model.state_dict() instead")
        for key in convert.CHECKPOINT_KEYS:
            torch.save({key: module, "epoch": 1}, self.path("checkpoint.bin"))
            self.assertConvertError(lambda: convert.load_pytorch_bin(self.path("checkpoint.bin")),
                                    f"{key!r} holds a torch.nn.modules.linear.Linear object, not "
                                    f"a state_dict (a whole module",
                                    f"save model.state_dict() under {key!r} instead")
        # Beside a state_dict, a module is one more entry left out.
        torch.save({"state_dict": module.state_dict(), "model": module, "epoch": 1},
                   self.path("both.bin"))
        tensors, key, left_out = convert.load_pytorch_bin(self.path("both.bin"))
        self.assertEqual((sorted(tensors), key, left_out),
                         (["bias", "weight"], "state_dict", ["model", "epoch"]))

    def test_objects_inside_the_state_dict_are_refused(self):
        state = torch.nn.Linear(2, 2).state_dict()
        for value, what in ((Thing(), f"a {class_name(Thing)} object"),
                            (torch.nn.Linear(2, 2), "a torch.nn.modules.linear.Linear object"),
                            (Thing, f"{class_name(Thing)} (a class or function)")):
            state["extra"] = value
            for protocol in (2, 4):
                torch.save({"state_dict": state, "epoch": 1}, self.path("checkpoint.bin"),
                           pickle_protocol=protocol)
                self.assertConvertError(
                    lambda: convert.load_pytorch_bin(self.path("checkpoint.bin")),
                    f"entry 'extra' of the state_dict under 'state_dict' is {what}, not a tensor; "
                    f"save model.state_dict() alone")
                torch.save(state, self.path("bare.bin"), pickle_protocol=protocol)
                self.assertConvertError(lambda: convert.load_pytorch_bin(self.path("bare.bin")),
                                        f"entry 'extra' is not a tensor (it is {what};",
                                        "save model.state_dict() alone")

    def test_non_contiguous_and_legacy_files_are_refused(self):
        torch.save({"t": torch.zeros(3, 4).t()}, self.path("t.bin"))
        self.assertConvertError(lambda: convert.load_pytorch_bin(self.path("t.bin")),
                                "not contiguous")
        torch.save({"t": torch.zeros(3)}, self.path("legacy.bin"),
                   _use_new_zipfile_serialization=False)
        self.assertConvertError(lambda: convert.load_pytorch_bin(self.path("legacy.bin")),
                                "Legacy")


# --- the converter ----------------------------------------------------------------------------

def copy_checkpoint(src, dst, drop=(), config_changes=None):
    """Copy a golden checkpoint directory, optionally without some files or with config edits."""
    os.makedirs(dst)
    for name in os.listdir(src):
        if name not in drop and not name.startswith("cases"):
            shutil.copyfile(os.path.join(src, name), os.path.join(dst, name))
    if config_changes is not None:
        with open(os.path.join(dst, "config.json")) as f:
            config = json.load(f)
        for key, value in config_changes.items():
            if value is None:
                config.pop(key, None)
            else:
                config[key] = value
        with open(os.path.join(dst, "config.json"), "w") as f:
            json.dump(config, f)


def write_equal_widths_checkpoint(dst, with_projector):
    """The tiny golden checkpoint with embedding_size = hidden_size = 64 (random embeddings), with or
    without the `albert.projector` upstream leaves out in that case."""
    if not os.path.isdir(dst):
        copy_checkpoint(golden("tiny"), dst, drop=("pytorch_model.bin",), config_changes={"embedding_size": 64})
    tensors = read_safetensors(golden("tiny", "model.safetensors"))
    rng = np.random.default_rng(5)
    for name in list(tensors):
        if name.startswith("albert.albert.embeddings.") and tensors[name].dtype == np.float32:
            tensors[name] = rng.standard_normal(tensors[name].shape[:-1] + (64,)).astype(np.float32)
    if with_projector:
        tensors["albert.projector.weight"] = rng.standard_normal((64, 64)).astype(np.float32)
        tensors["albert.projector.bias"] = np.zeros(64, np.float32)
    else:
        del tensors["albert.projector.weight"], tensors["albert.projector.bias"]
    write_safetensors(os.path.join(dst, "model.safetensors"), tensors)


class ConvertTest(TempDirTest):
    def convert_and_check_layout(self, src, dtype="f32", **kwargs):
        out = self.path(f"out-{dtype}")
        summary = convert.convert(src, out, dtype=dtype, **kwargs)
        header, data_len, header_len = read_raw_header(os.path.join(out, "model.safetensors"))
        check_layout(self, header, data_len, header_len)
        return out, summary, read_safetensors(os.path.join(out, "model.safetensors"))

    def test_golden_bins_convert_to_the_golden_tensors(self):
        for model in TINY_MODELS:
            out, summary, tensors = self.convert_and_check_layout(
                golden(model), weights="pytorch_model.bin")
            reference = read_safetensors(golden(model, "model.safetensors"))
            self.assertEqual(sorted(tensors), sorted(n for n in reference if n not in DROPPED))
            for name, array in tensors.items():
                self.assertTrue(bit_equal(array, reference[name]), f"{model}: {name}")
            self.assertEqual(sorted(summary["dropped"]), sorted(DROPPED))
            self.assertEqual(read_safetensors_metadata(os.path.join(out, "model.safetensors")),
                             {"format": "pt", "dtype": "f32"})
            for name in ("config.json", "vocab.txt", "tokenizer_config.json"):
                with open(golden(model, name), "rb") as a, open(os.path.join(out, name), "rb") as b:
                    self.assertEqual(a.read(), b.read(), f"{model}: {name}")
            self.assertEqual(sorted(os.listdir(out)), ["config.json", "model.safetensors",
                                                       "tokenizer_config.json", "vocab.txt"])

    def test_golden_full_safetensors_converts(self):
        _, summary, tensors = self.convert_and_check_layout(golden("full"))
        reference = read_safetensors(golden("full", "model.safetensors"))
        self.assertEqual(sorted(tensors), sorted(n for n in reference if n not in DROPPED))
        for name, array in tensors.items():
            self.assertTrue(bit_equal(array, reference[name]), name)
        self.assertEqual(summary["parameters"], 18046473 - 768 * 768 - 768)  # minus the pooler

    def test_f16(self):
        out, _, tensors = self.convert_and_check_layout(golden("tiny"), "f16")
        reference = read_safetensors(golden("tiny", "model.safetensors"))
        self.assertEqual(sorted(tensors), sorted(n for n in reference if n not in DROPPED))
        for name, array in tensors.items():
            self.assertTrue(bit_equal(array, reference[name].astype(np.float16)), name)
        self.assertEqual(read_safetensors_metadata(os.path.join(out, "model.safetensors"))["dtype"],
                         "f16")

    def test_non_finite_values_are_refused_for_every_dtype(self):
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",))
        clean = read_safetensors(os.path.join(src, "model.safetensors"))
        ffn = LAYER + "ffn.weight"
        for name, index, value, shown in (("classifier.bias", (0,), np.nan, "(nan) at [0]"),
                                          (ffn, (1, 2), np.inf, "(inf) at [1, 2]"),
                                          (ffn, (3, 0), -np.inf, "(-inf) at [3, 0]")):
            tensors = {n: a.copy() for n, a in clean.items()}
            tensors[name][index] = value
            write_safetensors(os.path.join(src, "model.safetensors"), tensors)
            for dtype in ("f32", "f16", "int8"):
                self.assertConvertError(lambda: convert.convert(src, self.path("out"), dtype),
                                        f"tensor '{name}' has a non-finite value {shown}")
        self.assertFalse(os.path.exists(self.path("out")))

    def test_f64_beyond_the_float32_range_is_refused(self):
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",))
        tensors = read_safetensors(os.path.join(src, "model.safetensors"))
        tensors["classifier.bias"] = tensors["classifier.bias"].astype(np.float64)
        tensors["classifier.bias"][1] = 1e300
        write_safetensors(os.path.join(src, "model.safetensors"), tensors)
        for dtype in ("f32", "int8"):
            self.assertConvertError(lambda: convert.convert(src, self.path("out"), dtype),
                                    "classifier.bias", "1e+300", "float32 range")

    def test_f16_refuses_values_beyond_its_range(self):
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",))
        tensors = read_safetensors(os.path.join(src, "model.safetensors"))
        tensors["classifier.bias"][0] = 1e6
        write_safetensors(os.path.join(src, "model.safetensors"), tensors)
        self.assertConvertError(lambda: convert.convert(src, self.path("out"), "f16"),
                                "classifier.bias", "float16 range")

    def check_int8(self, tensors, reference, quantized):
        for name in quantized:
            q, scale, w = tensors[name], tensors[name + "_scale"], reference[name]
            self.assertEqual(q.dtype, np.int8, name)
            self.assertEqual(q.shape, w.shape, name)
            self.assertEqual(scale.dtype, np.float32, name)
            self.assertEqual(scale.shape, (w.shape[0],), name)
            error = np.abs(q.astype(np.float64) * scale[:, None] - w)
            self.assertTrue((error <= scale[:, None] * (0.5 + 1e-6)).all(), name)
            # Symmetric, full range: the largest magnitude of every row maps to +-127.
            np.testing.assert_array_equal(np.abs(q).max(axis=1), 127, name)
            self.assertGreaterEqual(int(q.min()), -127, name)
        for name, array in tensors.items():
            if name not in quantized and not name.endswith("_scale"):
                self.assertTrue(bit_equal(array, reference[name]), name)

    def test_int8(self):
        for model in TINY_MODELS:
            out, _, tensors = self.convert_and_check_layout(golden(model), "int8")
            reference = read_safetensors(golden(model, "model.safetensors"))
            quantized = [n for n in INT8_LINEARS if n in reference]
            quantized += [n for n in reference if "adapters." in n and ".block." in n
                          and n.endswith(".weight")]
            self.assertEqual(sorted(n for n in tensors if tensors[n].dtype == np.int8),
                             sorted(quantized), model)
            kept = [n for n in reference if n not in DROPPED]
            self.assertEqual(sorted(tensors), sorted(kept + [n + "_scale" for n in quantized]))
            self.check_int8(tensors, reference, quantized)
            metadata = read_safetensors_metadata(os.path.join(out, "model.safetensors"))
            self.assertEqual(metadata, {"format": "pt", "dtype": "int8",
                                        "quantization": "int8-symmetric-per-output-channel",
                                        "quantization_scale_suffix": "_scale"})

    def test_int8_embeddings(self):
        _, _, tensors = self.convert_and_check_layout(golden("tiny"), "int8", int8_embeddings=True)
        reference = read_safetensors(golden("tiny", "model.safetensors"))
        tables = [f"albert.albert.embeddings.{t}_embeddings.weight"
                  for t in ("word", "position", "token_type")]
        quantized = [n for n in tensors if tensors[n].dtype == np.int8]
        self.assertTrue(set(tables) < set(quantized))
        self.check_int8(tensors, reference, quantized)
        self.assertConvertError(lambda: convert.convert(golden("tiny"), self.path("x"), "f32",
                                                        int8_embeddings=True), "--dtype int8")

    def test_quantize_int8_edge_rows(self):
        w = np.array([[0.0, 0.0, 0.0], [-3.0, 1.0, 1.4], [0.7e-30, -2e-30, 0.0], [5.0, -5.0, 2.0]],
                     dtype=np.float32)
        q, scale = convert.quantize_int8(w)
        np.testing.assert_array_equal(q[0], 0)
        self.assertEqual(scale[0], 1.0)  # an all-zero row keeps a finite 1/scale
        np.testing.assert_array_equal(q[1], [-127, 42, 59])  # 1.4 / (3 / 127) = 59.3
        np.testing.assert_array_equal(q[2], [44, -127, 0])   # tiny rows keep their resolution
        np.testing.assert_array_equal(q[3], [127, -127, 51])
        self.assertTrue(np.all(np.abs(q * scale[:, None].astype(np.float64) - w)
                               <= scale[:, None] * (0.5 + 1e-6)))

    def test_mlm_head_is_kept_unless_asked(self):
        src = self.path("mlm")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",))
        tensors = read_safetensors(os.path.join(src, "model.safetensors"))
        del tensors["classifier.weight"], tensors["classifier.bias"]
        rng = np.random.default_rng(3)
        head = {"vocab_transform.weight": (64, 64), "vocab_transform.bias": (64,),
                "vocab_layer_norm.weight": (64,), "vocab_layer_norm.bias": (64,),
                "vocab_projector.weight": (1000, 64), "vocab_projector.bias": (1000,)}
        for name, shape in head.items():
            tensors[name] = rng.standard_normal(shape).astype(np.float32)
        write_safetensors(os.path.join(src, "model.safetensors"), tensors)

        _, summary, kept = self.convert_and_check_layout(src)
        self.assertTrue(set(head) <= set(kept))
        _, summary, dropped = self.convert_and_check_layout(src, "f16", drop_mlm_head=True)
        self.assertFalse(set(head) & set(dropped))
        self.assertTrue(set(head) <= set(summary["dropped"]))
        self.assertNotIn("classifier.weight", dropped)  # an encoder-only directory is valid

    def test_equal_widths_have_no_projector(self):
        # Upstream builds `albert.projector` only when embedding_size != hidden_size.
        src = self.path("src")
        write_equal_widths_checkpoint(src, with_projector=True)
        self.assertConvertError(lambda: convert.convert(src, self.path("a")),
                                "unexpected", "albert.projector.bias")
        write_equal_widths_checkpoint(src, with_projector=False)
        _, _, out = self.convert_and_check_layout(src)
        self.assertNotIn("albert.projector.weight", out)

    def test_config_errors(self):
        cases = [
            ({"hidden_size": None}, "missing required key 'hidden_size'"),
            ({"vocab_size": 0}, "'vocab_size' = 0 is out of range [1, 16777216]"),
            ({"num_hidden_layers": 1025}, "'num_hidden_layers' = 1025 is out of range"),
            ({"num_attention_heads": "4"}, "'num_attention_heads' must be an integer; got '4'"),
            ({"max_position_embeddings": 1.5}, "'max_position_embeddings' must be an integer"),
            ({"num_attention_heads": 5}, "not a multiple of num_attention_heads 5"),
            ({"hidden_act": "swish"}, "unsupported 'hidden_act' 'swish' (supported: gelu, "),
            ({"hidden_act": 1}, "unsupported 'hidden_act' 1"),
            ({"layer_norm_eps": -1}, "'layer_norm_eps' must be a number in (0, 1]; got -1"),
            ({"layer_norm_eps": 0}, "'layer_norm_eps'"),
            ({"layer_norm_eps": 2}, "'layer_norm_eps'"),
            ({"layer_norm_eps": "x"}, "'layer_norm_eps'"),
            ({"layer_norm_eps": True}, "'layer_norm_eps'"),
            ({"use_adapter": "yes"}, "'use_adapter'"),
            ({"reduction_factor": 128}, "hidden_size 64 / reduction_factor 128 leaves no adapter"),
            ({"reduction_factor": 0}, "'reduction_factor' = 0 is out of range"),
            ({"num_hidden_groups": 2}, "'num_hidden_groups' = 2 is unsupported"),
            ({"inner_group_num": "1"}, "'inner_group_num'"),
            ({"position_embedding_type": "relative_key"}, "'position_embedding_type'"),
            ({"id2label": []}, "'id2label' must be an object"),
            ({"id2label": {"a": "O"}}, "'id2label' key 'a' is not one of 0..0"),
            ({"id2label": {"0": "O", "2": "B"}}, "'id2label' key '2' is not one of 0..1"),
            ({"id2label": {"0": "O", "-1": "B"}}, "'id2label' key '-1'"),
            ({"id2label": {"0": "O", "1.0": "B"}}, "'id2label' key '1.0'"),
            ({"id2label": {"1": "O", "01": "B"}}, "(each once)"),
            ({"id2label": {"0": 5}}, "'id2label'['0'] must be a string; got 5"),
            ({"problem_type": "ranking"}, "'problem_type' must be null, 'regression', "),
            ({"problem_type": 2}, "'problem_type' must be null"),
        ]
        for i, (changes, fragment) in enumerate(cases):
            src = self.path(f"src{i}")
            copy_checkpoint(golden("tiny"), src, config_changes=changes)
            self.assertConvertError(lambda: convert.convert(src, self.path("out")),
                                    "config.json", fragment)
        src = self.path("broken")
        copy_checkpoint(golden("tiny"), src)
        for text in ("{not json", "[" * 100000 + "]" * 100000, "[1, 2]",
                     '{"layer_norm_eps": NaN}', '{"vocab_size": Infinity}'):
            with open(os.path.join(src, "config.json"), "w") as f:
                f.write(text)
            self.assertConvertError(lambda: convert.convert(src, self.path("out")),
                                    "config.json")
        # What Python's JSON reads and the engine's refuses, in a key nothing uses: refused too, as
        # the directory written would not load. And an optional key set to null is no default.
        with open(golden("tiny", "config.json")) as f:
            good = f.read().rstrip().rstrip("}")
        for extra, fragment in ((', "x": 1e999}', "the number 1e999 is beyond a double's range"),
                                (', "x": ' + "[" * 64 + "]" * 64 + "}", "nested deeper than 64 levels"),
                                (', "x": "\\ud800"}', "a lone UTF-16 surrogate"),
                                (', "max_position_embeddings": null}', "'max_position_embeddings' must be an integer; got null")):
            with open(os.path.join(src, "config.json"), "w") as f:
                f.write(good + extra)
            self.assertConvertError(lambda: convert.convert(src, self.path("out")), "config.json", fragment)
        with open(os.path.join(src, "config.json"), "w") as f:
            f.write(good + ', "x": ' + "[" * 63 + "]" * 63 + "}")
        convert.convert(src, self.path("out"))  # 64 levels in all: what the engine reads

    def test_keys_with_engine_defaults_may_be_missing(self):
        # The engine's defaults: hidden_act gelu, reduction_factor 16 (the golden checkpoint's
        # value), max_position_embeddings 512, type_vocab_size 2, layer_norm_eps 1e-12; an empty
        # id2label is none (labels LABEL_i).
        for i, key in enumerate(("hidden_act", "reduction_factor", "max_position_embeddings",
                                 "type_vocab_size", "layer_norm_eps", "num_hidden_groups",
                                 "inner_group_num", "position_embedding_type", "id2label")):
            src = self.path(f"src{i}")
            copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",),
                            config_changes={key: None})
            convert.convert(src, self.path(f"out{i}"))
        src = self.path("accepted")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",), config_changes={
            "id2label": {}, "layer_norm_eps": 1, "hidden_act": "gelu_pytorch_tanh"})
        convert.convert(src, self.path("out"))
        with open(golden("tiny", "config.json")) as f:
            config = dict(json.load(f), id2label={" 0": "O", "+1": "A", "2": "B", "3": "C",
                                                  "4": "D"})
        with open(os.path.join(src, "config.json"), "wb") as f:  # a BOM, as the engine skips it
            f.write(b"\xef\xbb\xbf" + json.dumps(config).encode())
        convert.convert(src, self.path("out"))

    def test_tensors_must_match_the_config(self):
        cases = [
            ({"vocab_size": 999}, "'albert.albert.embeddings.word_embeddings.weight' has shape "
                                  "[1000, 32]; the config implies [999, 32]"),
            ({"intermediate_size": 128}, "ffn.bias' has shape [256]; the config implies [128]"),
            ({"num_hidden_layers": 2}, "unexpected", "albert.att_adapters.2.block.0.bias"),
            ({"num_hidden_layers": 4}, "missing", "albert.att_adapters.3.block.0.weight"),
            ({"use_adapter": False}, "unexpected"),
            ({"id2label": {"0": "A", "1": "B"}}, "'classifier.bias' has shape [5]; "
                                                 "the config implies [2]"),
            ({"reduction_factor": 8}, "block.0.bias' has shape [4]; the config implies [8]"),
        ]
        for i, (changes, *fragments) in enumerate(cases):
            src = self.path(f"src{i}")
            copy_checkpoint(golden("tiny"), src, config_changes=changes)
            self.assertConvertError(lambda: convert.convert(src, self.path("out")), *fragments)

    def test_missing_and_unexpected_tensors(self):
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",))
        tensors = read_safetensors(os.path.join(src, "model.safetensors"))
        path = os.path.join(src, "model.safetensors")
        write_safetensors(path, {n: a for n, a in tensors.items() if "ffn_output.bias" not in n})
        self.assertConvertError(lambda: convert.convert(src, self.path("out")),
                                "1 missing tensor(s)", "ffn_output.bias")
        write_safetensors(path, dict(tensors, **{"extra.weight": np.zeros(2, np.float32)}))
        self.assertConvertError(lambda: convert.convert(src, self.path("out")),
                                "unexpected", "extra.weight")
        write_safetensors(path, dict(tensors, **{"classifier.bias": np.zeros(5, np.int64)}))
        self.assertConvertError(lambda: convert.convert(src, self.path("out")),
                                "'classifier.bias' has dtype int64")
        self.assertFalse(os.path.exists(self.path("out")))

    def test_heads_are_all_or_nothing(self):
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",))
        path = os.path.join(src, "model.safetensors")
        tensors = read_safetensors(path)
        for gone in ("classifier.weight", "classifier.bias"):
            write_safetensors(path, {n: a for n, a in tensors.items() if n != gone})
            self.assertConvertError(lambda: convert.convert(src, self.path("out")),
                                    "the classifier is incomplete: missing " + gone)
        head = {"vocab_transform.weight": np.zeros((64, 64), np.float32),
                "vocab_transform.bias": np.zeros(64, np.float32)}
        write_safetensors(path, dict(tensors, **head))
        self.assertConvertError(lambda: convert.convert(src, self.path("out")),
                                "the masked-LM head is incomplete", "vocab_projector.weight")
        # --drop-mlm-head drops a partial head before the check.
        convert.convert(src, self.path("out"), drop_mlm_head=True)

    def test_directory_errors(self):
        src = self.path("novocab")
        copy_checkpoint(golden("tiny"), src, drop=("vocab.txt",))
        self.assertConvertError(lambda: convert.convert(src, self.path("out")),
                                "no vocab.txt or tokenizer.json")
        src = self.path("noweights")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin", "model.safetensors"))
        self.assertConvertError(lambda: convert.convert(src, self.path("out")),
                                "no model.safetensors or pytorch_model.bin")
        with open(os.path.join(src, "pytorch_model.bin.index.json"), "w") as f:
            f.write("{}")
        self.assertConvertError(lambda: convert.convert(src, self.path("out")), "sharded")
        self.assertConvertError(lambda: convert.convert(golden("tiny"), golden("tiny")),
                                "must differ")
        self.assertConvertError(lambda: convert.convert(self.path("nothing"), self.path("out")),
                                "config.json")

    def test_tokenizer_files_are_copied(self):
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",))
        extra = {"tokenizer.json": '{"model": {}}', "special_tokens_map.json": '{"unk_token": 1}'}
        for name, text in extra.items():
            with open(os.path.join(src, name), "w") as f:
                f.write(text)
        out, summary, _ = self.convert_and_check_layout(src)
        for name, text in extra.items():
            with open(os.path.join(out, name)) as f:
                self.assertEqual(f.read(), text)
        self.assertEqual(sorted(summary["files"]), sorted(os.listdir(out)))

    def test_stale_tokenizer_files_are_removed(self):
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",))
        with open(os.path.join(src, "tokenizer.json"), "w") as f:
            f.write('{"model": {}}')
        out = self.path("out")
        convert.convert(src, out)
        os.remove(os.path.join(src, "tokenizer.json"))
        os.remove(os.path.join(src, "tokenizer_config.json"))
        with open(os.path.join(out, "notes.txt"), "w") as f:
            f.write("mine")
        summary = convert.convert(src, out)
        self.assertEqual(sorted(summary["removed"]), ["tokenizer.json", "tokenizer_config.json"])
        self.assertEqual(sorted(os.listdir(out)), ["config.json", "model.safetensors",
                                                   "notes.txt", "vocab.txt"])

    def test_output_paths_that_are_directories_are_refused(self):
        for name in ("model.safetensors", "config.json", "tokenizer.json"):
            out = self.path(f"out-{name}")
            os.makedirs(os.path.join(out, name))
            message = self.assertConvertError(lambda: convert.convert(golden("tiny"), out),
                                              os.path.join(out, name) + " is a directory")
            self.assertNotIn(".tmp", message)
            self.assertEqual(os.listdir(out), [name])

    def test_output_files_linked_to_the_input_are_refused(self):
        # Writing through the link would change the checkpoint itself.
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src)
        for name in ("vocab.txt", "config.json", "model.safetensors"):
            out = self.path(f"out-{name}")
            os.makedirs(out)
            os.link(os.path.join(src, name), os.path.join(out, name))
            with open(os.path.join(src, name), "rb") as f:
                before = f.read()
            self.assertConvertError(lambda: convert.convert(src, out, dtype="f16"),
                                    os.path.join(out, name) + " is " + os.path.join(src, name))
            with open(os.path.join(src, name), "rb") as f:
                self.assertEqual(f.read(), before, name)
            self.assertEqual(os.listdir(out), [name])

    def test_unexpected_tensors_say_what_to_do(self):
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",))
        path = os.path.join(src, "model.safetensors")
        tensors = read_safetensors(path)
        write_safetensors(path, {"module." + n: a for n, a in tensors.items()})
        self.assertConvertError(lambda: convert.convert(src, self.path("out")), "saved from a DataParallel wrapper")
        write_safetensors(path, {"model." + n: a for n, a in tensors.items()})
        self.assertConvertError(lambda: convert.convert(src, self.path("out")),
                                "the names start with 'model.' (saved from a wrapper, as a Lightning module")
        write_safetensors(path, {"x" + n: a for n, a in tensors.items()})
        self.assertNotIn("wrapper", self.assertConvertError(lambda: convert.convert(src, self.path("out"))))
        write_safetensors(path, tensors)
        convert.convert(src, self.path("q8"), dtype="int8")
        self.assertConvertError(lambda: convert.convert(self.path("q8"), self.path("again")),
                                "this converter's int8 output: convert the original f32 checkpoint")

    def test_weights_file_errors_say_what_is_wrong(self):
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src)
        self.assertConvertError(
            lambda: convert.convert(src, self.path("out"), weights="nonexist.bin"),
            os.path.join(src, "nonexist.bin") + ": file not found")
        with open(golden("tiny", "pytorch_model.bin"), "rb") as f:
            data = f.read()
        for cut in (len(data) // 2, len(data) - 30, 100):
            with open(os.path.join(src, "pytorch_model.bin"), "wb") as f:
                f.write(data[:cut])
            message = self.assertConvertError(
                lambda: convert.convert(src, self.path("out"), weights="pytorch_model.bin"),
                "truncated or damaged zip archive")
            self.assertNotIn("Legacy", message)
        empty = os.path.join(src, "pytorch_model.bin")
        with open(empty, "wb"):
            pass
        self.assertConvertError(lambda: convert.load_pytorch_bin(empty), "not a torch checkpoint")

    def test_unknown_globals_are_never_imported_or_called(self):
        # The golden state_dict spliced into a hand-written checkpoint beside os.system called on a
        # command (torch.save never writes that, a hostile file may) and an object of a module that
        # does not exist. Both are inert data: the file converts as the bare state_dict does, and
        # main says which key it used and what it left out (at most 8 names).
        marker = self.path("pwned")
        with zipfile.ZipFile(golden("tiny", "pytorch_model.bin")) as z:
            entries = {n: z.read(n) for n in z.namelist()}
        state = entries["pytorch_model/data.pkl"][2:-1]  # without PROTO and STOP
        hook = b"cos\nsystem\n" + _unicode(f"touch {marker}") + b"\x85R"
        missing = b"cno_such_module.sub\nThing\n)\x81}" + _unicode("x") + _int(1) + b"sb"
        steps = [(f"step{i}", i) for i in range(12)]
        data = checkpoint_pickle([("hook", hook), ("state_dict", state), ("missing", missing)]
                                 + steps)
        src = self.path("src")
        copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin", "model.safetensors"))
        write_torch_zip(os.path.join(src, "pytorch_model.bin"), data,
                        {n.split("/")[-1]: d for n, d in entries.items() if "/data/" in n},
                        folder="pytorch_model")
        stdout = io.StringIO()
        with contextlib.redirect_stdout(stdout):
            self.assertEqual(convert.main([src, self.path("out")]), 0)
        self.assertIn(f"read {os.path.join(src, 'pytorch_model.bin')}: the state_dict under "
                      f"'state_dict' of a training checkpoint (left out: hook, missing, step0, "
                      f"step1, step2, step3, step4, step5 and 6 more)\n", stdout.getvalue())
        self.assertFalse(os.path.exists(marker))
        self.assertNotIn("no_such_module", sys.modules)
        convert.convert(golden("tiny"), self.path("bare"), weights="pytorch_model.bin")
        with open(self.path("out", "model.safetensors"), "rb") as a, \
                open(self.path("bare", "model.safetensors"), "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_command_line(self):
        script = os.path.join(REPO, "models", "convert.py")
        ok = subprocess.run([sys.executable, script, golden("tiny-seqcls"), self.path("out"),
                             "--dtype", "int8", "--weights", "pytorch_model.bin"],
                            capture_output=True, text=True)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertIn("61 tensors", ok.stdout)
        self.assertIn("albert.albert.pooler.weight", ok.stdout)
        self.assertTrue(os.path.isfile(self.path("out", "model.safetensors")))
        bad = subprocess.run([sys.executable, script, self.path("missing"), self.path("out2")],
                             capture_output=True, text=True)
        self.assertEqual(bad.returncode, 1)
        usage = subprocess.run([sys.executable, script, golden("tiny"), self.path("out3"), "--int8-embeddings"],
                               capture_output=True, text=True)
        self.assertEqual(usage.returncode, 2)
        self.assertIn("--int8-embeddings needs --dtype int8", usage.stderr)
        self.assertTrue(bad.stderr.startswith("convert.py: error: "), bad.stderr)
        self.assertEqual(bad.stdout, "")


@unittest.skipUnless(os.access(CLI, os.X_OK), f"no minialbert CLI at {CLI} (set MINIALBERT_CLI)")
class EngineAgreementTest(TempDirTest):
    """convert.py accepts a config exactly when the engine loads it, and what it writes loads."""

    def engine_loads(self, model_dir):
        r = subprocess.run([CLI, "info", "--model", model_dir], capture_output=True, text=True)
        return r.returncode == 0, r.stderr

    def test_config_verdicts_agree_with_the_engine(self):
        changes = [{}, {"hidden_act": None}, {"reduction_factor": None},
                   {"layer_norm_eps": None}, {"id2label": {}}, {"hidden_act": "swish"},
                   {"hidden_act": "gelu_new"}, {"hidden_act": "relu"}, {"layer_norm_eps": -1},
                   {"layer_norm_eps": "x"}, {"layer_norm_eps": 1}, {"layer_norm_eps": 1.5},
                   {"id2label": {"a": "O", "1": "A", "2": "B", "3": "C", "4": "D"}},
                   {"id2label": {" 0": "O", "+1": "A", "2": "B", "3": "C", "4": "D"}},
                   {"id2label": {"0": "O", "1": "A", "2": "B", "3": "C", "4": 4}},
                   {"num_hidden_groups": 2}, {"position_embedding_type": "relative_key"},
                   {"vocab_size": 1 << 25}, {"use_adapter": 1}, {"reduction_factor": 65},
                   {"problem_type": "multi_label_classification"}, {"problem_type": "ranking"},
                   {"problem_type": 2}]
        for i, change in enumerate(changes):
            src, out = self.path(f"src{i}"), self.path(f"out{i}")
            copy_checkpoint(golden("tiny"), src, drop=("pytorch_model.bin",),
                            config_changes=change)
            loads, stderr = self.engine_loads(src)
            try:
                convert.convert(src, out)
                converted = None
            except ConvertError as e:
                converted = str(e)
            self.assertEqual(converted is None, loads, f"{change}: convert.py says {converted}; "
                                                       f"the engine says {stderr.strip()}")
            if converted is None:
                self.assertEqual(self.engine_loads(out), (True, ""), change)

    def test_equal_widths_verdicts_agree_with_the_engine(self):
        for with_projector in (True, False):
            src = self.path(f"src-{with_projector}")
            write_equal_widths_checkpoint(src, with_projector)
            loads, stderr = self.engine_loads(src)
            self.assertEqual(loads, not with_projector, stderr)
            for dtype in ("f32", "int8"):
                out = self.path(f"out-{with_projector}-{dtype}")
                if with_projector:
                    self.assertRaises(ConvertError, convert.convert, src, out, dtype)
                else:
                    convert.convert(src, out, dtype)
                    self.assertEqual(self.engine_loads(out), (True, ""), dtype)

    def test_converted_golden_models_load(self):
        for model in TINY_MODELS + ("full",):
            for dtype in ("f32", "f16", "int8"):
                out = self.path(f"{model}-{dtype}")
                convert.convert(golden(model), out, dtype)
                loads, stderr = self.engine_loads(out)
                self.assertTrue(loads, f"{model} {dtype}: {stderr}")


if __name__ == "__main__":
    unittest.main()
