package site

// Exported for the tests of package site_test (the browser test).
var (
	FixtureReview = fixtureReview
	TemplatesFS   = templatesFS
	HostileNames  = hostileNames
)
