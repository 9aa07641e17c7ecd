package synth

import "math"

// vec3 is a cardiac dipole in Frank's orthogonal coordinates, in mV:
// X to the patient's left, Y to the feet, Z to the back.
type vec3 [3]float64

func (v vec3) scale(k float64) vec3 { return vec3{v[0] * k, v[1] * k, v[2] * k} }

// rotate turns v by front degrees in the frontal (X–Y) plane, towards the feet,
// and by horiz degrees in the horizontal (X–Z) plane, towards the back.
func (v vec3) rotate(front, horiz float64) vec3 {
	s, c := math.Sincos(front * math.Pi / 180)
	x, y := c*v[0]-s*v[1], s*v[0]+c*v[1]
	s, c = math.Sincos(horiz * math.Pi / 180)
	return vec3{c*x - s*v[2], y, s*x + c*v[2]}
}

// gauss is one Gaussian of the dipole's path over a beat: at Center ms from
// the R peak the dipole points along Dir, falling off with width Sigma ms.
// A beat is a sum of them, as in McSharry's ECGSYN model extended to three
// dimensions (Sameni et al. 2007), written in closed form over time.
type gauss struct {
	center, sigma float64
	dir           vec3
}

// reach is how far from its centre a Gaussian is evaluated (ms).
func (g gauss) reach() float64 { return 4 * g.sigma }

// Independent leads computed from the dipole; the other four limb leads are
// derived from I and II (Einthoven and Goldberger).
const (
	baseI = iota
	baseII
	baseV1
	baseV2
	baseV3
	baseV4
	baseV5
	baseV6
	nBase
)

// leadVectors are Dower's coefficients (1980) that turn a Frank dipole into the
// independent leads I, II, V1–V6: lead = vector · dipole.
func leadVectors() [nBase]vec3 {
	return [nBase]vec3{
		{0.632, -0.235, 0.059},  // I
		{0.235, 1.066, -0.132},  // II
		{-0.515, 0.157, -0.917}, // V1
		{0.044, 0.164, -1.387},  // V2
		{0.882, 0.098, -1.277},  // V3
		{1.213, 0.127, -0.601},  // V4
		{1.125, 0.127, -0.086},  // V5
		{0.831, 0.076, 0.230},   // V6
	}
}

// dipoleTrack is the dipole over time at a fixed sampling interval.
type dipoleTrack struct {
	dtMS float64
	x    [3][]float64
}

func newDipoleTrack(n int, dtMS float64) *dipoleTrack {
	t := &dipoleTrack{dtMS: dtMS}
	for i := range t.x {
		t.x[i] = make([]float64, n)
	}
	return t
}

// add adds the Gaussians of one beat whose R peak is at rMS, scaled by gain.
func (t *dipoleTrack) add(rMS, gain float64, waves []gauss) {
	n := len(t.x[0])
	for _, g := range waves {
		c := rMS + g.center
		lo := max(0, int(math.Ceil((c-g.reach())/t.dtMS)))
		hi := min(n-1, int(math.Floor((c+g.reach())/t.dtMS)))
		inv := 1 / (2 * g.sigma * g.sigma)
		d := g.dir.scale(gain)
		for i := lo; i <= hi; i++ {
			dt := float64(i)*t.dtMS - c
			e := math.Exp(-dt * dt * inv)
			t.x[0][i] += d[0] * e
			t.x[1][i] += d[1] * e
			t.x[2][i] += d[2] * e
		}
	}
}

// project returns the independent leads I, II, V1–V6 seen from the track (mV).
func (t *dipoleTrack) project() [nBase][]float64 {
	var out [nBase][]float64
	vs := leadVectors()
	n := len(t.x[0])
	for k, v := range vs {
		l := make([]float64, n)
		for i := range l {
			l[i] = v[0]*t.x[0][i] + v[1]*t.x[1][i] + v[2]*t.x[2][i]
		}
		out[k] = l
	}
	return out
}
