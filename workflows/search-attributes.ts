import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Typed search attribute keys, shared by workflows and clients. Their names and types are declared in
 * temporal.config.yaml and registered with the server at start; operators search runs by them in the UI.
 */
export const FacilityIdKey = defineSearchAttributeKey('FacilityId', 'KEYWORD');
export const AssessmentIdKey = defineSearchAttributeKey('AssessmentId', 'KEYWORD');
export const PortfolioRunIdKey = defineSearchAttributeKey('PortfolioRunId', 'KEYWORD');
export const TriggerKey = defineSearchAttributeKey('Trigger', 'KEYWORD');
export const RiskLevelKey = defineSearchAttributeKey('RiskLevel', 'KEYWORD');
export const ModelVersionKey = defineSearchAttributeKey('ModelVersion', 'KEYWORD');
