"""fazhi: an assistant for 法治政府建设年度报告 (annual rule-of-law government reports)."""

__version__ = "0.1.0"
