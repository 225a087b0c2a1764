/**
 * Facility roll-up (model 2.0.0), as an accumulator: add() each equipment assessment as it is scored, then
 * finish(). Memory stays proportional to the facility's scores (numbers), never its equipment records.
 *   risk_score: the worst item in full, raised by every other significant item, with floors (facility-score.ts).
 *   compliance: 70B / 70E = share of equipment compliant; overall = their mean; status by MODEL thresholds, and
 *   never Compliant while a blocking finding stands (MODEL.facility.complianceBlockers).
 *   priority actions: risk reduction = facility score now − facility score with the action applied to every
 *   affected equipment (each re-scored with the factors the action fixes made neutral); actions that close a
 *   compliance finding are listed even when they lower no score.
 */
import type { Facility } from './inputs.js';
import { compareDays, compareIds } from './compare.js';
import { actionNames, complianceActions, type ActionName } from './equipment-actions.js';
import { riskLevelFor, type EquipmentAssessment } from './equipment-assessment.js';
import type { ExplainedFactor } from './equipment-explanation.js';
import { planActions, type PlanItem } from './action-plan.js';
import { FacilityAttribution } from './facility-attribution.js';
import { monthLabel } from './dates.js';
import { FORECAST_MONTHS } from './forecast.js';
import type { TaskStatus } from './maintenance-schedule.js';
import { equipmentListItem, formatLocation } from './equipment-read-model.js';
import { ScoreTally } from './facility-score.js';
import { MODEL, MODEL_VERSION } from './model-table.js';
import type {
  ComplianceStatus,
  FacilityCompliance,
  FacilityDetail,
  FacilityListItem,
  FacilityRisks,
  RiskLevel,
  TopThreat,
} from './read-models.js';
import { TopList } from './top-list.js';

const MAX_ACTION_IDS = 50;

const categoryText: Record<ExplainedFactor, string> = {
  asset_class: 'The inherent risk of the equipment classes installed (CNAIM failure curves, new and clean)',
  criticality: 'Consequence of failure: equipment criticality',
  medium_voltage: 'Consequence of failure: equipment above 1000 V',
  equipment_size: 'Consequence of failure: large equipment (switchgear, transformers, switchboards, MCCs)',
  age: 'Equipment near or past its expected service life',
  maintenance: 'NFPA 70B maintenance overdue',
  heat: 'Thermal anomalies found by infrared scans or inspection',
  corrosion: 'Rust and corrosion on equipment',
  moisture: 'Moisture in or on equipment',
  loose_parts: 'Loose parts or connections',
  physical_damage: 'Physical damage to equipment',
  failed_test: 'Failed tests not yet corrected',
  aluminum_conductors: 'Aluminium conductors and aluminium–copper transitions',
  loading: 'Equipment loaded at 75 % of its rating or more',
  humidity: 'Humid, coastal or corrosive location',
  environment: 'Harsh operating environment or operation beyond ratings',
  arc_flash: 'High or unknown arc-flash incident energy',
  arc_flash_label: 'Missing or incomplete arc-flash labels',
  arc_flash_study: 'Missing or outdated arc-flash studies',
};

export const actionText: Record<ActionName, { action: string; cost: 'Low' | 'Medium' | 'High' }> = {
  replace_equipment: { action: 'Plan replacement or refurbishment of equipment at the end of its expected life', cost: 'High' },
  correct_failed_tests: { action: 'Correct the deficiencies found by failed tests and re-test (NFPA 70B)', cost: 'Medium' },
  perform_overdue_maintenance: {
    action: 'Perform overdue NFPA 70B maintenance (infrared scans, inspections, electrical tests)',
    cost: 'Low',
  },
  repair_thermal_anomalies: { action: 'Repair connections with thermal anomalies and re-scan under load', cost: 'Medium' },
  remediate_corrosion: { action: 'Clean, treat and reseal corroded equipment; remove the moisture source', cost: 'Medium' },
  eliminate_moisture: { action: 'Find and stop the water ingress; dry out and test the equipment', cost: 'Medium' },
  secure_loose_parts: { action: 'Re-torque and secure loose parts and connections', cost: 'Low' },
  repair_physical_damage: { action: 'Repair or replace physically damaged parts and enclosures', cost: 'Medium' },
  retrofit_aluminum_terminations: { action: 'Retrofit aluminium terminations and Al–Cu transitions with rated connectors', cost: 'Medium' },
  relieve_loading: { action: 'Rebalance or relieve heavily loaded equipment', cost: 'Medium' },
  control_humidity: { action: 'Dehumidify electrical rooms or fit sealed enclosures', cost: 'Medium' },
  update_arc_flash_study: {
    action: 'Update the arc-flash study (NFPA 70E 130.5(G): at least every 5 years and after modifications)',
    cost: 'Medium',
  },
  label_arc_flash_hazard: { action: 'Install complete, correct arc-flash labels (NFPA 70E 130.5(H))', cost: 'Low' },
  reduce_incident_energy: {
    action: 'Reduce incident energy (faster protection settings, energy-reducing maintenance switching per NEC 240.87)',
    cost: 'High',
  },
};

interface CategoryTally {
  affected: number;
  severitySum: number;
}

interface ActionTally {
  /** Indices (in the score tally) of the affected equipment, and each one's score after the action. */
  indices: number[];
  after: number[];
  ids: string[];
  maxScore: number;
  /** Whether it lowers any item's score (a saturated facility score can hide that). */
  lowers: boolean;
}

interface Due {
  equipment_id: string;
  equipment_name: string;
  equipment_type: string;
  due_date: string | null;
  days_overdue: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (n: number, of: number) => (of ? round1((n / of) * 100) : 100);

export interface FacilityOutcome {
  listItem: FacilityListItem;
  /** Without historical_risk, which the store adds from earlier assessments. */
  detail: Omit<FacilityDetail, 'historical_risk'>;
  compliance: FacilityCompliance;
  /** Without historical_trend (likewise). */
  risks: Omit<FacilityRisks, 'historical_trend'>;
  meanEquipmentAge: number;
}

export class FacilityAccumulator {
  private readonly tally = new ScoreTally();
  /** The scores FORECAST_MONTHS ahead, if nothing is done. */
  private readonly ahead = FORECAST_MONTHS.map(() => new ScoreTally());
  private readonly levels: Record<RiskLevel, number> = { Low: 0, Medium: 0, High: 0, Critical: 0 };
  private readonly categories = new Map<ExplainedFactor, CategoryTally>();
  private readonly attribution = new FacilityAttribution();
  /** Items at Medium or worse, kept for the plan's re-scoring, and their ids. */
  private readonly planItems: PlanItem[] = [];
  private readonly planIds = new Map<number, string>();
  private readonly actions = new Map<ActionName, ActionTally>();
  private readonly topThreats = new TopList<Threat>(byScore, MODEL.facility.topThreats.value);
  private readonly highRisk = new TopList<HighRiskItem>(byRiskScore, MODEL.facility.highRiskItems.value);
  private readonly nextInspections = new TopList<Due>(byUrgency, MODEL.facility.nextDueItems.value);
  private readonly nextAssessments = new TopList<Omit<Due, 'days_overdue'>>(byDueDate, MODEL.facility.nextDueItems.value);
  private c70b = 0;
  private c70e = 0;
  private statusCounts = { up_to_date: 0, due_soon: 0, overdue: 0 };
  private labels = { present: 0, missing: 0 };
  private deEnergize = 0;
  /** Why the facility cannot be Compliant, whatever its percentages (the first finding of each kind). */
  private readonly blockers = new Set<string>();
  private ageSum = 0;
  private ageCount = 0;
  private conductors = { copper: 0, aluminum: 0 };
  private lastInspection: string | null = null;
  private lastArcFlash: string | null = null;
  private lastIr: string | null = null;
  /**
   * Reused probes holding only the fields the top lists compare: each equipment is tested against a list's
   * floor before its entry is built (most are not admitted once the list is full).
   */
  private readonly threatProbe: Threat = { score: 0, id: '', item: null };
  private readonly dueProbe: Due = { equipment_id: '', equipment_name: '', equipment_type: '', due_date: null, days_overdue: 0 };

  constructor(
    private readonly facility: Facility,
    private readonly asOf: number,
    private readonly lastUpdated: string,
  ) {}

  get equipmentCount(): number {
    return this.tally.scores.length;
  }

  add(a: EquipmentAssessment): void {
    const e = a.equipment;
    const index = this.tally.add(a.riskScore);
    for (let k = 0; k < this.ahead.length; k++) this.ahead[k]!.add(a.scoresAhead[k]!);
    this.levels[a.riskRating] += 1;
    if (a.ageYears !== null) {
      this.ageSum += a.ageYears;
      this.ageCount += 1;
    }
    if (e.conductor_material === 'copper') this.conductors.copper += 1;
    else if (e.conductor_material) this.conductors.aluminum += 1;

    this.attribution.add(a.riskScore, a.factors);
    if (a.riskScore >= MODEL.facility.breadthFromScore.value) {
      this.planItems.push({ index, inputs: a.inputs, parts: a.parts, actions: a.actions.map((x) => x.action) });
      this.planIds.set(index, e.id);
    }
    for (const f of a.factors) {
      if (f.factor === 'criticality' || f.score < MODEL.scoring.affectedFactorScore.value) continue;
      let t = this.categories.get(f.factor);
      if (!t) this.categories.set(f.factor, (t = { affected: 0, severitySum: 0 }));
      t.affected += 1;
      t.severitySum += f.score;
    }
    for (const act of a.actions) {
      let t = this.actions.get(act.action);
      if (!t) this.actions.set(act.action, (t = { indices: [], after: [], ids: [], maxScore: 0, lowers: false }));
      t.indices.push(index);
      t.after.push(act.scoreAfter);
      if (t.ids.length < MAX_ACTION_IDS) t.ids.push(e.id);
      t.maxScore = Math.max(t.maxScore, a.riskScore);
      if (act.scoreAfter < a.riskScore) t.lowers = true;
    }

    // Top threats: the list item is built only for equipment that can still make the list.
    const probe = this.threatProbe;
    probe.score = a.riskScore;
    probe.id = e.id;
    if (this.topThreats.admits(probe)) {
      const threat: Threat = { score: a.riskScore, id: e.id, item: null };
      const item = equipmentListItem(a, this.lastUpdated);
      threat.item = {
        id: item.id,
        name: item.name,
        type: item.type,
        location: item.location,
        install_date: item.install_date,
        condition: item.condition,
        risk_rating: item.risk_rating,
        temperature: item.temperature,
        rust_level: item.rust_level,
        last_service: item.last_service,
        photo_url: item.photo_url,
        intervention_count: item.intervention_count,
        conductor_material: item.conductor_material,
        corrosion_level: item.corrosion_level,
      };
      this.topThreats.add(threat);
    }
    if (a.riskRating === 'High' || a.riskRating === 'Critical') {
      const risk: HighRiskItem = {
        equipment_id: e.id,
        equipment_name: e.name,
        equipment_type: e.type,
        risk_level: a.riskRating,
        risk_score: a.riskScore,
        primary_risk_factor: a.primaryRiskFactor,
        location: '',
      };
      if (this.highRisk.admits(risk)) {
        risk.location = formatLocation(e);
        this.highRisk.add(risk);
      }
    }

    // NFPA 70B
    if (a.nfpa70b.compliant) this.c70b += 1;
    this.statusCounts[a.nfpa70b.maintenance_status] += 1;
    // Every task counts for the blocking finding, not only the most urgent one.
    const b = MODEL.facility.complianceBlockers.value;
    if (
      !this.blockers.has('task_overdue') &&
      a.tasks.some((t) => t.days_overdue > b.taskOverdueDays || (t.status === 'overdue' && t.next_due === null))
    )
      this.blockers.add('task_overdue');
    if (b.physicalCondition3 && a.condition.physical === 3) this.blockers.add('condition_3');
    if (b.arcFlashStudyNotCurrent && a.nfpa70e.study !== 'current') this.blockers.add('arc_flash_study');
    if (b.labelMissing && a.nfpa70e.label === 'missing') this.blockers.add('label_missing');
    if (b.criticalItem && a.riskRating === 'Critical') this.blockers.add('critical_item');
    // Most urgent: the first task in that order (what a stable sort would put first).
    let urgent = a.tasks[0];
    for (let i = 1; i < a.tasks.length; i++) if (byTaskUrgency(a.tasks[i]!, urgent!) < 0) urgent = a.tasks[i];
    if (urgent) {
      const due = this.dueProbe;
      due.equipment_id = e.id;
      due.due_date = urgent.next_due;
      due.days_overdue = urgent.days_overdue;
      if (this.nextInspections.admits(due))
        this.nextInspections.add({
          equipment_id: e.id,
          equipment_name: e.name,
          equipment_type: e.type,
          due_date: urgent.next_due,
          days_overdue: urgent.days_overdue,
        });
    }
    this.lastInspection = maxDate(this.lastInspection, a.nfpa70b.last_inspection);
    for (const r of e.maintenance_records)
      if (r.task === 'infrared_thermography' && r.result !== 'deferred') this.lastIr = maxDate(this.lastIr, r.date.slice(0, 10));

    // NFPA 70E
    if (a.nfpa70e.compliant) this.c70e += 1;
    if (a.nfpa70e.arc_flash_label_present) this.labels.present += 1;
    else this.labels.missing += 1;
    if (a.nfpa70e.de_energize_required) this.deEnergize += 1;
    this.lastArcFlash = maxDate(this.lastArcFlash, a.nfpa70e.last_assessment);
    const assessment = this.dueProbe;
    assessment.equipment_id = e.id;
    assessment.due_date = a.nfpa70e.next_assessment_due;
    if (this.nextAssessments.admits(assessment))
      this.nextAssessments.add({
        equipment_id: e.id,
        equipment_name: e.name,
        equipment_type: e.type,
        due_date: a.nfpa70e.next_assessment_due,
      });
  }

  finish(): FacilityOutcome {
    const n = this.tally.scores.length;
    const score = this.tally.scoreOf();
    const summary = this.complianceSummary(n);
    const status = this.complianceStatus(summary.overall_compliance);
    const meanAge = this.ageCount ? round1(this.ageSum / this.ageCount) : 0;
    const riskCategories = this.riskCategories(n, score);
    const listItem = this.listItem(score, status, n);
    return {
      listItem,
      detail: this.detail(listItem, riskCategories, meanAge, n),
      compliance: this.compliance(summary, status, n),
      risks: this.risks(score, riskCategories, this.recommendation(score), this.forecastTrend(n, meanAge)),
      meanEquipmentAge: meanAge,
    };
  }

  /** The facility score FORECAST_MONTHS ahead if nothing is done, as trend points. */
  private forecastTrend(n: number, meanAge: number): FacilityRisks['forecast_trend'] {
    const at = new Date(this.asOf);
    return FORECAST_MONTHS.map((months, k) => ({
      month: monthLabel(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1))),
      risk_score: this.ahead[k]!.scoreOf(),
      equipment_count: n,
      equipment_age: round1(meanAge + months / 12),
      model_version: MODEL_VERSION,
      reconstructed: false,
    }));
  }

  /** 70B and 70E: the share of equipment compliant with each; overall, their mean. */
  private complianceSummary(n: number): FacilityCompliance['compliance_summary'] {
    const p70b = pct(this.c70b, n);
    const p70e = pct(this.c70e, n);
    return { overall_compliance: round1((p70b + p70e) / 2), nfpa_70b_compliance: p70b, nfpa_70e_compliance: p70e };
  }

  /** The status by MODEL thresholds, never Compliant while a blocking finding stands. */
  private complianceStatus(overall: number): ComplianceStatus {
    const thresholds = MODEL.facility.complianceStatus.value;
    return overall >= thresholds.compliant && this.blockers.size === 0
      ? 'Compliant'
      : overall >= thresholds.warning
        ? 'Warning'
        : 'Out of Compliance';
  }

  /**
   * Every category that accounts for points of the facility score or affects equipment (a factor of severity
   * ≥ 25), largest contribution first (then by name): the contributions add up to the facility score.
   */
  private riskCategories(n: number, score: number): FacilityRisks['risk_categories'] {
    const contribution = new Map(this.attribution.finish(score).map((s) => [s.factor as ExplainedFactor, s.contribution]));
    const names = [...new Set([...contribution.keys(), ...this.categories.keys()])].filter(
      (name) => (contribution.get(name) ?? 0) !== 0 || this.categories.has(name),
    );
    return names
      .map((name) => {
        const t = this.categories.get(name);
        return {
          category: name,
          score: t ? round1(t.severitySum / t.affected) : 0,
          description: categoryText[name],
          affected_equipment_count: t?.affected ?? 0,
          percentage_of_facility: pct(t?.affected ?? 0, n),
          contribution: contribution.get(name) ?? 0,
        };
      })
      .sort((a, b) => b.contribution - a.contribution || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  }

  /** The priority actions, and the plan built from those that lower the score. */
  private recommendation(score: number): FacilityRisks['risk_recommendation'] {
    const priority = this.priorityActions(score);
    // Every action that applies: one that lowers no item alone can still lower one with the others (an item's score
    // capped at 100 hides each single fix).
    const candidates = actionNames
      .filter((name) => this.actions.has(name))
      .map((name) => ({ name, cost: actionText[name].cost, text: actionText[name].action }));
    const plan = planActions(this.tally, this.planItems, candidates, (i) => this.planIds.get(i) ?? `item ${i}`);
    return { priority_actions: priority, plan };
  }

  /**
   * Each action that lowers the facility score (or closes a compliance finding), largest risk reduction first:
   * the facility score now minus the score with the action applied to every affected equipment.
   */
  private priorityActions(score: number): FacilityRisks['risk_recommendation']['priority_actions'] {
    return (
      actionNames
        .filter((name) => this.actions.has(name))
        .map((name) => {
          const t = this.actions.get(name)!;
          const m = t.maxScore;
          const [immediate, high, medium] = MODEL.facility.urgencyBands.value;
          return {
            id: name,
            action: actionText[name].action,
            affected_equipment: t.ids,
            risk_reduction: round1(score - this.tally.scoreOf(t.indices, t.after)),
            estimated_cost: actionText[name].cost,
            urgency:
              m >= immediate
                ? ('Immediate' as const)
                : m >= high
                  ? ('High' as const)
                  : m >= medium
                    ? ('Medium' as const)
                    : ('Low' as const),
          };
        })
        // A facility score at its cap can hide an action's effect: one that lowers any item is listed too.
        .filter((a) => a.risk_reduction > 0 || complianceActions.has(a.id) || this.actions.get(a.id)!.lowers)
        .sort((a, b) => b.risk_reduction - a.risk_reduction || a.action.localeCompare(b.action))
    );
  }

  private listItem(score: number, status: ComplianceStatus, n: number): FacilityListItem {
    const f = this.facility;
    return {
      id: f.id,
      name: f.name,
      location: `${f.address.street}, ${f.address.city}, ${f.address.state} ${f.address.postal_code}`,
      coordinates: f.coordinates,
      risk_score: score,
      compliance_status: status,
      last_inspection: this.lastInspection,
      contractor: f.contractor,
      equipment_count: n,
      critical_equipment_count: this.levels.Critical,
      high_risk_equipment_count: this.levels.High,
      risk_distribution: { low: this.levels.Low, medium: this.levels.Medium, high: this.levels.High, critical: this.levels.Critical },
      last_updated: this.lastUpdated,
    };
  }

  private detail(
    listItem: FacilityListItem,
    riskCategories: FacilityRisks['risk_categories'],
    meanAge: number,
    n: number,
  ): FacilityOutcome['detail'] {
    const f = this.facility;
    return {
      ...listItem,
      last_arc_flash_analysis: this.lastArcFlash,
      last_infrared_scan: this.lastIr,
      system_age: `${Math.round(meanAge)} years`,
      facility_age: f.building_year === null ? null : new Date(this.asOf).getUTCFullYear() - f.building_year,
      average_equipment_risk: n ? Math.round((this.tally.scores.reduce((s, x) => s + x, 0) / n / 100) * 1000) / 1000 : 0,
      humidity_risk: humidityRisk(f.environment),
      conductor_type_breakdown: this.conductors,
      // Every category, so that the facility's factors add up to its score as its categories do.
      risk_factors: riskCategories.map((c) => ({
        factor: c.category,
        score: c.score,
        description: c.affected_equipment_count
          ? `${c.description}: ${c.affected_equipment_count} of ${n} equipment (${c.percentage_of_facility} %)`
          : c.description,
        contribution: c.contribution,
      })),
      top_threats: this.topThreats.result().map((t) => t.item!),
    };
  }

  private compliance(summary: FacilityCompliance['compliance_summary'], status: ComplianceStatus, n: number): FacilityCompliance {
    const f = this.facility;
    return {
      facility_id: f.id,
      facility_name: f.name,
      compliance_summary: summary,
      compliance_status: status,
      nfpa_70b: {
        compliance_percentage: summary.nfpa_70b_compliance,
        equipment_counts: { total: n, compliant: this.c70b, non_compliant: n - this.c70b },
        inspection_status: this.statusCounts,
        next_inspections_due: this.nextInspections.result(),
      },
      nfpa_70e: {
        compliance_percentage: summary.nfpa_70e_compliance,
        equipment_counts: { total: n, compliant: this.c70e, non_compliant: n - this.c70e },
        arc_flash_label_status: this.labels,
        de_energize_required: this.deEnergize,
        next_assessments_due: this.nextAssessments.result(),
      },
      last_updated: this.lastUpdated,
    };
  }

  private risks(
    score: number,
    riskCategories: FacilityRisks['risk_categories'],
    recommendation: FacilityRisks['risk_recommendation'],
    forecastTrend: FacilityRisks['forecast_trend'],
  ): FacilityOutcome['risks'] {
    const f = this.facility;
    return {
      facility_id: f.id,
      facility_name: f.name,
      risk_summary: {
        risk_score: score,
        risk_level: riskLevelFor(score),
        critical_risk_equipment_count: this.levels.Critical,
        high_risk_equipment_count: this.levels.High,
        medium_risk_equipment_count: this.levels.Medium,
        low_risk_equipment_count: this.levels.Low,
      },
      risk_categories: riskCategories,
      forecast_trend: forecastTrend,
      high_risk_items: this.highRisk.result(),
      risk_recommendation: recommendation,
      last_updated: this.lastUpdated,
    };
  }
}

/** High when humid, or medium and coastal or corrosive; Medium when any one of them; else Low. */
function humidityRisk(env: Facility['environment']): FacilityDetail['humidity_risk'] {
  return env.humidity === 'high' || (env.humidity === 'medium' && (env.coastal || env.corrosive_atmosphere))
    ? 'High'
    : env.humidity === 'medium' || env.coastal || env.corrosive_atmosphere
      ? 'Medium'
      : 'Low';
}

/** A top-threat candidate; `item` is filled in only once it is admitted to the list. */
interface Threat {
  score: number;
  id: string;
  item: TopThreat | null;
}
type HighRiskItem = FacilityRisks['high_risk_items'][number];

function byScore(a: Threat, b: Threat): number {
  return b.score - a.score || compareIds(a.id, b.id);
}
function byRiskScore(x: HighRiskItem, y: HighRiskItem): number {
  return y.risk_score - x.risk_score || compareIds(x.equipment_id, y.equipment_id);
}
/** Overdue with no known due date first, then most days overdue, then soonest due. */
function byTaskUrgency(x: TaskStatus, y: TaskStatus): number {
  return (
    (x.next_due === null ? 0 : 1) - (y.next_due === null ? 0 : 1) ||
    y.days_overdue - x.days_overdue ||
    compareDays(x.next_due ?? '', y.next_due ?? '')
  );
}
/** Most overdue first; then the soonest due; unknown due dates (never done) count as most urgent. */
function byUrgency(a: Due, b: Due): number {
  if (a.due_date === null || b.due_date === null)
    return (a.due_date === null ? 0 : 1) - (b.due_date === null ? 0 : 1) || compareIds(a.equipment_id, b.equipment_id);
  return b.days_overdue - a.days_overdue || compareDays(a.due_date, b.due_date) || compareIds(a.equipment_id, b.equipment_id);
}
function byDueDate(a: { due_date: string | null; equipment_id: string }, b: { due_date: string | null; equipment_id: string }): number {
  if (a.due_date === b.due_date) return compareIds(a.equipment_id, b.equipment_id);
  if (a.due_date === null) return -1;
  if (b.due_date === null) return 1;
  return compareDays(a.due_date, b.due_date);
}
function maxDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
