// Package synth generates qcterm's demo cohort, deterministically from a seed:
// synthetic 12-lead resting ECGs from a moving heart dipole projected onto the
// standard leads, a beating-heart four-chamber cine phantom with a label map,
// and a cohort table in the shape of ml4h's demo table with planted model
// errors. It returns data types only (data.Record and friends) and does no IO.
//
// Every sample draws from its own random streams (seed, sample number,
// component), so one sample can be generated on its own, in any order or in
// parallel, and always comes out the same.
package synth
