# SPDX-License-Identifier: GPL-2.0
# Scenario: CPU 1 goes offline and online again under traffic steered to
# it by RPS, with the per-packet hook on and a reader of /dev/rxpath open.
# Offline, the tables show one row per online CPU; every file reads; back
# online, no count of any CPU, NAPI or the budget has gone backwards; at
# rest, the kernel's dropped and processed are rxpath's, the cycles and
# squeezes the kernel's (budget_agree), eth1's NAPI work its rx_packets;
# it unloads.
# 5 rounds (2 on the debug kernel), 50 in make soak.

rounds=5
debug_kernel && rounds=2
[ -n "${rxpath_soak:-}" ] && rounds=50
online=/sys/devices/system/cpu/cpu1/online

# counts DIR: every count that never goes down until a reset, one
# "table:row:column value" line each, into DIR. A CPU's row is keyed by
# the CPU, a NAPI's by its device and id (a backlog's also by its CPU).
counts() {
	mkdir -p "$1"
	for t in softnet budget budget_hist backlog_hist; do cp $RX/$t "$1/$t"; done
	cp $RX/napi "$1/napi"
	{
		for t in softnet budget budget_hist backlog_hist; do
			awk -v t=$t 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next }
				{ for (i = 2; i <= NF; i++)
					if (h[i] !~ /qlen$/ && $i ~ /^[0-9]+$/) print t ":" $1 ":" h[i], $i }' "$1/$t"
		done
		awk 'NR == 1 { next } { k = $2 ":" $1; if ($2 == "backlog") k = k ":" $3
			print "napi:" k ":polls", $4; print "napi:" k ":work", $5
			print "napi:" k ":full_polls", $6; print "napi:" k ":max_work", $8 }' "$1/napi"
	} >"$1/all"
}
# backwards A B: the counts of A that B has lower (B lacks offline rows).
backwards() {
	awk 'NR == FNR { v[$1] = $2; next }
		($1 in v) && $2 < v[$1] { print "went back:", $1, v[$1], $2; n++ }
		END { exit n > 0 }' "$1/all" "$2/all"
}

check "CPU 1 can go offline" [ -w $online ]
rps 2
check "insmod backlog_hook=1" insmod $KO backlog_hook=1
rxpath watch --json >/tmp/w1 2>/tmp/e1 &
w1=$!
check "a reader polls /dev/rxpath" wait_polling $w1
budget_begin
pktgen_setup 0 - 100000
pktgen_run &
pg=$!
sleep 1
counts /tmp/c0

fails=0 back=0 rows=0
i=0
while [ $i -lt $rounds ]; do
	i=$((i + 1))
	echo 0 >$online || { fails=$((fails + 1)); continue; }
	[ "$(cat $online)" = 0 ] || fails=$((fails + 1))
	cat $RX/* >/dev/null 2>/tmp/err || fails=$((fails + 1))
	[ -s /tmp/err ] && { fails=$((fails + 1)); cat /tmp/err; }
	# One row per online CPU: cpu 0's alone.
	[ "$(awk 'NR > 1 { print $1 }' $RX/softnet | tr '\n' ' ')" = "0 " ] || rows=$((rows + 1))
	[ "$(awk 'NR > 1 { print $1 }' $RX/budget | tr '\n' ' ')" = "0 " ] || rows=$((rows + 1))
	counts /tmp/c$i.off
	backwards /tmp/c$((i - 1)) /tmp/c$i.off || back=$((back + 1))
	echo 1 >$online || fails=$((fails + 1))
	sleep 1
	counts /tmp/c$i
	backwards /tmp/c$i.off /tmp/c$i || back=$((back + 1))
done
check_eq "$rounds rounds of CPU 1 offline and online under traffic, every file read: failures" $fails 0
check_eq "offline: softnet and budget show cpu 0's row alone: rounds otherwise" $rows 0
check_eq "no count went backwards (softnet, budget, budget_hist, backlog_hist, napi): rounds otherwise" $back 0
check "cpu 1 took traffic again after the last round" \
	[ "$(col /tmp/c$rounds/softnet 1 processed)" -gt "$(col /tmp/c0/softnet 1 processed)" ]

pktgen_stop
wait $pg
budget_agree "after $rounds rounds"
for cpu in 0 1; do
	check_eq "at rest: cpu $cpu processed is the kernel's" "$(col $RX/softnet $cpu processed)" "$(softnet_stat $cpu 1)"
	check_eq "at rest: cpu $cpu dropped is the kernel's" "$(col $RX/softnet $cpu dropped)" "$(softnet_stat $cpu 2)"
done
kill -TERM $w1
wait $w1
check_eq "the reader exits 0 on SIGTERM" "$?" 0
cat /tmp/e1
check "rmmod" rmmod rxpath
