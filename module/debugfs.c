// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/rxpath: the directory, the register of every file (which
 * /dev/rxpath serves too), and the helpers that give every table the same
 * shape (a header line of column names, then one whitespace-separated row
 * per object) and every control the same strict parsing.
 *
 * Every file is readable, so that cat on the whole directory prints
 * everything. Writes are parsed strictly: anything unexpected is refused
 * with -EINVAL and one pr_warn line, and changes nothing.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/ctype.h>
#include <linux/cpumask.h>
#include <linux/uaccess.h>
#include "compat.h"
#include "rxpath.h"

struct dentry *rxpath_debugfs_dir;

/* ---- per-CPU tables ---------------------------------------------------- */

/*
 * Position 0 is the header; position n >= 1 is CPU n - 1, online ones only.
 * A CPU's record is (void *)(cpu + 2): NULL ends the table and 1 is
 * SEQ_START_TOKEN.
 */
static void *rxpath_cpu_seq_get(loff_t *pos)
{
	while (*pos - 1 < nr_cpu_ids) {
		if (cpu_online(*pos - 1))
			return (void *)(unsigned long)(*pos + 1);
		++*pos;
	}
	return NULL;
}

VISIBLE_IF_KUNIT void *rxpath_cpu_seq_start(struct seq_file *m, loff_t *pos)
{
	if (*pos == 0)
		return SEQ_START_TOKEN;
	return rxpath_cpu_seq_get(pos);
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_cpu_seq_start);

VISIBLE_IF_KUNIT void *rxpath_cpu_seq_next(struct seq_file *m, void *v,
				      loff_t *pos)
{
	++*pos;
	return rxpath_cpu_seq_get(pos);
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_cpu_seq_next);

static void rxpath_cpu_seq_stop(struct seq_file *m, void *v)
{
}

VISIBLE_IF_KUNIT int rxpath_cpu_seq_show(struct seq_file *m, void *v)
{
	struct rxpath_cpu_table_open *o = m->private;

	if (v == SEQ_START_TOKEN)
		o->t->show_header(m, &o->state);
	else
		o->t->show_row(m, (unsigned long)v - 2, o->state);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_cpu_seq_show);

static const struct seq_operations rxpath_cpu_seq_ops = {
	.start = rxpath_cpu_seq_start,
	.next = rxpath_cpu_seq_next,
	.stop = rxpath_cpu_seq_stop,
	.show = rxpath_cpu_seq_show,
};

static int rxpath_cpu_table_open(struct inode *inode, struct file *file)
{
	struct rxpath_cpu_table_open *o;

	o = __seq_open_private(file, &rxpath_cpu_seq_ops, sizeof(*o));
	if (!o)
		return -ENOMEM;
	o->t = inode->i_private;
	return 0;
}

static const struct file_operations rxpath_cpu_table_fops = {
	.owner = THIS_MODULE,
	.open = rxpath_cpu_table_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release_private,
};

/* A file that could not be made (no memory) is missing: the log says so. */
static void rxpath_debugfs_created(const char *name, struct dentry *d)
{
	if (IS_ERR(d))
		pr_warn("debugfs file %s not created (%pe)\n", name, d);
}

/* ---- the files, for debugfs and for /dev/rxpath --------------------------- */

/*
 * Every file of the directory, by name, so that /dev/rxpath serves the
 * same texts and takes the same writes (rxpath_file_text(),
 * rxpath_file_control()) where debugfs is off or locked down. Filled at
 * load, before the device exists; read-only after.
 */
struct rxpath_entry {
	const char *name;
	const struct rxpath_file *f;		/* or */
	const struct rxpath_cpu_table *t;
};

#define RXPATH_ENTRIES_MAX	16
static struct rxpath_entry rxpath_entries[RXPATH_ENTRIES_MAX];
static unsigned int rxpath_nentries;

static void rxpath_entry_add(const char *name, const struct rxpath_file *f,
			     const struct rxpath_cpu_table *t)
{
	/* A build-time count: more files than room is this module's bug. */
	if (WARN_ON_ONCE(rxpath_nentries == RXPATH_ENTRIES_MAX))
		return;
	rxpath_entries[rxpath_nentries++] = (struct rxpath_entry) {
		.name = name, .f = f, .t = t,
	};
}

static const struct rxpath_entry *rxpath_entry_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < rxpath_nentries; i++)
		if (!strcmp(rxpath_entries[i].name, name))
			return &rxpath_entries[i];
	return NULL;
}

/*
 * File name's text, as a read of it gives it, into buf (size bytes, no
 * NUL); its length, -ENOENT for no such file, -EMSGSIZE when it does not
 * fit in size - 1 bytes (a seq_file that fills up counts as overflowed),
 * or the show's own error. The shows print into a seq_file over buf, as
 * seq_read() has them print into its own buffer.
 */
ssize_t rxpath_file_text(const char *name, char *buf, size_t size)
{
	const struct rxpath_entry *e = rxpath_entry_find(name);
	struct seq_file m = { .buf = buf, .size = size };
	struct rxpath_cpu_table_open o = { 0 };
	unsigned int cpu;
	int err;

	if (!e)
		return -ENOENT;
	if (e->f) {
		/* A show that fails (no memory for its rows) fails the read. */
		err = e->f->show(&m, NULL);
		if (err)
			return err;
	} else {
		o.t = e->t;
		m.private = &o;
		e->t->show_header(&m, &o.state);
		for_each_online_cpu(cpu)
			e->t->show_row(&m, cpu, o.state);
	}
	return seq_has_overflowed(&m) ? -EMSGSIZE : m.count;
}

/*
 * A write of the len bytes at ubuf to control file name, as write() to it
 * would make it: 0, or the write's errno; -ENOENT for no such file and
 * -EINVAL for a file that takes no writes.
 */
int rxpath_file_control(const char *name, const char __user *ubuf, size_t len)
{
	const struct rxpath_entry *e = rxpath_entry_find(name);
	loff_t pos = 0;
	ssize_t n;

	if (!e)
		return -ENOENT;
	if (!e->f || !e->f->write) {
		pr_warn_ratelimited("%s: takes no writes\n", e->name);
		return -EINVAL;
	}
	n = e->f->write(NULL, ubuf, len, &pos);
	return n < 0 ? n : 0;
}

void rxpath_cpu_table_add(const char *name, const struct rxpath_cpu_table *t)
{
	rxpath_entry_add(name, NULL, t);
	if (!rxpath_debugfs_dir)
		return;		/* no debugfs: see rxpath_debugfs_init() */
	rxpath_debugfs_created(name, debugfs_create_file(name, 0444, rxpath_debugfs_dir,
							 (void *)t, &rxpath_cpu_table_fops));
}

static int rxpath_file_open(struct inode *inode, struct file *file)
{
	const struct rxpath_file *f = inode->i_private;

	return single_open(file, f->show, NULL);
}

static ssize_t rxpath_file_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	const struct rxpath_file *f = file_inode(file)->i_private;

	return f->write ? f->write(file, ubuf, len, ppos) : -EINVAL;
}

static const struct file_operations rxpath_file_fops = {
	.owner = THIS_MODULE,
	.open = rxpath_file_open,
	.read = seq_read,
	.write = rxpath_file_write,
	.llseek = seq_lseek,
	.release = single_release,
};

void rxpath_file_add(const char *name, const struct rxpath_file *f)
{
	rxpath_entry_add(name, f, NULL);
	if (!rxpath_debugfs_dir)
		return;		/* no debugfs: see rxpath_debugfs_init() */
	rxpath_debugfs_created(name, debugfs_create_file(name, f->write ? 0644 : 0444,
							 rxpath_debugfs_dir, (void *)f,
							 &rxpath_file_fops));
}

/* Column names of a log2 histogram: "0 1 2-3 4-7 ...". */
void rxpath_seq_hist_header(struct seq_file *m, unsigned int buckets)
{
	unsigned int b;

	seq_puts(m, "cpu");
	for (b = 0; b < buckets; b++) {
		if (b < 2)
			seq_printf(m, " %u", b);
		else
			seq_printf(m, " %llu-%llu", 1ULL << (b - 1),
				   (1ULL << b) - 1);
	}
	seq_putc(m, '\n');
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_seq_hist_header);

/* ---- writes --------------------------------------------------------------- */

/*
 * Whether a write of len bytes at pos can be a control word for a buffer of
 * size bytes: only whole, non-empty writes at offset 0 that fit with their
 * NUL are taken.
 */
VISIBLE_IF_KUNIT int rxpath_word_fits(size_t len, loff_t pos, size_t size)
{
	return pos == 0 && len > 0 && len < size ? 0 : -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_word_fits);

/*
 * NUL-terminates the len bytes in buf (which has room for one more) and
 * strips trailing whitespace, the newline of `echo`. An empty word is
 * -EINVAL.
 */
VISIBLE_IF_KUNIT int rxpath_word_trim(char *buf, size_t len)
{
	buf[len] = '\0';
	while (len && isspace(buf[len - 1]))
		buf[--len] = '\0';
	return len ? 0 : -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_word_trim);

/* "on"/"1" and "off"/"0", the words of every switch rxpath has. */
int rxpath_parse_switch(const char *word, bool *on)
{
	if (!strcmp(word, "on") || !strcmp(word, "1"))
		*on = true;
	else if (!strcmp(word, "off") || !strcmp(word, "0"))
		*on = false;
	else
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_parse_switch);

/*
 * A write to the on/off control name: on, off, 1 or 0, given to set(),
 * whose error is the write's. Anything else is -EINVAL and one pr_warn
 * line naming the file.
 */
ssize_t rxpath_switch_write(const char *name, const char __user *ubuf,
			    size_t len, loff_t *ppos, int (*set)(bool on))
{
	char word[8];
	bool on;
	int err;

	err = rxpath_parse_word(ubuf, len, ppos, word, sizeof(word));
	if (err == -EFAULT)
		return err;
	if (err || rxpath_parse_switch(word, &on)) {
		pr_warn_ratelimited("%s: write on, off, 1 or 0 (got %zu bytes)\n",
				    name, len);
		return -EINVAL;
	}
	err = set(on);
	return err ? err : len;
}

/*
 * A whole percentage, 0 to 100, in plain decimal: one to three digits and
 * nothing else ("050" is 50; "+5", " 5", "5%" and "0x5" are refused).
 */
int rxpath_parse_pct(const char *word, unsigned int *pct)
{
	unsigned int v = 0;
	size_t i, len = strlen(word);

	if (len < 1 || len > 3)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!isdigit(word[i]))
			return -EINVAL;
		v = v * 10 + (word[i] - '0');
	}
	if (v > 100)
		return -EINVAL;
	*pct = v;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_parse_pct);

/* Copies one write into buf as a trimmed, NUL-terminated word. */
int rxpath_parse_word(const char __user *ubuf, size_t len, loff_t *ppos,
		      char *buf, size_t size)
{
	int err = rxpath_word_fits(len, *ppos, size);

	if (err)
		return err;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	return rxpath_word_trim(buf, len);
}

/* ---- directory ------------------------------------------------------- */

/*
 * The directory, before any file. Without debugfs (debugfs=off, or a
 * kernel without it) rxpath loads all the same, without its directory:
 * the probes count, and /dev/rxpath streams the records and serves every
 * file.
 */
void rxpath_debugfs_init(void)
{
	struct dentry *d;

	d = debugfs_create_dir("rxpath", NULL);
	if (IS_ERR_OR_NULL(d))
		pr_warn("debugfs unavailable (%pe): no files in /sys/kernel/debug/rxpath; /dev/rxpath works\n",
			d);
	else
		rxpath_debugfs_dir = d;
}

/* Removes every file, the concerns' own included, and waits for readers. */
void rxpath_debugfs_exit(void)
{
	debugfs_remove(rxpath_debugfs_dir);
	rxpath_debugfs_dir = NULL;
	rxpath_nentries = 0;
}
