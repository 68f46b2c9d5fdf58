# SPDX-License-Identifier: GPL-2.0
# Scenario: the event stream, /dev/rxpath, read by rxpath watch and by
# rxpath-devtest. The device's errors; backlog_drop records whose counts add
# up to the kernel's dropped delta, for each of two readers at once; loss
# reported to a reader stopped during a flood; a reader killed mid-flood;
# summaries equal to softnet_stat; 30 000 random calls under a flood
# (20 000 on the debug kernel; 100 000 in make soak); rxpath prom and
# snapshot (their syntax is checked on the host, events.host).

N=$(frames 20000)
LIMIT=8

# lost_sum FILE: the counts of the lost records in the JSON lines of FILE.
lost_sum() {
	sed -n 's/.*"type":"lost","count":\([0-9]*\)}$/\1/p' "$1" | awk '{ s += $1 } END { print s + 0 }'
}
flood() {
	pktgen_setup $N
	pktgen_run 5000
	settle
}

rxpath watch -t 1 2>/tmp/err && not_ok "rxpath without the module fails" ||
	check "rxpath without the module says so" grep -q "module is not loaded" /tmp/err
check "insmod backlog_hook=1" insmod $KO backlog_hook=1
check "/dev/rxpath is a character device" [ -c /dev/rxpath ]
check_eq "for root only" "$(stat -c %a /dev/rxpath)" 600

# 1. The device's contract, from C.
rxpath-devtest errno >/tmp/devtest.out 2>&1
cat /tmp/devtest.out
relay /tmp/devtest.out
check_eq "rxpath-devtest left no reader behind" "$(readers)" 0
# The same from a 32-bit program: the ioctls through compat_ptr_ioctl.
if rxpath-devtest32 errno >/tmp/devtest32.out 2>&1 || grep -q '^ok - ' /tmp/devtest32.out; then
	relay /tmp/devtest32.out "32-bit: "
else
	skip "32-bit: this kernel runs no 32-bit programs (no IA32_EMULATION)"
fi

# 2. Two readers at once while cpu 1's backlog overflows: each gets every
# refusal, in records that add up to the kernel's count.
echo $LIMIT > /proc/sys/net/core/netdev_max_backlog
rps 2
rxpath watch --json --types backlog_drop >/tmp/w1 2>/tmp/e1 &
w1=$!
rxpath watch --types backlog_drop,backlog --backlog 4 >/tmp/w2 2>/tmp/e2 &
w2=$!
wait_readers 2
check_eq "status counts 2 readers" "$(readers)" 2
drop0=$(softnet_stat 1 2)
flood
kill -TERM $w1 $w2
wait $w1; r1=$?
wait $w2; r2=$?
check_eq "both readers exit 0 on SIGTERM" "$r1 $r2" "0 0"
dd=$(($(softnet_stat 1 2) - drop0))
head -n 3 /tmp/w1; head -n 3 /tmp/w2; cat /tmp/e1 /tmp/e2
check "the flood overflowed cpu 1's backlog ($dd refused)" [ "$dd" -gt 0 ]
check_eq "reader 1 (JSON): backlog_drop counts add up to the dropped delta" "$(drop_sum /tmp/w1 1)" "$dd"
check_eq "reader 1 lost nothing" "$(lost_sum /tmp/w1)" 0
check_eq "reader 1 printed every record it was sent" "$(wc -l </tmp/w1) records, 0 lost" \
	"$(sed -n 's/^rxpath: //p' /tmp/e1)"
t=$(awk '$3 == 1 && $4 == "backlog" && $5 == "drop" { s += $6 } END { print s + 0 }' /tmp/w2)
check_eq "reader 2 (text): 'cpu 1 backlog drop N' adds up to the dropped delta" "$t" "$dd"
q=$(awk '$3 == 1 && $4 == "backlog" && $5 ~ /\// { split($5, a, "/"); if (a[1] > m) m = a[1]; l = a[2] } END { print m + 0 "/" l }' /tmp/w2)
check_eq "reader 2: backlog records above 4 peak at the limit + 1" "$q" "$((LIMIT + 1))/$LIMIT"

# 2b. The same with the defaults, the per-packet hook off: the refusals
# come from the kernel's own count, read on cpu 1 once per NET_RX cycle
# and backlog poll, and still add up to it, from the reader's open on,
# while other readers come and go all through the flood (each opens the
# device, sets a filter, which makes it a reader, and closes it).
check "rmmod" rmmod rxpath
check "insmod (defaults: backlog_hook off)" insmod $KO
rxpath watch --json --types backlog_drop >/tmp/w1 2>/tmp/e1 &
w1=$!
wait_readers 1
rm -f /tmp/churn.stop
rxpath-devtest churn /tmp/churn.stop >/tmp/churn.n &
churn=$!
drop0=$(softnet_stat 1 2)
flood
touch /tmp/churn.stop
wait $churn
kill -TERM $w1
wait $w1
dd=$(($(softnet_stat 1 2) - drop0))
head -n 3 /tmp/w1; cat /tmp/e1
check "hook off: the flood overflowed cpu 1's backlog ($dd refused)" [ "$dd" -gt 0 ]
read -r opens joined </tmp/churn.n
check "hook off: other readers came and went meanwhile ($opens opens, $joined readers)" [ "${joined:-0}" -gt 0 ]
check_eq "hook off: backlog_drop counts add up to the dropped delta" "$(drop_sum /tmp/w1 1)" "$dd"
check "hook off: watch does not call for the hook for drop records" sh -c '! grep -q backlog_hook /tmp/e1'

# 3. A reader stopped during a flood is told what it lost. Small buffers,
# and a record for every NET_RX cycle that did any work.
check "rmmod" rmmod rxpath
check "insmod buffer_records=16" insmod $KO backlog_hook=1 buffer_records=16
rxpath watch --json --types backlog_drop,cycle --budget-left 100 >/tmp/w3 2>/tmp/e3 &
w3=$!
wait_readers 1
wait_polling $w3
kill -STOP $w3
flood
kill -CONT $w3
sleep 1
kill -TERM $w3
wait $w3
cat /tmp/e3
l=$(lost_sum /tmp/w3)
check "the stopped reader got lost records ($l records)" [ "$l" -gt 0 ]
check_eq "they add up to the loss its exit line reports" "$(sed -n 's/.* \([0-9]*\) lost$/\1/p' /tmp/e3)" "$l"
check "it got cycle records too" grep -q '"type":"cycle","budget":[0-9]*,"work":[1-9]' /tmp/w3

# 4. A reader killed mid-flood: the other one goes on; the module unloads.
check "rmmod" rmmod rxpath
check "insmod" insmod $KO backlog_hook=1
rxpath watch --json --types backlog_drop >/tmp/w4 2>/dev/null &
w4=$!
rxpath watch --json --types backlog_drop >/tmp/w5 2>/tmp/e5 &
w5=$!
wait_readers 2
drop0=$(softnet_stat 1 2)
pktgen_setup $N
pktgen_run &
pg=$!
sleep 1
kill -KILL $w4
wait $pg
settle
wait_readers 1
check_eq "the killed reader is gone" "$(readers)" 1
kill -TERM $w5
wait $w5
dd=$(($(softnet_stat 1 2) - drop0))
check_eq "the other one got every refusal" "$(drop_sum /tmp/w5 1)" "$dd"

# 5. Summaries: at rest, the last one of each CPU is softnet_stat.
rxpath watch --json --types summary --summary 100 -t 2 >/tmp/w6 2>/dev/null
cp /proc/net/softnet_stat /tmp/stat
for cpu in $(cpus); do
	for pair in processed:1 dropped:2 time_squeeze:3 received_rps:10 flow_limit:11; do
		name=${pair%:*}
		v=$(grep "\"cpu\":$cpu,\"type\":\"summary\"" /tmp/w6 | tail -n 1 |
			sed -n "s/.*\"$name\":\([0-9]*\).*/\1/p")
		check_eq "cpu $cpu summary $name equals softnet_stat" "$v" "$(softnet_stat $cpu ${pair#*:} /tmp/stat)"
	done
done

# 6. Random calls, with a flood going through every producer.
calls=30000
debug_kernel && calls=20000
[ -n "${rxpath_soak:-}" ] && calls=100000
pktgen_setup 0 - 100000
pktgen_run &
pg=$!
rxpath watch --types backlog,backlog_drop,cycle,summary --backlog 0 --budget-left 100 --summary 10 >/dev/null 2>&1 &
w7=$!
rxpath-devtest fuzz $calls $$ >/tmp/fuzz.out 2>&1
cat /tmp/fuzz.out
relay /tmp/fuzz.out
kill -TERM $w7
wait $w7
pktgen_stop
wait $pg
settle
wait_readers 0
check_eq "no reader left" "$(readers)" 0

# 7. rxpath prom and rxpath snapshot --json at rest: their figures are the
# kernel's; the host checks their syntax (promtool, a JSON parser), and
# that of every line watch --json printed in part 2.
rxpath prom >/tmp/prom.txt 2>/tmp/err
check "rxpath prom exits 0 with nothing on stderr" [ $? -eq 0 -a ! -s /tmp/err ]
rxpath snapshot --json >/tmp/snap.json 2>/tmp/err
check "rxpath snapshot --json exits 0 with nothing on stderr" [ $? -eq 0 -a ! -s /tmp/err ]
cp /proc/net/softnet_stat /tmp/stat
for cpu in $(cpus); do
	check_eq "prom: cpu $cpu dropped is softnet_stat's" \
		"$(sed -n "s/^rxpath_softnet_dropped_total{cpu=\"$cpu\"} //p" /tmp/prom.txt)" "$(softnet_stat $cpu 2 /tmp/stat)"
	check_eq "snapshot: cpu $cpu processed is softnet_stat's" \
		"$(grep -o "{\"cpu\":$cpu,\"processed\":[0-9]*" /tmp/snap.json | sed 's/.*://')" "$(softnet_stat $cpu 1 /tmp/stat)"
done
size=$(ethtool -g eth1 | awk '/^Current hardware settings/ { c = 1 } c && $1 == "RX:" { print $2; exit }')
ringwhy=$(ring_btf_missing e1000e)
if [ -n "$ringwhy" ]; then
	skip "prom: eth1's rxpath_ring_size: $ringwhy"
else
	check_eq "prom: eth1's rxpath_ring_size is ethtool -g's" \
		"$(sed -n 's/^rxpath_ring_size{device="eth1",driver="e1000e",queue="0"} //p' /tmp/prom.txt)" "$size"
fi
check "rxpath prom -o FILE writes FILE and leaves no temporary" \
	sh -c 'rxpath prom -o /tmp/node.prom && grep -q "^rxpath_softnet_processed_total" /tmp/node.prom && [ ! -e /tmp/node.prom.tmp ]'
umount /sys/kernel/debug
check "with debugfs unmounted, rxpath prom reads through /dev/rxpath" \
	sh -c 'rxpath prom >/tmp/prom2.txt && grep -q "^rxpath_softnet_processed_total" /tmp/prom2.txt'
check "a user who can open neither exits 1 with one line saying so" \
	sh -c 'rxpath-devtest runas 1001 1001 rxpath prom >/dev/null 2>/tmp/err; [ $? -eq 1 ] && grep -q "cannot read rxpath.s files" /tmp/err && [ $(wc -l </tmp/err) -eq 1 ]'
mount -t debugfs debugfs /sys/kernel/debug
sed 's/^/prom: /' /tmp/prom.txt >&3
sed 's/^/snapshot: /' /tmp/snap.json >&3
sed 's/^/watch: /' /tmp/w1 >&3
check "rmmod" rmmod rxpath
rxpath prom >/dev/null 2>/tmp/err && not_ok "rxpath prom without the module fails" ||
	check "rxpath prom without the module says so" grep -q "module is not loaded" /tmp/err
