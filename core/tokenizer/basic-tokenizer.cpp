#include "tokenizer/basic-tokenizer.h"

#include "tokenizer/unicode.h"

#include <algorithm>

namespace mab {

bool is_cjk_char(uint32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF) ||
           (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

bool is_bert_punctuation(uint32_t cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
        return true;
    }
    return cp >= 0x80 && unicode::is_category_p(cp);
}

// _is_whitespace: space, tab, LF, CR or category Zs.
static bool is_bert_whitespace(uint32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x80 && unicode::is_category_zs(cp));
}

// _is_control: category C* except tab, LF and CR (which count as whitespace).
static bool is_bert_control(uint32_t cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') return false;
    if (cp < 0x80) return cp < 0x20 || cp == 0x7F;
    return unicode::is_category_c(cp);
}

// str.isspace(), the separator of str.split() in whitespace_tokenize.
static bool is_split_space(uint32_t cp) {
    if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
    return unicode::is_python_space(cp);
}

void nchars_to_utf8(const nchar * c, size_t n, std::string * out) {
    out->clear();
    for (size_t i = 0; i < n; i++) unicode::append_utf8(c[i].cp, out);
}

static bool in_never_split(const basic_options & opt, const nchar * w, size_t n, std::string * utf8) {
    if (!opt.never_split || opt.never_split->empty() || n == 0) return false;
    if (opt.never_split_first && !std::binary_search(opt.never_split_first->begin(), opt.never_split_first->end(), w[0].cp)) {
        return false;
    }
    nchars_to_utf8(w, n, utf8);
    return opt.never_split->count(std::string_view(*utf8)) != 0;
}

// _run_strip_accents: NFD (canonical decomposition, then the canonical ordering of combining marks),
// then every Mn character removed. Decomposed characters keep the origin of their source.
static void strip_accents(const nchar * w, size_t n, basic_scratch * scratch, std::vector<nchar> * out) {
    out->clear();
    for (size_t i = 0; i < n; i++) {
        if (w[i].cp < 0xC0) { // nothing below U+00C0 decomposes or combines
            out->push_back(w[i]);
            continue;
        }
        scratch->decomposed.clear();
        unicode::decompose(w[i].cp, &scratch->decomposed);
        for (uint32_t cp : scratch->decomposed) out->push_back({cp, w[i].orig});
    }
    // Canonical ordering: stable sort of every run of non-zero combining classes by class.
    for (size_t i = 0; i < out->size();) {
        if (unicode::combining_class((*out)[i].cp) == 0) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < out->size() && unicode::combining_class((*out)[j].cp) != 0) j++;
        std::stable_sort(out->begin() + i, out->begin() + j, [](const nchar & a, const nchar & b) {
            return unicode::combining_class(a.cp) < unicode::combining_class(b.cp);
        });
        i = j;
    }
    out->erase(std::remove_if(out->begin(), out->end(), [](const nchar & c) { return c.cp >= 0x300 && unicode::is_category_mn(c.cp); }),
               out->end());
}

static void emit_word(const nchar * w, size_t n, std::vector<nchar> * chars, std::vector<basic_word> * words) {
    if (n == 0) return;
    const uint32_t begin = (uint32_t) chars->size();
    chars->insert(chars->end(), w, w + n);
    words->push_back({begin, (uint32_t) chars->size()});
}

void basic_tokenize(const basic_options & opt, const nchar * seg, size_t n, basic_scratch * scratch,
                    std::vector<nchar> * chars, std::vector<basic_word> * words) {
    // _clean_text and _tokenize_chinese_chars.
    std::vector<nchar> & text = scratch->text;
    text.clear();
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = seg[i].cp;
        if (opt.clean_text) {
            if (cp == 0 || cp == unicode::REPLACEMENT_CHAR || is_bert_control(cp)) continue;
            if (is_bert_whitespace(cp)) cp = ' ';
        }
        if (opt.tokenize_chinese_chars && is_cjk_char(cp)) {
            text.push_back({' ', seg[i].orig});
            text.push_back({cp, seg[i].orig});
            text.push_back({' ', seg[i].orig});
            continue;
        }
        text.push_back({cp, seg[i].orig});
    }

    // whitespace_tokenize, then per word: accents, punctuation.
    for (size_t i = 0; i < text.size();) {
        if (is_split_space(text[i].cp)) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < text.size() && !is_split_space(text[j].cp)) j++;
        const nchar * w  = text.data() + i;
        size_t        wn = j - i;
        i = j;

        if (in_never_split(opt, w, wn, &scratch->utf8)) {
            emit_word(w, wn, chars, words);
            continue;
        }
        if (opt.strip_accents) {
            strip_accents(w, wn, scratch, &scratch->word);
            w  = scratch->word.data();
            wn = scratch->word.size();
            // _run_split_on_punc looks at never_split again, after the accents are gone.
            if (in_never_split(opt, w, wn, &scratch->utf8)) {
                emit_word(w, wn, chars, words);
                continue;
            }
        }
        // _run_split_on_punc: every punctuation character is a word of its own.
        size_t start = 0;
        for (size_t k = 0; k < wn; k++) {
            if (is_bert_punctuation(w[k].cp)) {
                emit_word(w + start, k - start, chars, words);
                emit_word(w + k, 1, chars, words);
                start = k + 1;
            }
        }
        emit_word(w + start, wn - start, chars, words);
    }
}

} // namespace mab
