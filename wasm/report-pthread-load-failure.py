#!/usr/bin/env python3
"""Makes a pool worker of the threads build report a failed `load`, in place.

Emscripten 3.1.6's pthread worker script (minialbert-threads*.worker.js) gets a `load` message from
the page, with the compiled module and the memory, and then imports the glue module. Two failures
there stay inside the worker, so the page is never told and the glue waits for that worker to load
for ever (load() never settles):
- The import is refused by the worker's own Content-Security-Policy (a nonce without
  'strict-dynamic': the classic worker script carries no nonce). The script has no handler for the
  promise `import()` returns.
- The `load` message cannot be received: Firefox refuses a WebAssembly module to a worker whose own
  policy lacks 'wasm-unsafe-eval', and fires `messageerror`, for which the script has no handler.

This adds both handlers. Each throws an error that is uncaught in the worker, which the browser
reports as an `error` event on the Worker object; web/src/bindings.js listens for it and fails the
load with WORKER. The message starts with the marker bindings.js looks for and says what failed
(`e`, in the import handler, is the script's `load` message event). Each piece of the script that
is patched must be found exactly once: another Emscripten may write the worker differently, and a
build that silently lost a handler would bring the hang back.

    report-pthread-load-failure.py FILE.worker.js
"""
import sys

MARKER = 'minialbert-web pool worker'  # bindings.js looks for it in the error event's message
IMPORT = '.then(function(instance){Module=instance})'
IMPORT_REPORTED = ('.then(function(instance){Module=instance},function(err){'
                   'var url=e.data.urlOrBlob||new URL("%s",location.href).href;'
                   'setTimeout(function(){throw new Error("' + MARKER + ': it could not import "+url+": "+err)})})')
ONMESSAGE = 'self.onmessage='
MESSAGE_ERROR_REPORTED = ('self.onmessageerror=function(){throw new Error("' + MARKER + ': it could not receive the '
                          'compiled module (Firefox refuses it to a worker whose own Content-Security-Policy lacks '
                          '\'wasm-unsafe-eval\')")};' + ONMESSAGE)


def main(path):
    with open(path, encoding='utf-8') as f:
        source = f.read()
    if MARKER in source:
        return  # already patched (a rebuild that did not relink)
    for piece in (IMPORT, ONMESSAGE):
        count = source.count(piece)
        if count != 1:
            sys.exit(f'{path}: expected one "{piece}" in the pthread worker script, found {count}')
    glue = path.rsplit('/', 1)[-1].replace('.worker.js', '.js')
    source = source.replace(IMPORT, IMPORT_REPORTED % glue).replace(ONMESSAGE, MESSAGE_ERROR_REPORTED)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(source)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
