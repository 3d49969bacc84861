// Writes the name and place lists in models/synth/lists/ from the locale data of the npm package
// @faker-js/faker (MIT licence, https://github.com/faker-js/faker). Run once by a developer; the
// generated .txt files are committed so that the generator needs nothing but python3 at run time.
//
//   mkdir /tmp/fk && cd /tmp/fk && npm pack @faker-js/faker && npm install ./faker-js-faker-*.tgz
//   NODE_PATH=/tmp/fk/node_modules node models/synth/make_lists.mjs models/synth/lists
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';

const require = createRequire(path.join(process.env.NODE_PATH || '.', 'x.js'));
const faker_dir = path.dirname(require.resolve('@faker-js/faker/package.json'));
const { allLocales } = await import(path.join(faker_dir, 'dist', 'index.js'));
const version = JSON.parse(fs.readFileSync(path.join(faker_dir, 'package.json'))).version;

const out_dir = process.argv[2];

// Locales whose names are written in Latin script: clinical notes in English carry romanised
// names, and these cover European, African, South/South-East Asian and Latin-American origins.
const name_locales = ['en', 'en_US', 'en_GB', 'en_IE', 'en_AU', 'en_CA', 'en_IN', 'en_NG', 'en_GH',
  'yo_NG', 'zu_ZA', 'af_ZA', 'es', 'es_MX', 'pt_BR', 'pt_PT', 'fr', 'de', 'it', 'nl', 'sv', 'nb_NO',
  'da', 'fi', 'pl', 'cs_CZ', 'sk', 'hr', 'hu', 'ro', 'tr', 'vi', 'id_ID', 'lv', 'sr_RS_latin', 'eo'];

function flatten(v) {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(flatten);
  return Object.values(v).flatMap(flatten);
}

// A list entry must be a plain word or words in Latin letters, with hyphens, apostrophes, spaces
// or periods; pattern strings such as "{{person.last_name}}" are dropped.
const plain = /^[\p{Script=Latin}][\p{Script=Latin}' .\-]*$/u;

function collect(locales, get) {
  const seen = new Set();
  for (const loc of locales) {
    const def = allLocales[loc];
    if (!def) continue;
    for (const s of flatten(get(def))) {
      const t = s.trim();
      if (t.length >= 2 && plain.test(t)) seen.add(t);
    }
  }
  return [...seen].sort();
}

function write(name, items, what) {
  const header = `# ${what}\n# Source: @faker-js/faker ${version} locale data (MIT licence), via models/synth/make_lists.mjs\n`;
  fs.writeFileSync(path.join(out_dir, name), header + items.join('\n') + '\n');
  console.log(name, items.length);
}

write('first_names.txt', collect(name_locales, d => d.person && d.person.first_name), 'first names');
write('last_names.txt', collect(name_locales, d => d.person && d.person.last_name), 'last names');
// English-locale names alone, so that the generator can draw common US/UK names about half the time
// instead of in proportion to each locale's list length.
write('en_first_names.txt', collect(['en', 'en_US', 'en_GB'], d => d.person && d.person.first_name), 'first names, English locales');
write('en_last_names.txt', collect(['en', 'en_US', 'en_GB'], d => d.person && d.person.last_name), 'last names, English locales');
const us = ['en_US', 'en'];
write('us_cities.txt', collect(us, d => d.location && d.location.city_name), 'US city names');
write('us_states.txt', collect(us, d => d.location && d.location.state), 'US state names');
write('us_state_abbr.txt', collect(us, d => d.location && d.location.state_abbr), 'US state abbreviations');
write('street_suffixes.txt', collect(us, d => d.location && d.location.street_suffix), 'street suffixes');
write('countries.txt', collect(['en'], d => d.location && d.location.country), 'country names (English)');
write('world_cities.txt', collect(['en_GB', 'en_AU', 'en_CA', 'en_IE', 'en_IN', 'de', 'fr', 'es', 'it', 'nl'],
  d => d.location && d.location.city_name), 'city names of other countries');
write('free_email_domains.txt', collect(['en'], d => d.internet && d.internet.free_email), 'free e-mail domains');
