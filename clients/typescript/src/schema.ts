/**
 * Generated from GET /v1/openapi.json by openapi-typescript (scripts/client-schema.ts): do not edit.
 * Regenerate with `npm run client:generate` against a running API (npm start).
 */
export interface paths {
    "/v1/assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Assessments of facilities the caller may see, newest first
         * @description Statuses are as recorded; GET /v1/assessments/{id} also reconciles an in-flight record with Temporal.
         */
        get: operations["listAssessments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assessments/{assessment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Poll an assessment: status, progress, timings, result links */
        get: operations["getAssessment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assessments/{assessment_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a queued or running assessment
         * @description Asks the workflow to cancel; poll the assessment until it reads `cancelled`. The last good result stays. Role: assessor or admin.
         */
        post: operations["cancelAssessment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/equipment/{equipment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One equipment: specifications, photos, risk assessment, service history, 70B/70E compliance */
        get: operations["getEquipment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/facilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Assessed facilities the caller may see, paginated, sorted and searchable
         * @description Only facilities with a completed assessment are listed; `total` counts only what the caller may see.
         */
        get: operations["listFacilities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/facilities/{facility_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A facility with its risk score, compliance status, history and top threats */
        get: operations["getFacility"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/facilities/{facility_id}/assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start (or join) a facility risk assessment
         * @description Starts a durable assessment workflow for the facility and answers 202 with the assessment and a Location to poll. While one runs for the facility, further requests join it and get the same assessment id. Role: assessor or admin.
         */
        post: operations["startFacilityAssessment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/facilities/{facility_id}/compliance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** NFPA 70B maintenance and NFPA 70E arc-flash compliance of a facility */
        get: operations["getFacilityCompliance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/facilities/{facility_id}/equipment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A facility's equipment from its latest assessment, filtered, sorted and paginated
         * @description `sort=risk_rating` orders by risk score.
         */
        get: operations["listFacilityEquipment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/facilities/{facility_id}/risks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The facility's latest completed risk assessment
         * @description Risk summary, categories, 12-month trend, high-risk items and priority actions. Served from the in-process or Redis cache when possible (`X-Cache: hit-l1 | hit-l2 | miss`), with an ETag (send it back in If-None-Match for a 304). Before any assessment has completed for the facility: 404 with code NO_ASSESSMENT_YET (start one with POST .../assessments).
         */
        get: operations["getFacilityRisks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/facilities/{facility_id}/what-if": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The facility re-scored with actions applied (nothing is written)
         * @description Re-scores the facility's latest completed assessment (same Condoit snapshot, same as-of) with the actions applied: an action `id` applies to every equipment it applies to, `kind` + `equipment_ids` to the chosen equipment. Each action makes neutral the factors it fixes, as the priority actions are scored. No assessment is created; with no actions the answer is the stored assessment. Compliance is not re-derived. Any role with access to the facility.
         */
        post: operations["facilityWhatIf"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/photos/{photo_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An equipment photo (proxied from Condoit) */
        get: operations["getPhoto"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/photos/{photo_id}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An equipment photo's thumbnail (proxied from Condoit) */
        get: operations["getPhotoThumbnail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolio/assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a full-portfolio reassessment (admin)
         * @description Reassesses every facility whose Condoit data changed since its last assessment, or all of them with `force: true`. Poll the returned Location.
         */
        post: operations["startPortfolioAssessment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolio/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The portfolio reassessment schedule (admin) */
        get: operations["getPortfolioSchedule"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolio/schedule/backfill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the actions a time range would have run (admin) */
        post: operations["backfillPortfolioSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolio/schedule/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause the schedule (admin) */
        post: operations["pausePortfolioSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolio/schedule/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume the schedule (admin) */
        post: operations["resumePortfolioSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolio/schedule/trigger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the scheduled reassessment now (admin) */
        post: operations["triggerPortfolioSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolio/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Risk and compliance across every assessed facility the caller may see
         * @description Compliance percentages are equipment-weighted; trends merge the facilities’ monthly history.
         */
        get: operations["getPortfolioSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook subscriptions, newest first (admin) */
        get: operations["listWebhookSubscriptions"];
        put?: never;
        /**
         * Subscribe a URL to events (admin)
         * @description Deliveries are POSTs signed with HMAC-SHA256 (docs/webhooks.md has the verification recipe). The response carries the signing secret: it is never shown again.
         */
        post: operations["createWebhookSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/subscriptions/{subscription_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook subscription (admin) */
        get: operations["getWebhookSubscription"];
        put?: never;
        post?: never;
        /** Delete a webhook subscription (admin) */
        delete: operations["deleteWebhookSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/subscriptions/{subscription_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A subscription's deliveries, newest first (admin)
         * @description Filter with `status=dead_lettered` for the deliveries whose every attempt failed.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/subscriptions/{subscription_id}/deliveries/{delivery_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a dead-lettered delivery again (admin)
         * @description Queues it at the end of the subscription's queue (after what is already waiting), with a fresh set of attempts. Poll the delivery list for its status.
         */
        post: operations["redeliverWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/subscriptions/{subscription_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the signing secret (admin)
         * @description Returns the new secret once. For 24 hours deliveries carry two `v1=` signatures (new and old secret), so receivers can switch without refusing events.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Assessment: {
            assessment_id: string;
            completed_at: string | null;
            duration_ms: number | null;
            error: {
                code: string;
                message: string;
            } | null;
            facility_id: string;
            /** @enum {string} */
            kind: "facility";
            links: {
                risks: string | null;
                self: string;
            };
            model_version: string | null;
            progress: {
                percent: number;
                /** @enum {string} */
                phase: "queued" | "fetching" | "scoring" | "caching" | "done";
            };
            requested_at: string;
            requested_by: string;
            result: {
                data_quality_issue_count: number;
                equipment_count: number;
                risk_level: string;
                risk_score: number;
            } | null;
            snapshot_hash: string | null;
            started_at: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed" | "cancelled";
            /** @description Find this run in the Temporal UI by its workflow id. */
            temporal: {
                run_id: string;
                workflow_id: string;
            };
            /** @enum {string} */
            trigger: "api" | "manual" | "schedule";
        };
        Error: {
            error: {
                /** @enum {string} */
                code: "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "RESOURCE_NOT_FOUND" | "ASSESSMENT_NOT_FOUND" | "NO_ASSESSMENT_YET" | "ROUTE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "HEADERS_TOO_LARGE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "UPSTREAM_ERROR" | "SERVICE_UNAVAILABLE";
                details: string | null;
                message: string;
                request_id: string;
            };
        };
        NewWebhookSubscription: {
            /** @description For the humans who manage subscriptions. */
            description?: string;
            /** @description The events to receive (duplicates are ignored). */
            events: ("assessment.completed" | "assessment.failed" | "portfolio_run.completed" | "facility.risk_level_changed")[];
            /**
             * Format: uri
             * @description Receives the POSTs. https in production, where private, loopback and metadata addresses are refused; plain http (e.g. a loopback receiver) only outside production.
             * @example https://threatmap.example.com/hooks/masterbus
             */
            url: string;
        };
        PortfolioRun: {
            assessment_id: string;
            completed_at: string | null;
            /** @description With scope 'caller', skipped and listed are null: which of the caller's facilities were listed or left unchanged is not recorded per facility. */
            counts: {
                assessed: number;
                failed: number;
                listed: number | null;
                skipped: number | null;
            };
            duration_ms: number | null;
            error: {
                code: string;
                message: string;
            } | null;
            failures: {
                code: string;
                facility_id: string;
                message: string;
            }[];
            force: boolean;
            /** @enum {string} */
            kind: "portfolio";
            links: {
                self: string;
                summary: string | null;
            };
            /** @description Live progress while the run is in flight (null once it has finished). */
            progress: {
                assessed: number;
                continued_as_new: number;
                eta_seconds: number | null;
                failed: number;
                in_flight: number;
                listing_complete: boolean;
                /** @enum {string} */
                phase: "planning" | "assessing" | "summarizing" | "done";
                remaining: number;
                skipped: number;
            } | null;
            requested_at: string;
            requested_by: string;
            /**
             * @description 'portfolio': the whole run (global admins). 'caller': only the caller's facilities (a facility-scoped admin): counts, failures and progress of other facilities are left out.
             * @enum {string}
             */
            scope: "portfolio" | "caller";
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed" | "cancelled";
            temporal: {
                run_id: string;
                workflow_id: string;
            };
            /** @enum {string} */
            trigger: "api" | "manual" | "schedule";
        };
        PortfolioSchedule: {
            next_action_times: string[];
            note: string | null;
            paused: boolean;
            recent_actions: {
                scheduled_at: string;
                workflow_id: string;
            }[];
            schedule_id: string;
        };
        WebhookDelivery: {
            attempts: number;
            created_at: string;
            dead_lettered_at: string | null;
            delivered_at: string | null;
            event_id: string;
            /**
             * @description An event a subscription can receive.
             * @enum {string}
             */
            event_type: "assessment.completed" | "assessment.failed" | "portfolio_run.completed" | "facility.risk_level_changed";
            id: string;
            last_attempt_at: string | null;
            last_error: string | null;
            last_response_status: number | null;
            redeliveries: number;
            /**
             * @description `pending` (queued or being retried), `delivered` (a 2xx answer), `dead_lettered` (every attempt failed; redeliverable), `cancelled` (the subscription was deleted first).
             * @enum {string}
             */
            status: "pending" | "delivered" | "dead_lettered" | "cancelled";
            subscription_id: string;
        };
        WebhookSubscription: {
            created_at: string;
            created_by: string;
            description: string | null;
            events: ("assessment.completed" | "assessment.failed" | "portfolio_run.completed" | "facility.risk_level_changed")[];
            facility_scope: string[] | null;
            id: string;
            links: {
                deliveries: string;
                self: string;
            };
            /** @description After a rotation, deliveries carry a second `v1=` signature with the old secret until then. */
            previous_secret_valid_until: string | null;
            secret_rotated_at: string | null;
            url: string;
        };
        WebhookSubscriptionWithSecret: components["schemas"]["WebhookSubscription"] & {
            /** @description The signing secret. Shown in this response only; store it now (rotate to get a new one). */
            secret: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAssessments: {
        parameters: {
            query?: {
                facility_id?: string;
                limit?: number;
                page?: number;
                status?: "queued" | "running" | "completed" | "failed" | "cancelled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of assessments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assessments: components["schemas"]["Assessment"][];
                        limit: number;
                        page: number;
                        total: number;
                    };
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAssessment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                assessment_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The assessment: a facility assessment, or a portfolio run (ids starting prt_). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Assessment"] | components["schemas"]["PortfolioRun"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such assessment visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelAssessment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                assessment_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancellation requested. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Assessment"] | components["schemas"]["PortfolioRun"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such assessment visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The assessment has already finished (CONFLICT). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEquipment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                equipment_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The equipment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        compliance: {
                            nfpa_70b: {
                                compliance_percentage: number;
                                compliant: boolean;
                                last_inspection: string | null;
                                /** @enum {string} */
                                maintenance_status: "up_to_date" | "due_soon" | "overdue";
                                next_inspection_due: string | null;
                                tasks: {
                                    days_overdue: number;
                                    interval_months: number;
                                    last_performed: string | null;
                                    next_due: string | null;
                                    /** @enum {string} */
                                    status: "up_to_date" | "due_soon" | "overdue";
                                    task: string;
                                }[];
                            };
                            nfpa_70e: {
                                arc_flash_label_present: boolean;
                                compliance_percentage: number;
                                compliant: boolean;
                                findings: string[];
                                incident_energy: number | null;
                                last_assessment: string | null;
                                next_assessment_due: string | null;
                                ppe_requirements: string | null;
                            };
                        };
                        created_at: string;
                        id: string;
                        install_date: string | null;
                        last_updated: string;
                        location: {
                            building: string | null;
                            coordinates: {
                                lat: number;
                                lng: number;
                            };
                            facility_id: string;
                            facility_name: string;
                            room: string | null;
                        };
                        manufacturer: string | null;
                        model: string | null;
                        name: string;
                        photos: {
                            caption: string | null;
                            id: string;
                            taken_at: string;
                            thumbnail_url: string;
                            url: string;
                        }[];
                        risk_assessment: {
                            arc_flash_risk: number;
                            assumptions: {
                                assumed: string;
                                input: string;
                                why: string;
                            }[];
                            /** @enum {string} */
                            condition: "Excellent" | "Good" | "Fair" | "Poor" | "Critical";
                            condition_reasons: string[];
                            consequence: number;
                            /** @enum {string} */
                            corrosion_level: "None" | "Minimal" | "Moderate" | "Severe";
                            failure_risk: number;
                            forecast: {
                                critical_on: string | null;
                                high_on: string | null;
                            };
                            health_index: number;
                            model_version: string;
                            nfpa_70b_condition: 1 | 2 | 3;
                            primary_risk_factor: string | null;
                            probability_of_failure: number;
                            risk_factors: {
                                citation: string;
                                contribution: number;
                                description: string;
                                factor: string;
                                inputs: {
                                    [key: string]: string | number | boolean | null;
                                };
                                rule: string;
                                score: number;
                            }[];
                            /** @enum {string} */
                            risk_rating: "Low" | "Medium" | "High" | "Critical";
                            risk_score: number;
                            /** @enum {string} */
                            rust_level: "None" | "Minimal" | "Moderate" | "Severe";
                            temperature: string | null;
                        };
                        serial_number: string | null;
                        service_history: {
                            date: string;
                            id: string;
                            notes: string | null;
                            technician: string | null;
                            type: string;
                        }[];
                        specifications: {
                            amperage: number | null;
                            enclosure_type: string | null;
                            main_disconnect: boolean | null;
                            main_disconnect_rating: number | null;
                            mount_type: string | null;
                            phases: number | null;
                            slots: number | null;
                            voltage: string | null;
                        };
                        type: string;
                    };
                };
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No assessed equipment with this id visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listFacilities: {
        parameters: {
            query?: {
                limit?: number;
                order?: "asc" | "desc";
                page?: number;
                /** @description Case-insensitive substring of the name or address. Operator and markup characters (`$ { } [ ] \ < >`) are refused. */
                search?: string;
                sort?: "name" | "risk_score" | "last_updated";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of facilities. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        facilities: {
                            /** @enum {string} */
                            compliance_status: "Compliant" | "Warning" | "Out of Compliance";
                            contractor: string | null;
                            coordinates: {
                                lat: number;
                                lng: number;
                            };
                            critical_equipment_count: number;
                            equipment_count: number;
                            high_risk_equipment_count: number;
                            id: string;
                            last_inspection: string | null;
                            last_updated: string;
                            location: string;
                            name: string;
                            risk_distribution: {
                                critical: number;
                                high: number;
                                low: number;
                                medium: number;
                            };
                            risk_score: number;
                        }[];
                        limit: number;
                        page: number;
                        total: number;
                    };
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getFacility: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                facility_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The facility. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        average_equipment_risk: number;
                        /** @enum {string} */
                        compliance_status: "Compliant" | "Warning" | "Out of Compliance";
                        conductor_type_breakdown: {
                            aluminum: number;
                            copper: number;
                        };
                        contractor: string | null;
                        coordinates: {
                            lat: number;
                            lng: number;
                        };
                        critical_equipment_count: number;
                        equipment_count: number;
                        facility_age: number | null;
                        high_risk_equipment_count: number;
                        historical_risk: {
                            equipment_age: number;
                            equipment_count: number;
                            model_version: string;
                            month: string;
                            reconstructed: boolean;
                            risk_score: number;
                        }[];
                        /** @enum {string} */
                        humidity_risk: "Low" | "Medium" | "High";
                        id: string;
                        last_arc_flash_analysis: string | null;
                        last_infrared_scan: string | null;
                        last_inspection: string | null;
                        last_updated: string;
                        location: string;
                        name: string;
                        risk_distribution: {
                            critical: number;
                            high: number;
                            low: number;
                            medium: number;
                        };
                        risk_factors: {
                            contribution: number;
                            description: string;
                            factor: string;
                            score: number;
                        }[];
                        risk_score: number;
                        system_age: string;
                        top_threats: {
                            /** @enum {string} */
                            condition: "Excellent" | "Good" | "Fair" | "Poor" | "Critical";
                            /** @enum {string|null} */
                            conductor_material: "Copper" | "Aluminum" | null;
                            /** @enum {string} */
                            corrosion_level: "None" | "Minimal" | "Moderate" | "Severe";
                            id: string;
                            install_date: string | null;
                            intervention_count: number;
                            last_service: string | null;
                            location: string;
                            name: string;
                            photo_url: string | null;
                            /** @enum {string} */
                            risk_rating: "Low" | "Medium" | "High" | "Critical";
                            /** @enum {string} */
                            rust_level: "None" | "Minimal" | "Moderate" | "Severe";
                            temperature: string | null;
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Facility not visible to the caller (RESOURCE_NOT_FOUND), or not assessed yet (NO_ASSESSMENT_YET). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startFacilityAssessment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeat a POST safely: the same key returns the same assessment. */
                "idempotency-key"?: string;
            };
            path: {
                facility_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Assessment accepted (started, or joined when one was already running). */
            202: {
                headers: {
                    /** @description Where to poll the assessment. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Assessment"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The facility is not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getFacilityCompliance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                facility_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Compliance summary, counts and what is due next. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        compliance_status: "Compliant" | "Warning" | "Out of Compliance";
                        compliance_summary: {
                            nfpa_70b_compliance: number;
                            nfpa_70e_compliance: number;
                            overall_compliance: number;
                        };
                        facility_id: string;
                        facility_name: string;
                        last_updated: string;
                        nfpa_70b: {
                            compliance_percentage: number;
                            equipment_counts: {
                                compliant: number;
                                non_compliant: number;
                                total: number;
                            };
                            inspection_status: {
                                due_soon: number;
                                overdue: number;
                                up_to_date: number;
                            };
                            next_inspections_due: {
                                days_overdue: number;
                                due_date: string | null;
                                equipment_id: string;
                                equipment_name: string;
                                equipment_type: string;
                            }[];
                        };
                        nfpa_70e: {
                            arc_flash_label_status: {
                                missing: number;
                                present: number;
                            };
                            compliance_percentage: number;
                            de_energize_required: number;
                            equipment_counts: {
                                compliant: number;
                                non_compliant: number;
                                total: number;
                            };
                            next_assessments_due: {
                                due_date: string | null;
                                equipment_id: string;
                                equipment_name: string;
                                equipment_type: string;
                            }[];
                        };
                    };
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Facility not visible to the caller (RESOURCE_NOT_FOUND), or not assessed yet (NO_ASSESSMENT_YET). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listFacilityEquipment: {
        parameters: {
            query?: {
                limit?: number;
                order?: "asc" | "desc";
                page?: number;
                risk_level?: "low" | "medium" | "high" | "critical";
                /** @description Case-insensitive substring of the name or location. Operator and markup characters (`$ { } [ ] \ < >`) are refused. */
                search?: string;
                sort?: "name" | "type" | "risk_rating" | "install_date" | "last_service";
                type?: "panelboard" | "switchboard" | "switchgear" | "transformer" | "breaker" | "mcc" | "disconnect" | "ats" | "generator" | "ups" | "busway" | "other";
            };
            header?: never;
            path: {
                facility_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of equipment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        equipment: {
                            /** @enum {string} */
                            condition: "Excellent" | "Good" | "Fair" | "Poor" | "Critical";
                            /** @enum {string|null} */
                            conductor_material: "Copper" | "Aluminum" | null;
                            /** @enum {string} */
                            corrosion_level: "None" | "Minimal" | "Moderate" | "Severe";
                            forecast: {
                                critical_on: string | null;
                                high_on: string | null;
                            };
                            id: string;
                            install_date: string | null;
                            intervention_count: number;
                            last_service: string | null;
                            last_updated: string;
                            location: string;
                            name: string;
                            photo_url: string | null;
                            risk_factors: {
                                citation: string;
                                contribution: number;
                                description: string;
                                factor: string;
                                inputs: {
                                    [key: string]: string | number | boolean | null;
                                };
                                rule: string;
                                score: number;
                            }[];
                            /** @enum {string} */
                            risk_rating: "Low" | "Medium" | "High" | "Critical";
                            risk_score: number;
                            /** @enum {string} */
                            rust_level: "None" | "Minimal" | "Moderate" | "Severe";
                            temperature: string | null;
                            type: string;
                        }[];
                        limit: number;
                        page: number;
                        total: number;
                    };
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Facility not visible to the caller (RESOURCE_NOT_FOUND), or not assessed yet (NO_ASSESSMENT_YET). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getFacilityRisks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                facility_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The risk assessment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        facility_id: string;
                        facility_name: string;
                        forecast_trend: {
                            equipment_age: number;
                            equipment_count: number;
                            model_version: string;
                            month: string;
                            reconstructed: boolean;
                            risk_score: number;
                        }[];
                        high_risk_items: {
                            equipment_id: string;
                            equipment_name: string;
                            equipment_type: string;
                            location: string;
                            primary_risk_factor: string | null;
                            /** @enum {string} */
                            risk_level: "Low" | "Medium" | "High" | "Critical";
                            risk_score: number;
                        }[];
                        historical_trend: {
                            equipment_age: number;
                            equipment_count: number;
                            model_version: string;
                            month: string;
                            reconstructed: boolean;
                            risk_score: number;
                        }[];
                        last_updated: string;
                        risk_categories: {
                            affected_equipment_count: number;
                            category: string;
                            contribution: number;
                            description: string;
                            percentage_of_facility: number;
                            score: number;
                        }[];
                        risk_recommendation: {
                            plan: {
                                reachable: boolean;
                                reason: string | null;
                                risk_score_after: number;
                                /** @enum {string} */
                                search: "exhaustive" | "greedy";
                                steps: {
                                    action: string;
                                    action_id: string;
                                    /** @enum {string} */
                                    estimated_cost: "Low" | "Medium" | "High";
                                    /** @enum {string} */
                                    risk_level_after: "Low" | "Medium" | "High" | "Critical";
                                    risk_score_after: number;
                                }[];
                                /** @enum {string} */
                                target: "below High";
                            };
                            priority_actions: {
                                action: string;
                                affected_equipment: string[];
                                /** @enum {string} */
                                estimated_cost: "Low" | "Medium" | "High";
                                id: string;
                                risk_reduction: number;
                                /** @enum {string} */
                                urgency: "Immediate" | "High" | "Medium" | "Low";
                            }[];
                        };
                        risk_summary: {
                            critical_risk_equipment_count: number;
                            high_risk_equipment_count: number;
                            low_risk_equipment_count: number;
                            medium_risk_equipment_count: number;
                            /** @enum {string} */
                            risk_level: "Low" | "Medium" | "High" | "Critical";
                            risk_score: number;
                        };
                    };
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Facility not visible to the caller (RESOURCE_NOT_FOUND), or not assessed yet (NO_ASSESSMENT_YET). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    facilityWhatIf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                facility_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default [] */
                    actions?: ({
                        /**
                         * @description An action id (as in `risk_recommendation.priority_actions[].id`).
                         * @enum {string}
                         */
                        id: "replace_equipment" | "correct_failed_tests" | "perform_overdue_maintenance" | "repair_thermal_anomalies" | "remediate_corrosion" | "eliminate_moisture" | "secure_loose_parts" | "repair_physical_damage" | "retrofit_aluminum_terminations" | "relieve_loading" | "control_humidity" | "update_arc_flash_study" | "label_arc_flash_hazard" | "reduce_incident_energy";
                    } | {
                        equipment_ids: string[];
                        /**
                         * @description An action id (as in `risk_recommendation.priority_actions[].id`).
                         * @enum {string}
                         */
                        kind: "replace_equipment" | "correct_failed_tests" | "perform_overdue_maintenance" | "repair_thermal_anomalies" | "remediate_corrosion" | "eliminate_moisture" | "secure_loose_parts" | "repair_physical_damage" | "retrofit_aluminum_terminations" | "relieve_loading" | "control_humidity" | "update_arc_flash_study" | "label_arc_flash_hazard" | "reduce_incident_energy";
                    })[];
                };
            };
        };
        responses: {
            /** @description The facility as it would score. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @default [] */
                        actions: ({
                            /**
                             * @description An action id (as in `risk_recommendation.priority_actions[].id`).
                             * @enum {string}
                             */
                            id: "replace_equipment" | "correct_failed_tests" | "perform_overdue_maintenance" | "repair_thermal_anomalies" | "remediate_corrosion" | "eliminate_moisture" | "secure_loose_parts" | "repair_physical_damage" | "retrofit_aluminum_terminations" | "relieve_loading" | "control_humidity" | "update_arc_flash_study" | "label_arc_flash_hazard" | "reduce_incident_energy";
                        } | {
                            equipment_ids: string[];
                            /**
                             * @description An action id (as in `risk_recommendation.priority_actions[].id`).
                             * @enum {string}
                             */
                            kind: "replace_equipment" | "correct_failed_tests" | "perform_overdue_maintenance" | "repair_thermal_anomalies" | "remediate_corrosion" | "eliminate_moisture" | "secure_loose_parts" | "repair_physical_damage" | "retrofit_aluminum_terminations" | "relieve_loading" | "control_humidity" | "update_arc_flash_study" | "label_arc_flash_hazard" | "reduce_incident_energy";
                        })[];
                        as_of: string;
                        assessment_id: string;
                        changed_equipment: {
                            equipment_id: string;
                            risk_score_after: number;
                            risk_score_before: number;
                        }[];
                        changed_equipment_count: number;
                        facility_id: string;
                        model_version: string;
                        risk_score_after: number;
                        risk_score_before: number;
                        risks: {
                            facility_id: string;
                            facility_name: string;
                            forecast_trend: {
                                equipment_age: number;
                                equipment_count: number;
                                model_version: string;
                                month: string;
                                reconstructed: boolean;
                                risk_score: number;
                            }[];
                            high_risk_items: {
                                equipment_id: string;
                                equipment_name: string;
                                equipment_type: string;
                                location: string;
                                primary_risk_factor: string | null;
                                /** @enum {string} */
                                risk_level: "Low" | "Medium" | "High" | "Critical";
                                risk_score: number;
                            }[];
                            last_updated: string;
                            risk_categories: {
                                affected_equipment_count: number;
                                category: string;
                                contribution: number;
                                description: string;
                                percentage_of_facility: number;
                                score: number;
                            }[];
                            risk_recommendation: {
                                plan: {
                                    reachable: boolean;
                                    reason: string | null;
                                    risk_score_after: number;
                                    /** @enum {string} */
                                    search: "exhaustive" | "greedy";
                                    steps: {
                                        action: string;
                                        action_id: string;
                                        /** @enum {string} */
                                        estimated_cost: "Low" | "Medium" | "High";
                                        /** @enum {string} */
                                        risk_level_after: "Low" | "Medium" | "High" | "Critical";
                                        risk_score_after: number;
                                    }[];
                                    /** @enum {string} */
                                    target: "below High";
                                };
                                priority_actions: {
                                    action: string;
                                    affected_equipment: string[];
                                    /** @enum {string} */
                                    estimated_cost: "Low" | "Medium" | "High";
                                    id: string;
                                    risk_reduction: number;
                                    /** @enum {string} */
                                    urgency: "Immediate" | "High" | "Medium" | "Low";
                                }[];
                            };
                            risk_summary: {
                                critical_risk_equipment_count: number;
                                high_risk_equipment_count: number;
                                low_risk_equipment_count: number;
                                medium_risk_equipment_count: number;
                                /** @enum {string} */
                                risk_level: "Low" | "Medium" | "High" | "Critical";
                                risk_score: number;
                            };
                        };
                    };
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Facility not visible to the caller (RESOURCE_NOT_FOUND), not assessed yet (NO_ASSESSMENT_YET), or an equipment id not in the facility (RESOURCE_NOT_FOUND). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than 64 KiB (PAYLOAD_TOO_LARGE). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` (UNSUPPORTED_MEDIA_TYPE). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                photo_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image bytes, streamed from Condoit: image/jpeg, image/png, image/webp or image/gif (anything else as an application/octet-stream attachment), never sniffed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No photo of an equipment visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Condoit failed to serve the photo. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPhotoThumbnail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                photo_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image bytes, streamed from Condoit: image/jpeg, image/png, image/webp or image/gif (anything else as an application/octet-stream attachment), never sniffed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No photo of an equipment visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Condoit failed to serve the photo. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startPortfolioAssessment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeat the POST safely: the same key returns the same run. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default false */
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description The portfolio run was started. */
            202: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortfolioRun"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than 64 KiB (PAYLOAD_TOO_LARGE). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` (UNSUPPORTED_MEDIA_TYPE). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPortfolioSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortfolioSchedule"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The schedule has not been applied yet (RESOURCE_NOT_FOUND). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    backfillPortfolioSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Length of the range in days (1–31).
                     * @example 1
                     */
                    days: number;
                    /**
                     * Format: date-time
                     * @description Start of the range (ISO 8601, years 1970–2999).
                     * @example 2026-01-04T00:00:00Z
                     */
                    start: string;
                };
            };
        };
        responses: {
            /** @description The schedule. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortfolioSchedule"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The schedule has not been applied yet (RESOURCE_NOT_FOUND). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than 64 KiB (PAYLOAD_TOO_LARGE). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` (UNSUPPORTED_MEDIA_TYPE). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    pausePortfolioSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortfolioSchedule"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The schedule has not been applied yet (RESOURCE_NOT_FOUND). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resumePortfolioSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortfolioSchedule"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The schedule has not been applied yet (RESOURCE_NOT_FOUND). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    triggerPortfolioSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortfolioSchedule"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The schedule has not been applied yet (RESOURCE_NOT_FOUND). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPortfolioSummary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The portfolio summary. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        compliance_overview: {
                            nfpa_70b_compliance: number;
                            nfpa_70e_compliance: number;
                            overall_compliance: number;
                        };
                        highest_risk_facilities: {
                            critical_equipment_count: number;
                            facility_id: string;
                            facility_name: string;
                            location: string;
                            risk_score: number;
                        }[];
                        last_updated: string;
                        risk_overview: {
                            average_risk_score: number;
                            critical_risk_equipment: number;
                            high_risk_equipment: number;
                            high_risk_facilities: number;
                        };
                        risk_trends: {
                            equipment_age: number;
                            equipment_count: number;
                            model_version: string;
                            month: string;
                            reconstructed: boolean;
                            risk_score: number;
                        }[];
                        total_equipment: number;
                        total_facilities: number;
                    };
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookSubscriptions: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of subscriptions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        limit: number;
                        page: number;
                        subscriptions: components["schemas"]["WebhookSubscription"][];
                        total: number;
                    };
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewWebhookSubscription"];
            };
        };
        responses: {
            /** @description Created; store `secret` now. */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionWithSecret"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than 64 KiB (PAYLOAD_TOO_LARGE). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` (UNSUPPORTED_MEDIA_TYPE). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscription_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription (without its secret). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such subscription (RESOURCE_NOT_FOUND). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscription_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted: nothing more is delivered; deliveries still queued are cancelled. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such subscription (RESOURCE_NOT_FOUND). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
                status?: "pending" | "delivered" | "dead_lettered" | "cancelled";
            };
            header?: never;
            path: {
                subscription_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deliveries: components["schemas"]["WebhookDelivery"][];
                        limit: number;
                        page: number;
                        total: number;
                    };
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such subscription (RESOURCE_NOT_FOUND). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    redeliverWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                delivery_id: string;
                subscription_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued again. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such subscription or delivery (RESOURCE_NOT_FOUND). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The delivery is not dead-lettered (CONFLICT). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscription_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription with its new secret; store it now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionWithSecret"];
                };
            };
            /** @description The request is invalid (path, query or body); `details` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, expired or otherwise invalid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token is valid but its role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such subscription (RESOURCE_NOT_FOUND). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rotated or deleted concurrently; retry (CONFLICT). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected server error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A backing service (MongoDB, Redis or Temporal) is unavailable; retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
