#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
ibt-check.py MODULE.ko [-v]: on a kernel with CONFIG_X86_KERNEL_IBT, an indirect
call or jump must land on an endbr64, or the CPU raises #CP and the kernel
oopses. Lists every function of the module whose address is taken (by a
relocation from data, such as a file_operations or kprobe struct, or by a
non-branch instruction, such as the lea that passes a tracepoint probe to
tracepoint_probe_register) and checks that each one begins with endbr64.
Direct calls and jumps do not count. Prints one line per offender and a
summary; exits 1 if any function lacks it.
"""
import re
import subprocess
import sys


DATA = (r'^(\.data|\.rodata|\.init\.data|\.exit\.data|\.ref\.data|'
        r'\.gnu\.linkonce\.this_module|__param)')


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def parse_target(text):
    """'name+0x10' / 'name-0x4' / 'name' -> (name, addend)"""
    m = re.match(r'^(.*?)([+-]0x[0-9a-f]+)?$', text.strip())
    return m.group(1), int(m.group(2), 16) if m.group(2) else 0


def main(ko):
    funcs = {}      # (section, offset) -> name
    by_name = {}    # name -> (section, offset)
    first = {}      # name -> first instruction's mnemonic
    refs = []       # (symbol, addend, relocation type, where)
    section = cur = None
    insn = None
    for line in run('objdump', '-dr', '--no-show-raw-insn', ko).splitlines():
        m = re.match(r'^Disassembly of section (\S+):', line)
        if m:
            section = m.group(1)
            continue
        m = re.match(r'^([0-9a-f]+) <([^>]+)>:$', line)
        if m:
            cur = m.group(2)
            if not cur.startswith('__pfx_'):
                funcs[(section, int(m.group(1), 16))] = cur
                by_name[cur] = (section, int(m.group(1), 16))
            continue
        m = re.match(r'^\s+[0-9a-f]+:\s+(R_X86_64_\w+)\s+(\S+)$', line)
        if m:
            if insn and not re.match(r'^(call|jmp|j[a-z]+)\b', insn):
                sym, add = parse_target(m.group(2))
                refs.append((sym, add, m.group(1), '%s in %s' % (insn.split()[0], cur)))
            continue
        m = re.match(r'^\s+[0-9a-f]+:\s+(\S.*)$', line)
        if m:
            insn = m.group(1)
            if cur and cur not in first:
                first[cur] = insn.split()[0]
    # Relocations in sections that are not code: function pointers in data.
    rsec = None
    for line in run('readelf', '-rW', ko).splitlines():
        m = re.match(r"^Relocation section '\.rela(\S+)'", line)
        if m:
            rsec = m.group(1)
            continue
        # C objects only: the ftrace, ORC, alternatives and other tables
        # that point into functions are not calls.
        if rsec is None or not re.match(DATA, rsec):
            continue
        m = re.match(r'^[0-9a-f]+\s+[0-9a-f]+\s+(R_X86_64_\w+)\s+[0-9a-f]+\s+(\S+)\s*([+-])\s*([0-9a-f]+)$', line)
        if m:
            add = int(m.group(4), 16) * (1 if m.group(3) == '+' else -1)
            refs.append((m.group(2), add, m.group(1), 'data in %s' % rsec))
    taken = {}
    for sym, add, rtype, where in refs:
        if rtype in ('R_X86_64_PC32', 'R_X86_64_PLT32'):
            add += 4
        if sym in by_name:
            target = (by_name[sym][0], by_name[sym][1] + add)
        else:
            target = (sym, add)
        name = funcs.get(target)
        if name:
            taken.setdefault(name, where)
    if len(sys.argv) > 2:
        for n in sorted(taken):
            print("taken: %s (%s)" % (n, taken[n]))
    bad = [n for n in sorted(taken) if first.get(n) != 'endbr64']
    for n in bad:
        print('%s: address taken (%s) but it begins with %s, not endbr64'
              % (n, taken[n], first.get(n)))
    print('%d functions whose address is taken, %d without endbr64'
          % (len(taken), len(bad)))
    return 1 if bad or not taken else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
