#!/usr/bin/env python3
"""Generates an archive of short news items in our own words, as JSON Lines
shards of {"id","text"}, for the archive tests and benchmarks.

  archive_gen.py OUT_DIR [--shards 8] [--docs 4000] [--gzip]

Deterministic: the same arguments write the same bytes. Every item is built
from the invented names, bodies and places below, so nothing is copied from
any real article.
"""
import argparse, gzip, json, os, random

PEOPLE = ['Ana Lopes', 'Tomasz Kowalczyk', 'Helen Okafor', 'Ayşe Demir', 'Piotr Nowak', 'Marta Silva',
          'Daniel Whitcombe', 'Ingrid Solberg', 'Kwame Mensah', 'Lucía Ferreyra', 'Oren Katz', 'Mei Tanaka']
BODIES = ['the Green Alliance', 'the Northern Rivers Authority', 'Vellmar Council', 'the Harbour Trust',
          'the Teachers’ Union of Ostrava', 'Brightwater Energy', 'the Ministry of Transport', 'Kelso Mining']
PLACES = ['Vellmar', 'Port Ardent', 'Ostrava', 'Lindqvist Bay', 'Sankt Roda', 'New Calder']
GROUPS = ['local officials', 'two senior engineers', 'residents of the old quarter', 'union members',
          'people familiar with the talks', 'rescue workers']
TOPICS = ['the bridge project', 'the new tram line', 'the school budget', 'the harbour dredging',
          'the water tariff', 'the wind farm', 'the hospital merger', 'the ferry timetable']
VERBS = ['said', 'told reporters', 'argued', 'warned', 'insisted', 'claimed', 'explained', 'added']


def item(rng, i):
    a, b = rng.sample(PEOPLE, 2)
    body, place, group, topic = rng.choice(BODIES), rng.choice(PLACES), rng.choice(GROUPS), rng.choice(TOPICS)
    n = rng.randint(2, 90)
    parts = [
        f'{a} said on {rng.choice(["Monday", "Tuesday", "Friday"])} that {topic} in {place} '
        f'would cost {n} million more than planned.',
        f'“We knew the ground was soft, and we said so a year ago,” {a.split()[-1]} {rng.choice(VERBS)}.',
        f'{b} of {body} disagreed, saying the figures ignored cheaper options.',
    ]
    if rng.random() < 0.6:
        parts.append(f'According to {group}, the work could stop for {rng.randint(2, 12)} weeks.')
    if rng.random() < 0.5:
        parts.append(f'“Nobody asked us,” one of {group} said. “{rng.choice(["We will", "They must"])} '
                     f'{rng.choice(["wait", "explain it", "pay for it"])}.”')
    if rng.random() < 0.3:
        parts.append(f'{b.split()[0]} later told {place} radio that {body} would publish its own count.')
    paragraphs = [' '.join(parts[:3]), ' '.join(parts[3:])] if len(parts) > 3 else [' '.join(parts)]
    return {'id': f'item-{i:06d}', 'text': '\n\n'.join(p for p in paragraphs if p)}


def write_archive(out_dir, shards=8, docs=4000, gz=False, seed=20261202):
    """Writes the shards and returns their paths."""
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    per = -(-docs // shards)
    for s in range(shards):
        path = os.path.join(out_dir, f'shard-{s:03d}.jsonl' + ('.gz' if gz else ''))
        lines = ''.join(json.dumps(item(rng, s * per + k), ensure_ascii=False) + '\n'
                        for k in range(min(per, docs - s * per)))
        data = lines.encode('utf-8')
        if gz:
            with open(path, 'wb') as f, gzip.GzipFile(fileobj=f, mode='wb', mtime=0) as g:
                g.write(data)
        else:
            with open(path, 'wb') as f:
                f.write(data)
        paths.append(path)
    return paths


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('out_dir')
    ap.add_argument('--shards', type=int, default=8)
    ap.add_argument('--docs', type=int, default=4000)
    ap.add_argument('--gzip', action='store_true')
    a = ap.parse_args()
    for p in write_archive(a.out_dir, a.shards, a.docs, a.gzip):
        print(p)
