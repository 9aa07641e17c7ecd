#!/usr/bin/python3
"""pydicom_read.py DIR: read and decode every DICOM file under DIR with pydicom.

The baseline for `qcterm ingest` on DICOM folders: what a user would otherwise do,
in one process. Each file is parsed (pydicom.dcmread) and its pixels decoded
(ds.pixel_array, which for these native MR files is a numpy view of the stored
values); the sum of the pixels is taken so nothing is left lazy. Nothing is stored.
Prints files, input bytes, wall time, files/s and MB/s (MB = 10^6 bytes of input).

Run with the Debian python (/usr/bin/python3, python3-pydicom, python3-numpy).
"""
import os
import sys
import time

import pydicom


def main():
    root = sys.argv[1]
    paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".dcm"))
    start = time.perf_counter()
    total, nbytes = 0, 0
    for p in paths:
        ds = pydicom.dcmread(p)
        total += int(ds.pixel_array.sum())
        nbytes += os.path.getsize(p)
    wall = time.perf_counter() - start
    print("files %d  bytes %d  wall %.3f s  files/s %.1f  MB/s %.1f  (pixel sum %d)"
          % (len(paths), nbytes, wall, len(paths) / wall, nbytes / 1e6 / wall, total))


if __name__ == "__main__":
    main()
