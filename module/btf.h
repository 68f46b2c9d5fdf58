/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rxpath's BTF reader (btf.c): member offsets of drivers' private structs,
 * from /sys/kernel/btf at run time.
 */
#ifndef _RXPATH_BTF_H
#define _RXPATH_BTF_H

#include <linux/types.h>

/* The kinds, as numbered by the BTF format (uapi/linux/btf.h). */
enum {
	RXPATH_BTF_INT = 1,
	RXPATH_BTF_PTR,
	RXPATH_BTF_ARRAY,
	RXPATH_BTF_STRUCT,
	RXPATH_BTF_UNION,
	RXPATH_BTF_ENUM,
	RXPATH_BTF_FWD,
	RXPATH_BTF_TYPEDEF,
	RXPATH_BTF_VOLATILE,
	RXPATH_BTF_CONST,
	RXPATH_BTF_RESTRICT,
	RXPATH_BTF_FUNC,
	RXPATH_BTF_FUNC_PROTO,
	RXPATH_BTF_VAR,
	RXPATH_BTF_DATASEC,
	RXPATH_BTF_FLOAT,
	RXPATH_BTF_DECL_TAG,
	RXPATH_BTF_TYPE_TAG,
	RXPATH_BTF_ENUM64,
};

#define RXPATH_BTF_MAX_TYPES	0x000fffff
#define RXPATH_BTF_NAME_MAX	64

struct rxpath_btf_type {
	u32 name_off;
	u32 info;
	union {
		u32 size;
		u32 type;
	};
};

/* One parsed blob; the blob's memory stays the caller's. */
struct rxpath_btf {
	const u8 *types;
	u32 types_len;
	const char *strs;
	u32 strs_len;
	const u8 *layout;	/* 7.x: per kind {info_sz, elem_sz, flags} */
	u32 layout_kinds;
	u32 *offs;		/* type id - start_id -> offset in types */
	u32 nr;
	u32 start_id;		/* 1; for split BTF, where the base's ids end */
	u32 start_str;		/* 0; for split BTF, where the base's strings end */
	const struct rxpath_btf *base;
};

/* Where a member is, and what it is (past typedefs and qualifiers). */
struct rxpath_btf_member {
	u32 offset;	/* bytes from the start of the outer struct */
	u32 size;	/* bytes */
	u32 type_id;
	unsigned int kind;
};

int rxpath_btf_init(struct rxpath_btf *btf, const void *data, size_t len,
		    const struct rxpath_btf *base);
void rxpath_btf_free(struct rxpath_btf *btf);
const struct rxpath_btf_type *rxpath_btf_type_by_id(const struct rxpath_btf *btf,
						     u32 id);
const char *rxpath_btf_str(const struct rxpath_btf *btf, u32 off);
u32 rxpath_btf_find_struct(const struct rxpath_btf *btf, const char *name);
int rxpath_btf_member(const struct rxpath_btf *btf, u32 struct_id,
		      const char *path, struct rxpath_btf_member *out);
const char *rxpath_btf_type_name(const struct rxpath_btf *btf, u32 id);
u32 rxpath_btf_pointee(const struct rxpath_btf *btf, u32 ptr_id);
int rxpath_btf_enum_value(const struct rxpath_btf *btf, u32 id,
			  const char *name, s64 *val);
u32 rxpath_btf_struct_at(const struct rxpath_btf *btf,
			 const struct rxpath_btf_member *m, bool *embedded);
ssize_t rxpath_btf_read(const char *name, void **data);

#endif /* _RXPATH_BTF_H */
