"""Analysis use cases shared by the crawl and re-analysis (see analysis.stories)."""
