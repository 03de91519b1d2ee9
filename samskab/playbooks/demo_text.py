"""The words of the demo playbook "Drejebog: Parken der blev fornyet" (Danish, as written by the
project's facilitator for colleagues in the other departments of Demo Kommune).

Every figure and event comes from the demo record, as loaded by ``manage.py load_demo``:
the project (``samskab/projects/demo.py``), its key actors (``actors/demo.py``), activities
(``activities/demo.py``), the expectation round (``alignment/demo.py``), the two
self-assessments (``assessments/demo.py``), the story collection "Fortællinger fra parken"
(``explorer/demo.py``; the figures quoted from it were read in the explorer: the comparison of
employees with volunteers and citizens, the page "Mønstre værd at se på", the themes) and the
effect measurement (``measurement/demo.py``: indicators, learning log, unplanned gains,
milestones, the Most Significant Change round, the measurement plan).

Where the text draws on the two source documents it says so and puts them in our own words:
"Samskabelseslaboratoriet" (the lab's course and its playbook for the other departments, the
four levels of measurement) and "Manifest for National Bevægelse for Samskabelse" (2017: the
eight possible gains, the rules of thumb, the role shifts, the questions for effect
measurement in its Appendix 1).

Story counts are written as "omkring 3.000": a published playbook shows them perturbed.
Generated parts (tables of activities, actors, indicator charts, the learning log entries) are
added by ``assemble``; the texts here interpret them and do not repeat them.
"""

from __future__ import annotations

from typing import TypedDict

TITLE = "Drejebog: Parken der blev fornyet"
SUBTITLE = (
    "Sådan passer og fornyer beboere, forening og kommunens gartnere en slidt bypark sammen "
    "– erfaringer til de andre forvaltninger i Demo Kommune"
)

# --------------------------------------------------------------------------------------------
# 1. Sammenfatning

_SUMMARY = """
Byparken var slidt, og få brugte den. Beboere med grønne fingre ville gerne passe og forny den
sammen med kommunens gartnere, men ingen vidste, hvordan ansvaret skulle deles, og gartnerne
frygtede at blive gjort overflødige. Projektet skulle finde en arbejdsdeling, som foreningen,
beboerne og gartnerne kunne stå inde for, og samtidig bidrage til to politiske mål: at flere
borgere tager aktivt del i fællesskaber, og at de grønne områder bruges af alle.

**Det gjorde vi.** Fra opstartsworkshoppen 1. februar 2026 til forankringsmødet 16. juni 2026
gennemførte vi otte aktiviteter: en workshop og en walk-and-talk for at forstå opgaven, et
sparringsmøde om rollerne og et kursus i facilitering, to prøvehandlinger (en fælles
planteringsdag og en parkcafé), en lille undersøgelse og et forankringsmøde. Ved siden af
indsamlede vi fortællinger fra parken fra marts til september 2026 – omkring 3.000 i alt.

**Det kom der ud af.** Antallet af faste frivillige i plejegrupperne gik fra 6 til 21, og målet
på 20 er nået. Fortællingerne ligger tydeligt tættere på »vi bestemte det sammen« i september
end i marts, og ændringen er større, end tilfældigheder kan forklare. Besøgstallet på en
almindelig uge steg fra 410 til 575, men vi kan ikke skille projektets bidrag fra årstidens.
Gartnernes trivsel steg fra 3,1 til 3,6 på en skala fra 1 til 5. Parkcaféen fortsætter med
foreningen som vært, og bedfadderne kommer med i driftsaftalen.

**Det gik ikke som planlagt.** Den første invitation lå kun på kommunens hjemmeside og nåede
for få. I juni sagde to gartnere, at beslutningerne blev truffet uden dem. Styregruppen er
stadig kun kommunal. Og samarbejdsaftalen er endnu ikke underskrevet – fristen er 31. januar
2027, som også er projektets slutdato.

**Vil I gøre det samme, så begynd her:**

1. Tal med medarbejderne i frontlinjen, før I inviterer borgerne: Hvad må de frivillige, hvad
   beholder medarbejderne? Og sig højt, at der ikke spares timer.
2. Inviter personligt og gennem de foreninger, der allerede findes – ikke kun via hjemmesiden.
3. Lav en lille prøvehandling inden for de første to måneder, og lad folk skrive sig på, mens de
   står der.
4. Beslut fra start, hvad I vil måle, og hvem der ejer hvert mål – også de mål, medarbejderne
   selv har.

Drejebogen er skrevet, mens projektet stadig kører. Tallene er dem, der var registreret, da
versionen blev udgivet.
"""

# --------------------------------------------------------------------------------------------
# 2. Problemet og de politiske mål

_PROBLEM = """
# Hvorfor netop parken

Parken havde to problemer, der hang sammen: Den var slidt, og den blev brugt af få.
Walk-and-talken i februar gjorde det konkret. Stierne opleves utrygge om aftenen, legepladsen
bruges meget, og bedene bruges næsten ikke. Det er ikke et problem, en ny anlægsplan løser
alene. Bede, som ingen har et forhold til, bliver ikke passet, og en park bliver ikke brugt mere,
bare fordi den bliver pænere.

Der var kræfter at bygge på. Foreningen Parkens Venner passede allerede rosenbedet og ønskede en
fast aftale om pleje af nye bede. Beboerne klagede over parken, men få havde meldt sig til at
hjælpe. Og gartnerne kendte parkens drift bedre end nogen – men de var skeptiske, fordi de
frygtede, at de frivillige skulle overtage deres opgaver.

# Hvorfor samskabelse

Ingen af parterne kunne løse opgaven alene. Forvaltningen kunne forny bede og stier, men ikke
skabe brugere og ejerskab. Foreningen havde lysten, men ikke planterne, redskaberne og
fagligheden. Gartnerne havde fagligheden, men ikke timerne til at passe flere bede.

Manifest for National Bevægelse for Samskabelse (2017) bruger netop en park som eksempel på
samskabelse: borgere med grønne fingre, der i en forening passer og fornyer et lokalt grønt
område sammen med kommunens gartnere. Og Samskabelseslaboratoriet nævner mere involvering i
brugen af naturområder som et af de felter, hvor en kommune kan afprøve samskabelse – med det
formål at samle erfaringerne i en drejebog, som de øvrige forvaltninger kan bruge. Det er den
drejebog, I læser nu.

Én ting måtte vi rette undervejs. Da projektet startede, var planen for parken lavet af
forvaltningen alene. Det er det modsatte af samskabelse: Borgerne skal være med til at forstå
problemet og forme løsningen, ikke kun til at udføre den. Vi åbnede planen igen, og skitsen blev
tegnet om på en workshop med beboerne. Mere om det under tommelfingerreglerne.

# Hvad de politiske mål betød i praksis

Projektet tjener to politiske mål. Sådan oversatte vi dem til noget, man kan se i parken:

| Politisk mål | Det betød hos os | Det målte vi |
|---|---|---|
| Flere borgere tager aktivt del i fællesskaber | Faste hold passer bede | Faste frivillige |
| Grønne områder, der bruges af alle | Flere i parken, også med rollator | Besøgende pr. uge |

To ting er værd at vide, hvis I læser måltabellen nedenfor:

- **Besøgsmålet hænger det forkerte sted.** I registreringen tjener målet om flere besøgende kun
  fællesskabsmålet. Det burde også tjene målet om grønne områder, der bruges af alle. Ret den
  slags, når I sætter jeres mål op; det er dem, ledelsen læser resultaterne igennem.
- **Et tredje mål mangler.** Kommunens personalepolitik har målet, at medarbejdere samarbejder
  på tværs og ud af huset. Det er ikke knyttet til projektet, selv om vi måler gartnernes trivsel,
  og selv om gartnerne selv håbede at få kolleger fra kultur og frivillige at arbejde sammen med.
  Havde det været knyttet på fra start, kunne direktionen se, at projektet også er et
  personaleprojekt.

Tilgængelighed står ikke i projektets problemformulering. Den blev en del af opgaven gennem DH
Aarby og brugerne fra Bostedet Lærkely, som var med fra defineringsfasen og gennemgik stier,
bænke og toiletter. »Alle« i det politiske mål betyder også dem, der ikke kan gå på grus.

# Hvem ejede problemet ved start

Ved start ejede forvaltningen problemet. Opdragsgiveren var chefen for parkområdet, som skal
kunne forklare udvalget, hvad samarbejdet skaber. Teknik- og Miljøudvalget bevilger
anlægsmidlerne, men havde ikke mødt foreningen. Foreningen var med til at skabe projektet
allerede ved udvælgelsen; gartnerne blev hørt, og beboerne blev informeret.

Det flyttede sig. Projektets egne mål har i dag forskellige ejere: Foreningen ejer målet om, at
beboere og gartnere bestemmer sammen, gartnernes holdleder ejer målet om trivsel, og
opdragsgiveren ejer målet om forankring. Det er et tegn på, at ejerskabet er blevet delt – og en
påmindelse om, at forankringen stadig hviler på én leder.
"""

# --------------------------------------------------------------------------------------------
# 3. Hvem deltog

_PARTICIPANTS = """
Tabellerne og kortet nedenfor viser de ti nøgleaktører, hvor meget de var med i hver fase, og
hvor mange der kom til aktiviteterne. Her er det, tallene ikke fortæller.

# Dem, der var svære at nå

**Beboerne.** Invitationen til opstartsworkshoppen lå kun på kommunens hjemmeside, og for få
beboere kom. Det var vores første fejl, og den var let at undgå. Bagefter inviterede vi gennem
foreningerne og med sedler i opgangene, og til planteringsdagen brugte vi den personlige
invitation. Beboerne omkring parken nås gennem opslag, Facebook-gruppen og en kaffebod i parken
en lørdag – ikke gennem kommunens kanaler.

**Hundeejerne.** De bruger parken hver dag og er bekymrede for, at en hundeskov forsvinder. De
står kun som informeret i de faser, hvor de var med, og ingen aktivitet tog deres bekymring op.
Det er en løs ende. En gruppe, der bruger stedet hver dag og først hører om ændringerne, når de
står færdige, kan blive projektets stærkeste modstandere.

**Politikerne.** Formanden for Teknik- og Miljøudvalget har stor indflydelse, men efter vores
egen vurdering lille interesse for projektet. Udvalget blev informeret eller hørt og var ikke
med i sparringsfasen. Til gengæld deltog to udvalgsmedlemmer i plantedagen og tog idéer med
hjem, og formanden var med på forankringsmødet. Det er langt bedre end ingenting, men
politikerne har ikke været med til at forme løsningen.

**Virksomhederne.** Anlægsgartneren på kommunens rammeaftale udfører stierne, men havde lille
interesse og var højst hørt. En planteskole har doneret stauder, og en lokal bager sponsorerede
brød til parkcaféen. Det er velkomne bidrag, men ikke partnerskaber. Midtvejs vurderede vi
virksomhedernes rolle til 2 ud af 5: »mere kan det ikke blive endnu«.

# Dem, der kom uventet

**Børnefamilierne.** Planteringsdagen samlede 42 deltagere, heraf mange børnefamilier. Det
havde vi ikke planlagt efter. Lav aktiviteter, hvor børn kan være med – så følger forældrene.

**Skolen.** Aarby Skoles 5. årgang blev hørt i defineringsfasen og var medskabende i
prøvehandlingerne; klasserne vil gerne have et skolebed. I august havde natur/teknologi-lærerne
lagt tre forløb i parken. Det er nu blevet et mål for sig: at skolen bruger parken som udeskole.

**Handicaporganisationen og brugerne fra bostedet.** DH Aarby gennemgik stier, bænke og
toiletter for tilgængelighed med kørestol og rollator, og beboere og personale fra Bostedet
Lærkely testede den nye sti og sansehaven. Brugerne fra bostedet har den mindste indflydelse af
alle nøgleaktørerne, men en af de største interesser. Giv den slags grupper en konkret opgave: At
teste en sti er noget, man kan sige ja til.

# Det, der skulle til for at holde grupperne med

| Gruppe | Det holdt dem med | Risikoen |
|---|---|---|
| Gartnerne | En klar rolle og faste pladser i planlægningen | Beslutninger uden dem |
| Foreningen | Egne bede og værtskabet for caféen | At blive spurgt for sent |
| Beboerne | Konkrete opgaver med en dato | Invitationer, de aldrig så |
| Brugere med handicap | At teste ruten selv | Stier planlagt uden dem |
| Politikerne | At være med, hvor det sker | Kun at blive informeret |

Mønsteret er enkelt: Grupperne blev, når de havde en opgave, der var deres egen. Gartnerne gik
fra at blive hørt ved udvælgelsen til at lede forankringen, og foreningen ledede
prøvehandlingerne. Vores bud er, at det skete, fordi vi gav ansvar væk – ikke fordi vi
inviterede til flere møder.

En bemærkning om registreringen: Foreningerne står som nøgleaktører, men ikke ved navn som
deltagere i aktiviteterne; deres folk er talt med som »frivillig organisation«. Derfor står
Parkens Venner ikke i trin-for-trin-beskrivelsen, selv om foreningens folk var med i det meste.
Registrer foreningerne som deltagere fra start, så I kan følge dem.
"""

# --------------------------------------------------------------------------------------------
# 4. Processen trin for trin

_PROCESS = """
Samskabelseslaboratoriet beskriver forløbet som en vekslen mellem sparring,
kompetenceudvikling, prøvehandlinger og små undersøgelser, som man lærer af undervejs. Sådan så
det ud hos os. Trinene følger faserne. Under hvert trin står, hvad I skal forberede, hvad der
virkede, og hvad vi ville gøre anderledes. Selve aktiviteterne – dato, sted, metoder, deltagere og
udbytte – står i oversigten efter teksten med de samme trinnumre.

# Overblik: rækkefølge og kalendertid

| Fase | Vores aktiviteter | Kalendertid hos os |
|---|---|---|
| Udvælgelse | Ingen særskilt aktivitet | Før 1. februar 2026 |
| Definere og kortlægge | Opstartsworkshop, walk-and-talk | Knap to uger |
| Sparring og kompetence | Sparringsmøde, kursus i facilitering | To uger |
| Prøvehandlinger | Planteringsdag, parkcafé på fire torsdage | April–maj |
| Undersøgelser | Lille undersøgelse; løbende fortællinger | Maj; marts–september |
| Forankring | Forankringsmøde | 16. juni 2026 |

Fra første workshop til forankringsmødet gik der fire og en halv måned. Det er hurtigt, og det
var både en styrke og en svaghed. Styrken: Der skete noget i parken, mens interessen var der.
Svagheden: Forankringsmødet lå før gartnernes anden trivselsmåling, før de faste frivillige nåede
målet, og før skolen lagde sine forløb i parken. Beslutningerne blev truffet på et tyndere
grundlag, end vi har i dag. Læg forankringsmødet senere, eller hold to: et i foråret, hvor I
beslutter, hvad der skal fortsætte, og et, når der er tal, hvor I beslutter, hvordan.

# Trin 0: Vælg projektet og nøgleaktørerne

Der er ingen aktivitet registreret i denne fase, og det er en mangel. Projektet blev valgt af
opdragsgiveren sammen med foreningen; gartnerne blev hørt, og beboerne blev informeret.
Interessentkortlægningen lavede vi først på opstartsworkshoppen.

**Sådan gør I**

- Lav interessentkortlægningen, *før* I inviterer til den første workshop. Ellers ved I ikke,
  hvem der mangler i lokalet.
- Undersøg, om der allerede findes fora, der arbejder med stedet eller problemet. Hos os var det
  grundejerforeningen og lokalrådet, som blev inviteret med.
- Tal med medarbejderne i frontlinjen, før borgerne inviteres. Vores gartnere var skeptiske fra
  start – de frygtede, at de frivillige skulle tage deres opgaver – og det er en rimelig frygt,
  indtil nogen siger højt, at der ikke spares timer.
- Aftal, hvem der ejer hvert mål, og skriv det ned.

# Trin 1: Opstartsworkshoppen

Vi brugte et fremtidsværksted – kritik af det, der er, en fri fremtidsdrøm og en plan for at
komme derhen – og sluttede med prikafstemning. Det gav et fælles billede af parkens problemer
og drømme, 14 idéer og tre valgt til videre arbejde.

**Forbered**

- Invitationen. Vores lå kun på kommunens hjemmeside, og for få beboere kom. Inviter personligt,
  gennem foreningerne og med sedler i opgangene, og gør det i god tid.
- Kort over parken, store nok til at tegne på.
- Et svar til dem, hvis idéer *ikke* bliver valgt. Skriv idéerne ned med en begrundelse for
  valget. Det gjorde vi ikke godt nok: Registreringen fortæller, at tre idéer blev valgt, men ikke
  hvilke, og heller ikke hvorfor de elleve andre blev lagt til side.

**Det virkede**

Fremtidsværkstedets kritikfase. Folk, der er utilfredse med parken, skal have lov at sige det,
før de bliver bedt om at drømme.

**Det ville vi gøre anderledes**

Vi holdt workshoppen på rådhuset. Walk-and-talken i parken knap to uger senere gav de mest
konkrete iagttagelser i hele defineringsfasen. Hold den første workshop der, hvor problemet er.

# Trin 2: Walk-and-talk i parken

En samtale på gåben gennem parken med beboere, brugere og gartnernes holdleder. Den gav tre
iagttagelser, som styrede resten af projektet: Stierne opleves utrygge om aftenen, legepladsen
bruges meget, og bedene bruges næsten ikke.

**Sådan gør I**

- Gå i små grupper med en medarbejder i hver, og lad deltagerne bestemme ruten.
- Gå på det tidspunkt, hvor problemet er. Utryghed om aftenen opdager man ikke ved middagstid.
- Tag billeder undervejs; de kan bruges igen, når I senere undersøger, hvad der er sket.
- Inviter dem, der sjældent bliver hørt. Hos os var det brugerne fra bostedet og DH Aarby, der
  gjorde tilgængelighed til en del af opgaven.

# Trin 3: Sparring med gartnerne og foreningen

Projektets vigtigste møde blev holdt på Materielgården, gartnernes hjemmebane. Spørgsmålet var
enkelt: Hvad gør gartnerne, og hvad kan de frivillige tage ansvar for? Resultatet blev en enkel
handleplan: De frivillige passer tre bede, og gartnerne leverer planter og redskaber.

**Sådan gør I**

- Hold mødet, hvor medarbejderne arbejder, ikke på rådhuset.
- Begynd med det, medarbejderne er bekymrede for. Hos os var det at blive gjort overflødige.
- Skriv aftalen ned på én side: hvem, hvad, hvornår. Den skal kunne hænge på en opslagstavle.
- Aftal også, hvornår rollerne tages op igen. Det gjorde vi ikke, og i juni sagde to gartnere,
  at beslutningerne blev truffet uden dem. Nu har gartnerne to faste pladser i
  planlægningsgruppen. Det burde have stået i aftalen fra begyndelsen.

# Trin 4: Kompetenceudvikling – at facilitere en workshop

Otte deltagere blandt de frivillige og gartnerne prøvede 1-2-4-alle og fiskebowle i
Frivilligcenteret. 1-2-4-alle blev brugt igen på planteringsdagen; fiskebowlen er ikke
registreret brugt siden.

**Sådan gør I**

- Lær de metoder, der skal bruges inden for få uger, og aftal med det samme, hvor de skal bruges.
- Lad en frivillig og en medarbejder facilitere sammen første gang. Det viser, at ingen af dem er
  gæst hos den anden.
- Regn med, at ikke alt bliver brugt. Én ud af to metoder i brug er et fint resultat.

# Trin 5: Prøvehandling – den fælles planteringsdag

Planteringsdagen i april blev projektets vendepunkt. 42 kom, heraf mange børnefamilier, og 18
skrev sig på som bedfaddere. Gartnere og beboere plantede sammen, og børnene fra skolen var med.
Bagefter besluttede vi at gøre plantedage til en fast del af hvert kvartal.

**Forbered**

- Den personlige invitation: sedler i opgangene og besked gennem foreningerne og skolen.
- Planter, jord, redskaber og en gartner ved hvert bed. Materialerne er gartnernes bidrag efter
  aftalen fra sparringsmødet; lad dem planlægge dem.
- En liste, man kan skrive sig på som bedfadder, mens man står med jord på hænderne. Det er her,
  engagementet skal blive til en aftale.
- Kaffe. Det lyder banalt, men et af de temaer, som explorerens temaside fandt i fortællingerne,
  handler om at drikke kaffe sammen bagefter.

**Det virkede**

At gartnerne ledede arbejdet sammen med foreningen. I selvvurderingen er medarbejdernes
rolleskift det punkt, der flyttede sig mest i hele projektet: fra 2 til 4.

**Pas på**

18 tilmeldinger på en dag er ikke 18 faste frivillige. I kvartalet efter var der 14 faste
frivillige i plejegrupperne i alt. Tallene kan ikke trækkes direkte fra hinanden, men de minder
om, at en underskrift ikke er en vane. Følg op på hver tilmelding inden for en uge.

# Trin 6: Prøvehandling – parkcaféen

En café i pavillonen drevet af frivillige på fire torsdage fra maj, med 15–25 gæster hver gang.
Formålet var at skabe liv i parken om aftenen. En lokal bager sponsorerede brød. Vi evaluerede
med et retrospektiv: Hvad gik godt, hvad var svært, hvad gør vi anderledes?

**Sådan gør I**

- Afprøv i lille skala og kort tid. Fire gange er nok til at vide, om det bærer.
- Hold retrospektivet samme aften, mens det er frisk.
- Spørg tidligt, hvem der vil være vært, hvis det skal fortsætte. Hos os blev det foreningen, og
  caféen fortsætter.

**Det ved vi ikke**

Om stierne føles mere trygge om aftenen. Det var det problem, caféen skulle hjælpe på, men vi har
ingen måling af tryghed. Nogle fortællinger siger, at flere nu bruger parken om aftenen. Det er
et fingerpeg, ikke en måling.

# Trin 7: Lille undersøgelse – hvad fik vi ud af det?

I maj samlede vi 56 fortællinger i en fortællecirkel og med photovoice, hvor deltagerne
fotograferede parken og fortalte ud fra billederne. Samtidig løb den digitale indsamling
»Fortællinger fra parken« fra marts til september. De to supplerer hinanden: Fortællecirklen
giver dybden og samtalen, indsamlingen giver bredden og tallene.

Den lille undersøgelse pegede på to ting: De frivillige oplever mere ejerskab, og gartnerne
sparer tid på bedene. Det sidste er godt nyt, men også et følsomt fund – se refleksionerne.

**Sådan gør I**

- Stil alle grupper det samme spørgsmål, så svarene kan sammenlignes.
- Lad deltagerne selv vælge billederne i photovoice. De viser det, I ikke selv ville have
  fotograferet.
- Vis resultaterne for deltagerne først. Vores måleplan siger, at resultaterne drøftes på en
  fælles workshop, før de går videre til udvalget. Hold fast i det; det er forskellen på
  læring og kontrol.

# Trin 8: Forankringsmødet

Opdragsgiveren og formanden for Teknik- og Miljøudvalget mødtes med de frivillige i juni. Vi
brugte anerkendende udforskning – hvad virker allerede, og hvordan bygger vi videre? – og
sluttede med en enkel handleplan. Mødet besluttede, at parkcaféen fortsætter med foreningen som
vært, og at bedfadderne kommer med i driftsaftalen.

**Sådan gør I**

- Medbring et udkast til den aftaletekst, der skal besluttes. Et møde uden tekst ender med en
  hensigt.
- Sørg for, at medarbejderne er med. Gartnernes holdleder har en ledende rolle i forankringen,
  men står ikke som deltager på mødet. Det er en svaghed i vores forløb.
- Afslut med hvem, hvad og hvornår – og en dato for, hvornår I ser på det igen.

**Det mangler**

Afdelingslederen i Park og Natur siger, at samarbejdet er skrevet ind i næste års driftsplan.
Men milepælen – en underskrevet samarbejdsaftale – er ikke nået. Fristen er 31. januar 2027.

# Faldgruber, vi faldt i

1. En invitation, der kun lå på hjemmesiden.
2. En plan for parken, der var lavet, før borgerne blev spurgt.
3. En rollefordeling, der blev aftalt én gang og ikke taget op igen.
4. En styregruppe, der kun er kommunal.
5. En læringslog, der ikke blev skrevet efter hver aktivitet.
6. En gruppe – hundeejerne – hvis bekymring blev noteret, men aldrig taget op.

Ingen af dem var dyre at undgå, og flere af dem kan stadig rettes, før projektet slutter.
"""

# --------------------------------------------------------------------------------------------
# 5. Forventninger

_ALIGNMENT = """
Vi holdt én forventningsafstemning, på opstartsworkshoppen. 25 svarede på, hvor meget de håbede,
at projektet ville give hver af de otte mulige gevinster ved samskabelse, som Manifest for
National Bevægelse for Samskabelse (2017) nævner – fra demokratisk deltagelse til et stærkere
fællesskab. Gartnerne, de frivillige organisationer og beboerne var store nok grupper til at
blive vist hver for sig, med seks svar hver. Brugerne, politikerne og lederne var for få og tæller
kun med i det samlede billede.

# Hvor håbene gik i hver sin retning

Den største forskel handlede om gartnerne selv. Gartnerne håbede »rigtig meget« (median 4 på en
skala fra 0 til 4), at projektet ville give medarbejderne bedre trivsel. De frivillige og
beboerne havde næsten ingen forventning til den gevinst (median 1). Omvendt håbede de frivillige
mest på et stærkere fællesskab (4), og både de frivillige og beboerne håbede på demokratisk
deltagelse (3), mens gartnerne havde lave forventninger netop dér (1).

Det er ikke en konflikt, men det er to forskellige projekter i samme park. For gartnerne
handlede det om deres arbejdsliv, for foreningen og beboerne om fællesskab og indflydelse. Havde
vi kun målt besøgstal og frivillige, var gartnernes projekt forsvundet af syne.

Én gevinst havde lave forventninger i alle tre grupper, der kan vises: input til den politiske
ledelse (median 1), og tre svarede »ved ikke«. Det er værd at hæfte sig ved, for politikernes eget
mål var at få erfaringer til den nye friluftspolitik, og politikernes egne svar er for få til at
blive vist.

De egne mål, folk skrev, var meget konkrete: bænke i skyggen, en park hvor børnene kan lege,
bedre stier til rollator, et fast fællesskab omkring bedene, mindre hærværk, fordi folk passer på
det, de selv har plantet. Brug dem. De er lettere at vende tilbage til end medianer.

# Hvad vi gjorde ved det

- Vi blev enige om at måle begge projekter: gartnernes trivsel og oplevelsen af at bestemme
  sammen. Begge er blevet indikatorer.
- Sparringsmødet på Materielgården gjorde gartnernes bekymring til en konkret arbejdsdeling.
- Foreningens ønske om at blive taget med på råd, før der besluttes noget, svarer til
  projektmålet om, at beboere og gartnere bestemmer sammen – og det er foreningen, der ejer det.

# Hvad aktørerne forventede ved slutningen

Det ved vi ikke præcist. Der er kun én runde, og vi har ikke målt forventningerne igen. Det er
den største mangel i vores opfølgning.

Der er tegn, men de er udvalgte udsagn og ikke en måling. I runden om den vigtigste forandring
skrev en beboer: »Det var første gang, nogen spurgte os, før de gik i gang«, og en fra de
frivillige organisationer: »Foreningen blev en rigtig partner«. En gartner siger om
samarbejdet: »Før var beboerne nogle, der klagede. Nu er de nogle, jeg planlægger med.« Og
gartnernes trivsel steg. Det tyder på, at både gartnernes håb og foreningens håb er blevet delvis
indfriet.

**Sådan gør I**

- Hold den samme forventningsafstemning to gange: ved opstart og igen før forankringsmødet, med
  de samme spørgsmål. Så kan drejebogen vise, hvordan forventningerne flyttede sig, og ikke kun
  hvor de startede.
- Sørg for, at der er mindst fem svar fra hver gruppe, I vil kunne se for sig. Vores politikere,
  ledere og brugere var for få til at blive vist, så drejebogen kan ikke sige, hvad politikerne
  selv forventede.
- Læg de egne mål frem på næste møde. Folk genkender deres egne ord.
"""

# --------------------------------------------------------------------------------------------
# 6. Resultater

_RESULTS = """
Samskabelseslaboratoriet måler resultater på fire niveauer: brugerne, medarbejderne, de frivillige
og borgerne, og organisationen. Indikatorerne nedenfor er ordnet sådan. Læs dem med tre forbehold:

- **Indtastede tal har ingen usikkerhed angivet.** Besøgstal, trivsel, faste frivillige og fælles
  opgaver er skrevet ind uden stikprøvestørrelse. Vi kan derfor ikke sige, om ændringerne er
  større, end tilfældigheder kan forklare.
- **Tal fra fortællingerne har et 95 %-interval.** Når intervallerne for to perioder overlapper
  meget, kan forskellen være tilfældig.
- **Antal fortællinger er let forstyrrede** af hensyn til diskretionen, og intet om færre end fem
  fortællinger vises. Derfor skriver vi »omkring 3.000 fortællinger« og ikke et præcist tal.

# Brugerne: flere i parken – men hvor meget skyldes årstiden?

Besøgstallet på en almindelig uge steg fra 410 i februar–april til 530 i maj–juli og 575 i
august–oktober. Målet er 650 inden 31. januar 2027.

Det er den indikator, der er lettest at forstå, og den, vi er mest forsigtige med. Første
måleperiode dækker vinter og tidligt forår, de to næste sommer og sensommer. En del af stigningen
er sandsynligvis årstiden, og vi har ingen tal fra de samme måneder året før. Tællerne ved de tre
indgange tæller passager, ikke personer. Den ærlige læsning er: Der kommer flere i parken, og vi
ved ikke, hvor mange af dem der kommer på grund af projektet. Den første rimelige sammenligning
bliver februar–april 2027 mod de 410.

# Medarbejderne: bedre trivsel, men fortællingerne har ikke flyttet sig

Gartnernes trivsel steg fra 3,1 til 3,6 på en skala fra 1 til 5; målet er 4,0. Der er to
målinger med et halvt års mellemrum i en lille gruppe, hvor en eller to personers svar kan flytte
gennemsnittet mærkbart. Den anden måling er lavet, efter at gartnerne fik faste pladser i
planlægningsgruppen, men tallene kan ikke vise, om det var derfor.

Fortællingerne giver et andet billede. Andelen af medarbejdernes fortællinger, hvor det, der
skete, især kom af borgernes egne idéer og kræfter, var 21 % i marts–april, 16 % i maj–juni og
21 % i juli–september. Målet er 30 %. Det ligner et dyk i maj–juni, og det er fristende at
forbinde det med, at gartnerne følte sig overhørt i juni. Men intervallerne overlapper
(16,5–25,7 % og 12,8–20,8 %), og fra første til sidste periode er ændringen +0,3 procentpoint med
et interval fra −5,9 til 6,5. Der er ingen ændring, som tilfældigheder ikke kan forklare.

Sammenligningen af grupperne (visningen »Medarbejdere og frivillige: hvad drev det, der skete?«)
viser derimod en tydelig forskel: Centrum for medarbejdernes fortællinger ligger med 46 % på
»regler og procedurer« mod 30 % hos frivillige og borgere, som til gengæld ligger nærmere
»borgernes egne idéer og kræfter« (50 % mod 38 %). Når det gælder, hvad der gjorde en forskel –
tillid, tid eller penge – er der ingen forskel mellem grupperne. Begge lægger omkring halvdelen
af vægten på tillid.

Vores læsning: Medarbejderne og de frivillige er enige om, at tillid var det afgørende, men de
oplever forskelligt, hvad der styrer hverdagen. For medarbejderne er det regler og procedurer. Det
er ikke overraskende – det er gartnerne, der skal få de nye bede til at passe ind i plejeplanen –
men det betyder, at et projekt, der kun taler om borgernes idéer, taler forbi medarbejdernes
virkelighed.

# Frivillige og borgere: målet er nået, og oplevelsen af at bestemme har flyttet sig

Antallet af faste frivillige i plejegrupperne gik fra 6 til 14 og derefter 21. Målet på 20 blev
nået i oktober 2026. Formanden for Foreningen Grønne Hænder fortæller om 15 nye medlemmer og en
fast aftale med Park og Natur om, hvem der gør hvad. Tallet fra medlemslisten siger, hvor mange
der er med; det siger ikke, hvor mange timer de lægger, eller hvor længe de bliver.

I spørgsmålet »Hvem bestemte?« placerer fortælleren sin historie mellem »kommunen bestemte det
hele« (0) og »vi bestemte det sammen« (100). Medianen steg fra 54 i marts (interval 49–60) til 80
i september (76–83) og lå over målet på 70 fra juni. Ændringen er +26 point med et interval fra
18,7 til 31,8. Den er større, end tilfældigheder kan forklare.

Det er projektets stærkeste resultat, og derfor skal det læses præcist:

- Det viser, at fortællingerne flyttede sig – ikke hvorfor.
- Indikatoren står under de frivillige og borgerne, men er beregnet på alle fortællinger, også
  medarbejdernes. Sammenligningen viser ingen forskel mellem medarbejdere og frivillige på netop
  dette spørgsmål, så det ændrer næppe billedet. En ren frivillig- og borgerindikator bør alligevel
  filtrere på niveau.
- Fortællingerne er fortalt af dem, der valgte at fortælle, og hvem der fortæller, kan ændre sig
  over tid.
- September har færre fortællinger end de andre måneder, fordi indsamlingen sluttede midt i
  måneden. Intervallet er alligevel smalt.

# Organisationen: på vej, ikke i mål

Andelen af opgaver i parken, der løses i fællesskab, steg fra 5 % til 12 % efter Park og Naturs
opgaveliste. Målet er 25 %. Med to målinger og uden en nedskrevet definition af, hvornår en
opgave er »løst i fællesskab«, er tallet et groft pejlemærke. Skriv definitionen ned, før I
begynder at tælle.

Det tydeligste tegn på forankring er ikke et tal, men beslutningerne fra forankringsmødet:
Parkcaféen fortsætter med foreningen som vært, og bedfadderne kommer med i driftsaftalen. Den
underskrevne samarbejdsaftale mangler stadig.

# Hvad runden om den vigtigste forandring viser

I runden »Den vigtigste forandring, sommer 2026« valgte syv personer mellem seks udvalgte
fortællinger. Den fortælling, der blev valgt flest gange (fire), blev valgt af en medarbejder, en
beboer, en fra de frivillige organisationer og en bruger. Begrundelserne handler om at blive
spurgt og om at bestemme sammen – mere end om det, fortællingen selv handler om, som er at bære
jord og planter. Panelet brugte fortællingen som anledning til at sige, hvad der havde ændret
sig for dem. Sådan virker metoden bedst.

Panelets konklusion nævner en uenighed mellem gartnere og beboere om fortællingen om reglerne.
Den kan ikke ses i stemmerne: Kun én stemme – fra en medarbejder – er begrundet med regler, og
ingen beboer stemte på den fortælling på listen, der handler om regler. Uenigheden må være kommet
frem i samtalen, og hvem der sagde hvad, er ikke skrevet ned. Gør det.

Syv valg er få. Runden viser, hvad nogle deltagere fandt vigtigst, ikke hvad alle mener.

# Det, tallene ikke viser

- **Tryghed.** Stierne opleves utrygge om aftenen, men vi har ingen måling af tryghed.
- **Tilgængelighed.** DH Aarbys gennemgang og brugernes test af stien er ikke blevet til en
  indikator.
- **Hvem der står bag fortællingerne.** Omkring en tredjedel af fortællingerne er fra
  medarbejdere. Fortællingerne er anonyme, så vi kan ikke se, hvor mange personer der står bag,
  eller om nogle har fortalt mange gange. Læs derfor andele som andele af fortællinger, ikke af
  personer.
- **En sammenligning.** Vi har ingen anden park at sammenligne med, og derfor kan ingen af tallene
  alene vise, hvad projektet har forårsaget.

# Om citaterne

Citaterne nedenfor er valgt, fordi de viser tre ting, tallene peger på: at gartnernes faglighed
blev delt, at regler fylder for medarbejderne, og at beboerne oplevede indflydelse – men stadig
som noget, de »fik lov« til. Det fjerde citat er den kritik, vi skal tage med videre.
"""

# --------------------------------------------------------------------------------------------
# 7. Læring og uplanlagte gevinster

_LEARNING = """
Læringsloggen nedenfor har fire indførsler – to gode og to dårlige erfaringer. Her er, hvad de
ændrede, og hvad loggen ikke fangede.

# Fire erfaringer, der ændrede vores måde at arbejde på

**Invitationen nåede ikke ud (februar).** Vi regnede et opslag på kommunens hjemmeside for en
invitation. Det er den ikke for folk, der ikke i forvejen følger med i kommunen. Vi skiftede til
foreningerne, sedler i opgangene og den personlige invitation, og til planteringsdagen kom 42. Vi
kan ikke skille invitationens betydning fra alt det andet, der var anderledes – en konkret opgave,
foråret, børnene – men vi inviterer ikke igen kun via hjemmesiden.

**Plantedagen samlede alle (april).** Den første fælles plantedag samlede gartnere, beboere og
børnene fra skolen om det samme arbejde. Vi gjorde plantedage til en fast del af hvert kvartal.
Læringen er, at fælles arbejde med hænderne gør mere for samarbejdet end et møde om samarbejdet.

**Gartnerne følte sig overhørt (juni).** På et sparringsmøde sagde to gartnere, at beslutningerne
blev truffet uden dem. Det er den vigtigste indførsel i loggen. Vi havde antaget, at rollerne var
på plads efter sparringsmødet i februar. Det var de ikke. Når de frivillige får mere ansvar,
flytter beslutningerne, og de, der mister indflydelse, er ikke altid dem, man venter. Nu har
gartnerne to faste pladser i planlægningsgruppen.

**De frivillige tog selv ansvar for rosenbedet (september).** Plejegruppen lavede sin egen
vagtplan uden at spørge kommunen. Det er præcis det, projektet ville opnå – og alligevel står
der ingen justering i loggen. Vi har ikke besluttet, hvad kommunen gør, når de frivillige
organiserer sig selv. Manifest for National Bevægelse for Samskabelse (2017) advarer mod, at den
offentlige part overtager initiativer, der vokser frem lokalt, fordi det kan kvæle dem. Vores svar
bør være at spørge plejegruppen, hvad den har brug for, og sikre, at gartnerne kender vagtplanen
– ikke at lave en ny.

# Sidegevinsterne

I måleplanen aftalte vi, at alle skriver sidegevinster ned, og at facilitatoren spørger til dem
på hvert styregruppemøde. To er noteret.

**Nye venskaber på tværs af opgangene.** Beboere, der ikke kendte hinanden, mødes nu også uden
for arbejdsdagene; det har flere deltagere fortalt. Gevinsten er både personlig og fælles, og den
passer med det, de frivillige håbede mest på ved start: et stærkere fællesskab. Der er ingen
indikator for den. Overvej, om den skal have en, eller om det er nok at fortælle om den.

**Skolen bruger parken i undervisningen.** Natur/teknologi-lærerne har lagt tre forløb i parken.
Gevinsten er løftet op til et mål for sig: at skolen bruger parken som udeskole. Målet står som
planlagt og har endnu ingen navngiven ejer. En sidegevinst, der bliver et mål uden ejer, glider
ud igen. Find ejeren, før I gør gevinsten til et mål.

# Milepælene og fejringen

Vi fejrede to milepæle: den første fælles plantedag med billeder i kommunens nyhedsbrev, og 20
faste frivillige med kaffe og kage i parken for frivillige og gartnere. Manifestets spørgsmål til
effektmåling minder om, at måling også skal kunne motivere og give anledning til at fejre, når
noget lykkes. Fejringen er der, hvor tallene bliver til noget, folk kan se – og hvor gartnere og
frivillige står i samme kaffekø.

# Det, loggen ikke fangede

Måleplanen siger, at læringsloggen opdateres efter hver aktivitet. Det skete ikke: Der er fire
indførsler efter otte aktiviteter, og ingen af dem handler om parkcaféen, kurset, den lille
undersøgelse eller forankringsmødet. Loggen blev skrevet, når noget var tydeligt godt eller
tydeligt dårligt. Det er de mellemste erfaringer, der forsvinder – og det er ofte dem, den næste
forvaltning har mest brug for.

**Sådan gør I**

- Sæt ti minutter af til sidst i hver aktivitet til tre spørgsmål: Hvad overraskede os? Hvad gik
  ikke? Hvad gør vi anderledes næste gang?
- Skriv i loggen, også når svaret er »intet«. Så ved læseren, at I spurgte.
- Knyt hver indførsel til den aktivitet, den handler om, og til det mål, den berører.
"""

# --------------------------------------------------------------------------------------------
# 8. Tommelfingerregler

_RULES = """
Manifest for National Bevægelse for Samskabelse (2017) samler en række tommelfingerregler for
god samskabelse og beskriver, hvordan politikere, ledere, medarbejdere, foreninger, virksomheder
og borgere må ændre deres roller. Vi brugte dem som selvvurdering to gange: ved start og
midtvejs, efter plantedagen og to arbejdsweekender. Skalaen går fra 1 (slet ikke) til 5 (fuldt
ud). Graferne og tabellerne nedenfor viser alle scorerne; her er vores læsning.

# Regler, vi fulgte

**Kend området** (4 begge gange). Parkens drift har en plejeplan og gartnere, der kender den. Vi
byggede på den i stedet for at lægge noget nyt oven på.

**Ikke en forklædt besparelse** (fra 3 til 4). Ved start skrev vi, at vi skal være tydelige om,
at der ikke spares gartnertimer. Det er et løfte, der skal holdes – også nu, hvor den lille
undersøgelse viser, at gartnerne sparer tid på bedene.

**Byg på eksisterende fora** (4 begge gange). Grundejerforeningen og lokalrådet blev inviteret
med fra start.

**Støt, overtag ikke** (fra 3 til 4). Foreningen er vært for caféen, og plejegruppen laver selv
sin vagtplan for rosenbedet.

# Regler, vi brød – og hvad det kostede

**Form problemet sammen** (fra 2 til 4). Ved start var planen for parken lavet af forvaltningen
alene. Vi måtte åbne den igen, og skitsen blev tegnet om på en workshop med beboerne. Det er
lettere at gøre det rigtigt fra start end at åbne en færdig plan.

**Frontmedarbejderne har indflydelse** (fra 2 til 4). Midtvejs bestemmer gartnerne selv,
hvornår de frivillige er med. Loggen fra juni viser, at det ikke kom af sig selv: To gartnere
måtte sige, at beslutningerne blev truffet uden dem, før de fik faste pladser i planlægningen.

**En åben proces** (fra 2 til 3). Styregruppen er stadig kun kommunal. Vi skrev midtvejs, at vi
vil ændre det, men registreringen viser ikke, at det er sket. En styregruppe uden foreningen er
netop den lukkede, topstyrede proces, manifestet advarer imod.

**Partnere, ikke leverandører** (ikke vurderet ved start, 3 midtvejs). Risikoen er, at foreningen
ender som gratis leverandør af bedpleje og café. Bedfadderne kommer med i driftsaftalen; sørg
for, at aftalen også giver foreningen en stemme i, hvad der skal ske i parken – ikke kun opgaver.

# Hvordan rollerne flyttede sig

Den største bevægelse er medarbejdernes, fra 2 til 4: fra skeptiske gartnere, der frygtede, at de
frivillige ville tage deres opgaver, til gartnere, der leder arbejdsholdene sammen med
foreningen. Det er det rolleskift, manifestet beskriver for offentlige medarbejdere: mindre
autoritet og service, mere blik for, hvad borgerne selv kan.

De andre rolleskift er mindre. Lederne gik fra 3 til 4, og parkområdet og Kultur har nu fælles
mål for parken. Politikerne gik fra 2 til 3 – to udvalgsmedlemmer var med på plantedagen.
Borgerne gik fra 2 til 3: Tredive beboere kom til plantedagen, og flere vil passe bede. De
frivillige organisationer gik fra 3 til 4. Virksomhederne blev først vurderet midtvejs og fik 2.

# Sådan skal selvvurderingen læses

- Det er de samme folk, der arbejder i projektet, der vurderer det. En stigning betyder, at
  teamet selv mener, at det går bedre. Hold den op mod loggen og indikatorerne.
- Ved start udfyldte styregruppen og foreningens bestyrelse skemaet. Ved midtvejsvurderingen står
  der ikke, hvem der udfyldte det. Skriv det altid.
- Manifestets fem hovedingredienser i samskabelse blev ikke vurderet nogen af gangene, og heller
  ikke reglerne om plads til virksomhedernes perspektiv og om støtte til sociale iværksættere.
  Med en bager, der sponsorerer, og en planteskole, der donerer, havde reglen om virksomhedernes
  perspektiv været relevant.
- Der mangler en slutvurdering. Lav den, før projektet slutter, og lad gartnerne og foreningen
  udfylde den hver for sig, så forskellene bliver synlige.
"""

# --------------------------------------------------------------------------------------------
# 9. Refleksioner og anbefalinger

_REFLECTIONS = """
# Til den næste forvaltning

1. **Begynd hos medarbejderne i frontlinjen.** Deres bekymring er reel, og den forsvinder ikke af
   en invitation. Tal med dem først, på deres hjemmebane, og sig højt, hvad der ikke skal ske.
2. **Lad borgerne forme problemet – ikke kun løsningen.** Vis ikke en færdig plan. Vis et kort,
   og spørg.
3. **Lav noget med hænderne tidligt.** Vores vendepunkt var planteringsdagen, ikke et møde.
4. **Giv ansvar væk i små, klare bidder.** Tre bede. Fire torsdage. Det er til at overskue, og
   det er til at sige ja til.
5. **Inviter der, hvor folk er.** Opgangene, foreningerne, skolen, en kaffebod i parken.
6. **Mål det, hver gruppe håber på – også medarbejdernes.** Ellers forsvinder halvdelen af
   projektet af syne.
7. **Hold forventningsafstemningen to gange.** En gang ved start er kun et udgangspunkt.
8. **Skriv i loggen efter hver aktivitet**, også når intet skete.

# Det, der kan flyttes til andre felter

Samskabelseslaboratoriet nævner kultur- og fritidsengagement, beskæftigelse, byudvikling og
naturområder samt inklusion af udsatte borgere som felter, hvor samskabelse kan afprøves. Vores
projekt handlede om en park, men det meste af det, vi lærte, handler ikke om planter:

- **Frontlinjens frygt er den samme overalt.** En pædagog, en jobkonsulent eller en
  bibliotekar, der skal arbejde sammen med frivillige, vil spørge det samme som vores gartnere:
  Tager de frivillige mit arbejde? Svaret skal gives, før spørgsmålet bliver en modstand.
- **Et afgrænset ansvar virker bedre end en åben invitation.** »Tre bede« svarer i andre felter
  til én aften om ugen, ét hold eller én opgave med en begyndelse og en slutning.
- **Den personlige invitation er ikke til forhandling.** Det gælder især grupper, der ikke
  læser kommunens hjemmeside.
- **Mål både det, borgerne håber på, og det, medarbejderne håber på.** Hos os var det ikke de
  samme gevinster, og det ene projekt må ikke skygge for det andet.

Det, der ikke kan flyttes direkte, er tallene. Et besøgstal i en park og et fremmødetal i et
klubtilbud påvirkes af helt forskellige ting, og de skal læses med hver deres forbehold.

# Til ledelsen

**Beslut, hvad den sparede tid skal bruges til – før nogen spørger.** Den lille undersøgelse
viser, at gartnerne sparer tid på bedene. Ved start skrev vi, at vi skal være tydelige om, at der
ikke spares gartnertimer – netop fordi gartnerne frygtede at blive gjort overflødige. Bliver den
sparede tid en
besparelse, har vi lavet den forklædte spareøvelse, som manifestet kalder falsk varebetegnelse –
og det næste samskabelsesprojekt vil møde skeptiske medarbejdere, med god grund. Skriv ned, hvad
tiden bruges til, for eksempel pleje af andre arealer eller tid sammen med de frivillige.

**Åbn styregruppen.** Lad foreningen få en plads. Så længe styregruppen kun er kommunal, ejer
kommunen beslutningerne, uanset hvad vi skriver om samskabelse.

**Giv indikatorerne ejere, der bruger dem.** Vi droppede tællingen af hjemmesidebesøg, fordi
ingen brugte den. Det var den rigtige beslutning, og den samme prøve bør alle indikatorer
bestå.

**Knyt projektet til personalepolitikken.** Gartnernes trivsel er et af projektets resultater.
Det hører hjemme under målet om, at medarbejdere samarbejder på tværs og ud af huset.

# Til politikerne

- Forventningen til, at projektet ville give input til den politiske ledelse, var den laveste
  ved start. Samtidig var det et af jeres egne mål at få erfaringer til den nye
  friluftspolitik. Brug drejebogen som det input, den er.
- To udvalgsmedlemmer var med på plantedagen og tog idéer med hjem. Det er den form for
  deltagelse, vi anbefaler: at være med, hvor det sker.
- Samarbejdet om parken er ikke færdigt, når projektet slutter 31. januar 2027. Spørg til det
  igen om et år.

# Hvad skal forankres, og af hvem

| Hvad | Hvem har ansvaret | Status |
|---|---|---|
| Parkcaféen | Foreningen som vært | Besluttet i juni |
| Bedfaddere i driftsaftalen | Park og Natur | Besluttet i juni |
| Samarbejdsaftale i driftsplanen | Opdragsgiveren | Frist 31. januar 2027 |
| Plantedage hvert kvartal | Ikke fastlagt | Besluttet i april |
| Gartnernes pladser i planlægningen | Planlægningsgruppen | Indført efter juni |
| Skolen som udeskole | Ingen endnu | Planlagt mål |
| Målingerne | Indikatorernes ejere | Intet besluttet efter januar 2027 |

To af linjerne har ingen ejer, og for målingerne er intet besluttet efter januar 2027. Det er de
tre linjer, der forsvinder først.

# Det, vi stadig er usikre på

- Om besøgstallet holder i vinterhalvåret.
- Om de faste frivillige bliver efter den første sæson.
- Om kommunen kan støtte plejegruppernes egne initiativer uden at overtage dem.
- Om hundeejerne bliver en del af parkens fællesskab eller dens modstandere.
"""

# Version 2 adds this to the reflections: what must happen before the project ends.
_BEFORE_THE_END = """

# Inden projektet slutter 31. januar 2027

Version 2 af drejebogen har fået dette afsnit, fordi flere af anbefalingerne kan nås, før
projektet slutter. Listen er vores egen huskeliste; den er ikke besluttet af styregruppen.

| Hvad | Hvorfor |
|---|---|
| Underskriv samarbejdsaftalen i parken | Milepælen er ikke nået |
| Beslut, hvad gartnernes sparede tid bruges til | Løftet om ingen besparelse |
| Gentag forventningsafstemningen | Vi kender kun udgangspunktet |
| Lav en slutvurdering af tommelfingerreglerne | Der er kun start og midtvejs |
| Find en ejer til skolens udeskole | Målet har ingen ejer |
| Tal med hundeejerne om hundeskoven | Bekymringen er aldrig taget op |
| Giv foreningen en plads i styregruppen | Processen er stadig lukket |
"""

# --------------------------------------------------------------------------------------------
# 10. Bilag

_APPENDIX = """
# Sådan genbruger I instrumentet

Fortællingerne er samlet med instrumentet »Fortællinger om samskabelse (parken)«, der bygger på
Samskabs eksempelinstrument. Fortælleren vælger et af to spørgsmål – et øjeblik, hvor samarbejdet
gjorde en forskel eller ikke gjorde, eller hvad man ville fortælle en ven – skriver sin historie
og placerer den bagefter på en række spørgsmål. Det tager omkring fem minutter, og fortælleren er
anonym. Samskabelseslaboratoriet bruger denne slags fortællinger til at afdække, hvordan
samskabelse opfattes og praktiseres det konkrete sted.

**Det skal I tilpasse**

- **Trekanternes hjørner.** »Borgernes egne idéer og kræfter – medarbejdernes faglighed – regler
  og procedurer« passer til de fleste samskabelsesprojekter. Hjørnerne i »Det, der gjorde en
  forskel« – tillid, tid, penge og ressourcer – kan I bytte ud, hvis jeres felt har andre
  drivkræfter.
- **Behold »Hvem bestemte?«.** Det er den skala, vores stærkeste indikator er beregnet på, og den
  er let at forstå.
- **Overvej stenene og det åbne spørgsmål.** I vores samling er spørgsmålet om at placere
  aktørerne efter, hvad de bidrog med og fik ud af det, ubesvaret i alle fortællinger. Det samme
  gælder »Hvad skulle andre lære af din historie?«. Enten skal de gøres lettere, eller også skal
  de ud.
- **Se på følelseslisten.** Næsten alle fortællinger er forbundet med glæde eller stolthed, og de
  fire andre følelser er enten ikke valgt eller valgt så sjældent, at de kun vises samlet. Det kan
  betyde, at projektet mest gav glæde og stolthed – eller at listen ikke inviterer til at vælge de
  svære følelser. Afprøv listen på nogle få personer, før I bruger den.

# Sådan tilpasser I måleplanen

Måleplanen svarer på de spørgsmål til effektmåling, som manifestet har i sit appendiks: Hvad vil
vi ændre, og hvordan ved vi, at det er lykkedes? Hvordan måler vi, så det bliver læring og ikke
kontrol? Hvad bruger vi målingerne til? Vores svar står nedenfor. Det vigtigste at tilpasse:

- **Ejerne.** Hver indikator skal have en ejer, der bruger den.
- **Perioderne.** Vores indtastede indikatorer måles hvert kvartal eller hvert halve år, de
  beregnede fra fortællingerne pr. måned eller i selvvalgte perioder. Vælg perioder, der passer
  til jeres sæson.
- **Sammenligningsgrundlaget.** Mål den samme periode året før, hvis I kan. Det havde gjort
  vores besøgstal langt mere brugbare.
- **Definitionerne.** Skriv ned, hvad der tæller som en »fast frivillig« og som en opgave »løst i
  fællesskab«.

# Diskretion

Alle tal fra fortællingerne i drejebogen er beregnet, som en læser uden adgang til selve
fortællingerne ser dem: Antal er let forstyrrede, og intet om færre end fem fortællinger vises.
Citaterne er kontrolleret, så de kommer fra en fortælling i en stor nok gruppe og ikke indeholder
personoplysninger. Nogle fortællere skrev deres telefonnummer i teksten; det er skjult i de
gemte tekster og bliver aldrig citeret.

# Hvor I finder det

Instrumentet, samlingen »Fortællinger fra parken«, de gemte visninger med vores observationer og
måleplanen ligger under projektet i Samskab. Tag udgangspunkt i instrumentet frem for at starte
forfra, og ret hjørner og spørgsmål til jeres eget felt.
"""

SECTIONS: dict[str, str] = {
    "summary": _SUMMARY.strip(),
    "problem": _PROBLEM.strip(),
    "participants": _PARTICIPANTS.strip(),
    "process": _PROCESS.strip(),
    "alignment": _ALIGNMENT.strip(),
    "results": _RESULTS.strip(),
    "learning": _LEARNING.strip(),
    "rules": _RULES.strip(),
    "reflections": _REFLECTIONS.strip(),
    "appendix": _APPENDIX.strip(),
}

# --------------------------------------------------------------------------------------------
# Version 2: the summary rewritten to tell what is documented from what is not, and the
# reflections with a list of what must happen before the project ends.

_SUMMARY_V2 = """
Byparken var slidt, og få brugte den. Beboere med grønne fingre ville gerne passe og forny den
sammen med kommunens gartnere, men ingen vidste, hvordan ansvaret skulle deles, og gartnerne
frygtede at blive gjort overflødige. Projektet skulle finde en arbejdsdeling, som foreningen,
beboerne og gartnerne kunne stå inde for, og bidrage til to politiske mål: at flere borgere tager
aktivt del i fællesskaber, og at de grønne områder bruges af alle.

**Det gjorde vi.** Fra opstartsworkshoppen 1. februar 2026 til forankringsmødet 16. juni 2026
gennemførte vi otte aktiviteter, heriblandt to prøvehandlinger: en fælles planteringsdag og en
parkcafé. Ved siden af indsamlede vi omkring 3.000 fortællinger fra parken fra marts til
september 2026.

I version 2 har vi delt resultaterne op efter, hvor sikre de er.

**Det kan vi dokumentere**

- Fortællingerne ligger tydeligt tættere på »vi bestemte det sammen« i september end i marts
  (median fra 54 til 80). Ændringen er større, end tilfældigheder kan forklare.
- Medarbejdernes og de frivilliges fortællinger er enige om, at tillid gjorde forskellen, men
  medarbejdernes fortællinger ligger tydeligt nærmere »regler og procedurer«.
- Forankringsmødet besluttede, at parkcaféen fortsætter med foreningen som vært, og at
  bedfadderne kommer med i driftsaftalen.

**Det peger i den rigtige retning, men kan ikke skilles fra tilfældigheder eller årstiden**

- Faste frivillige i plejegrupperne: fra 6 til 21. Målet på 20 er nået.
- Besøgende på en almindelig uge: fra 410 til 575, målt fra vinter til sensommer.
- Gartnernes trivsel: fra 3,1 til 3,6 på en skala fra 1 til 5.
- Andelen af opgaver, der løses i fællesskab: fra 5 % til 12 %.

**Det har vi ikke målt**

Tryghed om aftenen, tilgængelighed, og hvordan forventningerne så ud ved slutningen.

**Det gik ikke som planlagt.** Den første invitation nåede for få. I juni sagde to gartnere, at
beslutningerne blev truffet uden dem. Styregruppen er stadig kun kommunal, og samarbejdsaftalen
er endnu ikke underskrevet – fristen er 31. januar 2027.

**Vil I gøre det samme, så begynd hos medarbejderne i frontlinjen**, inviter personligt, lav en
lille prøvehandling inden for de første to måneder, og beslut fra start, hvad I måler, og hvem
der ejer hvert mål. Afsnittet »Refleksioner og anbefalinger« har i version 2 fået en huskeliste
til tiden, indtil projektet slutter.
"""

REVISION: dict[str, str] = {
    "summary": _SUMMARY_V2.strip(),
    "reflections": (_REFLECTIONS + _BEFORE_THE_END).strip(),
}


# --------------------------------------------------------------------------------------------
# Saved explorer views of the collection "Fortællinger fra parken", each with an observation.
# `query` is what a published playbook draws (coarse filters only: version and level), the
# `comparison` the compare page's query string the observation was made on.


class ObservationSpec(TypedDict):
    title: str
    query: str
    signifier: str
    comparison: str
    text: str
    interpretations: list[str]


COMPARE_LEVELS = (
    "v=1&a-name=Medarbejdere&a-level=employee"
    "&b-name=Frivillige+og+borgere&b-level=volunteer_citizen"
)

OBSERVATIONS: list[ObservationSpec] = [
    {
        "title": "Medarbejdere og frivillige: hvad drev det, der skete?",
        "query": "v=1&level=employee",
        "signifier": "drivers",
        "comparison": COMPARE_LEVELS,
        "text": (
            "Medarbejdernes fortællinger ligger tydeligt nærmere ›regler og procedurer‹ end "
            "de frivilliges og borgernes. Centrum for medarbejderne ligger med 46 % på regler og "
            "procedurer og 38 % på borgernes egne idéer og kræfter; for frivillige og borgere er "
            "det 30 % og 50 %. Forskellen er tydelig både i centrene og i fordelingen på zonerne "
            "(q under 0,001). På spørgsmålet om, hvad der gjorde en forskel, er der derimod "
            "ingen forskel mellem de to grupper. Figuren viser medarbejdernes fortællinger; "
            "sammenligningen ligger i den gemte visning."
        ),
        "interpretations": [
            "Gartnerne arbejder tæt på plejeplanen og driftsaftalen og fortæller derfor om "
            "regler og procedurer, når de fortæller om samarbejdet.",
            "For de frivillige og borgerne er reglerne usynlige, fordi gartnerne håndterer dem. "
            "Reglerne fylder ikke mindre – de fylder hos nogen andre.",
            "Forskellen handler om, hvordan grupperne fortæller, ikke om, hvad der skete: "
            "Medarbejdere er vant til at forklare deres arbejde med procedurer.",
        ],
    },
    {
        "title": "Det, der gjorde en forskel: tillid – i alle grupper",
        "query": "v=1",
        "signifier": "difference",
        "comparison": "",
        "text": (
            "På spørgsmålet om, hvad der gjorde en forskel, lægger fortællingerne omkring "
            "halvdelen af vægten på tillid og resten nogenlunde ligeligt på tid og på penge og "
            "ressourcer. Ingen gruppe – medarbejdere, frivillige og borgere, brugere eller "
            "organisationer – adskiller sig tydeligt fra de øvrige fortællinger (siden ›Mønstre "
            "værd at se på‹). Det er et ikke-fund, og det er værd at skrive ned: Grupperne er "
            "uenige om, hvad der drev forløbet, men enige om, hvad der gjorde forskellen."
        ),
        "interpretations": [
            "Tillid er det fælles grundlag i projektet, og det er den, der skal passes på, når "
            "rollerne ændrer sig.",
            "Trekanten skelner for dårligt: Tillid er det svar, der er lettest at give, uanset "
            "hvem man er.",
        ],
    },
    {
        "title": "Følelserne i fortællingerne: glæde og stolthed",
        "query": "v=1",
        "signifier": "feelings",
        "comparison": "",
        "text": (
            "Omkring tre ud af fem fortællinger er forbundet med glæde, resten med stolthed. De "
            "fire andre følelser på listen er enten ikke valgt eller valgt så sjældent, at de kun "
            "vises samlet som små grupper. Det passer dårligt med teksterne: Flere af de temaer, "
            "explorerens temaside fandt, handler om lang ventetid på svar fra kommunen, regler, "
            "der gjorde det svært at komme i gang, og manglende penge til redskaber. Og "
            "læringsloggen har to dårlige erfaringer."
        ),
        "interpretations": [
            "Fortællerne vælger den følelse, der passer til slutningen, ikke til forløbet: Det "
            "endte godt, selv om det var besværligt undervejs.",
            "Følelseslisten styrer svarene: Glæde og stolthed står først og er lette at vælge.",
            "De, der havde dårlige oplevelser, fortalte sjældnere. Fortællingerne er ikke et "
            "tværsnit af alle, der har mødt projektet.",
        ],
    },
]


# --------------------------------------------------------------------------------------------
# Story excerpts to quote. The demo stories are made of fixed sentence pieces
# (OPENINGS/MIDDLES/ENDINGS in explorer/demo.py); `find` is the piece quoted, searched in the
# masked text of stories at `level`. The loader tries stories until the disclosure gate lets one
# through (a story in a small group, e.g. a rarely chosen feeling, is refused).


class QuoteSpec(TypedDict):
    find: str
    level: str
    comment: str


QUOTES: list[QuoteSpec] = [
    {
        "find": "Vi mødtes i parken en lørdag, og en medarbejder viste os, hvordan man beskærer.",
        "level": "volunteer_citizen",
        "comment": (
            "Gartnerens faglighed bliver delt, ikke overtaget – det modsatte af det, gartnerne "
            "frygtede ved start. Sådan ser rolleskiftet ud fra en frivilligs side."
        ),
    },
    {
        "find": "Vi skulle søge om lov til at plante, men reglerne gjorde det svært at komme "
        "i gang.",
        "level": "employee",
        "comment": (
            "Regler og procedurer fylder mere i medarbejdernes fortællinger end i de frivilliges "
            "og borgernes. Her siger en medarbejder det med egne ord."
        ),
    },
    {
        "find": "Der kom en ny plan for legepladsen, og vi fik lov at bestemme, hvor bænkene "
        "skulle stå.",
        "level": "user",
        "comment": (
            "Indflydelse – men læg mærke til ordene »fik lov«: Det var stadig kommunen, der gav "
            "lov. Det er den forskel, spørgsmålet »Hvem bestemte?« prøver at fange."
        ),
    },
    {
        "find": "Næste gang vil vi gerne være med fra starten.",
        "level": "volunteer_citizen",
        "comment": (
            "Den kritik, vi skal tage med til næste projekt: Planen for parken var lavet, før "
            "beboerne blev spurgt."
        ),
    },
]
