"""Demo content for the learning app, written in Norwegian bokmål. Idempotent: stable slugs."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from learning.models import (
    Assignment,
    AssignmentSource,
    AssignmentStatus,
    Audience,
    BestPractice,
    Choice,
    CompetenceArea,
    CompetencePlan,
    LearningPath,
    Level,
    Module,
    ModuleForm,
    PathStep,
    Phase,
    PlanActivity,
    PlanStatus,
    Progress,
    ProgressStatus,
    Question,
    QuestionKind,
    SelfAssessment,
    Share,
    ShareComment,
    Status,
)
from learning.questions import ExpertAnswer, ExpertQuestion, Faq
from learning.services.onboarding import onboarding_assign
from learning.structure import ensure

ARBEIDSLIV, VIRKEMIDLER, INKLUDERING = (
    "arbeidsliv-og-arbeidsmarked",
    "navs-virkemidler",
    "ferdigheter-for-inkludering",
)
V, L, M = "veileder", "leder", "markedskontakt"

# Long demo bodies: each says how its minutes are spent, and the parts add up to them.
ARBEIDSMARKEDET_BODY = """\
**Slik bruker du de 20 minuttene:** les (5 min), tenk gjennom saken fra kontoret (5 min), \
gjør øvelsen med tall fra din egen kommune (7 min) og ta quizen (3 min).

## Tre tall du må kunne skille

- **Arbeidsstyrken** er alle som er i jobb, pluss de som ikke har jobb, men søker aktivt og \
kan begynne snart.
- **Sysselsatte** er de som har inntektsgivende arbeid, også de som jobber deltid eller er \
midlertidig borte fra jobben, for eksempel sykmeldte.
- **Arbeidsledige** er de som er uten jobb, har søkt jobb og kan ta jobb. Hvor mange det er, \
kommer an på hvem som teller.

## To måter å telle ledige på

NAV teller de som er **registrert** som helt ledige arbeidssøkere hos oss. Tallet kommer hver \
måned, finnes helt ned på kommunenivå og sier noe om dem du faktisk møter på kontoret.

SSB teller ledige i **arbeidskraftundersøkelsen (AKU)**. Der blir et utvalg av befolkningen \
spurt om de har jobb, om de har søkt jobb de siste fire ukene, og om de kan begynne innen to \
uker. AKU fanger også opp ledige som ikke har meldt seg hos NAV, for eksempel studenter som \
søker jobb og folk som ikke har rett på dagpenger. Derfor er AKU-ledigheten som regel høyere \
enn den registrerte.

Tallene er ikke uenige med hverandre. De svarer på to ulike spørsmål. Bruk NAVs tall når du \
snakker om din kommune og dine brukere, og AKU når du sammenligner Norge med andre land eller \
ser på lange linjer.

## Hvorfor bransjer svinger ulikt

Etterspørselen etter arbeidskraft følger etterspørselen etter det virksomhetene lager eller \
gjør.

- **Bygg og anlegg** merker renta raskt: når det blir dyrere å låne, bygges det færre boliger, \
og håndverkerne får færre oppdrag noen måneder senere.
- **Reiseliv, servering og landbruk** svinger med sesongen. Mange stillinger lyses ut i \
februar og mars for sommeren, og sesongjobb kan være en vei inn for brukere med lite \
erfaring.
- **Helse og omsorg** vokser jevnt fordi vi blir flere eldre. Kommunene trenger folk i \
helgeturnus og deltidsstillinger, ofte med krav om helsefagarbeider eller \
sykepleierutdanning.
- **Industri** i en liten kommune kan være én stor arbeidsgiver. Når den nedbemanner, endrer \
det bildet for hele kontoret på kort tid.

## Saken fra kontoret

Marte er veileder ved et NAV-kontor i en kystkommune med 9 000 innbyggere. Hun følger opp \
Ahmed (29), som har jobbet fire år i butikk og vil fortsette i varehandel. Det siste halvåret \
har to butikker i sentrum lagt ned, og den største kjeden har stoppet nyansettelser.

Fra markedskontaktens ukesoppsummering vet Marte at hjemmetjenesten i kommunen mangler folk \
til helgevakter, og at et fiskeoppdrettsselskap skal ansette ti produksjonsmedarbeidere før \
sommeren. Ingen av stillingene krever utdanning fra før, men oppdrettsselskapet vil ha folk \
som kan jobbe skift.

Marte forteller Ahmed hva hun vet om butikkene, uten å ta fra ham målet. De blir enige om to \
spor: han søker de få butikkstillingene som finnes, og han blir med på et informasjonsmøte \
hos oppdrettsselskapet. Marte ringer markedskontakten for å høre om selskapet tar imot \
kandidater fra NAV, før hun sier noe om det til Ahmed.

**Tenk over:** Hva ville du sagt til Ahmed hvis han bare ville søke butikkjobb? Hvilke av \
hans erfaringer fra butikk er nyttige i produksjon eller i hjemmetjenesten?

## Hva du sier til en arbeidsgiver

Når du vet hvordan bransjen har det, kan du stille bedre spørsmål. Til en \
byggentreprenør i en periode med høy rente: «Hvordan ser ordrebøkene ut fram mot høsten?» Til \
et hotell i januar: «Når begynner dere å bemanne for sommeren, og hva slags folk trenger \
dere?» Spørsmål som viser at du kjenner bransjen, gjør det lettere for arbeidsgiveren å \
fortelle hva de trenger.

## Øvelse (7 minutter)

1. Finn antall helt ledige i kommunen din i siste måned og samme måned i fjor i NAVs \
statistikk.
2. Finn én bransje i kommunen som har mange ledige stillinger nå, for eksempel i \
ukesoppsummeringen eller på arbeidsplassen.nav.no.
3. Skriv to setninger du kan si til en bruker om hva tallene betyr for ham eller henne.
"""

LONNSTILSKUDD_BODY = """\
**Slik bruker du de 20 minuttene:** les (5 min), tenk gjennom saken (5 min), skriv din egen \
åpning til en arbeidsgiver (7 min) og ta quizen (3 min).

## Hva lønnstilskudd er

Med lønnstilskudd dekker NAV en del av lønnskostnaden i en avgrenset periode, slik at en \
arbeidsgiver kan ansette en person som ellers ikke ville fått jobben. Personen er ansatt på \
vanlige vilkår, med lønn etter tariff eller det som er vanlig i bransjen. Tilskuddet skal \
veie opp for at personen trenger tid til å lære, trenger tilrettelegging eller i en periode \
ikke kan yte like mye som andre.

Satser og hvor lenge tilskuddet kan vare, står i regelverket og kan endres. Sjekk Navet før \
du sier noe om prosent og måneder til en arbeidsgiver.

## Når det passer, og når det ikke gjør det

Lønnstilskudd passer når

- arbeidsgiveren har et reelt behov for arbeidskraft,
- brukeren kan gjøre jobben, men trenger tid, opplæring eller tilrettelegging for å komme \
dit,
- det finnes en plan for hvordan personen skal fortsette i jobb når tilskuddet slutter.

Det passer ikke når arbeidsgiveren ville ansatt uansett, når stillingen bare skal dekke en \
topp i noen uker, eller når tilskuddet er det eneste som gjør jobben lønnsom. Da blir \
tilskuddet rabatt på arbeidskraft, og personen står uten jobb når perioden er over.

Hvis brukeren først må prøve seg i arbeid, uten å være ansatt, er arbeidstrening ofte et \
bedre første steg. Lønnstilskudd kan komme etterpå.

## Før avtalen

1. **Avklar behovet hos arbeidsgiveren.** Hvilke oppgaver skal gjøres? Hvem skal lære opp \
den nye? Hva er det vanskeligste i jobben?
2. **Avklar hva brukeren trenger.** Opplæring, arbeidstid, tilpassede oppgaver, noen å spørre?
3. **Bli enige om perioden og planen.** Når skal dere snakke sammen? Hva skal være på plass \
når tilskuddet trappes ned?
4. **Skriv det ned.** Avtalen skal vise hva hver part har lovet.

## Saken fra kontoret

Jonas er markedskontakt. En rørleggerbedrift med seks ansatte trenger en lagermedarbeider som \
også kan kjøre varer ut til byggeplasser. Daglig leder er positiv, men forteller at forrige \
ansettelse var en dårlig erfaring: «Han sluttet etter tre uker, og jeg brukte mer tid på ham \
enn han brukte på jobben.»

Veilederen har en kandidat, Lise (41), som har førerkort klasse B, har jobbet på lager før og \
har vært ute av arbeidslivet i to år etter en lang sykdomsperiode. Hun er frisk, men usikker \
på om hun klarer fulle dager med en gang.

Jonas spør først om hva som gikk galt forrige gang, og om hvem som skal lære opp. Han \
foreslår at Lise begynner på 80 prosent med lønnstilskudd, med fast avtale om en samtale \
etter to uker og etter to måneder. Daglig leder får et direkte nummer til veilederen. Etter \
seks måneder jobber Lise fullt, og bedriften ansetter henne videre uten tilskudd.

**Tenk over:** Hva i samtalen gjorde at daglig leder turte å prøve igjen? Hva ville du gjort \
hvis Lise etter tre uker sa at hun ville slutte?

## Hva du sier til arbeidsgiveren

- Start med behovet deres, ikke med tilskuddet: «Hva trenger dere at den nye kan etter en \
måned?»
- Vær ærlig om hvorfor kandidaten trenger tilskudd, uten å dele helseopplysninger: «Hun har \
vært borte fra arbeidslivet en stund og trenger litt tid for å komme opp i fart.»
- Si hva NAV gjør i perioden: «Jeg ringer deg etter to uker, og du kan ringe meg når som \
helst.»
- Lov ikke mer enn regelverket tillater. Si heller «det sjekker jeg og kommer tilbake til \
deg i morgen».

## Under perioden

De første ukene avgjør. Følg opp både arbeidsgiveren og brukeren, hver for seg og sammen. \
Skriv kort i kontaktloggen hva dere har avtalt, slik at en kollega kan overta om du er borte.

## Øvelse (7 minutter)

Skriv tre setninger du kan bruke når du ringer en arbeidsgiver du ikke har snakket med før, \
om en kandidat som kan trenge lønnstilskudd. Les dem høyt for en kollega hvis du kan.
"""

DIALOG_BODY = """\
**Slik bruker du de 25 minuttene:** les (5 min), tenk gjennom sakene (5 min), øv på \
åpningen med en kollega (12 min) og ta quizen (3 min).

## Hvorfor det er verdt det

Arbeidsgiverne er den viktigste kilden til hva som skjer i det lokale arbeidsmarkedet akkurat \
nå. Likevel kvier mange veiledere seg for å ta kontakt fordi de ikke vet hvordan de skal gå \
fram i samtalen. Denne modulen gir deg en enkel struktur du kan bruke fra første samtale.

## Før du tar kontakt

- **Sjekk kontaktloggen.** Har en kollega snakket med virksomheten nylig? En arbeidsgiver som \
blir oppringt av tre personer fra NAV samme uke, blir lei.
- **Les deg opp.** Hva gjør virksomheten, hvor mange er ansatt, har de vært i lokalavisen? \
Har de ledige stillinger ute nå?
- **Snakk med markedskontakten.** Hun eller han vet ofte hvem som er rett person å ringe, og \
om det er noe du bør vite.
- **Bestem deg for hva du vil oppnå.** Å bli kjent? Å høre om behov? Å presentere én kandidat?

## I samtalen

1. **Si hvem du er og hvorfor du ringer**, kort: «Jeg heter Marte og er veileder på \
NAV-kontoret her. Jeg ringer fordi jeg har lest at dere skal utvide, og vil høre om dere \
trenger folk.»
2. **Spør før du tilbyr.** «Hva er vanskeligst å rekruttere til hos dere?» «Hvordan ser \
bemanningen ut fram mot sommeren?» «Hva skal til for at en ny medarbeider fungerer godt hos \
dere?»
3. **Lytt mer enn du snakker.** Skriv ned ordene arbeidsgiveren bruker om behovet sitt. Bruk \
dem når du følger opp.
4. **Tilby det som passer til det du har hørt**, og ikke mer. Én relevant kandidat er bedre \
enn en liste med ti CV-er.
5. **Avtal neste steg**: hvem gjør hva, og når.

## Hva NAV kan tilby en arbeidsgiver

- **Hjelp med rekruttering:** vi finner kandidater, og stillingen kan lyses ut på \
arbeidsplassen.nav.no.
- **Oppfølging:** én fast kontakt hos NAV i perioden etter ansettelsen.
- **Lønnstilskudd** når en kandidat trenger tid til å komme opp i fart.
- **Mentor** når den nye trenger en kollega som har tid til å lære opp.
- **Tilrettelegging og inkluderingstilskudd** når det trengs utstyr eller tilpasninger.
- **Hjelp med sykefravær og arbeidsmiljø** gjennom Arbeidslivssenteret.

Du trenger ikke kunne alle reglene. Det viktigste er å vite hva som finnes og hvem på kontoret \
som kan mer.

## Det du bør unngå

- Å sende lister med kandidater arbeidsgiveren ikke har bedt om.
- Å love tilskudd, satser eller oppstartsdato før du har sjekket.
- Å fortelle om en brukers helse, økonomi eller livssituasjon. Si hva personen kan og trenger \
på jobb, ikke hvorfor.

## To saker fra kontoret

**Hotellet.** En veileder ringer et hotell i februar for å spørre om sommerjobber. \
Resepsjonssjefen har dårlig tid. Veilederen spør om det passer bedre å ringe tilbake, og får \
et tidspunkt dagen etter. Der får hun vite at hotellet trenger fire romassistenter fra mai, \
og at norskferdigheter er mindre viktig enn at folk møter presist. Hun presenterer to \
kandidater uka etter.

**Verkstedet.** En veileder besøker et mekanisk verksted og presenterer alle NAVs tiltak i \
tjue minutter. Daglig leder sier takk for besøket og tar ikke kontakt igjen. Da \
markedskontakten ringer en måned senere og spør hva som er vanskeligst for dem, får hun vite \
at de mangler en lærling.

**Tenk over:** Hva gjorde den første veilederen som den andre ikke gjorde?

## Etter samtalen

Logg kontakten i kontaktloggen samme dag: hvem du snakket med, hva de trenger, og hva du har \
lovet. Gjør det du lovet innen fristen du ga. Det er det arbeidsgiveren husker.

## Øvelse (12 minutter)

Skriv åpningen din i tre setninger. Ring en kollega som spiller arbeidsgiver, og øv to \
ganger: én gang der arbeidsgiveren er positiv, og én gang der arbeidsgiveren har dårlig tid.
"""

# The minutes are what the module asks of the reader: a short text says 5 or 10, a group
# discussion or a practice task the time it takes.
# slug, title, area, phase, form, level, roles, minutes, summary, body
MODULES = [
    (
        "velkommen-til-nav-kontoret",
        "Velkommen til NAV-kontoret",
        ARBEIDSLIV,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [V, M, L],
        5,
        "Hvordan kontoret er organisert, hvem som gjør hva, og hvor du finner hjelp i starten.",
        "## Kontoret ditt\n\nNAV-kontoret er et partnerskap mellom stat og kommune. "
        "Du jobber sammen med kolleger som har ulike fagområder.\n\n"
        "## De første ukene\n\n- Bli kjent med teamet ditt\n- Sett opp fadderavtale\n"
        "- Les kontorets virksomhetsplan\n\n| Hvem | Spør om |\n| --- | --- |\n"
        "| Fadder | Det meste i hverdagen |\n| Markedskontakt | Arbeidsgivere og ledige jobber |\n"
        "| Leder | Kompetanseplan og prioriteringer |\n",
    ),
    (
        "arbeidsmarkedet-i-norge",
        "Arbeidsmarkedet i Norge – en innføring",
        ARBEIDSLIV,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [V, M],
        20,
        "Tilbud og etterspørsel etter arbeidskraft, to måter å telle ledige på, og hvorfor "
        "bransjer svinger ulikt. Med en sak fra et kontor og en øvelse med tall fra din kommune.",
        ARBEIDSMARKEDET_BODY,
    ),
    (
        "les-det-lokale-arbeidsmarkedet",
        "Les det lokale arbeidsmarkedet",
        ARBEIDSLIV,
        "hverdagen",
        ModuleForm.THEORY,
        Level.DEEP,
        [V, M],
        15,
        "Bruk ukesoppsummeringen, stillingstall og kontakter til å forstå hva som skjer lokalt.",
        "**Slik bruker du de 15 minuttene:** les (3 min), gjør øvelsen (12 min).\n\n"
        "## Ferskvare\n\nKunnskap om det lokale arbeidsmarkedet går fort ut på dato. "
        "Sjekk ukesoppsummeringen fra markedskontakten hver uke.\n\n"
        "## Tre kilder\n\n1. Ledige stillinger og hvem som ansetter\n"
        "2. Nøkkeltall med lokal kommentar\n3. Det kollegene hører fra arbeidsgivere\n\n"
        "## Øvelse\n\nFinn tre virksomheter i kommunen din som har ansatt det siste kvartalet.\n",
    ),
    (
        "trender-og-bransjer",
        "Trender og bransjer i endring",
        ARBEIDSLIV,
        "pafyll",
        ModuleForm.REFLECTION,
        Level.DEEP,
        [V, M, L],
        45,
        "Grønn omstilling, digitalisering og eldrebølgen: hva betyr det for brukerne dine?",
        "**En gruppesamtale på 45 minutter:** én leser opp casene (5 min), dere drøfter dem "
        "(30 min) og blir enige om én ting dere gjør annerledes (10 min).\n\n"
        "## Refleksjon\n\nDrøft i gruppen hvilke yrker som vokser og hvilke som krymper "
        "i regionen deres.\n\n- Hvilke kompetansekrav stilles?\n"
        "- Hvem av brukerne kan nå disse jobbene med kort opplæring?\n",
    ),
    (
        "navs-virkemidler-oversikt",
        "NAVs virkemidler – oversikt",
        VIRKEMIDLER,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [V, M, L],
        10,
        "Arbeidsrettede tiltak, lønnstilskudd og oppfølging: hva finnes, og hvem passer de for?",
        "## Tiltak for personer\n\nArbeidstrening, opplæring og oppfølging i jobb.\n\n"
        "## Tiltak for arbeidsgivere\n\n| Virkemiddel | Hva det er | Når det passer |\n"
        "| --- | --- | --- |\n"
        "| Lønnstilskudd | NAV dekker en del av lønnen i en periode | Kandidaten trenger tid "
        "til å komme opp i fart |\n"
        "| Mentor | En kollega får betalt tid til å lære opp | Den nye trenger tett "
        "opplæring de første ukene |\n"
        "| Inkluderingstilskudd | Tilskudd til utstyr og tilpasninger | Det trengs noe "
        "praktisk for at jobben skal fungere |\n\n"
        "Satser og varighet står i regelverket: sjekk Navet før du lover noe.\n\n"
        "## Tommelfingerregel\n\nVelg det minst inngripende tiltaket som gir brukeren en reell "
        "vei til jobb.\n",
    ),
    (
        "lonnstilskudd-i-praksis",
        "Lønnstilskudd i praksis",
        VIRKEMIDLER,
        "hverdagen",
        ModuleForm.THEORY,
        Level.DEEP,
        [V, M],
        20,
        "Hvordan du bruker lønnstilskudd for å åpne døren hos en arbeidsgiver: når det "
        "passer, hva du sier, og hvordan du følger opp. Med en sak fra et kontor.",
        LONNSTILSKUDD_BODY,
    ),
    (
        "virkemidler-for-arbeidsgivere",
        "Virkemidler arbeidsgiveren etterspør",
        VIRKEMIDLER,
        "pafyll",
        ModuleForm.REFLECTION,
        Level.DEEP,
        [V, M, L],
        40,
        "Erfaringsutveksling om hvilke tjenester arbeidsgivere faktisk verdsetter.",
        "**En gruppesamtale på 40 minutter:** hver forteller om én arbeidsgiver (15 min), dere "
        "drøfter casene (20 min) og skriver ned hva dere tar med videre (5 min).\n\n"
        "## Del erfaringer\n\nHva har arbeidsgivere sagt at de trenger fra NAV? "
        "Oppfølging, rask respons og én fast kontakt går igjen.\n",
    ),
    (
        "dialog-med-arbeidsgivere",
        "Dialog med arbeidsgivere",
        INKLUDERING,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [V, M],
        25,
        "Slik forbereder og gjennomfører du en god første samtale med en arbeidsgiver: hva du "
        "spør om, hva NAV kan tilby, og hva du bør unngå. Med to saker og en øvelse.",
        DIALOG_BODY,
    ),
    (
        "forhandling-og-tilrettelegging",
        "Forhandling og tilrettelegging",
        INKLUDERING,
        "hverdagen",
        ModuleForm.REFLECTION,
        Level.DEEP,
        [V, M],
        40,
        "Når arbeidsgiver er i tvil: finn løsninger som begge parter kan leve med.",
        "**En gruppesamtale på 40 minutter:** les teksten (5 min), drøft casene (30 min) og "
        "øv på én setning dere kan si til en arbeidsgiver i tvil (5 min).\n\n"
        "## Interesser, ikke posisjoner\n\nFinn ut hva arbeidsgiveren egentlig er bekymret for: "
        "kostnad, risiko eller tid.\n\n## Tilrettelegging\n\nSmå justeringer av arbeidstid og "
        "oppgaver gjør ofte stor forskjell.\n",
    ),
    (
        "motiverende-samtale",
        "Motiverende samtale",
        INKLUDERING,
        "hverdagen",
        ModuleForm.PRACTICE,
        Level.BASIC,
        [V],
        60,
        "Øv på åpne spørsmål og refleksjoner sammen med en kollega.",
        "**Slik bruker du de 60 minuttene:** forbered rollespillet med kollegaen (10 min), "
        "vær veileder i samtalen (20 min), bytt roller (20 min) og oppsummer hva dere lærte "
        "(10 min).\n\n"
        "## Fire ferdigheter\n\n- **Åpne spørsmål:** «Hva tenker du om å jobbe i butikk "
        "igjen?»\n- **Bekreftelser:** si hva personen har fått til.\n- **Refleksjoner:** "
        "si med egne ord det du hører.\n- **Oppsummeringer:** samle tråden før dere går "
        "videre.\n\n"
        "## Øvelse\n\nGjennomfør en rollespill-samtale med en kollega. Kollegaen bekrefter "
        "at øvelsen er gjort.\n",
    ),
    (
        "bli-med-pa-bedriftsbesok",
        "Bli med markedskontakten på bedriftsbesøk",
        INKLUDERING,
        "ny-i-nav",
        ModuleForm.PRACTICE,
        Level.BASIC,
        [V],
        90,
        "Følg markedskontakten på et besøk hos en arbeidsgiver, og lær av hvordan samtalen føres.",
        "**Slik bruker du de 90 minuttene:** forbered deg med markedskontakten (15 min), vær "
        "med på besøket (60 min) og skriv ned hva du lærte (15 min).\n\n"
        "## Før besøket\n\nAvtal med markedskontakten hva du skal se etter.\n\n"
        "## Etter besøket\n\nSkriv ned tre ting du lærte. Markedskontakten bekrefter at du var "
        "med, og modulen blir fullført.\n",
    ),
    (
        "markedskontaktrollen",
        "Markedskontaktrollen",
        ARBEIDSLIV,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [M],
        5,
        "Hva som forventes av en markedskontakt, og hvordan du bygger nettverket ditt.",
        "## Rollebeskrivelse\n\nMarkedskontakten holder kontakten med arbeidsgiverne og "
        "holder kollegene oppdatert om det lokale arbeidsmarkedet.\n\n"
        "## Ukentlig rytme\n\n1. Samle stillinger og nyheter\n2. Skriv ukesoppsummeringen\n"
        "3. Legg fram på tavlemøtet\n",
    ),
    (
        "lede-kompetanseutvikling",
        "Lede kompetanseutvikling på kontoret",
        INKLUDERING,
        "ny-i-nav",
        ModuleForm.THEORY,
        Level.BASIC,
        [L],
        5,
        "Kompetanseplaner, egenvurdering og avsatt tid: lederens verktøy.",
        "## Planen eies av leder\n\nAvtal mål med hver medarbeider, sett av tid i "
        "kalenderen og følg opp.\n\n## Matrisen\n\nBruk kompetansematrisen for å se hvor "
        "kontoret står.\n",
    ),
    (
        "personvern-i-kontaktloggen",
        "Personvern i kontaktloggen",
        VIRKEMIDLER,
        "hverdagen",
        ModuleForm.THEORY,
        Level.BASIC,
        [V, M, L],
        5,
        "Hva du kan og ikke kan skrive om brukere når du logger kontakt med arbeidsgivere.",
        "## Hovedregel\n\nKontaktloggen handler om arbeidsgiveren. Skriv aldri "
        "fødselsnummer eller helseopplysninger om brukere.\n",
    ),
]

# question, kind, explanation (shown after a submit), [(answer, correct, feedback)]. The
# feedback explains the answer it belongs to; it never repeats a verdict ("Ja.", "Riktig.").
QUIZZES = {
    "arbeidsmarkedet-i-norge": [
        (
            "Hvem regnes med i arbeidsstyrken?",
            QuestionKind.SINGLE,
            "Arbeidsstyrken er alle som tilbyr arbeidskraft: de som har jobb, og de som søker "
            "aktivt og kan begynne snart.",
            [
                (
                    "De som er i jobb eller aktivt søker jobb",
                    True,
                    "Begge gruppene tilbyr arbeidskraft.",
                ),
                ("Bare de som er i jobb", False, "Da mangler de ledige som søker aktivt."),
                (
                    "Alle mellom 16 og 74 år",
                    False,
                    "Det er befolkningen i yrkesaktiv alder, også de som verken jobber eller "
                    "søker.",
                ),
            ],
        ),
        (
            "Hvilke kilder måler ledighet i Norge?",
            QuestionKind.MULTIPLE,
            "NAV teller registrerte helt ledige hver måned; SSB spør et utvalg i "
            "arbeidskraftundersøkelsen. De svarer på ulike spørsmål, og begge er i bruk.",
            [
                (
                    "NAVs registrerte ledighet",
                    True,
                    "Kommer hver måned og finnes for hver kommune.",
                ),
                (
                    "SSBs arbeidskraftundersøkelse (AKU)",
                    True,
                    "Fanger også opp ledige som ikke har meldt seg hos NAV.",
                ),
                (
                    "Skatteetatens ligning",
                    False,
                    "Skatteoppgjøret viser inntekt, ikke om noen søker jobb.",
                ),
            ],
        ),
        (
            "Hvorfor er ledigheten i AKU som regel høyere enn den registrerte?",
            QuestionKind.SINGLE,
            "AKU teller alle som er uten jobb, har søkt de siste fire ukene og kan begynne "
            "innen to uker, også de som ikke er registrert hos NAV.",
            [
                (
                    "AKU tar med ledige som ikke har meldt seg hos NAV",
                    True,
                    "For eksempel studenter som søker jobb.",
                ),
                (
                    "AKU teller deltidsansatte som ledige",
                    False,
                    "Den som har inntektsgivende arbeid, er sysselsatt, også på deltid.",
                ),
                (
                    "NAV teller bare dem som får dagpenger",
                    False,
                    "NAV teller alle registrerte helt ledige, også de uten dagpenger.",
                ),
            ],
        ),
    ],
    "navs-virkemidler-oversikt": [
        (
            "Hvilke virkemidler er rettet mot arbeidsgivere?",
            QuestionKind.MULTIPLE,
            "Lønnstilskudd og mentor gjør det lettere for en arbeidsgiver å ansette og lære "
            "opp. Dagpenger er en ytelse til personen.",
            [
                ("Lønnstilskudd", True, "Dekker en del av lønnen i en periode."),
                ("Mentor", True, "Gir en kollega betalt tid til å lære opp den nye."),
                ("Dagpenger", False, "Dagpenger er en ytelse til den som har mistet jobben."),
            ],
        ),
        (
            "Hvilket tiltak bør du velge først?",
            QuestionKind.SINGLE,
            "Det minst inngripende tiltaket som likevel gir en reell vei til jobb, gir brukeren "
            "mest selvstendighet og arbeidsgiveren minst byråkrati.",
            [
                (
                    "Det minst inngripende som gir en reell vei til jobb",
                    True,
                    "Det er tommelfingerregelen i modulen.",
                ),
                ("Det dyreste", False, "Pris sier ingenting om hva brukeren trenger."),
                ("Det brukeren hadde sist", False, "Behovet kan ha endret seg siden sist."),
            ],
        ),
    ],
    "lonnstilskudd-i-praksis": [
        (
            "Når passer lønnstilskudd?",
            QuestionKind.SINGLE,
            "Tilskuddet skal veie opp for at kandidaten trenger tid, opplæring eller "
            "tilrettelegging i en jobb arbeidsgiveren har reelt behov for.",
            [
                (
                    "Når arbeidsgiveren trenger folk, og kandidaten trenger tid til å komme opp "
                    "i fart",
                    True,
                    "Da får begge noe ut av perioden, og jobben kan vare etterpå.",
                ),
                (
                    "Når arbeidsgiveren bare trenger ekstra hjelp i noen uker",
                    False,
                    "Da står kandidaten uten jobb når toppen er over.",
                ),
                (
                    "Når arbeidsgiveren ville ansatt kandidaten uansett",
                    False,
                    "Da er tilskuddet bare rabatt på lønn.",
                ),
            ],
        ),
        (
            "Hva sier du til arbeidsgiveren om satser og varighet?",
            QuestionKind.SINGLE,
            "Satser og varighet står i regelverket og kan endres. Et løfte du må trekke "
            "tilbake, koster mer tillit enn et «det sjekker jeg».",
            [
                (
                    "At du sjekker regelverket og kommer tilbake med svar",
                    True,
                    "Du lover ikke mer enn du kan holde.",
                ),
                (
                    "Det samme som forrige arbeidsgiver fikk",
                    False,
                    "Reglene og kandidatens behov kan være annerledes nå.",
                ),
            ],
        ),
    ],
    "dialog-med-arbeidsgivere": [
        (
            "Hva bør du gjøre før du ringer en arbeidsgiver?",
            QuestionKind.SINGLE,
            "Kontaktloggen viser om en kollega nylig har snakket med virksomheten, så du "
            "unngår at arbeidsgiveren blir oppringt flere ganger om det samme.",
            [
                (
                    "Sjekke kontaktloggen for nylige kontakter",
                    True,
                    "Da vet du hva som er sagt før, og av hvem.",
                ),
                (
                    "Sende over en liste med kandidater",
                    False,
                    "En liste ingen har bedt om, blir sjelden lest. Spør om behov først.",
                ),
            ],
        ),
        (
            "Hva kjennetegner en god første samtale?",
            QuestionKind.MULTIPLE,
            "Arbeidsgiveren skal fortelle om sitt behov før du tilbyr noe. Da kan du tilby det "
            "som passer.",
            [
                ("Du lytter mer enn du snakker", True, "Da får du vite hva de trenger."),
                ("Du spør om behov", True, "Behovet avgjør hva du tilbyr."),
                (
                    "Du presenterer alle tiltak med en gang",
                    False,
                    "Det blir for mye for tidlig, og det viktigste drukner.",
                ),
            ],
        ),
        (
            "Hva kan du si om en kandidat til en arbeidsgiver?",
            QuestionKind.SINGLE,
            "Arbeidsgiveren trenger å vite hva kandidaten kan og trenger på jobb. Helse og "
            "livssituasjon er personens egne opplysninger.",
            [
                (
                    "Hva kandidaten kan, og hva hun trenger for å lykkes i jobben",
                    True,
                    "Det er det arbeidsgiveren trenger for å vurdere kandidaten.",
                ),
                (
                    "Hvorfor kandidaten har vært sykmeldt",
                    False,
                    "Helseopplysninger deler du ikke med arbeidsgiveren.",
                ),
            ],
        ),
    ],
    "markedskontaktrollen": [
        (
            "Hva er markedskontaktens ukentlige leveranse til kollegene?",
            QuestionKind.SINGLE,
            "Ukesoppsummeringen samler stillinger, nyheter og nøkkeltall, og legges fram på "
            "tavlemøtet.",
            [
                ("Ukesoppsummeringen", True, "Den skrives hver uke og legges fram på tavlemøtet."),
                (
                    "Månedsrapporten til direktoratet",
                    False,
                    "Markedskontakten skriver for kollegene på kontoret, ikke for direktoratet.",
                ),
            ],
        ),
    ],
}

PATHS = [
    (
        "ny-i-nav-veileder",
        "Ny i NAV – veileder",
        V,
        "Det du trenger de første månedene som veileder.",
        [
            "velkommen-til-nav-kontoret",
            "arbeidsmarkedet-i-norge",
            "navs-virkemidler-oversikt",
            "dialog-med-arbeidsgivere",
            "bli-med-pa-bedriftsbesok",
        ],
    ),
    (
        "ny-i-nav-markedskontakt",
        "Ny i NAV – markedskontakt",
        M,
        "Rollen, nettverket og arbeidsgiverdialogen.",
        [
            "velkommen-til-nav-kontoret",
            "markedskontaktrollen",
            "arbeidsmarkedet-i-norge",
            "dialog-med-arbeidsgivere",
        ],
    ),
    (
        "ny-i-nav-leder",
        "Ny i NAV – leder",
        L,
        "Kompetanseledelse og oversikt over kontorets arbeid.",
        ["velkommen-til-nav-kontoret", "lede-kompetanseutvikling", "navs-virkemidler-oversikt"],
    ),
]


def seed(context) -> None:
    ensure(CompetenceArea, Phase)
    areas = {a.slug: a for a in CompetenceArea.objects.all()}
    phases = {p.slug: p for p in Phase.objects.all()}
    editor = context.users["redaktor"]
    now = timezone.now()
    modules = {}
    for slug, title, area, phase, form, level, roles, minutes, summary, body in MODULES:
        modules[slug], _ = Module.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": summary,
                "body": body,
                "area": areas[area],
                "phase": phases[phase],
                "form": form,
                "level": level,
                "audience_roles": roles,
                "minutes": minutes,
                "status": Status.PUBLISHED,
                "published_at": now,
                "owner": editor,
                "last_reviewed_by": editor,
                "renewal_months": 12 if slug == "personvern-i-kontaktloggen" else None,
                "discussion_cases": "1. En arbeidsgiver vil ikke ansette noen med hull i CV-en. "
                "Hvordan går dere fram?\n2. Brukeren ønsker en jobb som ikke finnes lokalt."
                if form == ModuleForm.REFLECTION
                else "",
            },
        )
    # An unpublished regional draft, for editors to see.
    Module.objects.update_or_create(
        slug="agder-naeringsliv-utkast",
        defaults={
            "title": "Næringslivet i Agder (utkast)",
            "summary": "Regionalt utkast om de største arbeidsgiverne i Agder.",
            "body": "## Under arbeid\n\nRedaktøren skriver fortsatt.",
            "area": areas[ARBEIDSLIV],
            "phase": phases["hverdagen"],
            "region": context.regions["Agder"],
            "status": Status.DRAFT,
            "owner": editor,
            "audience_roles": [V, M],
        },
    )
    for slug, questions in QUIZZES.items():
        module = modules[slug]
        if module.questions.exists():
            # Seeded before: the explanations are the only thing added since.
            for text, _kind, explanation, _choices in questions:
                module.questions.filter(text=text, explanation="").update(explanation=explanation)
            continue
        for order, (text, kind, explanation, choices) in enumerate(questions):
            question = Question.objects.create(
                module=module, text=text, kind=kind, order=order, explanation=explanation
            )
            Choice.objects.bulk_create(
                Choice(question=question, text=t, correct=c, feedback=f, order=i)
                for i, (t, c, f) in enumerate(choices)
            )
    for slug, title, role, description, steps in PATHS:
        path, _ = LearningPath.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "role": role,
                "description": description,
                "phase": phases["ny-i-nav"],
                "status": Status.PUBLISHED,
            },
        )
        for order, module_slug in enumerate(steps):
            PathStep.objects.update_or_create(
                path=path,
                module=modules[module_slug],
                defaults={"order": order, "due_after_days": 14 * (order + 1)},
            )
    _seed_people(context, modules)
    _seed_past_assignments(context, modules)
    _seed_questions(context)


# «Spør fagmiljøet»: Harstad's advisor asked about a case between two benefits and Agder's
# advisor about two instruments at once; the first is answered, found helpful and an FAQ entry.
QUESTIONS = [
    (
        "veileder2",
        VIRKEMIDLER,
        "Sykepenger ute, AAP ikke innvilget ennå",
        "En bruker har brukt opp sykepengene, og søknaden om arbeidsavklaringspenger er ikke "
        "avgjort. Arbeidsgiveren vil gjerne ha personen tilbake i redusert stilling. Hva kan "
        "vi tilby i mellomtiden, og hvem har ansvaret for oppfølgingen?",
        "Søk om AAP i god tid før maksdato; til vedtaket er fattet kan brukeren få AAP som "
        "arbeidssøker. Avtal en arbeidsutprøving med arbeidsgiveren, og la veilederen som har "
        "sykefraværsoppfølgingen fortsette til vedtaket foreligger.",
        "AAP før maksdato for sykepenger",
    ),
    (
        "veileder",
        VIRKEMIDLER,
        "Lønnstilskudd og mentor samtidig?",
        "En arbeidsgiver vil ansette en ung bruker med lønnstilskudd, og spør om de også kan få "
        "mentor de første månedene. Kan tiltakene kombineres?",
        "",
        "",
    ),
]


def _seed_questions(context) -> None:
    users, editor = context.users, context.users["redaktor"]
    for asker, area_slug, title, text, answer_text, faq_title in QUESTIONS:
        question, created = ExpertQuestion.objects.get_or_create(
            asker=users[asker],
            title=title,
            defaults={
                "area": CompetenceArea.objects.get(slug=area_slug),
                "region_id": users[asker].office.region_id,
                "text": text,
            },
        )
        if not created or not answer_text:
            continue
        answer = ExpertAnswer.objects.create(
            question=question, author=editor, text=answer_text, helpful_at=timezone.now()
        )
        Faq.objects.create(
            title=faq_title,
            question=text,
            answer=answer_text,
            area=question.area,
            region=question.region,
            source_answer=answer,
            owner=editor,
            last_reviewed_by=editor,
        )


def _assign(
    user, module, *, by, due, status=AssignmentStatus.OPEN, minutes=None, slot=None, done=None
):
    if status == AssignmentStatus.COMPLETED:
        done = done or timezone.now()
    Assignment.objects.update_or_create(
        user=user,
        module=module,
        source=AssignmentSource.MANAGER,
        defaults={
            "assigned_by": by,
            "due_on": due,
            "reserved_minutes": minutes or module.minutes,
            "reserved_start": slot,
            "reserved_end": slot + timedelta(minutes=minutes or module.minutes) if slot else None,
            "status": status,
            "completed_at": done,
        },
    )


def _month_back(today, months: int, day: int):
    first = today.replace(day=1)
    for _ in range(months):
        first = (first - timedelta(days=1)).replace(day=1)
    return first.replace(day=day)


def _seed_past_assignments(context, modules) -> None:
    """The office's last months of mandatory modules, mostly finished before their due date and
    two after it, so the office's figures have a history to show."""
    users = context.users
    today = timezone.localdate()
    past = [
        # who, module, months back, due day, finished on day (in the due month; > due = late)
        ("veileder", "arbeidsmarkedet-i-norge", 1, 20, 14),
        ("markedskontakt", "trender-og-bransjer", 1, 18, 24),
        ("veileder", "motiverende-samtale", 2, 15, 10),
        ("leder", "lede-kompetanseutvikling", 2, 28, 22),
        ("markedskontakt", "virkemidler-for-arbeidsgivere", 3, 18, 12),
        ("leder", "arbeidsmarkedet-i-norge", 3, 25, 19),
        ("leder", "navs-virkemidler-oversikt", 4, 21, 26),
        ("veileder", "navs-virkemidler-oversikt", 4, 21, 20),
    ]
    for who, slug, months, due_day, done_day in past:
        due = _month_back(today, months, due_day)
        done = timezone.make_aware(datetime.combine(due.replace(day=done_day), time(10, 30)))
        user, module = users[who], modules[slug]
        _assign(
            user, module, by=users["leder"], due=due, status=AssignmentStatus.COMPLETED, done=done
        )
        Progress.objects.update_or_create(
            user=user,
            module=module,
            defaults={
                "status": ProgressStatus.COMPLETED,
                "percent": 100,
                "best_score": 100,
                "attempts": 1,
                "completed_at": done,
                "completed_version": 1,
            },
        )


def _seed_people(context, modules) -> None:
    users = context.users
    today = timezone.localdate()
    leder, veileder, marked = users["leder"], users["veileder"], users["markedskontakt"]
    tomorrow_slot = timezone.make_aware(datetime.combine(today + timedelta(days=1), time(13, 0)))
    # Several states: open with reserved time, due soon, overdue, completed.
    _assign(
        veileder,
        modules["les-det-lokale-arbeidsmarkedet"],
        by=leder,
        due=today + timedelta(days=10),
        slot=tomorrow_slot,
    )
    _assign(
        veileder, modules["personvern-i-kontaktloggen"], by=leder, due=today + timedelta(days=1)
    )
    _assign(veileder, modules["lonnstilskudd-i-praksis"], by=leder, due=today - timedelta(days=9))
    _assign(
        marked, modules["forhandling-og-tilrettelegging"], by=leder, due=today + timedelta(days=20)
    )
    _assign(
        marked,
        modules["markedskontaktrollen"],
        by=leder,
        due=today - timedelta(days=30),
        status=AssignmentStatus.COMPLETED,
    )
    Progress.objects.update_or_create(
        user=marked,
        module=modules["markedskontaktrollen"],
        defaults={
            "status": ProgressStatus.COMPLETED,
            "percent": 100,
            "best_score": 100,
            "attempts": 1,
            "completed_at": timezone.now(),
            "completed_version": 1,
        },
    )
    Progress.objects.update_or_create(
        user=veileder,
        module=modules["velkommen-til-nav-kontoret"],
        defaults={"status": ProgressStatus.IN_PROGRESS, "percent": 40},
    )
    _assign(
        users["veileder2"],
        modules["dialog-med-arbeidsgivere"],
        by=users["leder2"],
        due=today + timedelta(days=5),
    )
    onboarding_assign(user=veileder)
    year = today.year
    plan, _ = CompetencePlan.objects.update_or_create(
        user=veileder,
        year=year,
        defaults={
            "goals": "Bli trygg i samtaler med arbeidsgivere, og kjenne de ti største "
            "arbeidsgiverne i Risør.",
            "status": PlanStatus.AGREED,
            "agreed_on": today.replace(day=1),
            "manager_comment": "Vi setter av en time hver fredag.",
            "employee_comment": "Jeg vil gjerne være med på flere bedriftsbesøk.",
        },
    )
    PlanActivity.objects.update_or_create(
        plan=plan,
        kind="module",
        module=modules["dialog-med-arbeidsgivere"],
        defaults={"when": today + timedelta(days=30)},
    )
    PlanActivity.objects.update_or_create(
        plan=plan,
        kind="job_fair",
        title="Jobbmessa i Risør",
        defaults={"when": today + timedelta(days=45)},
    )
    for area, level in zip(CompetenceArea.objects.all(), (2, 2, 3), strict=False):
        SelfAssessment.objects.update_or_create(
            user=veileder, area=area, year=year, defaults={"level": level}
        )
    shares = [
        (
            marked,
            modules["dialog-med-arbeidsgivere"],
            "",
            "At arbeidsgivere svarer bedre når vi spør hva de trenger, enn når vi tilbyr noe.",
            "Jeg starter hver telefon med ett åpent spørsmål om behovet deres.",
            Audience.REGION,
        ),
        (
            veileder,
            None,
            "Fagdag om inkludering i Kristiansand",
            "Små tilpasninger i arbeidstid gjorde at to brukere kom i full jobb.",
            "Jeg tar opp arbeidstid tidlig i samtalen med arbeidsgiveren.",
            Audience.OFFICE,
        ),
        (
            users["veileder2"],
            modules["navs-virkemidler-oversikt"],
            "",
            "Mentor er mindre kjent enn lønnstilskudd, men arbeidsgivere liker det.",
            "Jeg nevner mentor i alle samtaler om nyansatte.",
            Audience.EVERYONE,
        ),
    ]
    for author, module, activity, learnt, will_use, audience in shares:
        share, _ = Share.objects.update_or_create(
            author=author,
            learnt=learnt,
            defaults={
                "office": author.office,
                "module": module,
                "activity": activity,
                "will_use": will_use,
                "audience": audience,
            },
        )
        if author == marked:
            ShareComment.objects.get_or_create(
                share=share,
                author=veileder,
                defaults={"text": "Takk! Det prøver jeg i morgen."},
            )
    BestPractice.objects.update_or_create(
        slug="tavlemote-med-arbeidsgiver",
        defaults={
            "title": "Tavlemøte med fast arbeidsgiverinnslag",
            "office": context.offices["NAV Risør"],
            "area": CompetenceArea.objects.get(slug=ARBEIDSLIV),
            "body": "Hver tirsdag forteller markedskontakten om én arbeidsgiver i fem "
            "minutter på tavlemøtet. Veilederne stiller spørsmål, og vi noterer hvem som "
            "kan passe.\n\n- Kort og fast\n- Én arbeidsgiver om gangen\n- Oppfølging neste uke",
            "owner": users["redaktor"],
            "last_reviewed_by": users["redaktor"],
        },
    )
    BestPractice.objects.update_or_create(
        slug="faddere-for-nye-veiledere",
        defaults={
            "title": "Faddere for nye veiledere",
            "office": context.offices["NAV Harstad"],
            "area": CompetenceArea.objects.get(slug=INKLUDERING),
            "body": "Alle nye veiledere får en fadder de første tre månedene, og er med på "
            "minst to bedriftsbesøk før jul.",
            "owner": users["redaktor"],
            "last_reviewed_by": users["redaktor"],
        },
    )
