#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# pahole-member.py VMLINUX KO STRUCT.MEMBER[.MEMBER...]...
#
# The byte offset and size of struct members, as pahole (dwarves) prints
# them from a module's split BTF over vmlinux's: one line per argument,
# "STRUCT.PATH OFFSET SIZE", or "STRUCT.PATH - -" when pahole does not show
# it. A path goes through members that are structs or unions themselves
# (not through pointers); members of anonymous structs and unions, which
# pahole prints inline with offsets from the outer struct, are found too.
# The test bed compares these with what rxpath resolved itself.

import re
import subprocess
import sys

MEMBER = re.compile(
    r'^\s+(?P<type>.*?)\s*(?P<name>\w+)(\[\d+\])?;\s*/\*\s*(?P<off>\d+)(:\s*\d+)?\s+(?P<size>\d+)\s*\*/')


def members(vmlinux, ko, struct, cache={}):
    key = (ko, struct)
    if key not in cache:
        out = subprocess.run(['pahole', '--btf_base', vmlinux, '-C', struct, ko],
                             capture_output=True, text=True).stdout
        found = {}
        for line in out.splitlines():
            m = MEMBER.match(line)
            if m and m.group('name') not in found:
                found[m.group('name')] = (m.group('type').strip(),
                                          int(m.group('off')), int(m.group('size')))
        cache[key] = found
    return cache[key]


def resolve(vmlinux, ko, arg):
    struct, *path = arg.split('.')
    off, size, cur = 0, None, struct
    for i, name in enumerate(path):
        found = members(vmlinux, ko, cur).get(name)
        if not found:
            return None
        mtype, moff, size = found
        off += moff
        if i + 1 < len(path):
            t = re.sub(r'^(const |volatile )*', '', mtype)
            if not re.match(r'^(struct|union) \w+$', t):
                return None
            cur = t.split()[1]
    return off, size


def main():
    vmlinux, ko = sys.argv[1], sys.argv[2]
    for arg in sys.argv[3:]:
        r = resolve(vmlinux, ko, arg)
        print(arg, *(r if r else ('-', '-')))


main()
