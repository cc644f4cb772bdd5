"""Writers: a `Plan` becomes a typed view once (view.py), then Markdown, DOCX or PDF through
the one table of formats (formats.py). The year's documents are views too: the draft 工作总结
(report.py) and the status in Markdown (status.py)."""
