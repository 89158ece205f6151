# Sourced by scripts/e2e/spark: the two-writer run (modes writers-file and writers-s3, issue 18's proof). A writable
# proxy (`readOnly: false`) serves a table `orders` that does not exist yet (an empty folder, or an empty prefix of
# the S3 server); Spark creates it as a whole-table writer, then two writers granted MIC=XLON and MIC=XETR run their
# sequences at the same time in two JVMs, then the whole-table principal verifies the result
# (scripts/e2e/spark-job, SparkWritersJob). Needs spark-lib.sh and lib.sh sourced and the caller's globals.

WRITERS=(XLON XETR)
PROVENANCE_KEY=e2e-writers-provenance-key-0123456789abcdef
declare -A WRITER_KEY=([creator]=E2ECREATORKEY0000001 [XLON]=E2EWRITERXLON0000001 [XETR]=E2EWRITERXETR0000001)

writer_secret() { echo "e2e-secret-of-$1-for-this-test-only"; }

# A writable proxy on the file store (an empty folder) or the S3 server (an empty prefix), streaming every GET.
start_writable_proxy() { # name file|s3
  local port mapping backend="" users
  port=$(free_port)
  if [ "$2" = file ]; then
    mkdir -p "$work/$1-orders"
    mapping="\"orders\": \"file:$work/$1-orders\""
  else
    mapping="\"orders\": \"s3://lake/tables/orders-$1\""
    backend=$(printf '"s3": {"endpoint": "%s", "region": "us-east-1", "pathStyle": true},' "$S3_ENDPOINT")
  fi
  users=$(printf '{"name": "creator", "accessKey": "%s", "secretKey": "%s", "writeGrants": {"orders": [{}]}}' \
    "${WRITER_KEY[creator]}" "$(writer_secret creator)")
  for mic in "${WRITERS[@]}"; do
    users+=$(printf ',\n    {"name": "writer-%s", "accessKey": "%s", "secretKey": "%s", "writeGrants": {"orders": [{"MIC": "%s"}]}}' \
      "$mic" "${WRITER_KEY[$mic]}" "$(writer_secret "$mic")" "$mic")
  done
  cat >"$work/$1.json" <<JSON
{
  "bindAddress": "127.0.0.1", "port": $port, "metricsPort": null, "bucket": "$BUCKET",
  "tableMapping": {$mapping}, $backend
  "getMode": "proxy", "readOnly": false, "writes": {"provenanceKey": "$PROVENANCE_KEY"},
  "auth": {"mode": "sigv4", "region": "us-east-1"},
  "users": [
    $users
  ]
}
JSON
  launch_proxy "$1" "$port"
}

# The guide's spark-defaults with one principal's keys.
writer_defaults() { # mode principal(creator|MIC)
  USER_KEY=${WRITER_KEY[$2]} USER_SECRET=$(writer_secret "$2") guide_spark_defaults "$1-$2" \
    "http://127.0.0.1:${PROXY_PORT[$1]}"
}

# create; both writers at once; verify. Adds the script-level checks on refused checkpoints.
run_writers() { # mode
  local m=$1 mic pid rc
  local -A writer_pid=()
  log "Spark writers ($m): creating orders through :${PROXY_PORT[$m]} ..."
  spark_java "$m-create" -- e2e.spark.SparkWritersJob create "$m" "$(writer_defaults "$m" creator)"
  collect_results "$m-create" $?
  grep -q $'^RESULT\tPASS\t[^\t]*\tcreate-table' "$work/spark-$m-create.out" || return 0
  log "Spark writers ($m): ${WRITERS[*]} at the same time ..."
  export E2E_BARRIER_DIR="$work/$m-barrier" # each commit step starts when both writers reached it
  for mic in "${WRITERS[@]}"; do
    local other=${WRITERS[0]}
    [ "$other" = "$mic" ] && other=${WRITERS[1]}
    spark_java "$m-$mic" -- e2e.spark.SparkWritersJob writer "$m" "$(writer_defaults "$m" "$mic")" "$mic" "$other" &
    writer_pid[$mic]=$!
  done
  for mic in "${WRITERS[@]}"; do
    wait "${writer_pid[$mic]}"
    rc=$?
    collect_results "$m-$mic" $rc
  done
  unset E2E_BARRIER_DIR
  log "Spark writers ($m): verifying ..."
  spark_java "$m-verify" -- e2e.spark.SparkWritersJob verify "$m" "$(writer_defaults "$m" creator)" "${WRITERS[@]}"
  collect_results "$m-verify" $?
  checkpoint_checks "$m"
}

# A partial writer's checkpoint is refused by the proxy (audit log: a denied PutObject of a checkpoint) and Spark
# carries on (every commit step of the writer passed); the row shows what Spark logged about it.
checkpoint_checks() { # mode
  local m=$1 mic denied warned steps_failed
  for mic in "${WRITERS[@]}"; do
    denied=$(grep -c "\"principal\":\"writer-$mic\".*checkpoint.parquet\",\"decision\":\"deny\"" "$work/$m.log")
    warned=$(grep -m 1 'Error when writing checkpoint' "$work/spark-$m-$mic.log" | cut -c1-200)
    steps_failed=$(grep -cE $'^RESULT\tFAIL\t[^\t]*\t[A-Z]+:(append|replace-where|delete-dv|optimize)' "$work/spark-$m-$mic.out")
    if [ "$denied" -gt 0 ] && [ -n "$warned" ] && [ "$steps_failed" = 0 ]; then
      record PASS "$m" "$mic:checkpoint-refused" "$denied checkpoints denied (audit), every commit step passed; Spark: $warned"
    else
      record FAIL "$m" "$mic:checkpoint-refused" "denied in audit: $denied, failed commit steps: $steps_failed; Spark: ${warned:-no checkpoint warning}"
    fi
  done
}
