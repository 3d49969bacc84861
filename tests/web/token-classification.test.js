// web/src/token-classification.js on hand-made logits: window merging, BIO decoding, ranking.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { bioEntities, rankLabels, tokenPredictions } from '../../web/src/token-classification.js';

const LABELS = ['O', 'B-NAME', 'I-NAME', 'B-DATE', 'I-DATE'];

// Logits for one window: [CLS] + one row per label id + [SEP]; the chosen label gets 4, the rest 0.
function windowLogits(labelIds, n = LABELS.length) {
    const rows = [0, ...labelIds, 0];
    const out = new Float32Array(rows.length * n);
    rows.forEach((label, r) => { out[r * n + label] = 4; });
    return out;
}

// An encoding of space-separated words, one token per word, in the shape tokenizer encode() returns.
function encodingOf(text, windows) {
    const offsets = [];
    for (const m of text.matchAll(/\S+/g)) offsets.push(m.index, m.index + m[0].length);
    return { ids: new Int32Array(offsets.length / 2), offsets: Int32Array.from(offsets), windows };
}

describe('bioEntities', () => {
    const text = 'Dr Ann Lee saw Bob on May 5 2021 ok';
    const decode = (labelIds) => {
        const enc = encodingOf(text, [{ ids: new Int32Array(labelIds.length + 2), firstToken: 0 }]);
        const preds = tokenPredictions(enc, [windowLogits(labelIds)], LABELS.length, 1, 1);
        return bioEntities(text, enc, preds, LABELS).map(({ type, text: t }) => `${type}:${t}`);
    };

    test('B- starts, I- of the same type continues, O ends', () => {
        //             Dr Ann Lee saw Bob on May 5 2021 ok
        assert.deepEqual(decode([0, 1, 2, 0, 1, 0, 3, 4, 4, 0]), ['NAME:Ann Lee', 'NAME:Bob', 'DATE:May 5 2021']);
    });

    test('B- right after an entity of the same type starts a new one', () => {
        assert.deepEqual(decode([0, 1, 1, 0, 0, 0, 0, 0, 0, 0]), ['NAME:Ann', 'NAME:Lee']);
    });

    test('I- without B-, or after another type, starts an entity', () => {
        assert.deepEqual(decode([2, 2, 4, 0, 0, 0, 0, 0, 0, 4]), ['NAME:Dr Ann', 'DATE:Lee', 'DATE:ok']);
    });

    test('spans carry offsets into the text and the mean probability', () => {
        const enc = encodingOf(text, [{ ids: new Int32Array(12), firstToken: 0 }]);
        const preds = tokenPredictions(enc, [windowLogits([0, 1, 2, 0, 0, 0, 0, 0, 0, 0])], LABELS.length, 1, 1);
        const [e] = bioEntities(text, enc, preds, LABELS);
        const p = Math.exp(4) / (Math.exp(4) + 4);
        assert.deepEqual({ ...e, score: +e.score.toFixed(6) }, { type: 'NAME', start: 3, end: 10, text: 'Ann Lee', score: +p.toFixed(6) });
    });
});

describe('tokenPredictions', () => {
    test('overlapping windows: each token takes the window where it is farthest from a cut', () => {
        // 8 tokens, windows of 6 text tokens sharing 4: tokens 0-5 and 2-7.
        const text = 'a b c d e f g h';
        const w0 = { ids: new Int32Array(8), firstToken: 0 };
        const w1 = { ids: new Int32Array(8), firstToken: 2 };
        const enc = encodingOf(text, [w0, w1]);
        // Window 0 says NAME everywhere, window 1 says DATE everywhere.
        const preds = tokenPredictions(enc, [windowLogits([1, 1, 1, 1, 1, 1]), windowLogits([3, 3, 3, 3, 3, 3])], LABELS.length, 1, 1);
        // Margins to a cut: w0 (tokens 0..5) 0 1 2 2 1 0; w1 (tokens 2..7) 0 1 2 2 1 0.
        assert.deepEqual(preds.map((p) => LABELS[p.label]), ['B-NAME', 'B-NAME', 'B-NAME', 'B-NAME', 'B-DATE', 'B-DATE', 'B-DATE', 'B-DATE']);
    });
});

describe('rankLabels', () => {
    test('softmax, best first', () => {
        const ranked = rankLabels(new Float32Array([0, Math.log(3), 0]), ['A', 'B', 'C']);
        assert.deepEqual(ranked.map((r) => r.label), ['B', 'A', 'C']);
        assert.ok(Math.abs(ranked[0].score - 0.6) < 1e-6);
        assert.ok(Math.abs(ranked[1].score - 0.2) < 1e-6);
    });
});
