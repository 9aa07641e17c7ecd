// Package tui is qcterm's review interface (Bubble Tea v2): a sample list with
// search, filter and sort, and a sample view with fields, a 12-lead ECG and MRI
// frames with cine playback. Panes are small models with Update returning their
// own type and a pure View; IO happens only in tea.Cmds, whose replies carry
// request ids so stale ones are dropped.
package tui
