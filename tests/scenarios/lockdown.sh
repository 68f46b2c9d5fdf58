# SPDX-License-Identifier: GPL-2.0
# vm-cmdline: lockdown=integrity
# vm-not-debug: the debug kernel is built without CONFIG_SECURITY, so without lockdown
# Scenario: a kernel in lockdown (integrity, what Secure Boot turns on)
# loads only signed modules. The test bed's rxpath.ko is unsigned: the
# kernel refuses it, with its own line in the log, and nothing of rxpath
# is left behind. (Signed, it loads; README, "Kernel requirements".)

mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
cat /sys/kernel/security/lockdown
check "lockdown is integrity" grep -q "\[integrity\]" /sys/kernel/security/lockdown
dmesg -c >/dev/null
insmod $KO 2>/tmp/insmod.err && not_ok "insmod of an unsigned rxpath.ko is refused" ||
	ok "insmod of an unsigned rxpath.ko is refused: $(cat /tmp/insmod.err)"
dmesg >/tmp/dmesg
check "the kernel log says why" grep -q "unsigned module loading is restricted" /tmp/dmesg
check "nothing of rxpath is left: no module" [ ! -e /sys/module/rxpath ]
check "nothing of rxpath is left: no device" [ ! -e /dev/rxpath ]
