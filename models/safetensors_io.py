"""Read and write safetensors files with the standard library and numpy only.

Layout written (the one ../shared/golden/README.md describes, as the reference implementation
writes it):
  - 8 bytes: N, the header length, u64 little-endian;
  - N bytes: compact UTF-8 JSON, padded with spaces so that N is a multiple of 8. `__metadata__`
    comes first, then the tensor entries sorted by name, each
    {"dtype": ..., "shape": [...], "data_offsets": [begin, end]} relative to the data section;
  - the data section: tensors ordered by (element size descending, name), packed with no gaps, so
    every tensor starts at a multiple of its element size and they tile the section exactly.

API (others rely on it, keep it stable):
  write_safetensors(path, tensors, metadata=None)   tensors: dict name -> numpy array
  read_safetensors(path) -> dict name -> numpy array
  read_safetensors_metadata(path) -> dict str -> str (the `__metadata__` entry, {} when absent)

numpy has no bfloat16, so read_safetensors widens BF16 tensors to float32 (exactly: bf16 is the top
half of an f32). Everything else comes back with its stored dtype, in native byte order.
"""

import json
import os
import struct

import numpy as np

# safetensors dtype name <-> little-endian numpy dtype. BF16 is read only (see the docstring).
_DTYPES = {
    "F64": np.dtype("<f8"),
    "F32": np.dtype("<f4"),
    "F16": np.dtype("<f2"),
    "I64": np.dtype("<i8"),
    "I32": np.dtype("<i4"),
    "I16": np.dtype("<i2"),
    "I8": np.dtype("i1"),
    "U8": np.dtype("u1"),
    "BOOL": np.dtype("?"),
}
_ITEMSIZE = {name: dt.itemsize for name, dt in _DTYPES.items()}
_ITEMSIZE["BF16"] = 2

# A header larger than this is not a weight file (the reference implementation uses the same bound).
MAX_HEADER_BYTES = 100 * 1000 * 1000


class SafetensorsError(ValueError):
    """A file or a tensor dict that does not follow the safetensors format."""


def _dtype_name(dtype):
    for name, dt in _DTYPES.items():
        if dt.kind == dtype.kind and dt.itemsize == dtype.itemsize:
            return name
    raise SafetensorsError(f"dtype {dtype} cannot be stored in safetensors "
                           f"(supported: {', '.join(_DTYPES)})")


def write_safetensors(path, tensors, metadata=None):
    """Write `tensors` (dict name -> numpy array) to `path`.

    `metadata` is a dict of str -> str stored as `__metadata__`; it defaults to {"format": "pt"},
    which is what transformers expects. The file is written to a temporary name and then renamed,
    so a failed write never leaves a half-written model behind.
    """
    if metadata is None:
        metadata = {"format": "pt"}
    for key, value in metadata.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise SafetensorsError(f"metadata must map str to str; got {key!r}: {value!r}")

    arrays = {}
    for name, array in tensors.items():
        if not isinstance(name, str) or name == "__metadata__":
            raise SafetensorsError(f"invalid tensor name {name!r}")
        array = np.asarray(array)
        dtype_name = _dtype_name(array.dtype)
        arrays[name] = (dtype_name, np.ascontiguousarray(array, dtype=_DTYPES[dtype_name]))

    # Largest elements first keeps every tensor aligned to its element size without padding.
    order = sorted(arrays, key=lambda n: (-_ITEMSIZE[arrays[n][0]], n))
    entries = {}
    offset = 0
    for name in order:
        dtype_name, array = arrays[name]
        entries[name] = {"dtype": dtype_name, "shape": list(array.shape),
                         "data_offsets": [offset, offset + array.nbytes]}
        offset += array.nbytes

    header = {"__metadata__": metadata}
    for name in sorted(entries):
        header[name] = entries[name]
    header_bytes = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    header_bytes += b" " * (-len(header_bytes) % 8)

    tmp_path = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp_path, "wb") as f:
            f.write(struct.pack("<Q", len(header_bytes)))
            f.write(header_bytes)
            for name in order:
                f.write(arrays[name][1].tobytes())
        os.replace(tmp_path, path)
    finally:
        if os.path.exists(tmp_path):
            os.remove(tmp_path)


def _read_header(path, data):
    if len(data) < 8:
        raise SafetensorsError(f"{path}: {len(data)} bytes is too short for a safetensors file")
    (header_len,) = struct.unpack_from("<Q", data, 0)
    if header_len > MAX_HEADER_BYTES or header_len > len(data) - 8:
        raise SafetensorsError(f"{path}: header length {header_len} exceeds the file "
                               f"({len(data)} bytes) or the {MAX_HEADER_BYTES}-byte limit")
    try:
        header = json.loads(bytes(data[8:8 + header_len]).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise SafetensorsError(f"{path}: header is not valid UTF-8 JSON: {e}") from None
    if not isinstance(header, dict):
        raise SafetensorsError(f"{path}: header is not a JSON object")
    metadata = header.pop("__metadata__", {})
    if not isinstance(metadata, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        raise SafetensorsError(f"{path}: __metadata__ must map str to str")
    return header, metadata, 8 + header_len


def read_safetensors_metadata(path):
    """Return the `__metadata__` dict of the file at `path` ({} when it has none)."""
    with open(path, "rb") as f:
        head = f.read(8)
        if len(head) == 8:
            head += f.read(min(struct.unpack("<Q", head)[0], MAX_HEADER_BYTES))
    return _read_header(path, head)[1]


def read_safetensors(path):
    """Read every tensor of `path` into a dict name -> numpy array, validating the layout.

    Refuses: a header length beyond the file, non-JSON headers, unknown dtypes, bad shapes, offsets
    that disagree with shape x dtype, and tensors that overlap, leave gaps or do not cover the data
    section exactly (the same rules as the reference implementation).
    """
    with open(path, "rb") as f:
        data = bytearray(f.read())
    header, _, data_start = _read_header(path, data)
    data_len = len(data) - data_start

    spans = []
    for name, entry in header.items():
        if not isinstance(entry, dict) or set(entry) != {"dtype", "shape", "data_offsets"}:
            raise SafetensorsError(f"{path}: tensor '{name}': entry must have exactly "
                                   f"dtype, shape and data_offsets; got {entry!r}")
        dtype_name, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
        if dtype_name not in _ITEMSIZE:
            raise SafetensorsError(f"{path}: tensor '{name}': unsupported dtype {dtype_name!r}")
        if not isinstance(shape, list) or not all(
                isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape):
            raise SafetensorsError(f"{path}: tensor '{name}': invalid shape {shape!r}")
        if (not isinstance(offsets, list) or len(offsets) != 2
                or not all(isinstance(o, int) and not isinstance(o, bool) for o in offsets)):
            raise SafetensorsError(f"{path}: tensor '{name}': invalid data_offsets {offsets!r}")
        begin, end = offsets
        nbytes = _ITEMSIZE[dtype_name] * int(np.prod(shape, dtype=object))
        if not 0 <= begin <= end <= data_len:
            raise SafetensorsError(f"{path}: tensor '{name}': data_offsets [{begin}, {end}] "
                                   f"outside the data section of {data_len} bytes")
        if end - begin != nbytes:
            raise SafetensorsError(f"{path}: tensor '{name}': data_offsets [{begin}, {end}] hold "
                                   f"{end - begin} bytes; {dtype_name} {shape} needs {nbytes}")
        spans.append((begin, end, name))

    spans.sort()
    position = 0
    for begin, end, name in spans:
        if begin != position:
            what = "overlaps the previous tensor" if begin < position else "leaves a gap before it"
            raise SafetensorsError(f"{path}: tensor '{name}' at offset {begin} {what} "
                                   f"(expected offset {position})")
        position = end
    if position != data_len:
        raise SafetensorsError(f"{path}: tensors cover {position} bytes of a "
                               f"{data_len}-byte data section")

    tensors = {}
    for begin, end, name in spans:
        dtype_name, shape = header[name]["dtype"], header[name]["shape"]
        if dtype_name == "BF16":
            bits = np.frombuffer(data, dtype="<u2", count=(end - begin) // 2,
                                 offset=data_start + begin)
            array = (bits.astype(np.uint32) << 16).view(np.float32)
        else:
            dtype = _DTYPES[dtype_name]
            array = np.frombuffer(data, dtype=dtype, count=(end - begin) // dtype.itemsize,
                                  offset=data_start + begin)
            array = array.astype(dtype.newbyteorder("="), copy=False)
        tensors[name] = array.reshape(shape)
    return tensors
