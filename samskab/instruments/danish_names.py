"""Name data for the personal-data masker in :mod:`samskab.instruments.privacy`.

Compiled by hand from general knowledge of the most common first names and surnames in Denmark
(women's and men's names across generations, plus names common among Danes of Middle Eastern,
Turkish and South Asian background). It is deliberately a plain Python module: no downloads, no
data files, easy to review in a diff.

Rules for editing:

* ``FIRST_NAMES`` holds every first name that triggers a finding, written as it is capitalised.
* A name that is also an ordinary Danish word (or commonly starts a sentence as one) must ALSO be
  listed in ``AMBIGUOUS_FIRST_NAMES``; it is then masked only with a surname, or mid-sentence.
* Never add a word that is mainly an ordinary word (``Dag``, ``Anker``, ``Sol``, ``Ask``, ...).
"""

from __future__ import annotations

from typing import Final

WOMEN: Final[frozenset[str]] = frozenset(
    {
        "Agnes", "Agnete", "Aisha", "Alberte", "Alice", "Alma", "Amalie", "Amina", "Andrea",
        "Anette", "Anja", "Anna", "Anne", "Annette", "Asta", "Astrid", "Aya", "Benedikte",
        "Bente", "Berit", "Bettina", "Birgit", "Birgitte", "Birte", "Birthe", "Bodil", "Britt",
        "Camilla", "Caroline", "Cecilie", "Charlotte", "Christina", "Christine", "Clara",
        "Connie", "Dagmar", "Ditte", "Dorte", "Dorthe", "Ea", "Edith", "Elin", "Elisabeth",
        "Elise", "Ella", "Ellen", "Ellie", "Ellinor", "Else", "Emilie", "Emma", "Erna", "Ester",
        "Esther", "Eva", "Fatima", "Filippa", "Freja", "Frida", "Gerda", "Gitte", "Grethe",
        "Gry", "Gudrun", "Hanna", "Hannah", "Hanne", "Heidi", "Helga", "Helle", "Henriette",
        "Hiba", "Ida", "Iben", "Inge", "Ingeborg", "Inger", "Ingrid", "Isabella", "Jane",
        "Janne", "Jeanette", "Johanne", "Josefine", "Josephine", "Julie", "Jytte", "Karen",
        "Karin", "Karina", "Karla", "Karoline", "Katrine", "Kirsten", "Kirstine", "Kristina",
        "Kristine", "Laura", "Lea", "Leila", "Lena", "Lene", "Lillian", "Line", "Linda", "Lisa",
        "Lisbeth", "Lise", "Liv", "Liva", "Lone", "Lotte", "Louise", "Luna", "Lykke", "Lærke",
        "Maiken", "Maja", "Majken", "Malene", "Margrethe", "Maria", "Marianne", "Marie",
        "Maryam", "Mathilde", "Merete", "Mette", "Mia", "Michelle", "Mie", "Mille", "Mona",
        "Nadia", "Naja", "Nanna", "Natasja", "Nicoline", "Nikoline", "Nina", "Noor", "Nora",
        "Olivia", "Pernille", "Pia", "Rebecca", "Rigmor", "Rikke", "Ronja", "Rosa", "Rose",
        "Ruth", "Sabrina", "Sandra", "Sanne", "Sara", "Sarah", "Selma", "Sidsel", "Signe",
        "Sigrid", "Silje", "Sofia", "Sofie", "Solveig", "Sonja", "Stine", "Susanne", "Tanja",
        "Thea", "Tilde", "Tina", "Tine", "Tove", "Trine", "Ulla", "Ulrikke", "Vera", "Vibeke",
        "Victoria", "Winnie", "Yasmin", "Yvonne", "Zainab",
    }
)  # fmt: skip

MEN: Final[frozenset[str]] = frozenset(
    {
        "Aage", "Abdullah", "Adam", "Ahmad", "Ahmed", "Aksel", "Albert", "Alexander", "Alf",
        "Alfred", "Ali", "Allan", "Anders", "Andreas", "Anton", "Arne", "Arthur", "Asger",
        "August", "Axel", "Benjamin", "Benny", "Bent", "Bertram", "Bjarke", "Bjarne", "Bjørn",
        "Bo", "Brian", "Carl", "Carsten", "Casper", "Christian", "Christoffer", "Christopher",
        "Claus", "Dan", "Daniel", "David", "Dennis", "Ebbe", "Egon", "Eigil", "Ejnar", "Elias",
        "Emil", "Erik", "Erling", "Esben", "Felix", "Filip", "Finn", "Flemming", "Frede",
        "Frederik", "Frode", "Gert", "Gorm", "Gunnar", "Gustav", "Hans", "Harald", "Hassan",
        "Helge", "Henning", "Henrik", "Hjalte", "Holger", "Hugo", "Hussein", "Ib", "Ibrahim",
        "Isak", "Ivan", "Jacob", "Jakob", "Jan", "Jens", "Jeppe", "Jesper", "Jimmi", "Jimmy",
        "Johan", "Johannes", "John", "Jonas", "Jonathan", "Julius", "Jørgen", "Jørn", "Kai",
        "Kaj", "Karim", "Karl", "Karsten", "Kasper", "Kenneth", "Kent", "Khalid", "Kim",
        "Klaus", "Knud", "Kristian", "Kristoffer", "Kurt", "Lars", "Lasse", "Laurits",
        "Lauritz", "Leif", "Leo", "Liam", "Loui", "Louis", "Lucas", "Lukas", "Mads", "Magnus",
        "Mahmoud", "Malte", "Malthe", "Marcus", "Marius", "Mark", "Markus", "Martin", "Mathias",
        "Matthias", "Max", "Mehmet", "Michael", "Mikkel", "Milas", "Mogens", "Mohamed",
        "Mohammad", "Mohammed", "Morten", "Muhammad", "Mustafa", "Nicolai", "Niels",
        "Nikolaj", "Noah", "Ole", "Oliver", "Omar", "Oscar", "Oskar", "Otto", "Ove", "Palle",
        "Patrick", "Per", "Peter", "Philip", "Poul", "Preben", "Rasmus", "René", "Ronni",
        "Ronnie", "Rune", "Samuel", "Sander", "Sebastian", "Silas", "Simon", "Steen",
        "Steffen", "Sten", "Stig", "Storm", "Sune", "Svend", "Søren", "Tage", "Theo", "Thomas",
        "Thor", "Tobias", "Tom", "Tommy", "Tonny", "Torben", "Troels", "Ulrik", "Vagn",
        "Valdemar", "Victor", "Viggo", "Viktor", "Vilhelm", "Villads", "Vincent", "William",
        "Yusuf",
    }
)  # fmt: skip

FIRST_NAMES: Final[frozenset[str]] = WOMEN | MEN

# First names that are also ordinary Danish words, or that readily start a sentence as one:
# "Per uge", "Bo i byen", "Hans mor", "Mark og eng", "Max 5 personer", "Tage bussen", "Tom for
# kaffe", "Stig op", "Ebbe og flod", "Frede området", "en Palle", "Lykke til", "Naja, ...",
# "Rosa og grøn", "Malte I selv?", "August" (a month), ...
AMBIGUOUS_FIRST_NAMES: Final[frozenset[str]] = frozenset(
    {
        "Aksel", "Alf", "August", "Bent", "Bjørn", "Bo", "Carl", "Ebbe", "Ellen", "Else",
        "Frede", "Gry", "Hans", "Ida", "Kaj", "Karen", "Karl", "Kim", "Line", "Lise", "Liv",
        "Lone", "Lykke", "Lærke", "Malte", "Mark", "Max", "Naja", "Palle", "Per", "Rosa", "Rose",
        "Rune", "Sten", "Stig", "Storm", "Svend", "Tage", "Tine", "Tom", "Vera",
    }
)  # fmt: skip

# The most common Danish surnames (and a few frequent surnames of other origin).
SURNAMES: Final[frozenset[str]] = frozenset(
    {
        "Ahmed", "Ali", "Andersen", "Andreasen", "Bak", "Bech", "Berg", "Bruun", "Carlsen",
        "Christensen", "Christiansen", "Clausen", "Dahl", "Damgaard", "Eriksen", "Frederiksen",
        "Friis", "Hald", "Hansen", "Henriksen", "Holm", "Hussein", "Iversen", "Jacobsen",
        "Jakobsen", "Jensen", "Jeppesen", "Jespersen", "Johansen", "Juhl", "Jørgensen",
        "Khan", "Kjeldsen", "Kjær", "Knudsen", "Kristensen", "Kristiansen", "Krogh", "Larsen",
        "Lauridsen", "Lauritsen", "Laursen", "Lind", "Lund", "Madsen", "Mikkelsen", "Mogensen",
        "Mortensen", "Møller", "Nguyen", "Nielsen", "Nissen", "Nørgaard", "Olesen", "Olsen",
        "Pedersen", "Petersen", "Poulsen", "Rasmussen", "Schmidt", "Schou", "Simonsen",
        "Skov", "Svendsen", "Søndergaard", "Sørensen", "Thomsen", "Thygesen", "Toft",
        "Vestergaard", "Winther", "Yilmaz", "Østergaard",
    }
)  # fmt: skip

# Endings that make a capitalised word look like a Danish surname ("Frederiksen", "Kirkegaard").
SURNAME_ENDINGS: Final[tuple[str, ...]] = (
    "sen", "son", "gaard", "gård", "strup", "rup", "borg", "holm", "lund", "bæk", "skov",
    "bjerg", "berg", "toft", "kjær", "dal",
)  # fmt: skip

# Capitalised words that never continue a name: pronouns and function words (sentence starts),
# Danish months and weekdays (also the capitalised spellings sometimes used), and a few nouns
# that follow a name in institutional text.
NEVER_NAME_WORDS: Final[frozenset[str]] = frozenset(
    {
        "Af", "Alle", "Alt", "At", "Da", "De", "Dem", "Den", "Der", "Det", "Din", "Dit", "Du",
        "Efter", "Eller", "En", "Et", "For", "Fra", "Før", "Han", "Hende", "Ham", "Her", "Hos",
        "Hun", "Hvad", "Hvem", "Hvis", "Hvor", "Hvorfor", "I", "Ikke", "Ind", "Ja", "Jeg",
        "Kun", "Med", "Men", "Mig", "Min", "Mit", "Må", "Nej", "Nu", "Når", "Og", "Om", "Op",
        "Over", "På", "Sammen", "Selv", "Sin", "Sit", "Som", "Så", "Til", "Ud", "Under", "Ved",
        "Vi", "Os", "Også",
        "Januar", "Februar", "Marts", "April", "Maj", "Juni", "Juli", "September", "Oktober",
        "November", "December",
        "Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag",
        "Kommune", "Kommunes", "Region", "Skole", "Skolen", "Centret", "Bibliotek",
    }
)  # fmt: skip

# Month names; a first name spelled like a month ("August") needs a surname to count.
MONTHS: Final[frozenset[str]] = frozenset(
    {
        "Januar", "Februar", "Marts", "April", "Maj", "Juni", "Juli", "August", "September",
        "Oktober", "November", "December",
    }
)  # fmt: skip

# Fixed phrases that contain a first name but are not a person: fiction, brands, holidays.
NOT_A_PERSON: Final[tuple[str, ...]] = (
    "Anders And", "Bo Bedre", "Emil fra Lønneberg", "Karen Volf", "Kims chips", "Peter Pan",
    "Peter Plys", "Pippi Langstrømpe", "Rasmus Klump", "Ronja Røverdatter", "Sankt Hans",
    "Skt. Hans",
)  # fmt: skip
