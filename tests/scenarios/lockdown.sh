# SPDX-License-Identifier: GPL-2.0
# Scenario: lockdown (integrity, what Secure Boot turns on), raised after
# rxpath is loaded. Its read-only files read; debugfs refuses to open its
# writable ones, even to read (debugfs_locked_down); the switches set by
# module parameters show in status; /dev/rxpath works, and takes the
# controls (rxpath set, rxpath reset) and reads every file (rxpath show);
# it unloads. Then
# the kernel refuses to load it again, unsigned, with its own line in the
# log, and nothing of it is left. (Lockdown cannot be lowered again, and
# kmemleak's file is writable: on the debug kernel it cannot report after
# this scenario.)

mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
check "insmod backlog_hook=1 cycle_clock=1" insmod $KO backlog_hook=1 cycle_clock=1
check "lockdown raised to integrity" sh -c "echo integrity >/sys/kernel/security/lockdown"
cat /sys/kernel/security/lockdown
check "lockdown is integrity" grep -q "\[integrity\]" /sys/kernel/security/lockdown
for f in status softnet backlog_hist budget budget_hist napi rings; do
	check "$f (read-only) reads" cat $RX/$f >/dev/null
done
for f in reset backlog_hook budget_warn_pct cycle_clock; do
	cat $RX/$f >/dev/null 2>/tmp/err && not_ok "$f (writable) cannot be opened, even to read" ||
		ok "$f (writable) cannot be opened, even to read: $(cat /tmp/err)"
done
check "status: backlog_hook on, from the module parameter" grep -q "^backlog_hook on" $RX/status
check "status: cycle_clock on, from the module parameter" grep -q "^cycle_clock on$" $RX/status
check "a reader of /dev/rxpath works" rxpath watch -t 1
# The controls, through the device: what lockdown leaves of them.
check "rxpath set budget_warn_pct 20, through /dev/rxpath" rxpath set budget_warn_pct 20
check_eq "rxpath show budget_warn_pct" "$(rxpath show budget_warn_pct)" 20
check "rxpath set backlog_hook off" rxpath set backlog_hook off
check "status: backlog_hook off" grep -q "^backlog_hook off" $RX/status
check "rxpath reset" rxpath reset
check "rxpath show reset: a time" sh -c 'rxpath show reset | grep -q "^last_reset [0-9]"'
check "rxpath show reads every file, the writable ones included" sh -c 'rxpath show >/dev/null'
check "rmmod" rmmod rxpath
dmesg -c >/dev/null
insmod $KO 2>/tmp/insmod.err && not_ok "insmod of an unsigned rxpath.ko is refused" ||
	ok "insmod of an unsigned rxpath.ko is refused: $(cat /tmp/insmod.err)"
dmesg >/tmp/dmesg
check "the kernel log says why" grep -q "unsigned module loading is restricted" /tmp/dmesg
check "nothing of rxpath is left: no module" [ ! -e /sys/module/rxpath ]
check "nothing of rxpath is left: no device" [ ! -e /dev/rxpath ]
