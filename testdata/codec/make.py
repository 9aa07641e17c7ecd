#!/usr/bin/python3
"""Generate the codec fixtures in this folder.

Needs Debian's python3-pydicom, python3-numpy and dcmtk:
    apt-get install -y python3-pydicom python3-numpy dcmtk
Run from anywhere:  /usr/bin/python3 testdata/codec/make.py

For each case it writes <name>.rle or <name>.jpg (the compressed bytes of one
frame, fragments concatenated) and <name>.raw (the expected decoded pixels:
RLE cases in native little-endian interleaved layout, JPEG cases as one
little-endian uint16 per sample), plus cases.json describing them.

RLE files come from dcmcrle, JPEG Lossless files from dcmcjpeg. dcmcjpeg
writes neither restart intervals nor one scan per component, so those cases
come from the small encoder below; every compressed frame, whoever made it,
is decoded back with dcmdrle / dcmdjpeg and must equal the expected pixels.

With --real DIR it also writes real.json: SHA-256 digests of the decoded
frames of the RLE and JPEG Lossless files under DIR (the shared real test
data), decoded by dcmtk, in the same layouts.
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.encaps import encapsulate, generate_pixel_data_frame
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

HERE = os.path.dirname(os.path.abspath(__file__))
RLE_UID = "1.2.840.10008.1.2.5"
JPEG_LL_UIDS = ("1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70")


def image(rows, cols, spp, bits, signed, seed):
    """A smooth gradient with noise and a few sharp edges, full range."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:rows, 0:cols]
    planes = []
    for s in range(spp):
        base = (x * (s + 1) * 3 + y * 2 + 40 * np.sin(x / 5.0 + s)) / (rows + cols) * 0.8
        noise = rng.normal(0, 0.02, (rows, cols))
        v = np.clip(base + noise, 0, 1)
        v[rows // 3: rows // 2, cols // 4: cols // 2] = 1.0  # a bright block
        v[0, 0] = 0.0
        planes.append(v)
    a = np.stack(planes, axis=-1) if spp > 1 else planes[0]
    top = (1 << bits) - 1
    a = np.round(a * top).astype(np.int64)
    if signed:
        a -= 1 << (bits - 1)
    return a


def write_dicom(path, a, bits_alloc, bits_stored, signed, spp):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.Rows, ds.Columns = a.shape[0], a.shape[1]
    ds.SamplesPerPixel = spp
    ds.PhotometricInterpretation = "RGB" if spp == 3 else "MONOCHROME2"
    if spp == 3:
        ds.PlanarConfiguration = 0
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = bits_alloc, bits_stored, bits_stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    dt = {8: "u1", 16: "u2", 32: "u4"}[bits_alloc]
    ds.PixelData = (a & ((1 << bits_alloc) - 1)).astype("<" + dt).tobytes()
    ds.save_as(path, write_like_original=False)


def frame_bytes(path, index=0):
    ds = pydicom.dcmread(path)
    n = int(getattr(ds, "NumberOfFrames", 1) or 1)
    frames = list(generate_pixel_data_frame(ds.PixelData, n))
    return frames[index], ds


def decoded_pixel_bytes(path, tool):
    """Decompress with dcmtk and return the native PixelData of all frames."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "d.dcm")
        subprocess.run([tool, "+te", path, out] if tool != "dcmdrle" else [tool, path, out], check=True)
        ds = pydicom.dcmread(out)
        return ds, bytes(ds.PixelData)


def as_u16(raw, bits_alloc):
    """Native pixel bytes as little-endian uint16 per sample."""
    dt = "<u1" if bits_alloc == 8 else "<u2"
    return np.frombuffer(raw, dtype=dt).astype("<u2").tobytes()


# --- a minimal lossless JPEG encoder, for restart intervals and multi-scan ---

# Fixed DC table: SSSS 0..16 with code lengths 2,2,3,3,...,9,10,10 (codes up
# to 10 bits, so decoders exercise codes longer than a 9-bit lookup).
BITS = [0, 2, 2, 2, 2, 2, 2, 2, 1, 2, 0, 0, 0, 0, 0, 0]
HUFFVAL = list(range(17))


def huff_codes():
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(BITS[length - 1]):
            codes[HUFFVAL[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


class BitWriter:
    def __init__(self):
        self.out, self.acc, self.n = bytearray(), 0, 0

    def put(self, v, n):
        for i in range(n - 1, -1, -1):
            self.acc = self.acc << 1 | (v >> i) & 1
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)
                self.acc, self.n = 0, 0

    def flush(self):
        if self.n:
            self.put((1 << (8 - self.n)) - 1, 8 - self.n)


def predict(sv, a, b, c):
    return [None, a, b, c, a + b - c, a + ((b - c) >> 1), b + ((a - c) >> 1), (a + b) >> 1][sv]


def encode_lossless(img, precision, sv, pt, restart_rows, interleaved):
    """Encode img (rows, cols[, comps]) as a SOF3 JPEG."""
    if img.ndim == 2:
        img = img[:, :, None]
    rows, cols, nc = img.shape
    x = (img.astype(np.int64) & 0xFFFF) >> pt
    codes = huff_codes()
    seg = lambda m, body: bytes([0xFF, m]) + (len(body) + 2).to_bytes(2, "big") + bytes(body)
    out = bytearray(b"\xff\xd8")
    sof = [precision] + list(rows.to_bytes(2, "big")) + list(cols.to_bytes(2, "big")) + [nc]
    for c in range(nc):
        sof += [c + 1, 0x11, 0]
    out += seg(0xC3, sof)
    out += seg(0xC4, [0x00] + BITS + HUFFVAL)
    if restart_rows:
        out += seg(0xDD, list((restart_rows * cols).to_bytes(2, "big")))
    scans = [list(range(nc))] if interleaved else [[c] for c in range(nc)]
    init = 1 << (precision - pt - 1)
    for sc in scans:
        out += seg(0xDA, [len(sc)] + sum(([c + 1, 0x00] for c in sc), []) + [sv, 0, pt])
        step = restart_rows or rows
        for n, y0 in enumerate(range(0, rows, step)):
            bw = BitWriter()
            for y in range(y0, min(y0 + step, rows)):
                for xx in range(cols):
                    for c in sc:
                        if y == y0 and xx == 0:
                            p = init
                        elif y == y0:
                            p = x[y, xx - 1, c]
                        elif xx == 0:
                            p = x[y - 1, xx, c]
                        else:
                            p = predict(sv, x[y, xx - 1, c], x[y - 1, xx, c], x[y - 1, xx - 1, c])
                        d = int(x[y, xx, c] - p) & 0xFFFF
                        if d == 32768:
                            bw.put(*codes[16])
                            continue
                        if d > 32768:
                            d -= 65536
                        s = abs(d).bit_length()
                        bw.put(*codes[s])
                        if s:
                            bw.put(d if d > 0 else d + (1 << s) - 1, s)
            bw.flush()
            out += bw.out
            if y0 + step < rows:
                out += bytes([0xFF, 0xD0 + n % 8])
    out += b"\xff\xd9"
    return bytes(out)


def wrap_jpeg(path, jpeg, a, bits_alloc, bits_stored, signed, spp, uid):
    """Write a DICOM holding one encapsulated JPEG frame, for dcmdjpeg."""
    write_dicom(path, a, bits_alloc, bits_stored, signed, spp)
    ds = pydicom.dcmread(path)
    ds.file_meta.TransferSyntaxUID = uid
    ds.PixelData = encapsulate([jpeg])
    ds["PixelData"].is_undefined_length = True
    ds["PixelData"].VR = "OB"
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(path, write_like_original=False)


# --- the cases -------------------------------------------------------------

# name, rows, cols, samples per pixel, bits allocated, bits stored, signed
RLE_CASES = [
    ("rle_gray8", 48, 64, 1, 8, 8, False),
    ("rle_gray8_odd", 17, 33, 1, 8, 8, False),
    ("rle_gray12", 48, 64, 1, 16, 12, False),
    ("rle_signed16", 48, 64, 1, 16, 16, True),
    ("rle_rgb8", 48, 64, 3, 8, 8, False),
    ("rle_rgb16_odd", 11, 21, 3, 16, 16, False),
    ("rle_gray32", 8, 16, 1, 32, 32, False),
]

# name, rows, cols, spp, bits allocated, bits stored, signed, dcmcjpeg options
DCMTK_JPEG_CASES = [
    ("jll_gray8_sv1", 48, 64, 1, 8, 8, False, ["+e1"]),
    *[(f"jll_gray8_sv{sv}", 48, 64, 1, 8, 8, False, ["+el", "+sv", str(sv)]) for sv in range(2, 8)],
    ("jll_gray8_odd_sv4", 17, 33, 1, 8, 8, False, ["+el", "+sv", "4"]),
    ("jll_gray12_sv1", 48, 64, 1, 16, 12, False, ["+e1"]),
    ("jll_gray12_sv6", 48, 64, 1, 16, 12, False, ["+el", "+sv", "6"]),
    ("jll_gray16_sv1", 48, 64, 1, 16, 16, False, ["+e1"]),
    ("jll_gray16_sv7", 48, 64, 1, 16, 16, False, ["+el", "+sv", "7"]),
    ("jll_gray16_pt2", 48, 64, 1, 16, 16, False, ["+el", "+sv", "1", "+pt", "2"]),
    ("jll_signed16_sv1", 48, 64, 1, 16, 16, True, ["+e1"]),
    ("jll_signed12_sv5", 48, 64, 1, 16, 12, True, ["+el", "+sv", "5"]),
    ("jll_rgb8_sv1", 48, 64, 3, 8, 8, False, ["+e1"]),
    ("jll_rgb8_sv5", 48, 64, 3, 8, 8, False, ["+el", "+sv", "5"]),
]

# name, rows, cols, spp, bits stored (= precision), signed, sv, pt, restart rows, interleaved
OWN_JPEG_CASES = [
    ("enc_gray16_rst4", 48, 64, 1, 16, False, 1, 0, 4, True),
    ("enc_rgb8_rst5_sv6", 48, 64, 3, 8, False, 6, 0, 5, True),
    ("enc_rgb8_multiscan_sv4", 48, 64, 3, 8, False, 4, 0, 0, False),
    ("enc_rgb12_multiscan_rst3_sv2", 24, 32, 3, 12, False, 2, 0, 3, False),
    ("enc_gray12_pt1_sv7", 48, 64, 1, 12, False, 7, 1, 0, True),
    ("enc_gray2_sv1", 16, 16, 1, 2, False, 1, 0, 0, True),
]


def ssss16_image(rows, cols):
    """16-bit pixels whose neighbours differ by exactly 32768."""
    a = image(rows, cols, 1, 15, False, 7)
    a[::2, ::3] += 32768
    a[5, :] = (np.arange(cols) % 2) * 32768  # left differences of exactly 32768
    a[:, 7] = a[:, 6] ^ 0x8000
    return a


def put(name, ext, data):
    with open(os.path.join(HERE, name + ext), "wb") as f:
        f.write(data)


def make_fixtures(tmp):
    cases = []
    for i, (name, rows, cols, spp, ba, bs, signed) in enumerate(RLE_CASES):
        a = image(rows, cols, spp, bs, signed, i)
        src, dst = os.path.join(tmp, name + ".dcm"), os.path.join(tmp, name + "_rle.dcm")
        write_dicom(src, a, ba, bs, signed, spp)
        subprocess.run(["dcmcrle", src, dst], check=True)
        frame, _ = frame_bytes(dst)
        want = (a & ((1 << ba) - 1)).astype("<" + {8: "u1", 16: "u2", 32: "u4"}[ba]).tobytes()
        ds, got = decoded_pixel_bytes(dst, "dcmdrle")
        if getattr(ds, "PlanarConfiguration", 0) == 1:
            got = np.frombuffer(got, "<u" + str(ba // 8)).reshape(spp, rows, cols).transpose(1, 2, 0).tobytes()
        assert got[:len(want)] == want, name + ": dcmdrle disagrees with the source pixels"
        put(name, ".rle", frame)
        put(name, ".raw", want)
        cases.append(dict(name=name, codec="rle", file=name + ".rle", rows=rows, cols=cols,
                          spp=spp, bits=ba, signed=signed))

    for i, (name, rows, cols, spp, ba, bs, signed, opts) in enumerate(DCMTK_JPEG_CASES):
        a = image(rows, cols, spp, bs, signed, 100 + i)
        if name == "jll_gray16_sv1":
            a = ssss16_image(rows, cols)
        pt = int(opts[opts.index("+pt") + 1]) if "+pt" in opts else 0
        src, dst = os.path.join(tmp, name + ".dcm"), os.path.join(tmp, name + "_jll.dcm")
        write_dicom(src, a, ba, bs, signed, spp)
        subprocess.run(["dcmcjpeg", *opts, src, dst], check=True)
        frame, _ = frame_bytes(dst)
        stored = a & ((1 << bs) - 1)
        want = ((stored >> pt) << pt).astype("<u2").tobytes()
        _, got = decoded_pixel_bytes(dst, "dcmdjpeg")
        got16 = np.frombuffer(as_u16(got, ba), "<u2")[: rows * cols * spp]
        mask = (1 << bs) - 1
        assert (got16 & mask).tobytes() == want, name + ": dcmdjpeg disagrees with the source pixels"
        # The stored pattern (sign-extended for signed data) is what the JPEG holds.
        put(name, ".jpg", frame)
        put(name, ".raw", got16.tobytes())
        cases.append(dict(name=name, codec="jpeg", file=name + ".jpg", rows=rows, cols=cols,
                          spp=spp, bits=bs, signed=signed))

    for i, (name, rows, cols, spp, bs, signed, sv, pt, rst, inter) in enumerate(OWN_JPEG_CASES):
        a = image(rows, cols, spp, bs, signed, 200 + i)
        jpeg = encode_lossless(a, bs, sv, pt, rst, inter)
        want = (((a & 0xFFFF) >> pt) << pt).astype("<u2").tobytes()
        ba = 8 if bs <= 8 else 16
        path = os.path.join(tmp, name + ".dcm")
        uid = JPEG_LL_UIDS[1] if sv == 1 and pt == 0 else JPEG_LL_UIDS[0]
        wrap_jpeg(path, jpeg, a, ba, bs, signed, spp, uid)
        _, got = decoded_pixel_bytes(path, "dcmdjpeg")
        assert as_u16(got, ba)[: len(want)] == want, name + ": dcmdjpeg disagrees with the encoder"
        put(name, ".jpg", jpeg)
        put(name, ".raw", want)
        cases.append(dict(name=name, codec="jpeg", file=name + ".jpg", rows=rows, cols=cols,
                          spp=spp, bits=bs, signed=signed))

    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases")


def make_real(real_dir):
    """Digest every RLE / JPEG Lossless frame under real_dir, decoded by dcmtk."""
    entries = []
    for root, _, files in sorted(os.walk(real_dir)):
        for fn in sorted(files):
            path = os.path.join(root, fn)
            try:
                ds = pydicom.dcmread(path, stop_before_pixels=True)
                ts = str(ds.file_meta.TransferSyntaxUID)
            except Exception:
                continue
            if ts == RLE_UID:
                codec, tool = "rle", "dcmdrle"
            elif ts in JPEG_LL_UIDS:
                codec, tool = "jpeg", "dcmdjpeg"
            else:
                continue
            dec, raw = decoded_pixel_bytes(path, tool)
            rows, cols, spp, ba = dec.Rows, dec.Columns, dec.SamplesPerPixel, dec.BitsAllocated
            n = int(getattr(dec, "NumberOfFrames", 1) or 1)
            size = rows * cols * spp * ba // 8
            digests = []
            for k in range(n):
                fr = raw[k * size:(k + 1) * size]
                if spp > 1 and getattr(dec, "PlanarConfiguration", 0) == 1:
                    fr = np.frombuffer(fr, "<u" + str(ba // 8)).reshape(spp, rows, cols).transpose(1, 2, 0).tobytes()
                if codec == "jpeg":
                    fr = as_u16(fr, ba)
                digests.append(hashlib.sha256(fr).hexdigest())
            entries.append(dict(file=os.path.relpath(path, real_dir), codec=codec, rows=rows, cols=cols,
                                spp=spp, bits=ba, frames=digests))
            print(codec, os.path.relpath(path, real_dir), f"{n} frame(s)")
    with open(os.path.join(HERE, "real.json"), "w") as f:
        json.dump(entries, f, indent=1)
        f.write("\n")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        make_fixtures(tmp)
    if "--real" in sys.argv:
        make_real(sys.argv[sys.argv.index("--real") + 1])


if __name__ == "__main__":
    main()
