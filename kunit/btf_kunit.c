// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath_btf: the BTF reader (btf.c) on blobs built by hand.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include "../module/btf.h"
#include "rxpath_kunit.h"

/* A blob under construction: type words and strings, then the header. */
struct rxpath_test_btf {
	u32 words[256];
	unsigned int nw;
	unsigned int ntypes;
	char strs[512];
	unsigned int ns;
};

/*
 * The btfs a case of rxpath_btf parsed. rxpath_btf_init allocates: the
 * suite's exit frees them all, whatever the case's end.
 */
struct rxpath_btf_test {
	struct rxpath_btf btf[2];
	unsigned int n;
};

static int rxpath_btf_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct rxpath_btf_test), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void rxpath_btf_test_exit(struct kunit *test)
{
	struct rxpath_btf_test *ctx = test->priv;
	unsigned int i;

	for (i = 0; i < ctx->n; i++)
		rxpath_btf_free(&ctx->btf[i]);
}

/* A btf for the case to parse into, freed by the suite's exit. */
static struct rxpath_btf *rxpath_tb_btf(struct kunit *test)
{
	struct rxpath_btf_test *ctx = test->priv;

	KUNIT_ASSERT_LT(test, ctx->n, (unsigned int)ARRAY_SIZE(ctx->btf));
	return &ctx->btf[ctx->n++];
}

/*
 * rxpath_btf_init into one of the case's btfs, after freeing what it held:
 * a blob parsed where a refusal was expected leaks nothing either.
 */
static int rxpath_tb_init(struct rxpath_btf *btf, const void *data, size_t len,
			  const struct rxpath_btf *base)
{
	rxpath_btf_free(btf);
	return rxpath_btf_init(btf, data, len, base);
}

static void rxpath_tb_start(struct rxpath_test_btf *b, bool split)
{
	memset(b, 0, sizeof(*b));
	b->ns = split ? 0 : 1;	/* a base's strings start with "" */
}

static u32 rxpath_tb_str(struct rxpath_test_btf *b, u32 start_str, const char *s)
{
	u32 off = b->ns;

	strscpy(b->strs + off, s, sizeof(b->strs) - off);
	b->ns += strlen(s) + 1;
	return start_str + off;
}

static void rxpath_tb_word(struct rxpath_test_btf *b, u32 w)
{
	b->words[b->nw++] = w;
}

/* Appends a type; returns its index among the blob's own types, from 1. */
static u32 rxpath_tb_type(struct rxpath_test_btf *b, u32 name, unsigned int kind,
			  unsigned int vlen, bool kflag, u32 size_or_type)
{
	rxpath_tb_word(b, name);
	rxpath_tb_word(b, (kflag ? BIT(31) : 0) | kind << 24 | vlen);
	rxpath_tb_word(b, size_or_type);
	return ++b->ntypes;
}

static void rxpath_tb_member(struct rxpath_test_btf *b, u32 name, u32 type, u32 bits)
{
	rxpath_tb_word(b, name);
	rxpath_tb_word(b, type);
	rxpath_tb_word(b, bits);
}

/* The blob: header (24 bytes, or 32 with a layout of n kinds), types, strings. */
static void *rxpath_tb_blob(struct kunit *test, struct rxpath_test_btf *b,
			    const u8 (*layout)[4], unsigned int nlayout,
			    size_t *len)
{
	u32 hdr_len = layout ? 32 : 24, tl = b->nw * 4, ll = nlayout * 4;
	u8 *blob = kunit_kzalloc(test, hdr_len + tl + b->ns + ll, GFP_KERNEL);
	u32 h[8] = { 0xeB9F | 1 << 16, hdr_len, 0, tl, tl, b->ns, tl + b->ns, ll };

	KUNIT_ASSERT_NOT_NULL(test, blob);
	memcpy(blob, h, hdr_len);
	memcpy(blob + hdr_len, b->words, tl);
	memcpy(blob + hdr_len + tl, b->strs, b->ns);
	if (layout)
		memcpy(blob + hdr_len + tl + b->ns, layout, ll);
	*len = hdr_len + tl + b->ns + ll;
	return blob;
}

/* A blob whose type 1 is "unsigned int", and a btf to parse it into. */
static struct rxpath_test_btf *rxpath_tb_begin(struct kunit *test,
					       struct rxpath_btf **btf)
{
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	*btf = rxpath_tb_btf(test);
	KUNIT_ASSERT_NOT_NULL(test, b);
	rxpath_tb_start(b, false);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "unsigned int"), RXPATH_BTF_INT, 0, false, 4);
	rxpath_tb_word(b, 32);
	return b;
}

/* b's blob, parsed into btf. */
static void rxpath_tb_end(struct kunit *test, struct rxpath_test_btf *b,
			  struct rxpath_btf *btf)
{
	size_t len;
	void *blob = rxpath_tb_blob(test, b, NULL, 0, &len);

	KUNIT_ASSERT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), 0);
}

/*
 * The base blob of every case:
 *  1 int "unsigned short" (2)    2 typedef "u16" -> 1    3 int "unsigned int" (4)
 *  4 void *                      5 struct ring { unsigned int count; u16
 *  next_to_use; u16 next_to_clean; void *desc; }   6 struct ring *
 *  7 struct container { struct ring *ring; unsigned int count; }
 *  8 union { struct ring *ring2; unsigned int other; }
 *  9 struct q_vector { unsigned int id; struct container rx; union (8); }
 * 10 const q_vector   11 typedef "qv_t" -> 10
 * 12 struct bits { unsigned int a:3; u16 b (byte 2); unsigned int c:4 at 20; }
 * 13 struct named { "x" at an offset past the strings }
 */
static void rxpath_tb_base(struct rxpath_test_btf *b)
{
	u32 s_count, s_ring;

	rxpath_tb_start(b, false);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "unsigned short"), RXPATH_BTF_INT, 0, false, 2);
	rxpath_tb_word(b, 16);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "u16"), RXPATH_BTF_TYPEDEF, 0, false, 1);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "unsigned int"), RXPATH_BTF_INT, 0, false, 4);
	rxpath_tb_word(b, 32);
	rxpath_tb_type(b, 0, RXPATH_BTF_PTR, 0, false, 0);
	s_ring = rxpath_tb_str(b, 0, "ring");
	s_count = rxpath_tb_str(b, 0, "count");
	rxpath_tb_type(b, s_ring, RXPATH_BTF_STRUCT, 4, false, 16);
	rxpath_tb_member(b, s_count, 3, 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "next_to_use"), 2, 32);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "next_to_clean"), 2, 48);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "desc"), 4, 64);
	rxpath_tb_type(b, 0, RXPATH_BTF_PTR, 0, false, 5);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "container"), RXPATH_BTF_STRUCT, 2, false, 16);
	rxpath_tb_member(b, s_ring, 6, 0);
	rxpath_tb_member(b, s_count, 3, 64);
	rxpath_tb_type(b, 0, RXPATH_BTF_UNION, 2, false, 8);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "ring2"), 6, 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "other"), 3, 0);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "q_vector"), RXPATH_BTF_STRUCT, 3, false, 32);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "id"), 3, 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "rx"), 7, 64);
	rxpath_tb_member(b, 0, 8, 192);
	rxpath_tb_type(b, 0, RXPATH_BTF_CONST, 0, false, 9);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "qv_t"), RXPATH_BTF_TYPEDEF, 0, false, 10);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "bits"), RXPATH_BTF_STRUCT, 3, true, 4);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "a"), 3, 3 << 24 | 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "b"), 1, 16);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "c"), 3, 4 << 24 | 20);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "named"), RXPATH_BTF_STRUCT, 1, false, 4);
	rxpath_tb_member(b, 4000, 3, 0);
}

static void rxpath_tb_parse(struct kunit *test, struct rxpath_btf *btf)
{
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	size_t len;
	void *blob;

	KUNIT_ASSERT_NOT_NULL(test, b);
	rxpath_tb_base(b);
	blob = rxpath_tb_blob(test, b, NULL, 0, &len);
	KUNIT_ASSERT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), 0);
}

/* The base blob, parsed; the suite's exit frees it. */
static struct rxpath_btf *rxpath_tb_parsed(struct kunit *test)
{
	struct rxpath_btf *btf = rxpath_tb_btf(test);

	rxpath_tb_parse(test, btf);
	return btf;
}

static void rxpath_btf_valid(struct kunit *test)
{
	struct rxpath_btf *btf = rxpath_tb_parsed(test);
	struct rxpath_btf_member m;

	KUNIT_EXPECT_EQ(test, btf->nr, 13U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(btf, "ring"), 5U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(btf, "q_vector"), 9U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(btf, "u16"), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(btf, "absent"), 0U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "next_to_use", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 4U);
	KUNIT_EXPECT_EQ(test, m.size, 2U);	/* through the typedef */
	KUNIT_EXPECT_EQ(test, m.kind, (unsigned int)RXPATH_BTF_INT);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "desc", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 8U);
	KUNIT_EXPECT_EQ(test, m.size, (u32)sizeof(void *));
	KUNIT_EXPECT_EQ(test, m.kind, (unsigned int)RXPATH_BTF_PTR);
}

static void rxpath_btf_member_paths(struct kunit *test)
{
	struct rxpath_btf *btf = rxpath_tb_parsed(test);
	struct rxpath_btf_member m;

	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 9, "rx.ring", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 8U);
	KUNIT_EXPECT_EQ(test, m.type_id, 6U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 9, "rx.count", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 16U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 9, "rx", &m), 0);
	KUNIT_EXPECT_EQ(test, m.size, 16U);
	KUNIT_EXPECT_EQ(test, m.kind, (unsigned int)RXPATH_BTF_STRUCT);
	/* In an anonymous union, and through typedef and const. */
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 9, "ring2", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 24U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 11, "rx.count", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 16U);
}

/*
 * A ring held three ways: 1 int "unsigned int"; 2 struct ring { count };
 * 3 struct ring[2]; 4 struct ring *; 5 struct holder { struct ring
 * rings[2]; struct ring *p; struct ring r; unsigned int n; }.
 */
static void rxpath_btf_struct_at_kinds(struct kunit *test)
{
	struct rxpath_btf *btf;
	struct rxpath_test_btf *b = rxpath_tb_begin(test, &btf);
	struct rxpath_btf_member m;
	bool embedded;

	rxpath_tb_type(b, rxpath_tb_str(b, 0, "ring"), RXPATH_BTF_STRUCT, 1, false, 4);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "count"), 1, 0);
	rxpath_tb_type(b, 0, RXPATH_BTF_ARRAY, 0, false, 0);
	rxpath_tb_word(b, 2);	/* struct btf_array: type, index_type, nelems */
	rxpath_tb_word(b, 1);
	rxpath_tb_word(b, 2);
	rxpath_tb_type(b, 0, RXPATH_BTF_PTR, 0, false, 2);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "holder"), RXPATH_BTF_STRUCT, 4, false, 24);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "rings"), 3, 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "p"), 4, 64);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "r"), 2, 128);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "n"), 1, 160);
	rxpath_tb_end(test, b, btf);

	/* An array of rings: its first, at the member's offset. */
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "rings", &m), 0);
	KUNIT_EXPECT_EQ(test, m.kind, (unsigned int)RXPATH_BTF_ARRAY);
	KUNIT_EXPECT_EQ(test, m.size, 8U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_struct_at(btf, &m, &embedded), 2U);
	KUNIT_EXPECT_TRUE(test, embedded);
	/* A pointer to one. */
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "p", &m), 0);
	KUNIT_EXPECT_EQ(test, rxpath_btf_struct_at(btf, &m, &embedded), 2U);
	KUNIT_EXPECT_FALSE(test, embedded);
	/* The struct itself. */
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "r", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 16U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_struct_at(btf, &m, &embedded), 2U);
	KUNIT_EXPECT_TRUE(test, embedded);
	/* Anything else holds no ring. */
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "n", &m), 0);
	KUNIT_EXPECT_EQ(test, rxpath_btf_struct_at(btf, &m, &embedded), 0U);
}

/*
 * Enumerators, as virtio_ring's enum vq_layout gives them: 1 int; 2 enum
 * vq_layout { SPLIT 0, PACKED 1, SPLIT_IN_ORDER 2, PACKED_IN_ORDER 3 };
 * 3 typedef of 2; 4 enum64 { BIG 1 << 40, NEG -1 }; 5 struct vq { enum
 * vq_layout layout; }.
 */
static void rxpath_btf_enum_values(struct kunit *test)
{
	static const char * const names[] = { "VQ_LAYOUT_SPLIT", "VQ_LAYOUT_PACKED",
		"VQ_LAYOUT_SPLIT_IN_ORDER", "VQ_LAYOUT_PACKED_IN_ORDER" };
	struct rxpath_btf *btf;
	struct rxpath_test_btf *b = rxpath_tb_begin(test, &btf);
	struct rxpath_btf_member m;
	unsigned int i;
	s64 v;

	rxpath_tb_type(b, rxpath_tb_str(b, 0, "vq_layout"), RXPATH_BTF_ENUM, 4, false, 4);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		rxpath_tb_word(b, rxpath_tb_str(b, 0, names[i]));
		rxpath_tb_word(b, i);
	}
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "vq_layout_t"), RXPATH_BTF_TYPEDEF, 0, false, 2);
	rxpath_tb_type(b, 0, RXPATH_BTF_ENUM64, 2, true, 8);
	rxpath_tb_word(b, rxpath_tb_str(b, 0, "BIG"));
	rxpath_tb_word(b, 0);
	rxpath_tb_word(b, 1 << 8);
	rxpath_tb_word(b, rxpath_tb_str(b, 0, "NEG"));
	rxpath_tb_word(b, U32_MAX);
	rxpath_tb_word(b, U32_MAX);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "vq"), RXPATH_BTF_STRUCT, 1, false, 4);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "layout"), 2, 0);
	rxpath_tb_end(test, b, btf);

	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "layout", &m), 0);
	KUNIT_EXPECT_EQ(test, m.kind, (unsigned int)RXPATH_BTF_ENUM);
	KUNIT_EXPECT_EQ(test, m.size, 4U);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, m.type_id, names[i], &v), 0);
		KUNIT_EXPECT_EQ(test, v, (s64)i);
	}
	/* Through a typedef; a name it lacks; a type that is no enum. */
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 3, "VQ_LAYOUT_PACKED", &v), 0);
	KUNIT_EXPECT_EQ(test, v, 1LL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 2, "VQ_LAYOUT_RING", &v), -ENOENT);
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 1, "VQ_LAYOUT_SPLIT", &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 99, "VQ_LAYOUT_SPLIT", &v), -EINVAL);
	/* 64-bit values, from their two halves. */
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 4, "BIG", &v), 0);
	KUNIT_EXPECT_EQ(test, v, 1LL << 40);
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 4, "NEG", &v), 0);
	KUNIT_EXPECT_EQ(test, v, -1LL);
}

static void rxpath_btf_member_not_found(struct kunit *test)
{
	struct rxpath_btf *btf = rxpath_tb_parsed(test);
	struct rxpath_btf_member m;

	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 5, "nope", &m), -ENOENT);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 9, "rx.nope", &m), -ENOENT);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 9, "", &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 9, "rx.", &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 9, ".rx", &m), -EINVAL);
	/* Paths do not go through pointers. */
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 9, "rx.ring.count", &m), -EINVAL);
	/* Not a struct; no such type. */
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 3, "count", &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 999, "count", &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 0, "count", &m), -EINVAL);
}

static void rxpath_btf_member_bitfields(struct kunit *test)
{
	struct rxpath_btf *btf = rxpath_tb_parsed(test);
	struct rxpath_btf_member m;

	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 12, "a", &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 12, "c", &m), -EINVAL);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 12, "b", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 2U);
	KUNIT_EXPECT_EQ(test, m.size, 2U);
}

static void rxpath_btf_string_out_of_range(struct kunit *test)
{
	struct rxpath_btf *btf = rxpath_tb_parsed(test);
	struct rxpath_btf_member m;

	KUNIT_EXPECT_NULL(test, rxpath_btf_str(btf, btf->strs_len));
	KUNIT_EXPECT_NULL(test, rxpath_btf_str(btf, U32_MAX));
	KUNIT_EXPECT_STREQ(test, rxpath_btf_str(btf, 0), "");
	/* struct named's only member has a name past the strings. */
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 13, "x", &m), -EINVAL);
	KUNIT_EXPECT_NULL(test, rxpath_btf_type_by_id(btf, 0));
	KUNIT_EXPECT_NULL(test, rxpath_btf_type_by_id(btf, 14));
	KUNIT_EXPECT_NOT_NULL(test, rxpath_btf_type_by_id(btf, 13));
}

static void rxpath_btf_bad_header(struct kunit *test)
{
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct rxpath_btf *btf = rxpath_tb_btf(test);
	size_t len;
	u8 *blob;
	u32 *h;

	KUNIT_ASSERT_NOT_NULL(test, b);
	rxpath_tb_base(b);
	blob = rxpath_tb_blob(test, b, NULL, 0, &len);
	h = (u32 *)blob;
	KUNIT_EXPECT_EQ(test, rxpath_tb_init(btf, blob, 23, NULL), -EINVAL);
	h[0] = 0x9FeB | 1 << 16;	/* the other byte order */
	KUNIT_EXPECT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), -EINVAL);
	h[0] = 0xeB9F | 2 << 16;	/* version 2 */
	KUNIT_EXPECT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), -EINVAL);
	h[0] = 0xeB9F | 1 << 16;
	h[1] = len + 1;			/* header longer than the blob */
	KUNIT_EXPECT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), -EINVAL);
	h[1] = 24;
	h[5] += 1;			/* strings past the end */
	KUNIT_EXPECT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), -EINVAL);
	h[5] -= 1;
	h[4] = U32_MAX;			/* an offset that wraps */
	KUNIT_EXPECT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), -EINVAL);
}

/*
 * A blob of 24 to 31 bytes whose header says 32: refused, and not one
 * byte read past its end (KASAN would report it: a kmalloc of the size).
 */
static void rxpath_btf_short_layout_header(struct kunit *test)
{
	u32 h[6] = { 0xeB9F | 1 << 16, 32, 0, 0, 0, 1 };
	struct rxpath_btf *btf = rxpath_tb_btf(test);
	size_t len;
	u8 *blob;

	for (len = 24; len < 32; len++) {
		blob = kunit_kmalloc(test, len, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, blob);
		memset(blob, 0, len);
		memcpy(blob, h, sizeof(h));
		KUNIT_EXPECT_EQ_MSG(test, rxpath_tb_init(btf, blob, len, NULL),
				    -EINVAL, "%zu bytes", len);
		kunit_kfree(test, blob);
	}
}

/*
 * Arrays of arrays: 2 unsigned int[3], 3 of those [2] (24 bytes); 4 and 5
 * arrays of each other; 6 struct grid { g (3); loop (4) }.
 */
static void rxpath_btf_array_loops(struct kunit *test)
{
	struct rxpath_btf *btf;
	struct rxpath_test_btf *b = rxpath_tb_begin(test, &btf);
	struct rxpath_btf_member m;
	static const u32 arrays[4][2] = { { 1, 3 }, { 2, 2 }, { 5, 2 }, { 4, 2 } };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(arrays); i++) {
		rxpath_tb_type(b, 0, RXPATH_BTF_ARRAY, 0, false, 0);
		rxpath_tb_word(b, arrays[i][0]);
		rxpath_tb_word(b, 1);
		rxpath_tb_word(b, arrays[i][1]);
	}
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "grid"), RXPATH_BTF_STRUCT, 2, false, 40);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "g"), 3, 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "loop"), 4, 192);
	rxpath_tb_end(test, b, btf);

	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 6, "g", &m), 0);
	KUNIT_EXPECT_EQ(test, m.size, 24U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 6, "loop", &m), -EINVAL);
}

static void rxpath_btf_truncated(struct kunit *test)
{
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct rxpath_btf *btf = rxpath_tb_btf(test);
	size_t len, cut;
	u8 *blob;
	u32 *h;

	KUNIT_ASSERT_NOT_NULL(test, b);
	rxpath_tb_base(b);
	blob = rxpath_tb_blob(test, b, NULL, 0, &len);
	h = (u32 *)blob;
	/* Cut anywhere: never parsed, never read past the end. */
	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_EQ_MSG(test, rxpath_tb_init(btf, blob, cut, NULL),
				    -EINVAL, "cut at %zu of %zu", cut, len);
	/* A type section that ends inside a type. */
	h[3] -= 4;
	KUNIT_EXPECT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), -EINVAL);
	h[3] += 4;
	/* Strings that do not end with a NUL. */
	blob[len - 1] = 'x';
	KUNIT_EXPECT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), -EINVAL);
	blob[len - 1] = '\0';
	KUNIT_ASSERT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), 0);
}

static void rxpath_btf_unknown_kind(struct kunit *test)
{
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	u8 (*layout)[4] = kunit_kcalloc(test, 26, 4, GFP_KERNEL);
	struct rxpath_btf *btf = rxpath_tb_btf(test);
	struct rxpath_btf_member m;
	unsigned int k;
	size_t len;
	void *blob;

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, layout);
	rxpath_tb_base(b);
	/* Kind 25, with 4 bytes and 2 x 8-byte elements after it. */
	rxpath_tb_type(b, 0, 25, 2, false, 0);
	for (k = 0; k < 5; k++)
		rxpath_tb_word(b, k);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "after"), RXPATH_BTF_STRUCT, 1, false, 4);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "v"), 3, 0);
	blob = rxpath_tb_blob(test, b, NULL, 0, &len);
	KUNIT_EXPECT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), -EINVAL);

	/* 7.x's layout section says how long each kind is. */
	layout[RXPATH_BTF_INT][0] = 4;
	layout[RXPATH_BTF_ARRAY][0] = 12;
	layout[RXPATH_BTF_STRUCT][1] = 12;
	layout[RXPATH_BTF_UNION][1] = 12;
	layout[RXPATH_BTF_ENUM][1] = 8;
	layout[RXPATH_BTF_FUNC_PROTO][1] = 8;
	layout[RXPATH_BTF_VAR][0] = 4;
	layout[RXPATH_BTF_DATASEC][1] = 12;
	layout[RXPATH_BTF_DECL_TAG][0] = 4;
	layout[RXPATH_BTF_ENUM64][1] = 12;
	layout[25][0] = 4;
	layout[25][1] = 8;
	blob = rxpath_tb_blob(test, b, (const u8 (*)[4])layout, 26, &len);
	KUNIT_ASSERT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), 0);
	KUNIT_EXPECT_EQ(test, btf->nr, 15U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(btf, "after"), 15U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 15, "v", &m), 0);

	/* A layout that disagrees on a kind this reader knows is refused. */
	layout[RXPATH_BTF_STRUCT][1] = 8;
	blob = rxpath_tb_blob(test, b, (const u8 (*)[4])layout, 26, &len);
	KUNIT_EXPECT_EQ(test, rxpath_tb_init(btf, blob, len, NULL), -EINVAL);
}

static void rxpath_btf_split(struct kunit *test)
{
	struct rxpath_btf *base = rxpath_tb_parsed(test);
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct rxpath_btf *split = rxpath_tb_btf(test);
	struct rxpath_btf_member m;
	u32 s_mod, s_count;
	size_t len;
	void *blob;

	KUNIT_ASSERT_NOT_NULL(test, b);
	/* Split strings continue the base's; "count" is the base's own. */
	for (s_count = 1; s_count < base->strs_len; s_count += strlen(base->strs + s_count) + 1)
		if (!strcmp(base->strs + s_count, "count"))
			break;
	KUNIT_ASSERT_LT(test, s_count, base->strs_len);
	rxpath_tb_start(b, true);
	s_mod = rxpath_tb_str(b, base->strs_len, "mod_ring");
	/* Type 14: struct mod_ring { struct ring *r; unsigned int count; } */
	rxpath_tb_type(b, s_mod, RXPATH_BTF_STRUCT, 2, false, 16);
	rxpath_tb_member(b, rxpath_tb_str(b, base->strs_len, "r"), 6, 0);
	rxpath_tb_member(b, s_count, 3, 64);
	blob = rxpath_tb_blob(test, b, NULL, 0, &len);
	KUNIT_ASSERT_EQ(test, rxpath_tb_init(split, blob, len, base), 0);
	KUNIT_EXPECT_EQ(test, split->start_id, 14U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(split, "mod_ring"), 14U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(split, "ring"), 5U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(split, 14, "count", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 8U);
	KUNIT_EXPECT_EQ(test, m.size, 4U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(split, 14, "r", &m), 0);
	KUNIT_EXPECT_EQ(test, m.type_id, 6U);
	KUNIT_EXPECT_STREQ(test, rxpath_btf_str(split, s_mod), "mod_ring");
	KUNIT_EXPECT_STREQ(test, rxpath_btf_str(split, s_count), "count");
	KUNIT_EXPECT_NULL(test, rxpath_btf_type_by_id(split, 15));
}

static struct kunit_case rxpath_btf_cases[] = {
	KUNIT_CASE(rxpath_btf_valid),
	KUNIT_CASE(rxpath_btf_member_paths),
	KUNIT_CASE(rxpath_btf_struct_at_kinds),
	KUNIT_CASE(rxpath_btf_enum_values),
	KUNIT_CASE(rxpath_btf_member_not_found),
	KUNIT_CASE(rxpath_btf_member_bitfields),
	KUNIT_CASE(rxpath_btf_string_out_of_range),
	KUNIT_CASE(rxpath_btf_bad_header),
	KUNIT_CASE(rxpath_btf_truncated),
	KUNIT_CASE(rxpath_btf_short_layout_header),
	KUNIT_CASE(rxpath_btf_array_loops),
	KUNIT_CASE(rxpath_btf_unknown_kind),
	KUNIT_CASE(rxpath_btf_split),
	{}
};

static struct kunit_suite rxpath_btf_suite = {
	.name = "rxpath_btf",
	.init = rxpath_btf_test_init,
	.exit = rxpath_btf_test_exit,
	.test_cases = rxpath_btf_cases,
};

kunit_test_suites(&rxpath_btf_suite);
