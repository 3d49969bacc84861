#!/usr/bin/env python3
"""Makes a pool worker of the threads build report a failed import of the glue, in place.

Emscripten 3.1.6's pthread worker script (minialbert-threads*.worker.js) imports the glue module
when the page sends it `load`, and has no handler for the promise that import returns. When the
worker's own Content-Security-Policy refuses the import (a nonce without 'strict-dynamic': the
classic worker script carries no nonce), the rejection stays inside the worker: the page is never
told, and the glue waits for that worker to load for ever, so load() never settles.

This adds the handler: the failure is rethrown from a task, where it is an uncaught error of the
worker, which the browser reports as an `error` event on the Worker object; web/src/bindings.js
listens for it and fails the load with WORKER. The message starts with the marker bindings.js
looks for, and names what was imported (`e`, in the added handler, is the script's `load` message
event). The script's one `.then(function(instance){Module=instance})`
must be found exactly once: another Emscripten may write the worker differently, and a build that
silently lost the handler would bring the hang back.

    report-pthread-import-failure.py FILE.worker.js
"""
import sys

ORIGINAL = '.then(function(instance){Module=instance})'
PATCHED = ('.then(function(instance){Module=instance},function(err){'
           'var url=e.data.urlOrBlob||new URL("%s",location.href).href;'
           'setTimeout(function(){throw new Error("minialbert-web pool worker: it could not import "+url+": "+err)})})')
MARKER = 'minialbert-web pool worker'  # bindings.js looks for it in the error event's message


def main(path):
    with open(path, encoding='utf-8') as f:
        source = f.read()
    if MARKER in source:
        return  # already patched (a rebuild that did not relink)
    count = source.count(ORIGINAL)
    if count != 1:
        sys.exit(f'{path}: expected one "{ORIGINAL}" in the pthread worker script, found {count}')
    glue = path.rsplit('/', 1)[-1].replace('.worker.js', '.js')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(source.replace(ORIGINAL, PATCHED % glue))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
