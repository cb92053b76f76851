// Package safety holds salesreview's cross-cutting safety tests: every
// input of the hostile corpus (package hostile) through the input side, the
// whole pipeline and the built binary, checked with the page check of
// package pagecheck, backing the promises of docs/security.md. It has no
// code of its own beyond helpers for those tests.
package safety
