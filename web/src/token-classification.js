// token-classification.js: from logits to answers. Per-window token logits are merged into one
// prediction per token, BIO labels are grouped into entity spans with offsets into the JS string,
// and sequence logits become a ranked label list. Plain JS, no wasm.

/** Softmax of row `row` of a [rows][n] logits array: {index of the max, its probability}. */
function argmaxSoftmax(logits, row, n) {
    const base = row * n;
    let best = 0;
    for (let j = 1; j < n; j++) if (logits[base + j] > logits[base + best]) best = j;
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(logits[base + j] - logits[base + best]);
    return { index: best, score: 1 / sum };
}

/**
 * One prediction per token of `encoding` (from tokenizer encode) given the logits of every window
 * ([window length][numLabels] each, added tokens included). Where windows overlap, a token takes the
 * prediction of the window in which it is farthest from a cut, i.e. has the most context.
 * @returns {{label: number, score: number}[]}
 */
export function tokenPredictions(encoding, windowLogits, numLabels, nAddedBegin, nAddedEnd) {
    const n = encoding.ids.length;
    const predictions = new Array(n);
    const context = new Int32Array(n).fill(-1);
    encoding.windows.forEach((window, w) => {
        const nText = window.ids.length - nAddedBegin - nAddedEnd;
        for (let p = 0; p < nText; p++) {
            const t = window.firstToken + p;
            const margin = Math.min(p, nText - 1 - p);
            if (margin <= context[t]) continue;
            context[t] = margin;
            const { index, score } = argmaxSoftmax(windowLogits[w], nAddedBegin + p, numLabels);
            predictions[t] = { label: index, score };
        }
    });
    return predictions;
}

/**
 * Groups token labels into entities. `B-X` starts an entity of type X, `I-X` continues one of type X
 * (or starts one after `O` or another type, as upstream's "simple" aggregation does), a label without
 * a B-/I- prefix acts as I-, and `O` is outside. An entity spans from the start of its first token to
 * the end of its last; its score is the mean of its tokens' probabilities.
 * @returns {{type: string, start: number, end: number, text: string, score: number}[]}
 */
export function bioEntities(text, encoding, predictions, labels) {
    const entities = [];
    let current = null;
    let scoreSum = 0;
    let count = 0;
    const close = () => {
        if (current) entities.push({ ...current, text: text.slice(current.start, current.end), score: scoreSum / count });
        current = null;
    };
    for (let t = 0; t < predictions.length; t++) {
        const label = labels[predictions[t].label];
        const start = encoding.offsets[2 * t];
        const end = encoding.offsets[2 * t + 1];
        if (label === 'O') {
            close();
            continue;
        }
        const begins = label.startsWith('B-');
        const type = begins || label.startsWith('I-') ? label.slice(2) : label;
        if (begins || !current || current.type !== type) {
            close();
            current = { type, start, end };
            scoreSum = 0;
            count = 0;
        }
        current.end = end;
        scoreSum += predictions[t].score;
        count++;
    }
    close();
    return entities;
}

/** Softmax of sequence logits ([numLabels]) as [{label, score}], best first. */
export function rankLabels(logits, labels) {
    let max = -Infinity;
    for (const x of logits) max = Math.max(max, x);
    let sum = 0;
    for (const x of logits) sum += Math.exp(x - max);
    return labels.map((label, i) => ({ label, score: Math.exp(logits[i] - max) / sum })).sort((a, b) => b.score - a.score);
}
