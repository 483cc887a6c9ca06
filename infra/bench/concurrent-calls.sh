#!/usr/bin/env bash
# Concurrent-calls benchmark: hold N simultaneous G.711 calls from SIPp (RTP replayed from a pcap)
# against the gateway built in Release, and report failed calls, the gateway's outgoing RTP pacing
# error measured on the wire, and CPU and memory per call.
#
#   infra/bench/concurrent-calls.sh N [rate-per-second]
#
# Columns: calls asked | calls up | succeeded | failed | wire pacing error p50 | p99 | max | host CPU (cores) |
# CPU per call (% of one core) | memory per call (RSS growth / calls).
# Needs: sipp (Debian sip-tester), tshark, curl, awk; run ./contactcenter run once (or dotnet build -c Release).
# Prints one Markdown table row; details stay in the work folder it names.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

calls=${1:?usage: concurrent-calls.sh N [rate-per-second]}
rate=${2:-100}
sip_port=5090
http_port=8090
grpc_port=5190
work=$(mktemp -d /tmp/cc-bench-XXXX)
host_dll=services/ContactCenter.Host/bin/Release/net10.0/ContactCenter.Host.dll

[ -f "$host_dll" ] || dotnet build -c Release --nologo -v q services/ContactCenter.Host
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true # two sockets per call on each side: raise to the hard limit

# Recordings off: this measures the gateway, not the disk. Flood limits raised: SIPp is one source.
# The gateway's own media loop answers (greeting + recording), not the model runtime: this measures the
# gateway; the runtime's capacity has its own benchmark (`voice capacity`, docs/benchmarks.md).
dotnet "$host_dll" --sip 127.0.0.1:$sip_port --http 127.0.0.1:$http_port --grpc 127.0.0.1:$grpc_port --rtp-ports 20000-29999 \
  --Gateway:Engine=MediaLoop --MediaLoop:RecordingsPath= --Gateway:MaxConcurrentCalls=5000 \
  --Gateway:InvitesPerSecondPerSource=5000 --Gateway:InviteBurstPerSource=5000 \
  --Logging:LogLevel:Default=Warning >"$work/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null || true; kill $sipp 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$http_port/health/live" >/dev/null && break; sleep 0.2; done

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$host/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$host/stat"; }
active() { curl -sf "http://127.0.0.1:$http_port/api/status" | sed -E 's/.*"activeCalls":([0-9]+).*/\1/'; }
idle_rss=$(rss_kb)

mkdir -p "$work/sipp" && ln -sfn /usr/share/sip-tester "$work/sipp/pcap"
cp infra/bench/sipp/uac_pcap_long.xml "$work/sipp/"
(cd "$work/sipp" && exec sipp -sf uac_pcap_long.xml 127.0.0.1:$sip_port -s bot -i 127.0.0.1 -mi 127.0.0.1 -p 5075 \
  -m "$calls" -l "$calls" -r "$rate" -timeout 120 -timeout_error -nostdin -trace_stat -stf stat.csv \
  -trace_err -error_file errors.log >sipp.out 2>&1) &
sipp=$!

# Steady state: every call up. Then measure for 10 s.
for _ in $(seq 600); do [ "$(active)" -ge "$calls" ] && break; sleep 0.1; done
up=$(active)
sleep 2
ticks0=$(cpu_ticks); t0=$(date +%s.%N)
# The wire: ten of the gateway's outgoing RTP streams, kernel-timestamped by tshark. A fresh gateway
# allocates RTP ports upwards from 20000, even ports only (odd ones are RTCP, excluded by udp[0:2] & 1).
timeout 10 tshark -i lo -q -w "$work/rtp.pcapng" -f "udp and src portrange 20000-20019 and udp[0:2] & 1 = 0" 2>/dev/null || true
ticks1=$(cpu_ticks); t1=$(date +%s.%N)
steady_rss=$(rss_kb)
wait $sipp || true

hz=$(getconf CLK_TCK)
cores=$(awk -v a="$ticks0" -v b="$ticks1" -v hz="$hz" -v t0="$t0" -v t1="$t1" 'BEGIN { print (b - a) / hz / (t1 - t0) }')
# Pacing error per packet = |gap between consecutive packets of one stream - 20 ms|.
tshark -r "$work/rtp.pcapng" -T fields -e udp.srcport -e frame.time_epoch 2>/dev/null |
  awk '{ if (last[$1] != "") { e = ($2 - last[$1]) * 1000 - 20; if (e < 0) e = -e; printf "%.3f\n", e } last[$1] = $2 }' |
  sort -n >"$work/pacing-errors.txt"
n=$(wc -l <"$work/pacing-errors.txt")
pct() { [ "$n" -gt 0 ] && sed -n "$(( (n * $1 + 99) / 100 ))p" "$work/pacing-errors.txt" || echo n/a; }
ok=$(tail -1 "$work/sipp/stat.csv" | awk -F';' -v h="$(head -1 "$work/sipp/stat.csv")" 'BEGIN{split(h, H, ";")} {for (i in H) if (H[i]=="SuccessfulCall(C)") print $i}')
failed=$(tail -1 "$work/sipp/stat.csv" | awk -F';' -v h="$(head -1 "$work/sipp/stat.csv")" 'BEGIN{split(h, H, ";")} {for (i in H) if (H[i]=="FailedCall(C)") print $i}')
scheduler=$(curl -sf "http://127.0.0.1:$http_port/api/status" | sed -E 's/.*"pacing":(\{[^}]*\}).*/\1/' || echo '{}')

printf '| %s | %s | %s | %s | %s ms | %s ms | %s ms | %.2f | %.1f%% | %.0f KB |\n' \
  "$calls" "$up" "${ok:-?}" "${failed:-?}" "$(pct 50)" "$(pct 99)" "$(tail -1 "$work/pacing-errors.txt")" \
  "$cores" "$(awk -v c="$cores" -v n="$calls" 'BEGIN { print c * 100 / n }')" \
  "$(awk -v s="$steady_rss" -v i="$idle_rss" -v n="$calls" 'BEGIN { print (s - i) / n }')"
echo "work folder: $work (host.log, sipp/, rtp.pcapng, pacing-errors.txt: $n gaps); playout scheduler: $scheduler" >&2
