#!/usr/bin/env python3
"""whosaid on Dask distributed: annotate an archive of JSON Lines shards.

  python3 shell/cluster.py annotate -o OUT_DIR [--workers N | --scheduler tcp://HOST:PORT]
                           [--format json|webanno|brat|conll] [--whosaid PATH] SHARD...

Each shard (a .jsonl or .jsonl.gz file of {"id","text"} lines, given as paths
or globs) is one Dask task. The task streams the shard through the native CLI
(`whosaid annotate --jsonl --error-lines`, one process per task, so no shard
is ever held in memory) and writes exactly one output shard, OUT_DIR/STEM.jsonl,
through a temporary file that is renamed into place; bad lines go to
OUT_DIR/STEM.errors.jsonl as {"line":N,"error":"..."}. The driver alone writes
OUT_DIR/manifest.json, after each shard: the input's size and mtime, the line,
document and error counts, and the output's size and SHA-256.

Rerunning the same command skips every shard whose manifest entry still
matches its input, the options and the engine, and whose output is intact; it
redoes the others. A worker that dies has its task retried on another worker
by the scheduler; since outputs are only ever renamed into place, a shard's
output is never written twice. Ctrl-C stops the run; what is recorded stays.

Exit status: 0 when every shard is done with no bad line, 1 when some lines
were bad or an input was cut short (the run still finished), 2 for a usage
error, 3 when some shards could not be done (listed), 130 when interrupted.
The last line on stdout is a JSON summary.
"""
import argparse, fcntl, glob, hashlib, json, os, subprocess, sys, threading, time, uuid, zlib

SYSTEM_PYTHON = '/usr/bin/python3'  # Debian's python3-dask and python3-distributed live here

try:
    import distributed
except ImportError:
    # Another interpreter first on PATH (pyenv, a venv): use Debian's, once.
    if os.path.exists(SYSTEM_PYTHON) and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) \
            and not os.environ.get('WHOSAID_CLUSTER_REEXEC'):
        os.environ['WHOSAID_CLUSTER_REEXEC'] = '1'
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    sys.exit('whosaid cluster: Dask is missing; install python3-dask and python3-distributed '
             '(source shell/deps.sh; whosaid_deps cluster)')

FORMATS = ('json', 'webanno', 'brat', 'conll')
MANIFEST = 'manifest.json'
PARTIAL = '.partial'  # temporary outputs of running tasks
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHUNK = 1 << 16


# [SECTION] The task: one shard through the native CLI (runs on a worker)

def _blocks(path):
    """The shard's bytes, decompressed when it ends in .gz, in pieces. A cut-short gzip yields all it
    holds and then raises EOFError (gzip.open would drop the last piece)."""
    with open(path, 'rb') as f:
        if not path.endswith('.gz'):
            yield from iter(lambda: f.read(CHUNK), b'')
            return
        d, fed = zlib.decompressobj(wbits=31), False  # fed: the current gzip member has begun
        for raw in iter(lambda: f.read(CHUNK), b''):
            while raw:
                fed = True
                out = d.decompress(raw)
                if out:
                    yield out
                raw = b''
                if d.eof:  # a file of several gzip members goes on with the next
                    raw, d, fed = d.unused_data, zlib.decompressobj(wbits=31), False
        if fed and not d.eof:
            tail = d.flush()
            if tail:
                yield tail
            raise EOFError('the gzip stream ends before its end marker')


def _feed(path, stdin, state):
    """Copies the (decompressed) shard into the CLI's stdin; a cut-short gzip is noted, not fatal."""
    last = b'\n'
    try:
        for block in _blocks(path):
            state['lines'] += block.count(b'\n')
            last = block[-1:]
            stdin.write(block)
    except BrokenPipeError:
        state['broken'] = True
    except (EOFError, OSError, zlib.error) as e:
        state['truncated'] = str(e) or type(e).__name__
    finally:
        if last != b'\n':
            state['lines'] += 1
            state['open_line'] = True
        try:
            stdin.close()
        except OSError:
            pass


def _fsync_close(f):
    f.flush()
    os.fsync(f.fileno())
    f.close()


def annotate_shard(spec):
    """Annotates one shard; returns its manifest entry. Raises when the CLI fails."""
    out_dir, stem = spec['out_dir'], spec['stem']
    partial = os.path.join(out_dir, PARTIAL)
    os.makedirs(partial, exist_ok=True)
    retried = bool(glob.glob(os.path.join(partial, glob.escape(stem) + '.*')))  # an earlier attempt died
    token = uuid.uuid4().hex
    tmp_out = os.path.join(partial, '%s.%s.out' % (stem, token))
    tmp_err = os.path.join(partial, '%s.%s.err' % (stem, token))
    tmp_log = os.path.join(partial, '%s.%s.log' % (stem, token))
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(spec['epoch']))
    start = time.monotonic()
    st = os.stat(spec['input'])
    state = {'lines': 0, 'truncated': None, 'broken': False}
    docs = errors = out_bytes = 0
    digest = hashlib.sha256()
    with open(tmp_out, 'wb') as out, open(tmp_err, 'wb') as err, open(tmp_log, 'wb') as log:
        proc = subprocess.Popen([spec['whosaid'], 'annotate', '--jsonl', '--error-lines', '--format', spec['format'], '-'],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env)
        feeder = threading.Thread(target=_feed, args=(spec['input'], proc.stdin, state), daemon=True)
        feeder.start()
        for line in proc.stdout:
            if line.startswith(b'{"line":'):
                rec = json.loads(line)
                if rec.get('error') == 'blank line':
                    continue  # --error-lines keeps blank lines in step; they are no error and no document
                if 'error' in rec and len(rec) == 2:
                    err.write(line)
                    errors += 1
                    continue
            out.write(line)
            digest.update(line)
            out_bytes += len(line)
            docs += 1
        rc = proc.wait()
        feeder.join()
        if state['truncated']:
            cut_at = state['lines'] if state.get('open_line') else state['lines'] + 1
            rec = {'line': cut_at, 'error': 'input cut short (%s); the lines before were annotated' % state['truncated']}
            err.write((json.dumps(rec) + '\n').encode())
            errors += 1
        _fsync_close(out)
        _fsync_close(err)
    if rc != 0:
        with open(tmp_log, 'rb') as f:
            tail = f.read()[-2000:].decode('utf-8', 'replace').strip()
        for p in (tmp_out, tmp_err, tmp_log):
            os.unlink(p)
        raise RuntimeError('whosaid exited with %s on %s: %s' % (rc, spec['input'], tail))
    final_err = os.path.join(out_dir, stem + '.errors.jsonl')
    if errors:
        os.replace(tmp_err, final_err)
    else:
        os.unlink(tmp_err)
        if os.path.exists(final_err):
            os.unlink(final_err)
    os.replace(tmp_out, os.path.join(out_dir, stem + '.jsonl'))
    os.unlink(tmp_log)
    return {'input': spec['input'], 'input_size': st.st_size, 'input_mtime_ns': st.st_mtime_ns,
            'format': spec['format'], 'engine': spec['engine'], 'output': stem + '.jsonl',
            'output_size': out_bytes, 'sha256': digest.hexdigest(), 'lines': state['lines'], 'documents': docs,
            'errors': errors, 'truncated': state['truncated'], 'retried': retried,
            'seconds': round(time.monotonic() - start, 3)}


# [SECTION] The driver

def _stem(path):
    name = os.path.basename(path)
    for ext in ('.gz', '.jsonl', '.json'):
        if name.endswith(ext):
            name = name[:-len(ext)]
    return name


def _shards(patterns):
    """The input shards, in a stable order; (paths, problems)."""
    paths, problems, seen = [], [], set()
    for p in patterns:
        found = sorted(glob.glob(p)) if glob.has_magic(p) else [p]
        if not found:
            problems.append('%s: no file matches' % p)
        for f in found:
            if not os.path.isfile(f):
                problems.append('%s: not a file' % f)
            elif os.path.realpath(f) not in seen:
                seen.add(os.path.realpath(f))
                paths.append(os.path.abspath(f))
    by_stem = {}
    for f in paths:
        by_stem.setdefault(_stem(f), []).append(f)
    for stem, fs in by_stem.items():
        if len(fs) > 1:
            problems.append('%s would all write %s.jsonl; rename one' % (', '.join(fs), stem))
    return paths, problems


def _write_json_atomic(path, obj):
    tmp = '%s.%s.tmp' % (path, uuid.uuid4().hex)
    with open(tmp, 'w', encoding='utf-8') as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write('\n')
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _load_manifest(path):
    try:
        with open(path, encoding='utf-8') as f:
            m = json.load(f)
        if isinstance(m, dict) and isinstance(m.get('shards'), dict):
            return m
        print('whosaid cluster: %s is not a manifest; every shard is redone' % path, file=sys.stderr)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as e:
        print('whosaid cluster: %s cannot be read (%s); every shard is redone' % (path, e), file=sys.stderr)
    return {'shards': {}}


def _sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def _still_done(entry, path, fmt, engine, out_dir):
    """Whether a manifest entry still stands for this input, these options and an intact output."""
    if not entry:
        return False
    try:
        st = os.stat(path)
        out = os.path.join(out_dir, entry['output'])
        return (entry['input_size'] == st.st_size and entry['input_mtime_ns'] == st.st_mtime_ns
                and entry['format'] == fmt and entry['engine'] == engine
                and os.path.getsize(out) == entry['output_size'] and _sha256(out) == entry['sha256']
                and (entry['errors'] == 0 or os.path.exists(os.path.join(out_dir, entry['output'][:-6] + '.errors.jsonl'))))
    except (OSError, KeyError, TypeError):
        return False


def _engine(whosaid):
    try:
        v = subprocess.run([whosaid, 'version'], capture_output=True, text=True, timeout=30)
    except OSError as e:
        sys.exit('whosaid cluster: %s cannot be run (%s); build it (source shell/deps.sh; whosaid_build native) or pass --whosaid' % (whosaid, e))
    if v.returncode != 0:
        sys.exit('whosaid cluster: %s version failed: %s' % (whosaid, v.stderr.strip()))
    # the version line and the binary's checksum: a changed engine redoes the archive
    import shutil
    return '%s; sha256 %s' % (v.stdout.strip(), _sha256(shutil.which(whosaid) or whosaid)[:16])


class Progress:
    """Shards and documents done, MB/s and an ETA, on one terminal line (a line per shard otherwise)."""

    def __init__(self, total_shards, total_bytes, stream=sys.stderr):
        self.total_shards, self.total_bytes, self.stream = total_shards, total_bytes, stream
        self.shards = self.docs = self.bytes = self.errors = 0
        self.start = time.monotonic()
        self.tty = stream.isatty()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        if self.tty:
            threading.Thread(target=self._tick, daemon=True).start()

    def add(self, entry, skipped=False):
        with self.lock:
            self.shards += 1
            if not skipped:
                self.docs += entry['documents']
                self.bytes += entry['input_size']
                self.errors += entry['errors']
        if not self.tty and not skipped:
            self.note('%s done: %d documents, %d errors, %.2f s'
                      % (os.path.basename(entry['input']), entry['documents'], entry['errors'], entry['seconds']))
        self.draw()

    def note(self, msg):
        """A line of its own, above the progress line."""
        self.stream.write(('\r\033[K' if self.tty else '') + 'whosaid cluster: ' + msg + '\n')
        self.stream.flush()
        self.draw()

    def rate(self):
        return self.bytes / 1e6 / max(time.monotonic() - self.start, 1e-9)

    def draw(self, end=False):
        if not self.tty:
            return
        with self.lock:
            rate = self.rate()
            left = max(self.total_bytes - self.bytes, 0) / 1e6
            eta = ('%.0f s' % (left / rate)) if rate > 0 else '?'
            line = 'shards %d/%d  documents %d  %.2f MB/s  ETA %s' % (self.shards, self.total_shards, self.docs, rate, eta)
        self.stream.write('\r\033[K' + line + ('\n' if end else ''))
        self.stream.flush()

    def _tick(self):
        while not self.stop.wait(1.0):
            self.draw()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def annotate(args):
    t0 = time.monotonic()
    fmt = args.format
    out_dir = os.path.abspath(args.out)
    whosaid = os.path.abspath(args.whosaid) if os.sep in args.whosaid else args.whosaid
    paths, problems = _shards(args.shards)
    if problems:
        for p in problems:
            print('whosaid cluster: ' + p, file=sys.stderr)
        return 2
    if not paths:
        print('whosaid cluster: no shards given', file=sys.stderr)
        return 2
    engine = _engine(whosaid)
    os.makedirs(os.path.join(out_dir, PARTIAL), exist_ok=True)
    lock = open(os.path.join(out_dir, '.lock'), 'w')
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print('whosaid cluster: another run is writing %s; wait for it or use another OUT_DIR' % out_dir, file=sys.stderr)
        return 2
    manifest_path = os.path.join(out_dir, MANIFEST)
    manifest = _load_manifest(manifest_path)
    # Web Annotation times come from the first run, so that a resumed run writes the same bytes
    epoch = int(os.environ.get('SOURCE_DATE_EPOCH') or manifest.get('epoch') or time.time())
    manifest['epoch'] = epoch
    shards = manifest['shards']
    todo, skipped, redone = [], [], []
    for p in paths:
        stem = _stem(p)
        if _still_done(shards.get(stem), p, fmt, engine, out_dir):
            skipped.append(stem)
        else:
            if stem in shards:
                redone.append(stem)
                del shards[stem]
            todo.append((stem, p))
    for stale in glob.glob(os.path.join(out_dir, PARTIAL, '*')):  # left by a run that was killed
        os.unlink(stale)
    total_bytes = sum(os.path.getsize(p) for _, p in todo)
    progress = Progress(len(paths), total_bytes)
    for stem in skipped:
        progress.add(shards[stem], skipped=True)
    _write_json_atomic(manifest_path, manifest)

    failed, retried, interrupted = {}, [], False
    cluster = client = None
    import signal
    old_term = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if todo:
            import logging
            if args.scheduler:
                client = distributed.Client(args.scheduler, timeout=60)
            else:
                cluster = distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                                   host='127.0.0.1', dashboard_address=args.dashboard,
                                                   silence_logs=logging.ERROR)
                client = distributed.Client(cluster)
            link = getattr(client, 'dashboard_link', None) if args.dashboard else None
            nworkers = len(client.scheduler_info().get('workers', {}))
            progress.note('%d shards to do, %d already done, on %d workers%s'
                          % (len(todo), len(skipped), nworkers, ('; dashboard ' + link) if link else ''))
            progress.start = time.monotonic()  # throughput from here: the cluster's start-up is not annotation
            futures = {}
            for stem, p in todo:
                spec = {'input': p, 'stem': stem, 'out_dir': out_dir, 'format': fmt, 'whosaid': whosaid,
                        'engine': engine, 'epoch': epoch}
                futures[client.submit(annotate_shard, spec, key='whosaid-%s-%s' % (stem, uuid.uuid4().hex[:8]),
                                      pure=False)] = stem
            for fut in distributed.as_completed(futures):
                stem = futures[fut]
                try:
                    entry = fut.result()
                except Exception as e:  # the CLI failed, or the task died on every worker it was given
                    failed[stem] = '%s: %s' % (type(e).__name__, e)
                    progress.note('%s not done: %s' % (stem, failed[stem]))
                    continue
                shards[stem] = entry
                if entry['retried']:
                    retried.append(stem)
                _write_json_atomic(manifest_path, manifest)
                progress.add(entry)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, old_term)
        progress.stop.set()
        progress.draw(end=True)
        for closer in (client, cluster):
            if closer is not None:
                try:
                    closer.close(timeout=20)
                except Exception:  # closing after an interrupt can race the workers' own shutdown
                    pass

    if not interrupted:  # every task has ended: what is left was written by attempts that died
        for stale in glob.glob(os.path.join(out_dir, PARTIAL, '*')):
            os.unlink(stale)
    done_now = [s for s, _ in todo if s in shards]
    entries = [shards[_stem(p)] for p in paths if _stem(p) in shards]
    elapsed = time.monotonic() - progress.start
    mb_now = sum(shards[s]['input_size'] for s in done_now) / 1e6
    summary = {
        'shards': len(paths), 'done_now': len(done_now), 'skipped': len(skipped), 'redone': sorted(redone),
        'retried': sorted(retried), 'failed': failed, 'documents': sum(e['documents'] for e in entries),
        'errors': sum(e['errors'] for e in entries),
        'truncated': sorted(_stem(e['input']) for e in entries if e.get('truncated')),
        'mb': round(mb_now, 3), 'seconds': round(elapsed, 3),
        'wall_seconds': round(time.monotonic() - t0, 3), 'mb_per_s': round(mb_now / max(elapsed, 1e-9), 3),
        'docs_per_s': round(sum(shards[s]['documents'] for s in done_now) / max(elapsed, 1e-9), 1),
        'interrupted': interrupted,
    }
    say = lambda s: print('whosaid cluster: ' + s, file=sys.stderr)
    if interrupted:
        say('interrupted: %d of %d shards are done and recorded; run the same command again to finish'
            % (len(entries), len(paths)))
    say('%d documents in %d shards (%d done now, %d already done), %.2f MB in %.1f s, %.2f MB/s, %d bad lines'
        % (summary['documents'], len(entries), len(done_now), len(skipped), mb_now, elapsed, summary['mb_per_s'],
           summary['errors']))
    if redone:
        say('redone (input, options or output changed since the last run): ' + ', '.join(sorted(redone)))
    if retried:
        say('retried after a worker died: ' + ', '.join(sorted(retried)))
    if summary['truncated']:
        say('inputs cut short (their errors file says where): ' + ', '.join(summary['truncated']))
    if summary['errors']:
        say('bad lines are listed in OUT_DIR/STEM.errors.jsonl')
    for stem, why in failed.items():
        say('NOT DONE %s: %s' % (stem, why))
    print(json.dumps(summary, sort_keys=True))
    sys.stdout.flush()
    if interrupted:
        return 130
    if failed:
        return 3
    return 1 if summary['errors'] or summary['truncated'] else 0


def main(argv=None):
    ap = argparse.ArgumentParser(prog='cluster.py', description='whosaid on Dask distributed')
    sub = ap.add_subparsers(dest='command', required=True)
    a = sub.add_parser('annotate', help='annotate JSON Lines shards, one output shard each')
    a.add_argument('shards', nargs='+', metavar='SHARD', help='.jsonl or .jsonl.gz files of {"id","text"} lines, or globs')
    a.add_argument('-o', '--out', required=True, metavar='OUT_DIR')
    where = a.add_mutually_exclusive_group()
    where.add_argument('--workers', type=int, default=2, metavar='N', help='a LocalCluster of N worker processes (default 2)')
    where.add_argument('--scheduler', metavar='tcp://HOST:PORT', help='join a running Dask scheduler')
    a.add_argument('--format', choices=FORMATS, default='json')
    a.add_argument('--whosaid', default=os.path.join(ROOT, 'build', 'native', 'shell', 'whosaid'),
                   help='the native CLI, at the same path on every worker (default: this checkout\'s build)')
    a.add_argument('--dashboard', default=None, metavar=':PORT',
                   help='serve the Dask dashboard here (LocalCluster; needs python3-bokeh)')
    args = ap.parse_args(argv)
    if args.workers < 1:
        ap.error('--workers must be at least 1')
    return annotate(args)


if __name__ == '__main__':
    sys.exit(main())
