// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath's tables, read the way docs/tables.md says programs should:
 * a header line of column names, then rows of whitespace-separated fields,
 * "-" where a figure is not measured. Columns are found by name.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "rxpath.h"

static int rxpath_split(char *line, char **field, int max)
{
	int n = 0;

	for (char *tok = strtok(line, " \t\n"); tok && n < max; tok = strtok(NULL, " \t\n"))
		field[n++] = tok;
	return n;
}

/* Parses text (modified in place) into t. 0, or -EINVAL on a malformed table. */
int rxpath_table_parse(struct rxpath_table *t, char *text)
{
	char *save = NULL, *line;

	memset(t, 0, sizeof(*t));
	line = strtok_r(text, "\n", &save);
	if (!line)
		return -EINVAL;
	t->ncols = rxpath_split(line, t->col, RXPATH_TABLE_COLS);
	if (!t->ncols)
		return -EINVAL;
	while ((line = strtok_r(NULL, "\n", &save)) && t->nrows < RXPATH_TABLE_ROWS) {
		char **row = t->cell[t->nrows];

		if (rxpath_split(line, row, RXPATH_TABLE_COLS) != t->ncols)
			return -EINVAL;
		t->nrows++;
	}
	return 0;
}

/*
 * Reads rxpath's file name into t (t->buf holds the text). Whatever it
 * returns, rxpath_table_free(t) is then safe: a file that cannot be read
 * (the module unloaded meanwhile) leaves t->buf NULL.
 */
int rxpath_table_read(struct rxpath_table *t, const char *name)
{
	char *buf = rxpath_file_read(name);
	int err;

	t->buf = NULL;
	if (!buf)
		return -errno;
	err = rxpath_table_parse(t, buf);
	t->buf = buf;
	return err;
}

void rxpath_table_free(struct rxpath_table *t)
{
	free(t->buf);
	t->buf = NULL;
}

/* The index of column name, or -1. */
int rxpath_table_col(const struct rxpath_table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (!strcmp(t->col[i], name))
			return i;
	return -1;
}

/* Row row's figure in column col; 0, and *ok cleared, when it is "-" or absent. */
unsigned long long rxpath_table_u64(const struct rxpath_table *t, int row,
				    const char *col, int *ok)
{
	int c = rxpath_table_col(t, col);

	if (c < 0 || !rxpath_is_number(t->cell[row][c])) {
		*ok = 0;
		return 0;
	}
	return strtoull(t->cell[row][c], NULL, 10);
}

/* Whether s is a plain unsigned decimal number. */
int rxpath_is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}
