"""A small DLP addon for mitmproxy: the peer the load harness measures as "mitmproxy-dlp".

It runs six representative patterns of Sieve's default pack (rules/src/main/resources/dev/sieve/rules/pack) over
every decoded request body with Python's `re` and answers 403 when one matches, the way a user would write a DLP
check for mitmproxy. Same regexes as the pack; Sieve's validators (Luhn, SSN ranges, entropy) and exclusions
are left out, which only makes this addon cheaper. E-mail blocks at 10 distinct addresses, as pii.email-bulk.
"""
import re

from mitmproxy import http

_PATTERNS = [
    ("pii.us-ssn", re.compile(rb"\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b")),
    ("financial.card-visa", re.compile(rb"\b4[0-9]{3}(?:[0-9]{12}|(?: [0-9]{4}){3}|(?:-[0-9]{4}){3})\b")),
    ("credential.aws-access-key-id", re.compile(rb"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b")),
    ("credential.github-pat", re.compile(rb"\bghp_[A-Za-z0-9]{36}\b")),
    ("credential.anthropic-api-key", re.compile(rb"\bsk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA\b")),
]
_EMAIL = re.compile(rb"[A-Za-z0-9._%+-]{1,40}@[A-Za-z0-9.-]{1,60}\.[A-Za-z]{2,18}\b")
_EMAIL_MIN_DISTINCT = 10


def _finding(body):
    for rule, pattern in _PATTERNS:
        if pattern.search(body):
            return rule
    emails = set()
    for match in _EMAIL.finditer(body):
        emails.add(match.group(0))
        if len(emails) >= _EMAIL_MIN_DISTINCT:
            return "pii.email-bulk"
    return None


def request(flow: http.HTTPFlow) -> None:
    body = flow.request.get_content(strict=False)
    if not body:
        return
    rule = _finding(body)
    if rule is not None:
        flow.response = http.Response.make(
            403, b'{"error":"blocked by DLP","rule":"' + rule.encode() + b'"}', {"Content-Type": "application/json"}
        )
