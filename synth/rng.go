package synth

import (
	"math/rand/v2"
)

// Random stream components: each part of a sample draws from its own stream,
// so changing how one part is generated leaves the others as they were.
const (
	streamCohort = iota + 1
	streamECG
	streamCine
)

// newRand is the random stream of one component of sample i under seed.
func newRand(seed int64, i, component int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(i)<<8|uint64(component)))
}

// normal draws from N(mean, sd²) clamped to [lo, hi].
func normal(r *rand.Rand, mean, sd, lo, hi float64) float64 {
	return clamp(mean+sd*r.NormFloat64(), lo, hi)
}

// uniform draws from U(lo, hi).
func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// chance is true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

func clamp(x, lo, hi float64) float64 { return max(lo, min(hi, x)) }

// fastNoise yields approximately standard-normal values cheaply (a sum of four
// uniform bytes, two values per 64-bit draw): enough for image noise.
type fastNoise struct {
	r    *rand.Rand
	bits uint64
	left int
}

// next returns the next value, mean 0 and standard deviation 1.
func (n *fastNoise) next() float32 {
	if n.left == 0 {
		n.bits, n.left = n.r.Uint64(), 2
	}
	b := n.bits
	n.bits >>= 32
	n.left--
	s := int(b&0xff) + int(b>>8&0xff) + int(b>>16&0xff) + int(b>>24&0xff)
	return float32(s-510) * (1 / 147.8)
}
