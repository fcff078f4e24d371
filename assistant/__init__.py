"""fazhi: an assistant for 法治政府建设年度报告 (annual rule-of-law government reports)."""

__version__ = "0.1.0"

# Where fazhi keeps what it writes, unless FAZHI_HOME says otherwise. Here rather than in config so the
# CLI's log routing can find FAZHI_HOME/logs without loading pydantic-settings for `fazhi parse`.
DEFAULT_HOME = "~/.local/share/fazhi"
