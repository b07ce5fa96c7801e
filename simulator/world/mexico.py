"""Embedded data for Mexico: states, population, adjacency, crossings, cartels.

Every number below carries a comment giving its source, or saying it is an
estimate/assumption and why. Sources:

- INEGI, *Censo de Población y Vivienda 2020*, population by federal entity
  (reference date 15 March 2020; national total 126,014,024).
- INEGI, *Marco Geoestadístico* (state boundaries) for land adjacency.
- US CBP, *Drug Seizure Statistics* (FY2023–FY2024, by field office / port of entry)
  for the relative weight of the ports of entry in fentanyl seizures.
- DEA, *National Drug Threat Assessment 2024* (NDTA 2024) for where fentanyl and
  heroin are produced and cartel areas of influence.
- Congressional Research Service, *Mexico: Organized Crime and Drug Trafficking
  Organizations*, R41576 (latest updates 2022–2025) for the cartel landscape.
- InSight Crime and International Crisis Group reporting (2023–2025) for the Sinaloa
  succession war (since September 2024, after Ismael "El Mayo" Zambada's capture on
  25 July 2024), CJNG expansion, and reported alliances.

Numbers that are not directly published (flow shares, production shares, cartel
strengths, rivalry weights) are estimates for a policy simulator, not measurements.
"""

from __future__ import annotations

from .regions import Crossing, World, pair_key, region_graph

# --------------------------------------------------------------------------- states
# (code, name, population). Order = INEGI state key (clave de entidad) 01..32.
# Population: INEGI Censo de Población y Vivienda 2020, published per-state totals.
STATES: tuple[tuple[str, str, int], ...] = (
    ("AGS", "Aguascalientes", 1_425_607),  # INEGI Censo 2020
    ("BC", "Baja California", 3_769_020),  # INEGI Censo 2020
    ("BCS", "Baja California Sur", 798_447),  # INEGI Censo 2020
    ("CAMP", "Campeche", 928_363),  # INEGI Censo 2020
    ("COAH", "Coahuila", 3_146_771),  # INEGI Censo 2020
    ("COL", "Colima", 731_391),  # INEGI Censo 2020
    ("CHIS", "Chiapas", 5_543_828),  # INEGI Censo 2020
    ("CHIH", "Chihuahua", 3_741_869),  # INEGI Censo 2020
    ("CDMX", "Ciudad de México", 9_209_944),  # INEGI Censo 2020
    ("DGO", "Durango", 1_832_650),  # INEGI Censo 2020
    ("GTO", "Guanajuato", 6_166_934),  # INEGI Censo 2020
    ("GRO", "Guerrero", 3_540_685),  # INEGI Censo 2020
    ("HGO", "Hidalgo", 3_082_841),  # INEGI Censo 2020
    ("JAL", "Jalisco", 8_348_151),  # INEGI Censo 2020
    ("MEX", "Estado de México", 16_992_418),  # INEGI Censo 2020
    ("MICH", "Michoacán", 4_748_846),  # INEGI Censo 2020
    ("MOR", "Morelos", 1_971_520),  # INEGI Censo 2020
    ("NAY", "Nayarit", 1_235_456),  # INEGI Censo 2020
    ("NL", "Nuevo León", 5_784_442),  # INEGI Censo 2020
    ("OAX", "Oaxaca", 4_132_148),  # INEGI Censo 2020
    ("PUE", "Puebla", 6_583_278),  # INEGI Censo 2020
    ("QRO", "Querétaro", 2_368_467),  # INEGI Censo 2020
    ("QROO", "Quintana Roo", 1_857_985),  # INEGI Censo 2020
    ("SLP", "San Luis Potosí", 2_822_255),  # INEGI Censo 2020
    ("SIN", "Sinaloa", 3_026_943),  # INEGI Censo 2020
    ("SON", "Sonora", 2_944_840),  # INEGI Censo 2020
    ("TAB", "Tabasco", 2_402_598),  # INEGI Censo 2020
    ("TAMPS", "Tamaulipas", 3_527_735),  # INEGI Censo 2020
    ("TLAX", "Tlaxcala", 1_342_977),  # INEGI Censo 2020
    ("VER", "Veracruz", 8_062_579),  # INEGI Censo 2020
    ("YUC", "Yucatán", 2_320_898),  # INEGI Censo 2020
    ("ZAC", "Zacatecas", 1_622_138),  # INEGI Censo 2020
)

CENSUS_2020_TOTAL = 126_014_024  # INEGI Censo 2020, national total (sum of STATES)

# ------------------------------------------------------------------------ adjacency
# Shared land borders between states (INEGI Marco Geoestadístico). Each pair listed
# once; the graph is undirected. Maritime neighbours (e.g. BCS–SON across the Gulf of
# California) are deliberately NOT edges. Short borders included: JAL–SLP (near
# Ojuelos) and GTO–ZAC (northern tip of Guanajuato).
ADJACENCY: tuple[tuple[str, str], ...] = (
    ("AGS", "JAL"),
    ("AGS", "ZAC"),
    ("BC", "BCS"),
    ("BC", "SON"),
    ("CAMP", "QROO"),
    ("CAMP", "TAB"),
    ("CAMP", "YUC"),
    ("CDMX", "MEX"),
    ("CDMX", "MOR"),
    ("CHIH", "COAH"),
    ("CHIH", "DGO"),
    ("CHIH", "SIN"),
    ("CHIH", "SON"),
    ("CHIS", "OAX"),
    ("CHIS", "TAB"),
    ("CHIS", "VER"),
    ("COAH", "DGO"),
    ("COAH", "NL"),
    ("COAH", "ZAC"),
    ("COL", "JAL"),
    ("COL", "MICH"),
    ("DGO", "NAY"),
    ("DGO", "SIN"),
    ("DGO", "ZAC"),
    ("GRO", "MEX"),
    ("GRO", "MICH"),
    ("GRO", "MOR"),
    ("GRO", "OAX"),
    ("GRO", "PUE"),
    ("GTO", "JAL"),
    ("GTO", "MICH"),
    ("GTO", "QRO"),
    ("GTO", "SLP"),
    ("GTO", "ZAC"),
    ("HGO", "MEX"),
    ("HGO", "PUE"),
    ("HGO", "QRO"),
    ("HGO", "SLP"),
    ("HGO", "TLAX"),
    ("HGO", "VER"),
    ("JAL", "MICH"),
    ("JAL", "NAY"),
    ("JAL", "SLP"),
    ("JAL", "ZAC"),
    ("MEX", "MICH"),
    ("MEX", "MOR"),
    ("MEX", "PUE"),
    ("MEX", "QRO"),
    ("MEX", "TLAX"),
    ("MICH", "QRO"),
    ("MOR", "PUE"),
    ("NAY", "SIN"),
    ("NAY", "ZAC"),
    ("NL", "SLP"),
    ("NL", "TAMPS"),
    ("NL", "ZAC"),
    ("OAX", "PUE"),
    ("OAX", "VER"),
    ("PUE", "TLAX"),
    ("PUE", "VER"),
    ("QRO", "SLP"),
    ("QROO", "YUC"),
    ("SIN", "SON"),
    ("SLP", "TAMPS"),
    ("SLP", "VER"),
    ("SLP", "ZAC"),
    ("TAB", "VER"),
    ("TAMPS", "VER"),
)

# ------------------------------------------------------------------------ crossings
# (id, name, state, US port, base_share). base_share is an ESTIMATE of each port's
# share of northbound fentanyl flow, proxied by its share of CBP fentanyl seizures
# (CBP Drug Seizure Statistics, FY2023–FY2024): the San Diego field office (TIJ+MXL)
# and the Tucson field office (SLRC+NOG+AGP) together account for roughly 80–90% of
# fentanyl seized at the southwest border; El Paso and Laredo field offices split the
# rest. Per-port splits within a field office are assumptions by relative traffic.
# Shares sum to 1.
CROSSINGS: tuple[tuple[str, str, str, str, float], ...] = (
    (
        "TIJ",
        "Tijuana–San Ysidro/Otay Mesa",
        "BC",
        "San Diego, CA",
        0.455,
    ),  # estimate: CBP San Diego FO, largest port
    (
        "MXL",
        "Mexicali–Calexico",
        "BC",
        "Calexico, CA",
        0.120,
    ),  # estimate: CBP San Diego FO remainder
    (
        "SLRC",
        "San Luis Río Colorado–San Luis",
        "SON",
        "San Luis, AZ",
        0.050,
    ),  # estimate: CBP Tucson FO (smaller port)
    (
        "NOG",
        "Nogales–Nogales",
        "SON",
        "Nogales, AZ",
        0.250,
    ),  # estimate: CBP Tucson FO, main fentanyl port in AZ
    ("AGP", "Agua Prieta–Douglas", "SON", "Douglas, AZ", 0.020),  # estimate: CBP Tucson FO (minor)
    ("JRZ", "Ciudad Juárez–El Paso", "CHIH", "El Paso, TX", 0.040),  # estimate: CBP El Paso FO
    ("OJI", "Ojinaga–Presidio", "CHIH", "Presidio, TX", 0.005),  # estimate: small rural port
    (
        "PNG",
        "Piedras Negras–Eagle Pass",
        "COAH",
        "Eagle Pass, TX",
        0.005,
    ),  # estimate: CBP Laredo FO (minor)
    (
        "COLB",
        "Colombia (Solidarity Bridge)–Laredo",
        "NL",
        "Laredo, TX",
        0.005,
    ),  # estimate: commercial bridge
    (
        "NLD",
        "Nuevo Laredo–Laredo",
        "TAMPS",
        "Laredo, TX",
        0.025,
    ),  # estimate: CBP Laredo FO, top cargo port
    (
        "REY",
        "Reynosa–Hidalgo/Pharr",
        "TAMPS",
        "Hidalgo/Pharr, TX",
        0.015,
    ),  # estimate: CBP Laredo FO
    ("MAT", "Matamoros–Brownsville", "TAMPS", "Brownsville, TX", 0.010),  # estimate: CBP Laredo FO
)

# ----------------------------------------------------------------------- production
# Share of fentanyl/heroin production by state. ESTIMATES: DEA NDTA 2024 places
# fentanyl synthesis and poppy cultivation mainly in Sinaloa and the "Golden
# Triangle" (SIN, DGO, CHIH), CJNG territory (JAL, MICH, NAY) and Guerrero (poppy),
# with Sonora as a Sinaloa-linked lab/staging area. Quantitative shares are not
# published; these weights are assumptions reflecting that qualitative ranking.
PRODUCTION: dict[str, float] = {
    "SIN": 0.30,  # estimate: Sinaloa Cartel heartland, most fentanyl labs (DEA NDTA 2024)
    "JAL": 0.15,  # estimate: CJNG synthetic-drug production (DEA NDTA 2024)
    "MICH": 0.12,  # estimate: meth/fentanyl labs, CJNG and local groups (DEA NDTA 2024)
    "DGO": 0.10,  # estimate: Golden Triangle poppy + labs
    "CHIH": 0.10,  # estimate: Golden Triangle poppy (Sierra Tarahumara)
    "GRO": 0.10,  # estimate: main opium-poppy state (UNODC/SEDENA eradication data, qualitative)
    "SON": 0.08,  # estimate: Sinaloa-linked labs near the border
    "NAY": 0.05,  # estimate: smaller lab/poppy presence
}

# -------------------------------------------------------------------------- cartels
CARTEL_NAMES: dict[str, str] = {
    "CJNG": "Cártel Jalisco Nueva Generación",
    "SIN_CH": "Sinaloa – Los Chapitos",
    "SIN_MZ": "Sinaloa – La Mayiza",
    "CDN": "Cártel del Noreste",
    "CDG": "Cártel del Golfo",
    "CDJ": "Cártel de Juárez / La Línea",
    "LNFM": "La Nueva Familia Michoacana",
    "CU": "Cárteles Unidos",
    "BLO": "Beltrán Leyva remnants / Guerreros Unidos-type groups",
}

# Cartel presence: cartel id -> {state: strength 0..1}. ALL strengths are ESTIMATES
# (assumptions) translating the qualitative maps of DEA NDTA 2024 ("areas of
# influence"), CRS R41576 and InSight Crime / Crisis Group reporting into a 0..1
# scale: ~0.8–1.0 dominant/home base, ~0.5–0.7 strong, ~0.3–0.4 established
# presence, ~0.1–0.2 cells or contested foothold. States not listed = no presence.
CARTEL_PRESENCE: dict[str, dict[str, float]] = {
    # CJNG: present in most states (DEA NDTA 2024: "all 32 states" claimed, strong in
    # the centre-west, Gulf and Caribbean). Strengths: estimates.
    "CJNG": {
        "JAL": 0.95,  # estimate: home state
        "COL": 0.85,  # estimate: controls Manzanillo corridor
        "GTO": 0.75,  # estimate: war with Santa Rosa de Lima (largely won)
        "MICH": 0.65,  # estimate: contested with CU, LNFM
        "NAY": 0.60,  # estimate
        "ZAC": 0.60,  # estimate: contested with Sinaloa/CDN
        "VER": 0.60,  # estimate
        "AGS": 0.50,  # estimate
        "QROO": 0.50,  # estimate: Caribbean tourism retail markets
        "SLP": 0.40,  # estimate
        "TAB": 0.40,  # estimate
        "CHIS": 0.40,  # estimate: southern border, contested with Sinaloa
        "GRO": 0.35,  # estimate
        "MEX": 0.35,  # estimate
        "PUE": 0.35,  # estimate
        "MOR": 0.35,  # estimate
        "BC": 0.35,  # estimate: Tijuana, contested with Sinaloa
        "QRO": 0.30,  # estimate
        "HGO": 0.30,  # estimate
        "CDMX": 0.30,  # estimate: alliances with local groups
        "OAX": 0.30,  # estimate
        "CAMP": 0.30,  # estimate
        "SON": 0.25,  # estimate
        "BCS": 0.25,  # estimate
        "NL": 0.25,  # estimate
        "CHIH": 0.20,  # estimate
        "TAMPS": 0.20,  # estimate
        "YUC": 0.20,  # estimate
        "DGO": 0.15,  # estimate
        "COAH": 0.15,  # estimate
        "TLAX": 0.15,  # estimate
        "SIN": 0.10,  # estimate: marginal foothold
    },
    # Sinaloa – Los Chapitos (sons of "El Chapo"): Culiacán, fentanyl trade
    # (DEA NDTA 2024; Crisis Group 2025). Strengths: estimates.
    "SIN_CH": {
        "SIN": 0.75,  # estimate: Culiacán base, weakened by the war with La Mayiza
        "BC": 0.55,  # estimate: Tijuana/Mexicali plazas
        "SON": 0.50,  # estimate: Nogales and San Luis corridors
        "CHIH": 0.35,  # estimate: Gente Nueva cells vs La Línea
        "DGO": 0.35,  # estimate
        "BCS": 0.30,  # estimate
        "CDMX": 0.15,  # estimate: financial/logistics cells
    },
    # Sinaloa – La Mayiza (Zambada faction). Strengths: estimates.
    "SIN_MZ": {
        "SIN": 0.70,  # estimate: south/central Sinaloa, gaining in the succession war
        "DGO": 0.40,  # estimate
        "SON": 0.40,  # estimate
        "BC": 0.40,  # estimate: Mexicali
        "CHIH": 0.25,  # estimate
        "BCS": 0.20,  # estimate
        "ZAC": 0.20,  # estimate
        "CHIS": 0.20,  # estimate: southern entry routes
    },
    # Cártel del Noreste (Zetas successor): Nuevo Laredo (CRS R41576). Estimates.
    "CDN": {
        "TAMPS": 0.70,  # estimate: Nuevo Laredo base
        "NL": 0.50,  # estimate
        "COAH": 0.40,  # estimate
        "SLP": 0.20,  # estimate
        "ZAC": 0.15,  # estimate
    },
    # Cártel del Golfo: Matamoros, Reynosa; fragmented factions (CRS R41576). Estimates.
    "CDG": {
        "TAMPS": 0.60,  # estimate: Matamoros/Reynosa
        "NL": 0.20,  # estimate
        "VER": 0.15,  # estimate
        "SLP": 0.10,  # estimate
    },
    # Cártel de Juárez / La Línea (CRS R41576). Estimates.
    "CDJ": {
        "CHIH": 0.60,  # estimate: Ciudad Juárez and the state capital
        "SON": 0.10,  # estimate: border-area cells
    },
    # La Nueva Familia Michoacana (US Treasury sanctions 2023; CRS R41576). Estimates.
    "LNFM": {
        "GRO": 0.60,  # estimate: Tierra Caliente
        "MEX": 0.55,  # estimate: southern Estado de México
        "MICH": 0.45,  # estimate
        "MOR": 0.40,  # estimate
        "CDMX": 0.15,  # estimate
    },
    # Cárteles Unidos (Michoacán coalition, incl. Los Viagras). Estimates.
    "CU": {
        "MICH": 0.55,  # estimate: Tierra Caliente, avocado/lime extortion
    },
    # Beltrán Leyva remnants and their offshoots (Guerreros Unidos, Los Rojos, etc.)
    # (CRS R41576; InSight Crime). Estimates.
    "BLO": {
        "GRO": 0.45,  # estimate
        "MOR": 0.35,  # estimate
        "NAY": 0.15,  # estimate
        "SON": 0.15,  # estimate
        "MEX": 0.10,  # estimate
    },
}

# Rivalries: weight 1..10. ALL weights are ESTIMATES of conflict intensity from
# InSight Crime / Crisis Group / CRS R41576 reporting (2023–2025).
RIVALRIES: dict[tuple[str, str], float] = {
    pair_key("SIN_CH", "SIN_MZ"): 10.0,  # estimate: succession war since Sept 2024 (Culiacán)
    pair_key("CJNG", "SIN_CH"): 9.0,  # estimate: main national rivalry (DEA NDTA 2024)
    pair_key("CJNG", "CU"): 8.0,  # estimate: Michoacán war (Crisis Group)
    pair_key("CJNG", "LNFM"): 7.0,  # estimate: EdoMex/Guerrero/Michoacán fronts
    pair_key("CDG", "CDN"): 7.0,  # estimate: Tamaulipas (Reynosa/Matamoros) feud
    pair_key("CDJ", "SIN_CH"): 6.0,  # estimate: La Línea vs Gente Nueva in Chihuahua
    pair_key("CJNG", "CDN"): 4.0,  # estimate: Zacatecas/SLP/NL frontier clashes
    pair_key("BLO", "LNFM"): 4.0,  # estimate: Guerrero local wars
}

# Alliances: weight 1..10. ESTIMATES; only alliances with public reporting.
ALLIANCES: dict[tuple[str, str], float] = {
    pair_key(
        "CJNG", "SIN_MZ"
    ): 3.0,  # estimate: weak tactical pact vs Chapitos reported 2025 (InSight Crime)
}


def mexico_world() -> World:
    """Build the Mexico world from the embedded data.

    The data is rebuilt on every call (no cache), so callers may mutate the result.

    Returns:
        A validated :class:`World` with the 32 federal entities, INEGI 2020
        population, land adjacency, 12 border crossings and 9 cartels.
    """
    regions = [code for code, _, _ in STATES]
    names = {code: name for code, name, _ in STATES}
    population = {code: pop for code, _, pop in STATES}
    crossings = [
        Crossing(id=cid, name=name, region=state, us_port=port, base_share=share)
        for cid, name, state, port, share in CROSSINGS
    ]
    graph = region_graph(
        regions,
        names,
        population,
        ADJACENCY,
        border={c.region for c in crossings},
        production=PRODUCTION,
    )
    return World(
        name="Mexico",
        graph=graph,
        regions=regions,
        population=population,
        crossings=crossings,
        production=dict(PRODUCTION),
        cartel_presence={cid: dict(p) for cid, p in CARTEL_PRESENCE.items()},
        cartel_names=dict(CARTEL_NAMES),
        rivalries=dict(RIVALRIES),
        alliances=dict(ALLIANCES),
    )
