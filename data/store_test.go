package data

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustRead(t *testing.T, read func(string, ReadOptions) (*Record, error), path string) *Record {
	t.Helper()
	rec, err := read(path, DefaultReadOptions())
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestStoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	rec := mustRead(t, ReadHDF5, fixture("hd5", "2000001.hd5"))
	if err := s.ReplaceSource(ctx, Source{Path: "a.hd5", Kind: SourceHDF5, SHA256: "x"}, rec); err != nil {
		t.Fatal(err)
	}
	d, err := s.Sample(ctx, "2000001")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.ECGs) != 4 || len(d.Series) != 3 || len(d.Fields) != len(rec.Fields) {
		t.Fatalf("stored %d ECGs %d series %d fields, want 4, 3, %d", len(d.ECGs), len(d.Series), len(d.Fields), len(rec.Fields))
	}
	e, err := s.ECGData(ctx, d.ECGs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	want := rec.ECGs[0]
	for i := range want.Samples {
		for j, v := range want.Samples[i] {
			if e.Samples[i][j] != v {
				t.Fatalf("lead %s sample %d = %g, want %g", e.Leads[i], j, e.Samples[i][j], v)
			}
		}
	}
	var cine Series
	for _, x := range d.Series {
		if x.Name == "cine_segmented_lax_2ch" && x.Instance == "instance_0" {
			cine = x
		}
	}
	if cine.FrameCount != 5 || len(cine.Masks) != 1 || len(cine.Masks[0].Present) != 3 {
		t.Fatalf("cine = %+v", cine)
	}
	f, err := s.FrameData(ctx, cine.ID, 4)
	if err != nil {
		t.Fatal(err)
	}
	if string(f.Pixels) != string(rec.Series[0].Frames[4].Pixels) {
		t.Error("frame 4 pixels differ after the round trip")
	}
	if _, err := s.FrameData(ctx, cine.ID, 5); !errors.Is(err, ErrNotFound) {
		t.Errorf("frame 5: err = %v, want ErrNotFound", err)
	}
	if _, err := s.Sample(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown sample: err = %v, want ErrNotFound", err)
	}
}

func TestStoreReplaceAndPrune(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	src := Source{Path: "t.csv", Kind: SourceTable, SHA256: "1"}
	other := Source{Path: "u.csv", Kind: SourceTable, SHA256: "2"}
	first := &Record{Samples: []SampleID{"A", "B"}, Fields: []Field{
		{Sample: "A", Origin: "t.csv", Name: "x", Value: Number(1)},
		{Sample: "B", Origin: "t.csv", Name: "x", Value: Number(2)},
	}}
	if err := s.ReplaceSource(ctx, src, first); err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceSource(ctx, other, &Record{Samples: []SampleID{"B"}, Fields: []Field{{Sample: "B", Origin: "u.csv", Name: "y", Value: Text("t")}}}); err != nil {
		t.Fatal(err)
	}
	// The same file again: no duplicates.
	if err := s.ReplaceSource(ctx, src, first); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Counts(ctx)
	if c.Samples != 2 || c.Fields != 3 {
		t.Fatalf("after re-ingest: %d samples %d fields, want 2, 3", c.Samples, c.Fields)
	}
	// The file changes: A is gone (it came only from t.csv), B keeps u.csv's field.
	second := &Record{Samples: []SampleID{"B", "C"}, Fields: []Field{
		{Sample: "B", Origin: "t.csv", Name: "x", Value: Number(20)},
		{Sample: "C", Origin: "t.csv", Name: "x", Value: Number(30)},
	}}
	src.SHA256 = "3"
	if err := s.ReplaceSource(ctx, src, second); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Sample(ctx, "A"); !errors.Is(err, ErrNotFound) {
		t.Errorf("A should be gone: %v", err)
	}
	b, err := s.Sample(ctx, "B")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Fields) != 2 || len(b.Sources) != 2 {
		t.Errorf("B has %d fields from %d sources, want 2 from 2", len(b.Fields), len(b.Sources))
	}
	// A rejected new version keeps the old data and records the reason.
	if err := s.RejectSource(ctx, Source{Path: "t.csv", Kind: SourceTable, SHA256: "4"}, "t.csv: ragged"); err != nil {
		t.Fatal(err)
	}
	got, err := s.LookupSource(ctx, "t.csv")
	if err != nil || got.Status != "rejected" || got.Error != "t.csv: ragged" {
		t.Errorf("ledger = %+v, %v", got, err)
	}
	if _, err := s.Sample(ctx, "C"); err != nil {
		t.Errorf("C should survive a rejected re-ingest: %v", err)
	}
}

func TestStoreReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var mode string
		if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode = %q, %v; want wal", mode, err)
		}
		var fk int
		if err := s.db.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
			t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
		}
		s.Close()
	}
}

func TestStoreSharedDICOMSeries(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	file := func(inst int, pos float64) *Record {
		return &Record{Samples: []SampleID{"P"}, Series: []Series{{
			Sample: "P", UID: "1.2.3", Group: "dicom", Name: "cine", Rows: 1, Cols: 2, DType: DTypeUint8,
			Frames: []Frame{{SlicePos: pos, TimeMS: float64(inst), Instance: inst, Pixels: []byte{byte(inst), 0}}},
			Masks:  []Mask{{Frame: 0, Name: "overlay", Rows: 1, Cols: 2, Labels: []byte{0, byte(inst)}}},
		}}}
	}
	put := func(path string, rec *Record) {
		t.Helper()
		if err := s.ReplaceSource(ctx, Source{Path: path, Kind: "dicom"}, rec); err != nil {
			t.Fatal(err)
		}
	}
	put("c.dcm", file(3, 0))
	put("a.dcm", file(1, 0))
	put("d.dcm", file(4, 5))
	put("b.dcm", file(2, 0))
	order := func() (got []int, slices int) {
		t.Helper()
		d, err := s.Sample(ctx, "P")
		if err != nil {
			t.Fatal(err)
		}
		x := d.Series[0]
		for k := 0; k < x.FrameCount; k++ {
			f, err := s.FrameData(ctx, x.ID, k)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, f.Instance)
			if x.Masks[k].Frame != k || x.Masks[k].Present[1] != f.Instance {
				t.Errorf("mask %d = %+v, not on the frame of instance %d", k, x.Masks[k], f.Instance)
			}
		}
		return got, x.Slices
	}
	if got, slices := order(); fmt.Sprint(got) != "[1 2 3 4]" || slices != 2 {
		t.Errorf("frames in instance order %v, slices %d; want [1 2 3 4], 2", got, slices)
	}
	// b.dcm changes to a later trigger time: the order follows.
	changed := file(2, 0)
	changed.Series[0].Frames[0].TimeMS = 10
	put("b.dcm", changed)
	if got, _ := order(); fmt.Sprint(got) != "[1 3 2 4]" {
		t.Errorf("after b.dcm changed: %v, want [1 3 2 4]", got)
	}
	// A file reusing the UID for other geometry makes a series of its own.
	other := file(9, 0)
	other.Series[0].Rows = 7
	other.Series[0].Frames[0].Pixels = make([]byte, 14)
	other.Series[0].Masks = nil
	if err := s.ReplaceSource(ctx, Source{Path: "e.dcm"}, other); err != nil {
		t.Fatal(err)
	}
	d, _ := s.Sample(ctx, "P")
	if len(d.Series) != 2 {
		t.Errorf("series = %d, want 2", len(d.Series))
	}
}

func TestStoreCohortQueries(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for _, f := range []string{"cohort.csv", "inference.tsv"} {
		rec := mustRead(t, ReadTable, fixture("tables", f))
		if err := s.ReplaceSource(ctx, Source{Path: f, Kind: SourceTable}, rec); err != nil {
			t.Fatal(err)
		}
	}
	rec := mustRead(t, ReadHDF5, fixture("hd5", "2000001.hd5"))
	if err := s.ReplaceSource(ctx, Source{Path: "h", Kind: SourceHDF5}, rec); err != nil {
		t.Fatal(err)
	}
	cols, err := s.Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	info := map[string]ColumnInfo{}
	for _, c := range cols {
		info[c.Name] = c
	}
	if c := info["qt_interval_delta"]; !c.Numeric || !c.Derived {
		t.Errorf("qt_interval_delta = %+v", c)
	}
	if c := info["sex_at_birth"]; c.Numeric {
		t.Errorf("sex_at_birth should be text: %+v", c)
	}
	if _, ok := info["VentricularRate"]; ok {
		t.Error("per-instance ECG measurements are not cohort columns")
	}
	if cols[0].Name != "age" {
		t.Errorf("first column = %s, want the table's first (age)", cols[0].Name)
	}
	vals, err := s.ColumnValues(ctx, []string{"qt_interval_delta", "hf_delta"})
	if err != nil {
		t.Fatal(err)
	}
	if v := vals["qt_interval_delta"]["2000001"]; v != Number(10.5) {
		t.Errorf("qt delta of 2000001 = %+v", v)
	}
	if v := vals["hf_delta"]["2000002"]; v != Number(-0.75) {
		t.Errorf("hf delta of 2000002 = %+v", v)
	}
	page, err := s.SampleValues(ctx, []SampleID{"only_in_table"}, []string{"age", "qt_interval_delta"})
	if err != nil {
		t.Fatal(err)
	}
	if page["age"]["only_in_table"] != Number(45.5) || len(page["age"]) != 1 {
		t.Errorf("page = %+v", page)
	}
	ids, err := s.SampleIDs(ctx)
	if err != nil || len(ids) != 3 {
		t.Errorf("ids = %v, %v", ids, err)
	}
}

func TestStoreIncompatibleSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE schema_migrations SET sha256 = 'x' WHERE version = 1`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, path); !errors.Is(err, ErrIncompatible) {
		t.Fatalf("open a database of another schema: err = %v, want ErrIncompatible", err)
	}
}

func TestStoreConcurrentFirstOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	errs := make(chan error, 6)
	for i := 0; i < cap(errs); i++ {
		go func() {
			s, err := Open(ctx, path)
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	for i := 0; i < cap(errs); i++ {
		if err := <-errs; err != nil {
			t.Errorf("open %d: %v", i, err)
		}
	}
}

// A batch with a file the store refuses commits the others whole and leaves
// nothing of the refused one, also after a later batch with no refusal.
func TestReplaceSourcesRefusesOneFile(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	good := mustRead(t, ReadHDF5, fixture("hd5", "2000001.hd5"))
	bad := &Record{Samples: []SampleID{"bad_1"}, Series: []Series{{
		Sample: "bad_1", Name: "cine", Rows: 1, Cols: 1, Channels: 1, DType: "uint8",
		Frames: []Frame{{Pixels: []byte{7}}},
		Masks:  []Mask{{Frame: 3, Name: "m", Rows: 1, Cols: 1, Labels: []byte{1}}},
	}}}
	items := []Replacement{
		{Source: Source{Path: "a.hd5", Kind: SourceHDF5, SHA256: "a"}, Record: good},
		{Source: Source{Path: "bad.dcm", Kind: SourceDICOM, SHA256: "b"}, Record: bad},
		{Source: Source{Path: "c.csv", Kind: SourceTable, SHA256: "c"}, Record: &Record{
			Samples: []SampleID{"3000001"},
			Fields:  []Field{{Sample: "3000001", Origin: "c.csv", Name: "bmi", Value: Number(31)}},
		}},
	}
	errs, err := s.ReplaceSources(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	if errs[0] != nil || errs[2] != nil || errs[1] == nil {
		t.Fatalf("errs = %v, want only the second file refused", errs)
	}
	for _, id := range []SampleID{"2000001", "3000001"} {
		if _, err := s.Sample(ctx, id); err != nil {
			t.Errorf("sample %s of an accepted file: %v", id, err)
		}
	}
	if _, err := s.Sample(ctx, "bad_1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("sample of the refused file: err = %v, want ErrNotFound", err)
	}
	if _, err := s.LookupSource(ctx, "bad.dcm"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ledger row of the refused file: err = %v, want ErrNotFound", err)
	}
	errs, err = s.ReplaceSources(ctx, items[2:])
	if err != nil || errs[0] != nil {
		t.Fatalf("a later batch: %v %v", err, errs)
	}
}

// A refused file's sample and DICOM series are rolled back with it: the next
// file of the batch, with the same sample and series, still stores them (the
// batch's memory of what it wrote is forgotten with the rollback).
func TestReplaceSourcesRefusedThenSameSeries(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	frame := func(inst int, maskOn int) *Record {
		ser := Series{Sample: "s1", UID: "1.2.3", Name: "cine", Rows: 1, Cols: 1, Channels: 1, DType: DTypeUint8,
			Frames: []Frame{{Instance: inst, Pixels: []byte{byte(inst)}}}}
		if maskOn >= 0 {
			ser.Masks = []Mask{{Frame: maskOn, Name: "m", Rows: 1, Cols: 1, Labels: []byte{1}}}
		}
		return &Record{Samples: []SampleID{"s1"}, Series: []Series{ser}}
	}
	errs, err := s.ReplaceSources(ctx, []Replacement{
		{Source: Source{Path: "1.dcm", Kind: SourceDICOM, SHA256: "1"}, Record: frame(1, 3)}, // refused: mask on a missing frame
		{Source: Source{Path: "2.dcm", Kind: SourceDICOM, SHA256: "2"}, Record: frame(2, -1)},
		{Source: Source{Path: "3.dcm", Kind: SourceDICOM, SHA256: "3"}, Record: frame(3, -1)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if errs[0] == nil || errs[1] != nil || errs[2] != nil {
		t.Fatalf("errs = %v, want only the first file refused", errs)
	}
	d, err := s.Sample(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Series) != 1 || d.Series[0].FrameCount != 2 {
		t.Fatalf("sample s1: %d series, %+v; want one series of 2 frames", len(d.Series), d.Series)
	}
}

// LookupSources finds the ledger rows of the paths asked for, across chunks,
// and leaves out paths the ledger does not have.
func TestLookupSources(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var paths []string
	for i := range 1203 {
		p := fmt.Sprintf("f%04d.csv", i)
		paths = append(paths, p)
		if i%2 == 0 {
			if err := s.RejectSource(ctx, Source{Path: p, Kind: SourceTable, SHA256: "x"}, "bad"); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err := s.LookupSources(ctx, append(paths, "missing.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 602 {
		t.Fatalf("%d rows, want 602", len(got))
	}
	if src, ok := got["f1202.csv"]; !ok || src.Status != "rejected" || src.Error != "bad" {
		t.Errorf("f1202.csv: %+v %v", src, ok)
	}
	if _, ok := got["f0001.csv"]; ok {
		t.Error("a path never ingested was found")
	}
}
