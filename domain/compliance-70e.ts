/**
 * NFPA 70E arc-flash compliance of one equipment: a current arc-flash study (≤ 5 years, not predating a recorded
 * modification), a label with every required field (130.5(H): nominal voltage, arc-flash boundary, and incident
 * energy with working distance or a PPE category), and a PPE category consistent with the incident energy.
 */
import type { Equipment } from './inputs.js';
import { addMonths, parseDay } from './dates.js';
import { MODEL } from './model-table.js';

export interface Equipment70E {
  compliant: boolean;
  compliance_percentage: number;
  arc_flash_label_present: boolean;
  /** "Category 2", or "No PPE category — de-energize" above 40 cal/cm², or null when unknown. */
  ppe_requirements: string | null;
  /** From the label, or from the study's label data when no label is posted; null when unknown. */
  incident_energy: number | null;
  last_assessment: string | null;
  next_assessment_due: string | null;
  /** Above 40 cal/cm²: no PPE category applies; flagged for attention. */
  de_energize_required: boolean;
  findings: string[];
  /** For the risk model: the state of the study and the label, and the energy the study gives even unlabeled. */
  study: 'current' | 'missing' | 'expired' | 'predates_modification';
  label: 'complete' | 'missing' | 'incomplete';
  ppeUnderstated: boolean;
  /** The label's PPE category (1–4), or null. */
  labelPpeCategory: number | null;
}

/** The PPE category an incident energy calls for (1–4), or null above 40 cal/cm². */
export function requiredPpeCategory(incidentEnergy: number): 1 | 2 | 3 | 4 | null {
  const limits = MODEL.arcFlash.ppeCategoryMaxEnergy.value;
  for (let i = 0; i < limits.length; i++) if (incidentEnergy <= limits[i]!) return (i + 1) as 1 | 2 | 3 | 4;
  return null;
}

const DE_ENERGIZE = 'No PPE category — de-energize';
/** "Category 2": the four categories' texts are built once. */
const CATEGORY_TEXT = ['Category 0', 'Category 1', 'Category 2', 'Category 3', 'Category 4'];
const categoryText = (category: number): string => CATEGORY_TEXT[category] ?? `Category ${category}`;

/**
 * Six checks, always all counted (so removing a label, or an energy crossing 40 cal/cm², can never raise the
 * percentage): study on record; study current; study not predating a modification; label present; label
 * complete; PPE category consistent with the incident energy. A check that cannot be verified fails.
 */
export function complianceFor70E(e: Equipment, asOf: number): Equipment70E {
  const af = e.arc_flash;
  const findings: string[] = [];
  const maxAge = MODEL.arcFlash.studyMaxAgeYears.value;
  // Each check adds to `passed` or states its finding; a finding's text is built only when its check fails.
  let passed = 0;
  const CHECKS = 6;

  const study = af?.study_date?.slice(0, 10) ?? null;
  const modified = af?.last_modification_date?.slice(0, 10) ?? null;
  const studyDue = study ? addMonths(study, maxAge * 12) : null;
  const studyDueMs = studyDue === null ? NaN : parseDay(studyDue);
  if (study !== null) passed += 1;
  else findings.push('No arc-flash risk assessment on record');
  if (study !== null && studyDueMs >= asOf) passed += 1;
  else if (study) findings.push(`Arc-flash study of ${study} is older than ${maxAge} years (NFPA 70E 130.5(G))`);
  if (study !== null && (modified === null || modified <= study)) passed += 1;
  else if (study && modified) findings.push(`Equipment modified on ${modified}, after its arc-flash study of ${study}`);

  const label = af?.label_present ? af.label : null;
  // A study whose label was never posted still tells the energy (label data with label_present false).
  const studyLabel = af?.label ?? null;
  if (label !== null) passed += 1;
  else findings.push('No arc-flash label (NFPA 70E 130.5(H))');
  const ie = label?.incident_energy_cal_cm2 ?? null;
  // PPE category 0 was removed from NFPA 70E in 2015: it counts as no category.
  const labelPpe = label?.ppe_category ? label.ppe_category : null;
  let ppe: string | null = null;
  let deEnergize = false;
  let labelComplete = false;
  let ppeUnderstated = false;
  if (label) {
    const missing: string[] = [];
    if (!label.nominal_voltage) missing.push('nominal voltage');
    if (label.arc_flash_boundary_in === null) missing.push('arc-flash boundary');
    const hasEnergy = label.incident_energy_cal_cm2 !== null && label.working_distance_in !== null;
    if (!hasEnergy && labelPpe === null) missing.push('incident energy with working distance, or PPE category');
    const both = MODEL.arcFlash.labelOneMethodOnly.value && label.incident_energy_cal_cm2 !== null && labelPpe !== null;
    labelComplete = missing.length === 0 && !both;
    if (labelComplete) passed += 1;
    else
      findings.push(
        missing.length
          ? `Arc-flash label lacks ${missing.join(', ')}`
          : 'Arc-flash label shows both incident energy and a PPE category (NFPA 70E 130.5(H): one method, not both)',
      );

    if (ie !== null) {
      const required = requiredPpeCategory(ie);
      if (required === null) {
        deEnergize = true;
        findings.push(
          `Incident energy ${ie} cal/cm² exceeds ${MODEL.arcFlash.noCategoryAbove.value} cal/cm²: no PPE category — de-energize`,
        );
        ppeUnderstated = labelPpe !== null;
        if (!ppeUnderstated) passed += 1;
        else findings.push(`Label shows PPE category ${labelPpe} for ${ie} cal/cm², where no category applies`);
        ppe = DE_ENERGIZE;
      } else {
        // A higher category than required is conservative; a lower one under-protects.
        ppeUnderstated = labelPpe !== null && labelPpe < required;
        if (!ppeUnderstated) passed += 1;
        else findings.push(`Label PPE category ${labelPpe} is below category ${required} required for ${ie} cal/cm²`);
        ppe = categoryText(Math.max(required, labelPpe ?? 0));
      }
    } else {
      passed += 1; // nothing to be inconsistent with: the label's category stands
      ppe = labelPpe === null ? null : categoryText(labelPpe);
    }
  } else {
    // No label: neither its completeness nor its PPE category can be verified (two failed checks, no finding).
    const studyIe = studyLabel?.incident_energy_cal_cm2 ?? null;
    if (studyIe !== null) {
      const required = requiredPpeCategory(studyIe);
      if (required === null) {
        deEnergize = true;
        findings.push(
          `Incident energy ${studyIe} cal/cm² (study, not labeled) exceeds ${MODEL.arcFlash.noCategoryAbove.value} cal/cm²: no PPE category — de-energize`,
        );
        ppe = DE_ENERGIZE;
      } else ppe = categoryText(required);
    }
  }

  const knownIe = ie ?? (label === null ? (studyLabel?.incident_energy_cal_cm2 ?? null) : null);
  return {
    compliant: passed === CHECKS,
    compliance_percentage: Math.round((passed / CHECKS) * 1000) / 10,
    arc_flash_label_present: label !== null,
    ppe_requirements: ppe,
    incident_energy: knownIe,
    last_assessment: study,
    // Due now when missing or invalidated by a modification; else 5 years after the study.
    next_assessment_due: study && (modified === null || modified <= study) ? studyDue : null,
    de_energize_required: deEnergize,
    findings,
    study:
      study === null
        ? 'missing'
        : studyDueMs < asOf
          ? 'expired'
          : modified !== null && modified > study
            ? 'predates_modification'
            : 'current',
    label: label === null ? 'missing' : labelComplete ? 'complete' : 'incomplete',
    ppeUnderstated,
    labelPpeCategory: labelPpe,
  };
}
