// SPDX-License-Identifier: GPL-2.0
/*
 * The NIC drivers whose RX rings rxpath reads: one row each. A row names
 * the driver's NAPI poll functions, the private struct that holds its
 * napi_struct, the member that holds its (first) RX ring, the members
 * rxpath reads in the ring and in that container, how a written-back
 * descriptor looks, and the driver's counter of frames dropped for want
 * of a descriptor. Member paths only: the offsets come from the driver's
 * BTF when it loads (ring_resolve.c). Adding a driver is adding a row.
 */
#include <linux/kernel.h>
#include "rxpath.h"
#include "rings.h"

#define RXPATH_RING_FIELDS(count, ntu, ntc, desc, next, queue, size) \
	{ [RXPATH_RF_COUNT] = count, [RXPATH_RF_NTU] = ntu, \
	  [RXPATH_RF_NTC] = ntc, [RXPATH_RF_DESC] = desc, \
	  [RXPATH_RF_NEXT] = next, [RXPATH_RF_QUEUE] = queue, \
	  [RXPATH_RF_SIZE] = size }
/* Intel's rings; size (of the descriptor area) where pending is read. */
#define RXPATH_RING_INTEL(next, queue, size) \
	RXPATH_RING_FIELDS("count", "next_to_use", "next_to_clean", "desc", \
			   next, queue, size)
/*
 * Done tests: e1000e clears an extended descriptor's status byte when it
 * cleans it, DD is bit 0 of byte 8 (16 and 32 byte formats alike); e1000's
 * legacy descriptor has its status at byte 12. igb, igc and ixgbe zero the
 * written-back length (byte 12) of every descriptor they re-arm and stop
 * at a zero length, their DD bit may be stale. i40e and ice clean past
 * next_to_clean (next_to_process): rxpath does not tell their pending.
 * Descriptors are 16 bytes, e1000e's 32 when it splits packets (jumbo
 * frames: rx_ps_pages).
 */
#define RXPATH_DONE_E1000E	{ RXPATH_DONE_BITS, 8, 1, 0x01, 16, "rx_ps_pages" }
#define RXPATH_DONE_E1000	{ RXPATH_DONE_BITS, 12, 1, 0x01, 16 }
#define RXPATH_DONE_ADV		{ RXPATH_DONE_BITS, 12, 2, 0xffff, 16 }
/*
 * vmxnet3: the device fills the RX ring's descriptors in order and writes
 * a completion (struct Vmxnet3_RxCompDesc, 16 bytes) for each, its gen bit
 * the top bit of the last byte; the driver takes completions while that
 * bit equals comp_ring.gen (vmxnet3_rq_rx_complete).
 */
#define RXPATH_DONE_VMXNET3	{ RXPATH_DONE_GEN, 15, 1, 0x80, 16 }

struct rxpath_ring_driver rxpath_ring_drivers[] = {
	{ "e1000e", { "e1000e_poll" }, "e1000_adapter", "napi", "rx_ring",
	  RXPATH_RING_INTEL(NULL, NULL, "size"), {}, RXPATH_DONE_E1000E },
	{ "e1000", { "e1000_clean" }, "e1000_adapter", "napi", "rx_ring",
	  RXPATH_RING_INTEL(NULL, NULL, "size"), {}, RXPATH_DONE_E1000 },
	{ "igb", { "igb_poll" }, "igb_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL(NULL, "queue_index", "size"), {}, RXPATH_DONE_ADV },
	{ "igc", { "igc_poll" }, "igc_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL(NULL, "queue_index", "size"), {}, RXPATH_DONE_ADV },
	{ "ixgbe", { "ixgbe_poll" }, "ixgbe_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL("next", "queue_index", "size"), {}, RXPATH_DONE_ADV },
	{ "i40e", { "i40e_napi_poll" }, "i40e_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL("next", "queue_index", NULL) },
	{ "ice", { "ice_napi_poll" }, "ice_q_vector", "napi", "rx.rx_ring",
	  RXPATH_RING_INTEL("next", "q_index", NULL) },
	{ "virtio_net", { "virtnet_poll" }, "receive_queue", "napi", "vq",
	  { [RXPATH_RF_NUM_FREE] = "num_free" } },
	/*
	 * One NAPI per RX queue with MSI-X (vmxnet3_poll_rx_only); with
	 * INTx or MSI one queue, polled by vmxnet3_poll. Ring 0 takes every
	 * frame's first buffer; the free count is vmxnet3_cmd_ring_desc_avail,
	 * the Intel formula.
	 */
	{ "vmxnet3", { "vmxnet3_poll_rx_only", "vmxnet3_poll" },
	  "vmxnet3_rx_queue", "napi", "rx_ring",
	  RXPATH_RING_FIELDS("size", "next2fill", "next2comp", NULL, NULL, NULL, NULL),
	  { [RXPATH_RF_QUEUE] = "qid", [RXPATH_RF_CQ] = "comp_ring.base",
	    [RXPATH_RF_CQ_SIZE] = "comp_ring.size",
	    [RXPATH_RF_CQ_NEXT] = "comp_ring.next2proc",
	    [RXPATH_RF_CQ_GEN] = "comp_ring.gen" },
	  RXPATH_DONE_VMXNET3, RXPATH_DROPS_QUEUE,
	  { "adapter", "rqd_start", "stats.pktsRxOutOfBuf", "pkts rx OOB" },
	  true },
};

const unsigned int rxpath_ring_ndrivers = ARRAY_SIZE(rxpath_ring_drivers);
