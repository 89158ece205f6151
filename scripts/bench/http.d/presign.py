#!/usr/bin/python3
"""Presigns S3 requests with AWS SigV4 query authentication (X-Amz-* parameters, UNSIGNED-PAYLOAD), for
scripts/bench/http: wrk replays the URLs as they are, so every request is signed up front.

Usage: presign.py ACCESS_KEY SECRET_KEY HOST:PORT EXPIRES_SECONDS < requests > urls
Each input line: NAME METHOD PATH [QUERY]   (PATH already percent-encoded as sent, e.g. /bucket/a/MIC%3DXLON/f;
QUERY as name=value&..., unencoded values). Each output line: NAME METHOD URL. Only the host header is signed,
so headers added later (Range) do not break the signature. Region us-east-1, service s3.
"""
import datetime
import hashlib
import hmac
import sys
import urllib.parse


def enc(text):
    return urllib.parse.quote(text, safe="-_.~")


def presign(access, secret, host, expires, method, path, query, now):
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    day = now.strftime("%Y%m%d")
    scope = f"{day}/us-east-1/s3/aws4_request"
    params = [tuple(p.split("=", 1)) if "=" in p else (p, "") for p in query.split("&") if p]
    params += [("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Credential", f"{access}/{scope}"),
               ("X-Amz-Date", amz_date), ("X-Amz-Expires", str(expires)), ("X-Amz-SignedHeaders", "host")]
    canonical_query = "&".join(f"{k}={v}" for k, v in sorted((enc(k), enc(v)) for k, v in params))
    canonical = "\n".join([method, path, canonical_query, f"host:{host}", "", "host", "UNSIGNED-PAYLOAD"])
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + secret).encode()
    for part in (day, "us-east-1", "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return f"http://{host}{path}?{canonical_query}&X-Amz-Signature={signature}"


def main():
    access, secret, host, expires = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    now = datetime.datetime.now(datetime.timezone.utc)
    for line in sys.stdin:
        fields = line.split()
        if not fields:
            continue
        name, method, path = fields[0], fields[1], fields[2]
        query = fields[3] if len(fields) > 3 else ""
        print(name, method, presign(access, secret, host, expires, method, path, query, now))


if __name__ == "__main__":
    main()
