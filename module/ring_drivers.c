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
	  { [RXPATH_RF_NUM_FREE] = "num_free", [RXPATH_RF_QUEUE] = "index" },
	  /*
	   * virtqueue_get_vring_size(): packed.vring.num for a packed ring,
	   * split.vring.num otherwise; 6.1 and 6.12 say packed with the bool
	   * packed_ring, 7.x with enum vq_layout layout.
	   */
	  .outer = { "virtio_ring", "vring_virtqueue", "vq",
		     { "packed_ring", "layout" },
		     { "VQ_LAYOUT_PACKED", "VQ_LAYOUT_PACKED_IN_ORDER" },
		     "split.vring.num", "packed.vring.num" } },
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
	/*
	 * ena: one RX ring per IO NAPI (ena_xdp_io_poll's have none), the
	 * free count ena_com_free_q_entries's, the Intel formula. Its
	 * completion queue's phase bit is not read: no pending.
	 */
	{ "ena", { "ena_io_poll" }, "ena_napi", "napi", "rx_ring",
	  RXPATH_RING_FIELDS("ring_size", "next_to_use", "next_to_clean", NULL,
			     NULL, "qid", NULL) },
	/*
	 * gve, GQI queue format: fill_cnt and cnt run free over mask + 1
	 * slots, none kept empty (the free count mask + 1 - (fill_cnt -
	 * cnt)). rx is NULL on the notify blocks of TX queues.
	 */
	{ "gve", { "gve_napi_poll" }, "gve_notify_block", "napi", "rx",
	  { [RXPATH_RF_MASK] = "mask", [RXPATH_RF_NTU] = "fill_cnt",
	    [RXPATH_RF_NTC] = "cnt", [RXPATH_RF_QUEUE] = "q_num" },
	  .index = RXPATH_IDX_FREE },
	/* gve, DQO: the buffer queue's tail and head, wrapped at mask + 1. */
	{ "gve", { "gve_napi_poll_dqo" }, "gve_notify_block", "napi", "rx",
	  { [RXPATH_RF_MASK] = "dqo.bufq.mask", [RXPATH_RF_NTU] = "dqo.bufq.tail",
	    [RXPATH_RF_NTC] = "dqo.bufq.head", [RXPATH_RF_QUEUE] = "q_num" } },
	/*
	 * ixgbevf re-arms as ixgbe does (the written-back length zeroed);
	 * it counts no drops of its own: the PF sees them.
	 */
	{ "ixgbevf", { "ixgbevf_poll" }, "ixgbevf_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL("next", "queue_index", "size"), {}, RXPATH_DONE_ADV,
	  RXPATH_DROPS_NONE },
	/*
	 * iavf: DD, bit 0 of byte 8 of its 32-byte descriptors, which it
	 * clears when it re-arms them (iavf_alloc_rx_buffers); its rx_dropped
	 * is the PF's count for the whole function, not this one's.
	 */
	{ "iavf", { "iavf_napi_poll" }, "iavf_q_vector", "napi", "rx.ring",
	  RXPATH_RING_INTEL("next", "queue_index", "size"), {},
	  { RXPATH_DONE_BITS, 8, 1, 0x01, 32 }, RXPATH_DROPS_NONE },
	/*
	 * mlx5_core: each channel's receive queue, embedded in it, is cyclic
	 * (rq.wq_type MLX5_WQ_TYPE_CYCLIC, 1) or striding (2, ConnectX-5 on).
	 * Neither keeps a consumer index: wqe_ctr counts the WQEs posted
	 * ever, cur_sz those the NIC holds. The free count is
	 * mlx5_wq_cyc_missing's sz - cur_sz, and mlx5_wq_ll_missing's
	 * sz_m1 - cur_sz, one WQE kept. Their completion queue's owner bit
	 * is not read: no pending.
	 */
	{ "mlx5_core", { "mlx5e_napi_poll" }, "mlx5e_channel", "napi", "rq",
	  { [RXPATH_RF_COUNT] = "wqe.wq.sz", [RXPATH_RF_NTU] = "wqe.wq.wqe_ctr",
	    [RXPATH_RF_POSTED] = "wqe.wq.cur_sz", [RXPATH_RF_QUEUE] = "ix",
	    [RXPATH_RF_SELECT] = "wq_type" },
	  .index = RXPATH_IDX_FREE, .select = 1 },
	{ "mlx5_core", { "mlx5e_napi_poll" }, "mlx5e_channel", "napi", "rq",
	  { [RXPATH_RF_MASK] = "mpwqe.wq.fbc.sz_m1",
	    [RXPATH_RF_NTU] = "mpwqe.wq.wqe_ctr",
	    [RXPATH_RF_POSTED] = "mpwqe.wq.cur_sz", [RXPATH_RF_QUEUE] = "ix",
	    [RXPATH_RF_SELECT] = "wq_type" },
	  .index = RXPATH_IDX_FREE, .reserved = 1, .select = 2 },
};

const unsigned int rxpath_ring_ndrivers = ARRAY_SIZE(rxpath_ring_drivers);
