/**
 * Small OpenAPI documents the config tests share: each finding they expect is named beside it.
 */

/** oas3-schema (no info.version), path-params ({id} undeclared), no security, an operation no code serves. */
export const USERS_DOC = `openapi: 3.0.3
info:
  title: Users
paths:
  /users/{id}:
    get:
      operationId: getUser
      responses:
        '200':
          description: ok
`;
