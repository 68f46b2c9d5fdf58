# SPDX-License-Identifier: GPL-2.0
# Scenario 4: bad writes are refused and change nothing; reads through tiny
# buffers and at odd offsets give the same text as one read.

rps 2
check "insmod backlog_hook=1" insmod $KO backlog_hook=1
pktgen_setup 2000
pktgen_run
settle
hist0=$(cat $RX/backlog_hist)
reset0=$(cat $RX/reset)
check "cpu 1 has counts to lose" [ "$(col $RX/softnet 1 backlog_enqueues)" -gt 0 ]

huge=$(head -c 5000 /dev/zero | tr '\0' 1)
fails=0
for bad in garbage 2 -1 0 11 01 0x1 "1 1" "1x" " " "$huge" -4294967296 18446744073709551617; do
	if printf '%s\n' "$bad" > $RX/reset 2>/dev/null; then
		fails=$((fails + 1)); echo "reset accepted '$bad'"
	fi
done
check_eq "reset refuses garbage, negatives, huge strings: accepted" $fails 0
check_eq "refused resets changed no histogram" "$(cat $RX/backlog_hist)" "$hist0"
check_eq "refused resets changed no reset time" "$(cat $RX/reset)" "$reset0"
check "refusal logged with a pr_warn line" logged 'rxpath: reset: only "1" is accepted'

fails=0
for bad in maybe 2 -1 yes "on off" "$huge"; do
	if printf '%s\n' "$bad" > $RX/backlog_hook 2>/dev/null; then
		fails=$((fails + 1)); echo "backlog_hook accepted '$bad'"
	fi
done
check_eq "backlog_hook refuses bad values: accepted" $fails 0
check_eq "backlog_hook unchanged" "$(cat $RX/backlog_hook)" on
check_eq "refused hook writes changed no histogram" "$(cat $RX/backlog_hist)" "$hist0"

for f in status softnet backlog_hist backlog_hook reset; do
	cat $RX/$f > /tmp/full
	for bs in 1 3 7 64; do
		dd if=$RX/$f bs=$bs 2>/dev/null > /tmp/part
		check "$f read $bs bytes at a time equals one read" cmp -s /tmp/full /tmp/part
	done
	for skip in 1 5 17 33; do
		dd if=$RX/$f bs=1 skip=$skip 2>/dev/null > /tmp/part
		tail -c +$((skip + 1)) /tmp/full > /tmp/want
		check "$f read from offset $skip equals the tail of one read" cmp -s /tmp/want /tmp/part
	done
done

check "a valid reset is taken" sh -c "echo 1 > $RX/reset"
check "reset time is shown" grep -q '^last_reset [0-9]*\.[0-9]*$' $RX/reset
check_eq "reset zeroed cpu 1 backlog_enqueues" "$(col $RX/softnet 1 backlog_enqueues)" 0
check_eq "reset zeroed cpu 1 backlog_max" "$(col $RX/softnet 1 backlog_max)" 0
check "rmmod" rmmod rxpath

if insmod $KO backlog_hook=bogus 2>/dev/null; then
	not_ok "insmod backlog_hook=bogus is refused"
	rmmod rxpath
else
	ok "insmod backlog_hook=bogus is refused"
fi
check "the bad parameter is named in the log" logged 'backlog_hook'
check "insmod after the refusal" insmod $KO
check "rmmod" rmmod rxpath
