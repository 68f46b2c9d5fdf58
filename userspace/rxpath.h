/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rxpath reader: declarations shared by its files. format.c turns
 * records and names into text, JSON and Prometheus exposition (pure
 * functions, unit-tested in tests/); device.c opens /dev/rxpath and checks
 * that the module, debugfs and the ABI are what this reader was built for;
 * each subcommand has a file of its own.
 */
#ifndef RXPATH_READER_H
#define RXPATH_READER_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/rxpath.h>

#define RXPATH_DEV "/dev/rxpath"
#define RXPATH_DEBUGFS "/sys/kernel/debug/rxpath"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* format.c */
const char *rxpath_type_name(unsigned int type);
int rxpath_type_parse(const char *list, unsigned int *mask);
const char *rxpath_end_name(unsigned int end);
/* name: an interface name for ring records (NULL: by ifindex) */
int rxpath_format_text(char *buf, size_t size, const struct rxpath_record *rec,
		       const char *ifname);
int rxpath_format_json(char *buf, size_t size, const struct rxpath_record *rec,
		       const char *ifname);
size_t rxpath_json_escape(char *buf, size_t size, const char *s);
size_t rxpath_prom_escape(char *buf, size_t size, const char *s);
int rxpath_parse_uint(const char *s, unsigned int max, unsigned int *v);
double rxpath_rate(unsigned long long a, unsigned long long b, double secs, int wrap32);

/* table.c: one of rxpath's tables, its fields pointing into buf */
#define RXPATH_TABLE_COLS	48
#define RXPATH_TABLE_ROWS	1024
#define RXPATH_TABLE_BYTES	(1 << 20)
struct rxpath_table {
	char *buf;
	int ncols;
	int nrows;
	char *col[RXPATH_TABLE_COLS];
	char *cell[RXPATH_TABLE_ROWS][RXPATH_TABLE_COLS];
};
int rxpath_table_parse(struct rxpath_table *t, char *text);
int rxpath_table_read(struct rxpath_table *t, const char *name);
void rxpath_table_free(struct rxpath_table *t);
int rxpath_table_col(const struct rxpath_table *t, const char *name);
int rxpath_is_number(const char *s);
unsigned long long rxpath_table_u64(const struct rxpath_table *t, int row,
				    const char *col, int *ok);

/* device.c */
int rxpath_check_module(void);
int rxpath_check_files(void);
char *rxpath_file_read(const char *name);
int rxpath_open_device(int flags);
extern volatile sig_atomic_t rxpath_stop;
void rxpath_stop_on_signals(void);
double rxpath_now(void);

/* the subcommands */
int rxpath_watch_main(int argc, char **argv);
int rxpath_snapshot_main(int argc, char **argv);
int rxpath_prom_main(int argc, char **argv);
int rxpath_doctor_main(int argc, char **argv);
int rxpath_top_main(int argc, char **argv);
int rxpath_show_main(int argc, char **argv);
int rxpath_set_main(int argc, char **argv);
int rxpath_reset_main(int argc, char **argv);
int rxpath_doctor_verdict(const unsigned long long *lost, const double *pressure, int n);
int rxpath_prom_write(FILE *out, int (*read)(struct rxpath_table *t, const char *name));
void rxpath_prom_status(FILE *out);
int rxpath_serve_main(int argc, char **argv);
void rxpath_files_close(void);

#endif
