/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What rxpath_test.ko's suites share. Each suite is a file of its own,
 * kunit/<area>_kunit.c, with its own kunit_test_suites(); rxpath_kunit.c
 * holds the module's information and the helpers below.
 *
 * Whatever a case opens (a reader, a netdev, a CPU taken offline, memory
 * not from kunit_kzalloc) its suite's exit closes, so that a failed
 * assertion, which ends the case at once, leaves nothing behind.
 */
#ifndef _RXPATH_KUNIT_H
#define _RXPATH_KUNIT_H

#include <kunit/test.h>
#include <linux/seq_file.h>
#include "../module/rxpath.h"

/* A seq_file over a buffer of its own, as seq_read would give show(). */
struct seq_file *rxpath_test_seq(struct kunit *test,
				 const struct rxpath_cpu_table *t);
/* The fields of a table's line, up to its newline. */
unsigned int rxpath_test_fields(const char *line);

#endif /* _RXPATH_KUNIT_H */
