/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared between rxpath's files. Each concern (softnet, and the
 * ones that follow it) lives in its own file with an init/exit pair; main.c
 * wires them together, probe.c keeps the record of every probe for the
 * status file, debugfs.c owns the directory and the helpers for tables.
 */
#ifndef _RXPATH_H
#define _RXPATH_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/seq_file.h>
#include <linux/kprobes.h>
#include <uapi/linux/rxpath.h>

struct dentry;

/* probe.c: what was attached, and why not when it was not. */
struct rxpath_probe {
	const char *name;	/* "kprobe:enqueue_to_backlog" */
	int err;		/* 0 when attached */
	const char *why;	/* a few words when err != 0 */
	bool attached;
	struct kprobe *kprobe;		/* for the missed count; may be NULL */
	struct tracepoint *tp;		/* set by rxpath_tracepoint_attach() */
	void *tp_func;
	struct list_head node;
};

void rxpath_probe_attached(struct rxpath_probe *p);
void rxpath_probe_failed(struct rxpath_probe *p, int err, const char *why);
void rxpath_probe_report(struct rxpath_probe *p, int err, const char *why);
void rxpath_probe_forget(struct rxpath_probe *p);
void rxpath_probe_show_all(struct seq_file *m);
void rxpath_tracepoint_attach(struct rxpath_probe *p, const char *tp_name,
			      void *func);
void rxpath_tracepoint_detach(struct rxpath_probe *p);

/* debugfs.c */
extern struct dentry *rxpath_debugfs_dir;

/*
 * A table with one row per online CPU. show_header prints the first line
 * (column names), show_row one CPU's row; both end the line themselves.
 */
struct rxpath_cpu_table {
	void (*show_header)(struct seq_file *m);
	void (*show_row)(struct seq_file *m, unsigned int cpu);
};

int rxpath_debugfs_init(void);
void rxpath_debugfs_exit(void);
void rxpath_debugfs_cpu_table(const char *name, const struct rxpath_cpu_table *t);
int rxpath_parse_word(const char __user *ubuf, size_t len, loff_t *ppos,
		      char *buf, size_t size);
void rxpath_seq_hist_header(struct seq_file *m, unsigned int buckets);
int rxpath_parse_switch(const char *word, bool *on);

#if IS_ENABLED(CONFIG_KUNIT)
/* Visible to rxpath_test.ko only (EXPORT_SYMBOL_IF_KUNIT). */
int rxpath_word_fits(size_t len, loff_t pos, size_t size);
int rxpath_word_trim(char *buf, size_t len);
int rxpath_parse_reset(const char *word);
void *rxpath_cpu_seq_start(struct seq_file *m, loff_t *pos);
void *rxpath_cpu_seq_next(struct seq_file *m, void *v, loff_t *pos);
int rxpath_cpu_seq_show(struct seq_file *m, void *v);
extern const struct rxpath_cpu_table rxpath_softnet_table;
extern const struct rxpath_cpu_table rxpath_backlog_hist_table;
#endif

/* main.c */
void rxpath_reset_all(void);

/* Helpers for probe context: lock-free, usable on any CPU. */
static inline unsigned int rxpath_log2_bucket(u32 v)
{
	return v ? fls(v) : 0;
}

static inline void rxpath_max_update(unsigned int *max, unsigned int v)
{
	unsigned int old = READ_ONCE(*max);

	while (v > old) {
		unsigned int prev = cmpxchg(max, old, v);

		if (prev == old)
			break;
		old = prev;
	}
}

/* softnet.c */
int rxpath_softnet_init(void);
void rxpath_softnet_exit(void);
void rxpath_softnet_debugfs_init(void);
void rxpath_softnet_reset(void);
void rxpath_softnet_show_status(struct seq_file *m);

#endif /* _RXPATH_H */
