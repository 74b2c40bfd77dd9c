#!/usr/bin/env python3
"""CLI test: `whosaid annotate` on the team's sample article gives valid
whosaid/1 JSON whose offsets are code points and whose spans match their text;
--jsonl echoes ids and survives a bad line; errors exit non-zero."""
import json, subprocess, sys

exe, root = sys.argv[1], sys.argv[2]
failures = []

def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL', what)

def run(args, data=None):
    return subprocess.run([exe] + args, input=data, capture_output=True, timeout=60)

def check_doc(doc, text):
    check(doc.get('schema') == 'whosaid/1', 'schema is whosaid/1')
    check(doc.get('offsets') == 'codepoint', 'offsets are code points')
    check(doc.get('text') == text, 'text echoed unchanged')
    ids = {e['id'] for e in doc['entities']}
    for m in doc['mentions']:
        check(text[m['start']:m['end']] == m['text'], f"mention slice {m}")
        check(m.get('entity') in ids, f"mention entity exists {m}")
    for q in doc['quotes']:
        for a, b in q['content_spans']:
            check(0 <= a < b <= len(text), f"content span in range {q['id']}")
        if q['source']:
            check(text[q['source'][0]:q['source'][1]] == q['source_text'], f"source slice {q['id']}")
        check(q['speaker'] is None or q['speaker'] in ids, f"speaker exists {q['id']}")
        check(q['why'] != '', f"quote has a why {q['id']}")

sample_path = f'{root}/assets/sample.txt'
text = open(sample_path, encoding='utf-8').read()
r = run(['annotate', sample_path])
check(r.returncode == 0, 'annotate sample exits 0: ' + r.stderr.decode())
doc = json.loads(r.stdout)
check_doc(doc, text)
check(len(doc['mentions']) >= 10, 'sample has mentions')
check(len(doc['quotes']) >= 5, 'sample has quotes')
check(any(not t.isascii() for t in (m['text'] for m in doc['mentions'])), 'a non-ASCII name is found (Ayşe)')

# --syntax: every token with its tags and tree; --format conllu; --fast leaves the parser out
r = run(['annotate', '--syntax', sample_path])
toks = json.loads(r.stdout)['tokens']
check(r.returncode == 0 and len(toks) > 100, 'annotate --syntax lists the tokens')
check(all(t['upos'] != '_' and t['deprel'] != '_' for t in toks), 'every token is tagged and parsed')
check(sum(t['head'] is None for t in toks) == len({t['sentence'] for t in toks}), 'one root per sentence')
r = run(['annotate', '--format', 'conllu', sample_path])
rows = [l.split('\t') for l in r.stdout.decode().splitlines() if l and not l.startswith('#')]
check(r.returncode == 0 and len(rows) == len(toks) and all(len(c) == 10 for c in rows), 'CoNLL-U: ten columns a token')
r = run(['annotate', '--fast', sample_path])
fast = json.loads(r.stdout)
check(r.returncode == 0 and 'tokens' not in fast and len(fast['quotes']) >= 5, 'annotate --fast still finds the claims')

# stdin and --jsonl with ids, a bad line in the middle
lines = '\n'.join([json.dumps({'id': 'a', 'text': 'Ana Lopes said “yes”.'}), 'not json',
                   json.dumps({'id': 7, 'text': 'Élodie Marchand visited Brenton.'})]) + '\n'
r = run(['annotate', '--jsonl', '-'], lines.encode())
out = [json.loads(l) for l in r.stdout.decode().splitlines()]
check(r.returncode == 1, 'jsonl with a bad line exits 1')
check([d.get('id') for d in out] == ['a', '7'], 'jsonl echoes ids in order')
check(b':2: not a JSON object' in r.stderr, 'jsonl names the bad line')
for d in out:
    check_doc(d, d['text'])

# bad input: invalid UTF-8 is repaired with a warning, missing file fails
r = run(['annotate', '-'], b'Ana \xff Lopes said "hi"')
check(r.returncode == 0 and 'not valid UTF-8' in r.stderr.decode(), 'invalid UTF-8 repaired with a warning')
r = run(['annotate', '/nonexistent/file.txt'])
check(r.returncode == 1 and b'cannot be opened' in r.stderr, 'missing file reported')
r = run(['frobnicate'])
check(r.returncode == 1 and b'usage' in r.stderr, 'unknown command gives usage')
r = run(['annotate', '-'], b'')
check(r.returncode == 0 and json.loads(r.stdout)['mentions'] == [], 'empty input gives an empty document')

print(f"cli: {0 if failures else 1} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
