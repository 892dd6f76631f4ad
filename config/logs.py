"""Log records as JSON lines, and error emails that carry no one's data.

Django's own error email lists the request's form fields, query, cookies and every local
variable of every frame: a person's notes, scores or session cookie could end up in an
administrator's inbox. `PrivateExceptionReporter` sends what is needed to find the bug
(what failed, where, on which route) and nothing a person typed.
"""

from __future__ import annotations

import json
import logging
import traceback
from datetime import UTC, datetime
from typing import Any

from django.views.debug import ExceptionReporter


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = getattr(request, "method", None)
            entry["path"] = request.path
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class PrivateExceptionReporter(ExceptionReporter):
    """The error email's text: exception, route and traceback lines, no values."""

    def get_traceback_text(self) -> str:
        lines = [f"{self.exc_type.__name__ if self.exc_type else 'Report'}: {self.exc_value}"]
        if self.request is not None:
            lines.append(f"Request: {self.request.method} {self.request.path}")
        if self.exc_type is not None and self.tb is not None:
            lines.append("")
            lines.extend(traceback.format_exception(self.exc_type, self.exc_value, self.tb))
        return "\n".join(lines)

    def get_traceback_html(self) -> str:
        return "<pre>" + self.get_traceback_text().replace("<", "&lt;") + "</pre>"
