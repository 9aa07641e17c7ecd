package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmuxSession drives the real binary in a detached tmux session.
type tmuxSession struct {
	t    *testing.T
	name string
}

func newTmux(t *testing.T, w, h int, command string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed: end-to-end UI test skipped")
	}
	s := &tmuxSession{t: t, name: fmt.Sprintf("qcterm-e2e-%d", os.Getpid())}
	exec.Command("tmux", "kill-session", "-t", s.name).Run()
	out, err := exec.Command("tmux", "new-session", "-d", "-s", s.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		"env", "TERM=xterm-256color", "sh", "-c", command+"; echo EXITED $?; sleep 30").CombinedOutput()
	if err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", s.name).Run() })
	return s
}

func (s *tmuxSession) capture() string {
	out, _ := exec.Command("tmux", "capture-pane", "-p", "-t", s.name).Output()
	return string(out)
}

// waitFor polls the screen until every text is on it, failing after a deadline.
func (s *tmuxSession) waitFor(texts ...string) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		screen := s.capture()
		missing := ""
		for _, t := range texts {
			if !strings.Contains(screen, t) {
				missing = t
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %q:\n%s", missing, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitGone polls the screen until text is no longer on it.
func (s *tmuxSession) waitGone(text string) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for strings.Contains(s.capture(), text) {
		if time.Now().After(deadline) {
			s.t.Fatalf("screen still shows %q:\n%s", text, s.capture())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	if out, err := exec.Command("tmux", append([]string{"send-keys", "-t", s.name}, keys...)...).CombinedOutput(); err != nil {
		s.t.Fatalf("send-keys %q: %v\n%s", keys, err, out)
	}
}

func (s *tmuxSession) literal(text string) {
	s.t.Helper()
	if out, err := exec.Command("tmux", "send-keys", "-t", s.name, "-l", text).CombinedOutput(); err != nil {
		s.t.Fatalf("send-keys -l %q: %v\n%s", text, err, out)
	}
}

// TestReviewInTmux runs `qcterm review` in tmux the way a user would.
func TestReviewInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "r.db")
	if out, err := exec.Command(bin, "ingest", "--db", db, "testdata/hd5/2000001.hd5", "testdata/hd5/2000002.hd5",
		"testdata/tables/cohort.csv", "testdata/tables/inference.tsv").CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	s := newTmux(t, 120, 40, bin+" review --db "+db)
	s.waitFor("3 of 3 samples", "2000001", "qt_interval_delta")

	s.keys("/")
	s.literal("only")
	s.keys("Enter")
	s.waitFor("1 of 3 samples", `search "only"`)
	s.keys("Escape")
	s.waitFor("3 of 3 samples")

	s.keys("f")
	s.literal("bmi > 30")
	s.keys("Enter")
	s.waitFor("1 of 3 samples", "filter bmi > 30")
	s.keys("Escape")
	s.waitFor("3 of 3 samples")

	s.keys("Enter")
	s.waitFor("sample 2000001 (1 of 3)", "machine read: Sinus rhythm", "frame 0 (0–4)")
	s.keys("]")
	s.waitFor("frame 1 (0–4)")
	s.keys("Space")
	s.waitFor("▶ playing")
	s.keys("Space")
	s.waitGone("▶ playing")
	s.keys("L")
	s.waitFor("ECG 12x1")

	exec.Command("tmux", "resize-window", "-t", s.name, "-x", "80", "-y", "24").Run()
	s.waitFor("(tab: next pane)")
	exec.Command("tmux", "resize-window", "-t", s.name, "-x", "120", "-y", "40").Run()
	s.waitFor("machine read: Sinus rhythm")

	s.keys("n")
	s.waitFor("sample 2000002 (2 of 3)", "ECG 12x1")
	s.keys("p")
	s.waitFor("sample 2000001 (1 of 3)")
	s.keys("?")
	s.waitFor("qcterm review — keys", "play / pause cine")
	s.keys("x")
	s.waitFor("sample 2000001 (1 of 3)")
	s.keys("q")
	s.waitFor("EXITED 0")
}

// TestDemoInTmux runs `qcterm demo` as a new user would: it builds its own
// synthetic database and opens the review UI on it.
func TestDemoInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	s := newTmux(t, 120, 40, bin+" demo --samples 12 --db "+db)
	s.waitFor("12 of 12 samples", "fake_1", "qt_interval_delta")
	s.keys("Enter")
	s.waitFor("sample fake_1 (1 of 12)", "machine read:", "cine_segmented_lax_4ch", "frame 0 (0–29)")
	s.keys("n")
	s.waitFor("sample fake_2 (2 of 12)")
	s.keys("Space")
	s.waitFor("▶ playing")
	s.keys("Space", "q")
	s.waitFor("EXITED 0")
	// A second run reuses the database.
	out, err := exec.Command(bin, "demo", "--samples", "12", "--db", db, "--no-ui").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ready in") {
		t.Fatalf("second demo run: %v\n%s", err, out)
	}
}

// TestReviewSharedInTmux runs the review UI on the shared real fixtures: the
// 20,000-row cohort, the ml4h HDF5 files and the UK Biobank DICOM zip.
func TestReviewSharedInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	shared := filepath.Join("..", "shared", "testdata", "ml4h")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("shared fixtures not present (%s)", shared)
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "shared.db")
	if out, err := exec.Command(bin, "ingest", "--db", db, shared).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	s := newTmux(t, 140, 44, bin+" review --db "+db)
	s.waitFor("20000 of 20000 samples", "qt_interval_delta")
	s.keys("f")
	s.literal("bmi > 30 and qt_interval_delta > 20")
	s.keys("Enter")
	s.waitFor("filter bmi > 30 and qt_interval_delta > 20")
	s.keys("Escape") // alone: ESC followed at once by a key reads as alt+key
	s.waitFor("20000 of 20000 samples")
	s.keys("/")
	s.literal("1000001")
	s.keys("Enter")
	s.waitFor("1 of 20000 samples")
	s.keys("Enter")
	s.waitFor("sample 1000001 (1 of 1)", "Atrial fibrillation", "rate 118 bpm", "cine_segmented_lax_4ch")
	s.keys("e")
	s.waitFor("cine_segmented_lax_4ch/instance_2")
	s.keys("]", "o")
	s.waitFor("frame 1 (0–15)", "overlay on")
	s.keys("q")
	s.waitFor("EXITED 0")
}
