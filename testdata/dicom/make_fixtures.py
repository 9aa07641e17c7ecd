#!/usr/bin/python3
"""Generate qcterm's own DICOM test fixtures and their expected values.

Run with Debian's python3 (python3-pydicom, python3-numpy) and dcmtk on PATH,
from the repository root:
    /usr/bin/python3 testdata/dicom/make_fixtures.py
Deterministic apart from the UIDs dcmtk assigns to lossy copies. The outputs are
committed so `go test` needs neither Python nor dcmtk.

Every image starts as an uncompressed original written by pydicom; compressed and
re-encoded variants are made from it with dcmtk (dcmconv, dcmcrle, dcmcjpeg,
dcmcjpls). expected.json holds, per file, what qcterm must store: the pixel values
re-read by pydicom from the uncompressed original and put in qcterm's stored
representation (bits above BitsStored masked off, signed values sign-extended,
colour as interleaved 8-bit RGB, PALETTE COLOR expanded, MONOCHROME1 not
inverted), as a sum and a sampled grid per frame. Lossy files carry a tolerance.
Bad files carry the text their error must contain instead.
"""
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid

OUT = os.path.dirname(os.path.abspath(__file__))
ROWS, COLS = 24, 32
rng = np.random.default_rng(7)
EXPLICIT, IMPLICIT = "1.2.840.10008.1.2.1", "1.2.840.10008.1.2"
MR_STORAGE = "1.2.840.10008.5.1.4.1.1.4"
SC_STORAGE = "1.2.840.10008.5.1.4.1.1.7"
ECG_STORAGE = "1.2.840.10008.5.1.4.1.1.9.1.1"
LEADS = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]
LOSSY_MAX = 2  # max |qcterm - dcmdjpeg| allowed for lossy JPEG (measured: 0); see lossy_reference
UID_ROOT = "1.2.826.0.1.3680043.8.498."  # pydicom's root, deterministic suffixes below

expected = {}


def uid(name):
    return generate_uid(prefix=UID_ROOT, entropy_srcs=[name])


def smooth(rows=ROWS, cols=COLS, hi=4095, frame=0):
    """A smooth image with a little texture: compresses well, exercises every predictor."""
    y, x = np.mgrid[0:rows, 0:cols]
    v = (np.sin(x / 5.0 + frame) + np.cos(y / 4.0 - frame / 2)) * 0.25 + 0.5
    v = v * hi * 0.9 + rng.integers(0, max(hi // 40, 2), size=(rows, cols))
    return np.clip(np.round(v), 0, hi)


def base(name, modality="MR", sop=MR_STORAGE, series=None):
    ds = Dataset()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop
    meta.MediaStorageSOPInstanceUID = uid(name + "sop")
    meta.TransferSyntaxUID = EXPLICIT
    meta.ImplementationClassUID = UID_ROOT + "1"
    ds.file_meta = meta
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.SOPClassUID = sop
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = uid("study")
    ds.SeriesInstanceUID = uid(series or name)
    ds.Modality = modality
    ds.PatientID = "7000002"
    ds.SeriesDescription = "qcterm " + name.replace("_", " ")
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    ds.PixelSpacing = [1.25, 1.5]
    ds.SliceThickness = 8
    ds.ImagePositionPatient = [0, 0, 10]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.WindowCenter, ds.WindowWidth = 1000, 2000
    ds.RescaleSlope, ds.RescaleIntercept = 1, 0
    return ds


def set_image(ds, arr, bits_alloc, bits_stored, signed=False, photometric="MONOCHROME2", frames=1, planar=None):
    ds.Rows, ds.Columns = ROWS, COLS
    ds.SamplesPerPixel = 3 if photometric in ("RGB", "YBR_FULL", "YBR_FULL_422") else 1
    ds.PhotometricInterpretation = photometric
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = bits_alloc, bits_stored, bits_stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    if planar is not None:
        ds.PlanarConfiguration = planar
    if frames > 1:
        ds.NumberOfFrames = frames
    dt = {(8, False): "<u1", (8, True): "<i1", (16, False): "<u2", (16, True): "<i2"}[(bits_alloc, signed)]
    ds.PixelData = np.ascontiguousarray(arr).astype(dt).tobytes()


def write(ds, name, implicit=False):
    path = os.path.join(OUT, name)
    if implicit:
        ds.file_meta.TransferSyntaxUID = IMPLICIT
        ds.is_implicit_VR = True
    ds.save_as(path, write_like_original=False)
    return path


def dcmtk(*args):
    subprocess.run(list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def grid_step(n):
    return max(1, n // 12)


def stored(ds, arr):
    """The pixel values qcterm stores for a dataset's decoded array (frames, rows, cols[, 3])."""
    bits = int(ds.BitsStored)
    if ds.BitsAllocated == 16:
        u = arr.astype(np.int64) & 0xFFFF
        u &= (1 << bits) - 1
        if ds.PixelRepresentation == 1:
            u = np.where(u >= 1 << (bits - 1), u - (1 << bits), u)
        return u
    return arr.astype(np.int64)


def record(name, arr, dtype, channels=1, photometric="MONOCHROME2", tol=None, **extra):
    """Adds a file's expected frames: arr is (frames, rows, cols) or (frames, rows, cols, 3)."""
    frames = []
    sr, sc = grid_step(arr.shape[1]), grid_step(arr.shape[2])
    for f in arr:
        frames.append({"sum": int(f.sum()), "grid": [int(v) for v in f[::sr, ::sc].reshape(-1)]})
    e = {"rows": int(arr.shape[1]), "cols": int(arr.shape[2]), "channels": channels, "dtype": dtype,
         "photometric": photometric, "step_r": sr, "step_c": sc, "frames": frames}
    if tol:
        e["tolerance"] = tol
    e.update(extra)
    expected[name] = e


def lossy_reference(name, want, dtype, **kw):
    """A lossy file's expected values: dcmtk's decode (IJG libjpeg) of it, with
    qcterm allowed mean |diff| <= 1.5 and max |diff| <= LOSSY_MAX (measured 0: the
    decoders agree exactly; 2 leaves room for IDCT rounding changes). dcmdjpeg's
    error against the original is noted; for 12 bits it includes an offset, as
    dcmcjpeg's lossy encoder shifts the pixel range (and the window) to start near 0."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "d.dcm")
        dcmtk("dcmdjpeg", os.path.join(OUT, name), out)
        ds = pydicom.dcmread(out)
        a = ds.pixel_array
        if int(getattr(ds, "NumberOfFrames", 1) or 1) == 1:
            a = a[np.newaxis]
        ref = stored(ds, a) if a.ndim == 3 else a.astype(np.int64)
    err = np.abs(ref - want)
    tol = {"mean": 1.5, "max": LOSSY_MAX, "dcmdjpeg_vs_original_mean": round(float(err.mean()), 3),
           "dcmdjpeg_vs_original_max": int(err.max())}
    record(name, ref, dtype, tol=tol, **kw)


def reread(name):
    """pydicom's decoded array of an uncompressed file, shaped (frames, rows, cols[, 3])."""
    ds = pydicom.dcmread(os.path.join(OUT, name))
    a = ds.pixel_array
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    if frames == 1:
        a = a[np.newaxis]
    return ds, a


def mono16():
    """A 12-bit MR image in 16 bits and every lossless transfer syntax made from it."""
    ds = base("mr12")
    set_image(ds, smooth(), 16, 12)
    write(ds, "mr_explicit_le.dcm")
    write(ds, "mr_implicit_le.dcm", implicit=True)
    src = os.path.join(OUT, "mr_explicit_le.dcm")
    dcmtk("dcmconv", "+tb", src, os.path.join(OUT, "mr_explicit_be.dcm"))
    dcmtk("dcmconv", "+td", src, os.path.join(OUT, "mr_deflated.dcm"))
    dcmtk("dcmcrle", src, os.path.join(OUT, "mr_rle.dcm"))
    dcmtk("dcmcjpeg", "+e1", src, os.path.join(OUT, "mr_jpeg_ll_sv1.dcm"))
    dcmtk("dcmcjpeg", "+el", "+sv", "6", src, os.path.join(OUT, "mr_jpeg_ll_p14_sv6.dcm"))
    dcmtk("dcmcjpeg", "+el", "+sv", "4", src, os.path.join(OUT, "mr_jpeg_ll_p14_sv4.dcm"))
    dcmtk("dcmcjpls", src, os.path.join(OUT, "mr_jpegls.dcm"))
    ref, a = reread("mr_explicit_le.dcm")
    want = stored(ref, a)
    for n in ["mr_explicit_le.dcm", "mr_implicit_le.dcm", "mr_explicit_be.dcm", "mr_deflated.dcm", "mr_rle.dcm",
              "mr_jpeg_ll_sv1.dcm", "mr_jpeg_ll_p14_sv6.dcm", "mr_jpeg_ll_p14_sv4.dcm"]:
        record(n, want, "uint16")
    record("mr_jpegls.dcm", want, "uint16", external="JPEG-LS Lossless")
    # JPEG extended (process 4), 12-bit lossy.
    dcmtk("dcmcjpeg", "+ee", "+q", "90", src, os.path.join(OUT, "mr_jpeg_ext12.dcm"))
    lossy_reference("mr_jpeg_ext12.dcm", want, "uint16")


def mono8():
    ds = base("us8", modality="US")
    set_image(ds, smooth(hi=255), 8, 8)
    write(ds, "us8_explicit_le.dcm")
    src = os.path.join(OUT, "us8_explicit_le.dcm")
    dcmtk("dcmcjpeg", "+eb", "+q", "90", src, os.path.join(OUT, "us8_jpeg_baseline.dcm"))
    dcmtk("dcmcrle", src, os.path.join(OUT, "us8_rle.dcm"))
    ref, a = reread("us8_explicit_le.dcm")
    want = stored(ref, a)
    record("us8_explicit_le.dcm", want, "uint8")
    record("us8_rle.dcm", want, "uint8")
    lossy_reference("us8_jpeg_baseline.dcm", want, "uint8")


def signed():
    ds = base("ct_signed", modality="CT")
    ds.RescaleIntercept = -1024
    v = smooth(hi=3000).astype(np.int64) - 1500  # negative and positive
    set_image(ds, v, 16, 16, signed=True)
    write(ds, "ct_signed16.dcm")
    src = os.path.join(OUT, "ct_signed16.dcm")
    dcmtk("dcmcrle", src, os.path.join(OUT, "ct_signed16_rle.dcm"))
    dcmtk("dcmcjpeg", "+e1", src, os.path.join(OUT, "ct_signed16_jpeg_ll.dcm"))
    ref, a = reread("ct_signed16.dcm")
    want = stored(ref, a)
    for n in ["ct_signed16.dcm", "ct_signed16_rle.dcm", "ct_signed16_jpeg_ll.dcm"]:
        record(n, want, "int16", rescale=[1, -1024])
    # 8-bit signed: stored as int16.
    ds = base("signed8", modality="OT")
    set_image(ds, smooth(hi=200).astype(np.int64) - 100, 8, 8, signed=True)
    write(ds, "ot_signed8.dcm")
    ref, a = reread("ot_signed8.dcm")
    record("ot_signed8.dcm", a.astype(np.int64), "int16")


def junk_bits():
    """12 bits stored in 16 with garbage above bit 11: qcterm masks (unsigned) or sign-extends (signed)."""
    ds = base("mr_junk")
    v = smooth().astype(np.uint16) | (rng.integers(0, 16, size=(ROWS, COLS)).astype(np.uint16) << 12)
    set_image(ds, v, 16, 12)
    write(ds, "mr_12bit_junk_high.dcm")
    record("mr_12bit_junk_high.dcm", (v.astype(np.int64) & 0xFFF)[np.newaxis], "uint16")
    ds = base("ct_junk", modality="CT")
    s = (smooth(hi=2000).astype(np.int64) - 1000) & 0xFFF
    raw = (s | (rng.integers(0, 16, size=(ROWS, COLS)) << 12)).astype(np.uint16)
    set_image(ds, raw, 16, 12, signed=True)
    ds.PixelData = raw.astype("<u2").tobytes()
    write(ds, "ct_12bit_signed_junk_high.dcm")
    want = np.where(s >= 2048, s - 4096, s)
    record("ct_12bit_signed_junk_high.dcm", want[np.newaxis], "int16")


def monochrome1():
    ds = base("mono1", modality="CR")
    set_image(ds, smooth(), 16, 12, photometric="MONOCHROME1")
    write(ds, "cr_monochrome1.dcm")
    ref, a = reread("cr_monochrome1.dcm")
    record("cr_monochrome1.dcm", stored(ref, a), "uint16", photometric="MONOCHROME1")


def rgb_image():
    r = smooth(hi=255, frame=0)
    g = smooth(hi=255, frame=2)[::-1]
    b = np.tile(np.linspace(0, 255, COLS), (ROWS, 1)).round()
    return np.stack([r, g, b], axis=-1).astype(np.uint8)


def colour():
    rgb = rgb_image()
    for planar in (0, 1):
        ds = base("rgb%d" % planar, modality="OT", sop=SC_STORAGE)
        set_image(ds, rgb, 8, 8, photometric="RGB", planar=planar)
        if planar:
            ds.PixelData = np.ascontiguousarray(rgb.transpose(2, 0, 1)).tobytes()
        name = "rgb_planar%d.dcm" % planar
        write(ds, name)
        ref, a = reread(name)
        assert (a[0] == rgb).all(), name
        record(name, a.astype(np.int64), "uint8", channels=3, photometric="RGB")
    src = os.path.join(OUT, "rgb_planar0.dcm")
    dcmtk("dcmcrle", src, os.path.join(OUT, "rgb_rle.dcm"))
    record("rgb_rle.dcm", rgb[np.newaxis].astype(np.int64), "uint8", channels=3, photometric="RGB")
    # JPEG baseline: dcmcjpeg stores YBR_FULL_422 (chroma subsampled): lossy.
    dcmtk("dcmcjpeg", "+eb", "+q", "90", src, os.path.join(OUT, "rgb_jpeg_baseline.dcm"))
    lossy_reference("rgb_jpeg_baseline.dcm", rgb[np.newaxis].astype(np.int64), "uint8", channels=3, photometric="RGB")
    # Native YBR_FULL_422: per pixel pair Y1 Y2 Cb Cr.
    f = rgb.astype(np.float64)
    y = 0.299 * f[..., 0] + 0.587 * f[..., 1] + 0.114 * f[..., 2]
    cb = -0.168736 * f[..., 0] - 0.331264 * f[..., 1] + 0.5 * f[..., 2] + 128
    cr = 0.5 * f[..., 0] - 0.418688 * f[..., 1] - 0.081312 * f[..., 2] + 128
    y, cb, cr = (np.clip(np.round(c), 0, 255).astype(np.uint8) for c in (y, cb, cr))
    cb2 = ((cb[:, 0::2].astype(int) + cb[:, 1::2]) // 2).astype(np.uint8)
    cr2 = ((cr[:, 0::2].astype(int) + cr[:, 1::2]) // 2).astype(np.uint8)
    packed = np.stack([y[:, 0::2], y[:, 1::2], cb2, cr2], axis=-1)  # rows, cols/2, 4
    ds = base("ybr422", modality="US")
    set_image(ds, np.zeros((ROWS, COLS, 3)), 8, 8, photometric="YBR_FULL_422", planar=0)
    ds.PixelData = packed.tobytes()
    write(ds, "ybr_full_422_native.dcm")
    full = np.stack([y, np.repeat(cb2, 2, axis=1), np.repeat(cr2, 2, axis=1)], axis=-1)
    back = ybr_to_rgb(full)
    ref = pydicom.dcmread(os.path.join(OUT, "ybr_full_422_native.dcm"))
    pyd = pydicom.pixel_data_handlers.util.convert_color_space(ref.pixel_array, "YBR_FULL", "RGB").astype(np.int64)
    diff = int(np.abs(pyd - back).max())
    assert diff <= 1, "pydicom and the DICOM formula disagree by %d" % diff
    record("ybr_full_422_native.dcm", back[np.newaxis], "uint8", channels=3, photometric="RGB")


def ybr_to_rgb(ybr):
    """DICOM PS3.3 C.7.6.3.1.2 full-range YCbCr to RGB, rounded half away from zero."""
    y, cb, cr = (ybr[..., i].astype(np.float64) for i in range(3))
    cb, cr = cb - 128, cr - 128
    out = np.stack([y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb], axis=-1)
    return np.floor(np.clip(out, 0, 255) + 0.5).astype(np.int64)


def palette():
    idx = (smooth(hi=255)).astype(np.uint8)
    ds = base("palette", modality="US", sop=SC_STORAGE)
    set_image(ds, idx, 8, 8, photometric="PALETTE COLOR")
    lut = np.arange(256)
    red = (lut * 257).astype("<u2")
    green = ((255 - lut) * 257).astype("<u2")
    blue = (((lut * 3) % 256) * 257).astype("<u2")
    for tagname, data in (("Red", red), ("Green", green), ("Blue", blue)):
        setattr(ds, tagname + "PaletteColorLookupTableDescriptor", [256, 0, 16])
        setattr(ds, tagname + "PaletteColorLookupTableData", data.tobytes())
    write(ds, "palette_color.dcm")
    ref = pydicom.dcmread(os.path.join(OUT, "palette_color.dcm"))
    rgb = pydicom.pixel_data_handlers.util.apply_color_lut(ref.pixel_array, ref).astype(np.int64) >> 8
    record("palette_color.dcm", rgb[np.newaxis], "uint8", channels=3, photometric="RGB")


def multiframe():
    frames = np.stack([smooth(frame=k) for k in range(4)])
    ds = base("multiframe")
    ds.FrameTime = 40
    set_image(ds, frames, 16, 12, frames=4)
    write(ds, "mr_multiframe.dcm")
    src = os.path.join(OUT, "mr_multiframe.dcm")
    dcmtk("dcmcrle", src, os.path.join(OUT, "mr_multiframe_rle.dcm"))
    dcmtk("dcmcjpeg", "+e1", src, os.path.join(OUT, "mr_multiframe_jpeg_ll.dcm"))
    # Fragments of 1 kB and an empty offset table: frames found by their JPEG start markers.
    dcmtk("dcmcjpeg", "+e1", "+fs", "1", "-ot", src, os.path.join(OUT, "mr_multiframe_jpeg_ll_frag.dcm"))
    ref, a = reread("mr_multiframe.dcm")
    want = stored(ref, a)
    for n in ["mr_multiframe.dcm", "mr_multiframe_rle.dcm", "mr_multiframe_jpeg_ll.dcm", "mr_multiframe_jpeg_ll_frag.dcm"]:
        record(n, want, "uint16", frame_time_ms=40)


def overlay():
    ds = base("overlay")
    set_image(ds, smooth(), 16, 12)
    bits = np.zeros((ROWS, COLS), dtype=np.uint8)
    bits[5:15, 8:20] = 1
    bits[20, :] = 1
    ds.add_new(0x60000010, "US", ROWS)
    ds.add_new(0x60000011, "US", COLS)
    ds.add_new(0x60000040, "CS", "G")
    ds.add_new(0x60000050, "SS", [1, 1])
    ds.add_new(0x60000100, "US", 1)
    ds.add_new(0x60000102, "US", 0)
    ds.add_new(0x60003000, "OW", np.packbits(bits.reshape(-1), bitorder="little").tobytes())
    write(ds, "mr_overlay.dcm")
    ref, a = reread("mr_overlay.dcm")
    ov = ref.overlay_array(0x6000)
    assert (ov == bits).all()
    record("mr_overlay.dcm", stored(ref, a), "uint16",
           overlay={"sum": int(bits.sum()), "grid": [int(v) for v in bits[::2, ::2].reshape(-1)]})


def no_meta():
    """A bare implicit-VR data set: no preamble, no DICM, no meta group."""
    ds = base("nometa")
    set_image(ds, smooth(), 16, 12)
    del ds.file_meta
    ds.is_little_endian, ds.is_implicit_VR = True, True
    buf = pydicom.filebase.DicomBytesIO()
    buf.is_little_endian, buf.is_implicit_VR = True, True
    pydicom.filewriter.write_dataset(buf, ds)
    with open(os.path.join(OUT, "mr_no_meta.dcm"), "wb") as f:
        f.write(buf.getvalue())
    ref = pydicom.dcmread(os.path.join(OUT, "mr_no_meta.dcm"), force=True)
    ref.file_meta = FileMetaDataset()
    ref.file_meta.TransferSyntaxUID = IMPLICIT
    record("mr_no_meta.dcm", stored(ref, ref.pixel_array[np.newaxis]), "uint16")


def code(value, scheme, meaning):
    c = Dataset()
    c.CodeValue, c.CodingSchemeDesignator, c.CodeMeaning = value, scheme, meaning
    return c


def ecg():
    """A 12-lead resting ECG waveform, 2 s at 500 Hz, 2.5 µV per count."""
    n, fs = 1000, 500
    t = np.arange(n) / fs
    beat = (t * 72 / 60) % 1.0
    qrs = np.exp(-((beat - 0.3) ** 2) / (2 * 0.012 ** 2)) * 400
    data = np.stack([np.round(qrs * (1 + 0.1 * k) - 50 * k + rng.normal(0, 4, n)) for k in range(12)], axis=1)
    data = data.astype("<i2")
    ds = base("ecg", modality="ECG", sop=ECG_STORAGE)
    for k in ("PixelSpacing", "SliceThickness", "ImagePositionPatient", "ImageOrientationPatient",
              "WindowCenter", "WindowWidth", "RescaleSlope", "RescaleIntercept"):
        delattr(ds, k)
    g = Dataset()
    g.MultiplexGroupLabel = "RHYTHM"
    g.WaveformOriginality = "ORIGINAL"
    g.NumberOfWaveformChannels = 12
    g.NumberOfWaveformSamples = n
    g.SamplingFrequency = fs
    chans = []
    for k, lead in enumerate(LEADS):
        c = Dataset()
        c.ChannelSourceSequence = Sequence([code("5.6.3-9-%d" % (k + 1), "SCPECG", "Lead " + lead)])
        c.ChannelSensitivity = "2.5"
        c.ChannelSensitivityUnitsSequence = Sequence([code("uV", "UCUM", "microvolt")])
        c.ChannelSensitivityCorrectionFactor = "1"
        c.ChannelBaseline = "0"
        c.ChannelSampleSkew = "0"
        c.WaveformBitsStored = 16
        chans.append(c)
    g.ChannelDefinitionSequence = Sequence(chans)
    g.WaveformBitsAllocated = 16
    g.WaveformSampleInterpretation = "SS"
    g.WaveformData = data.tobytes()
    ds.WaveformSequence = Sequence([g])
    write(ds, "ecg_12lead.dcm")
    ref = pydicom.dcmread(os.path.join(OUT, "ecg_12lead.dcm"))
    w = ref.waveform_array(0)  # pydicom applies the sensitivity: µV
    expected["ecg_12lead.dcm"] = {
        "ecg": {"leads": LEADS, "rate_hz": fs, "samples": n, "scale_mv": 0.0025,
                "sums": [int(data[:, k].astype(np.int64).sum()) for k in range(12)],
                "first": [int(v) for v in data[0]],
                "uv_sums_pydicom": [round(float(w[:, k].sum()), 3) for k in range(12)]}}


def ukb_zip():
    """A UK Biobank style bulk zip: five frames of one cine series in shuffled order, plus junk."""
    series = uid("ukb cine")
    files = {}
    wants = []
    for inst in range(1, 6):
        ds = base("cine%d" % inst, series="ukb cine")
        ds.SeriesInstanceUID = series
        ds.SeriesDescription = "CINE_segmented_LAX_4Ch"
        ds.PatientID = "anonymised"
        ds.InstanceNumber = inst
        ds.TriggerTime = 40.0 * (inst - 1)
        v = smooth(frame=inst)
        set_image(ds, v, 16, 12)
        buf = io.BytesIO()
        ds.save_as(buf, write_like_original=False)
        files[inst] = buf.getvalue()
        wants.append(v.astype(np.int64))
    path = os.path.join(OUT, "7000001_20208_2_0.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for inst in (3, 1, 5, 2, 4):
            z.writestr("1.3.12.2.1107.5.2.%d.dcm" % inst, files[inst])
        z.writestr("manifest.cvs", "junk entry, not DICOM\n")
        z.writestr(zipfile.ZipInfo("../evil.dcm"), files[1])
    record("7000001_20208_2_0.zip", np.stack(wants), "uint16", sample="7000001",
           series_name="cine_segmented_lax_4ch", instance="20208_2_0",
           warnings=["manifest.cvs", "../evil.dcm"])


def bad():
    ds = base("truncated")
    set_image(ds, smooth(), 16, 12)
    path = write(ds, "bad_truncated_pixels.dcm")
    b = open(path, "rb").read()
    open(path, "wb").write(b[: len(b) - 700])
    expected["bad_truncated_pixels.dcm"] = {"error": "truncated"}

    ds = base("absurd")
    set_image(ds, smooth(), 16, 12)
    ds.Rows, ds.Columns = 65535, 65535
    write(ds, "bad_absurd_dimensions.dcm")
    expected["bad_absurd_dimensions.dcm"] = {"error": "65535×65535"}

    ds = base("shortframes")
    set_image(ds, smooth(), 16, 12)
    ds.NumberOfFrames = 50
    write(ds, "bad_frames_beyond_data.dcm")
    expected["bad_frames_beyond_data.dcm"] = {"error": "pixel data truncated"}

    with open(os.path.join(OUT, "bad_not_dicom.dcm"), "w") as f:
        f.write("This is a text file that merely ends in .dcm.\n" * 4)
    expected["bad_not_dicom.dcm"] = {"error": "not readable as DICOM"}

    # RLE whose header claims a segment offset past the end of the frame.
    src = os.path.join(OUT, "mr_rle.dcm")
    ref = pydicom.dcmread(src)
    frags = pydicom.encaps.generate_pixel_data_frame(ref.PixelData)
    frame = bytearray(next(frags))
    frame[8:12] = (len(frame) + 1000).to_bytes(4, "little")
    ref.PixelData = pydicom.encaps.encapsulate([bytes(frame)])
    ref.save_as(os.path.join(OUT, "bad_rle_offsets.dcm"))
    expected["bad_rle_offsets.dcm"] = {"error": "RLE Lossless"}

    # Lossless JPEG cut in the middle of its scan.
    src = os.path.join(OUT, "mr_jpeg_ll_sv1.dcm")
    ref = pydicom.dcmread(src)
    frame = next(pydicom.encaps.generate_pixel_data_frame(ref.PixelData))
    ref.PixelData = pydicom.encaps.encapsulate([frame[:60]])
    ref.save_as(os.path.join(OUT, "bad_jpeg_ll_cut.dcm"))
    expected["bad_jpeg_ll_cut.dcm"] = {"error": "JPEG Lossless SV1"}


def main():
    for name in os.listdir(OUT):
        if name.endswith((".dcm", ".zip")):
            os.remove(os.path.join(OUT, name))
    mono16()
    mono8()
    signed()
    junk_bits()
    monochrome1()
    colour()
    palette()
    multiframe()
    overlay()
    no_meta()
    ecg()
    ukb_zip()
    bad()
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
