package tui

import (
	"testing"

	"qcterm/data"
)

func TestFilter(t *testing.T) {
	row := map[string]data.Value{
		"bmi": data.Number(31.5), "qt_interval_delta": data.Number(25), "sex_at_birth": data.Text("Female"),
		"age": {Missing: true}, "ecg_exercise_program": data.Text("High risk"),
	}
	get := func(c string) data.Value {
		if v, ok := row[c]; ok {
			return v
		}
		return data.Value{Missing: true}
	}
	for _, tc := range []struct {
		expr string
		want bool
	}{
		{"bmi > 30 and qt_interval_delta > 20", true},
		{"bmi > 30 and qt_interval_delta > 30", false},
		{"bmi < 20 or qt_interval_delta >= 25", true},
		{`sex_at_birth = "female"`, true},
		{"sex_at_birth = male", false},
		{"sex_at_birth != male", true},
		{"ecg_exercise_program ~ risk", true},
		{"not (bmi > 30)", false},
		{"age > 0", false},
		{"not age > 0", true},
		{"unknown_col = 3", false},
		{"", true},
		{"(bmi > 30 or age > 1) and not sex_at_birth = male", true},
	} {
		f, err := ParseFilter(tc.expr)
		if err != nil {
			t.Errorf("%q: %v", tc.expr, err)
			continue
		}
		if got := f.Match(get); got != tc.want {
			t.Errorf("%q = %v, want %v", tc.expr, got, tc.want)
		}
	}
	for _, bad := range []string{"bmi >", "bmi 30", "(bmi > 3", `bmi > "x"`, `"bmi" > 3`, "bmi > 3 and", `a = "open`} {
		if _, err := ParseFilter(bad); err == nil {
			t.Errorf("%q parsed, want an error", bad)
		}
	}
	f, _ := ParseFilter("bmi > 30 and (age < 3 or bmi < 50)")
	if got := f.Columns(); len(got) != 2 || got[0] != "bmi" || got[1] != "age" {
		t.Errorf("columns = %v", got)
	}
}

func FuzzParseFilter(f *testing.F) {
	f.Add("bmi > 30 and qt_interval_delta > 20")
	f.Add(`(a = "x" or not b ~ y)`)
	f.Fuzz(func(t *testing.T, s string) {
		flt, err := ParseFilter(s)
		if err == nil {
			flt.Match(func(string) data.Value { return data.Number(1) })
		}
	})
}
