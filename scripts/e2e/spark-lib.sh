# Sourced by scripts/e2e/spark and scripts/e2e/fleet: builds the Spark job (scripts/e2e/spark-job) on the JDK 17 and
# runs it against one endpoint. Needs from the caller: ROOT, work, JOB, JOB_CP, JAVA17_HOME, SPARK_TIMEOUT, TABLES,
# USER_KEY, USER_SECRET, and the functions log, die and record (status mode check detail).

# ---------------------------------------------------------------------------------------------------- Spark job
# Compiles the job and resolves its class path (Spark, delta-spark, hadoop-aws, aws-java-sdk-bundle) with the
# committed Maven wrapper on the JDK 17; cached in spark-job/target until the pom or the sources change.
build_job() {
  "$JAVA17_HOME/bin/java" -version 2>&1 | grep -q '"17\.' || die "no JDK 17 at $JAVA17_HOME (set JAVA17_HOME)"
  if [ ! -s "$JOB_CP" ] || [ -n "$(find "$JOB/pom.xml" "$JOB/src" -newer "$JOB_CP" -type f | head -n 1)" ]; then
    log "building $JOB and resolving Spark's class path on JDK 17 (the first run downloads ~300 MB) ..."
    JAVA_HOME=$JAVA17_HOME ./mvnw -B -q -ntp -f "$JOB/pom.xml" compile dependency:build-classpath \
      -Dmdep.outputFile="$ROOT/$JOB_CP.tmp" || die "could not build $JOB"
    mv "$JOB_CP.tmp" "$JOB_CP"
  fi
}

# The --add-opens of Spark 3.5's launcher (JavaModuleOptions) for JDK 17.
SPARK_JVM_OPTS=(-XX:+IgnoreUnrecognizedVMOptions -Xmx1g -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED)

# S3A settings a real user needs against the proxy besides endpoint, path style, keys and region (see README.md).
S3A_WORKAROUNDS=${E2E_S3A_CONF-}

# The README's client-guide `spark-defaults.conf` snippet with this run's endpoint and user keys (and TLS switched on
# for an https endpoint); prints its path.
guide_spark_defaults() { # mode endpoint
  local file="$work/spark-defaults-$1.conf" ssl=false
  [[ $2 == https://* ]] && ssl=true
  sed -n '/<!-- guide-check: spark-defaults -->/,/^```$/p' "$ROOT/README.md" | sed '1,2d;$d' \
    | sed -e "s|http://127.0.0.1:18080|$2|" -e "s|DEMOACCESSKEY00000001|$USER_KEY|" \
      -e "s|demo-secret-key-for-local-use-only|$USER_SECRET|" \
      -e "s|^\(spark.hadoop.fs.s3a.connection.ssl.enabled  *\)false$|\1$ssl|" >"$file"
  grep -q "fs.s3a.endpoint  *$2\$" "$file" || die "README.md's guide-check spark-defaults snippet not found or has no endpoint"
  echo "$file"
}

run_job() { # mode endpoint [extra JVM options...]
  local m=$1 endpoint=$2
  shift 2
  log "Spark ($m) against $endpoint ..."
  spark_java "$m" "$@" -- e2e.spark.SparkDeltaJob "$m" "$(guide_spark_defaults "$m" "$endpoint")" "$TABLES/trades"
  collect_results "$m" $?
}

# Runs a class of the job on the JDK 17 under `timeout` (SPARK_TIMEOUT), without the caller's AWS settings; its
# standard output goes to $work/spark-NAME.out, its log to $work/spark-NAME.log. Returns the JVM's exit status.
spark_java() { # name [extra JVM options...] -- main-class [arguments...]
  local m=$1 level=warn opts=()
  shift
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  [ "${E2E_SPARK_DEBUG:-}" = 1 ] && level=debug
  (cd "$work" && exec env -u AWS_PROFILE -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN \
    NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost E2E_S3A_CONF="$S3A_WORKAROUNDS" \
    timeout --kill-after=10 "$SPARK_TIMEOUT" "$JAVA17_HOME/bin/java" "${SPARK_JVM_OPTS[@]}" "${opts[@]}" \
    -De2e.s3a.level=$level -Djava.io.tmpdir="$work" -cp "$ROOT/$JOB/target/classes:$(cat "$ROOT/$JOB_CP")" \
    "$@") >"$work/spark-$m.out" 2>"$work/spark-$m.log"
}

# Records the RESULT lines of $work/spark-NAME.out, and a failed `spark-run` row for a run that timed out, printed no
# result or exited non-zero with every printed check passed.
collect_results() { # name exit-status
  local m=$1 rc=$2 line status mode name detail
  while IFS=$'\t' read -r line status mode name detail; do
    [ "$line" = RESULT ] && record "$status" "$mode" "$name" "$detail"
  done <"$work/spark-$m.out"
  if [ $rc = 124 ] || [ $rc = 137 ]; then
    record FAIL "$m" spark-run "timed out after $SPARK_TIMEOUT s (log: $work/spark-$m.log)"
  elif ! grep -q '^RESULT' "$work/spark-$m.out"; then
    record FAIL "$m" spark-run "exit $rc without results: $(grep -E 'Exception|Error' "$work/spark-$m.log" | head -n 1 | cut -c1-200)"
  elif [ $rc != 0 ] && ! grep -q $'^RESULT\tFAIL' "$work/spark-$m.out"; then
    record FAIL "$m" spark-run "exit $rc after its checks (log: $work/spark-$m.log)"
  fi
}
