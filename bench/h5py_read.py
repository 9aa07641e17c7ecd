#!/usr/bin/python3
"""h5py_read.py DIR: read every dataset of every .hd5/.h5 file under DIR with h5py.

This is the baseline for `qcterm ingest`: what a user would otherwise do, in one
process. Each file is opened, every dataset is read fully into numpy (ds[()], which
decompresses gzip chunks), and every attribute (the ml4h `date` attrs) is read.
Nothing is stored. Prints files, input bytes, wall time, files/s and MB/s (MB = 10^6
bytes of input files) on stdout.

Run with the Debian python (/usr/bin/python3) which has python3-h5py and python3-numpy.
"""
import os
import sys
import time

import h5py
import numpy as np


def files_under(root):
    out = []
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            if name.endswith((".hd5", ".h5", ".hdf5")):
                out.append(os.path.join(dirpath, name))
    out.sort()
    return out


def read_file(path):
    """Reads every dataset and attribute; returns (datasets, decoded bytes)."""
    datasets = 0
    decoded = 0
    with h5py.File(path, "r") as f:
        items = []
        f.visititems(lambda name, obj: items.append(obj))
        for obj in items:
            for key in obj.attrs:
                _ = obj.attrs[key]
            if isinstance(obj, h5py.Dataset):
                value = obj[()]
                datasets += 1
                decoded += value.nbytes if isinstance(value, np.ndarray) else len(value)
    return datasets, decoded


def main():
    if len(sys.argv) != 2:
        print("usage: h5py_read.py DIR", file=sys.stderr)
        return 2
    paths = files_under(sys.argv[1])
    if not paths:
        print(f"h5py_read.py: no HDF5 files under {sys.argv[1]}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    in_bytes = datasets = decoded = 0
    for p in paths:
        in_bytes += os.path.getsize(p)
        d, n = read_file(p)
        datasets += d
        decoded += n
    secs = time.perf_counter() - start
    print(
        f"h5py {h5py.__version__} (HDF5 {h5py.version.hdf5_version}): {len(paths)} files, "
        f"{datasets} datasets, {in_bytes / 1e6:.1f} MB in, {decoded / 1e6:.1f} MB decoded, "
        f"{secs:.3f} s, {len(paths) / secs:.1f} files/s, {in_bytes / 1e6 / secs:.1f} MB/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
