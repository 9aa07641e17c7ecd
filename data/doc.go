// Package data is qcterm's domain: the vocabulary (samples, ECGs, image series,
// fields), the SQLite store with its numbered migrations, and the readers that
// turn outside files (ml4h HDF5, CSV/TSV tables) into that vocabulary. It has no
// terminal code and imports no other qcterm package.
package data
