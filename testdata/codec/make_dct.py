#!/usr/bin/python3
"""Generate the DCT (lossy) JPEG fixtures in this folder.

Needs what make.py needs (python3-pydicom, python3-numpy, dcmtk) and
python3-pil.  Run from anywhere:  /usr/bin/python3 testdata/codec/make_dct.py

For each case it writes <name>.jpg (the compressed bytes of one frame) and
<name>.raw (one little-endian uint16 per sample, components interleaved):
the pixels dcmtk's dcmdjpeg decodes from that frame with +cn, that is
upsampled but without colour conversion. dct_cases.json describes them;
"rgb" names a .rgb file holding dcmdjpeg's own YBR to RGB conversion.

The frames come from dcmcjpeg (baseline, extended 8/12-bit, progressive,
spectral selection, 4:4:4, 4:2:2, 4:1:1), from Pillow (4:2:0, progressive
4:2:0) and, for restart intervals, which neither writes, from the small
sequential encoder below. Whoever made a frame, the reference is dcmdjpeg's.

With --real DIR it also writes dct_real.json, references for the lossy JPEG
files under DIR (the shared real test data): for each frame, the SHA-256 of
dcmdjpeg's +cn output and a stride sample of it (base64 little-endian
uint16), and for colour files a sample of the RGB output as well.
"""

import base64
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from PIL import Image
from pydicom.encaps import encapsulate

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import make as base  # noqa: E402  (the lossless fixtures' helpers)

BASELINE_UID = "1.2.840.10008.1.2.4.50"
EXTENDED_UID = "1.2.840.10008.1.2.4.51"


def dcmdjpeg(path, *opts):
    """Decode with dcmdjpeg (colour by pixel) and return (dataset, uint16 samples of all frames)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "d.dcm")
        subprocess.run(["dcmdjpeg", "+px", *opts, path, out], check=True)
        ds = pydicom.dcmread(out)
        dt = "<u1" if ds.BitsAllocated == 8 else "<u2"
        n = ds.Rows * ds.Columns * ds.SamplesPerPixel * int(getattr(ds, "NumberOfFrames", 1) or 1)
        return ds, np.frombuffer(bytes(ds.PixelData), dt)[:n].astype("<u2")  # drop the pad byte


def wrap(path, jpeg, rows, cols, spp, bits, photometric):
    """Write a DICOM holding one encapsulated JPEG frame."""
    a = np.zeros((rows, cols, spp) if spp > 1 else (rows, cols), np.int64)
    base.write_dicom(path, a, 8 if bits == 8 else 16, bits, False, spp)
    ds = pydicom.dcmread(path)
    ds.file_meta.TransferSyntaxUID = BASELINE_UID if bits == 8 else EXTENDED_UID
    ds.PhotometricInterpretation = photometric
    ds.PixelData = encapsulate([jpeg])
    ds["PixelData"].is_undefined_length = True
    ds["PixelData"].VR = "OB"
    ds.save_as(path, write_like_original=False)


# --- a minimal sequential DCT encoder, for restart intervals ---------------

QBASE = np.array([  # T.81 Table K.1, natural order
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99])
ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34,
          27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
          58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63]
# DC sizes 0..15 with codes of 3..6 bits; AC symbols EOB, ZRL and every
# run/size up to size 14 with codes of 4..12 bits (longer than a 9-bit lookup).
DC_BITS = [0, 0, 4, 4, 4, 4] + [0] * 10
DC_VALS = list(range(16))
AC_VALS = [0x00] + sorted([r << 4 | s for r in range(16) for s in range(1, 15)] + [0xF0],
                          key=lambda v: ((v >> 4) + (v & 15), v))
AC_BITS = [0, 0, 0, 8, 0, 16, 0, 32, 0, 64, 0, 106, 0, 0, 0, 0]
C8 = np.array([[np.sqrt((1 if u == 0 else 2) / 8) * np.cos((2 * x + 1) * u * np.pi / 16) for x in range(8)]
               for u in range(8)])


def codes(bits, vals):
    out, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            out[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return out


def encode_dct(img, precision, sampling, restart, quality_scale=1.0):
    """Encode img (rows, cols[, comps]) as a sequential Huffman JPEG (SOF0 for
    8-bit, SOF1 for 12-bit), components interleaved, with the given sampling
    factors [(h, v), ...] and restart interval in MCUs. Chroma is subsampled
    by averaging; the samples are coded as given (no colour transform)."""
    if img.ndim == 2:
        img = img[:, :, None]
    rows, cols, nc = img.shape
    hmax, vmax = max(h for h, _ in sampling), max(v for _, v in sampling)
    mx, my = -(-cols // (8 * hmax)), -(-rows // (8 * vmax))
    scale = 1 << (precision - 8)
    q = np.clip(np.round(QBASE * quality_scale * scale), 1, 255 if precision == 8 else 65535).astype(int)
    planes = []
    for c, (h, v) in enumerate(sampling):
        fx, fy = hmax // h, vmax // v
        pw, ph = mx * hmax * 8, my * vmax * 8
        p = np.pad(img[:, :, c].astype(float), ((0, ph - rows), (0, pw - cols)), mode="edge")
        p = p.reshape(ph // fy, fy, pw // fx, fx).mean(axis=(1, 3))
        planes.append(p - (1 << (precision - 1)))
    dcc, acc = codes(DC_BITS, DC_VALS), codes(AC_BITS, AC_VALS)
    seg = lambda m, body: bytes([0xFF, m]) + (len(body) + 2).to_bytes(2, "big") + bytes(body)
    out = bytearray(b"\xff\xd8")
    pq = 0 if precision == 8 else 1
    qz = [int(q[z]) for z in ZIGZAG]
    out += seg(0xDB, [pq << 4] + (qz if pq == 0 else sum(([v >> 8, v & 255] for v in qz), [])))
    sof = [precision, *rows.to_bytes(2, "big"), *cols.to_bytes(2, "big"), nc]
    for c, (h, v) in enumerate(sampling):
        sof += [c + 1, h << 4 | v, 0]
    out += seg(0xC0 if precision == 8 else 0xC1, sof)
    out += seg(0xC4, [0x00] + DC_BITS + DC_VALS)
    out += seg(0xC4, [0x10] + AC_BITS + AC_VALS)
    if restart:
        out += seg(0xDD, list(restart.to_bytes(2, "big")))
    out += seg(0xDA, [nc] + sum(([c + 1, 0x00] for c in range(nc)), []) + [0, 63, 0])
    bw = base.BitWriter()
    pred = [0] * nc

    def put_value(v):
        s = abs(v).bit_length()
        if s:
            bw.put(v if v > 0 else v + (1 << s) - 1, s)
        return s

    for m in range(mx * my):
        if restart and m and m % restart == 0:
            bw.flush()
            out += bw.out + bytes([0xFF, 0xD0 + (m // restart - 1) % 8])
            bw, pred = base.BitWriter(), [0] * nc
        bx0, by0 = m % mx, m // mx
        for c, (h, v) in enumerate(sampling):
            for by in range(v):
                for bx in range(h):
                    y, x = (by0 * v + by) * 8, (bx0 * h + bx) * 8
                    coef = C8 @ planes[c][y:y + 8, x:x + 8] @ C8.T
                    zz = [int(np.round(coef.flat[z] / q[z])) for z in ZIGZAG]
                    d, pred[c] = zz[0] - pred[c], zz[0]
                    s = abs(d).bit_length()
                    bw.put(*dcc[s])
                    put_value(d)
                    run = 0
                    for k in range(1, 64):
                        if zz[k] == 0:
                            run += 1
                            continue
                        while run > 15:
                            bw.put(*acc[0xF0])
                            run -= 16
                        s = abs(zz[k]).bit_length()
                        bw.put(*acc[run << 4 | s])
                        put_value(zz[k])
                        run = 0
                    if run:
                        bw.put(*acc[0x00])
    bw.flush()
    out += bw.out + b"\xff\xd9"
    return bytes(out)


def pil_jpeg(img, **opts):
    buf = io.BytesIO()
    Image.fromarray(img.astype(np.uint8)).save(buf, "JPEG", **opts)
    return buf.getvalue()


# --- the cases -------------------------------------------------------------

# name, rows, cols, spp, bits, how: ("dcmtk", options) | ("pil", options) | ("own", sampling, restart)
CASES = [
    ("dct_gray8_base", 37, 45, 1, 8, ("dcmtk", ["+eb"])),
    ("dct_gray8_ext", 37, 45, 1, 8, ("dcmtk", ["+ee", "+q", "75"])),
    ("dct_gray12_ext", 37, 45, 1, 12, ("dcmtk", ["+ee"])),
    ("dct_gray12_ext_q40", 64, 64, 1, 12, ("dcmtk", ["+ee", "+q", "40"])),
    ("dct_gray8_prog", 37, 45, 1, 8, ("dcmtk", ["+ep"])),
    ("dct_gray12_prog", 37, 45, 1, 12, ("dcmtk", ["+ep"])),
    ("dct_gray8_spectral", 37, 45, 1, 8, ("dcmtk", ["+es"])),
    ("dct_rgb8_422", 37, 45, 3, 8, ("dcmtk", ["+eb"])),
    ("dct_rgb8_444", 37, 45, 3, 8, ("dcmtk", ["+eb", "+s4"])),
    ("dct_rgb8_411", 37, 45, 3, 8, ("dcmtk", ["+eb", "+n1"])),
    ("dct_rgb8_prog_422", 37, 45, 3, 8, ("dcmtk", ["+ep"])),
    ("dct_rgb8_420_pil", 37, 45, 3, 8, ("pil", dict(quality=85, subsampling=2))),
    ("dct_rgb8_420_prog_pil", 37, 45, 3, 8, ("pil", dict(quality=70, subsampling=2, progressive=True))),
    ("dct_rgb8_tiny_pil", 3, 5, 3, 8, ("pil", dict(quality=90, subsampling=2))),
    ("dct_gray8_rst", 37, 45, 1, 8, ("own", [(1, 1)], 5)),
    ("dct_gray12_rst", 37, 45, 1, 12, ("own", [(1, 1)], 7)),
    ("dct_rgb8_420_rst", 37, 45, 3, 8, ("own", [(2, 2), (1, 1), (1, 1)], 2)),
    ("dct_rgb8_h1v2_rst", 21, 19, 3, 8, ("own", [(1, 2), (1, 1), (1, 1)], 3)),
]


def make_fixtures(tmp):
    cases = []
    for i, (name, rows, cols, spp, bits, how) in enumerate(CASES):
        a = base.image(rows, cols, spp, bits, False, 300 + i)
        path = os.path.join(tmp, name + ".dcm")
        photometric = "MONOCHROME2" if spp == 1 else "YBR_FULL"
        if how[0] == "dcmtk":
            src = os.path.join(tmp, name + "_src.dcm")
            base.write_dicom(src, a, 8 if bits == 8 else 16, bits, False, spp)
            subprocess.run(["dcmcjpeg", *how[1], src, path], check=True)
            jpeg, _ = base.frame_bytes(path)
        elif how[0] == "pil":
            jpeg = pil_jpeg(a, **how[1])
            wrap(path, jpeg, rows, cols, spp, bits, "YBR_FULL_422")
        else:
            jpeg = encode_dct(a, bits, how[1], how[2])
            wrap(path, jpeg, rows, cols, spp, bits, photometric)
        ds, got = dcmdjpeg(path, "+cn")
        assert got.size == rows * cols * spp, name
        put(name + ".jpg", jpeg)
        put(name + ".raw", got.tobytes())
        case = dict(name=name, file=name + ".jpg", rows=rows, cols=cols, spp=spp, bits=bits)
        if name in ("dct_rgb8_444", "dct_rgb8_420_pil"):
            _, rgb = dcmdjpeg(path, "+ca")
            put(name + ".rgb", rgb.tobytes())
            case["rgb"] = name + ".rgb"
        cases.append(case)
        print(name, len(jpeg), "bytes")
    with open(os.path.join(HERE, "dct_cases.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")


def put(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# name, frames to keep references for (None: all)
REAL = [
    ("pydicom/JPEG-lossy.dcm", None),
    ("pydicom/JPGExtended.dcm", None),
    ("pydicom/SC_rgb_jpeg_dcmtk.dcm", None),
    ("pydicom/SC_rgb_small_odd_jpeg.dcm", None),
    ("pydicom/examples_ybr_color.dcm", [0, 29]),
    ("dicomParser/multi-frame/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm", None),
    ("dicomParser/multi-frame/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm", None),
]
SAMPLES = 2048


def sample(frame):
    stride = max(1, len(frame) // SAMPLES) | 1
    return stride, base64.b64encode(frame[::stride].astype("<u2").tobytes()).decode()


def make_real(real_dir):
    entries = []
    for rel, keep in REAL:
        path = os.path.join(real_dir, rel)
        ds, ycc = dcmdjpeg(path, "+cn")
        n = int(getattr(ds, "NumberOfFrames", 1) or 1)
        size = ds.Rows * ds.Columns * ds.SamplesPerPixel
        rgb = dcmdjpeg(path, "+ca")[1] if ds.SamplesPerPixel == 3 else None
        frames = []
        for k in keep if keep is not None else range(n):
            fr = ycc[k * size:(k + 1) * size]
            stride, smp = sample(fr)
            e = dict(index=k, sha256=hashlib.sha256(fr.astype("<u2").tobytes()).hexdigest(), stride=stride, sample=smp)
            if rgb is not None and k == (keep or [0])[0]:
                e["rgb_sample"] = sample(rgb[k * size:(k + 1) * size])[1]
            frames.append(e)
        entries.append(dict(file=rel, rows=ds.Rows, cols=ds.Columns, spp=ds.SamplesPerPixel,
                            bits=int(ds.BitsStored), nframes=n, frames=frames))
        print(rel, n, "frame(s)")
    with open(os.path.join(HERE, "dct_real.json"), "w") as f:
        json.dump(entries, f, indent=1)
        f.write("\n")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        make_fixtures(tmp)
    if "--real" in sys.argv:
        make_real(sys.argv[sys.argv.index("--real") + 1])


if __name__ == "__main__":
    main()
