#!/usr/bin/env python3
"""Serves the built bench page, the backbones and benchmark images, and collects the JSON that
`bench.html?self-run` POSTs: the benchmark on a machine with a browser and Python but no Node
(a lent GPU machine). Usage: self-run-server.py DIST MODELS IMAGES OUT PORT"""
import http.server
import json
import os
import sys
import urllib.parse

DIST, MODELS, IMAGES, OUT, PORT = sys.argv[1:6]
TYPES = {'.wasm': 'application/wasm', '.js': 'text/javascript', '.json': 'application/json', '.bin': 'application/octet-stream'}


def image_list(n=160):
    """`n` images spread evenly over the folder's classes (the benchmark's extraction plan), as
    /bench-data/ URLs, in the order raw-figures.ts's imageUrls gives them."""
    classes = sorted(d for d in os.listdir(IMAGES) if os.path.isdir(os.path.join(IMAGES, d)))
    per = -(-n // len(classes))
    urls = []
    for c in classes:
        files = sorted(f for f in os.listdir(os.path.join(IMAGES, c)) if f.lower().endswith(('.jpg', '.jpeg', '.png')))
        urls += [f'/bench-data/{c}/{f}' for f in files[:per]]
    return urls[:n]


class Handler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        path = urllib.parse.unquote(urllib.parse.urlparse(path).path)
        for prefix, root in (('/models/', MODELS), ('/bench-data/', IMAGES)):
            if path.startswith(prefix):
                return os.path.join(root, os.path.normpath(path[len(prefix):]).lstrip('/'))
        return os.path.join(DIST, os.path.normpath(path).lstrip('/'))

    def guess_type(self, path):
        return TYPES.get(os.path.splitext(path)[1]) or super().guess_type(path)

    def do_GET(self):
        if self.path.startswith('/bench-data/list.json'):
            body = json.dumps(image_list()).encode()
            self.send_response(200)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        with open(os.path.join(OUT, 'self-run.json'), 'wb') as f:
            f.write(body)
        if json.loads(body).get('done'):
            open(os.path.join(OUT, 'self-run.done'), 'w').close()
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(('127.0.0.1', int(PORT)), Handler).serve_forever()
