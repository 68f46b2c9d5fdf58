# SPDX-License-Identifier: GPL-2.0
# vm-tcg-single: its writes switch the probes on and off hundreds of times under traffic; under multi-threaded TCG Debian's 6.12 took an int3 in handle_softirqs, at the softirq tracepoints' patched branch, 3 s in (QEMU 10: stale code for the other vCPU, as in load-loop)
# Scenario: hostile input under a flood, from rxpath-devtest. Random
# writes to every control file (reset, backlog_hook, cycle_clock,
# budget_warn_pct): random bytes of any length, at odd offsets, from bad
# pointers, and words the files take or nearly take with bytes around
# them, each made through debugfs or through /dev/rxpath
# (RXPATH_IOC_CONTROL) at random and read back through either; each is
# accepted exactly when the file's grammar takes it, and a refusal is
# EINVAL (EFAULT from a bad pointer) with the file read back unchanged. Then loads of the module with random parameter strings: one
# well-formed name=value loads exactly when that parameter's grammar
# takes it, any string loads or is refused with EINVAL or ENOSPC, a
# loaded module shows valid values and unloads. The ioctl fuzzer is in
# scenario events (100 000 calls). Afterwards the counts still agree
# with the kernel's and rxpath unloads. 20 000 writes and 150 loads
# (1000 and 15 on the debug kernel). In make soak 100 000 writes, and
# 10 000 loads (1000 on the debug kernel): a load takes the kernel's
# module loader 160 ms under TCG (about 1 s on the debug kernel), so 100 000
# would take four and a half hours.

writes=20000 loads=150
debug_kernel && writes=1000 loads=15
if [ -n "${rxpath_soak:-}" ]; then
	writes=100000 loads=10000
	debug_kernel && loads=1000
fi
seed=$(($(date +%s) % 100000))
diag "seed $seed (rxpath-devtest files and params take it as their second argument)"

# rxpath_devtest MODE ARGS...: rxpath-devtest MODE ARGS, timed, its
# verdicts this scenario's; the console quiet meanwhile (thousands of
# refusals' warnings, rate-limited, would take the serial console's time:
# the log is read afterwards).
rxpath_devtest() {
	level=$(cut -f1 /proc/sys/kernel/printk)
	dmesg -n 1
	t0=$(date +%s)
	rxpath-devtest "$@" >/tmp/devtest.out 2>&1
	dmesg -n "$level"
	cat /tmp/devtest.out
	relay /tmp/devtest.out
	diag "rxpath-devtest $1: $(($(date +%s) - t0)) s"
}

rps 2
pktgen_setup 0 - 100000
pktgen_run &
pg=$!

check "insmod" insmod $KO
rxpath watch --json >/dev/null 2>/tmp/w.err &
w=$!
check "a reader polls /dev/rxpath" wait_polling $w
rxpath_devtest files $writes $seed $RX dev
check "the refusals were logged, naming the file" logged 'rxpath: (reset|backlog_hook|cycle_clock|budget_warn_pct): '
kill -TERM $w
wait $w
check_eq "the reader exits 0 on SIGTERM" "$?" 0
check "rmmod" rmmod rxpath

dmesg -c >/dev/null
rxpath_devtest params $loads $seed $KO
check_eq "no oops, WARN, BUG, KASAN or lockdep report in the log" \
	"$(dmesg | grep -cE 'Oops|WARNING:|BUG:|KASAN|circular locking|inconsistent lock|kmemleak')" 0
check "rxpath is not loaded" [ ! -e /sys/module/rxpath ]
pktgen_stop
wait $pg
guest_net_up >/dev/null

# Everything still agrees with the kernel.
check "insmod" insmod $KO
budget_begin
pktgen_setup $(frames 20000)
pktgen_run 5000
budget_agree "after the hostile input"
check "rmmod" rmmod rxpath
