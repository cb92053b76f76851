// Package output turns a review into the files machines read: metrics.json
// (every figure, unrounded, undefined as null) and the CSV tables of data/,
// as docs/metrics-schema.md describes them. It holds the project's one CSV
// writer, with its protection against spreadsheet formulas; the site's
// chart tables are written with it too. The domain package report holds no
// serialization.
package output
