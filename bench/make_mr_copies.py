#!/usr/bin/python3
"""make_mr_copies.py N OUTDIR: N single-frame MR DICOMs made from the shared cine.

The 16 frames of ../shared/testdata/ml4h/dicom/1000001_20208_2_0.zip are copied
round-robin, N files in all, into OUTDIR (flat, one .dcm per file). Each group of
16 copies is a new series of a new participant: new SeriesInstanceUID, PatientID
bench_<k>, and every file gets a new SOPInstanceUID (meta header too), so the
copies are distinct objects the way a folder of real exports would be. Pixel data
and everything else are untouched. Deterministic UIDs (derived from k and the frame).

Run with the Debian python (/usr/bin/python3, python3-pydicom).
"""
import io
import os
import sys
import zipfile

import pydicom
from pydicom.uid import generate_uid

ROOT = "1.2.826.0.1.3680043.8.498."
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "testdata", "ml4h",
                   "dicom", "1000001_20208_2_0.zip")


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    src = os.environ.get("SRC_ZIP", SRC)
    os.makedirs(out, exist_ok=True)
    with zipfile.ZipFile(src) as z:
        frames = [pydicom.dcmread(io.BytesIO(z.read(name))) for name in sorted(z.namelist()) if name.endswith(".dcm")]
    frames.sort(key=lambda ds: int(ds.InstanceNumber))
    for i in range(n):
        k, f = divmod(i, len(frames))
        ds = frames[f]
        ds.PatientID = "bench_%04d" % k
        ds.SeriesInstanceUID = generate_uid(prefix=ROOT, entropy_srcs=["series-%d" % k])
        sop = generate_uid(prefix=ROOT, entropy_srcs=["sop-%d-%d" % (k, f)])
        ds.SOPInstanceUID = sop
        ds.file_meta.MediaStorageSOPInstanceUID = sop
        ds.save_as(os.path.join(out, sop + ".dcm"), write_like_original=True)
    print("%d files in %s" % (n, out))


if __name__ == "__main__":
    main()
