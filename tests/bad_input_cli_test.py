#!/usr/bin/env python3
"""Bad input through the CLI: whatever is piped in, `whosaid annotate` exits 0
with a sound whosaid/1 document (code point offsets inside the text, each
span's text equal to its slice, mentions and quotes sorted), or exits 2 with a
clear message when the text is over the 16 MB limit.

usage: bad_input_cli_test.py WHOSAID_EXE [--quick]
  --quick: smaller large inputs (for the sanitizer build, which is slower)"""
import json, subprocess, sys, time

exe = sys.argv[1]
quick = '--quick' in sys.argv
scale = 8 if quick else 1  # divides the sizes of the big inputs
failures = []

def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL', what, flush=True)

def run(args, data, timeout=300):
    t0 = time.monotonic()
    r = subprocess.run([exe] + args, input=data, capture_output=True, timeout=timeout)
    r.seconds = time.monotonic() - t0
    return r

def sound(name, data):
    """Annotates `data` from stdin and checks the document; returns it."""
    r = run(['annotate', '-'], data)
    print(f'{name}: {len(data)} bytes, exit {r.returncode}, {r.seconds:.2f} s', flush=True)
    check(r.returncode == 0, f'{name}: exits 0 (stderr: {r.stderr[:300]!r})')
    if r.returncode != 0:
        return None
    try:
        doc = json.loads(r.stdout)
    except ValueError as e:
        check(False, f'{name}: output is JSON ({e})')
        return None
    text = doc['text']
    n = len(text)
    check('\r' not in text and '\0' not in text, f'{name}: no CR or NUL left in the text')
    ids = {e['id'] for e in doc['entities']}
    last = -1
    for m in doc['mentions']:
        check(0 <= m['start'] < m['end'] <= n, f'{name}: mention in range {m}')
        check(text[m['start']:m['end']] == m['text'], f'{name}: mention text is its slice {m}')
        check(m['start'] >= last, f'{name}: mentions sorted at {m}')
        check(m.get('entity') in ids, f'{name}: mention entity exists {m}')
        last = m['start']
    last = -1
    for q in doc['quotes']:
        check(0 <= q['start'] < q['end'] <= n, f'{name}: quote in range {q["id"]}')
        check(q['start'] >= last, f'{name}: quotes sorted at {q["id"]}')
        last = q['start']
        for a, b in q['content_spans']:
            check(q['start'] <= a < b <= q['end'], f'{name}: content span inside the quote {q["id"]}')
        for key in ('cue', 'source'):
            if q.get(key):
                a, b = q[key]
                check(0 <= a <= b <= n, f'{name}: {key} in range {q["id"]}')
        check(q['speaker'] is None or q['speaker'] in ids, f'{name}: speaker exists {q["id"]}')
    return doc

MB = 1 << 20

# [SECTION] the size limit: exit 2, a clear message, nothing on stdout
big = b'a' * (20 * MB)
r = run(['annotate', '-'], big)
check(r.returncode == 2, f'20 MB paste exits 2 (got {r.returncode})')
check(b'text too large: 20971520 bytes, the limit is 16777216 bytes (16 MB)' in r.stderr,
      f'20 MB paste names the size and the limit: {r.stderr[:200]!r}')
check(r.stdout == b'', '20 MB paste writes nothing on stdout')

# [SECTION] encodings and line ends
doc = sound('invalid UTF-8', b'Ana \xff Lopes said "we \xc0\x80 will \xed\xa0\x80 build \xf0\x9f\x98" it.\xe2\x80')
check(doc is not None and '\ufffd' in doc['text'], 'invalid bytes become U+FFFD')
doc = sound('NUL bytes', b'Ana\0 Lopes said "we\0 will build it".\0')
sound('many NUL bytes', b'\0' * 100000)
doc = sound('CRLF', b'Ana Lopes said "yes".\r\n\r\nBen Okafor said "no".\r\n')
check(doc is not None and doc['text'] == 'Ana Lopes said "yes".\n\nBen Okafor said "no".\n', 'CRLF becomes LF')
doc = sound('lone CR', b'Ana Lopes said "yes".\r\rBen Okafor said "no".\r')
check(doc is not None and doc['text'] == 'Ana Lopes said "yes".\n\nBen Okafor said "no".\n', 'lone CR becomes LF')

# [SECTION] nothing to find
for name, data in [('empty', b''), ('spaces', b'   '), ('newlines', b'\n' * 1000),
                   ('mixed white space', ' \t\n\u00a0\u200b\u3000'.encode() * 1000)]:
    doc = sound(name, data)
    check(doc is not None and doc['mentions'] == [] and doc['quotes'] == [], f'{name}: no markup')
sound('only punctuation', b'.,;:!?()[]{}-/\\|@#$%^&*_+=~`<>' * 10000)

# [SECTION] quotation marks
sound('100,000 straight quotes', b'"' * 100000)
sound('100,000 opening curly quotes', '\u201c'.encode() * 100000)
sound('100,000 closing curly quotes', '\u201d'.encode() * 100000)
sound('nested quotes', ('\u201c\u2018'.encode()) * 50000)
sound('unbalanced attributions', b'Ana Lopes said "yes ' * (100000 // scale))

# [SECTION] long runs
sound('5 MB line without spaces', b'a' * (5 * MB // scale))
sound('5 MB line of words without spaces', b'Abc.' * (5 * MB // 4 // scale))

# [SECTION] scripts
sound('Arabic', 'قال أحمد: «سنبني الجسر». '.encode() * 1000)
sound('Hebrew', 'דוד אמר: "נבנה". '.encode() * 1000)
sound('bidi controls', '\u202eAna Lopes said "yes"\u202c \u200f\u200e\u2066x\u2069 '.encode() * 1000)
sound('Chinese', '李明说：「我们会建桥」。'.encode() * 1000)
sound('Japanese', '田中さんは『はい』と言った。'.encode() * 1000)
doc = sound('emoji', 'Ana Lopes 😀 said "we 👍🏽 will 👨‍👩‍👧 build 🇵🇹 1️⃣ it❤️". '.encode() * 1000)
check(doc is not None and any(m['text'] == 'Ana Lopes' for m in doc['mentions']),
      'a name next to emoji is still found, with code point offsets')

print(f"bad input cli: {len(failures)} failed")
sys.exit(1 if failures else 0)
