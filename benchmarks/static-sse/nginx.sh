# Sourced by the static-sse scripts: start_static_sse_nginx PORT WORK [CONF] starts nginx on
# 127.0.0.1:PORT with CONF (default: nginx.conf.template filled in for PORT and WORK), keeps its pid
# in nginx_pid and returns once it answers. The caller's EXIT trap stops it.
start_static_sse_nginx() {
    local port="$1" work="$2" conf="${3:-}"
    if [ -z "$conf" ]; then
        conf="$work/nginx.conf"
        sed -e "s#@DIR@#$work#g" -e "s#@PORT@#$port#g" "$(dirname "${BASH_SOURCE[0]}")/nginx.conf.template" > "$conf"
    fi
    nginx -c "$conf" &
    nginx_pid=$!
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.1; done
    echo "nginx did not answer on 127.0.0.1:$port" >&2
    return 1
}
