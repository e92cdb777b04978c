#!/usr/bin/env bash
# The production shape on one machine (docs/deployment.md, "A cluster on one machine"):
#   nginx (TLS, 127.0.0.1:8100) → two gunicorn app servers (127.0.0.1:8101, 8102)
#   two Celery workers (the pdf queue, the default queue) and one beat
#   PostgreSQL database kns_cluster, Redis database 11, media in var/cluster (or moto's S3 server)
# Usage: scripts/cluster.sh start | stop | status | load | check | reload | restart
#   start: install nginx if missing, create and migrate the database, collectstatic, seed_scale (SIZE,
#          default L), start every process and wait for /healthz/ of each app server and the balancer
#   load:  Locust against the balancer for DURATION (default 10m) with USERS (default 200), faults
#          during it (kill -9 of an app server and a worker, restarted; beat stopped for a while),
#          then the checker; reports in var/cluster/report
#   stop:  ends exactly the processes whose pids are in var/cluster/pids
# Every pid is recorded in var/cluster/pids/<name>.pid; each process is the leader of its own process
# group (setsid), so a kill reaches its children too (gunicorn's and Celery's workers) and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/cluster/env.sh
DIR=$CLUSTER_DIR
PIDS=$DIR/pids
LOGS=$DIR/logs
RUN=$DIR/run
REPORT=$DIR/report
BIN=$ROOT/.venv/bin
SIZE=${SIZE:-L}
APP_WORKERS=${APP_WORKERS:-2}          # gunicorn workers per app server (2 cores on the test machine)
PDF_CONCURRENCY=${PDF_CONCURRENCY:-1}
DEFAULT_CONCURRENCY=${DEFAULT_CONCURRENCY:-2}
DURATION=${DURATION:-10m}
USERS=${USERS:-200}
mkdir -p "$PIDS" "$LOGS" "$RUN" "$REPORT"

say() { echo "[cluster] $*"; }

alive() {  # alive NAME: the recorded process still runs
    local file=$PIDS/$1.pid
    [[ -s $file ]] && kill -0 "$(cat "$file")" 2>/dev/null
}

launch() {  # launch NAME COMMAND...: start in a process group of its own, record the pid
    local name=$1
    shift
    if alive "$name"; then
        say "$name already runs (pid $(cat "$PIDS/$name.pid"))"
        return
    fi
    setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
    echo $! >"$PIDS/$name.pid"
    say "$name started (pid $!)"
}

end() {  # end NAME [SIGNAL]: signal the recorded process group, wait up to 20 s, then KILL it
    local name=$1 signal=${2:-TERM} file=$PIDS/$1.pid pid
    [[ -s $file ]] || return 0
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -"$signal" -- "-$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do
            kill -0 -- "-$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 -- "-$pid" 2>/dev/null; then
            say "$name did not stop in 20 s: KILL"
            kill -KILL -- "-$pid" 2>/dev/null || true
        fi
        say "$name stopped (pid $pid)"
    fi
    rm -f "$file"
}

app_port() { echo "$CLUSTER_APP_PORTS" | tr ' ' '\n' | sed -n "${1}p"; }

start_app() {  # start_app N: the N-th app server
    local port
    port=$(app_port "$1")
    launch "app$1" "$BIN/gunicorn" config.wsgi:application --bind "127.0.0.1:$port" \
        --workers "$APP_WORKERS" --preload --timeout 30 --graceful-timeout 10 --keep-alive 5 \
        --max-requests 2000 --max-requests-jitter 200 --name "kns-app$1"
}

start_worker() {  # start_worker pdf|default
    if [[ $1 == pdf ]]; then
        launch worker-pdf "$BIN/celery" -A config worker -l warning -Q pdf -n "pdf@%h" \
            --concurrency "$PDF_CONCURRENCY"
    else
        launch worker-default "$BIN/celery" -A config worker -l warning -Q celery -n "default@%h" \
            --concurrency "$DEFAULT_CONCURRENCY"
    fi
}

start_beat() {
    launch beat "$BIN/celery" -A config beat -l warning -s "$RUN/celerybeat-schedule" \
        --pidfile="$RUN/celerybeat.pid"
}

healthy() {  # healthy URL: /healthz/ answers 200 (the app servers are reached as nginx reaches them)
    curl -ksf -o /dev/null -m 5 -H "X-Forwarded-Proto: https" "$1/healthz/"
}

wait_healthy() {  # wait_healthy NAME URL [SECONDS]
    local seconds=${3:-60}
    for _ in $(seq 1 $((seconds * 2))); do
        if healthy "$2"; then
            say "$1 healthy ($2/healthz/)"
            return 0
        fi
        sleep 0.5
    done
    say "$1 did not answer 200 on $2/healthz/ within $seconds s; see $LOGS"
    return 1
}

write_nginx_conf() {
    local servers="" port
    for port in $CLUSTER_APP_PORTS; do
        servers+="server 127.0.0.1:$port max_fails=3 fail_timeout=5s; "
    done
    sed -e "s|@DIR@|$DIR|g" -e "s|@LB_PORT@|$CLUSTER_LB_PORT|g" -e "s|@SINGLE_PORT@|$CLUSTER_SINGLE_PORT|g" \
        -e "s|@APP_SERVERS@|$servers|" \
        -e "s|@SINGLE_SERVER@|server 127.0.0.1:$(app_port 1);|" \
        bench/cluster/nginx.conf.template >"$RUN/nginx.conf"
    if [[ ! -s $DIR/tls/cert.pem ]]; then
        mkdir -p "$DIR/tls"
        openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
            -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
            -keyout "$DIR/tls/key.pem" -out "$DIR/tls/cert.pem" 2>/dev/null
    fi
}

start_s3() {
    [[ $CLUSTER_MEDIA == s3 ]] || return 0
    launch s3 "$BIN/moto_server" -H 127.0.0.1 -p "$CLUSTER_S3_PORT"
    for _ in $(seq 1 40); do
        curl -sf -o /dev/null "$S3_ENDPOINT_URL/" && break
        sleep 0.5
    done
    "$BIN/python" -c "
import boto3, os
s3 = boto3.client('s3', endpoint_url=os.environ['S3_ENDPOINT_URL'], region_name=os.environ['S3_REGION'],
                  aws_access_key_id=os.environ['S3_ACCESS_KEY_ID'], aws_secret_access_key=os.environ['S3_SECRET_ACCESS_KEY'])
names = [b['Name'] for b in s3.list_buckets()['Buckets']]
for bucket in (os.environ['S3_BUCKET'], os.environ['S3_PRIVATE_BUCKET']):
    if bucket not in names:
        s3.create_bucket(Bucket=bucket)
"
}

cmd_start() {
    command -v nginx >/dev/null || scripts/system_deps.sh --cluster
    if ! command -v nginx >/dev/null; then
        echo "nginx is missing: run as root scripts/system_deps.sh --cluster (apt-get install nginx)." >&2
        exit 1
    fi
    scripts/system_deps.sh
    start_s3
    if ! psql "$CLUSTER_PG/postgres" -Atc "select 1 from pg_database where datname = '$CLUSTER_DB'" | grep -q 1; then
        say "creating database $CLUSTER_DB"
        psql "$CLUSTER_PG/postgres" -qc "create database $CLUSTER_DB"
    fi
    say "migrate, collectstatic, bootstrap (logs in $LOGS/setup.log)"
    {
        "$BIN/python" manage.py compilemessages --ignore=.venv -v0
        "$BIN/python" manage.py migrate --noinput -v0
        "$BIN/python" manage.py collectstatic --noinput -v0
        "$BIN/python" manage.py bootstrap
    } >>"$LOGS/setup.log" 2>&1
    say "seed_scale --size $SIZE (idempotent; the first L run takes a few minutes)"
    "$BIN/python" manage.py seed_scale --size "$SIZE" >>"$LOGS/setup.log" 2>&1
    "$BIN/python" -m bench.cluster.prepare --plan "$RUN/plan.json"
    write_nginx_conf
    local n
    for n in $(seq 1 "$(echo "$CLUSTER_APP_PORTS" | wc -w)"); do start_app "$n"; done
    start_worker pdf
    start_worker default
    start_beat
    for n in $(seq 1 "$(echo "$CLUSTER_APP_PORTS" | wc -w)"); do
        wait_healthy "app$n" "http://127.0.0.1:$(app_port "$n")"
    done
    launch nginx nginx -c "$RUN/nginx.conf" -p "$RUN"
    wait_healthy balancer "https://127.0.0.1:$CLUSTER_LB_PORT" 20
    say "up: https://127.0.0.1:$CLUSTER_LB_PORT/ (self-signed certificate in $DIR/tls); make cluster-stop ends it"
}

cmd_stop() {
    local file
    for file in "$PIDS"/*.pid; do
        [[ -e $file ]] || continue
        end "$(basename "$file" .pid)"
    done
}

cmd_reload() {  # a new nginx.conf (after editing the template), read by the running nginx
    write_nginx_conf
    nginx -t -c "$RUN/nginx.conf" -p "$RUN" 2>>"$LOGS/nginx-error.log"
    kill -HUP "$(cat "$PIDS/nginx.pid")"
    say "nginx reloaded"
}

cmd_restart() {  # new code: app servers one at a time (the balancer keeps serving), then workers and beat
    local n
    start_s3
    for n in $(seq 1 "$(echo "$CLUSTER_APP_PORTS" | wc -w)"); do
        end "app$n"
        start_app "$n"
        wait_healthy "app$n" "http://127.0.0.1:$(app_port "$n")"
    done
    end worker-pdf && start_worker pdf
    end worker-default && start_worker default
    end beat && start_beat
}

cmd_status() {
    local file name
    for file in "$PIDS"/*.pid; do
        [[ -e $file ]] || continue
        name=$(basename "$file" .pid)
        if alive "$name"; then echo "$name running (pid $(cat "$file"))"; else echo "$name dead"; fi
    done
}

# --- Faults during the load ----------------------------------------------------------------------------

fault() { echo "$(date -u +%FT%TZ) $*" | tee -a "$REPORT/faults.log"; }

supervise() {  # supervise NAME START_FUNCTION ARG: what systemd's Restart= would do, after RestartSec=3
    sleep 3
    "$2" "$3"
    fault "$1 restarted (pid $(cat "$PIDS/$1.pid"))"
}

faults() {  # faults SECONDS: kill -9 app2 at 30 %, worker-pdf at 50 %, stop beat at 65 % for 45 s
    local total=$1
    sleep $((total * 30 / 100))
    fault "kill -9 app2 (process group $(cat "$PIDS/app2.pid"))"
    kill -KILL -- "-$(cat "$PIDS/app2.pid")"
    supervise app2 start_app 2
    sleep $((total * 20 / 100))
    fault "kill -9 worker-pdf (process group $(cat "$PIDS/worker-pdf.pid"))"
    kill -KILL -- "-$(cat "$PIDS/worker-pdf.pid")"
    supervise worker-pdf start_worker pdf
    sleep $((total * 15 / 100))
    fault "SIGSTOP beat for 45 s"
    kill -STOP -- "-$(cat "$PIDS/beat.pid")"
    sleep 45
    kill -CONT -- "-$(cat "$PIDS/beat.pid")"
    fault "SIGCONT beat"
}

memory() {  # memory SECONDS: RSS of each process group every 15 s (ps), for the report
    local until=$((SECONDS + $1)) file name
    while ((SECONDS < until)); do
        for file in "$PIDS"/*.pid; do
            name=$(basename "$file" .pid)
            ps -o rss=,pid= -g "$(cat "$file")" 2>/dev/null | awk -v n="$name" -v t="$(date +%s)" \
                '{ total += $1; count += 1 } END { if (count) print t, n, count, total }'
        done >>"$REPORT/memory.txt"
        sleep 15
    done
}

seconds_of() {  # 10m → 600, 90s → 90, 1h → 3600
    local value=$1
    case $value in
        *h) echo $((${value%h} * 3600)) ;;
        *m) echo $((${value%m} * 60)) ;;
        *s) echo "${value%s}" ;;
        *) echo "$value" ;;
    esac
}

cmd_load() {
    local name
    for name in app1 app2 worker-pdf worker-default beat nginx; do
        alive "$name" || { echo "$name is not running: make cluster first." >&2; exit 1; }
    done
    local total phase
    total=$(seconds_of "$DURATION")
    phase=${PHASE:-60}
    rm -rf "$REPORT" && mkdir -p "$REPORT"
    # Cadres not yet enrolled in their course: what this run records is new, and the checker can tell it.
    "$BIN/python" -m bench.cluster.prepare --plan "$RUN/plan.json"
    local locust=("$BIN/locust" -f bench/cluster/locustfile.py --headless --only-summary --skip-log-setup)
    export CLUSTER_PLAN=$RUN/plan.json CLUSTER_JOURNAL=$REPORT/journal.jsonl

    # Throughput with one app server, then with two, in the same run: closed-loop readers without think
    # time (20 of them), through the same nginx and TLS; the balancer's second door reaches app1 only.
    say "phase 1: one app server, ${phase}s"
    "${locust[@]}" -H "https://127.0.0.1:$CLUSTER_SINGLE_PORT" -u 20 -r 20 -t "${phase}s" \
        --csv "$REPORT/one-server" Reader >>"$LOGS/locust.log" 2>&1 || true
    say "phase 2: two app servers behind the balancer, ${phase}s"
    "${locust[@]}" -H "https://127.0.0.1:$CLUSTER_LB_PORT" -u 20 -r 20 -t "${phase}s" \
        --csv "$REPORT/two-servers" Reader >>"$LOGS/locust.log" 2>&1 || true

    say "main run: $USERS users for $DURATION against https://127.0.0.1:$CLUSTER_LB_PORT, with faults"
    date -u +%FT%TZ >"$REPORT/started_at"
    uptime >>"$REPORT/machine.txt"  # the machine is shared: its load is part of the result
    : >"$LOGS/nginx-access.log.mark"
    wc -l <"$LOGS/nginx-access.log" >"$REPORT/access_log_offset" 2>/dev/null || echo 0 >"$REPORT/access_log_offset"
    faults "$total" &
    local faults_pid=$!
    memory "$total" &
    local memory_pid=$!
    "${locust[@]}" -H "https://127.0.0.1:$CLUSTER_LB_PORT" -u "$USERS" -r "${SPAWN_RATE:-2}" -t "$DURATION" \
        --csv "$REPORT/load" --csv-full-history --html "$REPORT/load.html" \
        Cadre TeamLeader Trainer Manager >>"$LOGS/locust.log" 2>&1 || true
    date -u +%FT%TZ >"$REPORT/ended_at"
    uptime >>"$REPORT/machine.txt"
    wait "$faults_pid" || true
    kill "$memory_pid" 2>/dev/null || true
    wait "$memory_pid" 2>/dev/null || true
    cmd_check
}

cmd_check() {
    say "waiting for the sweeps, then checking the database against the journal"
    "$BIN/python" -m bench.cluster.check --journal "$REPORT/journal.jsonl" --started-at "$(cat "$REPORT/started_at")" \
        --wait "${CHECK_WAIT:-240}" | tee "$REPORT/check.txt"
    local status=${PIPESTATUS[0]}
    "$BIN/python" -m bench.cluster.summary --report "$REPORT" --access-log "$LOGS/nginx-access.log" \
        --offset "$(cat "$REPORT/access_log_offset")" | tee "$REPORT/summary.md"
    return "$status"
}

main() {
    case "${1:-}" in
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        load) cmd_load ;;
        check) cmd_check ;;
        reload) cmd_reload ;;
        restart) cmd_restart ;;
        *)
            echo "usage: $0 start|stop|status|load|check|reload|restart" >&2
            exit 2
            ;;
    esac
}

# One line: bash reads a script as it runs it, and an edit during a long run must not change what runs.
main "$@"; exit $?
