#!/usr/bin/env python3
"""Linear cost: CPU time per MB and peak memory of `whosaid annotate` from
1 MB to 16 MB (the limit), for normal text and adversarial shapes. Prints a
Markdown table; a shape whose time per MB varies more than 2x over the sizes
is marked SUPERLINEAR (then profile it: perf record whosaid annotate FILE).

CPU time is the child's user + system time from getrusage (microseconds),
less the start-up cost of annotating an empty file (loading the models), so
that a shape the tool reads in a few milliseconds is not taken for one whose
cost per MB falls with size. Runs whose own work is under 50 ms are shown but
left out of the max/min ratio.

usage: linear.py WHOSAID_EXE [SIZES_MB=1,2,4,8,16] [SHAPES=all]"""
import os, resource, subprocess, sys, tempfile

exe = sys.argv[1]
sizes = [float(s) for s in (sys.argv[2] if len(sys.argv) > 2 else '1,2,4,8,16').split(',')]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sample = open(os.path.join(root, 'assets/sample.txt'), encoding='utf-8').read().rstrip('\n') + '\n\n'
LIMIT = 16 << 20

def tile(unit, n):
    b = unit.encode()
    out = b * (n // len(b) + 1)
    return out[:n].decode('utf-8', 'ignore').encode()  # never cut a code point

def nested(n):
    half = n // 2
    return tile('\u201ca ', half) + tile('\u201d', n - half)

SHAPES = {
    'normal (sample.txt repeated)': lambda n: tile(sample, n),
    'unbalanced attributions (Ana Lopes said "yes …)': lambda n: tile('Ana Lopes said "yes ', n),
    'nested curly quotes (“a “a … ”” …)': nested,
    'straight quotes only': lambda n: tile('"', n),
    'one line without spaces (aaaa…)': lambda n: tile('a', n),
    'no spaces, one-word sentences (Abc.Abc.…)': lambda n: tile('Abc.', n),
    'punctuation only': lambda n: tile('.,;:!?()-', n),
    'cue flood (said said …)': lambda n: tile('said ', n),
}
only = sys.argv[3].split(',') if len(sys.argv) > 3 and sys.argv[3] != 'all' else None

def annotate(path):
    """(CPU seconds, peak memory in KB, exit code) of one `whosaid annotate path`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(['/usr/bin/time', '-f', '%M', exe, 'annotate', path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, int(r.stderr.decode().strip().splitlines()[-1]), r.returncode

with tempfile.TemporaryDirectory() as tmp:
    empty = os.path.join(tmp, 'empty.txt')
    open(empty, 'wb').close()
    startup = min(annotate(empty)[0] for _ in range(3))

print(f'| shape | ' + ' | '.join(f'{s:g} MB' for s in sizes) + ' | max/min s per MB | peak memory per MB of text |')
print('|---|' + '---:|' * len(sizes) + '---:|---:|')
with tempfile.TemporaryDirectory() as tmp:
    for i, (name, make) in enumerate(SHAPES.items()):
        if only and str(i) not in only and name.split()[0] not in only:
            continue
        cells, per_mb, mem_per_mb = [], [], []
        for mb in sizes:
            n = min(int(mb * (1 << 20)), LIMIT)
            path = os.path.join(tmp, 'in.txt')
            with open(path, 'wb') as f:
                f.write(make(n))
            size_mb = os.path.getsize(path) / (1 << 20)
            try:
                cpu, kb, rc = annotate(path)
                if rc != 0:
                    cells.append(f'exit {rc}')
                    continue
                cpu = max(cpu - startup, 0.0)
                if cpu >= 0.05:  # below 50 ms, scheduling noise
                    per_mb.append(cpu / size_mb)
                mem_per_mb.append(kb / 1024 / size_mb)
                cells.append(f'{cpu / size_mb:.2f} s/MB, {int(kb) / 1024:.0f} MB')
            except subprocess.TimeoutExpired:
                cells.append('> 600 s')
                per_mb.append(float('inf'))
            print(f'  {name} {mb:g} MB: {cells[-1]}', file=sys.stderr, flush=True)
        ratio = max(per_mb) / min(per_mb) if len(per_mb) >= 2 else float('nan')
        flag = ' SUPERLINEAR' if ratio > 2 else ' (runs under 50 ms)' if ratio != ratio else ''
        mem = f'{mem_per_mb[-1]:.0f} MB/MB' if mem_per_mb else ''
        print(f'| {name} | ' + ' | '.join(cells) + f' | {ratio:.2f}{flag} | {mem} |'.replace('nan (', '(', 1), flush=True)
