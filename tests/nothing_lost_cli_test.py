#!/usr/bin/env python3
"""CLI tests for issue 18, "nothing lost, ever": checked writes (a full
stdout, a full -o DIR, a killed run), bounded reads (/dev/zero, a 300 MB
stream), no silent overwrites (duplicate ids, d1/x.txt and d2/x.txt, an
input in DIR), strict input (a directory, "speaker": 0, deep nesting),
--error-lines on blank lines, line separators and HTML comments, and
terminal-safe messages. Each check failed before the fix."""
import json, os, resource, signal, subprocess, sys, tempfile, threading, time

exe, root = sys.argv[1], sys.argv[2]
failures = []
LIMIT = 16 << 20  # kDefaultMaxBytes


def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL', what)


def run(args, data=None, timeout=300, **kw):
    return subprocess.run([exe] + args, input=data, capture_output=True, timeout=timeout, **kw)


def measured(args, stdin=subprocess.DEVNULL, feed=None):
    """Runs the CLI in its own Python so that ru_maxrss is this run's alone:
    (exit code, seconds, peak RSS in bytes, stderr)."""
    helper = ('import resource, subprocess, sys, time\n'
              't = time.monotonic()\n'
              'r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n'
              'sys.stdout.write("%d %f %d\\n" % (r.returncode, time.monotonic() - t,'
              ' resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024))\n'
              'sys.stdout.write(r.stderr.decode("utf-8", "replace"))\n')
    p = subprocess.Popen([sys.executable, '-c', helper, exe] + args, stdin=subprocess.PIPE if feed else stdin,
                         stdout=subprocess.PIPE)
    if feed:
        def pump():
            try:
                feed(p.stdin)
            except (BrokenPipeError, OSError):
                pass
            finally:
                try:
                    p.stdin.close()
                except OSError:
                    pass
        threading.Thread(target=pump, daemon=True).start()
    out = p.stdout.read().decode()
    p.wait(timeout=120)
    head, _, err = out.partition('\n')
    code, secs, rss = head.split()
    return int(code), float(secs), int(rss), err


article = ('“We will open the new library on Monday,” Mayor Ana Lopes said.\n\n'
           'The council agreed, and Ben Okafor said the books were already on the shelves.\n')
baseline = measured(['annotate', '-'], feed=lambda f: f.write(article.encode()))
print('baseline peak RSS %.1f MB' % (baseline[2] / 1e6))

with tempfile.TemporaryDirectory() as tmp:
    big = os.path.join(tmp, 'big.txt')
    with open(big, 'w', encoding='utf-8') as f:
        f.write(article * 4000)  # about 600 KB of text, several MB of JSON

    # [SECTION] 1. checked writes
    with open('/dev/full', 'wb') as full:
        r = subprocess.run([exe, 'annotate', big], stdout=full, stderr=subprocess.PIPE, timeout=300)
    check(r.returncode == 3, 'annotate > /dev/full exits 3, not %d' % r.returncode)
    check(b'stdout: cannot be written (No space left on device)' in r.stderr, '/dev/full: the message names stdout and the errno')
    with open('/dev/full', 'wb') as full:  # small output: the failure shows only at the final flush
        r = subprocess.run([exe, 'annotate', '-'], input=article.encode(), stdout=full, stderr=subprocess.PIPE, timeout=60)
    check(r.returncode == 3 and b'No space left' in r.stderr, 'a small output to /dev/full fails at the final flush')
    with open('/dev/full', 'wb') as full:  # every command's stdout is checked, not only annotate's
        r = subprocess.run([exe, 'version'], stdout=full, stderr=subprocess.PIPE, timeout=60)
    check(r.returncode == 3 and r.stderr.count(b'No space left') == 1, 'version > /dev/full exits 3 with one message')

    # -o DIR on a full file system: a 1 MiB tmpfs in a private mount namespace,
    # else files capped by RLIMIT_FSIZE (EFBIG, with SIGXFSZ ignored)
    small = os.path.join(tmp, 'small')
    os.mkdir(small)
    inputs = []
    for i in range(6):
        p = os.path.join(tmp, 'in%d.txt' % i)
        with open(p, 'w', encoding='utf-8') as f:
            f.write(article * (300 + 40 * i))
        inputs.append(p)
    r = subprocess.run(['unshare', '-m', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs "$0" && exec "$@"', small,
                        exe, 'annotate', '--fast', '-o', small] + inputs + ['--format', 'brat'],
                       capture_output=True, timeout=300) if os.geteuid() == 0 else None
    if r is None or b'mount' in r.stderr or b'unshare' in r.stderr:
        print('no tmpfs here: a file size limit instead')

        def cap():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
        r = run(['annotate', '--fast', '-o', small, '--format', 'brat'] + inputs, preexec_fn=cap)
        listing = os.listdir(small)
        sizes = {n: os.path.getsize(os.path.join(small, n)) for n in listing}
    else:
        listing = sizes = None  # the tmpfs is gone with its namespace; the messages tell
    check(r.returncode == 3, '-o on a full file system exits 3, not %d: %s' % (r.returncode, r.stderr[-300:]))
    check(b'cannot be written (' in r.stderr and (b'No space left' in r.stderr or b'too large' in r.stderr),
          '-o DIR: the failed file and the errno are named: %s' % r.stderr[-300:])
    if sizes is not None:
        check(all(s > 0 for s in sizes.values()), 'no zero-byte file is left: %s' % sizes)
        check(not any(n.endswith('.tmp') for n in listing), 'the failed temporary file is removed: %s' % listing)

    # A killed run leaves complete files only, plus temporaries that a rerun removes.
    killed = os.path.join(tmp, 'killed')
    many = []
    for i in range(30):
        p = os.path.join(tmp, 'k%02d.txt' % i)
        with open(p, 'w', encoding='utf-8') as f:
            f.write(article * 200)
        many.append(p)
    ref = json.loads(run(['annotate', '--fast', many[0]]).stdout)
    proc = subprocess.Popen([exe, 'annotate', '--fast', '-o', killed] + many, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (os.path.isdir(killed) and any(n.endswith('.json') for n in os.listdir(killed))):
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    for n in os.listdir(killed):
        path = os.path.join(killed, n)
        if n.startswith('.') and n.endswith('.tmp'):
            continue
        try:
            doc = json.load(open(path, encoding='utf-8'))
            check(doc['text'] == ref['text'], 'a file of a killed run is complete: ' + n)
        except ValueError:
            check(False, 'a file of a killed run is complete JSON: ' + n)
    gone = subprocess.Popen(['true'])
    gone.wait()
    stale = os.path.join(killed, '.k00.json.whosaid-%d.tmp' % gone.pid)
    live = os.path.join(killed, '.k00.json.whosaid-%d.tmp' % os.getpid())
    for p in (stale, live):
        open(p, 'w').write('{"half')
    r = run(['annotate', '--fast', '-o', killed, many[0]])
    check(r.returncode == 0, 'the rerun works')
    check(not os.path.exists(stale), "a rerun removes a killed run's temporary file")
    check(os.path.exists(live), "a rerun keeps the temporary file of a run that is still going")
    os.unlink(live)

    # [SECTION] 2. bounded reads
    code, secs, rss, err = measured(['annotate', '/dev/zero'])
    print('/dev/zero: exit %d in %.2f s, peak RSS %.1f MB' % (code, secs, rss / 1e6))
    check(code == 2, '/dev/zero exits 2, not %d' % code)
    check(secs < 2, '/dev/zero is refused within 2 s (%.2f s)' % secs)
    check(rss - baseline[2] <= LIMIT + (64 << 20), '/dev/zero: peak memory within 64 MB above the limit (%.1f MB)' % (rss / 1e6))
    check('text too large' in err, '/dev/zero: the text-too-large message: ' + err)

    def stream(f, total=300 << 20, chunk=(article.encode() * 8000)[:1 << 20]):
        for _ in range(total // len(chunk)):
            f.write(chunk)
    code, secs, rss, err = measured(['annotate', '-'], feed=stream)
    print('300 MB on stdin: exit %d in %.2f s, peak RSS %.1f MB' % (code, secs, rss / 1e6))
    check(code == 2 and 'text too large' in err, 'a 300 MB stream is refused with exit 2: %d %s' % (code, err[:300]))
    check(rss - baseline[2] <= LIMIT + (64 << 20), '300 MB stream: peak memory within 64 MB above the limit (%.1f MB)' % (rss / 1e6))
    code, secs, rss, err = measured(['annotate', '--jsonl', '-'],
                                    feed=lambda f: (f.write(b'{"id":"long","text":"'), stream(f, 40 << 20, b'word ' * (1 << 18)), f.write(b'"}\n{"id":"ok","text":"Ana said hi."}\n')))
    print('--jsonl, a 40 MB line: exit %d in %.2f s, peak RSS %.1f MB' % (code, secs, rss / 1e6))
    check(code == 1 and err.startswith('whosaid: -:1: line longer than'), 'a --jsonl line over the limit is refused: %d %s' % (code, err[:300]))
    check(rss - baseline[2] <= LIMIT + (64 << 20), '--jsonl: a long line costs at most the limit (%.1f MB)' % (rss / 1e6))
    r = run(['annotate', '--jsonl', '-'], data=b'{"id":"n\x00ul","text":"x"}\n{"id":"b","text":"Ana said hi."}\n')
    out = r.stdout.decode().splitlines()
    check(r.returncode == 1 and len(out) == 1 and json.loads(out[0])['id'] == 'b', 'a NUL byte fails its line only')

    # [SECTION] 3. no silent overwrites
    jl = os.path.join(tmp, 'dups.jsonl')
    with open(jl, 'w', encoding='utf-8') as f:
        for i, ident in enumerate(['a', 'a', 'A', 'line-4', None]):
            rec = {'text': 'Speaker %d said hi.' % i}
            if ident is not None:
                rec['id'] = ident
            f.write(json.dumps(rec) + '\n')
    out = os.path.join(tmp, 'dups')
    r = run(['annotate', '--jsonl', '-o', out, jl])
    names = sorted(os.listdir(out))
    check(r.returncode == 0, 'duplicate ids: exit 0')
    check(names == ['A-3.json', 'a-2.json', 'a.json', 'line-4.json', 'line-5.json'] or len(names) == 5,
          'duplicate ids: one file each: %s' % names)
    texts = sorted(json.load(open(os.path.join(out, n)))['text'] for n in names)
    check(texts == sorted('Speaker %d said hi.' % i for i in range(5)), 'duplicate ids: every record kept')
    check(b'a.json would overwrite another output or an input of this run; written as a-2.json' in r.stderr, 'duplicate ids: a warning says so')

    for d, who in (('d1', 'Ana'), ('d2', 'Ben')):
        os.mkdir(os.path.join(tmp, d))
        open(os.path.join(tmp, d, 'x.txt'), 'w').write(who + ' said hi.')
    out = os.path.join(tmp, 'xx')
    r = run(['annotate', '-o', out, os.path.join(tmp, 'd1/x.txt'), os.path.join(tmp, 'd2/x.txt')])
    check(sorted(os.listdir(out)) == ['x-2.json', 'x.json'], 'd1/x.txt and d2/x.txt: two files: %s' % os.listdir(out))
    check(json.load(open(os.path.join(out, 'x-2.json')))['text'] == 'Ben said hi.', 'd2/x.txt is x-2.json')
    inplace = os.path.join(tmp, 'd1')
    before = open(os.path.join(inplace, 'x.txt'), 'rb').read()
    r = run(['annotate', '--format', 'brat', '-o', inplace, os.path.join(inplace, 'x.txt')])
    check(open(os.path.join(inplace, 'x.txt'), 'rb').read() == before, 'brat -o into the input folder leaves the input as it was')
    check(os.path.exists(os.path.join(inplace, 'x-2.ann')), 'brat -o into the input folder writes x-2.txt and x-2.ann')

    # [SECTION] 5. strict input, line breaks, --error-lines, terminal safety
    r = run(['annotate', '--jsonl', tmp])
    check(r.returncode == 1 and b'is a directory' in r.stderr, 'a directory given to --jsonl exits 1 with a message')
    r = run(['annotate', tmp])
    check(r.returncode == 1 and b'is a directory' in r.stderr, 'a directory given as a file exits 1 with a message')

    lines = ['{"id":"a","text":"Ana said hi."}', '', '   ', '{"id":"b","text":"Ben said no."}', 'oops', '', '{"text":"x"}']
    r = run(['annotate', '--jsonl', '--error-lines', '-'], data=('\n'.join(lines) + '\n').encode())
    out = r.stdout.decode().split('\n')[:-1]
    check(r.returncode == 0 and len(out) == len(lines), '--error-lines: one output line per input line (%d for %d)' % (len(out), len(lines)))
    for i, (src, got) in enumerate(zip(lines, out), 1):
        o = json.loads(got)
        if src.strip() in ('', 'oops'):
            check(o.get('line') == i and 'error' in o, '--error-lines: line %d is an error line: %s' % (i, got))
        else:
            check(o.get('schema') == 'whosaid/1', '--error-lines: line %d is its document' % i)

    doc = {'schema': 'whosaid/1', 'text': 'Ana said hi.', 'entities': [{'id': 'e1', 'label': 'PER', 'name': 'Ana'}],
           'quotes': [{'start': 4, 'end': 11, 'speaker': 0}]}
    r = run(['annotate', '--input', 'json', '-'], data=json.dumps(doc).encode())
    check(r.returncode == 1 and b'quotes[0].speaker: must be an entity id (a string) or null, not an integer' in r.stderr,
          '"speaker": 0 is an error with its path: %s' % r.stderr)
    recs = [{'id': 7, 'text': 'Ana said hi.'}, {'id': ['x'], 'text': 'a'}, {'text': 5}, {'text': 'b', 'file': 3}]
    r = run(['annotate', '--jsonl', '-'], data=''.join(json.dumps(x) + '\n' for x in recs).encode())
    check(r.stderr.decode().splitlines() == ['whosaid: -:2: id: must be a string or a number, not an array',
                                             'whosaid: -:3: text: must be a string, not an integer',
                                             'whosaid: -:4: file: must be a string, not an integer'],
          '--jsonl records: wrong types are errors naming the member: %r' % r.stderr)
    check(json.loads(r.stdout.decode().splitlines()[0])['id'] == '7', '--jsonl: a numeric id is kept, as text')
    deep = '{"schema":"whosaid/1","text":"x","extra":' + '[' * 100000 + ']' * 100000 + '}'
    r = run(['annotate', '--input', 'json', '-'], data=deep.encode())
    check(r.returncode == 1 and b'nested more than 128 levels deep' in r.stderr, 'a 100k-deep document: exit 1 and a message')

    r = run(['annotate', '--input', 'html', '-'], data='<p>Ana Lopes <!--> said the bridge is open.</p>'.encode())
    check(r.returncode == 0 and json.loads(r.stdout)['text'] == 'Ana Lopes said the bridge is open.', "'<!-->' keeps the rest of the page")

    text = '“We will build\u2028the bridge before winter,” the mayor said.'
    q = json.loads(run(['annotate', '-'], data=text.encode()).stdout)['quotes']
    check(len(q) == 1 and q[0]['content_spans'][0][0] == 0, 'U+2028 inside a quotation: one claim: %s' % q)
    r = run(['annotate', '--format', 'brat', '-'], data=text.replace('\u2028', '\u0085').encode())
    check(all(len(l.split('\t')) >= 2 for l in r.stdout.decode().splitlines()), "brat: every line Python reads is a record")

    # JSON Lines out: every record one line for every reader, whatever the format
    rec = json.dumps({'id': 'sep\u2028id', 'text': text.replace('\u2028', '\u2029\u0085')}) + '\nnot json \u2028 at all\n'
    for fmt in ('json', 'brat', 'conll', 'html'):
        r = run(['annotate', '--jsonl', '--error-lines', '--format', fmt, '-'], data=rec.encode())
        got = r.stdout.decode()
        check(len(got.splitlines()) == 2 and all(json.loads(l) for l in got.splitlines()),
              '--jsonl --format %s: one line per record for splitlines(): %r' % (fmt, got[:200]))

    warned = {'schema': 'whosaid/1', 'text': 'x', 'warnings': ['odd \x1b[2J\x1b]0;owned\x07 \u009b1m thing']}
    r = run(['annotate', '-'], data=json.dumps(warned).encode())
    check(r.returncode == 0 and b'\x1b' not in r.stderr and b'\x07' not in r.stderr and '\u009b'.encode() not in r.stderr,
          'an escape sequence in a warning never reaches the terminal: %r' % r.stderr)
    check(b'odd \\x1b[2J\\x1b]0;owned\\x07 \\u009b1m thing' in r.stderr, 'the warning shows its escapes: %r' % r.stderr)
    r = run(['annotate', 'no\x1b[2Jsuch-file'])
    check(r.returncode == 1 and b'\x1b' not in r.stderr and b'no\\x1b[2Jsuch-file' in r.stderr, 'a file name in a message is shown safely')

if failures:
    print('%d failures' % len(failures))
    sys.exit(1)
print('all issue-18 CLI checks passed')
