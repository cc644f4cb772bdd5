"""Writers: a `Plan` becomes a plain-data view once (view.py), then Markdown or DOCX."""
