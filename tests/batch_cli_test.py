#!/usr/bin/env python3
"""CLI test for exports, imports and batch mode: `whosaid annotate --format
json|webanno|brat|conll|html`, `--input`, `-o DIR`, `--jsonl` with bad lines,
and `--jobs N` keeping the input order. The HTML handout is parsed with
html.parser and must hold no executable tag or attribute."""
import html.parser, json, os, subprocess, sys, tempfile

exe, root = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL', what)


def run(args, data=None):
    return subprocess.run([exe] + args, input=data, capture_output=True, timeout=300)


sample_path = os.path.join(root, 'assets/sample.txt')
sample = open(sample_path, encoding='utf-8').read()
ref = json.loads(run(['annotate', sample_path]).stdout)

# [SECTION] formats
r = run(['annotate', '--format', 'webanno', sample_path])
check(r.returncode == 0, 'webanno exits 0')
wa = json.loads(r.stdout)
check(wa['type'] == 'AnnotationCollection' and wa['first']['items'], 'webanno is a collection')
for m, a in zip(ref['mentions'], wa['first']['items']):
    pos, quote = a['target']['selector']
    check((pos['start'], pos['end']) == (m['start'], m['end']), 'webanno offsets equal whosaid/1')
    check(quote['exact'] == sample[m['start']:m['end']], 'TextQuoteSelector.exact is the slice')

r = run(['annotate', '--format', 'conll', sample_path])
rows = [l.split('\t') for l in r.stdout.decode().splitlines() if l]
check(r.returncode == 0 and all(len(x) == 4 and sample[int(x[1]):int(x[2])] == x[0] for x in rows), 'conll rows slice')
check(sum(x[3].startswith('B-') for x in rows) == len(ref['mentions']), 'conll: one B- per mention')

r = run(['annotate', '--format', 'bogus', sample_path])
check(r.returncode == 1 and b'--format' in r.stderr, 'unknown format is refused')

# [SECTION] brat with -o DIR, from an HTML page
page = ('<!doctype html><html><head><title>T</title><script>var x = "Ana Lopes said";</script></head><body>'
        '<nav>Home | World</nav><article><p>Mayor Ana Lopes said the bridge would open.</p>'
        '<!-- hidden --><p>“It is ready,” Lopes told the <b>Vellmar Gazette</b>.</p></article></body></html>')
with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, 'story.html')
    open(src, 'w', encoding='utf-8').write(page)
    out = os.path.join(tmp, 'out')
    r = run(['annotate', '--format', 'brat', '-o', out, src])
    check(r.returncode == 0, 'brat -o exits 0: ' + r.stderr.decode())
    txt = open(os.path.join(out, 'story.txt'), encoding='utf-8').read()
    ann = open(os.path.join(out, 'story.ann'), encoding='utf-8').read()
    check(os.path.exists(os.path.join(out, 'annotation.conf')), 'brat annotation.conf written')
    check('var x' not in txt and 'Home' not in txt and 'hidden' not in txt, 'HTML import drops script, nav, comments')
    check('\n\n' in txt, 'HTML import keeps paragraphs')
    ts = {}
    for line in ann.splitlines():
        if line.startswith('T'):
            tid, mid, text = line.split('\t')
            typ, offs = mid.split(' ', 1)
            frags = [tuple(map(int, f.split())) for f in offs.split(';')]
            check(' '.join(txt[a:b] for a, b in frags) == text, f'brat T slices: {line}')
            ts[tid] = typ
    check('PER' in ts.values() and 'Quote' in ts.values(), 'brat has PER and Quote')
    check(any(l.startswith('R') and 'SaidBy' in l for l in ann.splitlines()), 'brat has SaidBy')
    # auto detection by extension: the same page as .html and as --input html on stdin
    j1 = json.loads(run(['annotate', src]).stdout)
    j2 = json.loads(run(['annotate', '--input', 'html', '-'], page.encode()).stdout)
    check(j1['text'] == txt == j2['text'], 'html by extension == --input html == brat .txt')
    md = os.path.join(tmp, 'notes.md')
    open(md, 'w', encoding='utf-8').write('# Title\n\nMayor **Ana Lopes** said [the bridge](http://x.invalid) is ready.\n')
    check(json.loads(run(['annotate', md]).stdout)['text'].startswith('Title\n\nMayor Ana Lopes said the bridge'), 'markdown import')
    # a whosaid/1 file converts as it is
    jf = os.path.join(tmp, 'doc.json')
    open(jf, 'w', encoding='utf-8').write(json.dumps(ref))
    r = run(['annotate', '--format', 'json', jf])
    check(json.loads(r.stdout) == ref, 'whosaid/1 in, the same whosaid/1 out')
    r = run(['annotate', '--input', 'json', '-'], b'{"schema":"whosaid/1"}')
    check(r.returncode == 1 and b'"text" must be a string' in r.stderr, 'bad whosaid/1 reported')
    # a corrected document through Web Annotation and brat and back: the same document, edits included
    m0 = ref['mentions'][0]
    corrected = dict(ref, edits=[{'op': 'mention.remove', 'at': {'start': m0['start'], 'end': m0['end']}, 'by': 'Ms Novak',
                                  'time': '2026-05-04T09:30:00Z'}])
    cf = os.path.join(tmp, 'corrected.json')
    open(cf, 'w', encoding='utf-8').write(json.dumps(corrected))
    want = json.loads(run(['annotate', '--reannotate', cf]).stdout)
    check(want['edits'][0]['at']['exact'] == m0['text'] and not want['edits'][0].get('unplaced'), 'the edit is placed')
    check(len(want['mentions']) == len(ref['mentions']) - 1, 'the edit is applied')
    open(cf, 'w', encoding='utf-8').write(json.dumps(want))
    wa = os.path.join(tmp, 'corrected.jsonld')
    r = run(['annotate', '--format', 'webanno', cf])
    open(wa, 'w', encoding='utf-8').write(r.stdout.decode())
    w = json.loads(r.stdout)
    items = w['first']['items']
    check(all('@context' in a and a['creator']['type'] in ('Person', 'Software') and 'created' in a for a in items),
          'every annotation stands alone, with its provenance')
    check(json.loads(run(['annotate', wa]).stdout) == want, 'webanno in: the same document')
    bo = os.path.join(tmp, 'brat-out')
    run(['annotate', '--format', 'brat', '-o', bo, cf])
    back = json.loads(run(['annotate', os.path.join(bo, 'corrected.ann')]).stdout)
    check(back == {k: v for k, v in want.items() if k != 'warnings'}, 'brat in: the same document')

# [SECTION] the HTML handout is inert
hostile = ('<script>alert(1)</script> Mayor Ana Lopes said “\"><img src=x onerror=alert(2)>” on Monday.\n\n'
           '</style><style>body{display:none}</style> “It is <b onmouseover=alert(3)>fine</b>,” Lopes told the '
           '<svg onload=alert(4)> Gazette. <a href="javascript:alert(5)">x</a>')


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]

    def handle_data(self, d):
        self.text.append(d)


r = run(['annotate', '--format', 'html', '-'], hostile.encode())
check(r.returncode == 0, 'html exits 0')
p = Tags()
p.feed(r.stdout.decode())
allowed = {'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'div', 'span', 'mark', 'sup', 'a',
           'table', 'thead', 'tbody', 'tr', 'th', 'td'}
check(set(p.tags) <= allowed, f'only our tags: {set(p.tags) - allowed}')
check(p.tags.count('style') == 1, 'one stylesheet, ours')
check(not any(k.startswith('on') for _, k, _ in p.attrs), 'no event handler attributes')
check(all(v.startswith('#') for t, k, v in p.attrs if k == 'href'), 'links stay in the page')
check(any(k == 'http-equiv' and v == 'Content-Security-Policy' for _, k, v in p.attrs), 'CSP meta tag')
csp = [v for t, k, v in p.attrs if t == 'meta' and k == 'content' and 'default-src' in v]
check(csp and "default-src 'none'" in csp[0] and "script-src 'none'" in csp[0], 'strict CSP')
body = ''.join(p.text)
check('<script>alert(1)</script>' in body and 'onerror=alert(2)>' in body and '</style>' in body,
      'hostile text shown as text')

# [SECTION] --jsonl and --jobs
lines = []
for i in range(300):  # several batches of 64 records
    if i in (7, 31, 200):
        lines.append('{"id": broken')
    elif i == 44:
        lines.append(json.dumps({'id': 'no-text'}))
    else:
        lines.append(json.dumps({'id': f'd{i}', 'text': f'Mayor Ana Lopes said “item {i} is ready,” and Tomasz Kowalczyk agreed.'}))
data = ('\n'.join(lines) + '\n').encode()
outs = {}
for jobs in ('1', '2', '3'):
    r = run(['annotate', '--jsonl', '--jobs', jobs, '-'], data)
    outs[jobs] = r
    check(r.returncode == 1, f'jsonl with bad lines exits 1 (jobs {jobs})')
    ids = [json.loads(l)['id'] for l in r.stdout.decode().splitlines()]
    check(ids == [f'd{i}' for i in range(300) if i not in (7, 31, 44, 200)], f'jsonl order kept (jobs {jobs})')
    err = r.stderr.decode().splitlines()
    check(err == ['whosaid: -:8: not a JSON object', 'whosaid: -:32: not a JSON object',
                  'whosaid: -:45: missing string field "text"', 'whosaid: -:201: not a JSON object'], f'jsonl errors by line, in order (jobs {jobs}): {err}')
check(outs['1'].stdout == outs['2'].stdout == outs['3'].stdout, 'same output for any --jobs')

r = run(['annotate', '--jsonl', '--error-lines', '--jobs', '2', '-'], data)
out = [json.loads(l) for l in r.stdout.decode().splitlines()]
check(r.returncode == 0 and len(out) == 300, '--error-lines: exit 0, one output line per input line')
check(out[7] == {'line': 8, 'error': 'not a JSON object'} and out[8]['id'] == 'd8', '--error-lines: the error in its place')

r = run(['annotate', '--jsonl', '--format', 'conll', '-'], lines[0].encode())
o = json.loads(r.stdout)
check(o['id'] == 'd0' and o['format'] == 'conll' and 'B-PER' in o['content'], 'jsonl conll record')
r = run(['annotate', '--jsonl', '--format', 'brat', '-'], lines[0].encode())
o = json.loads(r.stdout)
check(o['txt'].startswith('Mayor Ana') and o['ann'].startswith('T1\t'), 'jsonl brat record')
r = run(['annotate', '--jsonl', '--input', 'html', '-'], json.dumps({'id': 'h', 'text': '<p>One.</p><script>x</script><p>Two.</p>'}).encode())
check(json.loads(r.stdout)['text'] == 'One.\n\nTwo.', 'jsonl --input html imports each record')

# several files with --jobs keep their order
with tempfile.TemporaryDirectory() as tmp:
    paths = []
    for i in range(6):
        p_ = os.path.join(tmp, f'f{i}.txt')
        open(p_, 'w', encoding='utf-8').write(f'Story {i}: Ana Lopes said it.')
        paths.append(p_)
    r = run(['annotate', '--jobs', '2'] + paths)
    texts = [json.loads(l)['text'] for l in r.stdout.decode().splitlines()]
    check(texts == [f'Story {i}: Ana Lopes said it.' for i in range(6)], 'files in order with --jobs 2')
    r = run(['annotate', paths[0], '/nonexistent/x.txt', paths[1]])
    check(r.returncode == 1 and len(r.stdout.decode().splitlines()) == 2 and b'cannot be opened' in r.stderr,
          'a missing file among several is reported, the others annotated')

# a stream's reader gets each document as soon as it is annotated, not at the end
import select
p_ = subprocess.Popen([exe, 'annotate', '--jsonl', '-'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
got = []
for i in range(2):
    p_.stdin.write(json.dumps({'id': f's{i}', 'text': f'Ana Lopes said the ferry {i} was late.'}).encode() + b'\n')
    p_.stdin.flush()
    ready, _, _ = select.select([p_.stdout], [], [], 20)
    got.append(json.loads(p_.stdout.readline())['id'] if ready else None)
p_.stdin.close()
p_.wait(timeout=20)
check(got == ['s0', 's1'], f'--jsonl flushes after each document while its input stays open ({got})')

print(f'batch cli: {"ok" if not failures else "FAILED"} ({len(failures)} failures)')
sys.exit(1 if failures else 0)
