#!/usr/bin/env python3
"""Schema test: documents the CLI writes validate against
core/schema/whosaid-1.schema.json (the sample article, a hostile text, a
document with hand corrections read back with --reannotate), and known-bad
documents do not. The validator below covers the part of JSON Schema 2020-12
the schema uses (type, const, enum, required, properties,
additionalProperties, items, prefixItems, min/maxItems, minimum, maximum,
pattern, anyOf, local $ref) and fails loudly on any other keyword."""
import json, os, re, subprocess, sys, tempfile

KNOWN = {'$schema', '$id', '$defs', 'title', 'description', 'type', 'const', 'enum', 'required', 'properties',
         'additionalProperties', 'items', 'prefixItems', 'minItems', 'maxItems', 'minimum', 'maximum', 'pattern',
         'anyOf', '$ref'}
TYPES = {'object': dict, 'array': list, 'string': str, 'null': type(None), 'boolean': bool}


def is_type(v, t):
    if t == 'integer':
        return isinstance(v, int) and not isinstance(v, bool)
    if t == 'number':
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    return isinstance(v, TYPES[t])


def validate(v, s, root, path='$'):
    """Returns a list of error strings."""
    if s is True:
        return []
    if s is False:
        return [f'{path}: not allowed']
    unknown = set(s) - KNOWN
    assert not unknown, f'validator does not support {unknown}'
    errs = []
    if '$ref' in s:
        ref = s['$ref']
        assert ref.startswith('#/'), ref
        target = root
        for part in ref[2:].split('/'):
            target = target[part]
        errs += validate(v, target, root, path)
    if 'type' in s and not is_type(v, s['type']):
        return errs + [f'{path}: expected {s["type"]}, got {type(v).__name__}']
    if 'const' in s and v != s['const']:
        errs.append(f'{path}: must be {s["const"]!r}')
    if 'enum' in s and v not in s['enum']:
        errs.append(f'{path}: {v!r} not in {s["enum"]}')
    if 'anyOf' in s and not any(not validate(v, sub, root, path) for sub in s['anyOf']):
        errs.append(f'{path}: matches none of anyOf')
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 'minimum' in s and v < s['minimum']:
            errs.append(f'{path}: below {s["minimum"]}')
        if 'maximum' in s and v > s['maximum']:
            errs.append(f'{path}: above {s["maximum"]}')
    if isinstance(v, str) and 'pattern' in s and not re.search(s['pattern'], v):
        errs.append(f'{path}: {v!r} does not match {s["pattern"]}')
    if isinstance(v, dict):
        for k in s.get('required', []):
            if k not in v:
                errs.append(f'{path}: missing {k}')
        props = s.get('properties', {})
        for k, x in v.items():
            if k in props:
                errs += validate(x, props[k], root, f'{path}.{k}')
            elif 'additionalProperties' in s:
                errs += validate(x, s['additionalProperties'], root, f'{path}.{k}')
    if isinstance(v, list):
        if len(v) < s.get('minItems', 0):
            errs.append(f'{path}: fewer than {s["minItems"]} items')
        if 'maxItems' in s and len(v) > s['maxItems']:
            errs.append(f'{path}: more than {s["maxItems"]} items')
        prefix = s.get('prefixItems', [])
        for i, x in enumerate(v):
            sub = prefix[i] if i < len(prefix) else s.get('items', True)
            errs += validate(x, sub, root, f'{path}[{i}]')
    return errs


def semantic(doc):
    """What a schema cannot say: spans inside the text, references that exist."""
    errs, n = [], len(doc['text'])
    ids = {e['id'] for e in doc['entities']}
    def span(a, b, what):
        if not 0 <= a <= b <= n:
            errs.append(f'{what}: [{a}, {b}) outside the text ({n})')
    for m in doc['mentions']:
        span(m['start'], m['end'], 'mention')
        if 'entity' in m and m['entity'] not in ids:
            errs.append(f'mention entity {m["entity"]} unknown')
        if 'text' in m and doc['text'][m['start']:m['end']] != m['text']:
            errs.append(f'mention text {m["text"]!r} is not the slice')
    for q in doc['quotes']:
        span(q['start'], q['end'], q['id'])
        for a, b in q['content_spans']:
            span(a, b, q['id'] + ' content')
        for k in ('cue', 'source'):
            if q[k]:
                span(*q[k], q['id'] + ' ' + k)
        if q['speaker'] is not None and q['speaker'] not in ids:
            errs.append(f'{q["id"]}: speaker unknown')
    return errs


def main():
    exe, root = sys.argv[1], sys.argv[2]
    schema = json.load(open(os.path.join(root, 'core/schema/whosaid-1.schema.json'), encoding='utf-8'))
    failures = []

    def check_valid(doc, what):
        errs = validate(doc, schema, schema) + semantic(doc)
        if errs:
            failures.append(what)
            print('FAIL', what, errs[:5])

    def run(args, data=None):
        r = subprocess.run([exe] + args, input=data, capture_output=True, timeout=120)
        return r

    r = run(['annotate', os.path.join(root, 'assets/sample.txt')])
    sample = json.loads(r.stdout)
    check_valid(sample, 'sample article')
    hostile = '<script>x</script> “Yes,” said Ana Lopes. \x00 \ud800'.encode('utf-8', 'surrogatepass') + b'\xff end'
    r = run(['annotate', '--input', 'text', '-'], hostile)
    check_valid(json.loads(r.stdout), 'hostile text with warnings')

    # a hand-corrected document: corrections survive --reannotate and a plain conversion
    doc = dict(sample)
    doc['id'] = 'corrected-1'
    first = sample['mentions'][0]
    doc['corrections'] = {'speakers': [], 'added': [{'start': 0, 'end': 5, 'label': 'MISC'}],
                          'removed': [], 'renamed': [{'mention': [first['start'], first['end']], 'name': 'Renamed Actor'}]}
    if sample['quotes']:
        q = sample['quotes'][0]
        doc['corrections']['speakers'].append({'claim': q['content_spans'][0], 'source': [first['start'], first['end']]})
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'doc.json')
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(doc, f, ensure_ascii=False)
        for args in (['annotate', '--reannotate', path], ['annotate', path]):
            r = run(args)
            if r.returncode != 0:
                failures.append(' '.join(args))
                print('FAIL', args, r.stderr.decode())
                continue
            out = json.loads(r.stdout)
            check_valid(out, ' '.join(args[:-1]) + ' corrected doc')
            # the old corrections block is read as the edits that do the same
            ops = [e['op'] for e in out.get('edits', [])]
            want = ['mention.add', 'actor.rename'] + (['claim.source'] if sample['quotes'] else [])
            if ops != want or 'corrections' in out or out.get('id') != 'corrected-1':
                failures.append('corrections kept as edits: ' + ' '.join(args[:-1]))
                print('FAIL corrections kept as edits', args, ops)
            if not any(e['name'] == 'Renamed Actor' for e in out['entities']):
                failures.append('rename applied: ' + ' '.join(args[:-1]))
                print('FAIL rename applied', args)

    # the validator is not a rubber stamp
    bad = [
        ({k: v for k, v in sample.items() if k != 'text'}, 'missing text'),
        (dict(sample, schema='whosaid/2'), 'wrong schema'),
        (dict(sample, extra=1), 'unknown field'),
        (dict(sample, mentions=[dict(sample['mentions'][0], label='PERSON')]), 'unknown label'),
        (dict(sample, mentions=[dict(sample['mentions'][0], start=-1)]), 'negative offset'),
        (dict(sample, quotes=[dict(sample['quotes'][0], cue=[1, 2, 3])]), 'three-item span'),
        (dict(sample, quotes=[dict(sample['quotes'][0], confidence=1.5)]), 'confidence above 1'),
        (dict(sample, entities=[dict(sample['entities'][0], id='x1')]), 'bad entity id'),
    ]
    for d, what in bad:
        if not validate(d, schema, schema):
            failures.append('rejects ' + what)
            print('FAIL validator accepts', what)

    print(f'schema: {"ok" if not failures else "FAILED"} ({len(failures)} failures)')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
