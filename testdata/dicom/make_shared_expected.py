#!/usr/bin/python3
"""Reference values for the shared real DICOM files (../shared/testdata/real).

Run once with Debian's python3 (python3-pydicom, python3-numpy) and dcmtk, from
the repository root, with ../shared present:
    /usr/bin/python3 testdata/dicom/make_shared_expected.py
It writes testdata/dicom/shared_expected.json, which data/dicom_shared_test.go
compares qcterm's decoding with; the DICOM files themselves are not copied.

Per file: the stored values qcterm must produce (same rules as make_fixtures.py),
as a sum and a sampled grid per frame. Native, big endian, deflated and RLE files
are decoded by pydicom; JPEG by dcmtk's dcmdjpeg, JPEG-LS by dcmdjpls (then read
by pydicom). Lossy JPEG carries a tolerance against dcmdjpeg. JPEG 2000 cannot be
decoded with Debian's tools here: those files must report "not decodable here",
or, where gdcm is installed and an uncompressed twin exists, equal the twin.
Files qcterm refuses carry the reason it must give.
"""
import io
import json
import os
import subprocess
import tempfile

import numpy as np
import pydicom

ROOT = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.normpath(os.path.join(ROOT, "..", "..", "..", "shared", "testdata", "real"))
LOSSY_MAX = 2  # max |qcterm - dcmdjpeg| allowed for lossy JPEG (measured: 0)
JPEG = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"}
LOSSY = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"}
JPEGLS = {"1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"}
J2K = {"1.2.840.10008.1.2.4.90": "JPEG 2000 Lossless", "1.2.840.10008.1.2.4.91": "JPEG 2000"}
TWINS = {  # JPEG 2000 files and the uncompressed file holding the same pixels
    "pydicom/MR_small_jp2klossless.dcm": "pydicom/MR_small.dcm",
    "pydicom-data/emri_small_jpeg_2k_lossless.dcm": "pydicom-data/emri_small.dcm",
}
REFUSED = {  # files qcterm refuses, and the words its error must contain
    "pydicom/MR_truncated.dcm": "pixel data truncated",
    "dicomParser/deflate/report_dfl": "without pixel data or waveform",
}


def is_dicom(path):
    if path.endswith(".dcm"):
        return True
    with open(path, "rb") as f:
        head = f.read(132)
    return len(head) == 132 and head[128:] == b"DICM"


def stored(ds, a):
    """qcterm's stored values for pydicom's array a, shaped (frames, rows, cols[, 3])."""
    if int(ds.SamplesPerPixel) == 3:
        return a.astype(np.int64)
    if ds.PhotometricInterpretation == "PALETTE COLOR":
        rgb = pydicom.pixel_data_handlers.util.apply_color_lut(a, ds).astype(np.int64)
        bits = int(ds.RedPaletteColorLookupTableDescriptor[2])
        return rgb >> 8 if bits == 16 else rgb
    if int(ds.BitsAllocated) == 16:
        u = a.astype(np.int64) & 0xFFFF
        bits = int(ds.BitsStored)
        u &= (1 << bits) - 1
        if int(ds.PixelRepresentation) == 1:
            u = np.where(u >= 1 << (bits - 1), u - (1 << bits), u)
        return u
    return a.astype(np.int64)


def decoded(path, ts):
    """pydicom's data set and array for path, decompressed by dcmtk where pydicom cannot."""
    tool = "dcmdjpeg" if ts in JPEG else "dcmdjpls" if ts in JPEGLS else None
    if tool is None:
        ds = pydicom.dcmread(path, force=True)
        if "PixelData" not in ds:
            # pydicom/no_meta.dcm: one stray byte before an explicit-VR data set (qcterm skips it).
            with open(path, "rb") as f:
                ds = pydicom.dcmread(io.BytesIO(f.read()[1:]), force=True)
            ds.file_meta = pydicom.dataset.FileMetaDataset()
            ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.1"
        if "TransferSyntaxUID" not in ds.file_meta:
            ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2"
        return ds, ds.pixel_array
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "native.dcm")
        subprocess.run([tool, path, out], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ds = pydicom.dcmread(out)
        return ds, ds.pixel_array


def image_entry(ds, a):
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    if frames == 1:
        a = a[np.newaxis]
    v = stored(ds, a)
    rows, cols = int(ds.Rows), int(ds.Columns)
    sr, sc = max(1, rows // 12), max(1, cols // 12)
    channels = 3 if v.ndim == 4 else 1
    e = {"rows": rows, "cols": cols, "channels": channels,
         "dtype": "uint8" if channels == 3 or ds.BitsAllocated == 1 or (ds.BitsAllocated == 8 and ds.PixelRepresentation == 0)
         else "int16" if ds.PixelRepresentation == 1 else "uint16",
         "step_r": sr, "step_c": sc,
         "frames": [{"sum": int(f.sum()), "grid": [int(x) for x in f[::sr, ::sc].reshape(-1)]} for f in v]}
    return e


def ecg_entry(ds):
    out = []
    for g in ds.WaveformSequence:
        n, nch = int(g.NumberOfWaveformSamples), int(g.NumberOfWaveformChannels)
        raw = np.frombuffer(g.WaveformData, dtype="<i2" if g.WaveformSampleInterpretation == "SS" else "<u2")
        raw = raw[: n * nch].reshape(n, nch).astype(np.float64)
        leads, mv = [], []
        for c, ch in enumerate(g.ChannelDefinitionSequence):
            unit = {"uv": 0.001, "mv": 1.0, "v": 1000.0}.get(ch.ChannelSensitivityUnitsSequence[0].CodeValue.lower(), 1.0)
            scale = float(ch.ChannelSensitivity) * float(getattr(ch, "ChannelSensitivityCorrectionFactor", 1)) * unit
            leads.append(ch.ChannelSourceSequence[0].CodeMeaning)
            mv.append(float(((raw[:, c] + float(getattr(ch, "ChannelBaseline", 0))) * scale).sum()))
        out.append({"label": str(getattr(g, "MultiplexGroupLabel", "")), "rate_hz": float(g.SamplingFrequency),
                    "samples": n, "channels": nch, "lead_meanings": leads, "mv_sums": mv})
    return {"waveforms": out}


def main():
    expected = {}
    for dirpath, _, files in os.walk(REAL):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, REAL)
            if not is_dicom(path):
                continue
            if rel in REFUSED:
                expected[rel] = {"error": REFUSED[rel]}
                continue
            ds = pydicom.dcmread(path, force=True)
            ts = str(ds.file_meta.get("TransferSyntaxUID", "1.2.840.10008.1.2"))
            if "WaveformSequence" in ds:
                expected[rel] = ecg_entry(ds)
                continue
            if ts in J2K:
                e = {"status": "not decodable here: " + J2K[ts], "rows": int(ds.Rows), "cols": int(ds.Columns)}
                if rel in TWINS:
                    tw = pydicom.dcmread(os.path.join(REAL, TWINS[rel]))
                    e["twin"] = image_entry(tw, tw.pixel_array)
                expected[rel] = e
                continue
            dds, a = decoded(path, ts)
            e = image_entry(dds, a)
            if ts in LOSSY:
                e["tolerance"] = {"mean": 1.5, "max": LOSSY_MAX}
            if "OverlayData" in ds or (0x6000, 0x3000) in ds:
                ov = ds.overlay_array(0x6000)
                e["overlay_sum"] = int(ov.sum())
            expected[rel] = e
    with open(os.path.join(ROOT, "shared_expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
