"""The calibration section: the core rates of the rules (R1-R19), each with its source."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from simulator.scenario.schema.base import Strict, not_tiny, spec


class Calibration(Strict):
    """Core rates of the rules, in the units of the papers they come from."""

    rho: float = spec(
        2.527e-3,
        "recruits/member/week",
        "R1 recruitment rate (Prieto-Curiel et al. 2023 fit; plausible range: assumption, ±20% around the fit).",
        plausible=(2.0e-3, 3.0e-3),
        ge=0,
        le=0.05,
    )
    eta: float = spec(
        110.0,
        "arrests/week",
        "R1 incapacitation: total arrests per week, shared by cartel size (Prieto-Curiel et al. 2023; plausible range: assumption, ±20% around the fit).",
        plausible=(88.0, 132.0),
        ge=0,
        le=10_000,
    )
    theta: float = spec(
        1.549e-8,
        "1/(member·member·week)",
        "R1 conflict lethality between rival cartels (Prieto-Curiel et al. 2023; plausible range: assumption, ±20% around the fit).",
        plausible=(1.2e-8, 1.9e-8),
        ge=0,
        le=1e-5,
    )
    omega: float = spec(
        4e-8,
        "1/(member·week)",
        "R1 saturation/retirement: per-capita exit rate grows with cartel size (Prieto-Curiel et al. 2023; plausible range: assumption, ±20% around the fit).",
        plausible=(3.2e-8, 4.8e-8),
        ge=0,
        le=1e-4,
    )
    substeps_per_month: int = spec(
        4,
        "steps/month",
        "Integration substeps of R1's weekly equation within one month (about one per week).",
        ge=1,
        le=31,
    )
    local_alliance_weight: float = spec(
        4.0,
        "weight",
        "R1 alliance weight tying each local group to the strongest major cartel in its region (calibrated: 3.5-4.5% of members killed a year; plausible range: assumption, half to twice the calibrated weight).",
        plausible=(2.0, 8.0),
        ge=0,
        le=100,
    )
    deployment_arrest_effect: float = spec(
        0.5,
        "arrests share per deployment unit",
        "R1 rise of arrests per unit of National Guard deployment above the status quo: at 0.5, full deployment from the status quo's 0.3 adds 35% to arrests (assumption: more units in priority zones make more arrests, less than proportionally; 0 switches the arrest channel of national_guard_deployment off).",
        plausible=(0.0, 1.0),
        ge=0,
        le=5,
    )
    delivery_reference: float = spec(
        0.4,
        "index",
        "Capacity x (0.5 + 0.5 integrity) of enforcement bodies that carry out a lever change in full; weaker bodies deliver less of it, stronger more, up to delivery_cap (assumption: about the 2026 bodies' mean, so the status-quo bodies deliver roughly what is asked).",
        plausible=(0.3, 0.5),
        gt=0,
        le=1,
    )
    delivery_cap: float = spec(
        1.5,
        "ratio",
        "Most a lever change can be amplified by strong bodies (delivery / delivery_reference); the delivered lever also stays within the lever's own bounds (assumption: capable bodies achieve somewhat more than planned, not unboundedly more).",
        plausible=(1.0, 2.0),
        ge=1,
        le=5,
    )
    # R2 courts
    conviction_base: float = spec(
        0.25,
        "share",
        "R2 share of arrests convicted with the courts as they are at the start (judicial strength relative to its month-0 value, at the status-quo judicial_reform) (assumption: impunity above 90% for homicide, México Evalúa 2022; cartel arrests fare better).",
        plausible=(0.1, 0.4),
        gt=0,
        le=1,
    )
    judicial_reform_effect: float = spec(
        0.7,
        "share of the capacity gap",
        "R2 share of the courts' missing capacity (1 - capacity) that judicial_reform = 1 adds (assumption: prosecutors, courts and witness protection close most but not all of the gap; Mexico's 2008-2016 move to adversarial trials shows reform is slow and partial; 0 switches judicial_reform off).",
        plausible=(0.3, 0.9),
        ge=0,
        le=1,
    )
    conviction_cap: float = spec(
        0.95,
        "share",
        "R2 most arrests that can end in conviction, however strong the courts (assumption: some cases always fail).",
        plausible=(0.8, 1.0),
        gt=0,
        le=1,
    )
    judicial_local_integrity_share: float = spec(
        0.5,
        "share",
        "R2 weight of community integrity (police, local officials, R13) against the courts' own integrity in judicial strength (assumption: cases depend on local investigators as much as on judges).",
        plausible=(0.2, 0.8),
        ge=0,
        le=1,
    )
    release_lag_months: int = spec(
        3,
        "months",
        "R2 months before an unconvicted arrestee returns to the cartel (assumption: pre-trial detention of weeks to a year).",
        plausible=(1.0, 12.0),
        ge=1,
        le=36,
    )
    # R3 homicides
    homicides_per_cartel_death: float = spec(
        2.8,
        "homicides/death",
        "R3 homicides caused per cartel member killed in conflict, members included (calibrated so 2026 homicides match INEGI 2024, 33.2k; plausible range: keeps first-year homicides within about ±10% of it).",
        plausible=(2.4, 3.2),
        ge=0,
        le=20,
    )
    noncartel_homicides_per_month: float = spec(
        1000.0,
        "homicides/month",
        "R3 homicides unrelated to cartel conflict (assumption: about 1/3 of INEGI's 33.2k in 2024; range: a cartel-conflict share of 50-75%, Molzahn, Ríos & Shirk 2012).",
        plausible=(700.0, 1400.0),
        ge=0,
        le=10_000,
    )
    casualty_death_share: float = spec(
        0.5,
        "deaths/casualty",
        "R3 share of operations' civilian casualties (R10, R11) who die and count as homicides (assumption: casualties are killed or wounded).",
        plausible=(0.2, 0.8),
        ge=0,
        le=1,
    )
    succession_instability_weight: float = spec(
        4.0,
        "-",
        "R3 extra weight of an unstable region (R4 instability 1) when placing a cartel's succession deaths over its territory: (1 + w x instability) (assumption: succession fights concentrate where the leader fell).",
        plausible=(1.0, 10.0),
        ge=0,
        le=100,
    )
    us_harm_reference_citizens: float = spec(
        1.6e6,
        "people",
        "R3/R10 US citizens in Mexico at which us_harm_base_per_month and retaliation_per_strike hold; harm scales with us_citizens_in_mexico relative to it (seed 004: 1.6 million; range: assumption, estimates vary).",
        plausible=(1.2e6, 2.0e6),
        gt=0,
        le=1e9,
    )
    # R4 decapitation
    cohesion_drop_kill: float = spec(
        0.45,
        "index",
        "R4 cohesion lost when a leader is killed (calibrated to Calderón et al. 2015: killings raise violence more; Dickenson 2014 likewise). Range: what keeps validation check 3's spike within its 20-60% band.",
        plausible=(0.3, 0.6),
        ge=0,
        le=1,
    )
    cohesion_drop_capture: float = spec(
        0.25,
        "index",
        "R4 cohesion lost when a leader is captured, spread over capture_lag_months (Calderón et al. 2015; Phillips 2015: arrests destabilise less than killings).",
        plausible=(0.1, 0.4),
        ge=0,
        le=1,
    )
    capture_lag_months: int = spec(
        3,
        "months",
        "R4 months over which a capture's cohesion loss unfolds (Calderón et al. 2015: about 3 months).",
        plausible=(1, 6),
        ge=1,
        le=12,
    )
    cohesion_recovery: float = spec(
        0.08,
        "per month",
        "R4 monthly recovery of cohesion towards its pre-shock level (assumption: succession settles within about a year; Lindo & Padilla-Romo 2018 find the homicide rise in the municipality of capture lasts at least 12 months).",
        plausible=(0.04, 0.2),
        ge=0,
        le=1,
    )
    succession_violence: float = spec(
        0.02,
        "deaths/member/year per unit cohesion lost",
        "R4 internal killings in a destabilised cartel (calibrated to +36.5% DTO violence in six months, Calderón et al. 2015).",
        plausible=(0.01, 0.05),
        ge=0,
        le=5,
    )
    split_threshold: float = spec(
        0.35,
        "index",
        "R4 cohesion below which a cartel may split into factions (Phillips 2015; Jones 2013).",
        plausible=(0.2, 0.5),
        ge=0,
        le=1,
    )
    split_probability: float = spec(
        0.25,
        "per month",
        "R4 monthly chance of a split while cohesion is below the threshold (assumption).",
        plausible=(0.05, 0.5),
        ge=0,
        le=1,
    )
    faction_conflict: float = spec(
        8.0,
        "K",
        "R4 conflict coefficient K between the two sides of a split, a succession war (assumption: as intense as the strongest rivalries in Prieto-Curiel et al.'s network; e.g. Sinaloa since 2024).",
        plausible=(2.0, 20.0),
        ge=0,
        le=100,
    )
    split_min_members: float = spec(
        500.0,
        "people",
        "R4 smallest group that can split into factions (assumption: a few hundred members make a viable faction).",
        plausible=(200.0, 2000.0),
        ge=0,
        le=1_000_000,
    )
    faction_share_min: float = spec(
        0.3,
        "share",
        "R4 smallest share of the parent's members, cash and guns a faction takes (assumption; e.g. the Chapitos/Mayos split of Sinaloa, 2024).",
        plausible=(0.1, 0.4),
        ge=0,
        le=1,
    )
    faction_share_max: float = spec(
        0.5,
        "share",
        "R4 largest share a faction takes; drawn uniformly between min and max (assumption).",
        plausible=(0.4, 0.6),
        ge=0,
        le=1,
    )
    faction_region_share: float = spec(
        0.5,
        "share",
        "R4 chance that each of the parent's regions is split between both sides (each at shared_region_strength) rather than kept by the parent (assumption).",
        plausible=(0.2, 0.8),
        ge=0,
        le=1,
    )
    shared_region_strength: float = spec(
        0.5,
        "share",
        "R4 share of the parent's presence each side keeps in a region the split shares (assumption: an even split of the contested plazas).",
        plausible=(0.3, 0.7),
        ge=0,
        le=1,
    )
    faction_cohesion: float = spec(
        0.6,
        "index",
        "R4 cohesion of a new faction, and the floor the parent's cohesion returns to after a split (assumption).",
        plausible=(0.4, 0.8),
        ge=0,
        le=1,
    )
    faction_lieutenant_divisor: int = spec(
        3,
        "lieutenants",
        "R4 a faction takes one in every N of the parent's lieutenants (and one more leads it) (assumption).",
        plausible=(2, 5),
        ge=1,
        le=100,
    )
    faction_gatekeeper_divisor: int = spec(
        2,
        "gatekeepers",
        "R4 a faction takes one in every N of the parent's corridor brokers (assumption).",
        plausible=(2, 4),
        ge=1,
        le=100,
    )
    faction_alliance_share: float = spec(
        0.5,
        "share",
        "R4 share of the parent's alliance weights a faction inherits: allies hedge between both sides (assumption).",
        plausible=(0.2, 0.8),
        ge=0,
        le=1,
    )
    instability_neighbour: float = spec(
        0.5,
        "index",
        "R4 instability set in the land neighbours of the host region of a removal (the host region is set to 1). Lindo & Padilla-Romo 2018: homicides +80% in the municipality of capture, +30% in nearby municipalities with the same DTO for six months (a ratio of about 0.4); the default is an assumption within that reading.",
        plausible=(0.2, 0.7),
        ge=0,
        le=1,
    )
    instability_decay: float = spec(
        0.3,
        "per month",
        "R4 monthly decay of host-region instability (assumption: halves in about two months; Calderón et al. 2015 find the spike over about six months).",
        plausible=(0.1, 0.5),
        ge=0,
        le=1,
    )
    disruption_per_removal: float = spec(
        0.5,
        "index",
        "R4 leadership disruption (0-1) added when a leader is killed or captured: the organisation loses its contacts, orders and trust for a time (assumption on the scale; Phillips 2015: decapitation weakens a criminal group in the short run, arrests more clearly than killings; Lindo & Padilla-Romo 2018: destabilising effects throughout the organisation).",
        plausible=(0.2, 1.0),
        ge=0,
        le=1,
    )
    disruption_production: float = spec(
        0.15,
        "share at disruption 1",
        "R4 share of a cartel's production capacity out of action at leadership disruption 1 (so 7.5% after one removal at the defaults). Small, because the evidence finds no lasting supply effect: Dickenson (2011 thesis behind Dickenson 2014) finds no significant change in seizures or retail prices after Mexico's 25 removals of 2006-2010; Dell 2015: trafficking re-routes around crackdowns rather than stopping. Range from no effect to a sizeable one.",
        plausible=(0.0, 0.5),
        ge=0,
        le=1,
    )
    disruption_throughput: float = spec(
        0.15,
        "share at disruption 1",
        "R4 share of a cartel's route throughput (logistics: shipments, plazas, bribed officials) out of action at leadership disruption 1 (assumption, as disruption_production; Dell 2015: routes re-form within months).",
        plausible=(0.0, 0.5),
        ge=0,
        le=1,
    )
    disruption_recovery: float = spec(
        0.2,
        "per month",
        "R4 monthly decay of leadership disruption as a successor takes over (assumption: half-life about three months, a single removal's caps within 5% of full capacity after about five; Phillips 2015's short-run weakening is temporary; Dickenson 2011 finds no persistent trafficking effect). A capped array recovers at the slower of this and its own recovery (lab_recovery, throughput_recovery).",
        plausible=(0.1, 0.6),
        ge=0,
        le=1,
    )
    removal_cash_loss_kill: float = spec(
        0.02,
        "share of cash",
        "R4 share of a cartel's cash lost when a leader is killed: hoards and accounts only he controlled (assumption).",
        plausible=(0.0, 0.1),
        ge=0,
        le=1,
    )
    removal_cash_loss_capture: float = spec(
        0.05,
        "share of cash",
        "R4 share of a cartel's cash lost when a leader is captured: assets seized with him and exposed by his papers and phones (assumption; larger than a killing's because a capture yields evidence).",
        plausible=(0.0, 0.15),
        ge=0,
        le=1,
    )
    # R5 gatekeepers
    gatekeeper_cut: float = spec(
        0.3,
        "share",
        "R5 share of a cartel's route throughput lost per corridor broker removed (assumption; seed 000: brokers 'control corridors').",
        plausible=(0.1, 0.5),
        ge=0,
        le=1,
    )
    throughput_recovery: float = spec(
        0.15,
        "per month",
        "R5 monthly recovery of throughput after a broker is removed (assumption: months, seed 000).",
        plausible=(0.05, 0.4),
        ge=0,
        le=1,
    )
    broker_replacement_months: float = spec(
        6.0,
        "months",
        "R5 mean time for a cartel to replace one removed corridor broker (assumption: brokers need trusted contacts, seed 000).",
        plausible=(3.0, 18.0),
        ge=1,
        le=120,
    )
    broker_operations_per_month: float = spec(
        6.0,
        "operations/month",
        "R5 operations against corridor brokers a month at fusion_cells x gatekeeper_targeting = 1 delivered; each succeeds like a raid (broker_success_base, intelligence, capacity) unless it leaks (assumption: with SEMAR's capacity and integrity, about 2 removals a month per unit of Mexican intelligence, the earlier fixed rate).",
        plausible=(2.0, 12.0),
        ge=0,
        le=100,
    )
    broker_success_base: float = spec(
        1.0,
        "probability",
        "R5 chance an operation against a broker who has been found removes him, at intelligence x capacity = 1 and no leak (assumption: brokers are less protected than leaders).",
        plausible=(0.5, 1.0),
        ge=0,
        le=1,
    )
    # R6 money (drug revenue itself is R20's price x quantity)
    extortion_usd_per_member_month: float = spec(
        2400.0,
        "USD/member/month",
        "R6 extortion and local rackets per member at extortion index 1 (assumption; range: a quarter to 2.5x).",
        plausible=(600, 6000),
        ge=0,
        le=1e6,
    )
    wage_usd_per_member_month: float = spec(
        600.0,
        "USD/member/month",
        "R6 wage bill per member (assumption: sicario pay reports, about $500-1,000 a month).",
        plausible=(300, 1500),
        gt=0,
        le=1e6,
    )
    bribe_share: float = spec(
        0.15,
        "share of revenue",
        "R6 revenue spent on bribes, scaled by corruption reach (assumption).",
        plausible=(0.05, 0.3),
        ge=0,
        le=1,
    )
    financial_seizure_rate: float = spec(
        0.04,
        "share/month",
        "R6 monthly share of cash seized at financial_ops = 1 with full cooperation (assumption; UNODC 2011 put seizures at well under 1% of laundered proceeds worldwide, so a full campaign is taken as a few % a month). Zero, with laundering_loss, switches financial_ops off.",
        plausible=(0.01, 0.1),
        ge=0,
        le=1,
    )
    laundering_loss: float = spec(
        0.5,
        "share of revenue",
        "R6 share of incoming revenue lost to anti-money-laundering (frozen accounts, seized transfers, costlier laundering) at financial_ops = 1 with full cooperation (assumption; seed 000, Phase 2: crypto wallets, shell companies). Zero, with financial_seizure_rate, switches financial_ops off.",
        plausible=(0.1, 0.7),
        ge=0,
        le=1,
    )
    finance_cooperation_weight: float = spec(
        0.5,
        "share",
        "R6 share of financial operations' effect that needs Mexico's cooperation (UIF freezes, joint cases); the rest the US achieves alone (assumption).",
        plausible=(0.2, 0.8),
        ge=0,
        le=1,
    )
    cash_cover_months: float = spec(
        6.0,
        "months",
        "R6 months of wages a group's cash must cover for it to recruit, bribe and arm unconstrained (assumption).",
        plausible=(3, 12),
        gt=0,
        le=120,
    )
    cash_factor_floor: float = spec(
        0.4,
        "share",
        "R6 recruitment, bribery and gun buying of a group without cash, as a share of an unconstrained group's (assumption; seed 000: 'hitmen without pay').",
        plausible=(0.2, 0.7),
        ge=0,
        le=1,
    )
    # R7 guns
    guns_south_per_year: float = spec(
        200_000.0,
        "guns/year",
        "R7 firearms smuggled into Mexico a year at the status quo (GAO-21-322, 2021: about 200,000; range: McDougal et al. 2013, 212,887 a year in 2010-2012, 89,816-359,205).",
        plausible=(90_000.0, 360_000.0),
        ge=0,
        le=1e8,
    )
    us_gun_share: float = spec(
        0.70,
        "share",
        "R7 share of trafficked guns sourced in the US (GAO-21-322: 70%; seed 000: 65-75%).",
        plausible=(0.65, 0.75),
        ge=0,
        le=1,
    )
    gun_tracing_effect: float = spec(
        0.5,
        "share",
        "R7 share of US-sourced flow stopped at gun_tracing = 1 (assumption: tracing and straw-purchase prosecution deter part of the flow, not all; 0 switches gun_tracing's R7 effect off).",
        plausible=(0.2, 0.7),
        ge=0,
        le=1,
    )
    checkpoint_effect: float = spec(
        0.4,
        "share",
        "R7 share of non-US flow stopped at mexican_checkpoints = 1 (assumption: checkpoints catch less than US-side tracing; 0 switches mexican_checkpoints off).",
        plausible=(0.1, 0.6),
        ge=0,
        le=1,
    )
    gun_wear_per_year: float = spec(
        0.3,
        "share/year",
        "R7 share of the arsenal lost a year to wear, loss and resale, besides the guns that leave with arrested, killed or departing members (assumption: with 200k guns a year in, keeps guns per member within about 10% of the 2026 level over five years at the status quo).",
        plausible=(0.15, 0.45),
        ge=0,
        le=1,
    )
    gun_price_usd: float = spec(
        1500.0,
        "USD/gun",
        "R6/R7 price cartels pay per trafficked gun (assumption: US retail of $500-1,000 marked up in Mexico).",
        plausible=(800.0, 3000.0),
        gt=0,
        le=1e6,
    )
    firepower_elasticity: float = spec(
        0.3,
        "-",
        "R7 elasticity of conflict lethality to guns per member (assumption: more guns per member kill more, less than proportionally).",
        plausible=(0.0, 0.6),
        ge=0,
        le=2,
    )
    firepower_ratio_min: float = spec(
        0.1,
        "ratio",
        "R1/R7 lowest guns per member, relative to the start, that still lowers a group's killing power (assumption: a disarmed group keeps knives, vehicles and hired guns).",
        plausible=(0.05, 0.3),
        gt=0,
        le=1,
    )
    firepower_ratio_max: float = spec(
        10.0,
        "ratio",
        "R1/R7 highest guns per member, relative to the start, that still raises a group's killing power (assumption: guns beyond what members can carry add nothing).",
        plausible=(3.0, 20.0),
        ge=1,
        le=1000,
    )
    # R8 routes
    fentanyl_kg_per_month: float = spec(
        6000.0,
        "kg/month",
        "R8 fentanyl (street weight: powder and pills; DEA NDTA 2025: powder purity about 11%, down from about 19%) moved towards the US at the status quo. CBP seized 21,889 lb (9.9 t) in FY2024, 21,148 lb of it at the Mexican border, over 90% at ports of entry (CBP 2023) and mostly carried by US citizens (American Immigration Council 2025: about 4 in 5 apprehended smugglers); taken as border_seizure_base of the flow (assumption), so 9.6 t/0.15/12 = 5,300-6,700 kg a month.",
        plausible=(3000, 12_000),
        gt=0,
        le=1e7,
    )
    border_seizure_base: float = spec(
        0.15,
        "share",
        "R8 share seized at crossings at the status quo (assumption: CBP FY2024 seizures, above, against an unknown flow; interdiction rates of 10-30% are usual guesses for drugs).",
        plausible=(0.05, 0.3),
        ge=0,
        lt=1,
    )
    smart_border_effect: float = spec(
        0.25,
        "share",
        "R8 extra seizure share at smart_border = 1 over the status quo, once built (assumption: CBP scanned about 8% of passenger and 27% of commercial vehicles at land ports in FY2024 and its scanners find most port seizures, CBP testimony 2021; scanning most vehicles could add a quarter of the flow). Zero switches smart_border off (with R9's reciprocity_effect).",
        plausible=(0.05, 0.5),
        ge=0,
        le=1,
    )
    smart_border_buildup_months: float = spec(
        12.0,
        "months",
        "R8 time constant for smart-border measures (scanners, sensors, staff) to come into force after the lever changes: each month closes 1/N of the gap (GAO 2025: of 153 large-scale scanners planned since the 2021 contracts, 52 worked by February 2025). Keeps the border from moving national flow at once.",
        plausible=(6, 48),
        ge=1,
        le=240,
    )
    route_sensitivity: float = spec(
        1.5,
        "1/cost",
        "R8 logit sensitivity of route choice to route cost (assumption; Dell 2015 shows strong re-routing).",
        plausible=(0.5, 4),
        ge=0,
        le=20,
    )
    crossing_congestion: float = spec(
        1.0,
        "cost per overload",
        "R8 extra cost of a crossing per 100% of flow above its status-quo share: crossings have finite capacity (assumption).",
        plausible=(0.25, 3),
        ge=0,
        le=20,
    )
    overload_seizure: float = spec(
        0.05,
        "share per overload",
        "R8 extra seizure share at a crossing per 100% of flow above its status-quo share (assumption).",
        plausible=(0.0, 0.2),
        ge=0,
        le=1,
    )
    interdiction_cost: float = spec(
        3.0,
        "cost",
        "R8 added cost of an interdicted crossing (assumption).",
        plausible=(1, 6),
        ge=0,
        le=100,
    )
    interdiction_seizure: float = spec(
        0.5,
        "share",
        "R8 extra seizure share at an interdicted crossing (assumption: a surge of inspections at one port).",
        plausible=(0.2, 0.8),
        ge=0,
        le=1,
    )
    max_seizure: float = spec(
        0.95,
        "share",
        "R8 most a crossing can seize of what passes it (assumption: some loads always get through).",
        plausible=(0.8, 0.99),
        ge=0,
        le=1,
    )
    state_held_cost: float = spec(
        0.5,
        "cost",
        "R8 extra path cost of passing a state-held region (R19) (assumption; Dell 2015: crackdowns divert routes).",
        plausible=(0.2, 1.5),
        ge=0,
        le=100,
    )
    corridor_weight: float = spec(
        0.5,
        "weight",
        "R8 weight of a group's presence on transit regions (by status-quo flow share) against production regions in its share of the drug trade (assumption).",
        plausible=(0.2, 1.0),
        ge=0,
        le=10,
    )
    new_route_violence: float = spec(
        0.6,
        "-",
        "R8 rise in local conflict per unit increase of a region's drug-flow share (Dell 2015; Magliocca et al. 2019).",
        plausible=(0.2, 1.5),
        ge=0,
        le=10,
    )
    new_route_floor: float = spec(
        0.05,
        "share of flow",
        "R8 flow share added to a region's start load when its rise is measured, so regions with almost no flow at the start do not get extreme violence multipliers (assumption).",
        plausible=(0.01, 0.1),
        gt=0,
        le=1,
    )
    # R9 cooperation
    cooperation_rate: float = spec(
        0.08,
        "per month",
        "R9 speed at which cooperation moves to its target (assumption).",
        ge=0,
        le=1,
    )
    incident_backlash: float = spec(
        0.03,
        "per incident",
        "R9 cooperation lost per unilateral operation x sovereignty sensitivity (assumption; seeds 001-004).",
        ge=0,
        le=1,
    )
    backlash_decay: float = spec(
        0.05, "per month", "R9 monthly decay of accumulated backlash (assumption).", ge=0, le=1
    )
    reciprocity_effect: float = spec(
        0.3,
        "cooperation/lever unit",
        "R9 rise of Mexico's cooperation target per unit of US action on guns, money, demand and the border above the status quo (assumption; seed 000: reciprocity is the roadmap's basis).",
        ge=0,
        le=2,
    )
    aid_effect: float = spec(
        0.05,
        "cooperation/(USD 1B/year)",
        "R9 rise of Mexico's cooperation target per $1B a year of non-lethal aid above the status quo (assumption; seed 000).",
        ge=0,
        le=1,
    )
    # R10 strikes
    strike_success_base: float = spec(
        0.7,
        "probability",
        "R10 chance a strike that does not leak hits its target at intelligence quality x capacity 1 (assumption).",
        plausible=(0.4, 0.9),
        ge=0,
        le=1,
    )
    strike_kill_share: float = spec(
        0.85,
        "share",
        "R10 share of successful strikes on leaders that kill rather than capture (assumption: seed 003 plans drone strikes, which kill, and ground raids, which can capture; seed 000's surgical capture shows the other end).",
        plausible=(0.6, 1.0),
        ge=0,
        le=1,
    )
    strike_intel_from_sharing: float = spec(
        0.4,
        "share",
        "R10 share of a strike force's intelligence that depends on Mexican sharing: intel = quality x (1 - w + w x intel_sharing x cooperation) (assumption; seed 004: 'collaboration with Mexican security forces would be more productive').",
        plausible=(0.2, 0.7),
        ge=0,
        le=1,
    )
    strike_mix_leaders: float = spec(
        0.5,
        "share",
        "R10 share of strikes aimed at leaders when strike_target is mixed, the rest at labs (assumption; seed 003: 'key drug cartel figures and their laboratories').",
        plausible=(0.3, 0.7),
        ge=0,
        le=1,
    )
    civilians_per_strike: float = spec(
        1.5,
        "people/strike",
        "R10 expected bystander casualties per strike (assumption from drone-strike records, Bureau of Investigative Journalism).",
        plausible=(0.5, 4.0),
        ge=0,
        le=50,
    )
    strike_grievance: float = spec(
        0.04,
        "index/strike",
        "R10 grievance added in the struck region per strike (assumption).",
        plausible=(0.01, 0.1),
        ge=0,
        le=1,
    )
    hostility_decay: float = spec(
        0.2,
        "per month",
        "R10 monthly decay of cartel hostility towards US citizens after strikes (assumption: retaliation risk fades over a few months).",
        plausible=(0.1, 0.5),
        ge=0,
        le=1,
    )
    us_citizens_in_mexico: float = spec(
        1.6e6,
        "people",
        "R10 US citizens living in Mexico (seed 004).",
        plausible=(1.0e6, 2.0e6),
        ge=0,
        le=1e9,
    )
    us_harm_base_per_month: float = spec(
        10.0,
        "people/month",
        "R10 US citizens harmed (killed, kidnapped, assaulted) a month at the status quo (assumption; State Dept reports about 75 homicides of US citizens a year).",
        plausible=(5.0, 20.0),
        ge=0,
        le=1e6,
    )
    retaliation_per_strike: float = spec(
        0.6,
        "people/strike",
        "R10 extra US citizens harmed per recent strike through cartel retaliation (assumption; seed 004).",
        plausible=(0.0, 2.0),
        ge=0,
        le=1e4,
    )
    lab_damage: float = spec(
        0.08,
        "share",
        "R10/R11 share of a cartel's production capacity destroyed by a successful lab strike or raid (assumption).",
        plausible=(0.02, 0.2),
        ge=0,
        le=1,
    )
    lab_recovery: float = spec(
        0.25,
        "per month",
        "R10/R11 monthly recovery of production capacity (assumption: labs are rebuilt in weeks).",
        plausible=(0.1, 0.5),
        ge=0,
        le=1,
    )
    # R11 Mexican-led operations
    raid_success_base: float = spec(
        0.5,
        "probability",
        "R11 chance a raid that does not leak achieves its aim at intelligence x capacity = 1 (assumption).",
        plausible=(0.3, 0.8),
        ge=0,
        le=1,
    )
    raid_kill_share: float = spec(
        0.2,
        "share",
        "R11 share of successful raids on leaders that kill rather than capture (assumption from the kingpin record 2006-2012 analysed by Calderón et al. 2015 and Phillips 2015: most removals were arrests; the killings include A. Beltrán Leyva 2009, I. Coronel and A. Cárdenas Guillén 2010, H. Lazcano 2012).",
        plausible=(0.05, 0.4),
        ge=0,
        le=1,
    )
    raid_share_leaders: float = spec(
        0.4,
        "share",
        "R11 share of raids aimed at leaders (assumption; seed 000: raids 'against cartel leadership, logistics hubs, and financial nodes').",
        plausible=(0.2, 0.6),
        ge=0,
        le=1,
    )
    raid_share_labs: float = spec(
        0.3,
        "share",
        "R11 share of raids aimed at labs; the rest (1 - leaders - labs, at least 0) at finance nodes; the three are normalised (assumption, seed 000).",
        plausible=(0.1, 0.5),
        ge=0,
        le=1,
    )
    finance_raid_seizure: float = spec(
        0.05,
        "share of cash",
        "R11 share of the targeted cartel's cash seized by a successful raid on a finance node (assumption).",
        plausible=(0.01, 0.15),
        ge=0,
        le=1,
    )
    arrests_per_raid: float = spec(
        8.0,
        "people/raid",
        "R11 members arrested per successful raid (assumption).",
        plausible=(2.0, 20.0),
        ge=0,
        le=10_000,
    )
    civilians_per_raid: float = spec(
        0.3,
        "people/raid",
        "R11 bystander casualties per raid at human-rights compliance 0 (assumption).",
        plausible=(0.1, 1.0),
        ge=0,
        le=50,
    )
    raid_intel_from_fusion: float = spec(
        0.6,
        "intel boost/lever unit",
        "R11 rise of Mexican intelligence per unit of fusion cells delivered, x cooperation x US trust (assumption; seed 000: 'joint fusion cells would map cartel hierarchies').",
        plausible=(0.2, 1.0),
        ge=0,
        le=2,
    )
    raid_intel_from_sharing: float = spec(
        0.4,
        "intel boost/lever unit",
        "R11 rise of Mexican intelligence per unit of US intelligence sharing delivered, x cooperation x US trust (assumption; seed 000: 'secure, real-time intelligence channels').",
        plausible=(0.1, 0.8),
        ge=0,
        le=2,
    )
    us_trust_min: float = spec(
        0.5,
        "ratio",
        "R11 lowest factor by which the US government's trust (its cooperation relative to the start, R9) scales what it shares (assumption).",
        plausible=(0.25, 0.75),
        ge=0,
        le=1,
    )
    us_trust_max: float = spec(
        1.5,
        "ratio",
        "R11 highest such factor (assumption).",
        plausible=(1.25, 2.0),
        ge=1,
        le=10,
    )
    own_integrity_weight: float = spec(
        0.5,
        "share",
        "R10/R11 weight of a body's own integrity against the local community's in its integrity factor 0.5 integrity + 0.5 local (assumption: leaks come from the unit and from the officials around it, e.g. the SIEDO officials paid by the Beltrán Leyvas, Operación Limpieza 2008).",
        plausible=(0.3, 0.8),
        ge=0,
        le=1,
    )
    leak_propensity: float = spec(
        1.0,
        "share",
        "R5/R10/R11 share of an operation's integrity shortfall (1 - integrity factor) that leaks: the target is warned and escapes (assumption: at 1 the earlier success probability is kept; e.g. the 2011 Allende massacre followed a leak of DEA information from a vetted Mexican unit, ProPublica 2017).",
        plausible=(0.5, 1.0),
        ge=0,
        le=1,
    )
    human_rights_floor: float = spec(
        0.5,
        "index",
        "R11 human-rights compliance Mexican bodies move towards under US aid without conditions (assumption).",
        plausible=(0.3, 0.6),
        ge=0,
        le=1,
    )
    human_rights_conditions_effect: float = spec(
        0.5,
        "index/lever unit",
        "R11 rise of that compliance goal per unit of human_rights_conditions (assumption; seed 000: 'conditional aid'; Leahy-law vetting).",
        plausible=(0.2, 0.5),
        ge=0,
        le=1,
    )
    human_rights_rate: float = spec(
        0.05,
        "per month",
        "R11 monthly speed at which compliance moves to its goal while US aid flows (assumption: a few years).",
        plausible=(0.02, 0.1),
        ge=0,
        le=1,
    )
    embedded_intel_effect: float = spec(
        0.5,
        "intel boost/lever unit",
        "R11 rise of Mexican raid intelligence per unit of embedded US advisers, x cooperation (consent): US ISR and signals intelligence in joint operations (assumption on the size; Plan Colombia: US intelligence behind the 2008 Operation Fenix and Operation Jaque, Priest 2013).",
        plausible=(0.1, 1.0),
        ge=0,
        le=2,
    )
    embedded_leak_cut: float = spec(
        0.4,
        "share/lever unit",
        "R11 share of leaks avoided per unit of embedded advisers, x cooperation: US-vetted units (DEA Sensitive Investigative Units) hold information tighter (assumption; partial: the 2011 Allende leak came from a vetted unit).",
        plausible=(0.0, 0.7),
        ge=0,
        le=1,
    )
    embedded_capacity_effect: float = spec(
        0.3,
        "capacity/lever unit",
        "R11 rise of Mexican raid capacity per unit of embedded advisers, x cooperation: training, helicopters, planning (assumption; GAO-09-71 on Plan Colombia: US-supported helicopters and training raised Colombian forces' operational capacity).",
        plausible=(0.0, 0.6),
        ge=0,
        le=2,
    )
    # R12 communities
    fear_rate: float = spec(
        0.15,
        "per month",
        "R12 speed at which fear follows local violence (assumption: months).",
        plausible=(0.05, 0.3),
        ge=0,
        le=1,
    )
    legitimacy_rate: float = spec(
        0.05,
        "per month",
        "R12 speed at which legitimacy follows its drivers (assumption: trust in the state moves over years).",
        plausible=(0.02, 0.1),
        ge=0,
        le=1,
    )
    fear_elasticity: float = spec(
        0.7,
        "-",
        "R12 elasticity of fear to local homicides relative to the start (assumption: fear rises less than proportionally with violence).",
        plausible=(0.3, 1.0),
        ge=0,
        le=3,
    )
    legitimacy_integrity_weight: float = spec(
        0.5,
        "legitimacy/integrity",
        "R12 rise of the legitimacy target per unit of integrity gained since the start (assumption: corruption is a main driver of distrust in Mexican institutions).",
        plausible=(0.2, 0.8),
        ge=0,
        le=2,
    )
    legitimacy_justice_weight: float = spec(
        0.1,
        "legitimacy/relative conviction",
        "R12 rise of the legitimacy target per unit of relative rise in the conviction rate (R2) (assumption: justice is visible to few).",
        plausible=(0.0, 0.3),
        ge=0,
        le=2,
    )
    legitimacy_fear_weight: float = spec(
        0.5,
        "legitimacy/fear",
        "R12 fall of the legitimacy target per unit of fear above its start (assumption: a state that cannot protect loses trust).",
        plausible=(0.2, 0.8),
        ge=0,
        le=2,
    )
    casualty_grievance: float = spec(
        0.02,
        "grievance per casualty per 100k",
        "R12 grievance added in a region per civilian casualty of an operation (R10 strike or R11 raid) per 100k inhabitants; with strike_grievance the one way operations' harm enters communities, through legitimacy (assumption: the same cumulative legitimacy loss as the former 0.02 a month per casualty per 100k; harm by security forces costs them support, Lyall, Blair & Imai 2013).",
        plausible=(0.0, 0.05),
        ge=0,
        le=1,
    )
    grievance_decay: float = spec(
        0.05,
        "per month",
        "R12 monthly decay of grievance from operations (assumption: it fades over about 1.5 years).",
        plausible=(0.02, 0.1),
        ge=0,
        le=1,
    )
    recruitment_elasticity: float = spec(
        0.8,
        "-",
        "R12 elasticity of recruitment to grievance x youth at risk (Epstein 2002; assumption).",
        plausible=(0.4, 1.2),
        ge=0,
        le=5,
    )
    extortion_rate: float = spec(
        0.05,
        "per month",
        "R12/R19 speed at which extortion follows territorial control (assumption: local rackets move over a year or two).",
        plausible=(0.02, 0.1),
        ge=0,
        le=1,
    )
    extortion_control_effect: float = spec(
        0.5,
        "share",
        "R12/R19 extortion target x (1 + e) of its initial level where cartels rule and x (1 - e) where the state does (assumption: rackets follow who governs).",
        plausible=(0.2, 0.8),
        ge=0,
        le=1,
    )
    # R13 integrity
    vetting_rate: float = spec(
        0.03,
        "per month",
        "R13 monthly integrity gain at vetting = 1, times the gap to 1 (assumption: years of vetting to clean up a force; 0 switches vetting off).",
        plausible=(0.01, 0.06),
        ge=0,
        le=1,
    )
    bribe_erosion: float = spec(
        0.02,
        "per month",
        "R13 monthly integrity loss under full cartel corruption reach (assumption).",
        plausible=(0.01, 0.04),
        ge=0,
        le=1,
    )
    # R14 programmes
    program_lag_months: float = spec(
        12.0,
        "months",
        "R14 time constant for programmes to raise opportunity (assumption: jobs and schooling take a year or more).",
        plausible=(6.0, 24.0),
        ge=1,
        le=120,
    )
    program_effect: float = spec(
        0.25,
        "index",
        "R14 opportunity gained per unit of community_programs above the status quo (assumption; evidence on programmes and violence is mixed, e.g. Berman, Shapiro & Felter 2011 vs Crost, Felter & Johnston 2014, hence a range from 0).",
        plausible=(0.0, 0.4),
        ge=0,
        le=1,
    )
    program_legitimacy_effect: float = spec(
        0.2,
        "legitimacy/lever unit",
        "R12/R14 rise of the legitimacy target per unit of community_programs above the status quo: services delivered show a present state (assumption, range from 0 as for program_effect). With program_effect it is the whole effect of community_programs: both at 0 switch it off.",
        plausible=(0.0, 0.4),
        ge=0,
        le=1,
    )
    investment_effect: float = spec(
        0.1,
        "index per $1B/yr",
        "R14 opportunity gained per $1B a year invested, in reclaimed regions (assumption; range from 0).",
        plausible=(0.0, 0.2),
        ge=0,
        le=1,
    )
    investment_legitimacy_effect: float = spec(
        0.04,
        "legitimacy per $1B/yr",
        "R12/R14 rise of the legitimacy target in reclaimed regions per $1B a year invested, up to investment_legitimacy_cap_usd_per_year (assumption, range from 0). With investment_effect it is the whole effect of investment_usd_per_year: both at 0 switch it off.",
        plausible=(0.0, 0.1),
        ge=0,
        le=1,
    )
    investment_legitimacy_cap_usd_per_year: float = spec(
        1e9,
        "USD/year",
        "R12/R14 investment beyond which visible services add no more legitimacy (assumption).",
        plausible=(0.5e9, 5e9),
        gt=0,
        le=1e11,
    )
    investment_full_share: float = spec(
        0.1,
        "share of population",
        "R14 share of the national population over which investment has its full effect per region; spread over more reclaimed population, each region gets proportionally less (assumption).",
        plausible=(0.05, 0.3),
        gt=0,
        le=1,
    )
    # R15 overdoses
    overdose_deaths_2024: float = spec(
        80_000.0,
        "deaths/year",
        "R15 US overdose deaths in 2024 (CDC/NCHS provisional: about 80k, down more than 20% from 2023; DEA NDTA 2025).",
        plausible=(75_000, 85_000),
        ge=0,
        le=1e7,
    )
    overdose_reference: str = spec(
        "2024-07",
        "YYYY-MM",
        "R15 month the overdose_deaths_2024 rate is centred on (CDC/NCHS: the 2024 calendar-year total, centred mid-year); the trend compounds from here.",
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
    )
    overdose_trend: float = spec(
        -0.05,
        "per year",
        "R15 exogenous yearly change after 2024 (assumption: the decline continues, slower than 2023-24's -27%).",
        plausible=(-0.2, 0.05),
        ge=-0.5,
        le=0.5,
    )
    supply_elasticity: float = spec(
        0.3,
        "-",
        "R15 elasticity of overdose deaths to the fentanyl consumed (R20's quantity) relative to the status quo (assumption).",
        plausible=(0.1, 1.0),
        ge=0,
        le=2,
    )
    treatment_effect: float = spec(
        0.25,
        "share",
        "R15 overdose deaths avoided at demand_reduction = 1 over the status quo, besides R20's lower demand (assumption; MOUD halves mortality among the treated, Larochelle et al. 2018). Zero, with demand_reduction_effect, switches demand_reduction off.",
        plausible=(0.1, 0.4),
        ge=0,
        le=1,
    )
    # R18 spillover
    upstream_effect: float = spec(
        0.25,
        "share",
        "R18 production lost at regional_cooperation = 1 (assumption); at most 0.5, as partner governments can double it and production must stay positive. Zero switches regional_cooperation off.",
        plausible=(0.05, 0.4),
        ge=0,
        le=0.5,
    )
    partner_cooperation_reference: float = spec(
        0.5,
        "index",
        "R18 partners' (Colombia, Guatemala) mean cooperation at which regional cooperation has its full upstream_effect; at twice this it has double (assumption).",
        plausible=(0.3, 0.7),
        gt=0,
        le=1,
    )
    # R20 drug market
    fentanyl_price_usd_per_kg: float = spec(
        60_000.0,
        "USD/kg",
        "R20 wholesale price cartels receive per kg (street weight) sold in the US at the status quo (assumption: DEA quoted $80,000 a kg of cut fentanyl wholesale in 2016 (New York Times); diluted kilograms sold for $9,000-18,000 in 2017 (Albuquerque Journal) and prices fell as Mexican production grew, while DEA NDTA 2025 reports lower purity and dearer pills; 60,000 keeps the 2026 baseline's cartel cash as calibrated).",
        plausible=(10_000, 100_000),
        gt=0,
        le=1e7,
    )
    demand_elasticity: float = spec(
        0.5,
        "-",
        "R20 price elasticity of US fentanyl demand, absolute value (Gallet 2014 meta-analysis of 462 estimates: illicit-drug demand is inelastic, more elastic for heroin and cocaine than cannabis and in the long run; OAS 2013: about -0.3 for heroin, -0.5 for cocaine; Australian Institute of Criminology 2024 review: about -0.9 on average).",
        plausible=(0.3, 0.9),
        gt=0,
        le=5,
    )
    supply_price_elasticity: float = spec(
        1.0,
        "-",
        "R20 short-run elasticity of traffickers' deliveries to price: loads held in stash houses on both sides of the border and spare lab capacity (fentanyl costs a few hundred dollars a kg to make) let suppliers sell more when the price rises (assumption; no published estimate). With demand_elasticity it sets how a supply loss splits between a higher price and a smaller quantity (Caulkins & Reuter 2010): at 1 and 0.5, a third of a loss shows in quantity, the rest in price.",
        plausible=(0.3, 2.0),
        ge=0,
        le=10,
    )
    replacement_ceiling: float = spec(
        0.7,
        "share",
        "R20 long-run share of a shortfall in the modelled cartels' supply that other producers, routes and precursor sources make up (assumption: the 1995 US methamphetamine precursor shock was undone within about 4 months, Dobkin & Nicosia 2009; fentanyl moved from Chinese to Mexican production after China's 2019 class-wide ban; but Australia's 2001 heroin shortage lasted years, Degenhardt et al. 2005).",
        plausible=(0.3, 0.95),
        ge=0,
        le=1,
    )
    replacement_rate: float = spec(
        0.2,
        "per month",
        "R20 monthly share of the gap between replacement supply and its target that is closed: about 3-month half-life (assumption; Dobkin & Nicosia 2009: about 4 months for methamphetamine).",
        plausible=(0.05, 0.4),
        ge=0,
        le=1,
    )
    demand_reduction_buildup_months: float = spec(
        12.0,
        "months",
        "R20/R15 time constant for treatment and prevention to reach the people they serve after demand_reduction changes: each month closes 1/N of the gap (assumption: treatment slots, prescribers and programmes take a year or more to scale; buprenorphine patients grew only slowly after the X-waiver was removed in 2023).",
        plausible=(3, 36),
        ge=1,
        le=240,
    )
    demand_reduction_effect: float = spec(
        0.3,
        "share",
        "R20 share of US fentanyl demand removed at demand_reduction = 1 over the status quo (assumption: methadone maintenance cuts heroin use by about a third among the treated, RR 0.66, Mattick et al. 2009; people with opioid use disorder buy most of the drug, and fewer than a quarter are treated). Zero, with treatment_effect, switches demand_reduction off.",
        plausible=(0.1, 0.5),
        ge=0,
        le=1,
    )
    # R19 territory
    deployment_months: float = spec(
        6.0,
        "months",
        "R19 time constant for added National Guard units to arrive in priority zones (assumption).",
        plausible=(3.0, 12.0),
        ge=1,
        le=60,
    )
    control_ratio: float = spec(
        1.5,
        "ratio",
        "R19 how many times stronger one side must be to control a region (assumption).",
        plausible=(1.2, 2.0),
        ge=1,
        le=10,
    )
    deployment_presence_effect: float = spec(
        1.0,
        "presence per deployment unit",
        "R19 state presence x (1 + e x deployment) / (1 + e x status-quo deployment): at 1, full deployment doubles presence against none (assumption; 0 switches the territorial channel of national_guard_deployment off without moving the status quo).",
        plausible=(0.5, 1.5),
        ge=0,
        le=10,
    )
    state_territory_drift: float = spec(
        0.02,
        "presence/month",
        "R19 presence every cartel loses a month in a state-held region (assumption: cartels are pushed out over years).",
        plausible=(0.005, 0.05),
        ge=0,
        le=1,
    )
    cartel_territory_drift: float = spec(
        0.01,
        "presence/month",
        "R19 presence every cartel present gains a month in a cartel-held region (assumption: slower than the state's push).",
        plausible=(0.003, 0.03),
        ge=0,
        le=1,
    )
    territory_floor: float = spec(
        0.01,
        "presence",
        "R19 lowest presence a cartel keeps where it is present: networks are not wiped out by drift alone (assumption).",
        plausible=(0.001, 0.05),
        gt=0,
        le=1,
    )
    lever_cost_usd_per_year: dict[
        str, Annotated[float, Field(ge=0, le=1e12), AfterValidator(not_tiny)]
    ] = spec(
        {
            "gun_tracing": 0.3e9,  # assumption: ATF expansion and southbound inspections
            "mexican_checkpoints": 0.3e9,  # assumption: scanners and forensic tracing
            "financial_ops": 0.2e9,  # assumption: FinCEN/UIF analysts and crypto tracing
            "smart_border": 1.5e9,  # assumption: tunnel detection, scanners, sensors
            "demand_reduction": 5.0e9,  # assumption: expanded treatment and prevention
            "vetting": 0.2e9,  # assumption: integrity testing and asset disclosure
            "judicial_reform": 0.6e9,  # assumption: courts, witness protection, prosecutors
            "community_programs": 4.0e9,  # assumption: jobs, education, treatment at full scale
            "national_guard_deployment": 2.0e9,  # assumption: added units in priority zones
            "fusion_cells": 0.2e9,  # assumption: joint fusion cells
            "embedded_advisers": 0.5e9,  # assumption: Plan Colombia's US aid was about $0.5-0.7B a year, mostly military (GAO-09-71)
            "regional_cooperation": 0.3e9,  # assumption: Colombia and Guatemala programmes
        },
        "USD/year at lever = 1",
        "Annual cost of each 0-1 lever at full setting (assumptions); aid and investment cost their face value.",
    )
    cost_per_strike_usd: float = spec(
        5e6, "USD", "Cost of one unilateral strike or raid incl. ISR (assumption).", ge=0, le=1e10
    )
    cost_per_raid_usd: float = spec(
        1e6, "USD", "Cost of one Mexican-led precision raid (assumption).", ge=0, le=1e10
    )
    state_presence: float = spec(
        0.91,
        "index",
        "R19 state presence per region at the status-quo deployment, with legitimacy and integrity at their national means of the start (calibration: about a third of regions cartel-controlled at the start; US NORTHCOM 2021 said 30-35%; the plausible range keeps 28-34% of states cartel-controlled at the start on the 2026 baseline).",
        plausible=(0.8, 1.05),
        ge=0,
        le=10,
    )
