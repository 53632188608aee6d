"""A register-sized pair of files in the register's published CSV layout, for `make bench`.

    python -m devtools.bench.register_file DIRECTORY [--enheter 1100000] [--underenheter 600000]

writes DIRECTORY/enheter.csv and DIRECTORY/underenheter.csv with the published headers,
every field quoted (as data.brreg.no writes them), a few names with quotes, commas and line
breaks, addresses over two lines, every status, and each sub-unit under a main unit of the
first file. Deterministic: the same arguments give the same bytes. A dev tool, not part of
the portal.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
from pathlib import Path

import django


def _columns(names: str) -> list[str]:
    return names.split(",")


# The headers as published (enheter: 90 columns; underenheter: 36), verified against the
# downloads of data.brreg.no/enhetsregisteret/api/{enheter,underenheter}/lastned/csv.
ENHETER_HEADER = _columns(
    "organisasjonsnummer,navn,organisasjonsform.kode,organisasjonsform.beskrivelse,"
    "naeringskode1.kode,naeringskode1.beskrivelse,naeringskode2.kode,naeringskode2.beskrivelse,"
    "naeringskode3.kode,naeringskode3.beskrivelse,hjelpeenhetskode.kode,"
    "hjelpeenhetskode.beskrivelse,harRegistrertAntallAnsatte,antallAnsatte,"
    "registreringsdatoAntallAnsatteEnhetsregisteret,"
    "registreringsdatoantallansatteNAVAaregisteret,hjemmeside,epostadresse,telefon,mobil,"
    "postadresse.adresse,postadresse.poststed,postadresse.postnummer,postadresse.kommune,"
    "postadresse.kommunenummer,postadresse.land,postadresse.landkode,"
    "forretningsadresse.adresse,forretningsadresse.poststed,forretningsadresse.postnummer,"
    "forretningsadresse.kommune,forretningsadresse.kommunenummer,forretningsadresse.land,"
    "forretningsadresse.landkode,institusjonellSektorkode.kode,"
    "institusjonellSektorkode.beskrivelse,sisteInnsendteAarsregnskap,"
    "registreringsdatoenhetsregisteret,stiftelsesdato,registrertIMvaRegisteret,"
    "registreringsdatoMerverdiavgiftsregisteret,"
    "registreringsdatoMerverdiavgiftsregisteretEnhetsregisteret,"
    "frivilligMvaRegistrertBeskrivelser,registreringsdatoFrivilligMerverdiavgiftsregisteret,"
    "registrertIFrivillighetsregisteret,registreringsdatoFrivillighetsregisteret,"
    "registrertIForetaksregisteret,registreringsdatoForetaksregisteret,"
    "registrertIStiftelsesregisteret,registrertIPartiregisteret,"
    "registreringsdatoPartiregisteret,konkurs,konkursdato,underAvvikling,underAvviklingDato,"
    "underTvangsavviklingEllerTvangsopplosning,tvangsopplostPgaManglendeDagligLederDato,"
    "tvangsopplostPgaManglendeRevisorDato,tvangsopplostPgaManglendeRegnskapDato,"
    "tvangsopplostPgaMangelfulltStyreDato,tvangsavvikletPgaManglendeSlettingDato,"
    "overordnetEnhet,maalform,vedtektsdato,vedtektsfestetFormaal,aktivitet,paategninger,"
    "underUtenlandskInsolvensbehandlingDato,underRekonstruksjonsforhandlingDato,"
    "fravalgRevisjonDato,fravalgRevisjonBeslutningsDato,erIKonsern,kapital.belop,"
    "kapital.antallAksjer,kapital.type,kapital.bundet,kapital.valuta,kapital.innbetalt,"
    "kapital.fulltInnbetalt,kapital.innfortDato,registreringsnummerIHjemlandet,"
    "utenlandskRegisterNavn,utenlandskRegisterAdresse.land,utenlandskRegisterAdresse.poststed,"
    "utenlandskRegisterAdresse.adresse,underlagtLovgivningLand,underlagtLovgivningLandKode,"
    "foretaksformIHjemlandet.kode,foretaksformIHjemlandet.beskrivelse,"
    "foretaksformIHjemlandet.beskrivelseBokmaal"
)
UNDERENHETER_HEADER = _columns(
    "organisasjonsnummer,navn,organisasjonsform.kode,organisasjonsform.beskrivelse,"
    "naeringskode1.kode,naeringskode1.beskrivelse,naeringskode2.kode,naeringskode2.beskrivelse,"
    "naeringskode3.kode,naeringskode3.beskrivelse,hjelpeenhetskode.kode,"
    "hjelpeenhetskode.beskrivelse,harRegistrertAntallAnsatte,antallAnsatte,hjemmeside,"
    "postadresse.adresse,postadresse.poststed,postadresse.postnummer,postadresse.kommune,"
    "postadresse.kommunenummer,postadresse.land,postadresse.landkode,"
    "beliggenhetsadresse.adresse,beliggenhetsadresse.poststed,beliggenhetsadresse.postnummer,"
    "beliggenhetsadresse.kommune,beliggenhetsadresse.kommunenummer,beliggenhetsadresse.land,"
    "beliggenhetsadresse.landkode,registreringsdatoIEnhetsregisteret,"
    "frivilligMvaRegistrertBeskrivelser,registrertIMvaregisteret,oppstartsdato,datoEierskifte,"
    "overordnetEnhet,nedleggelsesdato"
)

FORMS = [("AS", "Aksjeselskap"), ("ENK", "Enkeltpersonforetak"), ("DA", "Ansvarlig selskap")]
INDUSTRIES = [
    ("10.201", "Bearbeiding og konservering av fisk og fiskevarer"),
    ("41.200", "Oppføring av bygninger"),
    ("43.210", "Elektrisk installasjonsarbeid"),
    ("47.111", "Butikkhandel med bredt vareutvalg med hovedvekt på nærings- og nytelsesmidler"),
    ("56.101", "Drift av restauranter og kafeer"),
    ("62.010", "Programmeringstjenester"),
    ("68.209", "Utleie av egen eller leid fast eiendom ellers"),
    ("81.210", "Rengjøring av bygninger"),
    ("86.211", "Allmenn legetjeneste"),
    ("88.101", "Hjemmetjenester for eldre og funksjonshemmede"),
]
PLACES = [
    ("4201", "RISØR", "4950"),
    ("5503", "HARSTAD", "9405"),
    ("0301", "OSLO", "0150"),
    ("4601", "BERGEN", "5003"),
    ("5001", "TRONDHEIM", "7010"),
    ("1103", "STAVANGER", "4006"),
    ("1806", "NARVIK", "8514"),
    ("1106", "HAUGESUND", "5525"),
]
FIRST = ["Nord", "Sør", "Vest", "Øst", "Fjord", "Kyst", "Berg", "Dal", "Strand", "Skog", "Elve"]
SECOND = ["lys", "vik", "heim", "nes", "fjell", "bakken", "li", "haug", "sund", "stad", "mo"]
TRADE = ["Bygg", "Elektro", "Fisk", "Handel", "Regnskap", "Eiendom", "Renhold", "Transport"]
STREETS = ["Storgata", "Kirkegata", "Havnegata", "Strandveien", "Industriveien", "Fjellveien"]


def control_digit(digits: str) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
    control = (11 - remainder) % 11
    return None if control == 10 else control


def numbers(start: int, reserved: set[int]):
    """Valid organisation numbers from the eight-digit prefix `start` up."""
    prefix = start
    while True:
        if prefix not in reserved:
            digit = control_digit(str(prefix))
            if digit is not None:
                yield f"{prefix}{digit}"
        prefix += 1


def _reserved() -> set[int]:
    """The bench's named employers are found by name: the file must not rename them."""
    from devtools.scale.employers import BENCH_EMPLOYERS

    return {int(number[:8]) for number, _name, _main in BENCH_EMPLOYERS.values()}


def _name(rng: random.Random, i: int) -> str:
    name = f"{rng.choice(FIRST)}{rng.choice(SECOND)} {rng.choice(TRADE)} {rng.choice(FORMS)[0]}"
    # Names as the register has them: quotes, commas, and now and then a line break.
    if i % 997 == 0:
        name = f'STIFTELSEN "{name}"'
    elif i % 1009 == 0:
        name = f"{name}, avd. {rng.choice(PLACES)[1].title()}"
    elif i % 100_003 == 0:
        name = f"{name}\nUNDER AVVIKLING"
    return name.upper()


def _status(i: int) -> dict[str, str]:
    if i % 53 == 0:
        return {"konkurs": "true", "konkursdato": "2026-03-02"}
    if i % 71 == 0:
        return {"underAvvikling": "true", "underAvviklingDato": "2026-05-11"}
    if i % 211 == 0:
        return {
            "underTvangsavviklingEllerTvangsopplosning": "true",
            "tvangsopplostPgaManglendeRegnskapDato": "2026-01-20",
        }
    return {}


def _address(rng: random.Random, prefix: str, place) -> dict[str, str]:
    number, town, postcode = place
    street = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
    if rng.random() < 0.05:
        street = f"{street}\nInngang B"
    return {
        f"{prefix}.adresse": street,
        f"{prefix}.poststed": town,
        f"{prefix}.postnummer": postcode,
        f"{prefix}.kommune": town,
        f"{prefix}.kommunenummer": number,
        f"{prefix}.land": "Norge",
        f"{prefix}.landkode": "NO",
    }


def write(directory: Path, enheter: int, underenheter: int, seed: int = 2026) -> list[Path]:
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    source = numbers(80_000_000, _reserved())
    main_numbers: list[str] = []
    paths = [directory / "enheter.csv", directory / "underenheter.csv"]
    with paths[0].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(ENHETER_HEADER)
        for i in range(enheter):
            number = next(source)
            main_numbers.append(number)
            form = rng.choice(FORMS)
            industry = rng.choice(INDUSTRIES)
            place = rng.choice(PLACES)
            employees = rng.choice([0, 0, 1, 3, 7, 12, 25, 60, 140])
            row = {
                "organisasjonsnummer": number,
                "navn": _name(rng, i),
                "organisasjonsform.kode": form[0],
                "organisasjonsform.beskrivelse": form[1],
                "naeringskode1.kode": industry[0],
                "naeringskode1.beskrivelse": industry[1],
                "harRegistrertAntallAnsatte": "true" if employees else "false",
                "antallAnsatte": str(employees) if employees else "",
                "hjemmeside": f"www.firma{i}.no" if i % 7 == 0 else "",
                "registreringsdatoenhetsregisteret": "2001-05-14",
                "konkurs": "false",
                "underAvvikling": "false",
                "underTvangsavviklingEllerTvangsopplosning": "false",
                "maalform": "Bokmål",
                **(_address(rng, "postadresse", place) if i % 9 == 0 else {}),
                **({} if i % 41 == 0 else _address(rng, "forretningsadresse", place)),
                **_status(i),
            }
            writer.writerow([row.get(column, "") for column in ENHETER_HEADER])
    with paths[1].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(UNDERENHETER_HEADER)
        for i in range(underenheter):
            number = next(source)
            main = main_numbers[rng.randrange(len(main_numbers))] if main_numbers else ""
            industry = rng.choice(INDUSTRIES)
            place = rng.choice(PLACES)
            employees = rng.choice([0, 2, 5, 11, 30, 80])
            row = {
                "organisasjonsnummer": number,
                "navn": f"{_name(rng, i)} AVD {place[1]}",
                "organisasjonsform.kode": "BEDR",
                "organisasjonsform.beskrivelse": "Underenhet til næringsdrivende og offentlig",
                "naeringskode1.kode": industry[0],
                "naeringskode1.beskrivelse": industry[1],
                "harRegistrertAntallAnsatte": "true" if employees else "false",
                "antallAnsatte": str(employees) if employees else "",
                "registreringsdatoIEnhetsregisteret": "2010-09-01",
                "registrertIMvaregisteret": "false",
                "oppstartsdato": "2010-08-15",
                "overordnetEnhet": main,
                "nedleggelsesdato": "2025-12-31" if i % 37 == 0 else "",
                **_address(rng, "beliggenhetsadresse", place),
            }
            writer.writerow([row.get(column, "") for column in UNDERENHETER_HEADER])
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--enheter", type=int, default=1_100_000)
    parser.add_argument("--underenheter", type=int, default=600_000)
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()
    for path in write(options.directory, options.enheter, options.underenheter):
        print(path, path.stat().st_size // (1 << 20), "MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
