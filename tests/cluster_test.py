#!/usr/bin/env python3
"""shell/cluster.py against a real Dask LocalCluster of 2 workers on loopback.

  cluster_test.py WHOSAID REPO_ROOT

Over 8 generated shards of 4,000 documents in all (tests/archive_gen.py):
  1. the output shards equal single-process `whosaid annotate --jsonl`, byte for byte;
  2. a worker killed in mid-run (SIGKILL on its process): the run completes,
     nothing lost, nothing duplicated, the shard reported as retried;
  3. the driver interrupted (SIGINT) and rerun: only the unfinished shards are
     redone, and the outputs are the same bytes;
  4. a shard with corrupt lines and a gzip shard cut short: error records with
     their line numbers, the run goes on, the cut shard is reported.
Every step is bounded in time and stops its cluster. Exits 77 (skipped) when
Dask is not installed.
"""
import gzip, json, os, shutil, signal, subprocess, sys, tempfile, time

SYSTEM_PYTHON = '/usr/bin/python3'
try:
    import distributed
except ImportError:
    if os.path.exists(SYSTEM_PYTHON) and not os.environ.get('WHOSAID_CLUSTER_REEXEC'):
        os.environ['WHOSAID_CLUSTER_REEXEC'] = '1'
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    print('SKIPPED: Dask is not installed (whosaid_deps cluster)')
    sys.exit(77)

STEP_TIMEOUT = 180  # seconds for any one run of the driver
EPOCH = '1780000000'


def main():
    whosaid, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    sys.path.insert(0, os.path.join(root, 'tests'))
    from archive_gen import write_archive
    driver = [SYSTEM_PYTHON if os.path.exists(SYSTEM_PYTHON) else sys.executable, os.path.join(root, 'shell', 'cluster.py')]
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    fails = []

    def check(ok, what):
        print(('ok   ' if ok else 'FAIL ') + what)
        if not ok:
            fails.append(what)

    def run(args, **kw):
        p = subprocess.run(driver + args, capture_output=True, text=True, timeout=STEP_TIMEOUT, env=env, **kw)
        summary = json.loads(p.stdout.strip().splitlines()[-1]) if p.stdout.strip() else {}
        return p.returncode, summary, p.stderr

    def read(path):
        with open(path, 'rb') as f:
            return f.read()

    with tempfile.TemporaryDirectory() as tmp:
        shards = write_archive(os.path.join(tmp, 'in'), shards=8, docs=4000)
        expected = {}
        for s in shards:
            with open(s, 'rb') as f:
                expected[os.path.basename(s)] = subprocess.run([whosaid, 'annotate', '--jsonl'], stdin=f, env=env,
                                                               capture_output=True, check=True, timeout=STEP_TIMEOUT).stdout

        def same_outputs(out):
            return all(read(os.path.join(out, name)) == want for name, want in expected.items())

        # A slow engine (a second before each run) so that a kill or an interrupt lands in mid-run.
        slow = os.path.join(tmp, 'slow-whosaid')
        with open(slow, 'w') as f:
            f.write('#!/bin/sh\n[ "$1" = version ] || sleep 1\nexec %s "$@"\n' % whosaid)
        os.chmod(slow, 0o755)

        # 1. byte for byte
        out1 = os.path.join(tmp, 'out1')
        rc, summary, err = run(['annotate', '-o', out1, '--workers', '2', '--whosaid', whosaid,
                                os.path.join(tmp, 'in', '*.jsonl')])
        check(rc == 0 and summary.get('documents') == 4000 and summary.get('done_now') == 8,
              '8 shards, 4000 documents, exit 0 (got %s, %s)' % (rc, summary))
        check(same_outputs(out1), 'outputs equal single-process annotate --jsonl byte for byte')
        manifest = json.load(open(os.path.join(out1, 'manifest.json')))
        check(sorted(manifest['shards']) == sorted(n[:-6] for n in expected)
              and all(e['documents'] == 500 and e['errors'] == 0 for e in manifest['shards'].values()),
              'the manifest records every shard with its counts')
        rc, summary, err = run(['annotate', '-o', out1, '--workers', '2', '--whosaid', whosaid] + shards)
        check(rc == 0 and summary.get('skipped') == 8 and summary.get('done_now') == 0,
              'a second run skips the 8 finished shards (got %s)' % summary)
        with open(os.path.join(out1, 'shard-003.jsonl'), 'r+b') as f:  # damage one output
            f.seek(100)
            f.write(b'#')
        rc, summary, err = run(['annotate', '-o', out1, '--workers', '1', '--whosaid', whosaid] + shards)
        check(rc == 0 and summary.get('redone') == ['shard-003'] and same_outputs(out1),
              'a damaged output is found by its checksum and redone (got %s)' % summary.get('redone'))

        # 2. a worker killed in mid-run, on a cluster the test runs itself
        out2 = os.path.join(tmp, 'out2')
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host='127.0.0.1',
                                           dashboard_address=None, silence_logs=50)
        client = distributed.Client(cluster)
        try:
            pids = client.run(os.getpid)
            p = subprocess.Popen(driver + ['annotate', '-o', out2, '--scheduler', cluster.scheduler_address,
                                           '--whosaid', slow] + shards,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            deadline = time.monotonic() + 60
            partial = os.path.join(out2, '.partial')
            # both workers in mid-task (two partial outputs), so that the one killed surely had a shard
            # (on a busy machine one worker may not have started yet, and its kill retried nothing)
            while time.monotonic() < deadline and not (os.path.isdir(partial) and sum(n.endswith('.out') for n in os.listdir(partial)) >= 2):
                time.sleep(0.05)
            victim = sorted(pids.values())[0]
            os.kill(victim, signal.SIGKILL)
            stdout, stderr = p.communicate(timeout=STEP_TIMEOUT)
            summary = json.loads(stdout.strip().splitlines()[-1])
            check(p.returncode == 0 and summary['documents'] == 4000 and not summary['failed'],
                  'a worker killed in mid-run: the run completes (exit %s, %s)' % (p.returncode, stderr[-300:]))
            check(same_outputs(out2), 'nothing lost and nothing duplicated after the kill')
            check(len(summary['retried']) >= 1, 'the killed worker\'s shard is reported as retried (%s)' % summary['retried'])
            check(not os.listdir(partial), 'no temporary output is left behind')
        finally:
            client.close()
            cluster.close()

        # 3. the driver interrupted, then rerun
        out3 = os.path.join(tmp, 'out3')
        p = subprocess.Popen(driver + ['annotate', '-o', out3, '--workers', '2', '--whosaid', slow] + shards,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        deadline = time.monotonic() + 90
        done_before = set()
        while time.monotonic() < deadline:
            try:
                done_before = set(json.load(open(os.path.join(out3, 'manifest.json')))['shards'])
            except (OSError, ValueError):
                pass
            if len(done_before) >= 2:
                break
            time.sleep(0.05)
        p.send_signal(signal.SIGINT)
        p.communicate(timeout=STEP_TIMEOUT)
        done_before = set(json.load(open(os.path.join(out3, 'manifest.json')))['shards'])
        check(p.returncode == 130 and 2 <= len(done_before) < 8,
              'interrupted with %d of 8 shards recorded (exit %s)' % (len(done_before), p.returncode))
        rc, summary, err = run(['annotate', '-o', out3, '--workers', '2', '--whosaid', slow] + shards)
        check(rc == 0 and summary['skipped'] == len(done_before) and summary['done_now'] == 8 - len(done_before),
              'the rerun redoes only the %d unfinished shards (got %s)' % (8 - len(done_before), summary))
        check(same_outputs(out3), 'the resumed outputs equal the single-process outputs')

        # 4. corrupt lines and a gzip shard cut short
        bad_dir = os.path.join(tmp, 'bad')
        os.makedirs(bad_dir)
        good = read(shards[0]).splitlines(keepends=True)
        corrupt = good[:3] + [b'{"id": "x", "text": \n', b'not json at all\n', b'\xff\xfe\n'] + good[3:6]
        with open(os.path.join(bad_dir, 'corrupt.jsonl'), 'wb') as f:
            f.writelines(corrupt)
        whole = gzip.compress(b''.join(good[:200]), mtime=0)
        with open(os.path.join(bad_dir, 'cut.jsonl.gz'), 'wb') as f:
            f.write(whole[:len(whole) // 2])
        out4 = os.path.join(tmp, 'out4')
        rc, summary, err = run(['annotate', '-o', out4, '--workers', '2', '--whosaid', whosaid,
                                os.path.join(bad_dir, '*')])
        check(rc == 1 and summary.get('shards') == 2 and summary.get('truncated') == ['cut'],
              'bad lines and a cut gzip: the run finishes, exit 1, the cut shard reported (got %s, %s)' % (rc, summary))
        errs = [json.loads(l) for l in open(os.path.join(out4, 'corrupt.errors.jsonl'))]
        check([e['line'] for e in errs] == [4, 5, 6], 'the corrupt lines are listed by line number (%s)' % errs)
        want = subprocess.run([whosaid, 'annotate', '--jsonl'], input=b''.join(good[:3] + good[3:6]), env=env,
                              capture_output=True, timeout=STEP_TIMEOUT).stdout
        check(read(os.path.join(out4, 'corrupt.jsonl')) == want, 'the good lines around them are annotated as usual')
        cut_docs = len(read(os.path.join(out4, 'cut.jsonl')).splitlines())
        cut_errs = [json.loads(l) for l in open(os.path.join(out4, 'cut.errors.jsonl'))]
        check(0 < cut_docs < 200 and any('cut short' in e['error'] for e in cut_errs),
              'the cut gzip gives the documents before the cut (%d) and says where it was cut' % cut_docs)

        # usage errors
        dup = os.path.join(tmp, 'dup')
        os.makedirs(dup)
        shutil.copy(shards[0], os.path.join(dup, 'shard-000.jsonl'))
        rc, summary, err = run(['annotate', '-o', os.path.join(tmp, 'out5'), '--whosaid', whosaid, shards[0],
                                os.path.join(dup, 'shard-000.jsonl')])
        check(rc == 2 and 'rename one' in err, 'two inputs that would write one output are refused (exit %s)' % rc)
        rc, summary, err = run(['annotate', '-o', os.path.join(tmp, 'out5'), '--whosaid', whosaid,
                                os.path.join(tmp, 'nothing-*.jsonl')])
        check(rc == 2 and 'no file matches' in err, 'a glob that matches nothing is refused (exit %s)' % rc)

    for f in fails:
        print('FAIL: ' + f)
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
