# SPDX-License-Identifier: GPL-2.0
# vm-not-debug: on the debug kernel, igb and virtio_net go through driver-churn
# vm-nics: igb virtio-net-pci virtio-net-pci,packed=on,rx_queue_size=1024
# Scenario: the RX ring table for igb (QEMU's igb, eth2 to eth3) and
# virtio_net (eth4 to eth5, split vrings; eth6 to eth7, packed, 1024
# descriptors), loaded after rxpath: under a flood every ring
# row's count is ethtool -g's current RX size and its indices fit it; igb's
# rings take resizes under a flood.

N=$(frames 8192)

# A TX-only flood from SRC, its RX ring at igb's smallest (64): igb_poll
# returns its whole weight while its TX cleanup (IGB_DEFAULT_TX_WORK
# descriptors a poll) is unfinished, though SRC receives nothing. The
# napi table's work counts that, as net_rx_action charges it; the rings
# table must not take it for received frames: no poll finds SRC's ring
# full, and none sees more pending than SRC received.
tx_only_flood() {
	# Six queues, more than half of the 82576's eight: igb pairs each TX
	# queue with an RX queue on one vector (igb_set_flag_queue_pairs).
	ethtool -L $1 combined 6 || diag "ethtool -L $1 combined 6 failed"
	ethtool -G $1 rx 64 || diag "ethtool -G $1 rx 64 failed"
	up $1
	echo 1 > $RX/reset
	cp $RX/napi /tmp/n0
	rx0=$(rx_packets $1)
	flood_pair $1 $2 $(frames 40000) 64
	settle $2
	cp $RX/napi /tmp/n1
	cp $RX/rings /tmp/r1
	rx=$(($(rx_packets $1) - rx0))
	work=$(($(napi_sum $1 work /tmp/n1) - $(napi_sum $1 work /tmp/n0)))
	full=$(awk -v d=$1 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
		$1 == d { s += $h["full_ring_events"] } END { print s + 0 }' /tmp/r1)
	maxp=$(awk -v d=$1 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
		$1 == d && $h["max_pending"] != "-" && $h["max_pending"] > m { m = $h["max_pending"] }
		END { print m + 0 }' /tmp/r1)
	cat /tmp/n1 /tmp/r1
	# The vector that sent has an RX ring: its poll read it.
	check "igb TX-only: the vector that sent has an RX ring: $1 has a ring row" \
		[ "$(awk -v d=$1 '$1 == d' /tmp/r1 | wc -l)" -ge 1 ]
	diag "TX-only flood from $1: $1 received $rx frames, its polls returned work $work"
	check "igb TX-only: $1's polls returned more work ($work) than it received ($rx): TX cleanup's whole weight" \
		[ "$work" -gt "$rx" ]
	check_eq "igb TX-only: no poll found $1's 64-descriptor ring full" "$full" 0
	check "igb TX-only: max_pending of $1 ($maxp) within what it received ($rx)" [ "$maxp" -le "$rx" ]
}

insmod_rings "igb and virtio_net rings" || return 0
extra_insmod
check "igb, loaded after rxpath, is resolved" ring_resolved igb
check "virtio_net, loaded after rxpath, is resolved" ring_resolved virtio_net

pairs=
for drv in igb virtio_net; do
	set -- $(ifs_of $drv)
	while [ $# -ge 2 ]; do
		pairs="$pairs $drv:$1:$2"
		shift 2
	done
done
check_eq "two igb interfaces and four virtio_net ones" "$pairs" " igb:eth2:eth3 virtio_net:eth4:eth5 virtio_net:eth6:eth7"
for p in $pairs; do
	drv=${p%%:*} src=${p#*:} dst=${p##*:}
	src=${src%:*}
	up $src $dst
	# One frame a kick for virtio: 7.2's virtio_net stalls its packed
	# ring's TX queue under pktgen's bursts ("transmit queue 0 timed
	# out"), rxpath loaded or not.
	burst=64
	[ $drv = virtio_net ] && burst=1
	flood_pair $src $dst $N $burst
	sleep 1
	ring_rows $dst > /tmp/rows
	cat $RX/rings
	size=$(ethtool_rx $dst)
	check "$drv: $dst has ring rows" [ -s /tmp/rows ]
	check_eq "$drv: every row names $drv" "$(awk -v d=$drv '$2 != d' /tmp/rows | wc -l)" 0
	check_eq "$drv: every row's count is ethtool -g's current RX size ($size)" \
		"$(awk -v s="$size" '$4 != s' /tmp/rows | wc -l)" 0
	polls=$(awk '{ p += $11 } END { print p + 0 }' /tmp/rows)
	check "$drv: its rings were polled ($polls)" [ "$polls" -gt 0 ]
	check_eq "$drv: no row has unused above count - 1" \
		"$(awk '$7 > $4 - 1' /tmp/rows | wc -l)" 0
	if [ $drv = igb ]; then
		check_eq "igb: next_to_use and next_to_clean below count in every row" \
			"$(awk '$5 >= $4 || $6 >= $4' /tmp/rows | wc -l)" 0
		check_eq "igb: unused is the *_DESC_UNUSED formula in every row" \
			"$(awk '{ u = $6 > $5 ? $6 - $5 - 1 : $4 + $6 - $5 - 1 } u != $7' /tmp/rows | wc -l)" 0
		# igb gives transmit queues vectors of their own when it does
		# not pair them: their polls have no RX ring.
		np=$(napi_sum $dst polls $RX/napi)
		check "igb: ring polls ($polls) within $dst's NAPI polls ($np)" [ "$polls" -le "$np" ]
		check_eq "igb: pending is read (not -) in every row" "$(awk '$8 == "-"' /tmp/rows | wc -l)" 0
		# Resizes under a flood.
		flood_pair $src $dst 0 &
		pg=$!
		for s in 80 4096 256 1024 80 512; do
			ethtool -G $dst rx $s || diag "ethtool -G $dst rx $s failed"
			cat $RX/rings > /dev/null
			sleep 0.3
		done
		# Queue-count changes: igb frees its vectors, rings and NAPIs
		# and makes new ones.
		for c in 1 2 1 2; do
			ethtool -L $dst combined $c || diag "ethtool -L $dst combined $c failed"
			cat $RX/rings > /dev/null
			sleep 0.3
		done
		echo stop > /proc/net/pktgen/pgctrl
		wait $pg
		up $dst
		flood_pair $src $dst 1024
		sleep 1
		ring_rows $dst > /tmp/rows
		cat $RX/rings
		check_eq "igb: after 6 resizes and 4 queue-count changes under a flood, every row's count is 512" \
			"$(awk '$4 != 512' /tmp/rows | wc -l) $(ethtool_rx $dst)" "0 512"
		tx_only_flood $src $dst
	else
		check_eq "virtio_net: no ntu, ntc, pending or missed_while_full (-)" \
			"$(awk '$5 != "-" || $6 != "-" || $8 != "-" || $14 != "-"' /tmp/rows | wc -l)" 0
		check "virtio_net: unused (free descriptors) at most count" \
			[ "$(awk '$7 > $4' /tmp/rows | wc -l)" -eq 0 ]
		# VIRTIO_F_RING_PACKED, feature bit 34: the second pair's.
		layout=split
		[ "$(cut -c35 /sys/class/net/$dst/device/features)" = 1 ] && layout=packed
		check_eq "virtio_net: $dst's vring layout and size" "$layout $size" \
			"$([ $dst = eth5 ] && echo 'split 256' || echo 'packed 1024')"
	fi
done
pktgen_clear
check "rmmod virtio_net" rmmod virtio_net
check_eq "its rings leave the table" "$(awk '$2 == "virtio_net"' $RX/rings | wc -l)" 0
check "rmmod" rmmod rxpath
