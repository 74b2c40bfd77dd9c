#!/usr/bin/env python3
"""Regression test for the entity tagger on the shared evaluation data.

  ner_eval_test.py WHOSAID REPO_ROOT [--retrain]

Runs `whosaid eval` on conll2003/dev.docs.jsonl and gold/sochi.json (read from
REPO_ROOT/../shared/data) and fails when F1 drops more than a point below what
the shipped model reached, or when an actor of the Sochi article is split over
several predicted entities. With --retrain it also runs `whosaid train-ner`
and fails unless that rebuilds assets/ner.bin byte for byte. Exits 77
(skipped) when the data is absent.
"""
import json, os, subprocess, sys, tempfile

# What assets/ner.bin and the knowledge and layout passes reached (closing notes of issues 3 and 16); allow one point.
DEV_F1 = 0.9314
SOCHI_F1 = 1.0
SLACK = 0.01


def run_eval(whosaid, gold, labels, pred_out):
    out = subprocess.run([whosaid, 'eval', '--gold', gold, '--labels', labels, '--pred-out', pred_out],
                         capture_output=True, text=True, check=True).stdout
    print(out)
    return json.loads(out.strip().splitlines()[-1])


def main():
    whosaid, root = sys.argv[1], sys.argv[2]
    data = os.path.join(root, '..', 'shared', 'data')
    dev = os.path.join(data, 'conll2003', 'dev.docs.jsonl')
    sochi = os.path.join(data, 'gold', 'sochi.json')
    if not (os.path.exists(dev) and os.path.exists(sochi)):
        print('SKIPPED: evaluation data not found under ' + os.path.abspath(data))
        return 77
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        r = run_eval(whosaid, dev, 'PER,ORG,LOC,MISC', os.path.join(tmp, 'dev.jsonl'))
        if r['F1'] < DEV_F1 - SLACK:
            print('FAIL: CoNLL dev F1 %.4f < %.4f' % (r['F1'], DEV_F1 - SLACK)); ok = False
        pred_path = os.path.join(tmp, 'sochi.jsonl')
        r = run_eval(whosaid, sochi, 'PER,ORG,LOC', pred_path)
        if r['F1'] < SOCHI_F1 - SLACK:
            print('FAIL: Sochi F1 %.4f < %.4f' % (r['F1'], SOCHI_F1 - SLACK)); ok = False
        gold = json.load(open(sochi, encoding='utf-8'))
        pred = json.loads(open(pred_path, encoding='utf-8').readline())
        entity_at = {(m['start'], m['end']): m.get('entity') for m in pred['mentions']}
        groups = {}
        for m in gold['mentions']:
            groups.setdefault(m['entity'], set()).add(entity_at.get((m['start'], m['end'])))
        for g, ents in sorted(groups.items()):
            if len(ents) > 1:
                print('FAIL: the mentions of %s are split over %s' % (g, sorted(map(str, ents)))); ok = False
        if '--retrain' in sys.argv[3:]:
            fresh = os.path.join(tmp, 'ner.bin')
            subprocess.run([whosaid, 'train-ner', '--data', data, '--lexicon', os.path.join(root, 'assets', 'lexicon'),
                            '--out', fresh], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if open(fresh, 'rb').read() != open(os.path.join(root, 'assets', 'ner.bin'), 'rb').read():
                print('FAIL: train-ner did not reproduce assets/ner.bin byte for byte'); ok = False
    print('OK' if ok else 'FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
