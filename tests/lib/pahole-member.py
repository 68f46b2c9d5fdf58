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
# The test bed compares these with what rxpath resolved itself. KO is
# VMLINUX again for a struct of code built into the kernel.

import re
import subprocess
import sys

MEMBER = re.compile(
    r'^\s+(?P<type>.*?)\s*(?P<name>\w+)(\[\d+\])?;\s*/\*\s*(?P<off>\d+)(:\s*\d+)?\s+(?P<size>\d+)\s*\*/')


OPEN = re.compile(r'^\s+(struct|union)\s*\{\s*$')
CLOSE = re.compile(r'^\s+\}\s*(?P<name>\w+)?(\[\d+\])?;\s*/\*\s*(?P<off>\d+)\s+(?P<size>\d+)\s*\*/')


def members(vmlinux, ko, struct, cache={}):
    """STRUCT's members by name: (type, offset, size, inner). A member whose
    type is an unnamed struct or union, which pahole prints in place, has
    its own members in inner (offsets from STRUCT's start, as pahole prints
    them); those of an unnamed member are STRUCT's own, as in C."""
    key = (ko, struct)
    if key not in cache:
        # KO may be VMLINUX itself, for a struct of code built in.
        base = [] if ko == vmlinux else ['--btf_base', vmlinux]
        out = subprocess.run(['pahole'] + base + ['-C', struct, ko],
                             capture_output=True, text=True).stdout
        stack = [{}]
        for line in out.splitlines()[1:]:
            if OPEN.match(line):
                stack.append({})
                continue
            c = CLOSE.match(line)
            if c and len(stack) > 1:
                inner = stack.pop()
                if c.group('name'):
                    stack[-1].setdefault(c.group('name'), (
                        '}', int(c.group('off')), int(c.group('size')), inner))
                else:
                    for k, v in inner.items():
                        stack[-1].setdefault(k, v)
                continue
            m = MEMBER.match(line)
            if m:
                stack[-1].setdefault(m.group('name'), (
                    m.group('type').strip(), int(m.group('off')),
                    int(m.group('size')), None))
        cache[key] = stack[0]
    return cache[key]


def resolve(vmlinux, ko, arg):
    struct, *path = arg.split('.')
    found = members(vmlinux, ko, struct)
    off, size, base = 0, None, 0
    for i, name in enumerate(path):
        m = found.get(name)
        if not m:
            return None
        mtype, moff, size, inner = m
        off = base + moff
        if i + 1 == len(path):
            break
        if inner is not None:
            # In place: its members' offsets are from the same start.
            found = inner
            continue
        t = re.sub(r'^(const |volatile )*', '', mtype)
        if not re.match(r'^(struct|union) \w+$', t):
            return None
        found = members(vmlinux, ko, t.split()[1])
        base = off
    return off, size


def main():
    vmlinux, ko = sys.argv[1], sys.argv[2]
    for arg in sys.argv[3:]:
        r = resolve(vmlinux, ko, arg)
        print(arg, *(r if r else ('-', '-')))


main()
