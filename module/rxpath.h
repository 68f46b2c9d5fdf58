/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared between rxpath's files: every concern's descriptor
 * (main.c walks them), the record of every probe for the status file
 * (probe.c), the register of files and the helpers for tables and controls
 * (debugfs.c), and the arithmetic the probes share. Each concern's own
 * declarations are in its header: softnet.h, budget.h, napi.h, rings.h,
 * events.h.
 */
#ifndef _RXPATH_H
#define _RXPATH_H

#include <linux/types.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/list.h>
#include <linux/if.h>
#include <linux/seq_file.h>
#include <linux/kprobes.h>
#include <linux/jump_label.h>
#include <uapi/linux/rxpath.h>

struct dentry;

/* probe.c: what was attached, and why not when it was not. */
struct rxpath_probe {
	const char *name;	/* "kprobe:enqueue_to_backlog" */
	int err;		/* 0 when attached */
	const char *why;	/* a few words when err != 0 */
	bool attached;
	bool listed;
	const char *when;	/* attached only while this holds ("cycle_clock on") */
	struct kprobe *kprobe;		/* for the missed count; may be NULL */
	struct tracepoint *tp;		/* set by rxpath_tracepoint_attach() */
	void *tp_func;
	struct list_head node;
};

void rxpath_probe_attached(struct rxpath_probe *p);
void rxpath_probe_failed(struct rxpath_probe *p, int err, const char *why);
void rxpath_probe_report(struct rxpath_probe *p, int err, const char *why);
void rxpath_probe_idle(struct rxpath_probe *p);
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
 * The header may set a word of the open file's (*state: a histogram's
 * width) that each row of it is then given, so that the rows keep to the
 * header the reader got even when a bucket fills between them.
 */
struct rxpath_cpu_table {
	void (*show_header)(struct seq_file *m, unsigned long *state);
	void (*show_row)(struct seq_file *m, unsigned int cpu, unsigned long state);
};

/* An open file of a table: its seq_file's private data. */
struct rxpath_cpu_table_open {
	const struct rxpath_cpu_table *t;
	unsigned long state;
};

/*
 * A file of one seq_file text, and, when write is set, a control (0644;
 * 0444 otherwise). The struct is the file's private data: it must outlive
 * the file.
 */
struct rxpath_file {
	int (*show)(struct seq_file *m, void *v);
	ssize_t (*write)(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos);
};

void rxpath_debugfs_init(void);
void rxpath_debugfs_exit(void);
void rxpath_cpu_table_add(const char *name, const struct rxpath_cpu_table *t);
void rxpath_file_add(const char *name, const struct rxpath_file *f);
ssize_t rxpath_file_text(const char *name, char *buf, size_t size);
int rxpath_file_control(const char *name, const char __user *ubuf, size_t len);
int rxpath_parse_word(const char __user *ubuf, size_t len, loff_t *ppos,
		      char *buf, size_t size);
void rxpath_seq_hist_header(struct seq_file *m, unsigned int buckets);
int rxpath_parse_switch(const char *word, bool *on);
ssize_t rxpath_switch_write(const char *name, const char __user *ubuf,
			    size_t len, loff_t *ppos, int (*set)(bool on));
int rxpath_parse_pct(const char *word, unsigned int *pct);

#if IS_ENABLED(CONFIG_KUNIT)
/* Visible to rxpath_test.ko only (EXPORT_SYMBOL_IF_KUNIT). */
int rxpath_word_fits(size_t len, loff_t pos, size_t size);
int rxpath_word_trim(char *buf, size_t len);
int rxpath_parse_reset(const char *word);
void *rxpath_cpu_seq_start(struct seq_file *m, loff_t *pos);
void *rxpath_cpu_seq_next(struct seq_file *m, void *v, loff_t *pos);
int rxpath_cpu_seq_show(struct seq_file *m, void *v);
#endif

/*
 * One concern of rxpath's: the probes it attaches and the data they feed,
 * and how a user sees them. main.c's rxpath_concerns[] lists every one;
 * at load it runs each find, then each init in order (a failing init
 * unwinds the ones before it, in reverse), then makes debugfs's directory
 * and runs each files; at unload, each files_exit in reverse, removes the
 * directory, and each exit in reverse. Any hook may be NULL.
 */
struct rxpath_concern {
	const char *name;
	/* Lookups to make before any concern attaches a probe. */
	void (*find)(void);
	/* Probes and data: an error refuses the load. */
	int (*init)(void);
	/*
	 * Probes attached once every init has succeeded, so that a refused
	 * load never detaches them: a kprobe whose unregister_kprobe fails
	 * (an allocation failure while ftrace disarms it) stays in the
	 * kernel's kprobe table after the module's memory is gone. Cannot
	 * fail: a probe that does not attach is reported in status. exit
	 * detaches them.
	 */
	void (*start)(void);
	void (*exit)(void);
	/* Its files (rxpath_file_add, rxpath_cpu_table_add), its device. */
	void (*files)(void);
	void (*files_exit)(void);
	/* Its lines of the status file. */
	void (*show_status)(struct seq_file *m);
	/* Zero its peaks and histograms (a write to reset, under its lock). */
	void (*reset)(void);
};

extern const struct rxpath_concern rxpath_softnet_concern;	/* softnet.c */
extern const struct rxpath_concern rxpath_budget_concern;	/* budget.c */
extern const struct rxpath_concern rxpath_napi_concern;		/* napi.c */
extern const struct rxpath_concern rxpath_rings_concern;	/* rings.c */
extern const struct rxpath_concern rxpath_events_concern;	/* chardev.c */

/*
 * Adds v to pcp, a count of this CPU's that only it writes and others
 * read (READ_ONCE): one instruction where the architecture has one (x86),
 * never a torn value. Probe context, preemption off.
 */
#define rxpath_count_add(pcp, v)	__this_cpu_add(pcp, v)

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

/* sysctl.c */
ssize_t rxpath_sysctl_read(const char *name, char *buf, size_t size);
void *rxpath_sysctl_net_core_var(const char *procname, const char *handler,
				 size_t size);

#endif /* _RXPATH_H */
