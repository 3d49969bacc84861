// The one error type of the JS API. `code` is either a core status name (mab_status_name():
// BAD_CONFIG, BAD_WEIGHTS, BAD_INPUT, OUT_OF_MEMORY, ...) or one of the codes below for what
// happens before the core sees any bytes.
//
//   HTTP       the server answered with a non-2xx status (err.status, err.url)
//   NETWORK    fetch itself failed (host unreachable, CORS, connection reset) (err.url)
//   ABORTED    the caller's AbortSignal fired
//   TRUNCATED  the download ended before the size its headers announced (err.url)
//   DISPOSED   the model was used after dispose()
//   WORKER     the worker of loadInWorker() failed to start or died
//   WASM_TRAP  the WebAssembly module trapped; its models are unusable, load() starts a new one
export class MiniAlbertError extends Error {
    /**
     * @param {string} code
     * @param {string} message
     * @param {{url?: string, status?: number, cause?: unknown}} [details]
     */
    constructor(code, message, details = {}) {
        super(message, details.cause === undefined ? undefined : { cause: details.cause });
        this.name = 'MiniAlbertError';
        this.code = code;
        if (details.url !== undefined) this.url = details.url;
        if (details.status !== undefined) this.status = details.status;
    }
}

// The error to reject with once `signal` has fired.
export function abortError(signal, what) {
    const reason = signal && signal.reason instanceof Error ? `: ${signal.reason.message}` : '';
    return new MiniAlbertError('ABORTED', `${what} was aborted${reason}`);
}
