#!/usr/bin/python3
"""Generate qcterm's own test fixtures (small ml4h-layout HDF5 files and tables).

Run with Debian's python3 and python3-h5py, python3-numpy from the repository root:
    /usr/bin/python3 testdata/make_fixtures.py
The outputs are committed so `go test` needs no Python. Deterministic (fixed seed).
It also writes testdata/shared_sums.json: reference sums of ../shared/testdata/ml4h
computed with h5py, which the acceptance tests compare against what qcterm stored.
"""
import csv
import json
import os

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.abspath(__file__))
LEADS = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]
DATE = 1462269600.0
rng = np.random.default_rng(42)


def synth_ecg(n, fs=500, rate=72):
    t = np.arange(n) / fs
    beat = (t * rate / 60) % 1.0
    qrs = np.exp(-((beat - 0.3) ** 2) / (2 * 0.012 ** 2)) * 200
    twave = np.exp(-((beat - 0.6) ** 2) / (2 * 0.05 ** 2)) * 50
    return [np.round((qrs * (1 + 0.1 * k) + twave + rng.normal(0, 3, n))) for k in range(12)]


def put(h5, path, value, dtype=None, date=True):
    if isinstance(value, str):
        ds = h5.create_dataset(path, data=value, dtype=h5py.string_dtype())
    elif np.ndim(value) == 0:
        ds = h5.create_dataset(path, data=np.array([value], dtype=np.float64))
    else:
        ds = h5.create_dataset(path, data=np.asarray(value, dtype=dtype or np.float64), compression="gzip")
    if date:
        ds.attrs["date"] = DATE
    return ds


def good(path):
    """Every part qcterm reads, with two ECG instances and two series instances."""
    with h5py.File(path, "w") as h5:
        for inst in ("instance_0", "instance_1"):
            strip = synth_ecg(5000)
            for lead, x in zip(LEADS, strip):
                put(h5, f"ukb_ecg_rest/strip_{lead}/{inst}", x)
            for lead, x in zip(LEADS, synth_ecg(600)):
                put(h5, f"ukb_ecg_rest/median_{lead}/{inst}", x)
            put(h5, f"ukb_ecg_rest/ecg_rest_text/{inst}", "Sinus rhythm; normal ECG \x1b[31m(red)")
            put(h5, f"ukb_ecg_rest/VentricularRate/{inst}", 72.0)
            put(h5, f"ukb_ecg_rest/QTInterval/{inst}", 398.0)
            put(h5, f"ukb_ecg_rest/ramplitude/{inst}", np.arange(12) * 10.0)
        cine = (np.arange(24 * 20 * 5).reshape(24, 20, 5) % 251).astype(np.float32)
        put(h5, "ukb_cardiac_mri/cine_segmented_lax_2ch/instance_0", cine, np.float32)
        put(h5, "ukb_cardiac_mri/cine_segmented_lax_2ch/instance_1", cine * 0.5 + 0.25, np.float32)
        label = np.zeros((24, 20), dtype=np.float32)
        label[5:10, 4:8] = 11
        label[12:20, 10:15] = 9
        put(h5, "ukb_cardiac_mri/cine_segmented_lax_2ch_annotated_3/instance_0", label, np.float32)
        for num in (3, 1, 2):  # short-axis inline VF: one 2-D frame per InstanceNumber
            put(h5, f"ukb_cardiac_mri/cine_segmented_sax_inlinevf/{num}/instance_0",
                np.full((8, 6), num * 100 + 1000, dtype=np.float32), np.float32)
        h5.create_dataset("mri_pixel_width_cine_segmented_lax_2ch", data=np.array([1.25]))
        h5.create_dataset("mri_pixel_height_cine_segmented_lax_2ch", data=np.array([1.5]))
        h5.create_dataset("mri_slice_thickness_cine_segmented_lax_2ch", data=np.array([8.0]))
        h5.create_dataset("categorical/sex", data=np.array([1.0]))
        h5.create_dataset("continuous/21002_Weight_2_0", data=np.array([81.5]))
        put(h5, "dates/enroll_date", "2010-03-04")


def variant(path):
    """A differently shaped file: int16 leads, no instance level, missing leads, extra groups."""
    with h5py.File(path, "w") as h5:
        for lead, x in zip(LEADS[:10], synth_ecg(2500, fs=250)):
            put(h5, f"ukb_ecg_rest/strip_{lead}", x, np.int16)
        put(h5, "ukb_ecg_rest/median_I/instance_0", np.zeros((30, 20)))  # shape nonsense for a lead
        put(h5, "ukb_ecg_bike/strip/instance_0", np.zeros((500, 3)))
        put(h5, "ukb_ecg_bike/protocol/instance_0", "F30")
        h5.create_dataset("continuous/age", data=np.array([61.0]))


def empty(path):
    with h5py.File(path, "w") as h5:
        h5.create_group("nothing_here")


def huge(path):
    """Claims 4e9 elements (chunked, nothing written), so the file is tiny."""
    with h5py.File(path, "w") as h5:
        h5.create_dataset("ukb_cardiac_mri/giant/instance_0", shape=(2000, 2000, 1000), dtype=np.float32, chunks=(64, 64, 1))


def tables():
    t = os.path.join(ROOT, "tables")
    with open(os.path.join(t, "cohort.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sample_id", "age", "bmi", "sex_at_birth", "qt_interval_actual", "qt_interval_prediction", "note"])
        w.writerow(["2000001", "61", "31.5", "male", "410.5", "400", "ok"])
        w.writerow(["2000002", "NA", "", "female", "380", "NA", "needs \x1b]0;evil\x07review"])
        w.writerow(["only_in_table", "45.5", "22", "female", "390", "395.25", ""])
    with open(os.path.join(t, "inference.tsv"), "w", newline="") as f:
        w = csv.writer(f, delimiter="\t")
        w.writerow(["sample_id", "lvm_prediction", "lvm_actual", "hf_prediction", "hf_actual", "hf_follow_up"])
        w.writerow(["2000001", "101.5", "99", "0.25", "1", "365"])
        w.writerow(["2000002", "88", "NA", "0.75", "0", "1200"])
    with open(os.path.join(t, "no_sample_id.csv"), "w") as f:
        f.write("id,age\n1,2\n")
    with open(os.path.join(t, "ragged.csv"), "w") as f:
        f.write("sample_id,age,bmi\n1,2,3\n2,3\n")
    with open(os.path.join(t, "empty.csv"), "w") as f:
        f.write("")
    with open(os.path.join(t, "duplicates.csv"), "w") as f:
        f.write("sample_id,age\nA,1\nB,2\nA,3\n")


def shared_sums():
    """Reference sums of the shared ml4h fixtures, read with h5py."""
    base = os.path.join(ROOT, "..", "..", "shared", "testdata", "ml4h")
    if not os.path.isdir(base):
        return
    out = {}
    for sid in ("1000001", "1000002", "1000003", "1000004"):
        s = {}
        with h5py.File(os.path.join(base, "hd5", sid + ".hd5"), "r") as h5:
            def visit(name, obj):
                if isinstance(obj, h5py.Dataset) and obj.dtype.kind == "f":
                    s[name] = float(np.sum(obj[()].astype(np.float64)))
            h5.visititems(visit)
        out[sid] = s
    cols = {}
    with open(os.path.join(base, "cohort.csv")) as f:
        rows = list(csv.DictReader(f))
    for c in ("age", "bmi", "qt_interval_actual", "qt_interval_prediction", "p_axis_actual"):
        cols[c] = float(sum(float(r[c]) for r in rows if r[c] not in ("", "NA")))
    cols["qt_interval_delta"] = float(sum(float(r["qt_interval_actual"]) - float(r["qt_interval_prediction"]) for r in rows))
    cols["rows"] = len(rows)
    out["cohort.csv"] = cols
    with open(os.path.join(ROOT, "shared_sums.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)


def main():
    h = os.path.join(ROOT, "hd5")
    good(os.path.join(h, "2000001.hd5"))
    variant(os.path.join(h, "2000002.hd5"))
    empty(os.path.join(h, "bad_empty.hd5"))
    huge(os.path.join(h, "bad_huge.hd5"))
    with open(os.path.join(h, "2000001.hd5"), "rb") as f:
        whole = f.read()
    with open(os.path.join(h, "bad_truncated.hd5"), "wb") as f:
        f.write(whole[: len(whole) // 3])
    with open(os.path.join(h, "bad_not_hdf5.hd5"), "w") as f:
        f.write("sample_id,age\nthis is a CSV with the wrong extension\n")
    tables()
    shared_sums()
    print("wrote", ROOT)


if __name__ == "__main__":
    main()
