// Package report is the domain of salesreview: the typed records read from CRM
// exports (deals, activities, roster, accounts, targets, forecast calls), the
// fiscal calendar, and every metric of METRICS.md as pure functions over them.
//
// It uses the standard library (and errgroup) only, so its tests are plain
// table tests on literal records whose expected values were worked out by hand.
//
// # How a review is computed
//
// Compute (compute.go) reads in three steps:
//
//  1. newIndex (index.go) builds the index once: the dates of the review
//     (dates.go), the regions in display order and each deal's and
//     activity's region, owner and account (regions.go), and the aggregates
//     several metric families share: the money of every scope in every
//     quarter (flows.go), the contract revenue (arr.go), the activities linked
//     to deals and their counts (links.go) and the targets (targets.go). The
//     index is never written after newIndex returns.
//  2. Each metric family is a function from the index to its part of the
//     review (revenue.go, arr.go, pipeline.go, forecast.go, activities.go,
//     reps.go, risk.go, snapshot.go, scopes.go). The families run in
//     parallel (errgroup); each returns a part: a function that puts its
//     figures into the review, and the problems it found.
//  3. The parts are put into the review and their problems merged in the
//     fixed order of the families list, so the review is the same whatever
//     order the families finished in; then the data-quality page
//     (quality.go) is made from the merged problems.
//
// # Adding a metric family
//
// Write a function with the signature of family.run:
//
//	func outlookPart(ix *index) (part, error)
//
// that reads what it needs from the index (ix.cur.Deals, ix.deals[i].region,
// ix.flowAt(scope, quarter), ix.target(scope, quarter), ...) without writing
// to it, computes its figures into local variables, and returns
//
//	part{fill: func(rev *Review) { rev.Outlook = figures }, found: found}
//
// where found holds the problems it found (findings.add). Then add one line
// to the families list in compute.go. A family must not read another
// family's results: what two families share belongs in the index.
package report
