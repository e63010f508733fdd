"""The article database: models, engine, repository functions and queries (no Scrapy, no CLI)."""
