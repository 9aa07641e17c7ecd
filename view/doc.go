// Package view adapts stored data to the renderers: a stored frame becomes a
// render.Image (rescale applied, MONOCHROME1 marked, colour kept), an ECG a
// render.ECGInput with its header of machine read and measurements. Both the
// `show` command and the review TUI draw through it, so they agree.
package view
