"""Script-local helper for scripts/e2e/clients: one S3 operation with boto3, configured from the environment.

Environment: E2E_ENDPOINT (http://127.0.0.1:PORT), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
Commands (keys and prefixes are S3 keys in bucket E2E_BUCKET, default "datalake"):
  list-delim PREFIX [PAGE_SIZE]   prints common prefixes and keys one per line (paginated with a delimiter)
  list-paged PREFIX PAGE_SIZE     prints every key under PREFIX, then "pages=N" on stderr
  get KEY OUT                     writes the whole object to OUT
  get-range KEY FIRST LAST OUT    writes bytes FIRST..LAST (inclusive) to OUT, checks Content-Range
Exit 0 on success; on an S3 error prints "S3Error <Code> <HTTP status>" on stderr and exits 3.
"""
import os
import sys

import boto3
import botocore
from botocore.config import Config


def client():
    return boto3.client(
        "s3",
        endpoint_url=os.environ["E2E_ENDPOINT"],
        region_name="us-east-1",
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        config=Config(s3={"addressing_style": "path"}, connect_timeout=10, read_timeout=30,
                      retries={"max_attempts": 1}),
    )


def main(argv):
    s3 = client()
    bucket = os.environ.get("E2E_BUCKET", "datalake")
    command = argv[0]
    if command == "list-delim":
        page_size = int(argv[2]) if len(argv) > 2 else 1000
        paginator = s3.get_paginator("list_objects_v2")
        pages = 0
        for page in paginator.paginate(Bucket=bucket, Prefix=argv[1], Delimiter="/",
                                       PaginationConfig={"PageSize": page_size}):
            pages += 1
            for p in page.get("CommonPrefixes", []):
                print(p["Prefix"])
            for o in page.get("Contents", []):
                print(o["Key"])
        print("pages=%d" % pages, file=sys.stderr)
    elif command == "list-paged":
        paginator = s3.get_paginator("list_objects_v2")
        pages = 0
        for page in paginator.paginate(Bucket=bucket, Prefix=argv[1], PaginationConfig={"PageSize": int(argv[2])}):
            pages += 1
            for o in page.get("Contents", []):
                print(o["Key"])
        print("pages=%d" % pages, file=sys.stderr)
    elif command == "get":
        body = s3.get_object(Bucket=bucket, Key=argv[1])["Body"].read()
        with open(argv[2], "wb") as out:
            out.write(body)
    elif command == "get-range":
        first, last = int(argv[2]), int(argv[3])
        response = s3.get_object(Bucket=bucket, Key=argv[1], Range="bytes=%d-%d" % (first, last))
        body = response["Body"].read()
        content_range = response.get("ContentRange", "")
        if not content_range.startswith("bytes %d-%d/" % (first, last)):
            print("unexpected Content-Range %r" % content_range, file=sys.stderr)
            return 4
        with open(argv[4], "wb") as out:
            out.write(body)
    else:
        print("unknown command " + command, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except botocore.exceptions.ClientError as e:
        error = e.response.get("Error", {})
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        print("S3Error %s %s %s" % (error.get("Code"), status, error.get("Message", "")), file=sys.stderr)
        sys.exit(3)
