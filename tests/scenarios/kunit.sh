# SPDX-License-Identifier: GPL-2.0
# The KUnit suites (kernels with CONFIG_KUNIT only): rxpath_test.ko runs them
# when it loads; every case's KTAP line becomes one verdict here. The host
# counts the suites in kunit/*.c (rxpath_kunit_suites, from tests/vm.sh):
# each one must have run.

if [ ! -d /sys/kernel/debug/kunit ] || [ ! -f /lib/modules/rxpath_test.ko ]; then
	skip "KUnit suites: this kernel has no CONFIG_KUNIT"
else
	check "insmod rxpath.ko" insmod $KO
	check "insmod rxpath_test.ko (runs the suites)" insmod /lib/modules/rxpath_test.ko
	suites=0
	for d in /sys/kernel/debug/kunit/rxpath_*; do
		[ -f $d/results ] || continue
		suites=$((suites + 1))
		s=$(basename $d)
		cat $d/results
		# The suite's own plan is the indented one.
		plan=$(sed -n 's/^[[:space:]][[:space:]]*1\.\.\([0-9]*\)$/\1/p' $d/results | head -n 1)
		n=0
		# Case lines are the indented ones: "    ok 1 name [# SKIP why]".
		while read -r verdict; do
			n=$((n + 1))
			case $verdict in
			"ok "*"# SKIP"*) skip "kunit $s.$(echo "$verdict" | awk '{print $3}') (${verdict#*# SKIP })" ;;
			"ok "*) ok "kunit $s.$(echo "$verdict" | awk '{print $3}')" ;;
			*) not_ok "kunit $s.$(echo "$verdict" | awk '{print $4}')" ;;
			esac
		done <<-EOT
		$(grep -E '^[[:space:]]+(not )?ok [0-9]+ ' $d/results | sed 's/^[[:space:]]*//; s/ - / /')
		EOT
		check_eq "kunit $s: every planned case reported" "$n" "$plan"
	done
	check_eq "kunit suites found" $suites "${rxpath_kunit_suites:-unknown}"
	check "rmmod rxpath_test" rmmod rxpath_test
	check "rmmod rxpath" rmmod rxpath
fi
