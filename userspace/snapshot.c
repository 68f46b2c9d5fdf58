// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath snapshot --json: everything rxpath shows now, as one JSON
 * document: "status" (each key of the status file; a key that repeats,
 * such as probe or sysctl, becomes an array of its lines' values) and
 * "tables" (each debugfs table as an array of objects, numbers as numbers,
 * "-" as null).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "rxpath.h"

static const char *const rxpath_snapshot_tables[] = {
	"softnet", "backlog_hist", "budget", "budget_hist", "napi", "rings",
};

static void rxpath_json_str(FILE *out, const char *s)
{
	char esc[1024];

	rxpath_json_escape(esc, sizeof(esc), s);
	fprintf(out, "\"%s\"", esc);
}

static void rxpath_json_cell(FILE *out, const char *s)
{
	if (rxpath_is_number(s) && strlen(s) < 20)
		fputs(s, out);
	else if (!strcmp(s, "-"))
		fputs("null", out);
	else
		rxpath_json_str(out, s);
}

/* status: "key value..." lines. */
static int rxpath_snapshot_status(FILE *out)
{
	char *lines[512], *vals[512], *buf = rxpath_file_read("status");
	int n = 0, i, j;

	if (!buf)
		return -1;
	for (char *save, *l = strtok_r(buf, "\n", &save); l && n < 512;
	     l = strtok_r(NULL, "\n", &save)) {
		char *sp = strchr(l, ' ');

		if (sp)
			*sp = 0;
		lines[n] = l;
		vals[n++] = sp ? sp + 1 : "";
	}
	fputs("\"status\":{", out);
	for (i = 0; i < n; i++) {
		int count = 0, seen = 0;

		for (j = 0; j < n; j++) {
			count += !strcmp(lines[i], lines[j]);
			seen |= j < i && !strcmp(lines[i], lines[j]);
		}
		if (seen)
			continue;
		fputs(i ? "," : "", out);
		rxpath_json_str(out, lines[i]);
		fputc(':', out);
		if (count == 1) {
			rxpath_json_str(out, vals[i]);
			continue;
		}
		fputc('[', out);
		for (j = i, count = 0; j < n; j++) {
			if (strcmp(lines[i], lines[j]))
				continue;
			fputs(count++ ? "," : "", out);
			rxpath_json_str(out, vals[j]);
		}
		fputc(']', out);
	}
	fputc('}', out);
	free(buf);
	return 0;
}

int rxpath_snapshot_main(int argc, char **argv)
{
	struct rxpath_table *t;
	int opt, json = 0;
	size_t i;

	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	optind = 1;
	while ((opt = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		if (opt == 'j') {
			json = 1;
		} else {
			fputs("usage: rxpath snapshot --json\n", opt == 'h' ? stdout : stderr);
			return opt == 'h' ? 0 : 2;
		}
	}
	if (!json || optind != argc) {
		fputs("usage: rxpath snapshot --json\n", stderr);
		return 2;
	}
	if (rxpath_check_files())
		return 1;
	t = calloc(1, sizeof(*t));
	if (!t)
		return 1;
	fputc('{', stdout);
	if (rxpath_snapshot_status(stdout)) {
		fprintf(stderr, "rxpath: status: %s\n", strerror(errno));
		free(t);
		return 1;
	}
	fputs(",\"tables\":{", stdout);
	for (i = 0; i < ARRAY_SIZE(rxpath_snapshot_tables); i++) {
		const char *name = rxpath_snapshot_tables[i];

		fputs(i ? "," : "", stdout);
		rxpath_json_str(stdout, name);
		fputs(":[", stdout);
		if (!rxpath_table_read(t, name)) {
			for (int r = 0; r < t->nrows; r++) {
				fputs(r ? ",{" : "{", stdout);
				for (int c = 0; c < t->ncols; c++) {
					fputs(c ? "," : "", stdout);
					rxpath_json_str(stdout, t->col[c]);
					fputc(':', stdout);
					rxpath_json_cell(stdout, t->cell[r][c]);
				}
				fputc('}', stdout);
			}
		}
		rxpath_table_free(t);
		fputc(']', stdout);
	}
	fputs("}}\n", stdout);
	free(t);
	return fflush(stdout) ? 1 : 0;
}
