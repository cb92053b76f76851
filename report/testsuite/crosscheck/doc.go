// Package crosscheck holds no code of its own: its tests are an independent
// checker of the review's numbers. They read the Maven CRM test data and the
// sample workbooks directly (encoding/csv and excelize, not package source),
// recompute bookings, won and lost deals per region and fiscal quarter, win
// rates, average deal size, attainment and open pipeline with plain loops, and
// compare them with the site that `salesreview build` writes
// (data/bookings_by_region_quarter.csv and metrics.json).
package crosscheck
