"""How often the engine finds an occupation that no training or held-out list has.

    cd models && /usr/bin/python3 probe_professions.py --model deid-minialbert-small --engine ../build/minialbert

The held-out notes draw their professions from the same list as the training notes (synth/lists/
professions.txt), so the model card's PROFESSION recall says nothing about occupations outside it.
This probe puts each of PROBE (40 occupations in none of the generator's lists; test_synth.py checks
that) into each of FRAMES (sentences in the style of a social history) and counts the sentences in
which a PROFESSION entity overlaps the occupation: without score floors, and with the model's own
("min_scores" in config.json).
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calibrate import engine_entities  # noqa: E402

PROBE = ["schoolteacher", "cabinetmaker", "blacksmith", "shepherd", "sailmaker", "glassblower", "chimney sweep",
         "wallpaper hanger", "piano tuner", "auctioneer", "pawnbroker", "croupier", "stagehand", "puppeteer",
         "magician", "ventriloquist", "taxidermist", "embalmer", "undertaker", "gravedigger", "falconer", "farrier",
         "saddler", "cooper", "wheelwright", "thatcher", "ropemaker", "shipwright", "lighthouse keeper",
         "bus conductor", "tram driver", "ferry operator", "cartographer", "lexicographer", "typesetter",
         "proofreader", "stenographer", "switchboard operator", "milkman", "newspaper vendor"]
FRAMES = ["Social history: she is a retired {} and lives alone with her dog.",
          "He works as a {} in town and drinks socially.",
          "Occupation: {}. Nonsmoker.",
          "Her husband is a {} and is supportive.",
          "Former {}, now on disability after the fall."]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--engine", required=True, help="the native CLI, build/minialbert")
    args = ap.parse_args()

    texts, spans = [], []
    for word in PROBE:
        for frame in FRAMES:
            text = frame.format(word)
            texts.append(text)
            spans.append((text.index(word), text.index(word) + len(word)))
    entities, cfg = engine_entities(args.engine, args.model, texts)
    with open(os.path.join(args.model, "config.json")) as f:
        floor = json.load(f).get("min_scores", {}).get("PROFESSION", 0.0)

    def found(min_score):
        return sum(any(x["type"] == "PROFESSION" and x["start"] < e and s < x["end"]
                       and not (x["source"].startswith("model") and x["score"] < min_score) for x in ents)
                   for (s, e), ents in zip(spans, entities))

    n = len(texts)
    print(f"{len(PROBE)} unlisted occupations x {len(FRAMES)} frames = {n} sentences")
    print(f"found without floors:           {found(0.0)} ({found(0.0) / n:.3f})")
    print(f"found with the PROFESSION floor {floor:g}: {found(floor)} ({found(floor) / n:.3f})")


if __name__ == "__main__":
    main()
