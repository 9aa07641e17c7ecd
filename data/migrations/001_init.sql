-- The ingest ledger: one row per source file.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('ok', 'rejected')),
    error       TEXT NOT NULL DEFAULT '',
    warnings    TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL
);

CREATE TABLE samples (
    id TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Which sources contributed to which sample (a sample can come from many).
CREATE TABLE sample_sources (
    sample_id TEXT NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    PRIMARY KEY (sample_id, source_id)
) WITHOUT ROWID;
CREATE INDEX sample_sources_source ON sample_sources(source_id);

-- One ECG per (sample, group, instance, kind); samples as float32 little-endian,
-- lead after lead, n_samples each.
CREATE TABLE ecgs (
    id        INTEGER PRIMARY KEY,
    sample_id TEXT NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    grp       TEXT NOT NULL,
    instance  TEXT NOT NULL,
    kind      TEXT NOT NULL,
    rate_hz   REAL NOT NULL,
    scale_mv  REAL NOT NULL,
    date      INTEGER NOT NULL DEFAULT 0,
    leads     TEXT NOT NULL,
    n_samples INTEGER NOT NULL,
    data      BLOB NOT NULL
);
CREATE INDEX ecgs_sample ON ecgs(sample_id);
CREATE INDEX ecgs_source ON ecgs(source_id);

-- Image series. HDF5 series belong to one source (source_id). DICOM series (uid set)
-- are assembled from frames of many files: source_id is NULL and each frame
-- names its source. Frame counts, slice counts and frame order are read from
-- frames, so files can come and go without rewriting anything else.
CREATE TABLE series (
    id                INTEGER PRIMARY KEY,
    sample_id         TEXT NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    source_id         INTEGER REFERENCES sources(id) ON DELETE CASCADE,
    uid               TEXT NOT NULL DEFAULT '',
    grp               TEXT NOT NULL,
    name              TEXT NOT NULL,
    instance          TEXT NOT NULL,
    modality          TEXT NOT NULL DEFAULT '',
    rows              INTEGER NOT NULL,
    cols              INTEGER NOT NULL,
    channels          INTEGER NOT NULL DEFAULT 1,
    spacing_row       REAL NOT NULL DEFAULT 0,
    spacing_col       REAL NOT NULL DEFAULT 0,
    slice_thickness   REAL NOT NULL DEFAULT 0,
    window_center     REAL NOT NULL DEFAULT 0,
    window_width      REAL NOT NULL DEFAULT 0,
    rescale_slope     REAL NOT NULL DEFAULT 1,
    rescale_intercept REAL NOT NULL DEFAULT 0,
    bits_stored       INTEGER NOT NULL DEFAULT 0,
    photometric       TEXT NOT NULL DEFAULT '',
    dtype             TEXT NOT NULL,
    date              INTEGER NOT NULL DEFAULT 0,
    status            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX series_sample ON series(sample_id);
CREATE INDEX series_source ON series(source_id);
-- One DICOM series per UID and pixel geometry (files that reuse a UID for other
-- geometry make a series of their own).
CREATE UNIQUE INDEX series_uid ON series(sample_id, uid, rows, cols, channels, dtype) WHERE uid != '';

-- Frames. Their 0-based index is their rank in (slice_pos, time_ms, inst, id)
-- order within the series, and their slice number the rank of slice_pos;
-- both are computed when read. HDF5 frames keep their array order in inst.
CREATE TABLE frames (
    id        INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
    slice_pos REAL NOT NULL DEFAULT 0,
    time_ms   REAL NOT NULL DEFAULT 0,
    inst      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX frames_order ON frames(series_id, slice_pos, time_ms, inst, id);
CREATE INDEX frames_source ON frames(source_id);

-- rows*cols*channels values of the series' dtype, little-endian; no row when the
-- frame could not be decoded here (the series' status says why).
CREATE TABLE frame_pixels (
    frame_id INTEGER PRIMARY KEY REFERENCES frames(id) ON DELETE CASCADE,
    pixels   BLOB NOT NULL
);

-- Label maps drawn on one frame: rows*cols uint8 labels.
CREATE TABLE masks (
    id       INTEGER PRIMARY KEY,
    frame_id INTEGER NOT NULL REFERENCES frames(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    instance TEXT NOT NULL,
    rows     INTEGER NOT NULL,
    cols     INTEGER NOT NULL,
    labels   BLOB NOT NULL
);
CREATE INDEX masks_frame ON masks(frame_id);

-- Field columns: one row per (origin, name, instance), shared by every sample.
-- origin is the table's file name or the HDF5 group; never deleted (a dictionary).
CREATE TABLE columns (
    id       INTEGER PRIMARY KEY,
    origin   TEXT NOT NULL,
    name     TEXT NOT NULL,
    instance TEXT NOT NULL DEFAULT '',
    derived  INTEGER NOT NULL DEFAULT 0,
    has_text INTEGER NOT NULL DEFAULT 0, -- set once any sample's value is text
    UNIQUE (origin, name, instance)
);
CREATE INDEX columns_name ON columns(name);

-- Every phenotype, prediction, measurement and text value of a sample.
-- num and text are both NULL for a missing value.
CREATE TABLE fields (
    sample_id TEXT NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    column_id INTEGER NOT NULL REFERENCES columns(id),
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    num       REAL,
    text      TEXT,
    date      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (sample_id, column_id, source_id)
) WITHOUT ROWID;
CREATE INDEX fields_source ON fields(source_id);


-- Annotations: ml4h's seven columns plus qcterm's own. Append-only: undo sets undone_at.
CREATE TABLE annotations (
    id                   INTEGER PRIMARY KEY,
    sample_id            TEXT NOT NULL,
    annotator            TEXT NOT NULL,
    annotation_timestamp TEXT NOT NULL,
    key                  TEXT NOT NULL,
    value_numeric        REAL,
    value_string         TEXT,
    comment              TEXT,
    target               TEXT NOT NULL DEFAULT '',
    shape                TEXT NOT NULL DEFAULT '',
    duration_ms          INTEGER NOT NULL DEFAULT 0,
    session              TEXT NOT NULL DEFAULT '',
    undone_at            TEXT
);
CREATE INDEX annotations_sample ON annotations(sample_id);
