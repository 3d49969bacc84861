#!/usr/bin/env python3
"""Convert a Hugging Face miniALBERT checkpoint directory into a web model directory.

    /usr/bin/python3 models/convert.py SRC_DIR DST_DIR [--dtype f32|f16|int8]
                                       [--drop-mlm-head] [--int8-embeddings] [--weights FILE]

SRC_DIR holds config.json, the weights (model.safetensors, else pytorch_model.bin; --weights picks
one explicitly) and the tokenizer files (vocab.txt and/or tokenizer.json, tokenizer_config.json,
special_tokens_map.json, added_tokens.json when present). DST_DIR receives:
  - config.json, copied byte for byte once checked as the engine checks it (core/loader/
    config-json.cpp: required sizes and their ranges, hidden_act, layer_norm_eps, id2label, ...;
    keys the engine has defaults for may be absent);
  - the tokenizer files, copied; a tokenizer file in DST_DIR that SRC_DIR lacks (left by an
    earlier conversion) is removed. Other files in DST_DIR are left alone;
  - model.safetensors with only what inference needs, under the upstream tensor names. Dropped:
    `*.position_ids` and `albert.albert.embeddings.token_type_ids` (int64 buffers), the unused
    pooler `albert.albert.pooler.*`, and with --drop-mlm-head the masked-LM head
    (`vocab_transform.*`, `vocab_layer_norm.*`, `vocab_projector.*`). Every kept tensor is checked
    against the shape the config implies; an unknown tensor name, half a head (classifier.weight
    without classifier.bias, part of the MLM head) and a NaN or infinity are errors.

pytorch_model.bin is read without executing or importing anything: `load_pytorch_bin` interprets
the pickle opcodes that torch.save writes (protocols 2 to 5) itself. Tensors are rebuilt only
through torch._utils._rebuild_tensor_v2 and _rebuild_parameter, torch.<T>Storage and
collections.OrderedDict; any other global a pickle names is a placeholder recording its
"module.name", and an object built from one (REDUCE, NEWOBJ, NEWOBJ_EX) an opaque placeholder
recording that name, whose state and items are parsed and dropped. A pickle that calls such an
object as a function is refused (pickle writes that below protocol 4 for a class whose
__getnewargs_ex__ has keyword arguments). A training checkpoint (a dict with the state_dict under
'state_dict', 'model_state_dict' or 'model' beside anything else: the optimizer's state, the epoch,
Lightning's hyper_parameters, argparse.Namespace args, sets, bytes, numpy scalars, torch.Size, a
module kept for EMA) is read for that state_dict; its other entries are left out, and the command
line says which key it used and what it left out. The state_dict must hold only tensors: an object
in it is an error naming the entry and its class, and so is a whole module (torch.save(model), or
one under 'model').

Storage (--dtype); the file layout is the one of models/safetensors_io.py:
  f32   every tensor F32 (the default). F16 and BF16 inputs are widened exactly.
  f16   every tensor F16 (round to nearest even; a value beyond the f16 range is an error).
  int8  the 2-D Linear weights - `albert.projector.weight`, the shared layer's
        `attention.{query,key,value,dense}.weight`, `ffn.weight`, `ffn_output.weight`, the adapters'
        `block.0.weight` / `block.2.weight`, `classifier.weight`, and the MLM head's
        `vocab_transform.weight` / `vocab_projector.weight` when kept - are stored as
          <name>          I8  [out, in]   q = clamp(round_half_even(w / scale), -127, 127)
          <name>_scale    F32 [out]       scale = max(|w[o, :]|) / 127 (1.0 for an all-zero row)
        so that w[o, i] ~= q[o, i] * scale[o], within scale[o] / 2. Symmetric: no zero point,
        -128 is never used. Embedding tables, LayerNorm weights and all biases stay F32.
        With --int8-embeddings the three `albert.albert.embeddings.*_embeddings.weight` tables are
        quantized the same way per row (one scale per token / position / type, shape [rows]).
  The `__metadata__` always has "format": "pt" and "dtype": "f32" | "f16" | "int8". For int8 it also
  has "quantization": "int8-symmetric-per-output-channel" and "quantization_scale_suffix": "_scale";
  a loader finds the quantized tensors as the I8 ones and their scales as `<name>_scale`.
"""

import argparse
import json
import math
import os
import pickletools
import re
import reprlib
import shutil
import struct
import sys
import zipfile
import zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_io import SafetensorsError, read_safetensors, write_safetensors  # noqa: E402


class ConvertError(Exception):
    """A checkpoint that cannot be converted; the message says which file, tensor and rule."""


# --------------------------------------------------------------------------------------------
# Restricted reader for torch zip checkpoints.

# torch.<Name>Storage -> numpy type code of one element (without byte order).
# BFloat16 has no numpy dtype: it is read as its 16 bits and widened to float32 exactly.
_STORAGE_DTYPES = {
    "DoubleStorage": "f8", "FloatStorage": "f4", "HalfStorage": "f2", "BFloat16Storage": "bf16",
    "LongStorage": "i8", "IntStorage": "i4", "ShortStorage": "i2", "CharStorage": "i1",
    "ByteStorage": "u1", "BoolStorage": "b1",
}

_OPCODE_NAMES = {op.code.encode("latin-1")[0]: op.name for op in pickletools.opcodes}

# The pickle.dumps of data.pkl by torch <= 2.x stays far below this; the bound keeps a hostile
# archive from making us decompress gigabytes before the first check.
_MAX_PICKLE_BYTES = 64 << 20


class _StorageType:
    def __init__(self, name):
        self.name = name
        self.dtype = _STORAGE_DTYPES[name]

    def describe(self):
        return f"torch.{self.name}"


class _Reducer:
    """A whitelisted global that REDUCE may call: `fn(args)` builds the value from plain data."""

    def __init__(self, name, fn):
        self.name, self.fn = name, fn

    def describe(self):
        return self.name


class _StorageRef:
    def __init__(self, dtype, key, numel):
        self.dtype, self.key, self.numel = dtype, key, numel


class _TensorRef:
    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, size, stride


class _OrderedDictMarker(dict):
    """The dict built by collections.OrderedDict(); the only kind of dict that accepts BUILD."""


def _clip(text, limit=120):
    # Names come from the file: a hostile pickle can make them megabytes long.
    return text if len(text) <= limit else text[:limit] + "..."


class _Global:
    """Any global the reader does not know, standing in for it: nothing is imported or called.

    The module and name strings are kept apart and joined only for a message, so that a name
    referenced again and again through the memo costs no copy."""

    def __init__(self, module, name):
        self.module, self.name = module, name

    def describe(self):
        return f"{_clip(self.module)}.{_clip(self.name)}"

    def __repr__(self):
        return f"<global {self.describe()}>"


class _Object:
    """What REDUCE, NEWOBJ or NEWOBJ_EX of a _Global builds: an opaque object that records only
    its class (or factory). BUILD, SETITEM(S), APPEND(S) and ADDITEMS on it are checked as pickle
    structure and their operands dropped: none of it is ever read."""

    def __init__(self, cls):
        self.cls = cls

    def describe(self):
        return self.cls.describe()

    def __repr__(self):
        return f"<{self.describe()} object>"


class _Set:
    """A set or frozenset (EMPTY_SET and ADDITEMS, FROZENSET). Its items are kept in a list and
    never hashed: hashing tuples by value costs time that memo references can make exponential
    in the file size."""

    def __init__(self, items, frozen):
        self.items, self.frozen = items, frozen

    def __repr__(self):
        return f"<{'frozenset' if self.frozen else 'set'} of {len(self.items)} items>"


class _Key:
    """A dict key other than a str or an int (a tuple, a float, an object: Lightning before 1.5
    keyed 'callbacks' by class), hashed by identity for the reason _Set gives. Such keys are
    only ever data outside the state_dict, where no key is looked up."""

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return _short(self.value)


# Values Python cannot hash, so no real pickle has them as a dict key or a set item.
_UNHASHABLE = (list, dict, bytearray)


def _describe(value):
    """What a pickle value is, for a message: 'a torch.nn.modules.linear.Linear object'."""
    if isinstance(value, (_Global, _Reducer, _StorageType)):
        return f"{value.describe()} (a class or function)"
    if value is None:
        return "None"
    if isinstance(value, _Object):
        what = f"{value.describe()} object"
    elif isinstance(value, _TensorRef):
        what = "tensor"
    elif isinstance(value, _StorageRef):
        what = "storage"
    elif isinstance(value, _Set):
        what = "frozenset" if value.frozen else "set"
    elif isinstance(value, dict):
        what = "dict"
    else:
        what = type(value).__name__
    return ("an " if what[0] in "aeiouAEIOU" else "a ") + what


# Pickle values in messages: bounded in length and depth (a hostile pickle can nest deeply).
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 3, 80, 80


def _short(value):
    return _REPR.repr(value)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _rebuild_tensor_v2(args):
    # torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad,
    #                                 backward_hooks[, metadata])
    if not isinstance(args, tuple) or len(args) not in (6, 7):
        raise ConvertError(f"_rebuild_tensor_v2 expects 6 or 7 arguments, got {_short(args)}")
    storage, offset, size, stride = args[:4]
    if not isinstance(storage, _StorageRef):
        raise ConvertError("_rebuild_tensor_v2: first argument is not a persistent storage")
    if not _is_int(offset) or offset < 0:
        raise ConvertError(f"_rebuild_tensor_v2: invalid storage offset {_short(offset)}")
    for what, dims in (("size", size), ("stride", stride)):
        if not isinstance(dims, tuple) or not all(_is_int(d) and d >= 0 for d in dims):
            raise ConvertError(f"_rebuild_tensor_v2: invalid {what} {_short(dims)}")
    if len(size) != len(stride):
        raise ConvertError(f"_rebuild_tensor_v2: size {_short(size)} and stride "
                           f"{_short(stride)} differ in rank")
    if not isinstance(args[4], bool) or not isinstance(args[5], dict) or args[5]:
        raise ConvertError("_rebuild_tensor_v2: requires_grad must be a bool and backward_hooks "
                           "an empty dict")
    return _TensorRef(storage, offset, size, stride)


def _rebuild_parameter(args):
    # torch._utils._rebuild_parameter(data, requires_grad, backward_hooks): an nn.Parameter saved
    # as it is (state_dict(keep_vars=True), or a dict of parameters); its tensor is what counts.
    if not isinstance(args, tuple) or len(args) != 3 or not isinstance(args[0], _TensorRef):
        raise ConvertError(f"_rebuild_parameter expects (tensor, requires_grad, backward_hooks), got {_short(args)}")
    if not isinstance(args[1], bool) or not isinstance(args[2], dict) or args[2]:
        raise ConvertError("_rebuild_parameter: requires_grad must be a bool and backward_hooks an empty dict")
    return args[0]


def _ordered_dict(args):
    if args != ():
        raise ConvertError(f"collections.OrderedDict called with arguments {_short(args)}")
    return _OrderedDictMarker()


_GLOBALS = {
    ("torch._utils", "_rebuild_tensor_v2"): _Reducer("torch._utils._rebuild_tensor_v2",
                                                     _rebuild_tensor_v2),
    ("torch._utils", "_rebuild_parameter"): _Reducer("torch._utils._rebuild_parameter",
                                                     _rebuild_parameter),
    ("collections", "OrderedDict"): _Reducer("collections.OrderedDict", _ordered_dict),
}
for _name in _STORAGE_DTYPES:
    _GLOBALS[("torch", _name)] = _StorageType(_name)


def _persistent_load(pid):
    # torch.save writes ('storage', torch.<T>Storage, key, location, numel) for each storage.
    if (not isinstance(pid, tuple) or len(pid) != 5 or pid[0] != "storage"
            or not isinstance(pid[1], _StorageType) or not isinstance(pid[2], str)
            or not isinstance(pid[3], str) or not _is_int(pid[4]) or pid[4] < 0):
        raise ConvertError(f"unsupported persistent id {_short(pid)}; expected "
                           "('storage', torch.<T>Storage, key, location, numel)")
    return _StorageRef(pid[1].dtype, pid[2], pid[4])


def parse_state_dict_pickle(data):
    """Interpret the pickle `data` of a torch checkpoint without executing or importing any of it.

    The opcodes understood are those torch.save emits (protocols 2 to 5) for a state_dict, or for
    a training checkpoint of state_dicts, plain data and objects. The only callables are the
    whitelisted globals above, mapped to functions here that build plain descriptions; any other
    global is a _Global placeholder, and what a pickle builds from one an opaque _Object. Returns
    the unpickled value: dicts, lists, tuples, str, bytes, bytearray, int, float, bool, None,
    _TensorRef, _Set, _Global and _Object (with _Key wrapping dict keys other than str and int).

    Work and memory stay proportional to the size of `data`: every opcode makes at most one new
    value from its operands, and nothing is hashed by value but str and int dict keys and the
    (module, name) strings of a global, whose hashes cost no more than reading them."""
    stack, metastack, memo = [], [], {}
    pos = 0

    def take(n, opname):
        nonlocal pos
        if pos + n > len(data):
            raise ConvertError(f"pickle truncated: {opname} at offset {op_pos} needs {n} bytes, "
                               f"{len(data) - pos} left")
        chunk = data[pos:pos + n]
        pos += n
        return chunk

    def take_line(opname):
        nonlocal pos
        end = data.find(b"\n", pos)
        if end < 0:
            raise ConvertError(f"pickle truncated: {opname} at offset {op_pos} has no newline")
        line = data[pos:end]
        pos = end + 1
        return line.decode("utf-8", errors="replace")

    def pop(opname):
        if not stack:
            raise ConvertError(f"malformed pickle: {opname} at offset {op_pos} on an empty stack")
        return stack.pop()

    def pop_mark(opname):
        nonlocal stack
        if not metastack:
            raise ConvertError(f"malformed pickle: {opname} at offset {op_pos} without MARK")
        items = stack
        stack = metastack.pop()
        return items

    def find_global(module, name):
        # Never imported: a global the reader does not know only stands in for itself.
        return _GLOBALS.get((module, name)) or _Global(module, name)

    def check_hashable(value, opname):
        if isinstance(value, _UNHASHABLE) or (isinstance(value, _Set) and not value.frozen):
            raise ConvertError(f"malformed pickle: {opname} at offset {op_pos}: {_describe(value)} "
                               f"cannot be a dict key or a set item")

    def set_items(target, items, opname):
        if not isinstance(target, (dict, _Object)) or len(items) % 2:
            raise ConvertError(f"malformed pickle: {opname} at offset {op_pos} on "
                               f"{_describe(target)} with {len(items)} items")
        for i in range(0, len(items), 2):
            key = items[i]
            check_hashable(key, opname)
            if isinstance(target, dict):
                target[key if isinstance(key, (str, int)) else _Key(key)] = items[i + 1]

    def new_object(cls, args, opname):
        # REDUCE, NEWOBJ and NEWOBJ_EX of an unknown global: nothing is called.
        if not isinstance(cls, _Global):
            what = cls.describe() if isinstance(cls, (_Reducer, _StorageType)) else _describe(cls)
            raise ConvertError(f"pickle {opname} at offset {op_pos} calls {what}, which is not "
                               f"an allowed callable")
        if not isinstance(args, tuple):
            raise ConvertError(f"malformed pickle: {opname} at offset {op_pos} with "
                               f"non-tuple arguments")
        return _Object(cls)

    while True:
        op_pos = pos
        if pos >= len(data):
            raise ConvertError(f"pickle truncated at offset {pos}: no STOP opcode")
        op = data[pos]
        pos += 1
        name = _OPCODE_NAMES.get(op)
        if name is None:
            raise ConvertError(f"unknown pickle opcode 0x{op:02x} at offset {op_pos}")

        if name == "PROTO":
            proto = take(1, name)[0]
            if proto > 5:
                raise ConvertError(f"unsupported pickle protocol {proto}")
        elif name == "FRAME":  # protocol 4 framing: the frame length carries no data
            take(8, name)
        elif name == "STOP":
            result = pop(name)
            if stack or metastack:
                raise ConvertError(f"malformed pickle: {len(stack)} values left on the stack at "
                                   f"STOP")
            if pos != len(data):
                raise ConvertError(f"malformed pickle: {len(data) - pos} bytes after STOP")
            return result
        elif name == "MARK":
            metastack.append(stack)
            stack = []
        elif name == "EMPTY_DICT":
            stack.append({})
        elif name == "EMPTY_LIST":
            stack.append([])
        elif name == "EMPTY_TUPLE":
            stack.append(())
        elif name == "EMPTY_SET":
            stack.append(_Set([], frozen=False))
        elif name == "LIST":
            items = pop_mark(name)  # pop_mark rebinds `stack`: append afterwards
            stack.append(items)
        elif name == "DICT":
            items = pop_mark(name)
            stack.append({})
            set_items(stack[-1], items, name)
        elif name == "FROZENSET":
            items = pop_mark(name)
            for item in items:
                check_hashable(item, name)
            stack.append(_Set(items, frozen=True))
        elif name == "NONE":
            stack.append(None)
        elif name == "NEWTRUE":
            stack.append(True)
        elif name == "NEWFALSE":
            stack.append(False)
        elif name == "BININT":
            stack.append(struct.unpack("<i", take(4, name))[0])
        elif name == "BININT1":
            stack.append(take(1, name)[0])
        elif name == "BININT2":
            stack.append(struct.unpack("<H", take(2, name))[0])
        elif name == "BINFLOAT":  # an optimizer's lr, betas, eps in a training checkpoint
            stack.append(struct.unpack(">d", take(8, name))[0])
        elif name == "LONG1":
            n = take(1, name)[0]
            stack.append(int.from_bytes(take(n, name), "little", signed=True))
        elif name in ("BINUNICODE", "SHORT_BINUNICODE", "BINUNICODE8"):
            width = {"BINUNICODE": 4, "SHORT_BINUNICODE": 1, "BINUNICODE8": 8}[name]
            n = int.from_bytes(take(width, name), "little")
            try:
                stack.append(take(n, name).decode("utf-8"))
            except UnicodeDecodeError:
                raise ConvertError(f"malformed pickle: {name} at offset {op_pos} is not UTF-8") \
                    from None
        elif name in ("BINBYTES", "SHORT_BINBYTES", "BINBYTES8", "BYTEARRAY8"):
            width = {"BINBYTES": 4, "SHORT_BINBYTES": 1, "BINBYTES8": 8, "BYTEARRAY8": 8}[name]
            chunk = take(int.from_bytes(take(width, name), "little"), name)
            stack.append(bytearray(chunk) if name == "BYTEARRAY8" else chunk)
        elif name == "TUPLE":
            items = tuple(pop_mark(name))  # pop_mark rebinds `stack`: append afterwards
            stack.append(items)
        elif name in ("TUPLE1", "TUPLE2", "TUPLE3"):
            n = int(name[-1])
            if len(stack) < n:
                raise ConvertError(f"malformed pickle: {name} at offset {op_pos} needs {n} values")
            items = tuple(stack[-n:])
            del stack[-n:]
            stack.append(items)
        elif name == "GLOBAL":
            module = take_line(name)
            qualname = take_line(name)
            stack.append(find_global(module, qualname))
        elif name == "STACK_GLOBAL":
            qualname, module = pop(name), pop(name)
            if not isinstance(module, str) or not isinstance(qualname, str):
                raise ConvertError(f"malformed pickle: STACK_GLOBAL at offset {op_pos} on "
                                   f"non-strings")
            stack.append(find_global(module, qualname))
        elif name == "BINPERSID":
            stack.append(_persistent_load(pop(name)))
        elif name == "REDUCE":
            args, fn = pop(name), pop(name)
            if isinstance(fn, _Reducer):
                if not isinstance(args, tuple):
                    raise ConvertError(f"malformed pickle: REDUCE at offset {op_pos} with "
                                       f"non-tuple arguments")
                stack.append(fn.fn(args))
            else:
                stack.append(new_object(fn, args, name))
        elif name == "NEWOBJ":
            args, cls = pop(name), pop(name)
            stack.append(new_object(cls, args, name))
        elif name == "NEWOBJ_EX":
            kwargs, args, cls = pop(name), pop(name), pop(name)
            if not isinstance(kwargs, dict):
                raise ConvertError(f"malformed pickle: NEWOBJ_EX at offset {op_pos} with "
                                   f"non-dict keyword arguments")
            stack.append(new_object(cls, args, name))
        elif name == "BUILD":
            # torch's state_dict is an OrderedDict whose `_metadata` attribute (module versions)
            # arrives through BUILD; it holds no weights, so the state is checked and dropped. An
            # opaque object's state (a module's parameters, a Namespace's fields) is dropped too.
            state = pop(name)
            if not stack or not isinstance(stack[-1], (_OrderedDictMarker, _Object)):
                raise ConvertError(f"pickle BUILD at offset {op_pos} on something other than an "
                                   f"OrderedDict or an object is not allowed")
            if isinstance(stack[-1], _OrderedDictMarker) and not isinstance(state, (dict, tuple)):
                raise ConvertError(f"malformed pickle: BUILD state is {type(state).__name__}")
        elif name == "POP":
            pop(name)
        elif name == "POP_MARK":
            pop_mark(name)
        elif name == "DUP":
            if not stack:
                raise ConvertError(f"malformed pickle: DUP at offset {op_pos} on empty stack")
            stack.append(stack[-1])
        elif name in ("BINPUT", "LONG_BINPUT"):
            if not stack:
                raise ConvertError(f"malformed pickle: {name} at offset {op_pos} on empty stack")
            index = take(1, name)[0] if name == "BINPUT" else struct.unpack("<I", take(4, name))[0]
            memo[index] = stack[-1]
        elif name == "MEMOIZE":
            if not stack:
                raise ConvertError(f"malformed pickle: MEMOIZE at offset {op_pos} on empty stack")
            memo[len(memo)] = stack[-1]
        elif name in ("BINGET", "LONG_BINGET"):
            index = take(1, name)[0] if name == "BINGET" else struct.unpack("<I", take(4, name))[0]
            if index not in memo:
                raise ConvertError(f"malformed pickle: {name} at offset {op_pos} reads memo "
                                   f"{index}, which was never stored")
            stack.append(memo[index])
        elif name == "SETITEM":
            value, key = pop(name), pop(name)
            set_items(stack[-1] if stack else None, [key, value], name)
        elif name == "SETITEMS":
            items = pop_mark(name)
            set_items(stack[-1] if stack else None, items, name)
        elif name in ("APPEND", "APPENDS"):
            items = [pop(name)] if name == "APPEND" else pop_mark(name)
            target = stack[-1] if stack else None
            if not isinstance(target, (list, _Object)):
                raise ConvertError(f"malformed pickle: {name} at offset {op_pos} on "
                                   f"{_describe(target)}, not a list")
            if isinstance(target, list):
                target.extend(items)
        elif name == "ADDITEMS":
            items = pop_mark(name)
            target = stack[-1] if stack else None
            if not (isinstance(target, _Set) and not target.frozen) \
                    and not isinstance(target, _Object):
                raise ConvertError(f"malformed pickle: ADDITEMS at offset {op_pos} on "
                                   f"{_describe(target)}, not a set")
            for item in items:
                check_hashable(item, name)
            if isinstance(target, _Set):
                target.items.extend(items)
        else:
            raise ConvertError(f"pickle opcode {name} (0x{op:02x}) at offset {op_pos} is not "
                               f"allowed in a state_dict")


def _storage_numpy_dtype(dtype, byteorder):
    if dtype == "bf16":
        return np.dtype(byteorder + "u2")
    if dtype in ("i1", "u1", "b1"):
        return np.dtype(dtype)
    return np.dtype(byteorder + dtype)


def _materialize(name, ref, storage_bytes, byteorder):
    size, stride, offset = ref.size, ref.stride, ref.offset
    numel = int(np.prod(size, dtype=object))
    if numel > 0:
        extent = offset + sum((d - 1) * s for d, s in zip(size, stride)) + 1
        if extent > ref.storage.numel:
            raise ConvertError(f"tensor '{name}': size {list(size)}, stride {list(stride)} at "
                               f"offset {offset} needs {extent} elements; its storage "
                               f"'{ref.storage.key}' has {ref.storage.numel}")
        expected = 1
        for d, s in reversed(list(zip(size, stride))):
            if d != 1 and s != expected:
                raise ConvertError(f"tensor '{name}' is not contiguous (size {list(size)}, "
                                   f"stride {list(stride)}); save a .contiguous() copy")
            expected *= d
    dtype = _storage_numpy_dtype(ref.storage.dtype, byteorder)
    if numel == 0:
        return np.zeros(size, dtype=np.float32 if ref.storage.dtype == "bf16" else dtype)
    array = np.frombuffer(storage_bytes, dtype=dtype, count=numel, offset=offset * dtype.itemsize)
    if ref.storage.dtype == "bf16":
        array = (array.astype(np.uint32) << 16).view(np.float32)
    else:
        array = array.astype(dtype.newbyteorder("="))
    return array.reshape(size)


# What zipfile raises on a damaged archive (UnicodeDecodeError, for names, is a ValueError;
# RuntimeError, for an encrypted entry).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError,
               RuntimeError)


def _read_entry(archive, entry, path):
    try:
        return archive.read(entry)
    except _ZIP_ERRORS as e:
        raise ConvertError(f"{path}: cannot read zip entry '{entry}': {e}") from None


# Where training scripts put the state_dict in a checkpoint dict (torch.save({'model': ...,
# 'optimizer': ..., 'epoch': ...})): Lightning's and timm's key, the PyTorch tutorial's, and
# torchvision's reference scripts'.
CHECKPOINT_KEYS = ("state_dict", "model_state_dict", "model")


def _first_non_tensor(state):
    """The first (name, value) of `state` that is not a name -> tensor entry, or None."""
    for name, value in state.items():
        if not isinstance(name, str) or not isinstance(value, _TensorRef):
            return name, value
    return None


# A pickled module keeps its weights in attributes that only its class's code could rebuild.
_WHOLE_MODULE = "a whole module cannot be read without running its code"


def _find_state_dict(state, path):
    """(state_dict, key): `state` itself and None when it is a state_dict, else the one state_dict
    a training checkpoint holds and its CHECKPOINT_KEYS key. The rest of a checkpoint is data
    that is never read; an object in it (hyper-parameters, argparse.Namespace, a module kept for
    EMA) is an opaque placeholder, never built."""
    if isinstance(state, _Object):  # torch.save(model)
        raise ConvertError(f"{path}: the pickle holds {_describe(state)}, not a state_dict "
                           f"({_WHOLE_MODULE}); save model.state_dict() instead")
    if not isinstance(state, dict):
        raise ConvertError(f"{path}: the pickle holds {_describe(state)}, not a state_dict")
    entry = _first_non_tensor(state)
    if entry is None:
        return state, None
    found = [k for k in CHECKPOINT_KEYS if isinstance(state.get(k), dict) and state[k]
             and _first_non_tensor(state[k]) is None]
    if len(found) == 1:
        return state[found[0]], found[0]
    if found:
        raise ConvertError(f"{path}: the training checkpoint holds a state_dict under each of "
                           + ", ".join(repr(k) for k in found) + "; save the one to convert "
                           f"alone (torch.save(checkpoint[{found[0]!r}], 'pytorch_model.bin'))")
    for key in CHECKPOINT_KEYS:
        value = state.get(key)
        if isinstance(value, _Object):  # torch.save({'model': model})
            raise ConvertError(f"{path}: {key!r} holds {_describe(value)}, not a state_dict "
                               f"({_WHOLE_MODULE}); save model.state_dict() under {key!r} "
                               f"instead")
        # A state_dict with an object among its tensors.
        if isinstance(value, dict) and value and all(
                isinstance(n, str) and isinstance(v, (_TensorRef, _Object, _Global))
                for n, v in value.items()):
            name, bad = _first_non_tensor(value)
            raise ConvertError(f"{path}: entry {_short(name)} of the state_dict under {key!r} is "
                               f"{_describe(bad)}, not a tensor; save model.state_dict() alone")
    keys = [k for k in state if isinstance(k, str)]
    raise ConvertError(f"{path}: entry {_short(entry[0])} is not a tensor (it is "
                       f"{_describe(entry[1])}; a state_dict maps names to tensors), and none of "
                       f"'state_dict', 'model_state_dict' or 'model' holds a state_dict as in a "
                       f"training checkpoint (keys: {_short(keys)}); save model.state_dict() alone")


def load_pytorch_bin(path):
    """Read a torch zip checkpoint (a state_dict) safely: (tensors, key, left_out).

    tensors maps each name to a numpy array; BF16 tensors come back as float32 (exact). A
    training checkpoint gives the state_dict it holds (see _find_state_dict): key is its
    CHECKPOINT_KEYS key (None for a bare state_dict) and left_out the checkpoint's other top-level
    keys. Only that state_dict's storages are read. Legacy (pre-1.6, non-zip) files are refused."""
    try:
        with open(path, "rb") as f:
            magic = f.read(4)
    except FileNotFoundError:
        raise ConvertError(f"{path}: file not found") from None
    except OSError as e:
        raise ConvertError(f"{path}: {e.strerror}") from None
    try:
        archive = zipfile.ZipFile(path)
    except _ZIP_ERRORS as e:
        # The first bytes tell a damaged archive from a file in another format.
        if magic == b"PK\x03\x04":
            raise ConvertError(f"{path}: truncated or damaged zip archive ({e}); copy the "
                               f"checkpoint again") from None
        if magic[:1] == b"\x80":  # pickle PROTO: what torch.save wrote before the zip format
            raise ConvertError(f"{path}: not a readable torch zip archive but a pickle. Legacy "
                               f"torch files (torch < 1.6 or _use_new_zipfile_serialization=False) "
                               f"are not supported: re-save the state_dict with a recent "
                               f"torch.save, or as model.safetensors") from None
        raise ConvertError(f"{path}: not a torch checkpoint (starts with {magic!r}; a torch zip "
                           f"archive starts with b'PK\\x03\\x04')") from None
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        pickles = [n for n in infos if n.endswith("/data.pkl") and n.count("/") == 1]
        if len(pickles) != 1:
            raise ConvertError(f"{path}: expected one '<folder>/data.pkl' entry, found "
                               f"{len(pickles)}")
        prefix = pickles[0][:-len("data.pkl")]
        byteorder = "<"
        if prefix + "byteorder" in infos:
            order = _read_entry(archive, prefix + "byteorder", path).strip()
            if order not in (b"little", b"big"):
                raise ConvertError(f"{path}: unknown byteorder {order!r}")
            byteorder = "<" if order == b"little" else ">"
        if infos[pickles[0]].file_size > _MAX_PICKLE_BYTES:
            raise ConvertError(f"{path}: {pickles[0]} is {infos[pickles[0]].file_size} bytes, "
                               f"more than a state_dict needs")
        try:
            state = parse_state_dict_pickle(_read_entry(archive, pickles[0], path))
        except ConvertError as e:
            raise ConvertError(f"{path}: {e}") from None
        checkpoint = state
        state, checkpoint_key = _find_state_dict(checkpoint, path)
        # Keys other than str are ints or _Key wrappers, whose repr is bounded.
        left_out = [] if checkpoint_key is None else [k if isinstance(k, str) else repr(k)
                                                      for k in checkpoint if k != checkpoint_key]

        storages = {}
        tensors = {}
        for name, ref in state.items():
            key = ref.storage.key
            entry = prefix + "data/" + key
            if key not in storages:
                if entry not in infos:
                    raise ConvertError(f"{path}: tensor '{name}': storage '{key}' is missing "
                                       f"from the archive (no entry '{entry}')")
                itemsize = _storage_numpy_dtype(ref.storage.dtype, byteorder).itemsize
                expected = ref.storage.numel * itemsize
                if infos[entry].file_size != expected:
                    raise ConvertError(f"{path}: tensor '{name}': storage entry '{entry}' has "
                                       f"{infos[entry].file_size} bytes; {ref.storage.numel} "
                                       f"elements of {ref.storage.dtype} need {expected}")
                storages[key] = (ref.storage.dtype, ref.storage.numel,
                                 _read_entry(archive, entry, path))
            dtype, numel, data = storages[key]
            if (dtype, numel) != (ref.storage.dtype, ref.storage.numel):
                raise ConvertError(f"{path}: tensor '{name}': storage '{key}' is declared both as "
                                   f"{numel} x {dtype} and {ref.storage.numel} x "
                                   f"{ref.storage.dtype}")
            try:
                tensors[name] = _materialize(name, ref, data, byteorder)
            except ConvertError as e:
                raise ConvertError(f"{path}: {e}") from None
    return tensors, checkpoint_key, left_out


# --------------------------------------------------------------------------------------------
# What a miniALBERT model directory must hold.

PREFIX = "albert.albert."
LAYER = PREFIX + "encoder.albert_layer_groups.0.albert_layers.0."
MLM_HEAD = ("vocab_transform.", "vocab_layer_norm.", "vocab_projector.")
EMBEDDING_TABLES = tuple(PREFIX + f"embeddings.{t}_embeddings.weight"
                         for t in ("word", "position", "token_type"))
# The integer keys core/loader/config-json.cpp reads: key -> (lowest, highest, default), where a
# default of None means the key is required. check_config mirrors that parser, so that every
# directory written here loads.
CONFIG_INTS = {
    "vocab_size": (1, 1 << 24, None),
    "embedding_size": (1, 1 << 16, None),
    "hidden_size": (1, 1 << 16, None),
    "num_hidden_layers": (1, 1024, None),
    "num_attention_heads": (1, 1 << 12, None),
    "intermediate_size": (1, 1 << 18, None),
    "max_position_embeddings": (1, 1 << 16, 512),
    "type_vocab_size": (1, 1 << 16, 2),
    "reduction_factor": (1, 1 << 16, 16),
}
ACTIVATIONS = ("gelu", "gelu_python", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu")
# transformers' PretrainedConfig accepts these (None is JSON null); the engine reads the same.
PROBLEM_TYPES = (None, "regression", "single_label_classification", "multi_label_classification")

# An id2label key as the engine's strtol reads it: optional C whitespace and sign, then digits.
_LABEL_ID = re.compile(r"[ \t\n\v\f\r]*[+-]?[0-9]+")
# Copied when SRC_DIR has them. One left in DST_DIR by an earlier conversion but absent from
# SRC_DIR is removed: the engine would read it, and the output must describe the source alone.
TOKENIZER_FILES = ("vocab.txt", "tokenizer.json", "tokenizer_config.json",
                   "special_tokens_map.json", "added_tokens.json")
MANAGED_FILES = ("config.json", "model.safetensors") + TOKENIZER_FILES  # all we may write


def check_config(config, path="config.json"):
    """Check `config` as the engine's config parser does; return the sizes (defaults filled in)."""
    if not isinstance(config, dict):
        raise ConvertError(f"{path}: not a JSON object")
    sizes = {}
    for key, (lo, hi, default) in CONFIG_INTS.items():
        if key in config and config[key] is None:
            raise ConvertError(f"{path}: '{key}' must be an integer; got null")
        value = config.get(key, default)
        if value is None:
            raise ConvertError(f"{path}: missing required key '{key}'")
        if not _is_int(value):
            raise ConvertError(f"{path}: '{key}' must be an integer; got {_short(value)}")
        if not lo <= value <= hi:
            raise ConvertError(f"{path}: '{key}' = {value} is out of range [{lo}, {hi}]")
        sizes[key] = value
    if sizes["hidden_size"] % sizes["num_attention_heads"]:
        raise ConvertError(f"{path}: hidden_size {sizes['hidden_size']} is not a multiple of "
                           f"num_attention_heads {sizes['num_attention_heads']}")
    use_adapter = config.get("use_adapter", False)
    if not isinstance(use_adapter, bool):
        raise ConvertError(f"{path}: 'use_adapter' must be true or false; "
                           f"got {_short(use_adapter)}")
    sizes["use_adapter"] = use_adapter
    if use_adapter and sizes["hidden_size"] // sizes["reduction_factor"] < 1:
        raise ConvertError(f"{path}: hidden_size {sizes['hidden_size']} / reduction_factor "
                           f"{sizes['reduction_factor']} leaves no adapter width")
    eps = config.get("layer_norm_eps", 1e-12)
    if not isinstance(eps, (int, float)) or isinstance(eps, bool) or not 0 < eps <= 1:
        raise ConvertError(f"{path}: 'layer_norm_eps' must be a number in (0, 1]; "
                           f"got {_short(eps)}")
    act = config.get("hidden_act", "gelu")
    if act not in ACTIVATIONS:
        raise ConvertError(f"{path}: unsupported 'hidden_act' {_short(act)} (supported: "
                           f"{', '.join(ACTIVATIONS)})")
    for key in ("num_hidden_groups", "inner_group_num"):
        if key in config and not (_is_int(config[key]) and config[key] == 1):
            raise ConvertError(f"{path}: '{key}' = {_short(config[key])} is unsupported "
                               f"(miniALBERT shares exactly one layer)")
    if config.get("position_embedding_type", "absolute") != "absolute":
        raise ConvertError(f"{path}: 'position_embedding_type' "
                           f"{_short(config['position_embedding_type'])} is unsupported "
                           f"(only \"absolute\")")
    problem_type = config.get("problem_type")
    if problem_type not in PROBLEM_TYPES:
        raise ConvertError(f"{path}: 'problem_type' must be null, "
                           f"{', '.join(repr(p) for p in PROBLEM_TYPES if p)}; got {_short(problem_type)}")
    id2label = config.get("id2label", {})
    if not isinstance(id2label, dict):
        raise ConvertError(f"{path}: 'id2label' must be an object; got {_short(id2label)}")
    seen = set()
    for key, label in id2label.items():
        index = int(key) if _LABEL_ID.fullmatch(key) else -1
        if not 0 <= index < len(id2label) or index in seen:
            raise ConvertError(f"{path}: 'id2label' key {_short(key)} is not one of "
                               f"0..{len(id2label) - 1} (each once)")
        if not isinstance(label, str):
            raise ConvertError(f"{path}: 'id2label'[{_short(key)}] must be a string; "
                               f"got {_short(label)}")
        seen.add(index)
    # An empty id2label is no id2label: the engine then names the labels LABEL_i.
    sizes["num_labels"] = len(id2label) or None
    return sizes


def expected_tensors(sizes):
    """Name -> (shape, group) for every tensor inference may use. None in a shape: any size.

    group is None for a required tensor, else the name of an optional part (a head) whose tensors
    must be all present or all absent: the engine refuses half a head."""
    E, H, I = sizes["embedding_size"], sizes["hidden_size"], sizes["intermediate_size"]
    V, N, P = sizes["vocab_size"], sizes["num_hidden_layers"], sizes["max_position_embeddings"]
    table = {
        PREFIX + "embeddings.word_embeddings.weight": ((V, E), None),
        PREFIX + "embeddings.position_embeddings.weight": ((P, E), None),
        PREFIX + "embeddings.token_type_embeddings.weight": ((sizes["type_vocab_size"], E), None),
        PREFIX + "embeddings.LayerNorm.weight": ((E,), None),
        PREFIX + "embeddings.LayerNorm.bias": ((E,), None),
    }
    # Upstream creates the projector only when the widths differ.
    if E != H:
        table["albert.projector.weight"] = ((H, E), None)
        table["albert.projector.bias"] = ((H,), None)
    linears = {"attention.query": (H, H), "attention.key": (H, H), "attention.value": (H, H),
               "attention.dense": (H, H), "ffn": (I, H), "ffn_output": (H, I)}
    for layer, shape in linears.items():
        table[LAYER + layer + ".weight"] = (shape, None)
        table[LAYER + layer + ".bias"] = ((shape[0],), None)
    for norm in ("attention.LayerNorm", "full_layer_layer_norm"):
        table[LAYER + norm + ".weight"] = ((H,), None)
        table[LAYER + norm + ".bias"] = ((H,), None)
    if sizes["use_adapter"]:
        R = H // sizes["reduction_factor"]
        for kind in ("att_adapters", "mlp_adapters"):
            for i in range(N):
                adapter = f"albert.{kind}.{i}."
                table[adapter + "block.0.weight"] = ((R, H), None)
                table[adapter + "block.0.bias"] = ((R,), None)
                table[adapter + "block.2.weight"] = ((H, R), None)
                table[adapter + "block.2.bias"] = ((H,), None)
                table[adapter + "norm.weight"] = ((H,), None)
                table[adapter + "norm.bias"] = ((H,), None)
    # Heads are optional: an encoder-only directory is valid, the loader reports a missing head.
    L = sizes["num_labels"]
    table["classifier.weight"] = ((L, H), "classifier")
    table["classifier.bias"] = ((L,), "classifier")
    table["vocab_transform.weight"] = ((H, H), "masked-LM head")
    table["vocab_transform.bias"] = ((H,), "masked-LM head")
    table["vocab_layer_norm.weight"] = ((H,), "masked-LM head")
    table["vocab_layer_norm.bias"] = ((H,), "masked-LM head")
    table["vocab_projector.weight"] = ((V, H), "masked-LM head")
    table["vocab_projector.bias"] = ((V,), "masked-LM head")
    return table


def is_dropped(name, drop_mlm_head):
    return (name.endswith(".position_ids") or name == PREFIX + "embeddings.token_type_ids"
            or name.startswith(PREFIX + "pooler.")
            or (drop_mlm_head and name.startswith(MLM_HEAD)))


def _wrapper_prefix(unknown, table):
    """The prefix every unexpected name shares and whose removal leaves an expected name ('module.',
    Lightning's 'model.'), or None."""
    first = unknown[0]
    for i, c in enumerate(first):
        prefix = first[:i + 1]
        if c == "." and all(n.startswith(prefix) for n in unknown) \
                and any(n[len(prefix):] in table for n in unknown):
            return prefix
    return None


def select_tensors(tensors, sizes, drop_mlm_head=False, path="checkpoint"):
    """Drop what inference does not use and check the rest against the config.

    Returns (kept: dict name -> array, dropped: list of names)."""
    table = expected_tensors(sizes)
    kept, dropped = {}, []
    unknown = []
    for name in sorted(tensors):
        if is_dropped(name, drop_mlm_head):
            dropped.append(name)
        elif name in table:
            kept[name] = tensors[name]
        else:
            unknown.append(name)
    if unknown:
        # What the usual mistakes look like, and what to do about them.
        hint = ""
        prefix = _wrapper_prefix(unknown, table)
        if prefix == "module.":
            hint = ("; the names start with 'module.' (saved from a DataParallel wrapper): save "
                    "model.module.state_dict(), or strip that prefix")
        elif prefix:
            hint = (f"; the names start with '{prefix}' (saved from a wrapper, as a Lightning module "
                    f"holds the model as an attribute): save that attribute's state_dict(), or strip "
                    f"that prefix")
        elif any(n.endswith("_scale") and n[:-len("_scale")] in tensors for n in unknown):
            hint = ("; '*_scale' tensors are this converter's int8 output: convert the original "
                    "f32 checkpoint instead")
        raise ConvertError(f"{path}: {len(unknown)} unexpected tensor(s) for this config: "
                           + ", ".join(unknown[:8]) + (" ..." if len(unknown) > 8 else "") + hint)
    missing = [n for n, (_, group) in table.items() if group is None and n not in kept]
    if missing:
        raise ConvertError(f"{path}: {len(missing)} missing tensor(s): "
                           + ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else ""))
    for group in {g for _, g in table.values() if g is not None}:
        names = [n for n, (_, g) in table.items() if g == group]
        absent = [n for n in names if n not in kept]
        if absent and len(absent) < len(names):
            raise ConvertError(f"{path}: the {group} is incomplete: missing "
                               + ", ".join(absent) + "; a checkpoint has all of "
                               + ", ".join(names) + " or none")
    for name, array in kept.items():
        shape = table[name][0]
        if array.ndim != len(shape) or any(e is not None and e != d
                                           for e, d in zip(shape, array.shape)):
            expected = "[" + ", ".join("?" if e is None else str(e) for e in shape) + "]"
            raise ConvertError(f"{path}: tensor '{name}' has shape {list(array.shape)}; the "
                               f"config implies {expected}")
        if array.dtype.kind != "f":
            raise ConvertError(f"{path}: tensor '{name}' has dtype {array.dtype}; expected "
                               f"floating point")
        # The engine refuses NaN and infinities at load, whatever the storage type.
        bad = np.flatnonzero(~np.isfinite(array))
        if bad.size:
            at = [int(i) for i in np.unravel_index(bad[0], array.shape)]
            raise ConvertError(f"{path}: tensor '{name}' has a non-finite value "
                               f"({array.flat[bad[0]]}) at {at}; expected only finite values (is "
                               f"the checkpoint corrupt, or saved from a diverged training run?)")
    return kept, dropped


# --------------------------------------------------------------------------------------------
# Storage types.

def quantize_int8(weight):
    """Symmetric per-row int8: returns (q int8 [rows, cols], scale float32 [rows])."""
    w = np.asarray(weight, dtype=np.float64)
    maxabs = np.abs(w).max(axis=1) if w.shape[1] else np.zeros(w.shape[0])
    scale = (maxabs / 127.0).astype(np.float32)
    # An all-zero row quantizes to zeros with any scale; 1.0 keeps 1/scale finite for kernels.
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(w / scale.astype(np.float64)[:, None]), -127, 127).astype(np.int8)
    return q, scale


def is_int8_weight(name, array, int8_embeddings):
    if name in EMBEDDING_TABLES:
        return int8_embeddings
    return array.ndim == 2 and name.endswith(".weight")


def to_storage(tensors, dtype, int8_embeddings=False):
    """Return (tensors ready to write, metadata) for --dtype `dtype`."""
    metadata = {"format": "pt", "dtype": dtype}
    out = {}
    # Values are finite (select_tensors); one beyond the stored type's range would become inf.
    # F64 input can exceed float32 too; int8 scales are float32.
    target = np.float16 if dtype == "f16" else np.float32
    for name, array in tensors.items():
        magnitude = np.abs(array).max(initial=0.0)
        if magnitude > np.finfo(target).max:
            raise ConvertError(f"tensor '{name}' has a value of magnitude {magnitude:g}, beyond "
                               f"the {np.dtype(target).name} range"
                               + ("; convert with --dtype f32 or int8" if dtype == "f16" else ""))
        if dtype == "int8" and is_int8_weight(name, array, int8_embeddings):
            out[name], out[name + "_scale"] = quantize_int8(array)
        else:
            out[name] = array.astype(target)
    if dtype == "int8":
        metadata["quantization"] = "int8-symmetric-per-output-channel"
        metadata["quantization_scale_suffix"] = "_scale"
    return out, metadata


# --------------------------------------------------------------------------------------------

def _refuse_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text):
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text} is beyond a double's range")
    return value


MAX_JSON_DEPTH = 64  # core/loader/json-depth.h


def _check_engine_json(value, path, depth=1):
    """Refuse what the engine's JSON reader refuses and Python's reads: nesting deeper than
    MAX_JSON_DEPTH, and strings with a lone surrogate (no UTF-8 form)."""
    if isinstance(value, (dict, list)):
        if depth > MAX_JSON_DEPTH:
            raise ConvertError(f"{path}: nested deeper than {MAX_JSON_DEPTH} levels")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(key, str):
                _check_engine_json(key, path)
            _check_engine_json(item, path, depth + 1)
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ConvertError(f"{path}: a string holds a lone UTF-16 surrogate, which is not valid "
                               f"JSON text for the engine") from None


def load_weights(src_dir, weights=None):
    """(path, tensors, key, left_out) as load_pytorch_bin gives them; for a safetensors file key
    is None and left_out empty."""
    if weights is None:
        for candidate in ("model.safetensors", "pytorch_model.bin"):
            if os.path.isfile(os.path.join(src_dir, candidate)):
                weights = candidate
                break
        else:
            sharded = [f for f in ("model.safetensors.index.json", "pytorch_model.bin.index.json")
                       if os.path.isfile(os.path.join(src_dir, f))]
            raise ConvertError(f"{src_dir}: " + (f"sharded checkpoints ({sharded[0]}) are not "
                                                 f"supported" if sharded else
                                                 "no model.safetensors or pytorch_model.bin"))
    path = os.path.join(src_dir, weights)
    if not os.path.isfile(path):
        raise ConvertError(f"{path}: " + ("not a file" if os.path.exists(path) else
                                          "file not found"))
    if path.endswith(".safetensors"):
        try:
            return (path, read_safetensors(path), None, [])
        except SafetensorsError as e:
            raise ConvertError(str(e)) from None
    return (path,) + load_pytorch_bin(path)


def convert(src_dir, dst_dir, dtype="f32", drop_mlm_head=False, int8_embeddings=False,
            weights=None):
    """Convert `src_dir` into `dst_dir`; return a summary dict (for the command line report)."""
    if dtype not in ("f32", "f16", "int8"):
        raise ConvertError(f"unknown dtype {dtype!r} (expected f32, f16 or int8)")
    if int8_embeddings and dtype != "int8":
        raise ConvertError("--int8-embeddings needs --dtype int8")
    if os.path.exists(dst_dir) and os.path.exists(src_dir) and os.path.samefile(src_dir, dst_dir):
        raise ConvertError(f"{dst_dir}: the output directory must differ from the input")

    config_path = os.path.join(src_dir, "config.json")
    try:
        with open(config_path, "rb") as f:
            config_bytes = f.read()
        # As the engine's JSON parser: a UTF-8 BOM is skipped, NaN and Infinity are not JSON.
        config = json.loads(config_bytes.decode("utf-8-sig"), parse_constant=_refuse_constant,
                            parse_float=_finite_float)
    except OSError as e:
        raise ConvertError(f"{config_path}: {e.strerror}") from None
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise ConvertError(f"{config_path}: invalid JSON: {e}") from None
    _check_engine_json(config, config_path)
    sizes = check_config(config, config_path)

    tokenizer_files = [f for f in TOKENIZER_FILES if os.path.isfile(os.path.join(src_dir, f))]
    if "vocab.txt" not in tokenizer_files and "tokenizer.json" not in tokenizer_files:
        raise ConvertError(f"{src_dir}: no vocab.txt or tokenizer.json")

    weights_path, tensors, checkpoint_key, left_out = load_weights(src_dir, weights)
    kept, dropped = select_tensors(tensors, sizes, drop_mlm_head, weights_path)
    out, metadata = to_storage(kept, dtype, int8_embeddings)

    os.makedirs(dst_dir, exist_ok=True)
    # Checked before anything is written, so a refused directory is left as it was.
    for name in MANAGED_FILES:
        target, source = os.path.join(dst_dir, name), os.path.join(src_dir, name)
        if os.path.isdir(target):
            raise ConvertError(f"{target} is a directory; remove it or convert into another "
                               f"directory")
        # Writing through a link to the source would change the checkpoint itself.
        if os.path.exists(target) and os.path.exists(source) and os.path.samefile(target, source):
            raise ConvertError(f"{target} is {source} (a link to it); remove it or convert into "
                               f"another directory")
    removed = [name for name in TOKENIZER_FILES
               if name not in tokenizer_files and os.path.lexists(os.path.join(dst_dir, name))]
    for name in removed:
        os.remove(os.path.join(dst_dir, name))
    model_path = os.path.join(dst_dir, "model.safetensors")
    write_safetensors(model_path, out, metadata)
    with open(os.path.join(dst_dir, "config.json"), "wb") as f:
        f.write(config_bytes)
    for name in tokenizer_files:
        shutil.copyfile(os.path.join(src_dir, name), os.path.join(dst_dir, name))

    return {
        "weights": weights_path,
        "checkpoint_key": checkpoint_key,
        "left_out": left_out,
        "kept": len(kept),
        "dropped": dropped,
        "parameters": sum(int(a.size) for a in kept.values()),
        "bytes": os.path.getsize(model_path),
        "files": ["config.json", "model.safetensors"] + tokenizer_files,
        "removed": removed,
    }


def _checkpoint_source(summary, limit=8):
    """': the state_dict under 'model' of a training checkpoint (left out: epoch, optimizer)',
    or nothing for a bare state_dict. At most `limit` names, each clipped: a checkpoint can have
    thousands of keys, and a key can be any string."""
    key, left_out = summary["checkpoint_key"], summary["left_out"]
    if key is None:
        return ""
    text = f": the state_dict under {key!r} of a training checkpoint"
    if left_out:
        names = ", ".join(_clip(n, 40) for n in left_out[:limit])
        more = f" and {len(left_out) - limit} more" if len(left_out) > limit else ""
        text += f" (left out: {names}{more})"
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Convert a Hugging Face miniALBERT checkpoint directory into a web model "
                    "directory (config.json, tokenizer files, model.safetensors).")
    parser.add_argument("src_dir", help="checkpoint directory (config.json, weights, vocab.txt)")
    parser.add_argument("dst_dir", help="output directory (created if needed)")
    parser.add_argument("--dtype", choices=("f32", "f16", "int8"), default="f32",
                        help="weight storage (default f32); int8 = per-output-channel symmetric "
                             "Linear weights, the rest f32")
    parser.add_argument("--drop-mlm-head", action="store_true",
                        help="leave out the masked-LM head (vocab_transform, vocab_layer_norm, "
                             "vocab_projector)")
    parser.add_argument("--int8-embeddings", action="store_true",
                        help="with --dtype int8, also quantize the embedding tables per row")
    parser.add_argument("--weights", metavar="FILE",
                        help="weights file in SRC_DIR to read (default: model.safetensors, "
                             "else pytorch_model.bin)")
    args = parser.parse_args(argv)
    if args.int8_embeddings and args.dtype != "int8":
        parser.error("--int8-embeddings needs --dtype int8")
    try:
        summary = convert(args.src_dir, args.dst_dir, args.dtype, args.drop_mlm_head,
                          args.int8_embeddings, args.weights)
    except (ConvertError, SafetensorsError) as e:
        print(f"convert.py: error: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        print(f"convert.py: error: {where}{e.strerror or e}", file=sys.stderr)
        return 1
    print(f"read {summary['weights']}{_checkpoint_source(summary)}")
    if summary["dropped"]:
        print(f"dropped {len(summary['dropped'])}: {', '.join(summary['dropped'])}")
    if summary["removed"]:
        print(f"removed from {args.dst_dir} (not in {args.src_dir}): "
              f"{', '.join(summary['removed'])}")
    print(f"wrote {args.dst_dir}: {', '.join(summary['files'])}; {summary['kept']} tensors, "
          f"{summary['parameters']:,} parameters, model.safetensors {summary['bytes']:,} bytes "
          f"({args.dtype})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
