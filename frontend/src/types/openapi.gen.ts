// Generated from docs/openapi.json by `npm run gen:api` (openapi-typescript); do not edit.

export interface paths {
    "/admin/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users, predictions, the active model and input drift, from maintained counters */
        get: operations["get_admin_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Privileged actions, newest first
         * @description Actions: user.role_changed (an admin changed a user's role); user.activated (an admin activated a user); user.deactivated (an admin deactivated a user); user.deleted (an admin deleted a user); user.password_reset_link (an admin issued a one-time reset link; never the link itself); user.password_reset (a user set a new password with a link; details.channel is admin or email); model.training_started (an analyst or admin started training); model.training_cancelled (an admin cancelled a training job); model.activated (an admin or a finished training job put a model live); segment.renamed (an analyst renamed or redescribed a segment).
         */
        get: operations["get_admin_audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users with search, filters and totals */
        get: operations["get_admin_users"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user with totals */
        get: operations["get_admin_users_user_id"];
        put?: never;
        post?: never;
        /** Delete a user with everything it owns */
        delete: operations["delete_admin_users_user_id"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{user_id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a user's role */
        put: operations["put_admin_users_user_id_role"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users with search, filters and totals */
        get: operations["get_users"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user with totals */
        get: operations["get_users_user_id"];
        put?: never;
        post?: never;
        /** Delete a user with everything it owns */
        delete: operations["delete_users_user_id"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user_id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a user's role */
        put: operations["put_users_user_id_role"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{user_id}/toggle-active": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Activate or deactivate a user */
        put: operations["put_admin_users_user_id_toggle_active"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{user_id}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a one-time password-reset link for a user
         * @description The link (30 minutes, single use) is shown once, for the admin to hand over; audited. Not for the admin's own account (403 self_action_forbidden); a deactivated account is 409 user_inactive.
         */
        post: operations["post_admin_users_user_id_password_reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account */
        post: operations["post_auth_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with username or email */
        post: operations["post_auth_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: operations["get_auth_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke this token */
        post: operations["post_auth_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a one-time password-reset link
         * @description Always 202 in about the same time, whether or not an account has this email; an active account gets a link valid for 30 minutes. Throttled per address and per client.
         */
        post: operations["post_auth_forgot_password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with a one-time reset link
         * @description Signs in as at login; every older token of the user dies and login lockouts are cleared. A used, expired, unknown or superseded token is 400 invalid_reset_token.
         */
        post: operations["post_auth_password_reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start an upload straight to storage (presigned form POST, up to 5 GiB) */
        post: operations["post_datasets_uploads"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets/{dataset_id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The upload is done: profile the file in the background */
        post: operations["post_datasets_dataset_id_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Datasets, newest first */
        get: operations["get_datasets"];
        put?: never;
        /** Upload a small dataset (CSV body, 5 MB), profiled at once; ?filename= */
        post: operations["post_datasets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets/{dataset_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One dataset and its profile */
        get: operations["get_datasets_dataset_id"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API's OpenAPI 3.1 document */
        get: operations["get_openapi.json"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service banner */
        get: operations["get_root"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health of the API and its dependencies */
        get: operations["get_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Own predictions, newest first */
        get: operations["get_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/history/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Own history as CSV, with the same filters */
        get: operations["get_history_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/history/{entry_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One entry; batches list their results (Accept: text/csv for the results as CSV) */
        get: operations["get_history_entry_id"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user with totals */
        get: operations["get_users_me_profile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Update own email, username or full name */
        put: operations["put_users_me"];
        post?: never;
        /** Delete own account with everything it owns */
        delete: operations["delete_users_me"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change password; every older token dies */
        put: operations["put_users_me_password"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/train": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start training; ?wait=N (<= 25 s) returns 200 with the result if done
         * @description `activate` defaults to true for an admin and false for an analyst; an analyst asking for `activate: true` gets 403.
         */
        post: operations["post_train"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/train/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A training job's status */
        get: operations["get_train_job_id"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/train/{job_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued or running job (audited); 409 once it has finished or is activating */
        post: operations["post_train_job_id_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Model versions */
        get: operations["get_models"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One model in detail */
        get: operations["get_models_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models/{version}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make this version active (also the rollback) */
        post: operations["post_models_version_activate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models/{version}/clusters/{cluster_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Rename or redescribe a segment (names unique within a model)
         * @description Answers the segment as `GET /clusters` and `GET /models/{version}` show it.
         */
        put: operations["put_models_version_clusters_cluster_id"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schema": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The active model's schema: the features every form, batch and profile uses */
        get: operations["get_schema"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/predict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment one customer (the active schema's features), with confidence and explanation */
        post: operations["post_predict"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/predict/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Score up to 1000 JSON customers or a CSV file (5 MB); Accept: text/csv for CSV results */
        post: operations["post_predict_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Own saved profiles, newest first */
        get: operations["get_profiles"];
        put?: never;
        /** Save a customer profile */
        post: operations["post_profiles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/{profile_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One own profile */
        get: operations["get_profiles_profile_id"];
        /** Change some fields; send `version` to refuse overwriting a newer change (409) */
        put: operations["put_profiles_profile_id"];
        post?: never;
        /** Delete an own profile */
        delete: operations["delete_profiles_profile_id"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/{profile_id}/predict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment a saved profile; recorded in history with its profile_id */
        post: operations["post_profiles_profile_id_predict"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scoring-jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your scoring jobs */
        get: operations["get_scoring_jobs"];
        put?: never;
        /** Score a whole dataset with the active model (or a chosen version), in the background */
        post: operations["post_scoring_jobs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scoring-jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A scoring job: progress, counts, summary and a short-lived download link */
        get: operations["get_scoring_jobs_job_id"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clusters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Segments of the active model */
        get: operations["get_clusters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/elbow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every quality measure per K and the K used */
        get: operations["get_elbow"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clusters/projection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 2-D map (the plane separating segments best) of a sample of the training data and the centroids */
        get: operations["get_clusters_projection"];
        put?: never;
        post?: never;
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
        /** AdminUserQuery */
        AdminUserQuery: {
            /**
             * Limit
             * @default 50
             */
            limit?: number;
            /**
             * Cursor
             * @default null
             */
            cursor?: string | null;
            /**
             * Search
             * @default null
             */
            search?: string | null;
            /** @default null */
            role?: components["schemas"]["Role"] | null;
            /**
             * Is Active
             * @default null
             */
            is_active?: boolean | null;
        };
        /** AuditEvent */
        AuditEvent: {
            /** Id */
            id: string;
            /** At */
            at: string;
            /** Actor Id */
            actor_id: string;
            /** Actor Username */
            actor_username: string;
            /** Action */
            action: string;
            /** Target */
            target: string;
            /** Details */
            details: {
                [key: string]: unknown;
            };
        };
        /** AuditPage */
        AuditPage: {
            /** Events */
            events: components["schemas"]["AuditEvent"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** AuditQuery */
        AuditQuery: {
            /**
             * Limit
             * @default 50
             */
            limit?: number;
            /**
             * Cursor
             * @default null
             */
            cursor?: string | null;
        };
        /** BatchBody */
        BatchBody: {
            /** Customers */
            customers: unknown[];
        };
        /** BatchOut */
        BatchOut: {
            /** Batch Id */
            batch_id: string;
            /** Model Version */
            model_version: string;
            /** Count */
            count: number;
            /** Failed */
            failed: number;
            /** Summary */
            summary: {
                [key: string]: number;
            };
            /** Results */
            results: (components["schemas"]["BatchRowOk"] | components["schemas"]["BatchRowError"])[];
        };
        /** BatchRowError */
        BatchRowError: {
            /**
             * Row
             * @description 1-based position in the request (or the CSV's data rows)
             */
            row: number;
            /**
             * Customer Id
             * @default null
             */
            customer_id?: string | number | null;
            /**
             * Errors
             * @description Why the row was not scored
             */
            errors: components["schemas"]["ErrorDetail"][];
        };
        /** BatchRowOk */
        BatchRowOk: {
            /**
             * Row
             * @description 1-based position in the request (or the CSV's data rows)
             */
            row: number;
            /**
             * Customer Id
             * @default null
             */
            customer_id?: string | number | null;
            /** Cluster */
            cluster: number;
            /** Cluster Name */
            cluster_name: string;
            /** Confidence */
            confidence: number;
            /**
             * Typicality
             * @default null
             */
            typicality?: number | null;
            /**
             * Atypical
             * @default null
             */
            atypical?: boolean | null;
        };
        /** ChangePasswordBody */
        ChangePasswordBody: {
            /** Current Password */
            current_password: string;
            /** New Password */
            new_password: string;
        };
        /** ClusterProbability */
        ClusterProbability: {
            /** Cluster */
            cluster: number;
            /** Cluster Name */
            cluster_name: string;
            /** Probability */
            probability: number;
        };
        /** ClustersOut */
        ClustersOut: {
            /** Model Version */
            model_version: string;
            /** Total Customers */
            total_customers: number;
            /** N Clusters */
            n_clusters: number;
            /** Features */
            features: string[];
            metrics: components["schemas"]["ModelMetrics"];
            /** Clusters */
            clusters: components["schemas"]["SegmentOut"][];
        };
        /** ColumnProfileOut */
        ColumnProfileOut: {
            /** Name */
            name: string;
            /**
             * Type
             * @enum {string}
             */
            type: "numeric" | "categorical" | "id" | "date" | "text";
            /** Missing */
            missing: number;
            /** Distinct */
            distinct: number;
            /**
             * Distinct Exact
             * @default true
             */
            distinct_exact?: boolean;
            /**
             * Min
             * @default null
             */
            min?: number | string | null;
            /**
             * Max
             * @default null
             */
            max?: number | string | null;
            /**
             * Mean
             * @default null
             */
            mean?: number | null;
            /**
             * Std
             * @default null
             */
            std?: number | null;
            /**
             * Integer
             * @default null
             */
            integer?: boolean | null;
            /**
             * Skewness
             * @default null
             */
            skewness?: number | null;
            /**
             * Quantiles
             * @description p05, p25, p50, p75, p95
             * @default null
             */
            quantiles?: {
                [key: string]: number;
            } | null;
            /**
             * @description 20 equal-width bins between min and max
             * @default null
             */
            histogram?: components["schemas"]["Histogram"] | null;
            /**
             * Top Values
             * @description Most frequent first
             * @default null
             */
            top_values?: components["schemas"]["TopValue"][] | null;
            /**
             * Suggested
             * @enum {string}
             */
            suggested: "feature" | "id" | "ignore";
            /**
             * Suggested Transform
             * @default null
             */
            suggested_transform?: ("none" | "log") | null;
        };
        /** Contribution */
        Contribution: {
            /** Feature */
            feature: string;
            /** Label */
            label: string;
            /**
             * Value
             * @description The customer's value (a category for a categorical feature)
             */
            value: number | string;
            /**
             * Z Score
             * @description Standard deviations from the average; null for a category
             */
            z_score: number | null;
            /**
             * Contribution
             * @description The feature's part of the log-odds of the segment against the runner-up: sum over its columns of ((z - runner-up)^2 - (z - segment)^2) / (2 sigma^2)
             */
            contribution: number;
            /** Direction */
            direction: string;
        };
        /**
         * CustomerBody
         * @description A customer: the active model's features by name (see `GET /schema`), and optionally
         *     `customer_id` (or the schema's id column). Values are checked against the schema; an
         *     unknown field is 422.
         */
        CustomerBody: {
            /**
             * Customer Id
             * @description Stored with the prediction and echoed
             * @default null
             */
            customer_id?: string | number | null;
        } & {
            [key: string]: number | string | null;
        };
        /** DatasetList */
        DatasetList: {
            /** Datasets */
            datasets: components["schemas"]["DatasetOut"][];
        };
        /** DatasetOut */
        DatasetOut: {
            /** Dataset Id */
            dataset_id: string;
            /** Filename */
            filename: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "customers" | "transactions";
            /**
             * Status
             * @enum {string}
             */
            status: "uploading" | "profiling" | "ready" | "failed";
            /**
             * Progress
             * @description While profiling: the share done
             * @default null
             */
            progress?: number | null;
            /** Size Bytes */
            size_bytes: number;
            /** Rows */
            rows: number | null;
            /** Rejected Rows */
            rejected_rows: number | null;
            /** Columns */
            columns: components["schemas"]["ColumnProfileOut"][];
            /**
             * Errors
             * @description The first rows refused, with why
             */
            errors: components["schemas"]["RowError"][];
            /**
             * Id Column
             * @default null
             */
            id_column?: string | null;
            /**
             * Features
             * @description The columns suggested as features
             * @default null
             */
            features?: string[] | null;
            /** @default null */
            dialect?: components["schemas"]["Dialect"] | null;
            /**
             * Error
             * @default null
             */
            error?: string | null;
            /** Created At */
            created_at: string;
            /**
             * Updated At
             * @default null
             */
            updated_at?: string | null;
            /**
             * Upload Expires At
             * @description While uploading: the link's expiry
             * @default null
             */
            upload_expires_at?: string | null;
            /**
             * Profiled At
             * @default null
             */
            profiled_at?: string | null;
            /** Uploaded By */
            uploaded_by: string | null;
        };
        /** DayCount */
        DayCount: {
            /**
             * Date
             * @description YYYY-MM-DD (UTC)
             */
            date: string;
            /** Count */
            count: number;
        };
        /** DeleteMeBody */
        DeleteMeBody: {
            /** Password */
            password: string;
        };
        /** DependencyStatus */
        DependencyStatus: {
            /** Status */
            status: string;
            /**
             * Detail
             * @default null
             */
            detail?: string | null;
        };
        /** Dialect */
        Dialect: {
            /**
             * Delimiter
             * @enum {string}
             */
            delimiter: "," | ";" | "\t";
            /** Decimal Comma */
            decimal_comma: boolean;
            /**
             * Encoding
             * @description The file's text encoding, as detected; the results are written as UTF-8
             * @default utf-8
             * @enum {string}
             */
            encoding?: "utf-8" | "utf-16" | "windows-1252";
        };
        /** DriftStats */
        DriftStats: {
            /** Model Version */
            model_version: string | null;
            /** Window Days */
            window_days: number;
            /** Features */
            features: components["schemas"]["FeatureDrift"][];
            /**
             * Status
             * @description The worst status among features with enough data (ok until there is some)
             * @enum {string}
             */
            status: "ok" | "warn" | "alert";
        };
        /** Elbow */
        Elbow: {
            /** Optimal K */
            optimal_k: number;
            /** K Range */
            k_range: number[];
            /** Inertias */
            inertias: number[];
            /** Silhouette Scores */
            silhouette_scores: number[];
            /**
             * Chosen K
             * @description The K of the model (the rule's optimal_k or the analyst's k)
             * @default null
             */
            chosen_k?: number | null;
            /**
             * Calinski Harabasz Scores
             * @default null
             */
            calinski_harabasz_scores?: number[] | null;
            /**
             * Davies Bouldin Scores
             * @default null
             */
            davies_bouldin_scores?: number[] | null;
            /**
             * Stability Scores
             * @description Mean bootstrap adjusted Rand index
             * @default null
             */
            stability_scores?: number[] | null;
            /**
             * Min Segment Stability
             * @description Lowest per-segment bootstrap Jaccard stability
             * @default null
             */
            min_segment_stability?: number[] | null;
            /**
             * Rule
             * @description How optimal_k was chosen
             * @default null
             */
            rule?: string | null;
        };
        /** ElbowOut */
        ElbowOut: {
            /** Optimal K */
            optimal_k: number;
            /** K Range */
            k_range: number[];
            /** Inertias */
            inertias: number[];
            /** Silhouette Scores */
            silhouette_scores: number[];
            /**
             * Chosen K
             * @description The K of the model (the rule's optimal_k or the analyst's k)
             */
            chosen_k: number;
            /**
             * Calinski Harabasz Scores
             * @default null
             */
            calinski_harabasz_scores?: number[] | null;
            /**
             * Davies Bouldin Scores
             * @default null
             */
            davies_bouldin_scores?: number[] | null;
            /**
             * Stability Scores
             * @description Mean bootstrap adjusted Rand index
             * @default null
             */
            stability_scores?: number[] | null;
            /**
             * Min Segment Stability
             * @description Lowest per-segment bootstrap Jaccard stability
             * @default null
             */
            min_segment_stability?: number[] | null;
            /**
             * Rule
             * @description How optimal_k was chosen
             * @default null
             */
            rule?: string | null;
            /** Model Version */
            model_version: string;
        };
        /** Error */
        Error: {
            /**
             * Code
             * @description snake_case error code
             */
            code: string;
            /**
             * Message
             * @description A sentence for a person
             */
            message: string;
            /**
             * Details
             * @default null
             */
            details?: components["schemas"]["ErrorDetail"][] | null;
            /** Request Id */
            request_id: string;
        };
        /** ErrorDetail */
        ErrorDetail: {
            /** Field */
            field: string;
            /** Message */
            message: string;
        };
        /** ExplanationOut */
        ExplanationOut: {
            /** Summary */
            summary: string;
            runner_up: components["schemas"]["ClusterProbability"] | null;
            /** Contributions */
            contributions: components["schemas"]["Contribution"][];
        };
        /** FeatureChoice */
        FeatureChoice: {
            /** Name */
            name: string;
            /**
             * Type
             * @default null
             */
            type?: ("numeric" | "categorical") | null;
            /**
             * Transform
             * @default null
             */
            transform?: ("none" | "log") | null;
            /**
             * Label
             * @default null
             */
            label?: string | null;
            /**
             * Unit
             * @default null
             */
            unit?: string | null;
        };
        /** FeatureDrift */
        FeatureDrift: {
            /** Feature */
            feature: string;
            /**
             * Psi
             * @description Population stability index vs the training bins
             */
            psi: number;
            /**
             * Status
             * @description ok (< 0.1), warn (< 0.25), alert
             * @enum {string}
             */
            status: "ok" | "warn" | "alert";
            /**
             * Observations
             * @description Inputs in the window
             */
            observations: number;
            /**
             * Enough Data
             * @description At least 100 inputs: below that the PSI is mostly noise
             */
            enough_data: boolean;
        };
        /** ForgotPasswordAccepted */
        ForgotPasswordAccepted: {
            /** Message */
            message: string;
        };
        /** ForgotPasswordBody */
        ForgotPasswordBody: {
            /**
             * Email
             * Format: email
             */
            email: string;
        };
        /** Health */
        Health: {
            /** Status */
            status: string;
            /** Version */
            version: string;
            api: components["schemas"]["DependencyStatus"];
            dynamodb: components["schemas"]["DependencyStatus"];
            s3: components["schemas"]["DependencyStatus"];
            model: components["schemas"]["DependencyStatus"];
            /** Active Model Version */
            active_model_version: string | null;
            training: components["schemas"]["TrainingHealth"];
        };
        /** Histogram */
        Histogram: {
            /** Edges */
            edges: number[];
            /**
             * Counts
             * @description Scaled to every row when sampled
             */
            counts: number[];
            /** Sampled */
            sampled: boolean;
        };
        /** HistoryEntry */
        HistoryEntry: {
            /** Id */
            id: string;
            /** Kind */
            kind: string;
            /** Customer Data */
            customer_data: {
                [key: string]: boolean | number | string | null;
            } | null;
            /** Cluster */
            cluster: number | null;
            /** Cluster Name */
            cluster_name: string | null;
            /** Confidence */
            confidence: number | null;
            /**
             * Typicality
             * @default null
             */
            typicality?: number | null;
            /**
             * Atypical
             * @default null
             */
            atypical?: boolean | null;
            /** Model Version */
            model_version: string;
            /** Profile Id */
            profile_id: string | null;
            /** Created At */
            created_at: string;
            /**
             * Customer Id
             * @default null
             */
            customer_id?: string | null;
            /**
             * Count
             * @description Batches: every row received
             * @default null
             */
            count?: number | null;
            /**
             * Failed
             * @description Batches: the rows with errors
             * @default null
             */
            failed?: number | null;
            /**
             * Summary
             * @description Batches: rows per segment name
             * @default null
             */
            summary?: {
                [key: string]: number;
            } | null;
            /**
             * Results
             * @description Batches, one entry: every row's result
             * @default null
             */
            results?: (components["schemas"]["BatchRowOk"] | components["schemas"]["BatchRowError"])[] | null;
            /**
             * Probabilities
             * @description Single entries, one entry: the probabilities given
             * @default null
             */
            probabilities?: components["schemas"]["ClusterProbability"][] | null;
            /**
             * @description Single entries, one entry: why
             * @default null
             */
            explanation?: components["schemas"]["ExplanationOut"] | null;
        };
        /** HistoryPage */
        HistoryPage: {
            /** History */
            history: components["schemas"]["HistoryEntry"][];
            /** Total */
            total: number;
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** HistoryQuery */
        HistoryQuery: {
            /**
             * Limit
             * @default 50
             */
            limit?: number;
            /**
             * Cursor
             * @default null
             */
            cursor?: string | null;
            /**
             * Cluster
             * @default null
             */
            cluster?: number | null;
            /**
             * Min Confidence
             * @default null
             */
            min_confidence?: number | null;
            /**
             * Max Confidence
             * @default null
             */
            max_confidence?: number | null;
            /**
             * From
             * @description ISO 8601 date or time
             * @default null
             */
            from?: string | null;
            /**
             * To
             * @description ISO 8601 date or time
             * @default null
             */
            to?: string | null;
        };
        /** InlineUploadQuery */
        InlineUploadQuery: {
            /**
             * Filename
             * @default upload.csv
             */
            filename?: string;
            /**
             * Kind
             * @default customers
             * @enum {string}
             */
            kind?: "customers" | "transactions";
        };
        /**
         * JobMetrics
         * @description A finished job's headline results (segtrainer.jobs).
         */
        JobMetrics: {
            /**
             * N Clusters
             * @default null
             */
            n_clusters?: number | null;
            /**
             * Silhouette Score
             * @default null
             */
            silhouette_score?: number | null;
            /**
             * Inertia
             * @default null
             */
            inertia?: number | null;
            /**
             * Davies Bouldin
             * @default null
             */
            davies_bouldin?: number | null;
            /**
             * Rows
             * @description Rows trained on
             * @default null
             */
            rows?: number | null;
            /**
             * Rejected Rows
             * @default null
             */
            rejected_rows?: number | null;
            /**
             * Features
             * @default null
             */
            features?: string[] | null;
            /**
             * Rejections
             * @description The first rows left out, with why
             * @default null
             */
            rejections?: components["schemas"]["RowError"][] | null;
            /**
             * Optimal K
             * @default null
             */
            optimal_k?: number | null;
            /**
             * Activated
             * @default null
             */
            activated?: boolean | null;
            /**
             * Training Seconds
             * @default null
             */
            training_seconds?: number | null;
        };
        /** JobOut */
        JobOut: {
            /** Job Id */
            job_id: string;
            /**
             * Status
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
            /**
             * Stage
             * @default null
             */
            stage?: string | null;
            /**
             * Progress
             * @default null
             */
            progress?: number | null;
            /**
             * Created At
             * @default null
             */
            created_at?: string | null;
            /**
             * Started At
             * @default null
             */
            started_at?: string | null;
            /**
             * Finished At
             * @default null
             */
            finished_at?: string | null;
            /**
             * Model Version
             * @default null
             */
            model_version?: string | null;
            /** @default null */
            metrics?: components["schemas"]["JobMetrics"] | null;
            /**
             * Error
             * @default null
             */
            error?: string | null;
            /**
             * @description The job as requested (the trainer's event)
             * @default null
             */
            params?: components["schemas"]["JobParams"] | null;
            /**
             * Requested By
             * @default null
             */
            requested_by?: string | null;
            /**
             * Heartbeat At
             * @description The trainer's last sign of life (epoch seconds)
             * @default null
             */
            heartbeat_at?: number | null;
            /**
             * Run
             * @description The trainer run that owns the job (another delivery of it stops)
             * @default null
             */
            run?: string | null;
            /**
             * Stale
             * @description Failed because the trainer stopped beating
             * @default null
             */
            stale?: boolean | null;
            /**
             * Activation Audited
             * @description Its activation is in the audit log
             * @default null
             */
            activation_audited?: boolean | null;
            /**
             * Message
             * @default null
             */
            message?: string | null;
            /**
             * N Clusters
             * @default null
             */
            n_clusters?: number | null;
            /**
             * Silhouette Score
             * @default null
             */
            silhouette_score?: number | null;
            /**
             * Inertia
             * @default null
             */
            inertia?: number | null;
        };
        /**
         * JobParams
         * @description The trainer's event as the API sent it; once running, with the trainer's reading of it
         *     (every option filled in). A job started outside the API carries what its event had.
         */
        JobParams: {
            /**
             * Task
             * @default null
             */
            task?: "train" | null;
            /**
             * Job Id
             * @default null
             */
            job_id?: string | null;
            /**
             * Dataset Id
             * @default null
             */
            dataset_id?: string | null;
            /**
             * K
             * @default null
             */
            k?: number | null;
            /**
             * K Min
             * @default null
             */
            k_min?: number | null;
            /**
             * K Max
             * @default null
             */
            k_max?: number | null;
            /**
             * Features
             * @description null: the dataset profile's suggestions
             * @default null
             */
            features?: (string | components["schemas"]["RequestedFeature"])[] | null;
            /**
             * Id Column
             * @default null
             */
            id_column?: string | null;
            /**
             * Activate
             * @default null
             */
            activate?: boolean | null;
            /**
             * Seed
             * @default null
             */
            seed?: number | null;
            /**
             * Kind
             * @default null
             */
            kind?: ("customers" | "transactions") | null;
            /**
             * Columns
             * @description Transactions: the column of each role
             * @default null
             */
            columns?: {
                [key: string]: string;
            } | null;
            /**
             * As Of
             * @default null
             */
            as_of?: string | null;
            /**
             * Date Order
             * @default null
             */
            date_order?: ("day-first" | "month-first") | null;
            /**
             * Requested By
             * @default null
             */
            requested_by?: string | null;
            /**
             * Requested By Username
             * @default null
             */
            requested_by_username?: string | null;
        };
        /**
         * KSelection
         * @description How K was chosen (segtrainer.pipeline).
         */
        KSelection: {
            /**
             * Method
             * @description fixed: the analyst's k
             * @enum {string}
             */
            method: "rule" | "fixed";
            /** K Min */
            k_min: number;
            /** K Max */
            k_max: number;
            /** Chosen K */
            chosen_k: number;
            /** Silhouette Sample Size */
            silhouette_sample_size: number;
            /**
             * Selection Sample Size
             * @description Rows each candidate K was fitted on
             */
            selection_sample_size: number;
            /** Selection N Init */
            selection_n_init: number;
            /** Final N Init */
            final_n_init: number;
            /**
             * Fit Sample Size
             * @description Rows the final model was fitted on
             * @default null
             */
            fit_sample_size?: number | null;
            /**
             * Rule
             * @description The rule in words
             * @default null
             */
            rule?: string | null;
            /**
             * Stable
             * @description Every segment's bootstrap stability reaches the rule's threshold
             * @default null
             */
            stable?: boolean | null;
        };
        /** LoginBody */
        LoginBody: {
            /**
             * Username
             * @description Username or email
             */
            username: string;
            /** Password */
            password: string;
        };
        /** LoginResponse */
        LoginResponse: {
            /** Access Token */
            access_token: string;
            /**
             * Token Type
             * @default bearer
             */
            token_type?: string;
            /** Expires In */
            expires_in: number;
            user: components["schemas"]["User"];
        };
        /** MapPoint */
        MapPoint: {
            /** X */
            x: number;
            /** Y */
            y: number;
            /** Cluster */
            cluster: number;
        };
        /** ModelDetail */
        ModelDetail: {
            /** Version */
            version: string;
            /** Created At */
            created_at: string;
            /** N Clusters */
            n_clusters: number;
            /** Features */
            features: string[];
            /** Silhouette Score */
            silhouette_score: number | null;
            /** Inertia */
            inertia: number | null;
            /** Dataset Id */
            dataset_id: string;
            /** Rows */
            rows: number;
            /** Active */
            active: boolean;
            metrics: components["schemas"]["ModelMetrics"];
            /** @description The model's schema */
            schema: components["schemas"]["SchemaOut"];
            /** Clusters */
            clusters: components["schemas"]["SegmentOut"][];
            elbow: components["schemas"]["Elbow"];
            /** Moved */
            moved: components["schemas"]["MovedSegment"][] | null;
            /**
             * @description Training customers per previous segment (rows) and new segment (columns)
             * @default null
             */
            movement?: components["schemas"]["Movement"] | null;
            k_selection: components["schemas"]["KSelection"];
            /**
             * Previous Version
             * @description The version active when it was trained
             * @default null
             */
            previous_version?: string | null;
            /**
             * Kind
             * @description transactions: trained on RFM features computed from order lines
             * @default customers
             * @enum {string}
             */
            kind?: "customers" | "transactions";
            /**
             * @description For kind transactions: the aggregation of the order lines
             * @default null
             */
            transactions?: components["schemas"]["TransactionsSummary"] | null;
        };
        /** ModelList */
        ModelList: {
            /** Active Version */
            active_version: string | null;
            /** Models */
            models: components["schemas"]["ModelSummary"][];
        };
        /**
         * ModelMetrics
         * @description The final fit's quality, as the trainer measured it (segtrainer.pipeline.build_document).
         */
        ModelMetrics: {
            /** Silhouette Score */
            silhouette_score: number;
            /** Inertia */
            inertia: number;
            /** Davies Bouldin */
            davies_bouldin: number;
            /** Calinski Harabasz */
            calinski_harabasz: number;
            /** N Iter */
            n_iter: number;
            /** N Init */
            n_init: number;
            /** Silhouette Sample Size */
            silhouette_sample_size: number;
            /**
             * Rejected Rows
             * @description Rows of the dataset left out as invalid
             * @default null
             */
            rejected_rows?: number | null;
            /**
             * Training Seconds
             * @default null
             */
            training_seconds?: number | null;
            /**
             * Silhouette Per Segment
             * @default null
             */
            silhouette_per_segment?: number[] | null;
            /**
             * Stability
             * @description Mean bootstrap adjusted Rand index
             * @default null
             */
            stability?: number | null;
            /**
             * Stability Per Segment
             * @description Bootstrap Jaccard stability per segment
             * @default null
             */
            stability_per_segment?: number[] | null;
            /**
             * Min Segment Stability
             * @default null
             */
            min_segment_stability?: number | null;
        };
        /** ModelStats */
        ModelStats: {
            /** Active Version */
            active_version: string | null;
            /** Trained At */
            trained_at: string | null;
            /** N Clusters */
            n_clusters: number | null;
        };
        /** ModelSummary */
        ModelSummary: {
            /** Version */
            version: string;
            /** Created At */
            created_at: string;
            /** N Clusters */
            n_clusters: number;
            /** Features */
            features: string[];
            /** Silhouette Score */
            silhouette_score: number | null;
            /** Inertia */
            inertia: number | null;
            /** Dataset Id */
            dataset_id: string;
            /** Rows */
            rows: number;
            /** Active */
            active: boolean;
        };
        /** MonthCount */
        MonthCount: {
            /**
             * Month
             * @description YYYY-MM
             */
            month: string;
            /** Count */
            count: number;
        };
        /** MovedSegment */
        MovedSegment: {
            /** Cluster Id */
            cluster_id: number;
            /** Name */
            name: string;
            /** Previous Cluster Id */
            previous_cluster_id: number | null;
            /** Previous Name */
            previous_name: string | null;
            /**
             * Centroid Shift
             * @description Distance in standardised units of the new model
             */
            centroid_shift: number | null;
        };
        /** Movement */
        Movement: {
            /** Previous Version */
            previous_version: string;
            /** Previous Names */
            previous_names: string[];
            /** Names */
            names: string[];
            /**
             * Matrix
             * @description matrix[i][j]: in previous segment i, now in segment j
             */
            matrix: number[][];
            /** Customers */
            customers: number;
            /** Stayed */
            stayed: number;
            /** Moved Share */
            moved_share: number;
        };
        /** PasswordResetLink */
        PasswordResetLink: {
            /**
             * Reset Url
             * @description One-time link to the SPA's reset page; shown once
             */
            reset_url: string;
            /** Expires At */
            expires_at: string;
        };
        /** Point */
        Point: {
            /** X */
            x: number;
            /** Y */
            y: number;
        };
        /** PredictionOut */
        PredictionOut: {
            /** Prediction Id */
            prediction_id: string;
            /** Cluster */
            cluster: number;
            /** Cluster Name */
            cluster_name: string;
            /** Confidence */
            confidence: number;
            /** Probabilities */
            probabilities: components["schemas"]["ClusterProbability"][];
            /**
             * Typicality
             * @description Share of the segment's training customers farther from its centre
             */
            typicality: number | null;
            /**
             * Atypical
             * @description Typicality below 0.025 or a value outside the training range
             */
            atypical: boolean;
            /**
             * Between Segments
             * @description The runner-up's probability is at least half the top one
             */
            between_segments: boolean;
            explanation: components["schemas"]["ExplanationOut"];
            /** Customer Data */
            customer_data: {
                [key: string]: boolean | number | string | null;
            };
            /**
             * Customer Id
             * @default null
             */
            customer_id?: string | null;
            /** Model Version */
            model_version: string;
            /** Created At */
            created_at: string;
            projection: components["schemas"]["Point"];
        };
        /** PredictionStats */
        PredictionStats: {
            /**
             * Total
             * @description Predictions made (a batch counts each scored row)
             */
            total: number;
            /**
             * Last 24H
             * @description The current hour and the 23 before it
             */
            last_24h: number;
            /**
             * By Cluster
             * @description Per segment name, every name ever predicted
             */
            by_cluster: {
                [key: string]: number;
            };
            /**
             * Per Day
             * @description The last 30 days, oldest first, zero-filled
             */
            per_day: components["schemas"]["DayCount"][];
            /**
             * Per Week
             * @description The last 12 ISO weeks, oldest first
             */
            per_week: components["schemas"]["WeekCount"][];
            /**
             * Per Month
             * @description The last 12 months, oldest first
             */
            per_month: components["schemas"]["MonthCount"][];
        };
        /** PresignedUpload */
        PresignedUpload: {
            /** Url */
            url: string;
            /**
             * Method
             * @enum {string}
             */
            method: "POST" | "PUT";
            /**
             * Fields
             * @default null
             */
            fields?: {
                [key: string]: string;
            } | null;
            /**
             * Headers
             * @default null
             */
            headers?: {
                [key: string]: string;
            } | null;
        };
        /**
         * ProfileCreate
         * @description A saved customer: every model feature of the active schema is required.
         */
        ProfileCreate: {
            /**
             * Features
             * @description The active schema's features by name
             * @default null
             */
            features?: {
                [key: string]: unknown;
            } | null;
            /**
             * Customer Id
             * @description The customer's id in your systems
             * @default null
             */
            customer_id?: string | number | null;
            /**
             * Notes
             * @default null
             */
            notes?: string | null;
            /** Name */
            name: string;
        } & {
            [key: string]: number | string | null;
        };
        /** ProfileList */
        ProfileList: {
            /** Profiles */
            profiles: components["schemas"]["ProfileOut"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** ProfileOut */
        ProfileOut: {
            /** Id */
            id: string;
            /** User Id */
            user_id: string;
            /** Name */
            name: string;
            /** Customer Id */
            customer_id: string | null;
            /** Features */
            features: {
                [key: string]: boolean | number | string | null;
            };
            /** Notes */
            notes: string | null;
            /** Model Version */
            model_version: string | null;
            /**
             * Fits Active Model
             * @description False when the active schema needs fields it lacks
             */
            fits_active_model: boolean;
            /**
             * Missing Fields
             * @description Fields of the active schema it lacks or no longer passes
             */
            missing_fields: string[];
            /**
             * Sex
             * @description Flat field of the replaced system, when present
             * @default null
             */
            sex?: string | null;
            /**
             * Age
             * @default null
             */
            age?: number | null;
            /**
             * Annual Income
             * @default null
             */
            annual_income?: number | null;
            /**
             * Spending Score
             * @default null
             */
            spending_score?: number | null;
            /**
             * Purchase Frequency
             * @default null
             */
            purchase_frequency?: number | null;
            /** Version */
            version: number;
            /** Created At */
            created_at: string;
            /** Updated At */
            updated_at: string;
        };
        /** ProfileQuery */
        ProfileQuery: {
            /**
             * Limit
             * @default 50
             */
            limit?: number;
            /**
             * Cursor
             * @default null
             */
            cursor?: string | null;
        };
        /**
         * ProfileUpdate
         * @description Partial update: only the fields sent change. `version` (optional) must be the current one.
         */
        ProfileUpdate: {
            /**
             * Features
             * @description The active schema's features by name
             * @default null
             */
            features?: {
                [key: string]: unknown;
            } | null;
            /**
             * Customer Id
             * @description The customer's id in your systems
             * @default null
             */
            customer_id?: string | number | null;
            /**
             * Notes
             * @default null
             */
            notes?: string | null;
            /**
             * Name
             * @default null
             */
            name?: string | null;
            /**
             * Version
             * @description Optimistic lock
             * @default null
             */
            version?: number | null;
        } & {
            [key: string]: number | string | null;
        };
        /** ProjectionOut */
        ProjectionOut: {
            /** Model Version */
            model_version: string;
            /**
             * Method
             * @description lda: the plane separating segments best; pca in older models
             */
            method: string;
            /** Axis Labels */
            axis_labels: string[] | null;
            /** Explained Variance Ratio */
            explained_variance_ratio: number[];
            /**
             * Points
             * @description A sample of the training customers (at most 1000)
             */
            points: components["schemas"]["MapPoint"][];
            /**
             * Centroids
             * @description Each segment's centre
             */
            centroids: components["schemas"]["MapPoint"][];
        };
        /** RegisterBody */
        RegisterBody: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Username */
            username: string;
            /** Password */
            password: string;
            /**
             * Full Name
             * @default null
             */
            full_name?: string | null;
        };
        /** RenameBody */
        RenameBody: {
            /**
             * Name
             * @default null
             */
            name?: string | null;
            /**
             * Description
             * @default null
             */
            description?: string | null;
        };
        /**
         * RequestedFeature
         * @description A chosen column as the job carries it: the request's, or the dataset profile's suggestion
         *     (any header, so without the request body's length limits).
         */
        RequestedFeature: {
            /** Name */
            name: string;
            /**
             * Type
             * @default null
             */
            type?: ("numeric" | "categorical") | null;
            /**
             * Transform
             * @default null
             */
            transform?: ("none" | "log") | null;
            /**
             * Label
             * @default null
             */
            label?: string | null;
            /**
             * Unit
             * @default null
             */
            unit?: string | null;
        };
        /** ResetPasswordBody */
        ResetPasswordBody: {
            /**
             * Token
             * @description The token from the reset link (after `#token=`)
             */
            token: string;
            /** New Password */
            new_password: string;
        };
        /**
         * RfmReport
         * @description What the aggregation of order lines read (segcore.rfm).
         */
        RfmReport: {
            /** Lines */
            lines: number;
            /** Used Lines */
            used_lines: number;
            /** Rejected Lines */
            rejected_lines: number;
            /**
             * Rejected
             * @description Lines left out per reason
             */
            rejected: {
                [key: string]: number;
            };
            /**
             * Examples
             * @description The first line numbers per reason
             */
            examples: {
                [key: string]: number[];
            };
            /** Duplicate Lines */
            duplicate_lines: number;
            /** Cancellation Lines */
            cancellation_lines: number;
            /** Return Lines */
            return_lines: number;
            /** Orders */
            orders: number;
            /** Customers */
            customers: number;
            /** Customers Without Purchases */
            customers_without_purchases: number;
            /** Negative Net Customers */
            negative_net_customers: number;
            /**
             * Date Order
             * @description How dates were read
             * @enum {string}
             */
            date_order: "day-first" | "month-first" | "iso";
            /**
             * As Of
             * @description The day recency and tenure are counted to (YYYY-MM-DD)
             */
            as_of: string;
        };
        /**
         * Role
         * @enum {string}
         */
        Role: "user" | "analyst" | "admin";
        /** RoleBody */
        RoleBody: {
            role: components["schemas"]["Role"];
        };
        /** Root */
        Root: {
            /** Status */
            status: string;
            /** Message */
            message: string;
            /** Version */
            version: string;
        };
        /** RowError */
        RowError: {
            /** Row */
            row: number;
            /**
             * Customer Id
             * @default null
             */
            customer_id?: string | null;
            /** Errors */
            errors: components["schemas"]["ErrorDetail"][];
        };
        /** SchemaFeature */
        SchemaFeature: {
            /** Name */
            name: string;
            /** Label */
            label: string;
            /**
             * Type
             * @enum {string}
             */
            type: "numeric" | "categorical";
            /**
             * Unit
             * @default null
             */
            unit?: string | null;
            /**
             * Min
             * @description Hard lower bound
             * @default null
             */
            min?: number | null;
            /**
             * Max
             * @description Hard upper bound
             * @default null
             */
            max?: number | null;
            /**
             * Integer
             * @default null
             */
            integer?: boolean | null;
            /**
             * Categories
             * @default null
             */
            categories?: string[] | null;
            /**
             * Transform
             * @default null
             */
            transform?: ("none" | "log") | null;
            /**
             * Display Only
             * @description Accepted and stored, not modelled
             * @default null
             */
            display_only?: boolean | null;
            /**
             * Required
             * @default null
             */
            required?: boolean | null;
        };
        /** SchemaOut */
        SchemaOut: {
            /** Model Version */
            model_version: string | null;
            /** Id Column */
            id_column: string | null;
            /** Features */
            features: components["schemas"]["SchemaFeature"][];
        };
        /** ScoringJobBody */
        ScoringJobBody: {
            /** Dataset Id */
            dataset_id: string;
            /**
             * Model Version
             * @description Score with this model version (analyst or admin); default: the active model
             * @default null
             */
            model_version?: string | null;
        };
        /** ScoringJobList */
        ScoringJobList: {
            /** Jobs */
            jobs: components["schemas"]["ScoringJobOut"][];
        };
        /** ScoringJobOut */
        ScoringJobOut: {
            /** Job Id */
            job_id: string;
            /**
             * Status
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
            /** Progress */
            progress: number;
            /** Rows */
            rows: number;
            /** Failed */
            failed: number;
            /** Summary */
            summary: {
                [key: string]: number;
            };
            /** Dataset Id */
            dataset_id: string;
            /** Model Version */
            model_version: string;
            /**
             * Download Url
             * @default null
             */
            download_url?: string | null;
            /**
             * Expires At
             * @default null
             */
            expires_at?: string | null;
            /**
             * Error
             * @default null
             */
            error?: string | null;
            /** Created At */
            created_at: string;
            /**
             * Started At
             * @default null
             */
            started_at?: string | null;
            /**
             * Finished At
             * @default null
             */
            finished_at?: string | null;
            /**
             * Updated At
             * @default null
             */
            updated_at?: string | null;
            /**
             * Requested By
             * @default null
             */
            requested_by?: string | null;
            /**
             * History Id
             * @description The batch's history entry, once it succeeded
             * @default null
             */
            history_id?: string | null;
            /**
             * History Recorded
             * @default null
             */
            history_recorded?: boolean | null;
        };
        /** SegmentOut */
        SegmentOut: {
            /** Cluster Id */
            cluster_id: number;
            /** Cluster Name */
            cluster_name: string;
            /** Description */
            description: string;
            /** Size */
            size: number;
            /** Share */
            share: number;
            /**
             * Color
             * @description The segment's one colour in every chart
             */
            color: string;
            /**
             * Averages
             * @description Mean of each numeric feature; most common category
             */
            averages: {
                [key: string]: number | string;
            };
            /**
             * Category Shares
             * @default null
             */
            category_shares?: {
                [key: string]: {
                    [key: string]: number;
                };
            } | null;
            /** Avg Age */
            avg_age: number | null;
            /** Avg Income */
            avg_income: number | null;
            /** Avg Spending Score */
            avg_spending_score: number | null;
            /** Avg Purchase Frequency */
            avg_purchase_frequency: number | null;
            /** Centroid */
            centroid: {
                [key: string]: number;
            };
            /**
             * Renamed
             * @description True once an analyst named it
             * @default null
             */
            renamed?: boolean | null;
            /**
             * Std
             * @description Standard deviation per numeric feature
             * @default null
             */
            std?: {
                [key: string]: number;
            } | null;
            /**
             * Z Profile
             * @description The centre per column, in standard deviations from the average
             * @default null
             */
            z_profile?: {
                [key: string]: number;
            } | null;
            /**
             * Standout
             * @description What sets it apart, most first
             * @default null
             */
            standout?: components["schemas"]["Standout"][] | null;
            /**
             * Defined By
             * @description The standout features in words
             * @default null
             */
            defined_by?: string | null;
            /**
             * Silhouette
             * @description Mean silhouette of its training customers
             * @default null
             */
            silhouette?: number | null;
            /**
             * Stability
             * @description Bootstrap Jaccard stability
             * @default null
             */
            stability?: number | null;
        };
        /** Standout */
        Standout: {
            /** Feature */
            feature: string;
            /** Label */
            label: string;
            /**
             * Z
             * @description The centre's distance from the average, in standard deviations
             */
            z: number;
        };
        /** StatsOut */
        StatsOut: {
            users: components["schemas"]["UserStats"];
            predictions: components["schemas"]["PredictionStats"];
            model: components["schemas"]["ModelStats"];
            drift: components["schemas"]["DriftStats"];
        };
        /** TopValue */
        TopValue: {
            /** Value */
            value: string;
            /** Count */
            count: number;
        };
        /** TrainBody */
        TrainBody: {
            /**
             * K
             * @default null
             */
            k?: number | null;
            /**
             * K Min
             * @default 2
             */
            k_min?: number;
            /**
             * K Max
             * @default 10
             */
            k_max?: number;
            /**
             * Features
             * @description 2+ column names of the dataset, or {name, type?, transform?, label?, unit?}; default: the dataset profile's suggestions
             * @default null
             */
            features?: (string | components["schemas"]["FeatureChoice"])[] | null;
            /**
             * Id Column
             * @default null
             */
            id_column?: string | null;
            /**
             * Seed
             * @default 42
             */
            seed?: number;
            /**
             * Dataset Id
             * @default null
             */
            dataset_id?: string | null;
            /**
             * Activate
             * @description Put the model live when done; default true for an admin, false for an analyst
             * @default null
             */
            activate?: boolean | null;
            /**
             * As Of
             * @description Transactions datasets: the day recency and tenure are counted to (default: the last purchase in the file)
             * @default null
             */
            as_of?: string | null;
            /**
             * Date Order
             * @description Transactions datasets: how slashed dates read (default: detected from the file)
             * @default null
             */
            date_order?: ("day-first" | "month-first") | null;
            /**
             * Columns
             * @description Transactions datasets: the column of each role (default: found by header variants)
             * @default null
             */
            columns?: {
                [key: string]: string;
            } | null;
        };
        /** TrainQuery */
        TrainQuery: {
            /**
             * Wait
             * @default 0
             */
            wait?: number;
        };
        /** TrainingHealth */
        TrainingHealth: {
            /**
             * Status
             * @description idle, queued, running, stuck (no heartbeat: failed, lock freed) or unknown
             */
            status: string;
            /** Job Id */
            job_id: string | null;
            /** Detail */
            detail: string | null;
        };
        /** TransactionsSummary */
        TransactionsSummary: {
            /**
             * Columns
             * @description The column of each role (customer and date always)
             */
            columns: {
                [key: string]: string;
            };
            /** As Of */
            as_of: string;
            /**
             * Date Order
             * @description The order the analyst chose; null (or absent): detected per file
             * @default null
             */
            date_order?: ("day-first" | "month-first") | null;
            report: components["schemas"]["RfmReport"];
        };
        /**
         * UpdateMeBody
         * @description At least one field; an empty object (or no body) changes nothing and is refused.
         */
        UpdateMeBody: {
            /**
             * Email
             * @default null
             */
            email?: string | null;
            /**
             * Username
             * @default null
             */
            username?: string | null;
            /**
             * Full Name
             * @default null
             */
            full_name?: string | null;
        };
        /** UploadBody */
        UploadBody: {
            /** Filename */
            filename: string;
            /**
             * Size Bytes
             * @description at most 5368709120 (5 GiB)
             */
            size_bytes: number;
            /**
             * Kind
             * @default customers
             * @enum {string}
             */
            kind?: "customers" | "transactions";
        };
        /** UploadOut */
        UploadOut: {
            /** Dataset Id */
            dataset_id: string;
            upload: components["schemas"]["PresignedUpload"];
            /** Expires At */
            expires_at: string;
        };
        /** User */
        User: {
            /** Id */
            id: string;
            /** Email */
            email: string;
            /** Username */
            username: string;
            /** Full Name */
            full_name: string | null;
            role: components["schemas"]["Role"];
            /** Is Active */
            is_active: boolean;
            /** Created At */
            created_at: string;
            /** Updated At */
            updated_at: string;
        };
        /** UserList */
        UserList: {
            /** Users */
            users: components["schemas"]["UserWithTotals"][];
            /** Total */
            total: number;
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** UserStats */
        UserStats: {
            /** Total */
            total: number;
            /** Active */
            active: number;
            /** Inactive */
            inactive: number;
            /** By Role */
            by_role: {
                [key: string]: number;
            };
        };
        /** UserWithTotals */
        UserWithTotals: {
            /** Id */
            id: string;
            /** Email */
            email: string;
            /** Username */
            username: string;
            /** Full Name */
            full_name: string | null;
            role: components["schemas"]["Role"];
            /** Is Active */
            is_active: boolean;
            /** Created At */
            created_at: string;
            /** Updated At */
            updated_at: string;
            /** Total Predictions */
            total_predictions: number;
            /** Total Saved Profiles */
            total_saved_profiles: number;
        };
        /** WeekCount */
        WeekCount: {
            /**
             * Week
             * @description ISO week, YYYY-Www
             */
            week: string;
            /** Count */
            count: number;
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
    get_admin_stats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatsOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_admin_audit: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_admin_users: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                search?: string | null;
                role?: components["schemas"]["Role"] | null;
                is_active?: boolean | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_admin_users_user_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserWithTotals"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    delete_admin_users_user_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    put_admin_users_user_id_role: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoleBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserWithTotals"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_users: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                search?: string | null;
                role?: components["schemas"]["Role"] | null;
                is_active?: boolean | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_users_user_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserWithTotals"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    delete_users_user_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    put_users_user_id_role: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoleBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserWithTotals"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    put_admin_users_user_id_toggle_active: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserWithTotals"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_admin_users_user_id_password_reset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordResetLink"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_auth_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterBody"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_auth_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_auth_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_auth_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_auth_forgot_password: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ForgotPasswordBody"];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForgotPasswordAccepted"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_auth_password_reset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_datasets_uploads: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UploadBody"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadOut"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_datasets_dataset_id_complete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_datasets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetList"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_datasets: {
        parameters: {
            query?: {
                filename?: string;
                kind?: "customers" | "transactions";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetOut"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_datasets_dataset_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    "get_openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_root: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Root"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_history: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                cluster?: number | null;
                min_confidence?: number | null;
                max_confidence?: number | null;
                from?: string | null;
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_history_export: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                cluster?: number | null;
                min_confidence?: number | null;
                max_confidence?: number | null;
                from?: string | null;
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_history_entry_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryEntry"];
                    "text/csv": string;
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_users_me_profile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserWithTotals"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    put_users_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateMeBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    delete_users_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteMeBody"];
            };
        };
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    put_users_me_password: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_train: {
        parameters: {
            query?: {
                wait?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TrainBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_train_job_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_train_job_id_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_models: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelList"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_models_version: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelDetail"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_models_version_activate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelList"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    put_models_version_clusters_cluster_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: string;
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RenameBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentOut"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_schema: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchemaOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_predict: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CustomerBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PredictionOut"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_predict_batch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchBody"];
                "text/csv": string;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchOut"];
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_profiles: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProfileList"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_profiles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfileCreate"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProfileOut"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_profiles_profile_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                profile_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProfileOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    put_profiles_profile_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                profile_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProfileUpdate"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProfileOut"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    delete_profiles_profile_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                profile_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_profiles_profile_id_predict: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                profile_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PredictionOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_scoring_jobs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScoringJobList"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    post_scoring_jobs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScoringJobBody"];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScoringJobOut"];
                };
            };
            /** @description Malformed JSON, query or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Role too low */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed (unknown fields too) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_scoring_jobs_job_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScoringJobOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (including another user's object) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_clusters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClustersOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_elbow: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ElbowOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
    get_clusters_projection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectionOut"];
                };
            };
            /** @description Missing, invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is down; see Retry-After */
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
