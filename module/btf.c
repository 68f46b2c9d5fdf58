// SPDX-License-Identifier: GPL-2.0
/*
 * A small reader of BTF, the kernel's compact type format, for the member
 * offsets of drivers' private structs. The kernel's own BTF lookups are not
 * exported to modules (6.1, 6.12), so rxpath reads /sys/kernel/btf/vmlinux
 * and /sys/kernel/btf/<module> (split BTF: its type ids and string offsets
 * continue where vmlinux's end) like any other file, and parses them here.
 *
 * Everything in a blob is checked before use: the header, that every
 * section lies inside the blob, every type's trailing data, and every
 * string offset and type id on lookup. A bad blob is -EINVAL, never a read
 * out of bounds. Kinds this reader does not know are skipped by the layout
 * section that 7.x kernels write; without one they are -EINVAL.
 *
 * Process context only: blobs are megabytes, read and parsed when a driver
 * is resolved, then freed.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include "compat.h"
#include "rxpath.h"
#include "btf.h"

/* The header: 24 bytes up to 6.x, 32 with the layout section (7.x). */
struct rxpath_btf_header {
	u16 magic;
	u8 version;
	u8 flags;
	u32 hdr_len;
	u32 type_off;
	u32 type_len;
	u32 str_off;
	u32 str_len;
	u32 layout_off;		/* only when hdr_len >= 32 */
	u32 layout_len;
};

#define RXPATH_BTF_MAGIC	0xeB9F
#define RXPATH_BTF_HDR_MIN	24
#define RXPATH_BTF_HDR_LAYOUT	32

/* info: vlen in bits 0-23 (0-15 before 7.x), kind in 24-30, kind_flag 31. */
static unsigned int rxpath_btf_kind(const struct rxpath_btf_type *t)
{
	return (t->info >> 24) & 0x7f;
}

static unsigned int rxpath_btf_vlen(const struct rxpath_btf_type *t)
{
	return t->info & 0xffffff;
}

static bool rxpath_btf_kflag(const struct rxpath_btf_type *t)
{
	return t->info >> 31;
}

/* Bytes after struct btf_type, per kind: fixed part and per-vlen element. */
static const u8 rxpath_btf_tail[][2] = {
	[RXPATH_BTF_INT] = { 4, 0 },
	[RXPATH_BTF_PTR] = { 0, 0 },
	[RXPATH_BTF_ARRAY] = { 12, 0 },
	[RXPATH_BTF_STRUCT] = { 0, 12 },
	[RXPATH_BTF_UNION] = { 0, 12 },
	[RXPATH_BTF_ENUM] = { 0, 8 },
	[RXPATH_BTF_FWD] = { 0, 0 },
	[RXPATH_BTF_TYPEDEF] = { 0, 0 },
	[RXPATH_BTF_VOLATILE] = { 0, 0 },
	[RXPATH_BTF_CONST] = { 0, 0 },
	[RXPATH_BTF_RESTRICT] = { 0, 0 },
	[RXPATH_BTF_FUNC] = { 0, 0 },
	[RXPATH_BTF_FUNC_PROTO] = { 0, 8 },
	[RXPATH_BTF_VAR] = { 4, 0 },
	[RXPATH_BTF_DATASEC] = { 0, 12 },
	[RXPATH_BTF_FLOAT] = { 0, 0 },
	[RXPATH_BTF_DECL_TAG] = { 4, 0 },
	[RXPATH_BTF_TYPE_TAG] = { 0, 0 },
	[RXPATH_BTF_ENUM64] = { 0, 12 },
};

/* The length of the type at off, trailing data included, or 0 if bad. */
static u32 rxpath_btf_type_len(const struct rxpath_btf *btf, u32 off)
{
	const struct rxpath_btf_type *t;
	unsigned int kind, info_sz, elem_sz;
	u64 len;

	if (btf->types_len - off < sizeof(*t))
		return 0;
	t = (const void *)(btf->types + off);
	kind = rxpath_btf_kind(t);
	if (kind && kind < ARRAY_SIZE(rxpath_btf_tail)) {
		info_sz = rxpath_btf_tail[kind][0];
		elem_sz = rxpath_btf_tail[kind][1];
		/* A layout section that disagrees on a known kind is bad. */
		if (kind < btf->layout_kinds &&
		    (btf->layout[kind * 4] != info_sz ||
		     btf->layout[kind * 4 + 1] != elem_sz))
			return 0;
	} else if (kind && kind < btf->layout_kinds) {
		info_sz = btf->layout[kind * 4];
		elem_sz = btf->layout[kind * 4 + 1];
	} else {
		return 0;
	}
	len = sizeof(*t) + info_sz + (u64)elem_sz * rxpath_btf_vlen(t);
	if (len > btf->types_len - off)
		return 0;
	return len;
}

/* The header of a blob of len bytes, at least RXPATH_BTF_HDR_MIN. */
static void rxpath_btf_read_header(struct rxpath_btf_header *h, const u8 *data,
				   size_t len)
{
	memset(h, 0, sizeof(*h));
	memcpy(h, data, RXPATH_BTF_HDR_MIN);
	if (h->hdr_len >= RXPATH_BTF_HDR_LAYOUT && len >= RXPATH_BTF_HDR_LAYOUT) {
		memcpy(&h->layout_off, data + RXPATH_BTF_HDR_MIN, 4);
		memcpy(&h->layout_len, data + RXPATH_BTF_HDR_MIN + 4, 4);
	}
}

/* Whether [off, off + len) lies inside a body of size bytes. */
static bool rxpath_btf_section_ok(u32 off, u32 len, u32 size)
{
	return off <= size && len <= size - off;
}

/*
 * Parses the blob of len bytes at data, which must stay while btf is used.
 * base is the vmlinux BTF that a module's split BTF continues, or NULL.
 */
int rxpath_btf_init(struct rxpath_btf *btf, const void *data,
				     size_t len, const struct rxpath_btf *base)
{
	struct rxpath_btf_header h;
	const u8 *body;
	u32 size, off, n, tl;

	memset(btf, 0, sizeof(*btf));
	if (len < RXPATH_BTF_HDR_MIN || len > U32_MAX)
		return -EINVAL;
	rxpath_btf_read_header(&h, data, len);
	if (h.magic != RXPATH_BTF_MAGIC || h.version != 1 ||
	    h.hdr_len < RXPATH_BTF_HDR_MIN || h.hdr_len > len ||
	    (h.hdr_len >= RXPATH_BTF_HDR_LAYOUT && len < RXPATH_BTF_HDR_LAYOUT))
		return -EINVAL;
	body = (const u8 *)data + h.hdr_len;
	size = len - h.hdr_len;
	if (!rxpath_btf_section_ok(h.type_off, h.type_len, size) ||
	    !rxpath_btf_section_ok(h.str_off, h.str_len, size) ||
	    !rxpath_btf_section_ok(h.layout_off, h.layout_len, size))
		return -EINVAL;
	/* Strings: NUL-terminated; a base's first one is the empty name. */
	if (!h.str_len || body[h.str_off + h.str_len - 1] ||
	    (!base && body[h.str_off]))
		return -EINVAL;
	btf->types = body + h.type_off;
	btf->types_len = h.type_len;
	btf->strs = (const char *)body + h.str_off;
	btf->strs_len = h.str_len;
	btf->layout = body + h.layout_off;
	btf->layout_kinds = h.layout_len / 4;
	btf->base = base;
	btf->start_id = base ? base->start_id + base->nr : 1;
	btf->start_str = base ? base->start_str + base->strs_len : 0;

	for (off = 0, n = 0; off < btf->types_len; off += tl, n++) {
		tl = rxpath_btf_type_len(btf, off);
		if (!tl)
			return -EINVAL;
	}
	if (n > RXPATH_BTF_MAX_TYPES)
		return -EINVAL;
	btf->offs = kvmalloc_array(n ?: 1, sizeof(*btf->offs), GFP_KERNEL);
	if (!btf->offs)
		return -ENOMEM;
	for (off = 0, n = 0; off < btf->types_len; off += tl, n++) {
		tl = rxpath_btf_type_len(btf, off);
		btf->offs[n] = off;
	}
	btf->nr = n;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_btf_init);

void rxpath_btf_free(struct rxpath_btf *btf)
{
	kvfree(btf->offs);
	btf->offs = NULL;
	btf->nr = 0;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_btf_free);

/* The type with this id, in btf or its base; NULL for void or a bad id. */
const struct rxpath_btf_type *
rxpath_btf_type_by_id(const struct rxpath_btf *btf, u32 id)
{
	while (btf && id < btf->start_id)
		btf = btf->base;
	if (!btf || !id || id - btf->start_id >= btf->nr)
		return NULL;
	return (const void *)(btf->types + btf->offs[id - btf->start_id]);
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_btf_type_by_id);

/* The string at off, in btf or its base; NULL when out of range. */
const char *rxpath_btf_str(const struct rxpath_btf *btf, u32 off)
{
	while (btf && off < btf->start_str)
		btf = btf->base;
	if (!btf || off - btf->start_str >= btf->strs_len)
		return NULL;
	return btf->strs + (off - btf->start_str);
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_btf_str);

/* The id of the struct or union called name, in btf then its base; 0 if none. */
u32 rxpath_btf_find_struct(const struct rxpath_btf *btf,
					    const char *name)
{
	const struct rxpath_btf_type *t;
	const char *s;
	u32 i;

	for (; btf; btf = btf->base) {
		for (i = 0; i < btf->nr; i++) {
			t = (const void *)(btf->types + btf->offs[i]);
			if (rxpath_btf_kind(t) != RXPATH_BTF_STRUCT &&
			    rxpath_btf_kind(t) != RXPATH_BTF_UNION)
				continue;
			/* A declaration's fields are elsewhere: skip empty ones. */
			if (!rxpath_btf_vlen(t) && !t->size)
				continue;
			s = rxpath_btf_str(btf, t->name_off);
			if (s && !strcmp(s, name))
				return btf->start_id + i;
		}
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_btf_find_struct);

/* Past typedefs and qualifiers; 0 for void, a bad id or a loop. */
static u32 rxpath_btf_skip_mods(const struct rxpath_btf *btf, u32 id)
{
	const struct rxpath_btf_type *t;
	unsigned int depth;

	for (depth = 0; depth < 32; depth++) {
		t = rxpath_btf_type_by_id(btf, id);
		if (!t)
			return 0;
		switch (rxpath_btf_kind(t)) {
		case RXPATH_BTF_TYPEDEF:
		case RXPATH_BTF_VOLATILE:
		case RXPATH_BTF_CONST:
		case RXPATH_BTF_RESTRICT:
		case RXPATH_BTF_TYPE_TAG:
			id = t->type;
			break;
		default:
			return id;
		}
	}
	return 0;
}

/*
 * Size in bytes of a type (past typedefs), or 0 when it has none: an
 * array's is its elements' times their number, through at most 8 levels
 * of arrays (an array that leads back to itself has none).
 */
static u32 rxpath_btf_size(const struct rxpath_btf *btf, u32 id)
{
	const struct rxpath_btf_type *t;
	unsigned int depth;
	const u32 *arr;
	u64 n = 1;
	u32 size;

	for (depth = 0; depth < 8; depth++) {
		id = rxpath_btf_skip_mods(btf, id);
		t = rxpath_btf_type_by_id(btf, id);
		if (!t)
			return 0;
		switch (rxpath_btf_kind(t)) {
		case RXPATH_BTF_INT:
		case RXPATH_BTF_STRUCT:
		case RXPATH_BTF_UNION:
		case RXPATH_BTF_ENUM:
		case RXPATH_BTF_ENUM64:
		case RXPATH_BTF_FLOAT:
			size = t->size;
			break;
		case RXPATH_BTF_PTR:
			size = sizeof(void *);
			break;
		case RXPATH_BTF_ARRAY:
			/* struct btf_array { u32 type, index_type, nelems; } */
			arr = (const u32 *)(t + 1);
			n *= arr[2];
			if (n > U32_MAX)
				return 0;
			id = arr[0];
			continue;
		default:
			return 0;
		}
		return n > U32_MAX / max(size, 1U) ? 0 : size * n;
	}
	return 0;
}

/*
 * One member of the struct or union struct_id, looked for in anonymous
 * struct and union members too. Offsets add up. -ENOENT: no such member;
 * -EINVAL: a bitfield, not on a byte, or a bad type.
 */
static int rxpath_btf_member_one(const struct rxpath_btf *btf, u32 struct_id,
				 const char *name, u32 base_off,
				 struct rxpath_btf_member *out,
				 unsigned int depth)
{
	const struct rxpath_btf_type *t;
	const u32 *m;	/* struct btf_member { u32 name_off, type, offset; } */
	unsigned int i, kind;
	u32 bits, id;
	const char *s;
	int err;

	if (depth > 8)
		return -EINVAL;
	id = rxpath_btf_skip_mods(btf, struct_id);
	t = rxpath_btf_type_by_id(btf, id);
	if (!t)
		return -EINVAL;
	kind = rxpath_btf_kind(t);
	if (kind != RXPATH_BTF_STRUCT && kind != RXPATH_BTF_UNION)
		return -EINVAL;
	m = (const u32 *)(t + 1);
	for (i = 0; i < rxpath_btf_vlen(t); i++, m += 3) {
		bits = m[2];
		if (rxpath_btf_kflag(t)) {
			if (bits >> 24)		/* a bitfield */
				bits = U32_MAX;
			else
				bits &= 0xffffff;
		}
		if (!m[0]) {
			if (bits == U32_MAX || bits % 8)
				continue;
			err = rxpath_btf_member_one(btf, m[1], name,
						    base_off + bits / 8, out,
						    depth + 1);
			if (err != -ENOENT)
				return err;
			continue;
		}
		s = rxpath_btf_str(btf, m[0]);
		if (!s)
			return -EINVAL;
		if (strcmp(s, name))
			continue;
		if (bits == U32_MAX || bits % 8)
			return -EINVAL;
		out->offset = base_off + bits / 8;
		out->type_id = rxpath_btf_skip_mods(btf, m[1]);
		out->size = rxpath_btf_size(btf, m[1]);
		t = rxpath_btf_type_by_id(btf, out->type_id);
		if (!t || !out->size)
			return -EINVAL;
		out->kind = rxpath_btf_kind(t);
		return 0;
	}
	return -ENOENT;
}

/*
 * A member by path: "rx_ring", or "rx.ring" for a member of a member that
 * is a struct or union (not through pointers). The offset is from the
 * start of struct_id.
 */
int rxpath_btf_member(const struct rxpath_btf *btf,
				       u32 struct_id, const char *path,
				       struct rxpath_btf_member *out)
{
	char name[RXPATH_BTF_NAME_MAX];
	const char *dot;
	u32 off = 0, id = struct_id;
	size_t len;
	int err;

	for (;;) {
		dot = strchr(path, '.');
		len = dot ? dot - path : strlen(path);
		if (!len || len >= sizeof(name))
			return -EINVAL;
		memcpy(name, path, len);
		name[len] = '\0';
		err = rxpath_btf_member_one(btf, id, name, off, out, 0);
		if (err || !dot)
			return err;
		off = out->offset;
		id = out->type_id;
		path = dot + 1;
	}
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_btf_member);

/* The name of a type, "" for an anonymous one, NULL for a bad id. */
const char *rxpath_btf_type_name(const struct rxpath_btf *btf, u32 id)
{
	const struct rxpath_btf_type *t = rxpath_btf_type_by_id(btf, id);

	return t ? rxpath_btf_str(btf, t->name_off) : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_btf_type_name);

/*
 * The struct a member holds or points to, past typedefs and qualifiers:
 * for a pointer its pointee (*embedded false); for a struct itself, for an
 * array of structs its element, the first of which sits at the member's
 * offset (*embedded true). 0 for anything else.
 */
u32 rxpath_btf_struct_at(const struct rxpath_btf *btf,
			 const struct rxpath_btf_member *m, bool *embedded)
{
	const struct rxpath_btf_type *t;
	u32 id = m->type_id;

	*embedded = m->kind != RXPATH_BTF_PTR;
	if (m->kind == RXPATH_BTF_PTR)
		id = rxpath_btf_pointee(btf, id);
	else if (m->kind == RXPATH_BTF_ARRAY) {
		/* struct btf_array { u32 type, index_type, nelems; } */
		t = rxpath_btf_type_by_id(btf, id);
		id = t ? rxpath_btf_skip_mods(btf, *(const u32 *)(t + 1)) : 0;
	}
	t = rxpath_btf_type_by_id(btf, id);
	if (!t || rxpath_btf_kind(t) != RXPATH_BTF_STRUCT)
		return 0;
	return id;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_btf_struct_at);

/* What a pointer type points to, past typedefs and qualifiers; 0 if none. */
u32 rxpath_btf_pointee(const struct rxpath_btf *btf, u32 ptr_id)
{
	const struct rxpath_btf_type *t;

	t = rxpath_btf_type_by_id(btf, rxpath_btf_skip_mods(btf, ptr_id));
	if (!t || rxpath_btf_kind(t) != RXPATH_BTF_PTR)
		return 0;
	return rxpath_btf_skip_mods(btf, t->type);
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_btf_pointee);

/*
 * The value of enumerator name in the enum type id (past typedefs):
 * 0, or -ENOENT when it has none, -EINVAL when id is no enum.
 */
int rxpath_btf_enum_value(const struct rxpath_btf *btf, u32 id,
			  const char *name, s64 *val)
{
	const struct rxpath_btf_type *t;
	const u32 *e;	/* btf_enum { name_off, val }, btf_enum64 { name_off, lo, hi } */
	unsigned int i, kind, step;
	const char *s;

	t = rxpath_btf_type_by_id(btf, rxpath_btf_skip_mods(btf, id));
	kind = t ? rxpath_btf_kind(t) : 0;
	if (kind != RXPATH_BTF_ENUM && kind != RXPATH_BTF_ENUM64)
		return -EINVAL;
	step = kind == RXPATH_BTF_ENUM ? 2 : 3;
	e = (const u32 *)(t + 1);
	for (i = 0; i < rxpath_btf_vlen(t); i++, e += step) {
		s = rxpath_btf_str(btf, e[0]);
		if (!s || strcmp(s, name))
			continue;
		if (kind == RXPATH_BTF_ENUM)
			*val = (s32)e[1];
		else
			*val = (s64)((u64)e[2] << 32 | e[1]);
		return 0;
	}
	return -ENOENT;
}
EXPORT_SYMBOL_IF_KUNIT(rxpath_btf_enum_value);

/*
 * Reads /sys/kernel/btf/<name> into a vmalloc'ed buffer (vfree it).
 * Returns its length, or a negative errno.
 *
 * A plain filp_open() and kernel_read(), not kernel_read_file(): that one
 * is for loading firmware, modules and policies, and its LSM hook judges
 * the read by its purpose. Debian's 6.12 and 7.x build IPE in and enable
 * it, and ipe_kernel_read_file() WARNs on READING_UNKNOWN, the only id
 * that fits a sysfs file (a WARN that panics a panic_on_warn machine).
 * sysfs gives a BTF file the blob's size as its inode size.
 */
ssize_t rxpath_btf_read(const char *name, void **data)
{
	char path[64];
	struct file *f;
	loff_t size, pos = 0;
	ssize_t n = 0;
	void *buf;

	snprintf(path, sizeof(path), "/sys/kernel/btf/%s", name);
	*data = NULL;
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	size = i_size_read(file_inode(f));
	if (size <= 0 || size > INT_MAX) {
		filp_close(f, NULL);
		return -EINVAL;
	}
	buf = vmalloc(size);
	if (!buf) {
		filp_close(f, NULL);
		return -ENOMEM;
	}
	while (pos < size) {
		n = kernel_read(f, buf + pos, size - pos, &pos);
		if (n <= 0)
			break;
	}
	filp_close(f, NULL);
	if (pos != size) {
		vfree(buf);
		return n < 0 ? n : -EIO;
	}
	*data = buf;
	return size;
}
