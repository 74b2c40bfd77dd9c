"""Runs every tool of the side-by-side benchmark on one text and prints a
Markdown table, then the ratios the issues set as targets. Called by
bench/run.sh; each tool prints one JSON line (mb_per_s, median_s) and runs
under /usr/bin/time for its peak memory.

    python3 bench/table.py TEXT SECONDS
"""
import json
import subprocess
import sys
import tempfile


def node_version():
    return subprocess.run(['node', '--version'], capture_output=True, text=True, check=True).stdout.strip()


def package_version(name):
    with open(f'bench/node_modules/{name}/package.json', encoding='utf-8') as f:
        return json.load(f)['version']


def run(cmd):
    """(result JSON, peak resident memory in MB) of one tool."""
    with tempfile.NamedTemporaryFile('r') as rss:
        out = subprocess.run(['/usr/bin/time', '-f', '%M', '-o', rss.name] + cmd,
                             capture_output=True, text=True, check=True).stdout
        kb = int(rss.read().strip().splitlines()[-1])
    return json.loads(out.strip().splitlines()[-1]), kb / 1024


def main():
    text, seconds = sys.argv[1], sys.argv[2]
    tools = [
        ('whosaid native (full markup: tags, trees, entities, claims)', ['build/native/shell/whosaid', 'bench', text, '--seconds', seconds]),
        (f'whosaid WebAssembly (Node {node_version()})',
         ['node', 'build/wasm/shell/whosaid.js', 'bench', text, '--seconds', seconds]),
        ('whosaid native --fast (no tagger and parser: entities, claims by the rules)',
         ['build/native/shell/whosaid', 'bench', text, '--seconds', seconds, '--stage', 'fast']),
        (f'whosaid WebAssembly --fast (Node {node_version()})',
         ['node', 'build/wasm/shell/whosaid.js', 'bench', text, '--seconds', seconds, '--stage', 'fast']),
        ('whosaid native, tagging and parsing alone', ['build/native/shell/whosaid', 'bench', text, '--seconds', seconds, '--stage', 'syntax']),
        (f'whosaid WebAssembly, tagging and parsing alone',
         ['node', 'build/wasm/shell/whosaid.js', 'bench', text, '--seconds', seconds, '--stage', 'syntax']),
        (f'wink-nlp {package_version("wink-nlp")} + lite model (tokens, entities, POS)',
         ['node', 'bench/peers.mjs', 'wink', text, seconds]),
        (f'compromise {package_version("compromise")} (people, places, orgs, quotations)',
         ['node', 'bench/peers.mjs', 'compromise', text, seconds]),
    ]
    print('| tool | MB/s | median run (s) | peak memory (MB) |')
    print('|---|---:|---:|---:|')
    rates = []
    for name, cmd in tools:
        result, mb = run(cmd)
        rates.append(result['mb_per_s'])
        print(f"| {name} | {result['mb_per_s']:.2f} | {result['median_s']:.3f} | {mb:.0f} |")
    native, wasm, fast, fastWasm, syntax, syntaxWasm, wink, compromise = rates
    print()
    print(f'Full markup: native {native:.1f} MB/s (floor 8), WebAssembly {wasm:.1f} MB/s (floor 5); WebAssembly whosaid = '
          f'{wasm / wink:.1f}x wink-nlp (target 2x) and {wasm / compromise:.0f}x compromise (target 40x).')
    print(f'--fast: native {fast:.1f} MB/s (target 20), WebAssembly {fastWasm:.1f} MB/s (target 10); '
          f'{fastWasm / wink:.1f}x wink-nlp, {fastWasm / compromise:.0f}x compromise.')
    print(f'Tagging and parsing alone: native {syntax:.1f} MB/s (target 20), WebAssembly {syntaxWasm:.1f} MB/s.')


if __name__ == '__main__':
    main()
