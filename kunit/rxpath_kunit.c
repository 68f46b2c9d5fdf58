// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath's KUnit suites: every piece of logic that can be tested without
 * traffic. rxpath_test.ko is built only against kernels with CONFIG_KUNIT
 * (the test bed's debug kernel) and runs its suites when it is loaded after
 * rxpath.ko, whose internals it reaches through EXPORT_SYMBOL_IF_KUNIT.
 *
 * Suites are named rxpath_<area>, one a file (kunit/<area>_kunit.c); cases
 * <function>_<condition>. This file holds what they share.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include "../module/compat.h"
#include "rxpath_kunit.h"

struct seq_file *rxpath_test_seq(struct kunit *test,
				 const struct rxpath_cpu_table *t)
{
	struct seq_file *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct rxpath_cpu_table_open *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, o);
	m->size = PAGE_SIZE;
	m->buf = kunit_kzalloc(test, m->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m->buf);
	o->t = t;
	m->private = o;
	return m;
}

unsigned int rxpath_test_fields(const char *line)
{
	unsigned int n = 0;
	bool in = false;

	for (; *line && *line != '\n'; line++) {
		if (*line == ' ') {
			in = false;
		} else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

RXPATH_IMPORT_KUNIT_NS();
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites for rxpath");
