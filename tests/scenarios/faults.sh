# SPDX-License-Identifier: GPL-2.0
# vm-injects-alloc-failures: every failure it injects into a page or vmalloc allocation, the allocator reports with a call trace
# Scenario: memory allocations that fail (failslab and fail_page_alloc,
# the debug kernel's fault injection) in rxpath's load, and then in all
# of its code at run time, under traffic: readers opening and closing
# /dev/rxpath, every file read, the once-a-second worker. A load either
# fails with an errno and leaves nothing behind, or succeeds; at run time
# a failure refuses that open or read, or skips that second of the worker
# (counted in status); nothing crashes, nothing leaks (kmemleak, after the
# scenario), the counts are the kernel's at rest, and rxpath unloads.
# 10 loads and 10 s of run time (1000 and 120 s in make soak). Each
# phase says how many allocations the injectors failed (their times file,
# counted down from a billion).

FS=/sys/kernel/debug/failslab
FP=/sys/kernel/debug/fail_page_alloc
if [ ! -d $FS ] || [ ! -d $FP ]; then
	skip "no fault injection in this kernel (CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC: the debug kernel's)"
	return 0
fi
loads=10 secs=10
[ -n "${rxpath_soak:-}" ] && loads=1000 secs=120

# The injectors count their failures down from this (-1, no count, would
# not say how many).
times=1000000000
# injected: the failures both injectors made since the last inject.
injected() { echo $((2 * times - $(cat $FS/times) - $(cat $FP/times))); }

# inject PROBABILITY TASK_FILTER [START END]: both injectors fail that
# percentage of allocations, of any size and sleeping or not: of the
# tasks marked make-it-fail (TASK_FILTER Y), or of any task whose stack
# holds an address in [START, END).
inject() {
	for f in $FS $FP; do
		echo 0 >$f/probability
		echo 1 >$f/interval
		echo $times >$f/times
		echo 0 >$f/verbose
		echo N >$f/ignore-gfp-wait
		echo "$2" >$f/task-filter
		# No filter: [0, ULONG_MAX), the kernel's default.
		echo "${3:-0}" >$f/require-start
		echo "${4:-18446744073709551615}" >$f/require-end
	done
	echo 0 >$FP/min-order
	for f in $FS $FP; do echo "$1" >$f/probability; done
}

rps 2
pktgen_setup 0 - 100000
pktgen_run &
pg=$!

# 1. Loads whose allocations fail (the insmod task's, 1 in 100: the
# loader's own come first, so more would never reach rxpath's init).
inject 1 Y
loaded=0 refused=0 left=0 kprobes=0
i=0
while [ $i -lt $loads ]; do
	i=$((i + 1))
	if sh -c "echo 1 >/proc/self/make-it-fail && exec insmod $KO backlog_hook=1" 2>/dev/null; then
		loaded=$((loaded + 1))
		cat $RX/* >/dev/null 2>&1
		rmmod rxpath || left=$((left + 1))
	else
		refused=$((refused + 1))
		{ [ -e /sys/module/rxpath ] || [ -e /dev/rxpath ]; } && left=$((left + 1))
	fi
	# No kprobe outlives its module (a refused load's, whose disarm
	# failed, did: reading the list then oopses on the freed module).
	[ -n "$(cat /sys/kernel/debug/kprobes/list)" ] && kprobes=$((kprobes + 1))
done
n=$(injected)
inject 0 N
diag "loads: $loaded succeeded, $refused refused; $n allocations failed by injection"
check "$loads loads with failing allocations: some refused ($refused)" [ "$refused" -gt 0 ]
check_eq "a refused load leaves no module or device, a loaded one unloads: otherwise" $left 0
check_eq "no kprobe left registered after a load and unload or a refusal: otherwise" $kprobes 0

# 2. Run time: every allocation with rxpath's code on the stack fails 3 in
# 10 times, while readers come and go, the files are read, the worker runs.
check "insmod backlog_hook=1" insmod $KO backlog_hook=1
# [its first function, a page past its last): 64-bit hex, which the
# shell's arithmetic cannot hold whole, and the kernel's debugfs reads.
first=$(awk '$4 == "[rxpath]" && ($2 == "t" || $2 == "T") { print $1 }' /proc/kallsyms | sort | head -n 1)
last=$(awk '$4 == "[rxpath]" && ($2 == "t" || $2 == "T") { print $1 }' /proc/kallsyms | sort | tail -n 1)
start=0x$first
end=0x$(echo "$last" | cut -c1-8)$(printf '%08x' $((0x$(echo "$last" | cut -c9-16) + 4096)))
check "rxpath's code found in kallsyms ($start to $end)" [ "${#first}" = 16 -a "${#end}" = 18 ]
rm -f /tmp/fault.stop
( while [ ! -e /tmp/fault.stop ]; do rxpath watch -t 1 >/dev/null 2>&1; done ) &
r1=$!
( n=0 e=0; while [ ! -e /tmp/fault.stop ]; do
	for f in $RX/*; do cat $f >/dev/null 2>&1 || e=$((e + 1)); done
	head -c 0 /dev/rxpath 2>/dev/null || e=$((e + 1)); n=$((n + 1))
  done; echo "$n $e" >/tmp/fault.reads ) &
r2=$!
inject 30 N $start $end
sleep $secs
n=$(injected)
inject 0 N
touch /tmp/fault.stop
wait $r1 $r2
diag "run time: $n allocations failed by injection; $(cut -d' ' -f1 /tmp/fault.reads) passes over the files, $(cut -d' ' -f2 /tmp/fault.reads) refused opens or reads"
grep "skipped" $RX/status
check "refusals happened" [ "$(cut -d' ' -f2 /tmp/fault.reads)" -gt 0 ]
check "every file reads again" cat $RX/softnet $RX/budget $RX/napi $RX/rings $RX/status
check "a reader works again" rxpath watch -t 1
pktgen_stop
wait $pg
settle
for cpu in 0 1; do
	check_eq "at rest: cpu $cpu processed is the kernel's" "$(col $RX/softnet $cpu processed)" "$(softnet_stat $cpu 1)"
	check_eq "at rest: cpu $cpu dropped is the kernel's" "$(col $RX/softnet $cpu dropped)" "$(softnet_stat $cpu 2)"
done
check "rmmod" rmmod rxpath
