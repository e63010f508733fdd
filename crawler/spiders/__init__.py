"""followup's spider: one crawl visits every due source, whatever its kind."""
