package data

import (
	"errors"
	"strings"
	"testing"
)

func TestReadTableCohort(t *testing.T) {
	rec, err := ReadTable(fixture("tables", "cohort.csv"), DefaultReadOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rec.Samples); got != 3 {
		t.Fatalf("samples = %d, want 3", got)
	}
	got := map[string]Field{}
	for _, f := range rec.Fields {
		got[string(f.Sample)+"."+f.Name] = f
		if f.Origin != "cohort.csv" {
			t.Errorf("origin %q, want cohort.csv", f.Origin)
		}
	}
	for key, want := range map[string]Value{
		"2000001.age":                     Number(61),
		"2000001.sex_at_birth":            Text("male"),
		"2000001.qt_interval_delta":       Number(10.5),
		"2000002.age":                     {Missing: true},
		"2000002.bmi":                     {Missing: true},
		"2000002.qt_interval_delta":       {Missing: true},
		"only_in_table.qt_interval_delta": Number(-5.25),
		"only_in_table.note":              {Missing: true},
	} {
		f, ok := got[key]
		if !ok || f.Value != want {
			t.Errorf("%s = %+v (present %v), want %+v", key, f.Value, ok, want)
		}
	}
	if !got["2000001.qt_interval_delta"].Derived || got["2000001.qt_interval_actual"].Derived {
		t.Error("only the delta should be marked derived")
	}
}

func TestReadTableTSV(t *testing.T) {
	rec, err := ReadTable(fixture("tables", "inference.tsv"), DefaultReadOptions())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range rec.Fields {
		if f.Sample == "2000001" {
			names = append(names, f.Name)
		}
	}
	if got, want := strings.Join(names, ","), "lvm_prediction,lvm_actual,hf_prediction,hf_actual,hf_follow_up,lvm_delta,hf_delta"; got != want {
		t.Errorf("columns = %s, want %s", got, want)
	}
}

func TestReadTableRejects(t *testing.T) {
	for _, tc := range []struct {
		file string
		is   error
		msg  string
	}{
		{"no_sample_id.csv", ErrUnsupported, "no sample_id column"},
		{"ragged.csv", ErrMalformed, "ragged row at line 3: 2 cells where the header has 3"},
		{"empty.csv", ErrMalformed, "empty table"},
	} {
		_, err := ReadTable(fixture("tables", tc.file), DefaultReadOptions())
		if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), tc.file) {
			t.Errorf("%s: error %v, want %v naming the file and saying %q", tc.file, err, tc.is, tc.msg)
		}
	}
}

func TestReadTableInline(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     string // sample:name=value pairs, or "error: ..." substring
	}{
		{"duplicates keep the last", "sample_id,age\nA,1\nB,2\nA,3\n", "A:age=3 B:age=2"},
		{"BOM and spaces", "\ufeff sample_id ,x\n a , 1.5 \n", "a:x=1.5"},
		{"quoted comma", "sample_id,note\nA,\"x, y\"\n", "A:note=x, y"},
		{"inf is text", "sample_id,v\nA,Inf\n", "A:v=Inf"},
		{"header only", "sample_id,v\n", "error: header but no rows"},
		{"empty id", "sample_id,v\n,1\n", "error: line 2 has an empty sample_id"},
		{"duplicate column", "sample_id,v,v\nA,1,2\n", "error: names column \"v\" twice"},
		{"bare quote", "sample_id,v\nA,x\"y\n", "error: line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := readTable(strings.NewReader(tc.in), "t.csv", ',', DefaultReadOptions())
			if strings.HasPrefix(tc.want, "error: ") {
				if err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(tc.want, "error: ")) {
					t.Fatalf("err = %v, want %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var parts []string
			for _, f := range rec.Fields {
				v := f.Value.Text
				if !f.Value.IsText {
					v = strings.TrimSuffix(strings.TrimRight(strings.TrimRight(fmtFloat(f.Value.Num), "0"), "."), ".")
				}
				parts = append(parts, string(f.Sample)+":"+f.Name+"="+v)
			}
			if got := strings.Join(parts, " "); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestReadTableMaxElements(t *testing.T) {
	opts := DefaultReadOptions()
	opts.MaxElements = 5
	_, err := readTable(strings.NewReader("sample_id,a,b\n1,2,3\n2,3,4\n3,4,5\n"), "t.csv", ',', opts)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func FuzzReadTable(f *testing.F) {
	f.Add("sample_id,age,x_actual,x_prediction\n1,2,3,4\n")
	f.Add("sample_id\tv\nA\tNA\n")
	f.Add("id,age\n1,2\n")
	f.Add("sample_id,a\n1,\"unterminated\n")
	f.Fuzz(func(t *testing.T, in string) {
		rec, err := readTable(strings.NewReader(in), "f.csv", ',', DefaultReadOptions())
		if err != nil {
			return
		}
		if len(rec.Samples) == 0 {
			t.Fatal("a table without rows was accepted")
		}
		for _, fl := range rec.Fields {
			if fl.Sample == "" {
				t.Fatal("field without a sample id")
			}
		}
	})
}
