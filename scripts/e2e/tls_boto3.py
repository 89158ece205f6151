"""boto3 and Python's ssl module against delta-s3-proxy over HTTPS (driven by scripts/e2e/tls).

usage: tls_boto3.py CHECK ENDPOINT CA_PEM TABLES [EXPECTED_SERIAL_HEX]
Prints one line, PASS or FAIL with the detail, and exits 0 either way unless the arguments are wrong.
"""
import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlparse

import boto3
import botocore.config
import botocore.exceptions

KEY = "TLSE2EACCESSKEY00001"
SECRET = "tls-e2e-secret-for-this-test-only"


def client(endpoint, verify):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", verify=verify,
                        aws_access_key_id=KEY, aws_secret_access_key=SECRET,
                        config=botocore.config.Config(s3={"addressing_style": "path"}, signature_version="s3v4",
                                                      retries={"max_attempts": 1}, connect_timeout=10,
                                                      read_timeout=30))


def data_file(tables, partition):
    root = os.path.join(tables, "trades", partition)
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(".parquet"):
                path = os.path.join(folder, name)
                return "trades/" + os.path.relpath(path, os.path.join(tables, "trades")), path
    raise AssertionError("no parquet file under " + root)


def serial(endpoint, ca):
    """The serial of the certificate a new connection is shown, verified against CA and the host name."""
    url = urlparse(endpoint)
    context = ssl.create_default_context(cafile=ca)
    with socket.create_connection((url.hostname, url.port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=url.hostname) as tls:
            der = tls.getpeercert(binary_form=True)
    out = subprocess.run(["openssl", "x509", "-noout", "-serial"], input=ssl.DER_cert_to_PEM_cert(der),
                         capture_output=True, text=True, check=True).stdout
    return out.strip().split("=", 1)[1].lstrip("0").lower()


def check(name, endpoint, ca, tables, expected):
    if name == "list":
        keys = [o["Key"] for o in client(endpoint, ca).list_objects_v2(
            Bucket="datalake", Prefix="trades/")["Contents"]]
        assert any("MIC=XLON/" in k for k in keys), keys
        assert not any("MIC=XMIL/" in k for k in keys), "a forbidden partition is listed"
        return "%d keys under trades/, XMIL hidden" % len(keys)
    if name == "get":
        key, path = data_file(tables, "MIC=XLON")
        body = client(endpoint, ca).get_object(Bucket="datalake", Key=key)["Body"].read()
        assert body == open(path, "rb").read(), "bytes differ from " + path
        return "%s, %d bytes equal to disk" % (key, len(body))
    if name == "forbidden":
        key, _ = data_file(tables, "MIC=XMIL")
        try:
            client(endpoint, ca).get_object(Bucket="datalake", Key=key)
        except botocore.exceptions.ClientError as e:
            code = e.response["Error"]["Code"]
            assert code == "AccessDenied", code
            return "403 AccessDenied"
        raise AssertionError("a forbidden file was served")
    if name == "untrusted":
        try:
            client(endpoint, True).list_buckets()
        except botocore.exceptions.SSLError as e:
            return "refused: " + str(e).split(":")[0]
        raise AssertionError("the system trust store accepted a private CA's certificate")
    if name == "serial":
        got = serial(endpoint, ca)
        assert got == expected.lower(), "serial %s, expected %s" % (got, expected)
        return "serial " + got
    if name == "serial-soon":  # the watcher polls every second: allow it a few polls
        deadline = time.time() + 15
        got = serial(endpoint, ca)
        while got != expected.lower() and time.time() < deadline:
            time.sleep(0.25)
            got = serial(endpoint, ca)
        assert got == expected.lower(), "serial %s, expected %s" % (got, expected)
        return "serial %s on a new connection" % got
    if name == "readyz":
        url = endpoint + "/readyz"
        context = ssl.create_default_context(cafile=ca)
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(url, context=context, timeout=10) as answer:
                    return "%s -> %d %s" % (url, answer.status, answer.read().decode().strip())
            except urllib.error.HTTPError as e:
                if e.code != 503 or time.time() > deadline:
                    raise
                time.sleep(0.5)
    raise SystemExit("unknown check " + name)


def main():
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    name, endpoint, ca, tables = sys.argv[1:5]
    expected = sys.argv[5] if len(sys.argv) > 5 else ""
    try:
        print("PASS %s: %s" % (name, check(name, endpoint, ca, tables, expected)))
    except Exception as e:  # noqa: BLE001 (every failure is reported as a FAIL line)
        print("FAIL %s: %s: %s" % (name, type(e).__name__, e))


if __name__ == "__main__":
    main()
