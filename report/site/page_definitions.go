package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// definitions builds the Definitions page from definitions.md of the
// templates (the user's --templates folder may replace it).
func (b *builder) definitions(p *pageView) error {
	var src []byte
	var err error
	if b.opts.Override != nil {
		src, err = fs.ReadFile(b.opts.Override, "definitions.md")
	}
	if b.opts.Override == nil || err != nil {
		src, err = fs.ReadFile(b.opts.Templates, "definitions.md")
	}
	if err != nil {
		return fmt.Errorf("render site: templates: %w", err)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	var buf bytes.Buffer
	if err := md.Convert(src, &buf); err != nil {
		return fmt.Errorf("render site: definitions.md: %w", err)
	}
	p.Title = "How these numbers are computed"
	// Safe mode (no WithUnsafe): raw HTML in the file is omitted.
	p.Sections = []*section{{HTML: template.HTML(buf.String())}}
	return nil
}
