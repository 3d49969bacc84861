// Mistakes a strict TypeScript app must not be able to compile. Each line below the directive has to
// be an error: tsc fails on a directive whose line compiles, so a declaration loosened to `any` or
// to a plain string fails the test.
import { MiniAlbertError, MiniAlbertModel, env, load, loadInWorker, type MemoryStats } from 'minialbert-web';

export async function misuse(local: MiniAlbertModel): Promise<void> {
    // @ts-expect-error text must be a string
    await local.tag(42);
    // @ts-expect-error a misspelled option
    await local.tag('x', { agregation: 'first' });
    // @ts-expect-error an option value outside its union
    await local.tag('x', { aggregation: 'firts' });
    // @ts-expect-error an option of the wrong type
    await local.tag('x', { maxLength: '128' });
    // @ts-expect-error an unknown rule family
    await local.tag('x', { rules: ['phon'] });
    // @ts-expect-error a key set to undefined is refused at run time (it cannot travel as JSON)
    await local.tag('x', { aggregation: undefined });
    // @ts-expect-error a tag progress event is not a load event
    await local.tag('x', { onProgress: (event: { status: 'ready' }) => console.log(event) });
    // @ts-expect-error signal is an AbortSignal
    await local.tag('x', { signal: new AbortController() });
    // @ts-expect-error an unknown operator
    await local.deidentify('x', { operators: { NAME: 'scramble' } });
    // @ts-expect-error classify takes maxLength only
    await local.classify('x', { stride: 4 });
    // @ts-expect-error maxLength is a number of tokens
    await local.classify('x', { maxLength: '128' });
    // @ts-expect-error float ids are not token ids
    await local.forward({ inputIds: new Float32Array(3) });
    // @ts-expect-error dims is [batch, seqLen]
    await local.forward({ inputIds: new Int32Array(6), dims: [1, 2, 3] });
    // @ts-expect-error inputIds is required
    await local.forward({ attentionMask: [1, 1] });

    const out = await local.forward({ inputIds: [2, 3] });
    // @ts-expect-error dims may have two entries (sequence classification)
    const triple: [number, number, number] = out.dims;
    // @ts-expect-error info is a property, not a promise
    local.info.then(() => {});
    // @ts-expect-error a backend that does not exist
    await load(null, { backend: 'webgpu' });
    // @ts-expect-error numThreads is a number
    await load(null, { numThreads: '2' });
    // @ts-expect-error a misspelled load option
    await load(null, { onProgres: () => {} });
    // @ts-expect-error the model directory is a string or URL
    await load(42);
    // @ts-expect-error no function can be sent to a worker
    await loadInWorker(null, { fetch });
    // @ts-expect-error workerUrl is for loadInWorker only
    await load(null, { workerUrl: 'worker.js' });

    const remote = await loadInWorker();
    // @ts-expect-error the worker's memoryStats is a promise
    const stats: MemoryStats = remote.memoryStats();
    // @ts-expect-error load() is how models are made
    new MiniAlbertModel();
    // @ts-expect-error the first argument is the code
    new MiniAlbertError('something failed');
    // @ts-expect-error env.numThreads is a number
    env.numThreads = '4';

    await load(null, {
        onProgress: (event) => {
            // @ts-expect-error only 'progress' events have loaded
            console.log(event.loaded);
        },
    });
    try {
        await local.tag('x');
    } catch (e) {
        if (e instanceof MiniAlbertError) {
            // @ts-expect-error a misspelled code
            if (e.code === 'DISPOSD') return;
            // @ts-expect-error a code of another library
            if (e.code === 'ENOENT') return;
        }
    }
    const { entities } = await local.tag('x');
    // @ts-expect-error sources start with model:, rule: or deny-list:
    if (entities[0]?.source === 'regex:phone') return;
    const { replacements } = await local.deidentify('x');
    // @ts-expect-error a misspelled operator
    if (replacements[0]?.operator === 'surogate') return;
    console.log(triple, stats);
}
