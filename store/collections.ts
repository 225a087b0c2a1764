/**
 * MongoDB collections and their indexes. Only what FerretDB 1.24 and MongoDB 7 both support is used: single
 * collection CRUD, upserts, bulk writes per collection, sorts on indexed fields, `$in`/`$nin`/`$ne`. No
 * transactions, TTL, change streams, $lookup/$facet, or $group beyond $sum/$count (docs/local-services.md, "MongoDB features").
 */
import type { Collection, Db } from 'mongodb';
import type { AuditBucketStoredDoc, AuditHourDoc } from './audit-entry.js';
import type { PortfolioRunRecord } from './portfolio-run-record.js';
import type { PortfolioSummaryDoc } from './documents.js';
import type { ActiveAssessmentDoc, AssessmentRecord, AssessmentStartDoc } from './assessment-record.js';
import type { FeedHeadDoc, FeedRowDoc } from './feed.js';
import type {
  EquipmentListChunkDoc,
  EquipmentLocatorDoc,
  EquipmentDetailChunkDoc,
  FacilityResultDoc,
  IdempotencyKeyDoc,
  SnapshotChunkDoc,
  SnapshotDoc,
} from './documents.js';
import type { WebhookDeliveryDoc, WebhookDirectoryDoc, WebhookEventDoc, WebhookSubscriptionDoc } from './webhook-documents.js';

export interface Collections {
  assessments: Collection<AssessmentRecord>;
  activeAssessments: Collection<ActiveAssessmentDoc>;
  assessmentStarts: Collection<AssessmentStartDoc>;
  feedHeads: Collection<FeedHeadDoc>;
  feedRows: Collection<FeedRowDoc>;
  snapshots: Collection<SnapshotDoc>;
  snapshotChunks: Collection<SnapshotChunkDoc>;
  facilityResults: Collection<FacilityResultDoc>;
  equipmentResults: Collection<EquipmentDetailChunkDoc>;
  equipmentLists: Collection<EquipmentListChunkDoc>;
  equipmentLocators: Collection<EquipmentLocatorDoc>;
  idempotencyKeys: Collection<IdempotencyKeyDoc>;
  auditBuckets: Collection<AuditBucketStoredDoc>;
  auditHours: Collection<AuditHourDoc>;
  portfolioRuns: Collection<PortfolioRunRecord>;
  portfolioSummaries: Collection<PortfolioSummaryDoc>;
  webhookSubscriptions: Collection<WebhookSubscriptionDoc>;
  webhookEvents: Collection<WebhookEventDoc>;
  webhookDeliveries: Collection<WebhookDeliveryDoc>;
  webhookDirectory: Collection<WebhookDirectoryDoc>;
}

export function collections(db: Db): Collections {
  return {
    assessments: db.collection<AssessmentRecord>('assessments'),
    activeAssessments: db.collection<ActiveAssessmentDoc>('active_assessments'),
    assessmentStarts: db.collection<AssessmentStartDoc>('assessment_starts'),
    feedHeads: db.collection<FeedHeadDoc>('feed_heads'),
    feedRows: db.collection<FeedRowDoc>('feed_rows'),
    snapshots: db.collection<SnapshotDoc>('snapshots'),
    snapshotChunks: db.collection<SnapshotChunkDoc>('snapshot_chunks'),
    facilityResults: db.collection<FacilityResultDoc>('facility_results'),
    equipmentResults: db.collection<EquipmentDetailChunkDoc>('equipment_results'),
    equipmentLists: db.collection<EquipmentListChunkDoc>('equipment_lists'),
    equipmentLocators: db.collection<EquipmentLocatorDoc>('equipment_locators'),
    idempotencyKeys: db.collection<IdempotencyKeyDoc>('idempotency_keys'),
    auditBuckets: db.collection<AuditBucketStoredDoc>('audit_buckets'),
    auditHours: db.collection<AuditHourDoc>('audit_hours'),
    portfolioRuns: db.collection<PortfolioRunRecord>('portfolio_runs'),
    portfolioSummaries: db.collection<PortfolioSummaryDoc>('portfolio_summaries'),
    webhookSubscriptions: db.collection<WebhookSubscriptionDoc>('webhook_subscriptions'),
    webhookEvents: db.collection<WebhookEventDoc>('webhook_events'),
    webhookDeliveries: db.collection<WebhookDeliveryDoc>('webhook_deliveries'),
    webhookDirectory: db.collection<WebhookDirectoryDoc>('webhook_directory'),
  };
}

/**
 * Nearly every query reads by `_id` (the lists are feeds, store/feed.ts; the facility listings an in-memory
 * directory, results/facility-directory.ts), so few secondary indexes remain — each costs every write.
 * Every query the code runs has an index here (test/integration/query-indexes.test.ts records them all and checks);
 * created idempotently at start by workers and the API.
 */
export async function ensureIndexes(c: Collections): Promise<void> {
  await Promise.all([
    c.idempotencyKeys.createIndex({ created_at: 1 }, { name: 'by_age' }),
    // Audit buckets and their hours are read and deleted by `_id` only (store/audit-store.ts).
    // Webhook subscriptions and deliveries are read by `_id` only (store/webhook-lists.ts): no secondary index.
  ]);
}
