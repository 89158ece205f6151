# Sourced by scripts/e2e/clients, scripts/e2e/spark and scripts/e2e/tls: the packaged proxy, the in-process S3 server with the fixture
# tables, and local-proxy helpers, all on free loopback ports. Needs scripts/lib/java.sh and scripts/lib/image.sh
# sourced first, and from the caller: ROOT (project root, the working directory), work (temp dir), pids (array of
# background processes, killed by the caller's trap), TABLES, BUCKET, USER_KEY, USER_SECRET, E2E_GRANTS (the JSON
# object of the user's grants) and the functions log and die.

# Builds the image when missing or older than the sources, and resolves the testkit's class path once.
build_if_missing() {
  if [ ! -x "$IMAGE_DIR/bin/delta-s3-proxy" ] || [ ! -d test-fixtures/testkit/target/classes ] \
    || [ -n "$(find modules jlink pom.xml -newer "$TARBALL" -type f 2>/dev/null | head -n 1)" ]; then
    log "building delta-s3-proxy $VERSION (tests skipped) ..."
    ./mvnw -B -q -ntp -DskipTests package || die "build failed"
  fi
  TESTKIT_CP=test-fixtures/testkit/target/e2e-classpath.txt
  if [ ! -s "$TESTKIT_CP" ] || [ test-fixtures/testkit/pom.xml -nt "$TESTKIT_CP" ] || [ pom.xml -nt "$TESTKIT_CP" ]; then
    log "resolving the testkit class path ..."
    ./mvnw -B -q -ntp -pl test-fixtures/testkit dependency:build-classpath -Dmdep.includeScope=runtime \
      -Dmdep.outputFile="$ROOT/$TESTKIT_CP" || die "could not resolve the testkit class path"
  fi
}

wait_for_file() { # file seconds pid
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    [ -s "$1" ] && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# The testkit's S3Proxy (filesystem blob store) with every fixture table under s3://lake/tables/<table>/.
start_s3_server() {
  printf 'handlers=java.util.logging.ConsoleHandler\n.level=WARNING\n' >"$work/logging.properties"
  "$JAVA_HOME/bin/java" -Djava.util.logging.config.file="$work/logging.properties" \
    -cp "$ROOT/test-fixtures/testkit/target/classes:$(cat "$TESTKIT_CP")" \
    scripts/e2e/S3FixtureServer.java "$TABLES" lake tables/ "$work/s3.env" >"$work/s3server.log" 2>&1 &
  pids+=($!)
  wait_for_file "$work/s3.env" 180 $! || { tail -n 30 "$work/s3server.log" >&2; die "the S3 server did not start"; }
  S3_ENDPOINT=$(sed -n 's/^endpoint=//p' "$work/s3.env")
  S3_KEY=$(sed -n 's/^accessKey=//p' "$work/s3.env")
  S3_SECRET=$(sed -n 's/^secretKey=//p' "$work/s3.env")
  log "S3 server (S3Proxy) on $S3_ENDPOINT with $(sed -n 's/^objects=//p' "$work/s3.env") fixture objects in s3://lake/tables/"
}

write_config() { # name port getMode proxyPartial [extra JSON members, each followed by a comma]
  local mapping backend=""
  if [ "$3" = proxy ]; then
    mapping=$(printf '"%s": "file:%s/%s", ' trades "$TABLES" trades history "$TABLES" history \
      nulls_and_escapes "$TABLES" nulls_and_escapes)
  else
    mapping=$(printf '"%s": "s3://lake/tables/%s", ' trades trades history history nulls_and_escapes nulls_and_escapes)
    backend=$(printf '"s3": {"endpoint": "%s", "region": "us-east-1", "pathStyle": true},' "$S3_ENDPOINT")
  fi
  cat >"$work/$1.json" <<JSON
{
  "bindAddress": "127.0.0.1", "port": $2, "metricsPort": null, "bucket": "$BUCKET",
  "tableMapping": {${mapping%, }}, $backend
  "getMode": "$3", "proxyPartial": $4, "readOnly": true, ${5:-}
  "auth": {"mode": "sigv4", "region": "us-east-1"},
  "users": [{"name": "e2e", "accessKey": "$USER_KEY", "secretKey": "$USER_SECRET", "grants": $E2E_GRANTS}]
}
JSON
}

# `file` mode (getMode proxy) serves test-fixtures/tables; the others read the S3 server (start_s3_server first).
declare -A PROXY_PORT=() HELPER_PORT=()
start_proxy() { # name getMode proxyPartial [extra JSON members]
  local port
  port=$(free_port)
  write_config "$1" "$port" "$2" "$3" "${4:-}"
  launch_proxy "$1" "$port"
}

# Starts `serve` with $work/NAME.json (which listens on PORT) in the background.
launch_proxy() { # name port
  # The backend credentials reach the proxy's S3 client through the AWS default chain (environment variables).
  (cd "$work" && exec env -u AWS_PROFILE -u AWS_SESSION_TOKEN AWS_ACCESS_KEY_ID="${S3_KEY:-unused}" \
    AWS_SECRET_ACCESS_KEY="${S3_SECRET:-unused}" AWS_REGION=us-east-1 AWS_CONFIG_FILE="$work/empty" \
    AWS_SHARED_CREDENTIALS_FILE="$work/empty" AWS_EC2_METADATA_DISABLED=true \
    "$ROOT/$IMAGE_DIR/bin/delta-s3-proxy" serve --config "$work/$1.json") >"$work/$1.log" 2>&1 &
  pids+=($!)
  PROXY_PORT[$1]=$2
}

# `delta-s3-proxy local-proxy` in front of proxy NAME: follows the 307s for clients that do not.
start_helper() { # name
  local port
  port=$(free_port)
  "$ROOT/$IMAGE_DIR/bin/delta-s3-proxy" local-proxy --upstream "http://127.0.0.1:${PROXY_PORT[$1]}" \
    --listen "127.0.0.1:$port" >"$work/$1-local-proxy.log" 2>&1 &
  pids+=($!)
  HELPER_PORT[$1]=$port
}

await_servers() {
  local name
  for name in "${!PROXY_PORT[@]}"; do
    wait_for_port 127.0.0.1 "${PROXY_PORT[$name]}" 90 || { tail -n 30 "$work/$name.log" >&2; die "proxy $name did not listen"; }
  done
  for name in "${!HELPER_PORT[@]}"; do
    wait_for_port 127.0.0.1 "${HELPER_PORT[$name]}" 60 || { tail -n 30 "$work/$name-local-proxy.log" >&2; die "local-proxy for $name did not listen"; }
  done
}

# A private CA for HTTPS checks, made with openssl in DIR: ca.pem (the bundle clients trust) and ca.key.
make_ca() { # dir
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1/ca.key" -out "$1/ca.pem" \
    -days 2 -subj "/CN=delta-s3-proxy e2e CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

# A server certificate for localhost/127.0.0.1 signed by DIR's CA: NAME.key (PKCS#8 PEM, as openssl 3 writes it),
# NAME.crt, and NAME.chain.pem (certificate then CA), the file tls.certificate names.
issue_server_certificate() { # dir name key-spec(rsa:2048|ec:PARAMFILE) serial
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    "authorityKeyIdentifier=keyid" "subjectKeyIdentifier=hash" >"$1/server.ext"
  openssl req -new -newkey "$3" -nodes -keyout "$1/$2.key" -out "$1/$2.csr" -subj "/CN=localhost" 2>/dev/null \
    && openssl x509 -req -in "$1/$2.csr" -CA "$1/ca.pem" -CAkey "$1/ca.key" -set_serial "$4" -days 2 \
      -extfile "$1/server.ext" -out "$1/$2.crt" 2>/dev/null \
    && cat "$1/$2.crt" "$1/ca.pem" >"$1/$2.chain.pem"
}
