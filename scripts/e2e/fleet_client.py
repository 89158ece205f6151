"""Script-local helper for scripts/e2e/fleet: boto3 clients against the balancer and against single replicas.

Environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (the user's keys), E2E_BUCKET (default "datalake").
Every client sends each request once (no SDK retries), so a failure the balancer did not hide is counted.
Commands:
  list ENDPOINT PREFIX PAGE_SIZE OUT
      pages through PREFIX with ListObjectsV2; writes every key to OUT, one per line, and prints one line per page
      "page N KEYS REQUEST_ID" on stdout
  status ENDPOINT KEY
      prints the HTTP status of a GetObject of KEY (000 for a connection failure)
  revoke-latency KEY TIMEOUT ENDPOINT... -- COMMAND...
      checks KEY reads 200 on every ENDPOINT, runs COMMAND (the revocation), then polls each endpoint (one thread
      each) every 5 ms until it answers 403; prints "endpoint SECONDS" per endpoint (from COMMAND's exit) and exits 1 on a timeout
  load ENDPOINT KEY PREFIX WIDE_PREFIX THREADS SECONDS STOP_FILE OUT
      THREADS threads alternate GetObject KEY, HeadObject KEY, a 50-key ListObjectsV2 of PREFIX and a 1000-key one
      of WIDE_PREFIX (the slowest: keeps requests in flight when a replica stops) through ENDPOINT until SECONDS
      pass or STOP_FILE exists; writes one line per request to OUT:
      "START_EPOCH END_EPOCH OPERATION STATUS" (STATUS 000: no HTTP answer, with the error after it)
"""
import os
import subprocess
import sys
import threading
import time

import boto3
import botocore
from botocore.config import Config


def client(endpoint, read_timeout=30):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        config=Config(s3={"addressing_style": "path"}, connect_timeout=5, read_timeout=read_timeout,
                      retries={"total_max_attempts": 1}, max_pool_connections=4),
    )


BUCKET = os.environ.get("E2E_BUCKET", "datalake")


def status_of(call):
    """Runs call(); returns (HTTP status as 3 digits, detail)."""
    try:
        call()
        return "200", ""
    except botocore.exceptions.ClientError as e:
        return str(e.response.get("ResponseMetadata", {}).get("HTTPStatusCode", "000")), \
            e.response.get("Error", {}).get("Code", "")
    except Exception as e:  # connection refused, reset, timeout: no HTTP answer
        return "000", type(e).__name__ + ": " + str(e).replace("\n", " ")[:200]


def get_object(s3, key):
    s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def list_keys(endpoint, prefix, page_size, out):
    s3 = client(endpoint)
    paginator = s3.get_paginator("list_objects_v2")
    keys = []
    pages = paginator.paginate(Bucket=BUCKET, Prefix=prefix, PaginationConfig={"PageSize": int(page_size)})
    for n, page in enumerate(pages, 1):
        contents = page.get("Contents", [])
        keys.extend(item["Key"] for item in contents)
        print(f"page {n} {len(contents)} {page['ResponseMetadata']['RequestId']}", flush=True)
    with open(out, "w") as f:
        f.writelines(key + "\n" for key in keys)


def revoke_latency(key, timeout, endpoints, command):
    clients = {e: client(e, read_timeout=5) for e in endpoints}
    for endpoint, s3 in clients.items():
        status, detail = status_of(lambda: get_object(s3, key))
        if status != "200":
            print(f"before revocation {endpoint} answered {status} {detail}")
            return 1
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    revoked_at = time.monotonic()
    latency = {}

    def poll(endpoint, s3):  # one thread per replica, so one slow answer does not delay the others' probes
        while time.monotonic() - revoked_at < float(timeout):
            if status_of(lambda: get_object(s3, key))[0] == "403":
                latency[endpoint] = time.monotonic() - revoked_at
                return
            time.sleep(0.005)

    pollers = [threading.Thread(target=poll, args=item) for item in clients.items()]
    for p in pollers:
        p.start()
    for p in pollers:
        p.join()
    for endpoint in endpoints:
        print(f"{endpoint} {latency[endpoint]:.3f}" if endpoint in latency else f"{endpoint} timeout")
    return 0 if len(latency) == len(endpoints) else 1


def load(endpoint, key, prefix, wide_prefix, threads, seconds, stop_file, out):
    deadline = time.time() + float(seconds)
    lines = []
    lock = threading.Lock()

    def worker(n):
        s3 = client(endpoint)
        calls = [("GetObject", lambda: get_object(s3, key)),
                 ("HeadObject", lambda: s3.head_object(Bucket=BUCKET, Key=key)),
                 ("ListObjectsV2", lambda: s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix, MaxKeys=50)),
                 ("ListObjectsV2", lambda: s3.list_objects_v2(Bucket=BUCKET, Prefix=wide_prefix, MaxKeys=1000))]
        i = n
        while time.time() < deadline and not os.path.exists(stop_file):
            operation, call = calls[i % len(calls)]
            i += 1
            start = time.time()
            status, detail = status_of(call)
            line = f"{start:.6f} {time.time():.6f} {operation} {status}" + (f" {detail}" if status == "000" else "")
            with lock:
                lines.append(line)

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(int(threads))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    with open(out, "w") as f:
        f.writelines(line + "\n" for line in lines)


def main(argv):
    command, args = argv[0], argv[1:]
    if command == "list":
        list_keys(*args)
    elif command == "status":
        s3 = client(args[0], read_timeout=5)
        print(status_of(lambda: get_object(s3, args[1]))[0])
    elif command == "revoke-latency":
        split = args.index("--")
        return revoke_latency(args[0], args[1], args[2:split], args[split + 1:])
    elif command == "load":
        load(*args)
    else:
        print(f"unknown command {command}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
