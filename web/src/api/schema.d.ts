export interface paths {
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database is reachable and migrated */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the first administrator is still to be created with the setup token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description true until an administrator exists: POST /api/setup */
                            needed: boolean;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create the first administrator with the setup token printed by crosscal serve */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        setupToken: string;
                        /** @description letters, digits and . _ @ - */
                        username: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            username: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in: sets the session cookie and returns the CSRF token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description letters, digits and . _ @ - */
                        username: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            username: string;
                            /** @description send it back in X-CSRF-Token on POST, PUT, PATCH and DELETE */
                            csrfToken: string;
                            /**
                             * Format: date-time
                             * @description the session's absolute end
                             */
                            expiresAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends the session (API tokens stay valid until deleted) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in, and the session's CSRF token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            username: string;
                            via: "session" | "token";
                            csrfToken: string | null;
                            /** Format: date-time */
                            expiresAt: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API tokens (never the tokens themselves) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: {
                                id: string;
                                name: string;
                                /** @description read: GET and HEAD only (monitoring, reports); admin: everything an administrator may do */
                                scope: "read" | "admin";
                                createdBy: string;
                                /** Format: date-time */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description when the token stops working; null: until deleted
                                 */
                                expiresAt: string | null;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an API token (shown once) with a scope and an optional expiry */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description printable text (no control characters) */
                        name: string;
                        /** @description read: GET and HEAD only (monitoring, reports); admin: everything an administrator may do */
                        scope: "read" | "admin";
                        /**
                         * Format: date-time
                         * @description when it stops working (default: until deleted)
                         */
                        expiresAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @description read: GET and HEAD only (monitoring, reports); admin: everything an administrator may do */
                            scope: "read" | "admin";
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description when the token stops working; null: until deleted
                             */
                            expiresAt: string | null;
                            /** @description shown this once: only its hash is kept */
                            token: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an API token: it stops working at once */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log of admin actions, newest first, in pages */
        get: {
            parameters: {
                query: {
                    limit: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                id: string;
                                /** Format: date-time */
                                at: string;
                                /** @description setup, login, login_failed, logout, token_created, token_deleted */
                                action: string;
                                actor: string | null;
                                ip: string | null;
                                detail: {
                                    [key: string]: unknown;
                                } | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/graph": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Graph change notifications */
        post: {
            parameters: {
                query?: {
                    validationToken?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: number;
                            forged: number;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/graph/lifecycle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Graph lifecycle notifications */
        post: {
            parameters: {
                query?: {
                    validationToken?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: number;
                            forged: number;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List connections with their last check (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connections: {
                                id: string;
                                name: string;
                                tenant: string;
                                clientId: string;
                                credentialKind: "secret" | "certificate";
                                /** @description a secret (or private key) is stored; it is never returned */
                                hasSecret: boolean;
                                /** @description SHA-256, hex */
                                certificateThumbprint: string | null;
                                /**
                                 * @description the Microsoft cloud the tenant lives in (default global)
                                 * @enum {unknown}
                                 */
                                cloud: "global" | "usgov" | "usgov-dod" | "china" | "custom";
                                endpoints: {
                                    authority: string;
                                    graph: string;
                                    graphScope: string;
                                } | null;
                                probeMailbox: string | null;
                                /**
                                 * @description the last live check's outcome
                                 * @enum {unknown}
                                 */
                                status: "unchecked" | "connected" | "bad_credentials" | "consent_missing" | "permission_missing" | "mailbox_out_of_scope" | "mailbox_not_found" | "tenant_not_found" | "unreachable" | "error";
                                statusReason: string | null;
                                /** Format: date-time */
                                checkedAt: string | null;
                                /**
                                 * Format: date-time
                                 * @description when the check runs again by itself while a change (consent, roles, secret) propagates
                                 */
                                recheckAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a connection (client secret or certificate); its secret is stored encrypted */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description letters, digits, ".", "-" and "_" (64 at most), starting with a letter or digit */
                        name: string;
                        /** @description the tenant's ID (a GUID) or one of its verified domains */
                        tenant: string;
                        /**
                         * Format: uuid
                         * @description the app registration's Application (client) ID
                         */
                        clientId: string;
                        /** @description the client secret's value (never returned) */
                        clientSecret?: string;
                        /** @description certificate credential: the certificate uploaded to the app registration and its key */
                        certificate?: {
                            /** @description PEM X.509 certificate */
                            certificatePem: string;
                            /** @description its PEM private key, PKCS#8 or PKCS#1 (never returned) */
                            privateKey: string;
                            /** @description for an encrypted private key; not stored */
                            passphrase?: string;
                        };
                        /**
                         * @description the Microsoft cloud the tenant lives in (default global)
                         * @enum {unknown}
                         */
                        cloud?: "global" | "usgov" | "usgov-dod" | "china" | "custom";
                        /** @description custom endpoints, with cloud: custom only */
                        endpoints?: {
                            /** @description https URL of Entra ID (login) host */
                            authority: string;
                            /** @description https URL of the Microsoft Graph host */
                            graph: string;
                            /** @description token scope, default https://graph.microsoft.com/.default */
                            graphScope?: string;
                        };
                        /** @description a mailbox (UPN or address) whose calendar the live check reads */
                        probeMailbox?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            tenant: string;
                            clientId: string;
                            credentialKind: "secret" | "certificate";
                            /** @description a secret (or private key) is stored; it is never returned */
                            hasSecret: boolean;
                            /** @description SHA-256, hex */
                            certificateThumbprint: string | null;
                            /**
                             * @description the Microsoft cloud the tenant lives in (default global)
                             * @enum {unknown}
                             */
                            cloud: "global" | "usgov" | "usgov-dod" | "china" | "custom";
                            endpoints: {
                                authority: string;
                                graph: string;
                                graphScope: string;
                            } | null;
                            probeMailbox: string | null;
                            /**
                             * @description the last live check's outcome
                             * @enum {unknown}
                             */
                            status: "unchecked" | "connected" | "bad_credentials" | "consent_missing" | "permission_missing" | "mailbox_out_of_scope" | "mailbox_not_found" | "tenant_not_found" | "unreachable" | "error";
                            statusReason: string | null;
                            /** Format: date-time */
                            checkedAt: string | null;
                            /**
                             * Format: date-time
                             * @description when the check runs again by itself while a change (consent, roles, secret) propagates
                             */
                            recheckAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One connection with its last check (never its secret) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            tenant: string;
                            clientId: string;
                            credentialKind: "secret" | "certificate";
                            /** @description a secret (or private key) is stored; it is never returned */
                            hasSecret: boolean;
                            /** @description SHA-256, hex */
                            certificateThumbprint: string | null;
                            /**
                             * @description the Microsoft cloud the tenant lives in (default global)
                             * @enum {unknown}
                             */
                            cloud: "global" | "usgov" | "usgov-dod" | "china" | "custom";
                            endpoints: {
                                authority: string;
                                graph: string;
                                graphScope: string;
                            } | null;
                            probeMailbox: string | null;
                            /**
                             * @description the last live check's outcome
                             * @enum {unknown}
                             */
                            status: "unchecked" | "connected" | "bad_credentials" | "consent_missing" | "permission_missing" | "mailbox_out_of_scope" | "mailbox_not_found" | "tenant_not_found" | "unreachable" | "error";
                            statusReason: string | null;
                            /** Format: date-time */
                            checkedAt: string | null;
                            /**
                             * Format: date-time
                             * @description when the check runs again by itself while a change (consent, roles, secret) propagates
                             */
                            recheckAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a connection and its stored secret */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Edit a connection: a new secret or certificate replaces the stored one, none keeps it */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description letters, digits, ".", "-" and "_" (64 at most), starting with a letter or digit */
                        name?: string;
                        /** @description the tenant's ID (a GUID) or one of its verified domains */
                        tenant?: string;
                        /**
                         * Format: uuid
                         * @description the app registration's Application (client) ID
                         */
                        clientId?: string;
                        /** @description the client secret's value (never returned) */
                        clientSecret?: string;
                        /** @description certificate credential: the certificate uploaded to the app registration and its key */
                        certificate?: {
                            /** @description PEM X.509 certificate */
                            certificatePem: string;
                            /** @description its PEM private key, PKCS#8 or PKCS#1 (never returned) */
                            privateKey: string;
                            /** @description for an encrypted private key; not stored */
                            passphrase?: string;
                        };
                        /**
                         * @description the Microsoft cloud the tenant lives in (default global)
                         * @enum {unknown}
                         */
                        cloud?: "global" | "usgov" | "usgov-dod" | "china" | "custom";
                        /** @description custom endpoints, with cloud: custom only */
                        endpoints?: {
                            /** @description https URL of Entra ID (login) host */
                            authority: string;
                            /** @description https URL of the Microsoft Graph host */
                            graph: string;
                            /** @description token scope, default https://graph.microsoft.com/.default */
                            graphScope?: string;
                        };
                        /** @description a mailbox (UPN or address) whose calendar the live check reads */
                        probeMailbox?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            tenant: string;
                            clientId: string;
                            credentialKind: "secret" | "certificate";
                            /** @description a secret (or private key) is stored; it is never returned */
                            hasSecret: boolean;
                            /** @description SHA-256, hex */
                            certificateThumbprint: string | null;
                            /**
                             * @description the Microsoft cloud the tenant lives in (default global)
                             * @enum {unknown}
                             */
                            cloud: "global" | "usgov" | "usgov-dod" | "china" | "custom";
                            endpoints: {
                                authority: string;
                                graph: string;
                                graphScope: string;
                            } | null;
                            probeMailbox: string | null;
                            /**
                             * @description the last live check's outcome
                             * @enum {unknown}
                             */
                            status: "unchecked" | "connected" | "bad_credentials" | "consent_missing" | "permission_missing" | "mailbox_out_of_scope" | "mailbox_not_found" | "tenant_not_found" | "unreachable" | "error";
                            statusReason: string | null;
                            /** Format: date-time */
                            checkedAt: string | null;
                            /**
                             * Format: date-time
                             * @description when the check runs again by itself while a change (consent, roles, secret) propagates
                             */
                            recheckAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/connections/{id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a connection live (token, then one Graph read) and record the outcome */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection: {
                                id: string;
                                name: string;
                                tenant: string;
                                clientId: string;
                                credentialKind: "secret" | "certificate";
                                /** @description a secret (or private key) is stored; it is never returned */
                                hasSecret: boolean;
                                /** @description SHA-256, hex */
                                certificateThumbprint: string | null;
                                /**
                                 * @description the Microsoft cloud the tenant lives in (default global)
                                 * @enum {unknown}
                                 */
                                cloud: "global" | "usgov" | "usgov-dod" | "china" | "custom";
                                endpoints: {
                                    authority: string;
                                    graph: string;
                                    graphScope: string;
                                } | null;
                                probeMailbox: string | null;
                                /**
                                 * @description the last live check's outcome
                                 * @enum {unknown}
                                 */
                                status: "unchecked" | "connected" | "bad_credentials" | "consent_missing" | "permission_missing" | "mailbox_out_of_scope" | "mailbox_not_found" | "tenant_not_found" | "unreachable" | "error";
                                statusReason: string | null;
                                /** Format: date-time */
                                checkedAt: string | null;
                                /**
                                 * Format: date-time
                                 * @description when the check runs again by itself while a change (consent, roles, secret) propagates
                                 */
                                recheckAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            /** @description application permissions the token carried */
                            roles: string[] | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where Entra ID sends the administrator back after admin consent (answers an HTML page) */
        get: {
            parameters: {
                query?: {
                    /** @description "True" when the administrator granted consent */
                    admin_consent?: string;
                    /** @description the tenant ID consent was granted in */
                    tenant?: string;
                    /** @description the state the consent URL carried */
                    state?: string;
                    /** @description why consent was not granted, e.g. permission_denied */
                    error?: string;
                    /** @description Entra ID's explanation */
                    error_description?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an HTML page for the administrator (text/html) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description an HTML page for the administrator (text/html) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description an HTML page for the administrator (text/html) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description an HTML page for the administrator (text/html) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Start a connection through admin consent for this deployment's multi-tenant app */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description letters, digits, ".", "-" and "_" (64 at most), starting with a letter or digit */
                        name: string;
                        /** @description the tenant's ID (a GUID) or one of its verified domains */
                        tenant?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description send the tenant's administrator here (a Global or Privileged Role Admin) */
                            url: string;
                            /**
                             * Format: date-time
                             * @description the URL works once, until then
                             */
                            expiresAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List syncs with their settings and profile counts by status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            syncs: {
                                id: string;
                                name: string;
                                /** @description connection id of side A */
                                connectionA: string;
                                /** @description connection id of side B */
                                connectionB: string;
                                /** @enum {unknown} */
                                direction: "two-way" | "a-to-b" | "b-to-a";
                                /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                                mapping: string | {
                                    /**
                                     * @description the preset the mapping starts from
                                     * @enum {unknown}
                                     */
                                    preset: "full-details" | "busy";
                                    /** @description fields of the copy decided otherwise than by the preset */
                                    fields?: {
                                        /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                        subject?: ("copy" | "omit") | {
                                            value: string;
                                        } | {
                                            template: string;
                                        };
                                        /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                        body?: ("copy" | "omit") | {
                                            /** @description plain text */
                                            value: string;
                                        } | {
                                            template: string;
                                        };
                                        /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                        location?: ("copy" | "omit") | {
                                            value: string;
                                        } | {
                                            template: string;
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        showAs?: ("copy" | "omit") | {
                                            /** @enum {unknown} */
                                            value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        sensitivity?: ("copy" | "omit") | {
                                            /** @enum {unknown} */
                                            value: "normal" | "personal" | "private" | "confidential";
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        importance?: ("copy" | "omit") | {
                                            /** @enum {unknown} */
                                            value: "low" | "normal" | "high";
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        categories?: ("copy" | "omit") | {
                                            value: string[];
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        reminder?: ("copy" | "omit") | {
                                            /** @description minutes before the start */
                                            value: number;
                                        };
                                    };
                                };
                                /** @enum {unknown} */
                                startMode: "only-new" | "merge";
                                window: {
                                    pastDays: number;
                                };
                                policies: {
                                    copyReminders: boolean;
                                    massDeletionShare: number;
                                    massDeletionMinimum: number;
                                    emptySideGuard: boolean;
                                };
                                rules: {
                                    /** @description shown as the reason of what it skips */
                                    name: string;
                                    /** @description conditions that must all hold (none: every event) */
                                    when: {
                                        /** @description the subject contains, equals or matches (case is ignored) */
                                        subject?: {
                                            contains?: string;
                                            equals?: string;
                                            /** @description a regular expression */
                                            matches?: string;
                                        };
                                        /** @description the original's sensitivity (privacy) is one of these */
                                        sensitivity?: ("normal" | "personal" | "private" | "confidential")[];
                                        /** @description the original shows as one of these */
                                        showAs?: ("free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown")[];
                                        isAllDay?: boolean;
                                        /** @description the original has any of these categories */
                                        categories?: string[];
                                        /** @description the mailbox owner's response is one of these */
                                        response?: ("none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded")[];
                                        /** @description the organizer's address, or its domain, is one of these */
                                        organizer?: string[];
                                        /** @description the mailbox owner organizes the meeting */
                                        isOrganizer?: boolean;
                                        /** @description the event belongs to a recurring series */
                                        isRecurring?: boolean;
                                        /** @description the event lasts this many minutes, bounds included */
                                        duration?: {
                                            minimumMinutes?: number;
                                            maximumMinutes?: number;
                                        };
                                        isCancelled?: boolean;
                                    };
                                    /** @description skip, or { mapping: a preset or { preset, fields } } */
                                    then: "skip" | {
                                        /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                                        mapping: string | {
                                            /**
                                             * @description the preset the mapping starts from
                                             * @enum {unknown}
                                             */
                                            preset: "full-details" | "busy";
                                            /** @description fields of the copy decided otherwise than by the preset */
                                            fields?: {
                                                /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                                subject?: ("copy" | "omit") | {
                                                    value: string;
                                                } | {
                                                    template: string;
                                                };
                                                /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                                body?: ("copy" | "omit") | {
                                                    /** @description plain text */
                                                    value: string;
                                                } | {
                                                    template: string;
                                                };
                                                /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                                location?: ("copy" | "omit") | {
                                                    value: string;
                                                } | {
                                                    template: string;
                                                };
                                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                                showAs?: ("copy" | "omit") | {
                                                    /** @enum {unknown} */
                                                    value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                                };
                                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                                sensitivity?: ("copy" | "omit") | {
                                                    /** @enum {unknown} */
                                                    value: "normal" | "personal" | "private" | "confidential";
                                                };
                                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                                importance?: ("copy" | "omit") | {
                                                    /** @enum {unknown} */
                                                    value: "low" | "normal" | "high";
                                                };
                                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                                categories?: ("copy" | "omit") | {
                                                    value: string[];
                                                };
                                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                                reminder?: ("copy" | "omit") | {
                                                    /** @description minutes before the start */
                                                    value: number;
                                                };
                                            };
                                        };
                                    };
                                }[];
                                /** @description the sync's profiles, by status */
                                profiles: {
                                    total: number;
                                    draft: number;
                                    active: number;
                                    paused: number;
                                    error: number;
                                    needs_confirmation: number;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a sync between two connections (the config file's sync entry, by connection ids) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description a new sync; omitted fields take the config file's defaults */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description unique; letters, digits, ".", "-" and "_" (64 at most), starting with a letter or digit */
                        name: string;
                        /** @description a connection's id (see GET /api/connections) */
                        connectionA: string;
                        /** @description a connection's id (see GET /api/connections) */
                        connectionB: string;
                        /**
                         * @description which side's originals are copied (default two-way)
                         * @enum {unknown}
                         */
                        direction?: "two-way" | "a-to-b" | "b-to-a";
                        /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                        mapping?: string | {
                            /**
                             * @description the preset the mapping starts from
                             * @enum {unknown}
                             */
                            preset: "full-details" | "busy";
                            /** @description fields of the copy decided otherwise than by the preset */
                            fields?: {
                                /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                subject?: ("copy" | "omit") | {
                                    value: string;
                                } | {
                                    template: string;
                                };
                                /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                body?: ("copy" | "omit") | {
                                    /** @description plain text */
                                    value: string;
                                } | {
                                    template: string;
                                };
                                /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                location?: ("copy" | "omit") | {
                                    value: string;
                                } | {
                                    template: string;
                                };
                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                showAs?: ("copy" | "omit") | {
                                    /** @enum {unknown} */
                                    value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                };
                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                sensitivity?: ("copy" | "omit") | {
                                    /** @enum {unknown} */
                                    value: "normal" | "personal" | "private" | "confidential";
                                };
                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                importance?: ("copy" | "omit") | {
                                    /** @enum {unknown} */
                                    value: "low" | "normal" | "high";
                                };
                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                categories?: ("copy" | "omit") | {
                                    value: string[];
                                };
                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                reminder?: ("copy" | "omit") | {
                                    /** @description minutes before the start */
                                    value: number;
                                };
                            };
                        };
                        /**
                         * @description how new profiles start: only new meetings, or merge existing ones (default only-new)
                         * @enum {unknown}
                         */
                        startMode?: "only-new" | "merge";
                        /** @description which events are processed (there is no limit on the future) */
                        window?: {
                            /** @description events that ended more than this many days ago are not processed (default 30) */
                            pastDays?: number;
                        };
                        /** @description guards and reminders */
                        policies?: {
                            /**
                             * @description copies keep the original's reminder (off: one person is not reminded twice)
                             * @default false
                             */
                            copyReminders?: boolean;
                            /**
                             * @description a run that would delete more than this share of a profile's copies stops for confirmation
                             * @default 0.5
                             */
                            massDeletionShare?: number;
                            /**
                             * @description the mass-deletion guard applies only when a run would delete at least this many copies
                             * @default 10
                             */
                            massDeletionMinimum?: number;
                            /**
                             * @description a side that suddenly holds no events stops the run for confirmation
                             * @default true
                             */
                            emptySideGuard?: boolean;
                        };
                        /** @description tried in order; the first that holds decides */
                        rules?: {
                            /** @description shown as the reason of what it skips */
                            name: string;
                            /** @description conditions that must all hold (none: every event) */
                            when: {
                                /** @description the subject contains, equals or matches (case is ignored) */
                                subject?: {
                                    contains?: string;
                                    equals?: string;
                                    /** @description a regular expression */
                                    matches?: string;
                                };
                                /** @description the original's sensitivity (privacy) is one of these */
                                sensitivity?: ("normal" | "personal" | "private" | "confidential")[];
                                /** @description the original shows as one of these */
                                showAs?: ("free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown")[];
                                isAllDay?: boolean;
                                /** @description the original has any of these categories */
                                categories?: string[];
                                /** @description the mailbox owner's response is one of these */
                                response?: ("none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded")[];
                                /** @description the organizer's address, or its domain, is one of these */
                                organizer?: string[];
                                /** @description the mailbox owner organizes the meeting */
                                isOrganizer?: boolean;
                                /** @description the event belongs to a recurring series */
                                isRecurring?: boolean;
                                /** @description the event lasts this many minutes, bounds included */
                                duration?: {
                                    minimumMinutes?: number;
                                    maximumMinutes?: number;
                                };
                                isCancelled?: boolean;
                            };
                            /** @description skip, or { mapping: a preset or { preset, fields } } */
                            then: "skip" | {
                                /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                                mapping: string | {
                                    /**
                                     * @description the preset the mapping starts from
                                     * @enum {unknown}
                                     */
                                    preset: "full-details" | "busy";
                                    /** @description fields of the copy decided otherwise than by the preset */
                                    fields?: {
                                        /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                        subject?: ("copy" | "omit") | {
                                            value: string;
                                        } | {
                                            template: string;
                                        };
                                        /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                        body?: ("copy" | "omit") | {
                                            /** @description plain text */
                                            value: string;
                                        } | {
                                            template: string;
                                        };
                                        /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                        location?: ("copy" | "omit") | {
                                            value: string;
                                        } | {
                                            template: string;
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        showAs?: ("copy" | "omit") | {
                                            /** @enum {unknown} */
                                            value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        sensitivity?: ("copy" | "omit") | {
                                            /** @enum {unknown} */
                                            value: "normal" | "personal" | "private" | "confidential";
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        importance?: ("copy" | "omit") | {
                                            /** @enum {unknown} */
                                            value: "low" | "normal" | "high";
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        categories?: ("copy" | "omit") | {
                                            value: string[];
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        reminder?: ("copy" | "omit") | {
                                            /** @description minutes before the start */
                                            value: number;
                                        };
                                    };
                                };
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @description connection id of side A */
                            connectionA: string;
                            /** @description connection id of side B */
                            connectionB: string;
                            /** @enum {unknown} */
                            direction: "two-way" | "a-to-b" | "b-to-a";
                            /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                            mapping: string | {
                                /**
                                 * @description the preset the mapping starts from
                                 * @enum {unknown}
                                 */
                                preset: "full-details" | "busy";
                                /** @description fields of the copy decided otherwise than by the preset */
                                fields?: {
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    subject?: ("copy" | "omit") | {
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    body?: ("copy" | "omit") | {
                                        /** @description plain text */
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    location?: ("copy" | "omit") | {
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    showAs?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    sensitivity?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "normal" | "personal" | "private" | "confidential";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    importance?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "low" | "normal" | "high";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    categories?: ("copy" | "omit") | {
                                        value: string[];
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    reminder?: ("copy" | "omit") | {
                                        /** @description minutes before the start */
                                        value: number;
                                    };
                                };
                            };
                            /** @enum {unknown} */
                            startMode: "only-new" | "merge";
                            window: {
                                pastDays: number;
                            };
                            policies: {
                                copyReminders: boolean;
                                massDeletionShare: number;
                                massDeletionMinimum: number;
                                emptySideGuard: boolean;
                            };
                            rules: {
                                /** @description shown as the reason of what it skips */
                                name: string;
                                /** @description conditions that must all hold (none: every event) */
                                when: {
                                    /** @description the subject contains, equals or matches (case is ignored) */
                                    subject?: {
                                        contains?: string;
                                        equals?: string;
                                        /** @description a regular expression */
                                        matches?: string;
                                    };
                                    /** @description the original's sensitivity (privacy) is one of these */
                                    sensitivity?: ("normal" | "personal" | "private" | "confidential")[];
                                    /** @description the original shows as one of these */
                                    showAs?: ("free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown")[];
                                    isAllDay?: boolean;
                                    /** @description the original has any of these categories */
                                    categories?: string[];
                                    /** @description the mailbox owner's response is one of these */
                                    response?: ("none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded")[];
                                    /** @description the organizer's address, or its domain, is one of these */
                                    organizer?: string[];
                                    /** @description the mailbox owner organizes the meeting */
                                    isOrganizer?: boolean;
                                    /** @description the event belongs to a recurring series */
                                    isRecurring?: boolean;
                                    /** @description the event lasts this many minutes, bounds included */
                                    duration?: {
                                        minimumMinutes?: number;
                                        maximumMinutes?: number;
                                    };
                                    isCancelled?: boolean;
                                };
                                /** @description skip, or { mapping: a preset or { preset, fields } } */
                                then: "skip" | {
                                    /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                                    mapping: string | {
                                        /**
                                         * @description the preset the mapping starts from
                                         * @enum {unknown}
                                         */
                                        preset: "full-details" | "busy";
                                        /** @description fields of the copy decided otherwise than by the preset */
                                        fields?: {
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            subject?: ("copy" | "omit") | {
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            body?: ("copy" | "omit") | {
                                                /** @description plain text */
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            location?: ("copy" | "omit") | {
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            showAs?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            sensitivity?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "normal" | "personal" | "private" | "confidential";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            importance?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "low" | "normal" | "high";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            categories?: ("copy" | "omit") | {
                                                value: string[];
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            reminder?: ("copy" | "omit") | {
                                                /** @description minutes before the start */
                                                value: number;
                                            };
                                        };
                                    };
                                };
                            }[];
                            /** @description the sync's profiles, by status */
                            profiles: {
                                total: number;
                                draft: number;
                                active: number;
                                paused: number;
                                error: number;
                                needs_confirmation: number;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sync with its settings and profile counts by status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @description connection id of side A */
                            connectionA: string;
                            /** @description connection id of side B */
                            connectionB: string;
                            /** @enum {unknown} */
                            direction: "two-way" | "a-to-b" | "b-to-a";
                            /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                            mapping: string | {
                                /**
                                 * @description the preset the mapping starts from
                                 * @enum {unknown}
                                 */
                                preset: "full-details" | "busy";
                                /** @description fields of the copy decided otherwise than by the preset */
                                fields?: {
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    subject?: ("copy" | "omit") | {
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    body?: ("copy" | "omit") | {
                                        /** @description plain text */
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    location?: ("copy" | "omit") | {
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    showAs?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    sensitivity?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "normal" | "personal" | "private" | "confidential";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    importance?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "low" | "normal" | "high";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    categories?: ("copy" | "omit") | {
                                        value: string[];
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    reminder?: ("copy" | "omit") | {
                                        /** @description minutes before the start */
                                        value: number;
                                    };
                                };
                            };
                            /** @enum {unknown} */
                            startMode: "only-new" | "merge";
                            window: {
                                pastDays: number;
                            };
                            policies: {
                                copyReminders: boolean;
                                massDeletionShare: number;
                                massDeletionMinimum: number;
                                emptySideGuard: boolean;
                            };
                            rules: {
                                /** @description shown as the reason of what it skips */
                                name: string;
                                /** @description conditions that must all hold (none: every event) */
                                when: {
                                    /** @description the subject contains, equals or matches (case is ignored) */
                                    subject?: {
                                        contains?: string;
                                        equals?: string;
                                        /** @description a regular expression */
                                        matches?: string;
                                    };
                                    /** @description the original's sensitivity (privacy) is one of these */
                                    sensitivity?: ("normal" | "personal" | "private" | "confidential")[];
                                    /** @description the original shows as one of these */
                                    showAs?: ("free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown")[];
                                    isAllDay?: boolean;
                                    /** @description the original has any of these categories */
                                    categories?: string[];
                                    /** @description the mailbox owner's response is one of these */
                                    response?: ("none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded")[];
                                    /** @description the organizer's address, or its domain, is one of these */
                                    organizer?: string[];
                                    /** @description the mailbox owner organizes the meeting */
                                    isOrganizer?: boolean;
                                    /** @description the event belongs to a recurring series */
                                    isRecurring?: boolean;
                                    /** @description the event lasts this many minutes, bounds included */
                                    duration?: {
                                        minimumMinutes?: number;
                                        maximumMinutes?: number;
                                    };
                                    isCancelled?: boolean;
                                };
                                /** @description skip, or { mapping: a preset or { preset, fields } } */
                                then: "skip" | {
                                    /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                                    mapping: string | {
                                        /**
                                         * @description the preset the mapping starts from
                                         * @enum {unknown}
                                         */
                                        preset: "full-details" | "busy";
                                        /** @description fields of the copy decided otherwise than by the preset */
                                        fields?: {
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            subject?: ("copy" | "omit") | {
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            body?: ("copy" | "omit") | {
                                                /** @description plain text */
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            location?: ("copy" | "omit") | {
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            showAs?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            sensitivity?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "normal" | "personal" | "private" | "confidential";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            importance?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "low" | "normal" | "high";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            categories?: ("copy" | "omit") | {
                                                value: string[];
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            reminder?: ("copy" | "omit") | {
                                                /** @description minutes before the start */
                                                value: number;
                                            };
                                        };
                                    };
                                };
                            }[];
                            /** @description the sync's profiles, by status */
                            profiles: {
                                total: number;
                                draft: number;
                                active: number;
                                paused: number;
                                error: number;
                                needs_confirmation: number;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a sync that has no profiles (remove them first: they hold its copies' state) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Edit a sync; its connections can change only while it has no profiles */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description the fields to change; policies and window are merged key by key, every other field is replaced */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description unique; letters, digits, ".", "-" and "_" (64 at most), starting with a letter or digit */
                        name?: string;
                        /** @description a connection's id (see GET /api/connections) */
                        connectionA?: string;
                        /** @description a connection's id (see GET /api/connections) */
                        connectionB?: string;
                        /**
                         * @description which side's originals are copied (default two-way)
                         * @enum {unknown}
                         */
                        direction?: "two-way" | "a-to-b" | "b-to-a";
                        /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                        mapping?: string | {
                            /**
                             * @description the preset the mapping starts from
                             * @enum {unknown}
                             */
                            preset: "full-details" | "busy";
                            /** @description fields of the copy decided otherwise than by the preset */
                            fields?: {
                                /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                subject?: ("copy" | "omit") | {
                                    value: string;
                                } | {
                                    template: string;
                                };
                                /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                body?: ("copy" | "omit") | {
                                    /** @description plain text */
                                    value: string;
                                } | {
                                    template: string;
                                };
                                /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                location?: ("copy" | "omit") | {
                                    value: string;
                                } | {
                                    template: string;
                                };
                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                showAs?: ("copy" | "omit") | {
                                    /** @enum {unknown} */
                                    value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                };
                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                sensitivity?: ("copy" | "omit") | {
                                    /** @enum {unknown} */
                                    value: "normal" | "personal" | "private" | "confidential";
                                };
                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                importance?: ("copy" | "omit") | {
                                    /** @enum {unknown} */
                                    value: "low" | "normal" | "high";
                                };
                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                categories?: ("copy" | "omit") | {
                                    value: string[];
                                };
                                /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                reminder?: ("copy" | "omit") | {
                                    /** @description minutes before the start */
                                    value: number;
                                };
                            };
                        };
                        /**
                         * @description how new profiles start: only new meetings, or merge existing ones (default only-new)
                         * @enum {unknown}
                         */
                        startMode?: "only-new" | "merge";
                        /** @description which events are processed (there is no limit on the future) */
                        window?: {
                            /** @description events that ended more than this many days ago are not processed (default 30) */
                            pastDays?: number;
                        };
                        /** @description guards and reminders */
                        policies?: {
                            /**
                             * @description copies keep the original's reminder (off: one person is not reminded twice)
                             * @default false
                             */
                            copyReminders?: boolean;
                            /**
                             * @description a run that would delete more than this share of a profile's copies stops for confirmation
                             * @default 0.5
                             */
                            massDeletionShare?: number;
                            /**
                             * @description the mass-deletion guard applies only when a run would delete at least this many copies
                             * @default 10
                             */
                            massDeletionMinimum?: number;
                            /**
                             * @description a side that suddenly holds no events stops the run for confirmation
                             * @default true
                             */
                            emptySideGuard?: boolean;
                        };
                        /** @description tried in order; the first that holds decides */
                        rules?: {
                            /** @description shown as the reason of what it skips */
                            name: string;
                            /** @description conditions that must all hold (none: every event) */
                            when: {
                                /** @description the subject contains, equals or matches (case is ignored) */
                                subject?: {
                                    contains?: string;
                                    equals?: string;
                                    /** @description a regular expression */
                                    matches?: string;
                                };
                                /** @description the original's sensitivity (privacy) is one of these */
                                sensitivity?: ("normal" | "personal" | "private" | "confidential")[];
                                /** @description the original shows as one of these */
                                showAs?: ("free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown")[];
                                isAllDay?: boolean;
                                /** @description the original has any of these categories */
                                categories?: string[];
                                /** @description the mailbox owner's response is one of these */
                                response?: ("none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded")[];
                                /** @description the organizer's address, or its domain, is one of these */
                                organizer?: string[];
                                /** @description the mailbox owner organizes the meeting */
                                isOrganizer?: boolean;
                                /** @description the event belongs to a recurring series */
                                isRecurring?: boolean;
                                /** @description the event lasts this many minutes, bounds included */
                                duration?: {
                                    minimumMinutes?: number;
                                    maximumMinutes?: number;
                                };
                                isCancelled?: boolean;
                            };
                            /** @description skip, or { mapping: a preset or { preset, fields } } */
                            then: "skip" | {
                                /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                                mapping: string | {
                                    /**
                                     * @description the preset the mapping starts from
                                     * @enum {unknown}
                                     */
                                    preset: "full-details" | "busy";
                                    /** @description fields of the copy decided otherwise than by the preset */
                                    fields?: {
                                        /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                        subject?: ("copy" | "omit") | {
                                            value: string;
                                        } | {
                                            template: string;
                                        };
                                        /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                        body?: ("copy" | "omit") | {
                                            /** @description plain text */
                                            value: string;
                                        } | {
                                            template: string;
                                        };
                                        /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                        location?: ("copy" | "omit") | {
                                            value: string;
                                        } | {
                                            template: string;
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        showAs?: ("copy" | "omit") | {
                                            /** @enum {unknown} */
                                            value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        sensitivity?: ("copy" | "omit") | {
                                            /** @enum {unknown} */
                                            value: "normal" | "personal" | "private" | "confidential";
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        importance?: ("copy" | "omit") | {
                                            /** @enum {unknown} */
                                            value: "low" | "normal" | "high";
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        categories?: ("copy" | "omit") | {
                                            value: string[];
                                        };
                                        /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                        reminder?: ("copy" | "omit") | {
                                            /** @description minutes before the start */
                                            value: number;
                                        };
                                    };
                                };
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @description connection id of side A */
                            connectionA: string;
                            /** @description connection id of side B */
                            connectionB: string;
                            /** @enum {unknown} */
                            direction: "two-way" | "a-to-b" | "b-to-a";
                            /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                            mapping: string | {
                                /**
                                 * @description the preset the mapping starts from
                                 * @enum {unknown}
                                 */
                                preset: "full-details" | "busy";
                                /** @description fields of the copy decided otherwise than by the preset */
                                fields?: {
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    subject?: ("copy" | "omit") | {
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    body?: ("copy" | "omit") | {
                                        /** @description plain text */
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    location?: ("copy" | "omit") | {
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    showAs?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    sensitivity?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "normal" | "personal" | "private" | "confidential";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    importance?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "low" | "normal" | "high";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    categories?: ("copy" | "omit") | {
                                        value: string[];
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    reminder?: ("copy" | "omit") | {
                                        /** @description minutes before the start */
                                        value: number;
                                    };
                                };
                            };
                            /** @enum {unknown} */
                            startMode: "only-new" | "merge";
                            window: {
                                pastDays: number;
                            };
                            policies: {
                                copyReminders: boolean;
                                massDeletionShare: number;
                                massDeletionMinimum: number;
                                emptySideGuard: boolean;
                            };
                            rules: {
                                /** @description shown as the reason of what it skips */
                                name: string;
                                /** @description conditions that must all hold (none: every event) */
                                when: {
                                    /** @description the subject contains, equals or matches (case is ignored) */
                                    subject?: {
                                        contains?: string;
                                        equals?: string;
                                        /** @description a regular expression */
                                        matches?: string;
                                    };
                                    /** @description the original's sensitivity (privacy) is one of these */
                                    sensitivity?: ("normal" | "personal" | "private" | "confidential")[];
                                    /** @description the original shows as one of these */
                                    showAs?: ("free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown")[];
                                    isAllDay?: boolean;
                                    /** @description the original has any of these categories */
                                    categories?: string[];
                                    /** @description the mailbox owner's response is one of these */
                                    response?: ("none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded")[];
                                    /** @description the organizer's address, or its domain, is one of these */
                                    organizer?: string[];
                                    /** @description the mailbox owner organizes the meeting */
                                    isOrganizer?: boolean;
                                    /** @description the event belongs to a recurring series */
                                    isRecurring?: boolean;
                                    /** @description the event lasts this many minutes, bounds included */
                                    duration?: {
                                        minimumMinutes?: number;
                                        maximumMinutes?: number;
                                    };
                                    isCancelled?: boolean;
                                };
                                /** @description skip, or { mapping: a preset or { preset, fields } } */
                                then: "skip" | {
                                    /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                                    mapping: string | {
                                        /**
                                         * @description the preset the mapping starts from
                                         * @enum {unknown}
                                         */
                                        preset: "full-details" | "busy";
                                        /** @description fields of the copy decided otherwise than by the preset */
                                        fields?: {
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            subject?: ("copy" | "omit") | {
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            body?: ("copy" | "omit") | {
                                                /** @description plain text */
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            location?: ("copy" | "omit") | {
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            showAs?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            sensitivity?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "normal" | "personal" | "private" | "confidential";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            importance?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "low" | "normal" | "high";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            categories?: ("copy" | "omit") | {
                                                value: string[];
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            reminder?: ("copy" | "omit") | {
                                                /** @description minutes before the start */
                                                value: number;
                                            };
                                        };
                                    };
                                };
                            }[];
                            /** @description the sync's profiles, by status */
                            profiles: {
                                total: number;
                                draft: number;
                                active: number;
                                paused: number;
                                error: number;
                                needs_confirmation: number;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/syncs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent and upcoming events of one mailbox of a sync (a profile's, or an address), to preview */
        get: {
            parameters: {
                query: {
                    /** @description the mailbox of side A (connection A) or side B */
                    side: "A" | "B";
                    /** @description a profile's id */
                    profile?: string;
                    /** @description instead of profile: a mailbox of side's tenant */
                    mailbox?: string;
                    /** @description part of the subject */
                    search?: string;
                    /** @description default: 14 days ago */
                    since?: string;
                    /** @description default: 90 days ahead */
                    until?: string;
                    limit: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description the mailbox of side A (connection A) or side B
                             * @enum {unknown}
                             */
                            side: "A" | "B";
                            mailbox: string;
                            /** Format: date-time */
                            since: string;
                            /** Format: date-time */
                            until: string;
                            /** @description by start; a series as its occurrences */
                            events: {
                                id: string;
                                subject: string;
                                start: {
                                    /** @description a wall-clock time without offset, e.g. 2025-03-04T12:30:00 */
                                    dateTime: string;
                                    /** @description an IANA zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                                end: {
                                    /** @description a wall-clock time without offset, e.g. 2025-03-04T12:30:00 */
                                    dateTime: string;
                                    /** @description an IANA zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                                isAllDay: boolean;
                                /** @enum {unknown} */
                                sensitivity: "normal" | "personal" | "private" | "confidential";
                                /** @enum {unknown} */
                                showAs: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                organizer: {
                                    name: string;
                                    address: string;
                                } | null;
                                /** @description how many */
                                attendees: number;
                                isRecurring: boolean;
                                /** @enum {unknown} */
                                kind: "single" | "series" | "occurrence" | "exception";
                                isCancelled: boolean;
                                /** @description crosscal wrote it */
                                isCopy: boolean;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/preview-copy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The copy a sync document (saved or not) would write of one event, and what decided it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description a sync document as POST /api/syncs takes it (the editor's draft, saved or not) */
                        sync: {
                            /** @description unique; letters, digits, ".", "-" and "_" (64 at most), starting with a letter or digit */
                            name: string;
                            /** @description a connection's id (see GET /api/connections) */
                            connectionA: string;
                            /** @description a connection's id (see GET /api/connections) */
                            connectionB: string;
                            /**
                             * @description which side's originals are copied (default two-way)
                             * @enum {unknown}
                             */
                            direction?: "two-way" | "a-to-b" | "b-to-a";
                            /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                            mapping?: string | {
                                /**
                                 * @description the preset the mapping starts from
                                 * @enum {unknown}
                                 */
                                preset: "full-details" | "busy";
                                /** @description fields of the copy decided otherwise than by the preset */
                                fields?: {
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    subject?: ("copy" | "omit") | {
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    body?: ("copy" | "omit") | {
                                        /** @description plain text */
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    location?: ("copy" | "omit") | {
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    showAs?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    sensitivity?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "normal" | "personal" | "private" | "confidential";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    importance?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "low" | "normal" | "high";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    categories?: ("copy" | "omit") | {
                                        value: string[];
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    reminder?: ("copy" | "omit") | {
                                        /** @description minutes before the start */
                                        value: number;
                                    };
                                };
                            };
                            /**
                             * @description how new profiles start: only new meetings, or merge existing ones (default only-new)
                             * @enum {unknown}
                             */
                            startMode?: "only-new" | "merge";
                            /** @description which events are processed (there is no limit on the future) */
                            window?: {
                                /** @description events that ended more than this many days ago are not processed (default 30) */
                                pastDays?: number;
                            };
                            /** @description guards and reminders */
                            policies?: {
                                /**
                                 * @description copies keep the original's reminder (off: one person is not reminded twice)
                                 * @default false
                                 */
                                copyReminders?: boolean;
                                /**
                                 * @description a run that would delete more than this share of a profile's copies stops for confirmation
                                 * @default 0.5
                                 */
                                massDeletionShare?: number;
                                /**
                                 * @description the mass-deletion guard applies only when a run would delete at least this many copies
                                 * @default 10
                                 */
                                massDeletionMinimum?: number;
                                /**
                                 * @description a side that suddenly holds no events stops the run for confirmation
                                 * @default true
                                 */
                                emptySideGuard?: boolean;
                            };
                            /** @description tried in order; the first that holds decides */
                            rules?: {
                                /** @description shown as the reason of what it skips */
                                name: string;
                                /** @description conditions that must all hold (none: every event) */
                                when: {
                                    /** @description the subject contains, equals or matches (case is ignored) */
                                    subject?: {
                                        contains?: string;
                                        equals?: string;
                                        /** @description a regular expression */
                                        matches?: string;
                                    };
                                    /** @description the original's sensitivity (privacy) is one of these */
                                    sensitivity?: ("normal" | "personal" | "private" | "confidential")[];
                                    /** @description the original shows as one of these */
                                    showAs?: ("free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown")[];
                                    isAllDay?: boolean;
                                    /** @description the original has any of these categories */
                                    categories?: string[];
                                    /** @description the mailbox owner's response is one of these */
                                    response?: ("none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded")[];
                                    /** @description the organizer's address, or its domain, is one of these */
                                    organizer?: string[];
                                    /** @description the mailbox owner organizes the meeting */
                                    isOrganizer?: boolean;
                                    /** @description the event belongs to a recurring series */
                                    isRecurring?: boolean;
                                    /** @description the event lasts this many minutes, bounds included */
                                    duration?: {
                                        minimumMinutes?: number;
                                        maximumMinutes?: number;
                                    };
                                    isCancelled?: boolean;
                                };
                                /** @description skip, or { mapping: a preset or { preset, fields } } */
                                then: "skip" | {
                                    /** @description a preset (full-details, busy) or a custom mapping { preset, fields } */
                                    mapping: string | {
                                        /**
                                         * @description the preset the mapping starts from
                                         * @enum {unknown}
                                         */
                                        preset: "full-details" | "busy";
                                        /** @description fields of the copy decided otherwise than by the preset */
                                        fields?: {
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            subject?: ("copy" | "omit") | {
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            body?: ("copy" | "omit") | {
                                                /** @description plain text */
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                            location?: ("copy" | "omit") | {
                                                value: string;
                                            } | {
                                                template: string;
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            showAs?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            sensitivity?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "normal" | "personal" | "private" | "confidential";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            importance?: ("copy" | "omit") | {
                                                /** @enum {unknown} */
                                                value: "low" | "normal" | "high";
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            categories?: ("copy" | "omit") | {
                                                value: string[];
                                            };
                                            /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                            reminder?: ("copy" | "omit") | {
                                                /** @description minutes before the start */
                                                value: number;
                                            };
                                        };
                                    };
                                };
                            }[];
                        };
                        event: {
                            /** @description the saved sync whose mailbox holds it */
                            syncId: string;
                            /** @description one of its profiles */
                            profileId?: string;
                            /** @description or a mailbox of side's tenant */
                            mailbox?: string;
                            /**
                             * @description the mailbox of side A (connection A) or side B
                             * @enum {unknown}
                             */
                            side: "A" | "B";
                            /** @description from GET /api/syncs/{id}/events */
                            eventId: string;
                        } | {
                            /** @description an event in the neutral shape; what is left out takes Outlook's defaults */
                            pasted: {
                                subject: string;
                                start: {
                                    /** @description a wall-clock time without offset, e.g. 2025-03-04T12:30:00 */
                                    dateTime: string;
                                    /** @description an IANA zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                                end: {
                                    /** @description a wall-clock time without offset, e.g. 2025-03-04T12:30:00 */
                                    dateTime: string;
                                    /** @description an IANA zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                                /** @description default: empty text */
                                body?: {
                                    /** @enum {unknown} */
                                    type: "text" | "html";
                                    content: string;
                                };
                                /** @description default "" */
                                location?: string;
                                /** @description default false */
                                isAllDay?: boolean;
                                /** @description default busy */
                                showAs?: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                /** @description default normal */
                                sensitivity?: "normal" | "personal" | "private" | "confidential";
                                /** @description default normal */
                                importance?: "low" | "normal" | "high";
                                /** @description default none */
                                categories?: string[];
                                /** @description default false */
                                isReminderOn?: boolean;
                                /** @description default 0 */
                                reminderMinutesBeforeStart?: number;
                                /** @description makes it a series */
                                recurrence?: {
                                    pattern: {
                                        /** @enum {unknown} */
                                        type: "daily" | "weekly" | "absoluteMonthly" | "relativeMonthly" | "absoluteYearly" | "relativeYearly";
                                        interval: number;
                                        daysOfWeek?: ("sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday")[];
                                        /** @enum {unknown} */
                                        firstDayOfWeek?: "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";
                                        dayOfMonth?: number;
                                        month?: number;
                                        /** @enum {unknown} */
                                        index?: "first" | "second" | "third" | "fourth" | "last";
                                    };
                                    range: {
                                        /** @enum {unknown} */
                                        type: "endDate" | "noEnd" | "numbered";
                                        /** Format: date */
                                        startDate: string;
                                        /** Format: date */
                                        endDate?: string;
                                        numberOfOccurrences?: number;
                                        timeZone: string;
                                    };
                                };
                                /** @description default: none */
                                organizer?: {
                                    name: string;
                                    address: string;
                                };
                                /** @description default none */
                                attendees?: {
                                    name: string;
                                    address: string;
                                    /** @enum {unknown} */
                                    type: "required" | "optional" | "resource";
                                    /** @enum {unknown} */
                                    response: "none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded";
                                }[];
                                /** @description default organizer (or notResponded when isOrganizer is false) */
                                response?: "none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded";
                                /** @description default true */
                                isOrganizer?: boolean;
                                /** @description default false */
                                isCancelled?: boolean;
                                /** @description default false */
                                isOnlineMeeting?: boolean;
                                /** @description default none */
                                joinUrl?: string;
                            };
                            /** @description default A */
                            side?: "A" | "B";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            outcome: "copied" | "skipped";
                            /** @description a rule, the sync's mapping, or the step that skipped the event */
                            decidedBy: {
                                /** @description the rule's name */
                                rule: string;
                                /** @description its place */
                                index: number;
                            } | ("mapping" | "direction" | "outside-window" | "cancelled" | "copy");
                            /** @description one line in plain language */
                            explanation: string;
                            mapping: (string | {
                                /**
                                 * @description the preset the mapping starts from
                                 * @enum {unknown}
                                 */
                                preset: "full-details" | "busy";
                                /** @description fields of the copy decided otherwise than by the preset */
                                fields?: {
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    subject?: ("copy" | "omit") | {
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    body?: ("copy" | "omit") | {
                                        /** @description plain text */
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty), { value: ... } or { template: ... } */
                                    location?: ("copy" | "omit") | {
                                        value: string;
                                    } | {
                                        template: string;
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    showAs?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    sensitivity?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "normal" | "personal" | "private" | "confidential";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    importance?: ("copy" | "omit") | {
                                        /** @enum {unknown} */
                                        value: "low" | "normal" | "high";
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    categories?: ("copy" | "omit") | {
                                        value: string[];
                                    };
                                    /** @description copy (the original's), omit (empty or default) or { value: ... } */
                                    reminder?: ("copy" | "omit") | {
                                        /** @description minutes before the start */
                                        value: number;
                                    };
                                };
                            }) | (never | null);
                            /**
                             * @description the mailbox of side A (connection A) or side B
                             * @enum {unknown}
                             */
                            copySide: "A" | "B";
                            /** @description the copy as it would be written (an instance's recurrence is its series') */
                            copy: {
                                subject: string;
                                body: {
                                    /** @enum {unknown} */
                                    type: "text" | "html";
                                    content: string;
                                };
                                location: string;
                                start: {
                                    /** @description a wall-clock time without offset, e.g. 2025-03-04T12:30:00 */
                                    dateTime: string;
                                    /** @description an IANA zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                                end: {
                                    /** @description a wall-clock time without offset, e.g. 2025-03-04T12:30:00 */
                                    dateTime: string;
                                    /** @description an IANA zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                                isAllDay: boolean;
                                /** @enum {unknown} */
                                showAs: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                /** @enum {unknown} */
                                sensitivity: "normal" | "personal" | "private" | "confidential";
                                /** @enum {unknown} */
                                importance: "low" | "normal" | "high";
                                categories: string[];
                                isReminderOn: boolean;
                                reminderMinutesBeforeStart: number;
                                /** @description a series' pattern, as Graph's patternedRecurrence */
                                recurrence: {
                                    pattern: {
                                        /** @enum {unknown} */
                                        type: "daily" | "weekly" | "absoluteMonthly" | "relativeMonthly" | "absoluteYearly" | "relativeYearly";
                                        interval: number;
                                        daysOfWeek?: ("sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday")[];
                                        /** @enum {unknown} */
                                        firstDayOfWeek?: "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";
                                        dayOfMonth?: number;
                                        month?: number;
                                        /** @enum {unknown} */
                                        index?: "first" | "second" | "third" | "fourth" | "last";
                                    };
                                    range: {
                                        /** @enum {unknown} */
                                        type: "endDate" | "noEnd" | "numbered";
                                        /** Format: date */
                                        startDate: string;
                                        /** Format: date */
                                        endDate?: string;
                                        numberOfOccurrences?: number;
                                        timeZone: string;
                                    };
                                } | null;
                            } | null;
                            /** @description an event as read from a mailbox (or pasted) */
                            source: {
                                /** @description null for a pasted event */
                                id: string | null;
                                /** @enum {unknown} */
                                kind: "single" | "series" | "occurrence" | "exception";
                                /** @description an occurrence's or exception's series */
                                seriesId: string | null;
                                subject: string;
                                body: {
                                    /** @enum {unknown} */
                                    type: "text" | "html";
                                    content: string;
                                };
                                location: string;
                                start: {
                                    /** @description a wall-clock time without offset, e.g. 2025-03-04T12:30:00 */
                                    dateTime: string;
                                    /** @description an IANA zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                                end: {
                                    /** @description a wall-clock time without offset, e.g. 2025-03-04T12:30:00 */
                                    dateTime: string;
                                    /** @description an IANA zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                                isAllDay: boolean;
                                /** @enum {unknown} */
                                showAs: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                /** @enum {unknown} */
                                sensitivity: "normal" | "personal" | "private" | "confidential";
                                /** @enum {unknown} */
                                importance: "low" | "normal" | "high";
                                categories: string[];
                                isReminderOn: boolean;
                                reminderMinutesBeforeStart: number;
                                /** @description a series' pattern, as Graph's patternedRecurrence */
                                recurrence: {
                                    pattern: {
                                        /** @enum {unknown} */
                                        type: "daily" | "weekly" | "absoluteMonthly" | "relativeMonthly" | "absoluteYearly" | "relativeYearly";
                                        interval: number;
                                        daysOfWeek?: ("sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday")[];
                                        /** @enum {unknown} */
                                        firstDayOfWeek?: "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";
                                        dayOfMonth?: number;
                                        month?: number;
                                        /** @enum {unknown} */
                                        index?: "first" | "second" | "third" | "fourth" | "last";
                                    };
                                    range: {
                                        /** @enum {unknown} */
                                        type: "endDate" | "noEnd" | "numbered";
                                        /** Format: date */
                                        startDate: string;
                                        /** Format: date */
                                        endDate?: string;
                                        numberOfOccurrences?: number;
                                        timeZone: string;
                                    };
                                } | null;
                                organizer: {
                                    name: string;
                                    address: string;
                                } | null;
                                attendees: {
                                    name: string;
                                    address: string;
                                    /** @enum {unknown} */
                                    type: "required" | "optional" | "resource";
                                    /** @enum {unknown} */
                                    response: "none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded";
                                }[];
                                /**
                                 * @description the mailbox owner's own response
                                 * @enum {unknown}
                                 */
                                response: "none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded";
                                isOrganizer: boolean;
                                isCancelled: boolean;
                                isOnlineMeeting: boolean;
                                joinUrl: string | null;
                                /** @description crosscal wrote it: copies are never copied */
                                isCopy: boolean;
                            };
                            series: {
                                /** @description null for a pasted event */
                                id: string | null;
                                /** @enum {unknown} */
                                kind: "single" | "series" | "occurrence" | "exception";
                                /** @description an occurrence's or exception's series */
                                seriesId: string | null;
                                subject: string;
                                body: {
                                    /** @enum {unknown} */
                                    type: "text" | "html";
                                    content: string;
                                };
                                location: string;
                                start: {
                                    /** @description a wall-clock time without offset, e.g. 2025-03-04T12:30:00 */
                                    dateTime: string;
                                    /** @description an IANA zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                                end: {
                                    /** @description a wall-clock time without offset, e.g. 2025-03-04T12:30:00 */
                                    dateTime: string;
                                    /** @description an IANA zone, e.g. Europe/Berlin */
                                    timeZone: string;
                                };
                                isAllDay: boolean;
                                /** @enum {unknown} */
                                showAs: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
                                /** @enum {unknown} */
                                sensitivity: "normal" | "personal" | "private" | "confidential";
                                /** @enum {unknown} */
                                importance: "low" | "normal" | "high";
                                categories: string[];
                                isReminderOn: boolean;
                                reminderMinutesBeforeStart: number;
                                /** @description a series' pattern, as Graph's patternedRecurrence */
                                recurrence: {
                                    pattern: {
                                        /** @enum {unknown} */
                                        type: "daily" | "weekly" | "absoluteMonthly" | "relativeMonthly" | "absoluteYearly" | "relativeYearly";
                                        interval: number;
                                        daysOfWeek?: ("sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday")[];
                                        /** @enum {unknown} */
                                        firstDayOfWeek?: "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";
                                        dayOfMonth?: number;
                                        month?: number;
                                        /** @enum {unknown} */
                                        index?: "first" | "second" | "third" | "fourth" | "last";
                                    };
                                    range: {
                                        /** @enum {unknown} */
                                        type: "endDate" | "noEnd" | "numbered";
                                        /** Format: date */
                                        startDate: string;
                                        /** Format: date */
                                        endDate?: string;
                                        numberOfOccurrences?: number;
                                        timeZone: string;
                                    };
                                } | null;
                                organizer: {
                                    name: string;
                                    address: string;
                                } | null;
                                attendees: {
                                    name: string;
                                    address: string;
                                    /** @enum {unknown} */
                                    type: "required" | "optional" | "resource";
                                    /** @enum {unknown} */
                                    response: "none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded";
                                }[];
                                /**
                                 * @description the mailbox owner's own response
                                 * @enum {unknown}
                                 */
                                response: "none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded";
                                isOrganizer: boolean;
                                isCancelled: boolean;
                                isOnlineMeeting: boolean;
                                joinUrl: string | null;
                                /** @description crosscal wrote it: copies are never copied */
                                isCopy: boolean;
                            } | (never | null);
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/{syncId}/profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sync's profiles with their status, mailbox check and counts, sorted, in pages, with the total */
        get: {
            parameters: {
                query: {
                    status?: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                    source?: "manual" | "import" | "group" | "config";
                    mailboxCheck?: "unverified" | "verified" | "invalid";
                    /** @description part of the name or of either address */
                    search?: string;
                    /** @description name (default), status, sync (its name), lastRun (its start), createdAt */
                    sort?: "name" | "status" | "sync" | "lastRun" | "createdAt";
                    /** @description asc (default) or desc; ties by name, then id */
                    order?: "asc" | "desc";
                    limit: number;
                    /** @description nextCursor of the previous page (same filters and sort) */
                    cursor?: string;
                };
                header?: never;
                path: {
                    syncId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            profiles: {
                                id: string;
                                /** @description the sync's id */
                                sync: string;
                                name: string;
                                mailboxA: string;
                                mailboxB: string;
                                status: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                                /** @description why it is in error, paused or needs confirmation */
                                statusReason: string | null;
                                startMode: "only_new" | "merge";
                                /** @description how it was added: by hand, an import, a group binding, a config file */
                                source: "manual" | "import" | "group" | "config";
                                /** @description the group binding that keeps it */
                                bindingId: string | null;
                                mailboxCheck: {
                                    /** @description both mailboxes found in their tenants and readable: verified */
                                    status: "unverified" | "verified" | "invalid";
                                    /** @description why not, naming the mailbox */
                                    reason: string | null;
                                    /** Format: date-time */
                                    checkedAt: string | null;
                                };
                                counts: {
                                    /** @description copies written in B of originals in A */
                                    copiesAToB: number;
                                    /** @description copies written in A of originals in B */
                                    copiesBToA: number;
                                    /** @description meetings found in both mailboxes and linked instead of copied */
                                    linked: number;
                                    lastRun: {
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        finishedAt: string | null;
                                        outcome: ("ok" | "failed" | "needs_confirmation" | "skipped") | (never | null);
                                    } | null;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            /** @description null on the last page */
                            nextCursor: string | null;
                            /** @description how many profiles the filters match, on every page */
                            total: number;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add one profile (a draft); both mailboxes are verified in their tenants first */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the person's name */
                        name: string;
                        /** @description the mailbox in connection A's tenant */
                        mailboxA: string;
                        /** @description the mailbox in connection B's tenant */
                        mailboxB: string;
                        /** @description default: the sync's start mode */
                        startMode?: "only_new" | "merge";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description the sync's id */
                            sync: string;
                            name: string;
                            mailboxA: string;
                            mailboxB: string;
                            status: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                            /** @description why it is in error, paused or needs confirmation */
                            statusReason: string | null;
                            startMode: "only_new" | "merge";
                            /** @description how it was added: by hand, an import, a group binding, a config file */
                            source: "manual" | "import" | "group" | "config";
                            /** @description the group binding that keeps it */
                            bindingId: string | null;
                            mailboxCheck: {
                                /** @description both mailboxes found in their tenants and readable: verified */
                                status: "unverified" | "verified" | "invalid";
                                /** @description why not, naming the mailbox */
                                reason: string | null;
                                /** Format: date-time */
                                checkedAt: string | null;
                            };
                            counts: {
                                /** @description copies written in B of originals in A */
                                copiesAToB: number;
                                /** @description copies written in A of originals in B */
                                copiesBToA: number;
                                /** @description meetings found in both mailboxes and linked instead of copied */
                                linked: number;
                                lastRun: {
                                    /** Format: date-time */
                                    startedAt: string;
                                    /** Format: date-time */
                                    finishedAt: string | null;
                                    outcome: ("ok" | "failed" | "needs_confirmation" | "skipped") | (never | null);
                                } | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every sync's profiles (or one sync's), filtered, sorted, in pages, with the total */
        get: {
            parameters: {
                query: {
                    /** @description a sync's id */
                    sync?: string;
                    status?: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                    source?: "manual" | "import" | "group" | "config";
                    mailboxCheck?: "unverified" | "verified" | "invalid";
                    /** @description part of the name or of either address */
                    search?: string;
                    /** @description name (default), status, sync (its name), lastRun (its start), createdAt */
                    sort?: "name" | "status" | "sync" | "lastRun" | "createdAt";
                    /** @description asc (default) or desc; ties by name, then id */
                    order?: "asc" | "desc";
                    limit: number;
                    /** @description nextCursor of the previous page (same filters and sort) */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            profiles: {
                                id: string;
                                /** @description the sync's id */
                                sync: string;
                                name: string;
                                mailboxA: string;
                                mailboxB: string;
                                status: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                                /** @description why it is in error, paused or needs confirmation */
                                statusReason: string | null;
                                startMode: "only_new" | "merge";
                                /** @description how it was added: by hand, an import, a group binding, a config file */
                                source: "manual" | "import" | "group" | "config";
                                /** @description the group binding that keeps it */
                                bindingId: string | null;
                                mailboxCheck: {
                                    /** @description both mailboxes found in their tenants and readable: verified */
                                    status: "unverified" | "verified" | "invalid";
                                    /** @description why not, naming the mailbox */
                                    reason: string | null;
                                    /** Format: date-time */
                                    checkedAt: string | null;
                                };
                                counts: {
                                    /** @description copies written in B of originals in A */
                                    copiesAToB: number;
                                    /** @description copies written in A of originals in B */
                                    copiesBToA: number;
                                    /** @description meetings found in both mailboxes and linked instead of copied */
                                    linked: number;
                                    lastRun: {
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        finishedAt: string | null;
                                        outcome: ("ok" | "failed" | "needs_confirmation" | "skipped") | (never | null);
                                    } | null;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            /** @description null on the last page */
                            nextCursor: string | null;
                            /** @description how many profiles the filters match, on every page */
                            total: number;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/profiles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One profile with its status, mailbox check and counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description the sync's id */
                            sync: string;
                            name: string;
                            mailboxA: string;
                            mailboxB: string;
                            status: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                            /** @description why it is in error, paused or needs confirmation */
                            statusReason: string | null;
                            startMode: "only_new" | "merge";
                            /** @description how it was added: by hand, an import, a group binding, a config file */
                            source: "manual" | "import" | "group" | "config";
                            /** @description the group binding that keeps it */
                            bindingId: string | null;
                            mailboxCheck: {
                                /** @description both mailboxes found in their tenants and readable: verified */
                                status: "unverified" | "verified" | "invalid";
                                /** @description why not, naming the mailbox */
                                reason: string | null;
                                /** Format: date-time */
                                checkedAt: string | null;
                            };
                            counts: {
                                /** @description copies written in B of originals in A */
                                copiesAToB: number;
                                /** @description copies written in A of originals in B */
                                copiesBToA: number;
                                /** @description meetings found in both mailboxes and linked instead of copied */
                                linked: number;
                                lastRun: {
                                    /** Format: date-time */
                                    startedAt: string;
                                    /** Format: date-time */
                                    finishedAt: string | null;
                                    outcome: ("ok" | "failed" | "needs_confirmation" | "skipped") | (never | null);
                                } | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a profile or change its start mode; change its mailboxes (verified again) while a draft */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the person's name */
                        name?: string;
                        /** @description only while the profile is a draft */
                        mailboxA?: string;
                        /** @description only while the profile is a draft */
                        mailboxB?: string;
                        startMode?: "only_new" | "merge";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description the sync's id */
                            sync: string;
                            name: string;
                            mailboxA: string;
                            mailboxB: string;
                            status: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                            /** @description why it is in error, paused or needs confirmation */
                            statusReason: string | null;
                            startMode: "only_new" | "merge";
                            /** @description how it was added: by hand, an import, a group binding, a config file */
                            source: "manual" | "import" | "group" | "config";
                            /** @description the group binding that keeps it */
                            bindingId: string | null;
                            mailboxCheck: {
                                /** @description both mailboxes found in their tenants and readable: verified */
                                status: "unverified" | "verified" | "invalid";
                                /** @description why not, naming the mailbox */
                                reason: string | null;
                                /** Format: date-time */
                                checkedAt: string | null;
                            };
                            counts: {
                                /** @description copies written in B of originals in A */
                                copiesAToB: number;
                                /** @description copies written in A of originals in B */
                                copiesBToA: number;
                                /** @description meetings found in both mailboxes and linked instead of copied */
                                linked: number;
                                lastRun: {
                                    /** Format: date-time */
                                    startedAt: string;
                                    /** Format: date-time */
                                    finishedAt: string | null;
                                    outcome: ("ok" | "failed" | "needs_confirmation" | "skipped") | (never | null);
                                } | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/syncs/{syncId}/mailboxes/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check one mailbox of a sync in its tenant before adding a profile (records nothing), and whether a profile already syncs it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the mailbox in connection A's tenant, or in connection B's */
                        side: "A" | "B";
                        /** @description the address, as typed */
                        mailbox: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            side: "A" | "B";
                            /** @description as a profile would store it (trimmed, lower case) */
                            mailbox: string;
                            status: "verified" | "not_found" | "out_of_scope" | "connection_failed" | "unreachable" | "error";
                            /** @description a sentence naming the mailbox and the tenant */
                            reason: string;
                            /** @description the profile of this sync that already syncs this mailbox, with its partner */
                            inUse: {
                                profileId: string;
                                name: string;
                                partner: string;
                            } | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/{syncId}/profiles/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import profiles from a CSV file or pasted lines, all or nothing, with a report per row */
        post: {
            parameters: {
                query: {
                    /** @description report what would happen, write nothing */
                    dryRun: boolean;
                };
                header?: never;
                path: {
                    syncId: string;
                };
                cookie?: never;
            };
            /** @description exactly one of csv, csvBase64, lines */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description a CSV file's text: header name,email_a,email_b (any order), then rows */
                        csv?: string;
                        /** @description the CSV file's bytes, base64: the file must be UTF-8 (BOM allowed) */
                        csvBase64?: string;
                        /** @description pasted lines: "name, email_a, email_b" or "email_a email_b" per line */
                        lines?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dryRun: boolean;
                            /** @description whether the import changed the store (never partly) */
                            written: boolean;
                            /** @description what was written: created and updated are 0 on a dry run or a refused import */
                            totals: {
                                rows: number;
                                created: number;
                                updated: number;
                                unchanged: number;
                                invalid: number;
                            };
                            /** @description what the import does, or would do, row by row */
                            planned: {
                                rows: number;
                                created: number;
                                updated: number;
                                unchanged: number;
                                invalid: number;
                            };
                            /** @description a problem with the input as a whole (then rows is empty) */
                            problem: {
                                code: "wrong_encoding" | "csv_header" | "csv_syntax" | "empty";
                                message: string;
                                row?: number;
                            } | null;
                            rows: {
                                /** @description the line the row starts on (a CSV's header is line 1) */
                                row: number;
                                name: string;
                                mailboxA: string;
                                mailboxB: string;
                                outcome: "created" | "updated" | "unchanged" | "invalid";
                                profileId: string | null;
                                problems: {
                                    field: "name" | "mailboxA" | "mailboxB" | "row";
                                    /** @description missing, not_an_email, duplicate, mailbox_in_use, mailbox_not_found… */
                                    code: string;
                                    message: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description nothing was written: the report says which rows (or what in the input) to fix */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                            report: {
                                dryRun: boolean;
                                /** @description whether the import changed the store (never partly) */
                                written: boolean;
                                /** @description what was written: created and updated are 0 on a dry run or a refused import */
                                totals: {
                                    rows: number;
                                    created: number;
                                    updated: number;
                                    unchanged: number;
                                    invalid: number;
                                };
                                /** @description what the import does, or would do, row by row */
                                planned: {
                                    rows: number;
                                    created: number;
                                    updated: number;
                                    unchanged: number;
                                    invalid: number;
                                };
                                /** @description a problem with the input as a whole (then rows is empty) */
                                problem: {
                                    code: "wrong_encoding" | "csv_header" | "csv_syntax" | "empty";
                                    message: string;
                                    row?: number;
                                } | null;
                                rows: {
                                    /** @description the line the row starts on (a CSV's header is line 1) */
                                    row: number;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    outcome: "created" | "updated" | "unchanged" | "invalid";
                                    profileId: string | null;
                                    problems: {
                                        field: "name" | "mailboxA" | "mailboxB" | "row";
                                        /** @description missing, not_an_email, duplicate, mailbox_in_use, mailbox_not_found… */
                                        code: string;
                                        message: string;
                                    }[];
                                }[];
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/profiles/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check both mailboxes of a profile in their tenants again and record the outcome */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            profile: {
                                id: string;
                                /** @description the sync's id */
                                sync: string;
                                name: string;
                                mailboxA: string;
                                mailboxB: string;
                                status: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                                /** @description why it is in error, paused or needs confirmation */
                                statusReason: string | null;
                                startMode: "only_new" | "merge";
                                /** @description how it was added: by hand, an import, a group binding, a config file */
                                source: "manual" | "import" | "group" | "config";
                                /** @description the group binding that keeps it */
                                bindingId: string | null;
                                mailboxCheck: {
                                    /** @description both mailboxes found in their tenants and readable: verified */
                                    status: "unverified" | "verified" | "invalid";
                                    /** @description why not, naming the mailbox */
                                    reason: string | null;
                                    /** Format: date-time */
                                    checkedAt: string | null;
                                };
                                counts: {
                                    /** @description copies written in B of originals in A */
                                    copiesAToB: number;
                                    /** @description copies written in A of originals in B */
                                    copiesBToA: number;
                                    /** @description meetings found in both mailboxes and linked instead of copied */
                                    linked: number;
                                    lastRun: {
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        finishedAt: string | null;
                                        outcome: ("ok" | "failed" | "needs_confirmation" | "skipped") | (never | null);
                                    } | null;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            mailboxes: {
                                A: {
                                    mailbox: string;
                                    status: "verified" | "not_found" | "out_of_scope" | "connection_failed" | "unreachable" | "error";
                                    reason: string;
                                };
                                B: {
                                    mailbox: string;
                                    status: "verified" | "not_found" | "out_of_scope" | "connection_failed" | "unreachable" | "error";
                                    reason: string;
                                };
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/profiles/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start, pause, resume, resync, clean up or remove a selection of profiles (a job when large)
         * @description start: a draft begins syncing (mailboxes verified first; mode only_new or merge, default the
         *     sync's); pause: no more runs, subscriptions removed; resume: a paused profile, one in error, or one that needs
         *     confirmation (what the guards stopped goes through) runs again; resync: both mailboxes are listed again
         *     from scratch; cleanup: every copy crosscal made is removed from both mailboxes and the profile paused;
         *     remove: cleanup, then the profile and its history are deleted. Each profile gets its own result.
         *
         *     The selection is exactly one of ids (up to 5000) and filter (the profile list's filters, sync optional:
         *     every profile matching now). Up to 20 ids are acted on within the request (200, one result per
         *     profile) unless background is true; anything larger, and any filter, becomes a background job (202 with the job):
         *     follow it at GET /api/jobs/{id} or on the live update stream (GET /api/stream), cancel it with POST
         *     /api/jobs/{id}/cancel.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description exactly one of ids and filter */
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        action: "start" | "pause" | "resume" | "resync" | "cleanup" | "remove";
                        ids?: string[];
                        /** @description every profile matching all the filters given */
                        filter?: {
                            /** @description the sync's id */
                            sync?: string;
                            /** @enum {unknown} */
                            status?: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                            /** @enum {unknown} */
                            source?: "manual" | "import" | "group" | "config";
                            /** @enum {unknown} */
                            mailboxCheck?: "unverified" | "verified" | "invalid";
                            /** @description part of the name or of either address */
                            search?: string;
                        };
                        /** @description a background job even for 20 ids or fewer */
                        background?: boolean;
                        /**
                         * @description start only: copy only meetings made from now on, or merge the existing ones too
                         * @enum {unknown}
                         */
                        mode?: "only_new" | "merge";
                        /** @description pause only: shown as the status reason */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            action: "start" | "pause" | "resume" | "resync" | "cleanup" | "remove";
                            succeeded: number;
                            failed: number;
                            results: {
                                id: string;
                                ok: boolean;
                                /** @enum {unknown} */
                                status?: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                                error?: {
                                    /** @description not_found, wrong_status, mailbox_unverified, sync_missing, profile_busy, cleanup_failed */
                                    code: string;
                                    message: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /**
                             * @description profile_action: an action on a selection; apply_sync: a sync's runs, paced
                             * @enum {unknown}
                             */
                            kind: "profile_action" | "apply_sync";
                            /** @description start, pause, resume, resync, cleanup, remove; run for apply_sync */
                            action: string;
                            /** @enum {unknown} */
                            status: "queued" | "running" | "done" | "cancelled" | "failed";
                            /** @description profiles selected */
                            total: number;
                            /** @description profiles processed so far, failed ones included */
                            done: number;
                            /** @description profiles the action failed or was refused for */
                            failed: number;
                            /** @description a running job stops after its current batch */
                            cancelRequested: boolean;
                            /** @description every profile matching all the filters given */
                            filter: {
                                /** @description the sync's id */
                                sync?: string;
                                /** @enum {unknown} */
                                status?: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                                /** @enum {unknown} */
                                source?: "manual" | "import" | "group" | "config";
                                /** @enum {unknown} */
                                mailboxCheck?: "unverified" | "verified" | "invalid";
                                /** @description part of the name or of either address */
                                search?: string;
                            } | null;
                            mode: ("only_new" | "merge") | (never | null);
                            reason: string | null;
                            /** @description the sync an apply_sync job runs */
                            sync: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description why the job itself failed (not one profile) */
                            error: string | null;
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            startedAt: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/profiles/{id}/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start, pause, resume, resync, clean up or remove one profile
         * @description start: a draft begins syncing (mailboxes verified first; mode only_new or merge, default the
         *     sync's); pause: no more runs, subscriptions removed; resume: a paused profile, one in error, or one that needs
         *     confirmation (what the guards stopped goes through) runs again; resync: both mailboxes are listed again
         *     from scratch; cleanup: every copy crosscal made is removed from both mailboxes and the profile paused;
         *     remove: cleanup, then the profile and its history are deleted. Each profile gets its own result.
         */
        post: {
            parameters: {
                query?: {
                    /** @description start only: copy only meetings made from now on, or merge the existing ones too */
                    mode?: "only_new" | "merge";
                    /** @description pause only: shown as the status reason */
                    reason?: string;
                };
                header?: never;
                path: {
                    id: string;
                    action: "start" | "pause" | "resume" | "resync" | "cleanup" | "remove";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            action: "start" | "pause" | "resume" | "resync" | "cleanup" | "remove";
                            succeeded: number;
                            failed: number;
                            results: {
                                id: string;
                                ok: boolean;
                                /** @enum {unknown} */
                                status?: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                                error?: {
                                    /** @description not_found, wrong_status, mailbox_unverified, sync_missing, profile_busy, cleanup_failed */
                                    code: string;
                                    message: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/{syncId}/group-bindings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sync's group bindings with their last refresh report */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bindings: {
                                id: string;
                                syncId: string;
                                /** @description group object id in connection A's tenant */
                                groupA: string;
                                /** @description group object id in connection B's tenant */
                                groupB: string;
                                /** @description how members are paired: the local part of their mail address (else UPN), their display name, or a user attribute */
                                matchBy: "local-part" | "display-name" | "attribute";
                                matchAttribute: string | null;
                                refreshMinutes: number;
                                /** @description start new profiles in this mode; null leaves them as drafts */
                                autoStart: "only-new" | "merge" | (never | null);
                                /** Format: date-time */
                                lastRefreshedAt: string | null;
                                /** @description what a refresh found and did */
                                lastReport: {
                                    /** Format: date-time */
                                    refreshedAt: string;
                                    groupA: {
                                        id: string;
                                        name: string;
                                        members: number;
                                    } | null;
                                    groupB: {
                                        id: string;
                                        name: string;
                                        members: number;
                                    } | null;
                                    /** @description pairs of members matched across the groups */
                                    matched: number;
                                    created: {
                                        id: string;
                                        name: string;
                                        mailboxA: string;
                                        mailboxB: string;
                                    }[];
                                    /** @description created and started (autoStart) */
                                    started: {
                                        id: string;
                                        name: string;
                                        mailboxA: string;
                                        mailboxB: string;
                                    }[];
                                    paused: {
                                        id: string;
                                        name: string;
                                        mailboxA: string;
                                        mailboxB: string;
                                        reason: string;
                                    }[];
                                    /** @description back in both groups after this binding paused them */
                                    resumed: {
                                        id: string;
                                        name: string;
                                        mailboxA: string;
                                        mailboxB: string;
                                    }[];
                                    /** @description every profile of the binding no longer matched, with its status now */
                                    left: {
                                        id: string;
                                        name: string;
                                        mailboxA: string;
                                        mailboxB: string;
                                        status: string;
                                    }[];
                                    /** @description matched pairs that got no profile, and why */
                                    skipped: {
                                        name: string;
                                        mailboxA: string;
                                        mailboxB: string;
                                        reason: string;
                                    }[];
                                    refused: {
                                        profileId: string;
                                        action: string;
                                        code: string;
                                        message: string;
                                    }[];
                                    unmatchedA: {
                                        name: string;
                                        address: string;
                                        reason: string;
                                    }[];
                                    unmatchedB: {
                                        name: string;
                                        address: string;
                                        reason: string;
                                    }[];
                                    /** @description keys held by several members: none of them is paired */
                                    ambiguous: {
                                        key: string;
                                        a: {
                                            name: string;
                                            address: string;
                                        }[];
                                        b: {
                                            name: string;
                                            address: string;
                                        }[];
                                    }[];
                                    /** @description why the refresh failed */
                                    error: string | null;
                                } | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Bind a group in each tenant to the sync; the first refresh runs now and its report is returned */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the group's object id, or its display name (resolved to the id when the binding is made) */
                        groupA: string;
                        /** @description the group's object id, or its display name (resolved to the id when the binding is made) */
                        groupB: string;
                        /** @description how members are paired: the local part of their mail address (else UPN), their display name, or a user attribute */
                        matchBy?: "local-part" | "display-name" | "attribute";
                        /** @description the user property compared with matchBy attribute, e.g. employeeId or extension_<app>_<name> */
                        matchAttribute?: string;
                        /** @description minutes between refreshes (5 to 10080, default 60) */
                        refreshMinutes?: number;
                        /** @description start new profiles in this mode; null leaves them as drafts */
                        autoStart?: "only-new" | "merge" | (never | null);
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            syncId: string;
                            /** @description group object id in connection A's tenant */
                            groupA: string;
                            /** @description group object id in connection B's tenant */
                            groupB: string;
                            /** @description how members are paired: the local part of their mail address (else UPN), their display name, or a user attribute */
                            matchBy: "local-part" | "display-name" | "attribute";
                            matchAttribute: string | null;
                            refreshMinutes: number;
                            /** @description start new profiles in this mode; null leaves them as drafts */
                            autoStart: "only-new" | "merge" | (never | null);
                            /** Format: date-time */
                            lastRefreshedAt: string | null;
                            /** @description what a refresh found and did */
                            lastReport: {
                                /** Format: date-time */
                                refreshedAt: string;
                                groupA: {
                                    id: string;
                                    name: string;
                                    members: number;
                                } | null;
                                groupB: {
                                    id: string;
                                    name: string;
                                    members: number;
                                } | null;
                                /** @description pairs of members matched across the groups */
                                matched: number;
                                created: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                /** @description created and started (autoStart) */
                                started: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                paused: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    reason: string;
                                }[];
                                /** @description back in both groups after this binding paused them */
                                resumed: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                /** @description every profile of the binding no longer matched, with its status now */
                                left: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    status: string;
                                }[];
                                /** @description matched pairs that got no profile, and why */
                                skipped: {
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    reason: string;
                                }[];
                                refused: {
                                    profileId: string;
                                    action: string;
                                    code: string;
                                    message: string;
                                }[];
                                unmatchedA: {
                                    name: string;
                                    address: string;
                                    reason: string;
                                }[];
                                unmatchedB: {
                                    name: string;
                                    address: string;
                                    reason: string;
                                }[];
                                /** @description keys held by several members: none of them is paired */
                                ambiguous: {
                                    key: string;
                                    a: {
                                        name: string;
                                        address: string;
                                    }[];
                                    b: {
                                        name: string;
                                        address: string;
                                    }[];
                                }[];
                                /** @description why the refresh failed */
                                error: string | null;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/{syncId}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find a group in one tenant of the sync by the start of a word of its name (to bind it) */
        get: {
            parameters: {
                query: {
                    /** @description search connection A's tenant or connection B's */
                    side: "A" | "B";
                    /** @description the start of a word of the group's display name, or the group's object id */
                    search: string;
                };
                header?: never;
                path: {
                    syncId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description up to 20, by display name */
                            groups: {
                                id: string;
                                displayName: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/{syncId}/group-bindings/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What binding two groups would do now: members matched (and the profiles they would get), unmatched, ambiguous; writes nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the group's object id, or its display name (resolved to the id when the binding is made) */
                        groupA: string;
                        /** @description the group's object id, or its display name (resolved to the id when the binding is made) */
                        groupB: string;
                        /** @description how members are paired: the local part of their mail address (else UPN), their display name, or a user attribute */
                        matchBy?: "local-part" | "display-name" | "attribute";
                        /** @description the user property compared with matchBy attribute, e.g. employeeId or extension_<app>_<name> */
                        matchAttribute?: string;
                    };
                };
            };
            responses: {
                /** @description what binding the two groups would do now; nothing is written */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            groupA: {
                                id: string;
                                name: string;
                                members: number;
                            };
                            groupB: {
                                id: string;
                                name: string;
                                members: number;
                            };
                            /** @description the binding of this sync that already binds these two groups */
                            alreadyBound: string | null;
                            /** @description matched members: each would get a profile, or is skipped */
                            pairs: {
                                name: string;
                                mailboxA: string;
                                mailboxB: string;
                                outcome: "create" | "skip";
                                /** @description why a pair is skipped */
                                reason: string | null;
                            }[];
                            unmatchedA: {
                                name: string;
                                address: string;
                                reason: string;
                            }[];
                            unmatchedB: {
                                name: string;
                                address: string;
                                reason: string;
                            }[];
                            /** @description keys held by several members: none of them is paired */
                            ambiguous: {
                                key: string;
                                a: {
                                    name: string;
                                    address: string;
                                }[];
                                b: {
                                    name: string;
                                    address: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/{syncId}/group-bindings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One group binding with its last refresh report */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            syncId: string;
                            /** @description group object id in connection A's tenant */
                            groupA: string;
                            /** @description group object id in connection B's tenant */
                            groupB: string;
                            /** @description how members are paired: the local part of their mail address (else UPN), their display name, or a user attribute */
                            matchBy: "local-part" | "display-name" | "attribute";
                            matchAttribute: string | null;
                            refreshMinutes: number;
                            /** @description start new profiles in this mode; null leaves them as drafts */
                            autoStart: "only-new" | "merge" | (never | null);
                            /** Format: date-time */
                            lastRefreshedAt: string | null;
                            /** @description what a refresh found and did */
                            lastReport: {
                                /** Format: date-time */
                                refreshedAt: string;
                                groupA: {
                                    id: string;
                                    name: string;
                                    members: number;
                                } | null;
                                groupB: {
                                    id: string;
                                    name: string;
                                    members: number;
                                } | null;
                                /** @description pairs of members matched across the groups */
                                matched: number;
                                created: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                /** @description created and started (autoStart) */
                                started: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                paused: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    reason: string;
                                }[];
                                /** @description back in both groups after this binding paused them */
                                resumed: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                /** @description every profile of the binding no longer matched, with its status now */
                                left: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    status: string;
                                }[];
                                /** @description matched pairs that got no profile, and why */
                                skipped: {
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    reason: string;
                                }[];
                                refused: {
                                    profileId: string;
                                    action: string;
                                    code: string;
                                    message: string;
                                }[];
                                unmatchedA: {
                                    name: string;
                                    address: string;
                                    reason: string;
                                }[];
                                unmatchedB: {
                                    name: string;
                                    address: string;
                                    reason: string;
                                }[];
                                /** @description keys held by several members: none of them is paired */
                                ambiguous: {
                                    key: string;
                                    a: {
                                        name: string;
                                        address: string;
                                    }[];
                                    b: {
                                        name: string;
                                        address: string;
                                    }[];
                                }[];
                                /** @description why the refresh failed */
                                error: string | null;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a binding: its profiles stay, no longer kept by it */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change how a binding matches members, how often it refreshes, or how new profiles start */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description how members are paired: the local part of their mail address (else UPN), their display name, or a user attribute */
                        matchBy?: "local-part" | "display-name" | "attribute";
                        /** @description the user property compared with matchBy attribute, e.g. employeeId or extension_<app>_<name> */
                        matchAttribute?: string | null;
                        /** @description minutes between refreshes (5 to 10080, default 60) */
                        refreshMinutes?: number;
                        /** @description start new profiles in this mode; null leaves them as drafts */
                        autoStart?: "only-new" | "merge" | (never | null);
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            syncId: string;
                            /** @description group object id in connection A's tenant */
                            groupA: string;
                            /** @description group object id in connection B's tenant */
                            groupB: string;
                            /** @description how members are paired: the local part of their mail address (else UPN), their display name, or a user attribute */
                            matchBy: "local-part" | "display-name" | "attribute";
                            matchAttribute: string | null;
                            refreshMinutes: number;
                            /** @description start new profiles in this mode; null leaves them as drafts */
                            autoStart: "only-new" | "merge" | (never | null);
                            /** Format: date-time */
                            lastRefreshedAt: string | null;
                            /** @description what a refresh found and did */
                            lastReport: {
                                /** Format: date-time */
                                refreshedAt: string;
                                groupA: {
                                    id: string;
                                    name: string;
                                    members: number;
                                } | null;
                                groupB: {
                                    id: string;
                                    name: string;
                                    members: number;
                                } | null;
                                /** @description pairs of members matched across the groups */
                                matched: number;
                                created: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                /** @description created and started (autoStart) */
                                started: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                paused: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    reason: string;
                                }[];
                                /** @description back in both groups after this binding paused them */
                                resumed: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                /** @description every profile of the binding no longer matched, with its status now */
                                left: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    status: string;
                                }[];
                                /** @description matched pairs that got no profile, and why */
                                skipped: {
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    reason: string;
                                }[];
                                refused: {
                                    profileId: string;
                                    action: string;
                                    code: string;
                                    message: string;
                                }[];
                                unmatchedA: {
                                    name: string;
                                    address: string;
                                    reason: string;
                                }[];
                                unmatchedB: {
                                    name: string;
                                    address: string;
                                    reason: string;
                                }[];
                                /** @description keys held by several members: none of them is paired */
                                ambiguous: {
                                    key: string;
                                    a: {
                                        name: string;
                                        address: string;
                                    }[];
                                    b: {
                                        name: string;
                                        address: string;
                                    }[];
                                }[];
                                /** @description why the refresh failed */
                                error: string | null;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/syncs/{syncId}/group-bindings/{id}/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refresh a binding now: new members get profiles, members who left are paused */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            syncId: string;
                            /** @description group object id in connection A's tenant */
                            groupA: string;
                            /** @description group object id in connection B's tenant */
                            groupB: string;
                            /** @description how members are paired: the local part of their mail address (else UPN), their display name, or a user attribute */
                            matchBy: "local-part" | "display-name" | "attribute";
                            matchAttribute: string | null;
                            refreshMinutes: number;
                            /** @description start new profiles in this mode; null leaves them as drafts */
                            autoStart: "only-new" | "merge" | (never | null);
                            /** Format: date-time */
                            lastRefreshedAt: string | null;
                            /** @description what a refresh found and did */
                            lastReport: {
                                /** Format: date-time */
                                refreshedAt: string;
                                groupA: {
                                    id: string;
                                    name: string;
                                    members: number;
                                } | null;
                                groupB: {
                                    id: string;
                                    name: string;
                                    members: number;
                                } | null;
                                /** @description pairs of members matched across the groups */
                                matched: number;
                                created: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                /** @description created and started (autoStart) */
                                started: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                paused: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    reason: string;
                                }[];
                                /** @description back in both groups after this binding paused them */
                                resumed: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                }[];
                                /** @description every profile of the binding no longer matched, with its status now */
                                left: {
                                    id: string;
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    status: string;
                                }[];
                                /** @description matched pairs that got no profile, and why */
                                skipped: {
                                    name: string;
                                    mailboxA: string;
                                    mailboxB: string;
                                    reason: string;
                                }[];
                                refused: {
                                    profileId: string;
                                    action: string;
                                    code: string;
                                    message: string;
                                }[];
                                unmatchedA: {
                                    name: string;
                                    address: string;
                                    reason: string;
                                }[];
                                unmatchedB: {
                                    name: string;
                                    address: string;
                                    reason: string;
                                }[];
                                /** @description keys held by several members: none of them is paired */
                                ambiguous: {
                                    key: string;
                                    a: {
                                        name: string;
                                        address: string;
                                    }[];
                                    b: {
                                        name: string;
                                        address: string;
                                    }[];
                                }[];
                                /** @description why the refresh failed */
                                error: string | null;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export connections, syncs and profiles as a config file (YAML; secrets never included) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description YAML */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/yaml": string;
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/yaml": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/yaml": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Apply a config file: create or update its connections, syncs and profiles, all or nothing */
        post: {
            parameters: {
                query?: {
                    /** @description report what would change, write nothing */
                    dryRun?: boolean;
                    /** @description take the file's version over changes made in the service since it was last applied */
                    overwrite?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description a config file: YAML text (application/yaml) or JSON { yaml } */
            requestBody: {
                content: {
                    "application/json": string | {
                        /** @description the config file (YAML) */
                        yaml: string;
                    };
                    "application/yaml": string | {
                        /** @description the config file (YAML) */
                        yaml: string;
                    };
                    "application/x-yaml": string | {
                        /** @description the config file (YAML) */
                        yaml: string;
                    };
                    "text/yaml": string | {
                        /** @description the config file (YAML) */
                        yaml: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description nothing was written */
                            dryRun: boolean;
                            connections: {
                                name: string;
                                id: string;
                                outcome: "created" | "updated" | "unchanged";
                                /** @description what an update changed */
                                changed?: string[];
                            }[];
                            syncs: {
                                name: string;
                                id: string;
                                outcome: "created" | "updated" | "unchanged";
                                /** @description what an update changed */
                                changed?: string[];
                            }[];
                            profiles: {
                                sync: string;
                                name: string;
                                a: string;
                                b: string;
                                id: string;
                                outcome: "created" | "updated" | "unchanged";
                            }[];
                            /** @description changed in the service since the file was last applied, and reverted by the file (refused with 409 config_drift unless overwrite=true) */
                            drift: {
                                kind: "connection" | "sync";
                                name: string;
                                fields: string[];
                            }[];
                            /** @description in the service but not in the file: left as they are */
                            notInFile: {
                                connections: {
                                    id: string;
                                    name: string;
                                }[];
                                syncs: {
                                    id: string;
                                    name: string;
                                }[];
                                profiles: {
                                    id: string;
                                    sync: string;
                                    name: string;
                                    a: string;
                                    b: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Profile runs, newest first, in pages */
        get: {
            parameters: {
                query: {
                    /** @description a sync's name */
                    sync?: string;
                    /** @description a profile's id, or its name (with sync: within that sync) */
                    profile?: string;
                    /** @description running: not finished yet */
                    outcome?: "ok" | "failed" | "needs_confirmation" | "skipped" | "running";
                    trigger?: string;
                    /** @description runs started at or after this instant */
                    since?: string;
                    /** @description runs started strictly before this instant */
                    until?: string;
                    limit: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: {
                                id: string;
                                profile: {
                                    id: string;
                                    name: string;
                                    /** @description the sync's id */
                                    sync: string;
                                    syncName: string;
                                };
                                /** @description what started it: manual, schedule, notification, start… */
                                trigger: string;
                                /** Format: date-time */
                                startedAt: string;
                                /** Format: date-time */
                                finishedAt: string | null;
                                outcome: ("ok" | "failed" | "needs_confirmation" | "skipped") | (never | null);
                                counts: {
                                    created: number;
                                    updated: number;
                                    deleted: number;
                                    skipped: number;
                                    linked: number;
                                    tombstoned: number;
                                };
                                error: string | null;
                            }[];
                            /** @description null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One run with its decisions, in the order it made them (in pages) */
        get: {
            parameters: {
                query: {
                    limit: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            run: {
                                id: string;
                                profile: {
                                    id: string;
                                    name: string;
                                    /** @description the sync's id */
                                    sync: string;
                                    syncName: string;
                                };
                                /** @description what started it: manual, schedule, notification, start… */
                                trigger: string;
                                /** Format: date-time */
                                startedAt: string;
                                /** Format: date-time */
                                finishedAt: string | null;
                                outcome: ("ok" | "failed" | "needs_confirmation" | "skipped") | (never | null);
                                counts: {
                                    created: number;
                                    updated: number;
                                    deleted: number;
                                    skipped: number;
                                    linked: number;
                                    tombstoned: number;
                                };
                                error: string | null;
                            };
                            /** @description in the order the run made them */
                            decisions: {
                                id: string;
                                runId: string;
                                profile: {
                                    id: string;
                                    name: string;
                                    /** @description the sync's id */
                                    sync: string;
                                    syncName: string;
                                };
                                /** @description its place among its run's decisions */
                                seq: number;
                                /** Format: date-time */
                                at: string;
                                /** @description the original's mailbox (for a skip: the skipped event's) */
                                side: "A" | "B";
                                /** @description the original's event id (for a skip: the skipped event's) */
                                sourceId: string;
                                /** @description the copy's (or the twin's) event id in the other mailbox */
                                copyId: string | null;
                                action: "create" | "update" | "delete" | "link" | "unlink" | "tombstone" | "baseline" | "skip" | "restore";
                                /** @description e.g. new original, original-changed, rules: <rule name> */
                                reason: string;
                                subjectHint: string | null;
                            }[];
                            /** @description null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per-event decisions, newest first, in pages */
        get: {
            parameters: {
                query: {
                    /** @description a sync's name */
                    sync?: string;
                    /** @description a profile's id, or its name (with sync: within that sync) */
                    profile?: string;
                    /** @description an event id, original or copy, either mailbox */
                    event?: string;
                    /** @description one or more (repeat the parameter) */
                    action?: ("create" | "update" | "delete" | "link" | "unlink" | "tombstone" | "baseline" | "skip" | "restore")[];
                    /** @description decisions made at or after this instant */
                    since?: string;
                    /** @description decisions made strictly before this instant */
                    until?: string;
                    limit: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            decisions: {
                                id: string;
                                runId: string;
                                profile: {
                                    id: string;
                                    name: string;
                                    /** @description the sync's id */
                                    sync: string;
                                    syncName: string;
                                };
                                /** @description its place among its run's decisions */
                                seq: number;
                                /** Format: date-time */
                                at: string;
                                /** @description the original's mailbox (for a skip: the skipped event's) */
                                side: "A" | "B";
                                /** @description the original's event id (for a skip: the skipped event's) */
                                sourceId: string;
                                /** @description the copy's (or the twin's) event id in the other mailbox */
                                copyId: string | null;
                                action: "create" | "update" | "delete" | "link" | "unlink" | "tombstone" | "baseline" | "skip" | "restore";
                                /** @description e.g. new original, original-changed, rules: <rule name> */
                                reason: string;
                                subjectHint: string | null;
                            }[];
                            /** @description null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every run the filters match, newest first, as a CSV file (read and sent page by page) */
        get: {
            parameters: {
                query?: {
                    /** @description a sync's name */
                    sync?: string;
                    /** @description a profile's id, or its name (with sync: within that sync) */
                    profile?: string;
                    /** @description running: not finished yet */
                    outcome?: "ok" | "failed" | "needs_confirmation" | "skipped" | "running";
                    trigger?: string;
                    /** @description runs started at or after this instant */
                    since?: string;
                    /** @description runs started strictly before this instant */
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV, UTF-8 with a byte order mark, a header row; cells that would start a formula begin with ' */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every decision the filters match, newest first, as a CSV file (read and sent page by page) */
        get: {
            parameters: {
                query?: {
                    /** @description a sync's name */
                    sync?: string;
                    /** @description a profile's id, or its name (with sync: within that sync) */
                    profile?: string;
                    /** @description an event id, original or copy, either mailbox */
                    event?: string;
                    /** @description one or more (repeat the parameter) */
                    action?: ("create" | "update" | "delete" | "link" | "unlink" | "tombstone" | "baseline" | "skip" | "restore")[];
                    /** @description decisions made at or after this instant */
                    since?: string;
                    /** @description decisions made strictly before this instant */
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV, UTF-8 with a byte order mark, a header row; cells that would start a formula begin with ' */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{eventId}/why": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Why was this meeting (not) synced: one event id of a profile, original or copy */
        get: {
            parameters: {
                query: {
                    /** @description the profile's id, or its name (with sync if ambiguous) */
                    profile: string;
                    sync?: string;
                    limit: number;
                };
                header?: never;
                path: {
                    eventId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            eventId: string;
                            profile: {
                                id: string;
                                name: string;
                                /** @description the sync's id */
                                sync: string;
                                syncName: string;
                            };
                            /** @description what this id is: an original, or a copy crosscal wrote (or the twin it linked) */
                            role: "original" | "copy";
                            /** @description one line in plain language */
                            explanation: string;
                            link: {
                                sourceSide: "A" | "B";
                                /** @description the original's event id */
                                sourceId: string;
                                copySide: "A" | "B";
                                copyId: string;
                                /** @description true: crosscal wrote the copy; false: a twin the other mailbox held */
                                owned: boolean;
                                /** @description single, series, occurrence or exception */
                                kind: string;
                                icalUid: string | null;
                                /** @description the original's change key last mirrored */
                                sourceVersion: string;
                                /** @description the copy's change key after crosscal's last write */
                                copyVersion: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description when crosscal last wrote the link */
                                updatedAt: string;
                            } | null;
                            tombstone: {
                                sourceSide: "A" | "B";
                                sourceId: string;
                                /** @description copy-deleted, counterpart-deleted or baseline */
                                reason: string;
                                /** Format: date-time */
                                createdAt: string;
                            } | null;
                            /** @description newest first */
                            decisions: {
                                id: string;
                                runId: string;
                                profile: {
                                    id: string;
                                    name: string;
                                    /** @description the sync's id */
                                    sync: string;
                                    syncName: string;
                                };
                                /** @description its place among its run's decisions */
                                seq: number;
                                /** Format: date-time */
                                at: string;
                                /** @description the original's mailbox (for a skip: the skipped event's) */
                                side: "A" | "B";
                                /** @description the original's event id (for a skip: the skipped event's) */
                                sourceId: string;
                                /** @description the copy's (or the twin's) event id in the other mailbox */
                                copyId: string | null;
                                action: "create" | "update" | "delete" | "link" | "unlink" | "tombstone" | "baseline" | "skip" | "restore";
                                /** @description e.g. new original, original-changed, rules: <rule name> */
                                reason: string;
                                subjectHint: string | null;
                            }[];
                            /** @description more decisions: GET /api/decisions?profile=<id>&event=<eventId>&cursor=<this> */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Background jobs, newest first (status=running for those in progress) */
        get: {
            parameters: {
                query: {
                    status?: "queued" | "running" | "done" | "cancelled" | "failed";
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobs: {
                                id: string;
                                /**
                                 * @description profile_action: an action on a selection; apply_sync: a sync's runs, paced
                                 * @enum {unknown}
                                 */
                                kind: "profile_action" | "apply_sync";
                                /** @description start, pause, resume, resync, cleanup, remove; run for apply_sync */
                                action: string;
                                /** @enum {unknown} */
                                status: "queued" | "running" | "done" | "cancelled" | "failed";
                                /** @description profiles selected */
                                total: number;
                                /** @description profiles processed so far, failed ones included */
                                done: number;
                                /** @description profiles the action failed or was refused for */
                                failed: number;
                                /** @description a running job stops after its current batch */
                                cancelRequested: boolean;
                                /** @description every profile matching all the filters given */
                                filter: {
                                    /** @description the sync's id */
                                    sync?: string;
                                    /** @enum {unknown} */
                                    status?: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                                    /** @enum {unknown} */
                                    source?: "manual" | "import" | "group" | "config";
                                    /** @enum {unknown} */
                                    mailboxCheck?: "unverified" | "verified" | "invalid";
                                    /** @description part of the name or of either address */
                                    search?: string;
                                } | null;
                                mode: ("only_new" | "merge") | (never | null);
                                reason: string | null;
                                /** @description the sync an apply_sync job runs */
                                sync: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @description why the job itself failed (not one profile) */
                                error: string | null;
                                createdBy: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                startedAt: string | null;
                                /** Format: date-time */
                                finishedAt: string | null;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One background job: its progress and the first failures */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /**
                             * @description profile_action: an action on a selection; apply_sync: a sync's runs, paced
                             * @enum {unknown}
                             */
                            kind: "profile_action" | "apply_sync";
                            /** @description start, pause, resume, resync, cleanup, remove; run for apply_sync */
                            action: string;
                            /** @enum {unknown} */
                            status: "queued" | "running" | "done" | "cancelled" | "failed";
                            /** @description profiles selected */
                            total: number;
                            /** @description profiles processed so far, failed ones included */
                            done: number;
                            /** @description profiles the action failed or was refused for */
                            failed: number;
                            /** @description a running job stops after its current batch */
                            cancelRequested: boolean;
                            /** @description every profile matching all the filters given */
                            filter: {
                                /** @description the sync's id */
                                sync?: string;
                                /** @enum {unknown} */
                                status?: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                                /** @enum {unknown} */
                                source?: "manual" | "import" | "group" | "config";
                                /** @enum {unknown} */
                                mailboxCheck?: "unverified" | "verified" | "invalid";
                                /** @description part of the name or of either address */
                                search?: string;
                            } | null;
                            mode: ("only_new" | "merge") | (never | null);
                            reason: string | null;
                            /** @description the sync an apply_sync job runs */
                            sync: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description why the job itself failed (not one profile) */
                            error: string | null;
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            startedAt: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description the first 100 failures; failed counts them all */
                            failures: {
                                /** @description the profile's id */
                                id: string;
                                /** @description not_found, wrong_status, mailbox_unverified, sync_missing, profile_busy, cleanup_failed, internal_error */
                                code: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a background job: a queued one at once, a running one after its current batch */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /**
                             * @description profile_action: an action on a selection; apply_sync: a sync's runs, paced
                             * @enum {unknown}
                             */
                            kind: "profile_action" | "apply_sync";
                            /** @description start, pause, resume, resync, cleanup, remove; run for apply_sync */
                            action: string;
                            /** @enum {unknown} */
                            status: "queued" | "running" | "done" | "cancelled" | "failed";
                            /** @description profiles selected */
                            total: number;
                            /** @description profiles processed so far, failed ones included */
                            done: number;
                            /** @description profiles the action failed or was refused for */
                            failed: number;
                            /** @description a running job stops after its current batch */
                            cancelRequested: boolean;
                            /** @description every profile matching all the filters given */
                            filter: {
                                /** @description the sync's id */
                                sync?: string;
                                /** @enum {unknown} */
                                status?: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                                /** @enum {unknown} */
                                source?: "manual" | "import" | "group" | "config";
                                /** @enum {unknown} */
                                mailboxCheck?: "unverified" | "verified" | "invalid";
                                /** @description part of the name or of either address */
                                search?: string;
                            } | null;
                            mode: ("only_new" | "merge") | (never | null);
                            reason: string | null;
                            /** @description the sync an apply_sync job runs */
                            sync: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description why the job itself failed (not one profile) */
                            error: string | null;
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            startedAt: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/{syncId}/apply-now": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run every active profile of a sync now (after a settings change), as a paced background job
         * @description Queues a run of every active profile of the sync as a background job, so that their copies follow
         *     the sync's changed settings now rather than at each profile's next run. The runs are asked for at a steady
         *     pace (5 a second by default), so neither Graph nor the workers are flooded; the job's progress counts the
         *     runs asked for, and each run's result is in the history and the live update stream.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /**
                             * @description profile_action: an action on a selection; apply_sync: a sync's runs, paced
                             * @enum {unknown}
                             */
                            kind: "profile_action" | "apply_sync";
                            /** @description start, pause, resume, resync, cleanup, remove; run for apply_sync */
                            action: string;
                            /** @enum {unknown} */
                            status: "queued" | "running" | "done" | "cancelled" | "failed";
                            /** @description profiles selected */
                            total: number;
                            /** @description profiles processed so far, failed ones included */
                            done: number;
                            /** @description profiles the action failed or was refused for */
                            failed: number;
                            /** @description a running job stops after its current batch */
                            cancelRequested: boolean;
                            /** @description every profile matching all the filters given */
                            filter: {
                                /** @description the sync's id */
                                sync?: string;
                                /** @enum {unknown} */
                                status?: "draft" | "active" | "paused" | "error" | "needs_confirmation";
                                /** @enum {unknown} */
                                source?: "manual" | "import" | "group" | "config";
                                /** @enum {unknown} */
                                mailboxCheck?: "unverified" | "verified" | "invalid";
                                /** @description part of the name or of either address */
                                search?: string;
                            } | null;
                            mode: ("only_new" | "merge") | (never | null);
                            reason: string | null;
                            /** @description the sync an apply_sync job runs */
                            sync: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description why the job itself failed (not one profile) */
                            error: string | null;
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            startedAt: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Profiles per status with the latest reasons, change lag, Graph usage, subscription health */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            at: string;
                            /** @description the window of changeLag and of the connections' Graph counts */
                            windowMinutes: number;
                            profiles: {
                                total: number;
                                byStatus: {
                                    draft: number;
                                    active: number;
                                    paused: number;
                                    error: number;
                                    needs_confirmation: number;
                                };
                                /** @description the 5 most recently changed profiles of each status that waits for someone */
                                latestReasons: {
                                    error: {
                                        profile: {
                                            id: string;
                                            name: string;
                                        };
                                        sync: {
                                            id: string;
                                            name: string | null;
                                        };
                                        reason: string | null;
                                        /**
                                         * Format: date-time
                                         * @description when the profile last changed (its status or an edit)
                                         */
                                        since: string;
                                    }[];
                                    needs_confirmation: {
                                        profile: {
                                            id: string;
                                            name: string;
                                        };
                                        sync: {
                                            id: string;
                                            name: string | null;
                                        };
                                        reason: string | null;
                                        /**
                                         * Format: date-time
                                         * @description when the profile last changed (its status or an edit)
                                         */
                                        since: string;
                                    }[];
                                    paused: {
                                        profile: {
                                            id: string;
                                            name: string;
                                        };
                                        sync: {
                                            id: string;
                                            name: string | null;
                                        };
                                        reason: string | null;
                                        /**
                                         * Format: date-time
                                         * @description when the profile last changed (its status or an edit)
                                         */
                                        since: string;
                                    }[];
                                };
                            };
                            /** @description from a change notification to the end of the run that mirrored it, debounce included */
                            changeLag: {
                                /** @description runs of the window that mirrored a change notification */
                                runs: number;
                                p50Ms: number | null;
                                p99Ms: number | null;
                            };
                            connections: {
                                id: string;
                                name: string;
                                /** @enum {unknown} */
                                status: "unchecked" | "connected" | "bad_credentials" | "consent_missing" | "permission_missing" | "mailbox_out_of_scope" | "mailbox_not_found" | "tenant_not_found" | "unreachable" | "error";
                                connected: boolean;
                                statusReason: string | null;
                                /** Format: date-time */
                                checkedAt: string | null;
                                /** @description in the window, counted by every process (serve, its worker, crosscal worker) */
                                graph: {
                                    /** @description HTTP requests to Graph, retries included */
                                    requests: number;
                                    /** @description 429 answers, inner requests of a $batch included */
                                    throttled: number;
                                };
                            }[];
                            subscriptions: {
                                /** @description mailboxes an active profile (or one in error) reads */
                                watchedMailboxes: number;
                                subscriptions: number;
                                expiringWithinDay: number;
                                /** @description watched mailboxes without a subscription */
                                missing: number;
                                /**
                                 * Format: date-time
                                 * @description received by this serve process since it started
                                 */
                                lastNotificationAt: string | null;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live updates: profile status changes, finished runs and job progress, as Server-Sent Events
         * @description Server-Sent Events (text/event-stream) while the connection lasts; EventSource in a browser
         *     sends the session cookie, scripts send an API token (read tokens too). Events: profile (a profile's status or
         *     details changed: id, sync, name, status, statusReason, updatedAt), run (a run finished: id, profileId, trigger,
         *     outcome, counts, error, startedAt, finishedAt, lagMs), job (a background job progressed: id, kind, action,
         *     status, total, done, failed, cancelRequested, updatedAt), and reset (events since the Last-Event-ID sent are no
         *     longer known: read the state again). Every change made by any process appears within about a second; a comment
         *     line every 15 s keeps the connection open. At most 100 streams per server process: more answer 503
         *     too_many_streams.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an event stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Every 4xx and 5xx answer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": {
                            error: {
                                /** @description stable, machine-readable, e.g. session_expired */
                                code: string;
                                message: string;
                                /** @description the invalid input, e.g. body/password */
                                field?: string;
                            };
                        };
                    };
                };
            };
        };
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
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
