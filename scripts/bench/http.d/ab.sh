#!/usr/bin/env bash
# A/B of proxy variants (issue 19, session 5): several proxies (images, JVM flags or configs) against one S3Proxy
# backend, warmed (WARM seconds per case, default 12), then measured in interleaved rounds (A B C, C B A, ...): one
# line per run with req/s, the proxy process's CPU µs per request (/proc utime+stime) and the load average.
# usage: scripts/bench/http.d/ab.sh VARIANTS_FILE "redirect307 get4k head" "16" SECONDS ROUNDS
# VARIANTS_FILE lines: name|image dir|JDK_JAVA_OPTIONS|connections JSON (text after it lands in the config, e.g.
# '{}, "audit": "off"'); the name "noop" runs http.d/NoopRedirect.java (307 only). JFR=1 records a profile per proxy
# (on the build JDK). Needs a built image and testkit class path (scripts/bench/http builds both); the work dir (with a
# 64 MiB object) is removed at the end unless JFR=1 or KEEP=1.
set -uo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
source scripts/lib/java.sh
source scripts/lib/image.sh
source scripts/e2e/lib.sh
VARIANTS=$1; CASES_=$2; CONNS=$3; DUR=$4; ROUNDS=$5; WARM=${WARM:-12}
HERE=$ROOT/scripts/bench/http.d
BUCKET=datalake USER_KEY=BENCHACCESSKEY000001 USER_SECRET=bench-secret-key-for-this-benchmark-only
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-ab.XXXXXX"); chmod 755 $work
pids=()
cleanup() { for p in "${pids[@]}"; do kill $p 2>/dev/null; done; wait 2>/dev/null; [ -n "${JFR:-}${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
log() { echo "ab: $*" >&2; }
die() { log "error: $*"; exit 1; }
TESTKIT_CP=test-fixtures/testkit/target/e2e-classpath.txt
t=$work/tables/bench
mkdir -p "$t/_delta_log" "$t/MIC=XLON/date=2024-01-01"
grep -E '"(protocol|metaData)"' test-fixtures/tables/trades/_delta_log/00000000000000000000.json >"$t/_delta_log/00000000000000000000.json"
head -c 4096 /dev/urandom >"$t/MIC=XLON/date=2024-01-01/small-4k.parquet"
head -c $((64 << 20)) /dev/urandom >"$t/MIC=XLON/date=2024-01-01/large-64m.parquet"
now=$(date +%s000)
for f in small-4k:4096 large-64m:$((64 << 20)); do
  printf '{"add":{"path":"MIC=XLON/date=2024-01-01/%s.parquet","partitionValues":{"MIC":"XLON","date":"2024-01-01"},"size":%s,"modificationTime":%s,"dataChange":true}}\n' ${f%%:*} ${f#*:} $now
done >"$t/_delta_log/00000000000000000001.json"
TABLES=$work/tables
start_s3_server
S3_PID=${pids[-1]}
: >$work/empty
declare -A PORT=() PID=()
start() { # key image jvmopts conns mode
  local port=$(free_port)
  cat >"$work/$1.json" <<JSON
{ "bindAddress": "127.0.0.1", "port": $port, "metricsPort": null, "bucket": "$BUCKET",
  "tableMapping": {"bench": "s3://lake/tables/bench"},
  "s3": {"endpoint": "$S3_ENDPOINT", "region": "us-east-1", "pathStyle": true},
  "getMode": "$5", "proxyPartial": false, "readOnly": true, "connections": $4,
  "auth": {"mode": "sigv4", "region": "us-east-1"},
  "users": [{"name": "bench", "accessKey": "$USER_KEY", "secretKey": "$USER_SECRET", "grants": {"bench": [{"MIC": "XLON"}]}}],
  "allowedPartitions": {"bench": [{"MIC": "XLON"}]} }
JSON
  local launch=("$2/bin/delta-s3-proxy")
  if [ -n "${JFR:-}" ]; then launch=("$JAVA_HOME/bin/java" "@$2/lib/jvm.options" "-XX:StartFlightRecording=filename=$work/$1.jfr,settings=${JFR_SETTINGS:-profile},dumponexit=true" --module-path "$2/lib/mods" --add-modules ALL-DEFAULT,ALL-MODULE-PATH -cp "$2/lib/cp/*" -m proxy.app/proxy.app.Main); fi
  (cd $work && exec env -u AWS_PROFILE -u AWS_SESSION_TOKEN AWS_ACCESS_KEY_ID="$S3_KEY" AWS_SECRET_ACCESS_KEY="$S3_SECRET" AWS_REGION=us-east-1 AWS_CONFIG_FILE="$work/empty" AWS_SHARED_CREDENTIALS_FILE="$work/empty" AWS_EC2_METADATA_DISABLED=true JDK_JAVA_OPTIONS="$3" "${launch[@]}" serve --config "$work/$1.json") >"$work/$1.log" 2>&1 &
  pids+=($!); PORT[$1]=$port; PID[$1]=$!
}
names=()
while IFS='|' read -r name image opts conns; do
  [ -z "$name" ] && continue; [[ $name == \#* ]] && continue
  names+=($name)
  if [ "$name" = noop ]; then
    port=$(free_port); (cd $work && exec "$JAVA_HOME/bin/java" @"$image/lib/jvm.options" "$HERE/NoopRedirect.java" "$port" "$S3_ENDPOINT/lake/tables/bench/MIC%3DXLON/date%3D2024-01-01/small-4k.parquet") >"$work/noop.log" 2>&1 &
    pids+=($!); PORT[$name.307]=$port; PID[$name.307]=$!; continue
  fi
  [[ " $CASES_ " == *" redirect307 "* ]] && start $name.307 "$image" "$opts" "$conns" presignedUrl
  [[ " $CASES_ " == *" get4k "* || " $CASES_ " == *" head "* || " $CASES_ " == *" get64m "* ]] && start $name.proxy "$image" "$opts" "$conns" proxy
done <"$VARIANTS"
for k in "${!PORT[@]}"; do wait_for_port 127.0.0.1 ${PORT[$k]} 90 || { tail $work/$k.log; die "$k"; }; done
declare -A URL=()
for k in "${!PORT[@]}"; do
  [ "$k" = noop.307 ] && { URL[$k.get]=http://127.0.0.1:${PORT[$k]}/redirect307; continue; }
  read -r _ _ url < <(echo "x GET /$BUCKET/bench/MIC%3DXLON/date%3D2024-01-01/small-4k.parquet" | /usr/bin/python3 $HERE/presign.py $USER_KEY $USER_SECRET 127.0.0.1:${PORT[$k]} 900)
  URL[$k.get]=$url
  read -r _ _ url < <(echo "x HEAD /$BUCKET/bench/MIC%3DXLON/date%3D2024-01-01/small-4k.parquet" | /usr/bin/python3 $HERE/presign.py $USER_KEY $USER_SECRET 127.0.0.1:${PORT[$k]} 900)
  URL[$k.head]=$url
  read -r _ _ url < <(echo "x GET /$BUCKET/bench/MIC%3DXLON/date%3D2024-01-01/large-64m.parquet" | /usr/bin/python3 $HERE/presign.py $USER_KEY $USER_SECRET 127.0.0.1:${PORT[$k]} 900)
  URL[$k.get64m]=$url
done
ticks() { local f; f=$(sed 's/^.*) //' /proc/$1/stat); set -- $f; echo $((${12} + ${13})); }
run() { # key case conns secs -> prints "req/s cpu_us_per_req"
  local k=$1 c=$2 n=$3 s=$4 out json p0 p1 pid url th=2
  [ $n -lt 2 ] && th=1
  case $c in redirect307) pid=${PID[$k.307]}; url=${URL[$k.307.get]};; get64m) pid=${PID[$k.proxy]}; url=${URL[$k.proxy.get64m]};; head) pid=${PID[$k.proxy]}; url=${URL[$k.proxy.head]};; *) pid=${PID[$k.proxy]}; url=${URL[$k.proxy.get]};; esac
  p0=$(ticks $pid)
  if [ $c = head ]; then out=$(ab -i -k -q -c $n -t $s -n 100000000 -s 30 "$url" 2>&1); json=$(/usr/bin/python3 $HERE/ab2json.py <<<"$out")
  else out=$(wrk -t $th -c $n -d ${s}s --latency --timeout 30s -s $HERE/wrk.lua "$url" 2>&1); json=$(sed -n 's/^BENCHJSON //p' <<<"$out"); fi
  p1=$(ticks $pid)
  /usr/bin/python3 -c 'import json,sys; w=json.loads(sys.argv[1]); d=w["duration_us"]/1e6; r=w["requests"]; cpu=int(sys.argv[2])/100
e=sum(w["errors"].values()); print("%.0f %.1f %d %.0fMiB/s %.2fcpu_s/GiB" % (r/d, cpu*1e6/max(r,1), e, w["bytes"]/d/1048576, cpu/max(w["bytes"]/2**30,1e-9)))' "$json" $((p1-p0))
}
# status checks
for k in "${names[@]}"; do
  for c in $CASES_; do
    [ $k = noop ] && [ $c != redirect307 ] && continue
    case $c in redirect307) exp=307; u=${URL[$k.307.get]}; a=();; get64m) exp=200; u=${URL[$k.proxy.get64m]}; a=();; head) exp=200; u=${URL[$k.proxy.head]}; a=(-I);; *) exp=200; u=${URL[$k.proxy.get]}; a=();; esac
    st=$(curl -s -o /dev/null -w '%{http_code}' "${a[@]}" "$u"); [ "$st" = $exp ] || die "$k $c: $st"
  done
done
log "warming ${WARM}s per variant/case"
for k in "${names[@]}"; do for c in $CASES_; do [ $k = noop ] && [ $c != redirect307 ] && continue; run $k $c 16 $WARM >/dev/null; done; done
for c in $CASES_; do for n in $CONNS; do
  for r in $(seq 1 $ROUNDS); do
    order=("${names[@]}"); [ $((r % 2)) = 0 ] && order=($(printf '%s\n' "${names[@]}" | tac))
    for k in "${order[@]}"; do
      [ $k = noop ] && [ $c != redirect307 ] && continue
      res=$(run $k $c $n $DUR)
      echo "$c c=$n $k round=$r $res load=$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done; done
[ -n "${JFR:-}" ] && { for k in "${!PID[@]}"; do kill ${PID[$k]}; done; sleep 3; ls $work/*.jfr; }
if [ -n "${JFR:-}${KEEP:-}" ]; then echo "work=$work (kept)"; fi
