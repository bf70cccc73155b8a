"""Fictional names and the Swedish texts of generated records, modelled on the
reference documents and the demo (whose name lists are reused)."""

PLACE_PREFIXES = [
    "Stor",
    "Lill",
    "Norr",
    "Söder",
    "Väster",
    "Öster",
    "Sjö",
    "Berg",
    "Ek",
    "Björk",
    "Lind",
    "Gran",
    "Ljung",
    "Hög",
    "Dal",
    "Strand",
    "Skog",
    "Å",
    "Mo",
    "Lyck",
    "Fager",
    "Hassel",
    "Rönn",
    "Al",
    "Asp",
    "Tall",
    "Sol",
    "Kvarn",
    "Hav",
    "Myr",
]
PLACE_SUFFIXES = [
    "vik",
    "by",
    "köping",
    "stad",
    "hamn",
    "fors",
    "sala",
    "holm",
    "ås",
    "berga",
    "torp",
    "näs",
    "hed",
    "dal",
    "sund",
]
REGION_PREFIXES = [
    "Norr",
    "Söder",
    "Väster",
    "Öster",
    "Mitt",
    "Hög",
    "Sjö",
    "Skog",
    "Berg",
    "Dal",
    "Kust",
    "Älv",
    "Fjäll",
]
REGION_SUFFIXES = ["land", "mark", "bygden"]

MUNICIPAL_COMMITTEES = [
    ("Socialnämnden", "SN"),
    ("Utbildningsnämnden", "UN"),
    ("Byggnadsnämnden", "BN"),
    ("Kultur- och fritidsnämnden", "KFN"),
    ("Valnämnden", "VN"),
    ("Överförmyndarnämnden", "ÖFN"),
    ("Miljö- och hälsoskyddsnämnden", "MHN"),
    ("Tekniska nämnden", "TN"),
    ("Vård- och omsorgsnämnden", "VON"),
    ("Arbetsmarknadsnämnden", "AMN"),
    ("Förskolenämnden", "FSN"),
    ("Gymnasienämnden", "GN"),
    ("Fastighetsnämnden", "FN"),
    ("Trafiknämnden", "TRN"),
    ("Idrottsnämnden", "IN"),
    ("Äldrenämnden", "ÄN"),
    ("Servicenämnden", "SEN"),
    ("Exploateringsnämnden", "EXN"),
]
REGION_COMMITTEES = [
    ("Hälso- och sjukvårdsnämnden", "HSN"),
    ("Regionala utvecklingsnämnden", "RUN"),
    ("Kulturnämnden", "KN"),
    ("Valnämnden", "VN"),
    ("Patientnämnden", "PN"),
    ("Kollektivtrafiknämnden", "KTN"),
    ("Tandvårdsnämnden", "TVN"),
    ("Primärvårdsnämnden", "PVN"),
    ("Servicenämnden", "SEN"),
    ("Folkhälsonämnden", "FHN"),
]
SMALL_COMMITTEES = {"VN", "ÖFN", "PN"}
DISTRICTS = [
    "Centrum",
    "Norr",
    "Söder",
    "Öster",
    "Väster",
    "Hamnstaden",
    "Skogsdalen",
    "Sjöängen",
    "Lindhagen",
    "Ekbacken",
    "Björkhöjden",
    "Solberga",
    "Kvarnbacken",
    "Ängby",
    "Bergsjöhöjd",
]
COMPANIES = [
    "Bostads AB",
    "Energi AB",
    "Stadshus AB",
    "Vatten AB",
    "Hamn AB",
    "Fastighets AB",
    "Parkerings AB",
    "Näringslivs AB",
    "Lokaler AB",
    "Renhållnings AB",
    "Bredband AB",
    "Turism AB",
    "Hotell- och konferens AB",
    "Industrifastigheter AB",
    "Science Park AB",
    "Kommunteknik AB",
]
REGION_COMPANIES = [
    "Regiontrafiken AB",
    "Regionfastigheter AB",
    "Länsturism AB",
    "Science Park AB",
]
FOUNDATIONS = ["konsthall", "museum", "studentbostäder", "hembygdsgård"]

OFFICIAL_TITLES = [
    "Utbildningssamordnare",
    "Kanslichef",
    "Kommunjurist",
    "Kommunikatör",
    "Ekonomichef",
    "HR-chef",
]
EXTERNAL_SPEAKERS = [
    ("Professor i förvaltningsrätt", "Föreläsare"),
    ("Jurist", "Föreläsare"),
    ("Moderator", "Moderator"),
    ("Organisationskonsult", "Föreläsare"),
    ("Säkerhetsexpert", "Föreläsare"),
    ("Mötesexpert", "Föreläsare"),
    ("Ekonom", "Föreläsare"),
    ("Forskare i statsvetenskap", "Föreläsare"),
]

# Parties: name, abbreviation, share of seats nationally.
PARTIES = [
    ("Socialdemokraterna", "S", 0.31),
    ("Moderaterna", "M", 0.19),
    ("Sverigedemokraterna", "SD", 0.17),
    ("Vänsterpartiet", "V", 0.08),
    ("Centerpartiet", "C", 0.07),
    ("Kristdemokraterna", "KD", 0.05),
    ("Miljöpartiet", "MP", 0.05),
    ("Liberalerna", "L", 0.05),
]
LOCAL_PARTY_FORMS = ["{gen} väl", "{place}partiet", "Lokala alternativet i {place}"]

END_REASONS = [
    "Entledigad på egen begäran",
    "Avflyttad från kommunen",
    "Entledigad på egen begäran",
    "Avliden",
    "Nytt uppdrag",
]
DIETS = ["Vegetarisk", "Glutenfri", "Laktosfri", "Vegansk", "Nötallergi"]
ACCESS = ["Hörslinga", "Rullstolsplats", "Behöver sitta nära utgången"]
CANCEL_REASONS = [
    "För få anmälda vid sista anmälningsdag",
    "Föreläsaren fick förhinder",
    "För få anmälda vid sista anmälningsdag",
]
MOVE_REASONS = [
    "Krockade med budgetfullmäktige",
    "Föreläsaren fick förhinder",
    "Lokalen var dubbelbokad",
    "Krockade med kommunstyrelsens sammanträde",
]
ROOMS = [
    "Sessionssalen, Stadshuset",
    "Vargö, Stadshuset",
    "Stora konferensrummet, Kommunhuset",
    "Hörsalen, Kulturhuset",
    "Konferenscentret",
]

# Committee trainings: a title per kind of committee, {body} fills in its name.
COMMITTEE_TOPICS = {
    "SN": [
        "Socialtjänstlagen för förtroendevalda",
        "Barn och unga – LVU i praktiken",
        "Studiebesök på boenden och öppenvård",
    ],
    "UN": [
        "Skollagen och huvudmannaskapet",
        "Studiebesök på skolor",
        "Elevhälsa och likvärdighet",
    ],
    "BN": ["Plan- och bygglagen", "Detaljplaneprocessen", "Studiebesök på byggen"],
    "MHN": ["Miljöbalken och tillsynen", "Livsmedelskontroll i praktiken"],
    "VON": ["Äldreomsorgens uppdrag", "Studiebesök i hemtjänsten"],
    "HSN": [
        "Hälso- och sjukvårdslagen",
        "Patientsäkerhet för förtroendevalda",
        "Studiebesök på vårdcentraler",
    ],
    "RUN": ["Regional utvecklingsstrategi", "Kompetensförsörjning i länet"],
    "KTN": ["Kollektivtrafikens upphandling"],
    "ÖFN": ["Ställföreträdarskap och tillsyn"],
    "VN": ["Valnämndens uppdrag inför valet"],
}
GENERIC_COMMITTEE_TOPICS = [
    "Introduktion till {body}",
    "Budget och uppföljning i {body}",
    "Myndighetsutövning och sekretess i {body}",
    "Studiebesök i {body}s verksamheter",
    "Arbetsmiljöansvar i {body}",
    "Internkontroll och riskanalys i {body}",
    "Verksamhetsplan och mål i {body}",
]
COMPANY_TOPICS = ["Styrelsearbete i kommunala bolag", "Aktiebolagslagen för ledamöter"]

# Central trainings outside the plan: title, description, filmed.
THEMATIC = [
    (
        "Offentlighet och sekretess i praktiken",
        "Allmänna handlingar, sekretess och vad de betyder för förtroendevalda.",
        True,
    ),
    (
        "Säkerhet och hot mot förtroendevalda",
        "Hur du förebygger och hanterar hot och trakasserier, och vilket stöd "
        "som finns.",
        False,
    ),
    (
        "Jäv och god förvaltning",
        "När är du jävig, och hur anmäler du det? Med exempel ur nämndernas vardag.",
        True,
    ),
    (
        "Krisberedskap och civilt försvar",
        "Kommunens roll vid kris och höjd beredskap, och de förtroendevaldas ansvar.",
        True,
    ),
    (
        "Barnrättsperspektivet i beslutsfattandet",
        "Barnkonventionen som lag och hur barnets bästa prövas i ärenden.",
        False,
    ),
    (
        "Agenda 2030 och hållbarhetsmålen",
        "Hur de globala målen bryts ned i kommunens styrning.",
        False,
    ),
    (
        "Sociala medier som förtroendevald",
        "Vad du skriver kan bli allmän handling; om ton, hot och ansvar.",
        False,
    ),
    (
        "Mänskliga rättigheter och diskrimineringsgrunderna",
        "Likabehandling i kommunens verksamheter och i beslutsfattandet.",
        True,
    ),
    (
        "Tillitsbaserad styrning – workshop",
        "Uppdrag från kommunstyrelsen att arbeta in tillitsbaserad styrning i "
        "utbildningen, med fokus på att minimera risken för tystnadskultur.",
        False,
    ),
    (
        "Aktuellt från kommunledningen – lunchföreläsning",
        "Kort digital dragning om aktuella frågor, med tid för frågor.",
        False,
    ),
]

# Extra plan items for larger organisations: year, season, title, kind, filmed.
EXTRA_PLAN = [
    (1, "spring", "Ersättarutbildning", "substitutes", False),
    (1, "autumn", "Offentlighet och sekretess i praktiken", "all", True),
    (2, "spring", "Säkerhet och hot mot förtroendevalda", "all", False),
    (2, "autumn", "Att leda digitala sammanträden – för presidier", "presidium", True),
    (3, "spring", "Krisberedskap och civilt försvar", "all", True),
    (3, "autumn", "Barnrättsperspektivet i beslutsfattandet", "all", False),
]

# Items of steering-group meetings: title, notes (HTML), decision.
MEETING_TOPICS = [
    (
        "Styrgruppens rapport till kommunstyrelsen",
        "<p>Genomgång av den årliga rapporten till kommunstyrelsen med redovisning av "
        "genomförda utbildningar, ekonomiskt resultat samt utbildningsplanen.</p>",
        "Styrgruppen överlämnar årsrapporten till kommunstyrelsen.",
    ),
    (
        "Presidieutbildningen",
        "<p>Behovet av presidieutbildning behöver undersökas. Styrgruppen tar med sig "
        "frågan till respektive partikamrater.</p>",
        "",
    ),
    (
        "Politikerhandboken",
        "<p>Politikerhandboken kompletteras efter hand. En flik om mötesteknik läggs "
        "till.</p><p>En synpunkt har inkommit om att det är svårt att hitta filmerna "
        "från grundutbildningen.</p>",
        "",
    ),
    (
        "Grundutbildning efter valet",
        "<p>Upplägget för grundutbildningen efter valet diskuterades: två heldagar, "
        "förmiddags- och eftermiddagspass, filmas för den som inte kan delta.</p>",
        "Styrgruppen ställer sig bakom upplägget av grundutbildningen.",
    ),
    (
        "Workshop för utvärdering av mandatperioden",
        "<p>Heldag vid två tillfällen, ett fysiskt och ett helt digitalt, med "
        "förmiddags- och eftermiddagspass och en extern moderator.</p>",
        "Styrgruppen beslutade att genomföra en workshop med en extern moderator.",
    ),
    (
        "Utbildning för individutskott",
        "<p>Juridiska avdelningen tar fram ett förslag. Utbildningen riktar sig till "
        "de nya nämnderna och genomförs digitalt, utan omkostnader.</p>",
        "",
    ),
    (
        "Utvärderingar av höstens utbildningar",
        "<p>Svarsfrekvensen och resultaten gicks igenom. Flera efterfrågar mer tid för "
        "frågor och materialet i förväg.</p>",
        "",
    ),
    (
        "Budget för politikerutbildning",
        "<p>Utfallet mot budget redovisades. Filmning och textning har kostat mer än "
        "beräknat.</p>",
        "Styrgruppen föreslår att filmningen fortsätter.",
    ),
    (
        "Tillitsbaserad styrning",
        "<p>Förslag på föreläsare om tillitsbaserad styrning togs fram. Frågan bör "
        "finnas med i vårens workshop som introduktion och inspiration.</p>",
        "",
    ),
]
ACTIONS = [
    "Mejla rapporten och utbildningsplanen till styrgruppen för godkännande via e-post",
    "Undersöka hur presidieutbildningen kan genomföras digitalt",
    "Boka föreläsare om tillitsbaserad styrning",
    "Ta fram förslag på extern moderator",
    "Sammanställa utvärderingarna till nästa möte",
    "Uppdatera politikerhandboken med fliken om mötesteknik",
]
COMMISSIONS = [
    (
        "Tillitsbaserad styrning i utbildningen",
        "Kommunstyrelsen har beslutat att ge styrgruppen för politikerutbildning i "
        "uppdrag att arbeta in tillitsbaserad styrning, bland annat med fokus på att "
        "minimera risken för tystnadskultur, i utbildningen.",
    ),
    (
        "Utbildning i att leda digitala sammanträden",
        "Styrgruppen får i uppdrag att ta fram en utbildning för presidierna i att "
        "leda digitala och hybrida sammanträden.",
    ),
    (
        "Utbildning om hot och trakasserier",
        "Styrgruppen får i uppdrag att erbjuda alla förtroendevalda utbildning om hot "
        "och trakasserier mot förtroendevalda.",
    ),
    (
        "Jämställdhetsintegrering i utbildningen",
        "Styrgruppen får i uppdrag att se till att jämställdhetsperspektivet ingår i "
        "grundutbildningen.",
    ),
]
NETWORK_TOPICS = [
    (
        "Erfarenheter av grundutbildningen efter valet",
        "<p>Varje kommun berättade hur grundutbildningen planeras. Flera vill dela "
        "föreläsare och filma gemensamt.</p>",
    ),
    (
        "Gemensam upphandling av föreläsare",
        "<p>Möjligheten att upphandla föreläsare gemensamt diskuterades.</p>",
    ),
    (
        "Utvärderingar och enkäter",
        "<p>Kommunerna jämförde frågor och svarsfrekvens i sina utvärderingar.</p>",
    ),
]
TOPICS = [
    "Kommunallagen",
    "Styrning",
    "Ekonomi",
    "Mötesteknik",
    "Digitala möten",
    "Jäv",
    "Säkerhet",
    "Offentlighet",
]
SUPPLIERS = [
    "Föreläsarbyrån AB",
    "Kunskapshuset AB",
    "Konferens & Möten AB",
    "Filmproduktion Norden AB",
    "Moderatorn AB",
]
CATERERS = ["Stadshusets restaurang", "Kaféet i Kulturhuset", "Catering Smak AB"]
